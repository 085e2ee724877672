/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The domain builder's sequence of hypercalls (contract and the sequence
 * in dom_build.h). Decode, then act: the image and the layout are checked
 * before createdomain, so a bad kernel or too little memory creates
 * nothing; after it, one out: label destroys the domain on any failure.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/memory.h>

#include "dom_build.h"
#include "dom_load.h"

/* Frames asked of populate_physmap per call. */
#define POPULATE_BATCH 512

struct build {
    const struct ctl_hv *hv;
    const struct dom_build_request *req;
    struct dom_build_result *res;
    struct elf_xen_info info;
    struct pv_layout layout;
    xen_pfn_t *p2m;
    char *why;
    size_t why_len;
};

static int fail(struct build *b, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct build *b, int rc, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(b->why, b->why_len, fmt, ap);
    va_end(ap);
    if ( n >= 0 && (size_t)n < b->why_len && rc < 0 )
        snprintf(b->why + n, b->why_len - n, ": %s", strerror(-rc));
    return rc;
}

/* The image and the layout: everything that can be refused up front. */
static int check_image(struct build *b)
{
    const struct dom_build_request *req = b->req;
    const char *why = NULL;
    int rc;

    rc = elf_xen_parse(req->kernel, req->kernel_size, &b->info);
    if ( !rc )
        rc = elf_xen_check_pv64(&b->info, ELF_XEN_PV64_FEATURES, false);
    if ( rc )
    {
        snprintf(b->why, b->why_len, "kernel: %s%s", b->info.error,
                 rc == -ENOEXEC ? " (a bzImage? not supported yet: "
                                  "tools/extract-vmlinux makes an ELF)" : "");
        return rc;
    }
    if ( b->info.p2m_base != ELF_XEN_UNSET )
    {
        snprintf(b->why, b->why_len, "kernel: XEN_ELFNOTE_INIT_P2M is not "
                 "supported yet");
        return -EOPNOTSUPP;
    }
    rc = pv_layout_compute(&b->layout, b->info.virt_base, b->info.virt_kstart,
                           b->info.virt_kend, req->ramdisk_size,
                           req->memory_kib >> 2, &why);
    if ( rc )
        snprintf(b->why, b->why_len, "%s", why);
    return rc;
}

static int create_domain(struct build *b)
{
    struct xen_domctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_createdomain;
    op.domain = 0;                          /* Xen picks a free id */
    op.u.createdomain.flags = 0;            /* PV */
    memcpy(op.u.createdomain.handle, b->req->handle,
           sizeof(xen_domain_handle_t));
    op.u.createdomain.max_vcpus = b->req->max_vcpus;
    op.u.createdomain.max_evtchn_port = DOM_BUILD_MAX_EVTCHN_PORT;
    op.u.createdomain.max_grant_frames = -1;       /* Xen's default */
    op.u.createdomain.max_maptrack_frames = -1;
    op.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    rc = ctl_domctl(b->hv, &op);
    if ( rc )
        return fail(b, (int)rc, "domctl createdomain");
    b->res->domid = op.domain;
    return 0;
}

/* The limits libxl sets right after createdomain. */
static int configure_domain(struct build *b)
{
    struct xen_domctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_max_vcpus;
    op.domain = b->res->domid;
    op.u.max_vcpus.max = b->req->max_vcpus;     /* as createdomain's */
    rc = ctl_domctl(b->hv, &op);
    if ( rc )
        return fail(b, (int)rc, "domctl max_vcpus(%u)", b->req->max_vcpus);

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_max_mem;
    op.domain = b->res->domid;
    op.u.max_mem.max_memkb = b->req->maxmem_kib + DOM_BUILD_MAXMEM_SLACK_KIB;
    rc = ctl_domctl(b->hv, &op);
    if ( rc )
        return fail(b, (int)rc, "domctl max_mem");

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_set_address_size;
    op.domain = b->res->domid;
    op.u.address_size.size = 64;
    rc = ctl_domctl(b->hv, &op);
    return rc ? fail(b, (int)rc, "domctl set_address_size(64)") : 0;
}

/* populate_physmap: for a PV domain Xen returns the frames' mfns in place. */
static int populate(struct build *b)
{
    uint64_t nr = b->layout.nr_pages, done = 0, i;
    struct xen_memory_reservation r;
    long rc;

    b->p2m = calloc(nr, sizeof(*b->p2m));
    if ( !b->p2m )
        return fail(b, -ENOMEM, "p2m list");
    for ( i = 0; i < nr; i++ )
        b->p2m[i] = i;
    while ( done < nr )
    {
        memset(&r, 0, sizeof(r));
        r.nr_extents = nr - done < POPULATE_BATCH ? nr - done
                                                  : POPULATE_BATCH;
        r.extent_order = 0;
        r.domid = b->res->domid;
        set_xen_guest_handle(r.extent_start, b->p2m + done);
        rc = ctl_memory_op(b->hv, XENMEM_populate_physmap, &r);
        if ( rc < 0 )
            return fail(b, (int)rc, "memory_op populate_physmap");
        if ( rc == 0 )
            return fail(b, -ENOMEM, "memory_op populate_physmap: %llu of "
                        "%llu frames", (unsigned long long)done,
                        (unsigned long long)nr);
        done += (uint64_t)rc;
    }
    return 0;
}

