/* SPDX-License-Identifier: GPL-2.0-only */
/* The toolstack tests' fake hypervisor (contract in fake_ctl_hv.h). */
#include <errno.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/version.h>

#include "fake_ctl_hv.h"

struct fake_hv fake;

struct fake_domain *fake_domain(domid_t domid)
{
    unsigned int i;

    for ( i = 0; i < FAKE_MAX_DOMAINS; i++ )
        if ( fake.doms[i].exists && fake.doms[i].domid == domid )
            return &fake.doms[i];
    return NULL;
}

unsigned int fake_domu_count(void)
{
    unsigned int i, n = 0;

    for ( i = 1; i < FAKE_MAX_DOMAINS; i++ )
        n += fake.doms[i].exists;
    return n;
}

void *fake_frame(xen_pfn_t mfn)
{
    return fake.frames + (mfn - FAKE_FIRST_MFN) * 4096;
}

static bool injected(unsigned int op, unsigned int cmd, long *rc)
{
    if ( fake.fail_op != op || fake.fail_cmd != cmd )
        return false;
    fake.fail_op = 0;
    *rc = fake.fail_rc;
    return true;
}

static void fill_info(const struct fake_domain *d,
                      struct xen_domctl_getdomaininfo *info)
{
    memset(info, 0, sizeof(*info));
    info->domain = d->domid;
    info->flags = d->domid == 0 ? XEN_DOMINF_running
                  : d->paused ? XEN_DOMINF_paused : XEN_DOMINF_blocked;
    if ( d->shutdown )
        info->flags |= XEN_DOMINF_shutdown;
    info->tot_pages = d->domid == 0 ? 131072 : d->nr_pages;
    info->max_pages = d->max_memkb / 4;
    info->shared_info_frame = 0x777 + d->domid;
    info->nr_online_vcpus = 1;
    info->max_vcpu_id = d->max_vcpus ? d->max_vcpus - 1 : 0;
    memcpy(info->handle, d->handle, sizeof(info->handle));
}

static long domctl_create(struct xen_domctl *op)
{
    const struct xen_domctl_createdomain *c = &op->u.createdomain;
    unsigned int i;

    if ( c->flags || !c->max_vcpus || c->max_evtchn_port == 0 )
        return -EINVAL;
    for ( i = 1; i < FAKE_MAX_DOMAINS && fake.doms[i].exists; i++ )
        ;
    if ( i == FAKE_MAX_DOMAINS )
        return -ENOMEM;
    memset(&fake.doms[i], 0, sizeof(fake.doms[i]));
    fake.doms[i].exists = fake.doms[i].paused = true;
    fake.doms[i].domid = (domid_t)i;
    fake.doms[i].max_vcpus = c->max_vcpus;
    fake.doms[i].next_port = 1;
    memcpy(fake.doms[i].handle, c->handle, sizeof(c->handle));
    op->domain = (domid_t)i;
    return 0;
}

/* Xen's getdomaininfo: the first domain at or above op->domain. */
static long domctl_getdomaininfo(struct xen_domctl *op)
{
    unsigned int id;

    for ( id = op->domain; id < FAKE_MAX_DOMAINS; id++ )
        if ( fake_domain((domid_t)id) )
        {
            fill_info(fake_domain((domid_t)id), &op->u.getdomaininfo);
            op->domain = (domid_t)id;
            return 0;
        }
    return -ESRCH;
}

static long domctl_on(struct fake_domain *d, struct xen_domctl *op)
{
    switch ( op->cmd )
    {
    case XEN_DOMCTL_max_vcpus:
        return op->u.max_vcpus.max == d->max_vcpus ? 0 : -EINVAL;
    case XEN_DOMCTL_max_mem:
        d->max_memkb = op->u.max_mem.max_memkb;
        return 0;
    case XEN_DOMCTL_set_address_size:
        d->address_size = op->u.address_size.size;
        return 0;
    case XEN_DOMCTL_hypercall_init:
        d->hypercall_mfn = op->u.hypercall_init.gmfn;
        return 0;
    case XEN_DOMCTL_setvcpucontext:
        memcpy(&d->ctxt, op->u.vcpucontext.ctxt.p, sizeof(d->ctxt));
        d->vcpu_set = true;
        return 0;
    case XEN_DOMCTL_pausedomain:
        d->paused = true;
        return 0;
    case XEN_DOMCTL_unpausedomain:
        d->paused = false;
        return 0;
    case XEN_DOMCTL_destroydomain:
        if ( d->domid == 0 )
            return -EINVAL;
        d->exists = false;
        fake.destroys++;
        return 0;
    case XEN_DOMCTL_getvcpuinfo:
        if ( op->u.getvcpuinfo.vcpu >= d->max_vcpus && d->domid )
            return -EINVAL;
        op->u.getvcpuinfo.online = op->u.getvcpuinfo.vcpu == 0;
        op->u.getvcpuinfo.running = d->domid == 0;
        op->u.getvcpuinfo.cpu_time = 2500000000ULL;
        return 0;
    case XEN_DOMCTL_scheduler_op:
        if ( op->u.scheduler_op.sched_id != fake.sched_id )
            return -EINVAL;
        if ( op->u.scheduler_op.cmd == XEN_DOMCTL_SCHEDOP_putinfo )
            memcpy(&d->bvt, &op->u.scheduler_op.u, sizeof(d->bvt));
        else
            memcpy(&op->u.scheduler_op.u, &d->bvt, sizeof(d->bvt));
        return 0;
    }
    return -ENOSYS;
}

