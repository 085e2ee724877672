/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whose frames an MMU hypercall works on: the foreigndom argument of
 * mmu_update and mmuext_op, the domid of update_va_mapping_otherdomain
 * (Xen 4.17's get_pg_owner(), xen/arch/x86/mm.c; hv/arch/x86/mm/
 * pg_owner.c). Permission is the caller's to check (a foreign owner needs
 * a privileged caller, Xen's XSM_TARGET default).
 */
#ifndef ASM_PG_OWNER_H
#define ASM_PG_OWNER_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>
#include <xen/xen.h>

struct domain;

/*
 * The owner dom names: DOMID_SELF is the caller's domain; DOMID_XEN and
 * DOMID_IO give *out = NULL (they own no frame a guest may map or pin
 * here); another domain's id gives that domain, unless it does not exist
 * or is dying (its frames are being given back); the caller's own id
 * named explicitly is refused, as in Xen. Returns 0 with *out referenced
 * (or NULL), or -ESRCH. Context: hypercall.
 */
int __must_check pg_owner_get(domid_t dom, struct domain **out);

/*
 * A domain that owns no frame and has no privilege, for where DOMID_XEN
 * or DOMID_IO must be passed as a page owner: every frame check fails.
 */
struct domain *pg_owner_nobody(void);

/* Drop what pg_owner_get() took; NULL is fine. */
void pg_owner_put(struct domain *d);

#endif /* ASM_PG_OWNER_H */