static int alloc_unbound(struct build *b, evtchn_port_t *port,
                         const char *what)
{
    struct evtchn_alloc_unbound op = { .dom = b->res->domid, .remote_dom = 0 };
    long rc = ctl_evtchn_op(b->hv, EVTCHNOP_alloc_unbound, &op);

    if ( rc )
        return fail(b, (int)rc, "event_channel_op alloc_unbound (%s)", what);
    *port = op.port;
    return 0;
}

/* Map the region, fill it, unmap it (before the pin: no writable maps). */
static int load(struct build *b, const struct pv_start_devices *dev)
{
    const struct pv_layout *l = &b->layout;
    unsigned int n = (unsigned int)l->bootstrap_pages;
    int rc = 0;
    void *region = b->hv->map_foreign(b->hv, b->res->domid, b->p2m, n, &rc);

    if ( !region )
        return fail(b, rc, "mapping the domain's first %u frames", n);
    memset(region, 0, (size_t)n << PV_PAGE_SHIFT);
    rc = dom_load_region(region, l, b->req->kernel, b->req->kernel_size,
                         &b->info, b->req->ramdisk, b->p2m, dev);
    b->hv->unmap_foreign(b->hv, region, n);
    return rc ? fail(b, rc, "loading the kernel: %s",
                     b->info.error ? b->info.error : "segment outside "
                                                      "its mapping")
              : 0;
}

static uint64_t pfn_of_virt(const struct build *b, uint64_t virt)
{
    return (virt - b->layout.virt_base) >> PV_PAGE_SHIFT;
}

static int start_vcpu(struct build *b)
{
    const struct pv_layout *l = &b->layout;
    struct vcpu_guest_context ctxt;
    struct mmuext_op pin;
    struct xen_domctl op;
    long rc;

    if ( b->info.virt_hypercall != ELF_XEN_UNSET )
    {
        memset(&op, 0, sizeof(op));
        op.cmd = XEN_DOMCTL_hypercall_init;
        op.domain = b->res->domid;
        op.u.hypercall_init.gmfn =
            b->p2m[pfn_of_virt(b, b->info.virt_hypercall)];
        rc = ctl_domctl(b->hv, &op);
        if ( rc )
            return fail(b, (int)rc, "domctl hypercall_init");
    }

    memset(&pin, 0, sizeof(pin));
    pin.cmd = MMUEXT_PIN_L4_TABLE;
    pin.arg1.mfn = b->p2m[l->pt_pfn];
    rc = ctl_mmuext_op(b->hv, &pin, 1, b->res->domid);
    if ( rc )
        return fail(b, (int)rc, "mmuext_op pin_l4_table(mfn %#lx)",
                    (unsigned long)pin.arg1.mfn);

    pv_vcpu_context_fill(&ctxt, l, b->p2m, b->info.virt_entry);
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_setvcpucontext;
    op.domain = b->res->domid;
    op.u.vcpucontext.vcpu = 0;
    set_xen_guest_handle(op.u.vcpucontext.ctxt, &ctxt);
    rc = ctl_domctl(b->hv, &op);
    return rc ? fail(b, (int)rc, "domctl setvcpucontext") : 0;
}

static int build_domain(struct build *b)
{
    struct xen_domctl_getdomaininfo info;
    struct pv_start_devices dev = {
        .ramdisk_bytes = b->req->ramdisk_size,
        .cmdline = b->req->cmdline,
    };
    long rc;

    rc = configure_domain(b);
    if ( !rc )
        rc = populate(b);
    if ( !rc && (rc = ctl_domain_info(b->hv, b->res->domid, &info)) )
        fail(b, (int)rc, "domctl getdomaininfo");
    if ( !rc )
        rc = alloc_unbound(b, &b->res->console_evtchn, "console");
    if ( !rc )
        rc = alloc_unbound(b, &b->res->store_evtchn, "xenstore");
    if ( rc )
        return (int)rc;

    b->res->console_mfn = b->p2m[b->layout.console_pfn];
    b->res->store_mfn = b->p2m[b->layout.store_pfn];
    dev.shared_info_maddr = info.shared_info_frame << PV_PAGE_SHIFT;
    dev.console_mfn = b->res->console_mfn;
    dev.console_evtchn = b->res->console_evtchn;
    dev.store_mfn = b->res->store_mfn;
    dev.store_evtchn = b->res->store_evtchn;
    rc = load(b, &dev);
    return rc ? (int)rc : start_vcpu(b);
}

int dom_build(const struct ctl_hv *hv, const struct dom_build_request *req,
              struct dom_build_result *res, char *why, size_t why_len)
{
    struct build b = {
        .hv = hv, .req = req, .res = res, .why = why, .why_len = why_len,
    };
    int rc;

    memset(res, 0, sizeof(*res));
    why[0] = '\0';
    rc = check_image(&b);
    if ( rc )
        return rc;
    rc = create_domain(&b);
    if ( rc )
        return rc;
    rc = build_domain(&b);
    if ( rc )
        ctl_domain_destroy(hv, res->domid);
    free(b.p2m);
    return rc;
}