static long fake_domctl(struct xen_domctl *op)
{
    struct fake_domain *d;
    long rc;

    if ( op->interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( injected(__HYPERVISOR_domctl, op->cmd, &rc) )
        return rc;
    if ( op->cmd == XEN_DOMCTL_createdomain )
        return domctl_create(op);
    if ( op->cmd == XEN_DOMCTL_getdomaininfo )
        return domctl_getdomaininfo(op);
    d = fake_domain(op->domain);
    return d ? domctl_on(d, op) : -ESRCH;
}

static long fake_sysctl(struct xen_sysctl *op)
{
    struct xen_sysctl_getdomaininfolist *l = &op->u.getdomaininfolist;
    struct xen_domctl_getdomaininfo *buf;
    unsigned int id, n = 0;
    long rc;

    if ( op->interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( injected(__HYPERVISOR_sysctl, op->cmd, &rc) )
        return rc;
    switch ( op->cmd )
    {
    case XEN_SYSCTL_physinfo:
        op->u.physinfo.nr_cpus = 1;
        op->u.physinfo.nr_nodes = 1;
        op->u.physinfo.cpu_khz = 2000000;
        op->u.physinfo.total_pages = 262144;     /* 1 GiB */
        op->u.physinfo.free_pages = 131072;
        return 0;
    case XEN_SYSCTL_sched_id:
        op->u.sched_id.sched_id = fake.sched_id;
        return 0;
    case XEN_SYSCTL_readconsole:
        rc = (long)strlen(fake.console_log);
        if ( rc > (long)op->u.readconsole.count )
            rc = op->u.readconsole.count;
        memcpy(op->u.readconsole.buffer.p, fake.console_log, (size_t)rc);
        op->u.readconsole.count = (uint32_t)rc;
        if ( op->u.readconsole.clear )
            fake.console_log[0] = '\0';
        return 0;
    case XEN_SYSCTL_getdomaininfolist:
        buf = l->buffer.p;
        for ( id = l->first_domain; id < FAKE_MAX_DOMAINS &&
                                    n < l->max_domains; id++ )
            if ( fake_domain((domid_t)id) )
                fill_info(fake_domain((domid_t)id), &buf[n++]);
        l->num_domains = n;
        return 0;
    }
    return -ENOSYS;
}

/* populate_physmap: consecutive fresh frames, written over the list. */
static long fake_populate(struct xen_memory_reservation *r)
{
    struct fake_domain *d = fake_domain(r->domid);
    xen_pfn_t *list = r->extent_start.p;
    unsigned long i;

    if ( !d || r->extent_order )
        return -EINVAL;
    if ( !d->nr_pages )
        d->first_mfn = fake.next_mfn;
    if ( (d->nr_pages + r->nr_extents) * 4 > d->max_memkb ||
         fake.next_mfn + r->nr_extents > FAKE_FIRST_MFN + FAKE_FRAMES )
        return 0;
    for ( i = 0; i < r->nr_extents; i++ )
        list[i] = fake.next_mfn++;
    d->nr_pages += r->nr_extents;
    return (long)r->nr_extents;
}

static long fake_evtchn(unsigned int cmd, void *arg)
{
    struct evtchn_alloc_unbound *a = arg;
    struct fake_domain *d;

    if ( cmd != EVTCHNOP_alloc_unbound )
        return -ENOSYS;
    d = fake_domain(a->dom);
    if ( !d || a->remote_dom != 0 )
        return -ESRCH;
    a->port = d->next_port++;
    return 0;
}

static long fake_mmuext(struct mmuext_op *ops, unsigned int count,
                        domid_t foreigndom)
{
    struct fake_domain *d = fake_domain(foreigndom);

    if ( count != 1 || !d || ops->cmd != MMUEXT_PIN_L4_TABLE ||
         ops->arg1.mfn < d->first_mfn ||
         ops->arg1.mfn >= d->first_mfn + d->nr_pages )
        return -EINVAL;
    if ( fake.maps_live )
        return -EINVAL;         /* Xen: a writable mapping blocks the pin */
    d->pinned_l4 = ops->arg1.mfn;
    return 0;
}

static long fake_sched(unsigned int cmd, void *arg)
{
    struct sched_remote_shutdown *s = arg;
    struct fake_domain *d;

    if ( cmd != SCHEDOP_remote_shutdown )
        return -ENOSYS;
    d = fake_domain(s->domain_id);
    if ( !d || !s->domain_id )
        return -EINVAL;
    d->shutdown = true;
    return 0;
}

static long fake_version(unsigned int cmd, void *arg)
{
    switch ( cmd )
    {
    case XENVER_version:
        return (4 << 16) | 17;
    case XENVER_extraversion:
        strcpy(arg, ".7");
        return 0;
    case XENVER_pagesize:
        return 4096;
    }
    return -ENOSYS;
}

static long fake_hypercall(const struct ctl_hv *hv, unsigned int op,
                           uint64_t a1, uint64_t a2, uint64_t a3,
                           uint64_t a4, uint64_t a5)
{
    long rc;

    switch ( op )
    {
    case __HYPERVISOR_domctl:
        return fake_domctl((void *)(uintptr_t)a1);
    case __HYPERVISOR_sysctl:
        return fake_sysctl((void *)(uintptr_t)a1);
    case __HYPERVISOR_memory_op:
        if ( injected(op, (unsigned int)a1, &rc) )
            return rc;
        return a1 == XENMEM_populate_physmap
               ? fake_populate((void *)(uintptr_t)a2) : -ENOSYS;
    case __HYPERVISOR_event_channel_op:
        if ( injected(op, (unsigned int)a1, &rc) )
            return rc;
        return fake_evtchn((unsigned int)a1, (void *)(uintptr_t)a2);
    case __HYPERVISOR_mmuext_op:
        if ( injected(op, 0, &rc) )
            return rc;
        return fake_mmuext((void *)(uintptr_t)a1, (unsigned int)a2,
                           (domid_t)a4);
    case __HYPERVISOR_sched_op:
        return fake_sched((unsigned int)a1, (void *)(uintptr_t)a2);
    case __HYPERVISOR_xen_version:
        return fake_version((unsigned int)a1, (void *)(uintptr_t)a2);
    }
    return -ENOSYS;
}

/* Frames of one domain, consecutive: a real pointer into fake memory. */
static void *fake_map(const struct ctl_hv *hv, domid_t domid,
                      const xen_pfn_t *mfns, unsigned int n, int *rc)
{
    struct fake_domain *d = fake_domain(domid);
    unsigned int i;

    *rc = -EINVAL;
    if ( !d || !n )
        return NULL;
    for ( i = 0; i < n; i++ )
        if ( mfns[i] != mfns[0] + i || mfns[i] < d->first_mfn ||
             mfns[i] >= d->first_mfn + d->nr_pages )
            return NULL;
    *rc = 0;
    fake.maps_live++;
    return fake_frame(mfns[0]);
}

static void fake_unmap(const struct ctl_hv *hv, void *addr, unsigned int n)
{
    fake.maps_live--;
}

static int fake_evtchn_bind(const struct ctl_hv *hv, domid_t domid,
                            evtchn_port_t remote, evtchn_port_t *local)
{
    *local = 40 + remote;
    return fake_domain(domid) ? 0 : -ESRCH;
}

static int fake_evtchn_notify(const struct ctl_hv *hv, evtchn_port_t local)
{
    return 0;
}

/* Nothing ever fires: each wait is a timeout (the attach loop's tick). */
static int fake_evtchn_wait(const struct ctl_hv *hv, int input_fd,
                            int timeout_ms, evtchn_port_t *port)
{
    return CTL_EVTCHN_TIMEOUT;
}

static void fake_evtchn_unbind(const struct ctl_hv *hv, evtchn_port_t local)
{
}

void fake_hv_reset(void)
{
    if ( !fake.frames )
        fake.frames = calloc(FAKE_FRAMES, 4096);
    memset(fake.doms, 0, sizeof(fake.doms));
    fake.doms[0].exists = true;
    fake.doms[0].max_vcpus = 1;
    fake.next_mfn = FAKE_FIRST_MFN;
    fake.sched_id = XEN_SCHEDULER_CREDIT;
    fake.fail_op = fake.fail_cmd = 0;
    fake.destroys = fake.maps_live = 0;
    strcpy(fake.console_log, "(XEN) hello from the fake\n");
    fake.hv = (struct ctl_hv){
        .hypercall = fake_hypercall,
        .map_foreign = fake_map,
        .unmap_foreign = fake_unmap,
        .evtchn_bind = fake_evtchn_bind,
        .evtchn_notify = fake_evtchn_notify,
        .evtchn_wait = fake_evtchn_wait,
        .evtchn_unbind = fake_evtchn_unbind,
    };
}
