/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XEN_DOMCTL_hypercall_init (domctl_ops.h): write the hypercall page into
 * a frame of the domain, which a domain builder in dom0 asks for once it
 * has loaded the kernel (Xen 4.17's arch_do_domctl()). For a PV domain
 * gmfn is a machine frame: it must be the domain's (-EINVAL) and able to
 * take a writable type, so not a page table or descriptor page (-EPERM).
 */
#include <asm/page.h>
#include <asm/pv.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include "domctl_ops.h"

long domctl_hypercall_init(struct domain *d, struct xen_domctl *op)
{
    mfn_t mfn = _mfn(op->u.hypercall_init.gmfn);
    struct page_info *pg;

    if ( !mfn_valid(mfn) || !page_owned_by(mfn_to_page(mfn), d) )
        return -EINVAL;
    if ( get_page_and_type(mfn, d, PGT_WRITABLE_PAGE, &pg) )
        return -EPERM;
    pv_hypercall_page_fill(maddr_to_virt(mfn_to_maddr(mfn)));
    put_page_and_type(pg);
    return 0;
}
