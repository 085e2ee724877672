/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_event_channel_op: one table of {argument size, copy back?,
 * handler}; the wrapper copies the argument in, runs the handler on the
 * kernel copy and copies it back. As in Xen 4.17, an operation whose
 * result cannot be copied back stays done and the guest gets -EFAULT
 * ("cleaning up here would be a mess": the guest may still close the
 * port). An ordinary domain names only its own ports (DOMID_SELF or its
 * own id); the control domain may name any domain's. A domain named is
 * referenced while the operation runs.
 *
 * FIFO event channels are not implemented: EVTCHNOP_init_control answers
 * -ENOSYS (Differs from Xen, which switches the domain to FIFO; Linux
 * then stays with 2-level) and expand_array -EOPNOTSUPP, Xen's answer to
 * a 2-level domain. bind_pirq waits for physdev (-ENOSYS).
 */
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>

/*
 * Xen's continuation of a preempted reset; the public header shows it only
 * to Xen itself, but a guest may pass the number.
 */
#define EVTCHNOP_RESET_CONT 14

union evtchn_op_arg {
    struct evtchn_alloc_unbound alloc_unbound;
    struct evtchn_bind_interdomain bind_interdomain;
    struct evtchn_bind_virq bind_virq;
    struct evtchn_bind_ipi bind_ipi;
    struct evtchn_close close;
    struct evtchn_send send;
    struct evtchn_status status;
    struct evtchn_bind_vcpu bind_vcpu;
    struct evtchn_unmask unmask;
    struct evtchn_reset reset;
    struct evtchn_init_control init_control;
    struct evtchn_expand_array expand_array;
    struct evtchn_set_priority set_priority;
};

struct evtchn_op_desc {
    size_t size;
    bool copy_back;
    int (*handler)(struct domain *d, union evtchn_op_arg *a);
};

/*
 * The domain a guest names (Xen's rcu_lock_domain_by_any_id()), NULL if
 * none; referenced, the caller drops it with domain_put() when the
 * operation is done.
 */
static struct domain *lookup_domain(struct domain *curr, domid_t dom)
{
    return dom == DOMID_SELF ? domain_get_by_any_id(DOMID_SELF)
                             : domain_get_by_id(dom);
}

/*
 * Xen 4.17 checks the permission after the port lookup (an unprivileged
 * caller may see -ENOSPC or -EINVAL for another domain). Differs from
 * Xen: we check it first, so such a caller learns nothing about, and
 * allocates nothing in, a domain it may not touch (XEN-DIFFERENCES.md).
 */
static int may_act_on(const struct domain *curr, const struct domain *d)
{
    return curr == d || control_permitted(curr) ? 0 : -EPERM;
}

static int op_alloc_unbound(struct domain *curr, union evtchn_op_arg *a)
{
    struct evtchn_alloc_unbound *op = &a->alloc_unbound;
    struct domain *d = lookup_domain(curr, op->dom);
    /* Xen 4.17: DOMID_SELF is the caller, even on behalf of another. */
    domid_t remote = op->remote_dom == DOMID_SELF ? curr->domain_id
                                                  : op->remote_dom;
    int rc;

    if ( !d )
        return -ESRCH;
    rc = may_act_on(curr, d);
    if ( !rc )
        rc = evtchn_alloc_unbound(d, remote, &op->port);
    domain_put(d);
    return rc;
}

static int op_bind_interdomain(struct domain *curr, union evtchn_op_arg *a)
{
    struct evtchn_bind_interdomain *op = &a->bind_interdomain;
    struct domain *rd = lookup_domain(curr, op->remote_dom);
    int rc;

    if ( !rd )
        return -ESRCH;
    rc = evtchn_bind_interdomain(curr, rd, op->remote_port, &op->local_port);
    domain_put(rd);
    return rc;
}

static int op_bind_virq(struct domain *d, union evtchn_op_arg *a)
{
    return evtchn_bind_virq(d, a->bind_virq.virq, a->bind_virq.vcpu,
                            &a->bind_virq.port);
}

static int op_bind_ipi(struct domain *d, union evtchn_op_arg *a)
{
    return evtchn_bind_ipi(d, a->bind_ipi.vcpu, &a->bind_ipi.port);
}

static int op_close(struct domain *d, union evtchn_op_arg *a)
{
    return evtchn_close(d, a->close.port);
}

static int op_send(struct domain *d, union evtchn_op_arg *a)
{
    return evtchn_send(d, a->send.port);
}

static int op_status(struct domain *curr, union evtchn_op_arg *a)
{
    struct domain *d = lookup_domain(curr, a->status.dom);
    int rc;

    if ( !d )
        return -ESRCH;
    rc = may_act_on(curr, d);
    if ( !rc )
        rc = evtchn_status(d, &a->status);
    domain_put(d);
    return rc;
}

static int op_bind_vcpu(struct domain *d, union evtchn_op_arg *a)
{
    return evtchn_bind_vcpu(d, a->bind_vcpu.port, a->bind_vcpu.vcpu);
}

static int op_unmask(struct domain *d, union evtchn_op_arg *a)
{
    return evtchn_unmask(d, a->unmask.port);
}

/*
 * Xen 4.17: another domain's ports only while its controller paused it.
 * On success *out is referenced (the caller puts it).
 */
static int reset_target(struct domain *curr, domid_t dom, struct domain **out)
{
    struct domain *d = lookup_domain(curr, dom);
    int rc;

    if ( !d )
        return -ESRCH;
    rc = may_act_on(curr, d);
    if ( rc == 0 && d != curr && !domain_paused_by_controller(d) )
        rc = -EINVAL;
    if ( rc )
        domain_put(d);
    else
        *out = d;
    return rc;
}

static int op_reset(struct domain *curr, union evtchn_op_arg *a)
{
    struct domain *d;
    int rc = reset_target(curr, a->reset.dom, &d);

    if ( rc )
        return rc;
    rc = evtchn_reset(d);
    domain_put(d);
    return rc;
}

/* Our reset never stops half-way, so there is nothing to continue (Xen). */
static int op_reset_cont(struct domain *curr, union evtchn_op_arg *a)
{
    struct domain *d;
    int rc = reset_target(curr, a->reset.dom, &d);

    if ( rc )
        return rc;
    domain_put(d);
    return -EBUSY;
}

static int op_init_control(struct domain *d, union evtchn_op_arg *a)
{
    return -ENOSYS;
}

static int op_expand_array(struct domain *d, union evtchn_op_arg *a)
{
    return -EOPNOTSUPP;
}

static int op_set_priority(struct domain *d, union evtchn_op_arg *a)
{
    return evtchn_set_priority(d, a->set_priority.port);
}

#define OP(cmd, type, back, fn) [cmd] = { sizeof(struct type), back, fn }

static const struct evtchn_op_desc evtchn_ops[] = {
    OP(EVTCHNOP_bind_interdomain, evtchn_bind_interdomain, true,
       op_bind_interdomain),
    OP(EVTCHNOP_bind_virq, evtchn_bind_virq, true, op_bind_virq),
    OP(EVTCHNOP_close, evtchn_close, false, op_close),
    OP(EVTCHNOP_send, evtchn_send, false, op_send),
    OP(EVTCHNOP_status, evtchn_status, true, op_status),
    OP(EVTCHNOP_alloc_unbound, evtchn_alloc_unbound, true, op_alloc_unbound),
    OP(EVTCHNOP_bind_ipi, evtchn_bind_ipi, true, op_bind_ipi),
    OP(EVTCHNOP_bind_vcpu, evtchn_bind_vcpu, false, op_bind_vcpu),
    OP(EVTCHNOP_unmask, evtchn_unmask, false, op_unmask),
    OP(EVTCHNOP_reset, evtchn_reset, false, op_reset),
    OP(EVTCHNOP_init_control, evtchn_init_control, true, op_init_control),
    OP(EVTCHNOP_expand_array, evtchn_expand_array, false, op_expand_array),
    OP(EVTCHNOP_set_priority, evtchn_set_priority, false, op_set_priority),
    OP(EVTCHNOP_RESET_CONT, evtchn_reset, false, op_reset_cont),
};

long do_event_channel_op(unsigned long cmd, unsigned long arg,
                         unsigned long a3, unsigned long a4, unsigned long a5)
{
    struct domain *d = current->domain;
    const struct evtchn_op_desc *op;
    union evtchn_op_arg buf;
    int rc;

    /* Xen takes cmd as an int: the upper half of the register is ignored. */
    cmd = (uint32_t)cmd;
    if ( cmd >= ARRAY_SIZE(evtchn_ops) || !evtchn_ops[cmd].handler )
        return -ENOSYS;
    op = &evtchn_ops[cmd];
    if ( copy_from_guest(&buf, arg, op->size) )
        return -EFAULT;
    rc = op->handler(d, &buf);
    if ( rc == 0 && op->copy_back && copy_to_guest(arg, &buf, op->size) )
        return -EFAULT;
    return rc;
}
