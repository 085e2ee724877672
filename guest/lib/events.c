/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event callback registration, the two-level pending scan and the
 * EVTCHNOP wrappers (xen/include/public/xen.h, "Event channels";
 * xen/include/public/event_channel.h). evtchn_upcall_pending says "look",
 * evtchn_pending_sel says which words of shared_info's evtchn_pending to
 * look at. Clearing follows the order Xen's setting implies: upcall_pending
 * first, then the selector, then the ports, so an event that arrives
 * meanwhile sets them all again.
 */
#include <guest/arch/atomic.h>
#include <guest/events.h>
#include <guest/time.h>
#include <guest/hypercall.h>
#include <guest/setup.h>

#define BITS_PER_WORD (8 * sizeof(unsigned long))

static unsigned long ports_seen, upcalls, unmasked_entries;
static uint16_t port_counts[GUEST_EVENTS_TRACKED_PORTS];
static struct vcpu_info *current_vcpu_info;
static void (*port_hook)(evtchn_port_t port);
static bool in_callback;

static void register_callback(uint16_t type, void (*entry)(void))
{
    struct callback_register cb = {
        .type = type,
        .address = (unsigned long)entry,
    };
    long rc = hypercall_callback_op(CALLBACKOP_register, &cb);

    if ( rc )
        guest_panic("callback_op register type %u: %ld", type, rc);
}

void guest_events_init(void)
{
    register_callback(CALLBACKTYPE_event, guest_event_entry);
    register_callback(CALLBACKTYPE_failsafe, guest_failsafe_entry);
}

struct vcpu_info *guest_events_vcpu_info(void)
{
    return current_vcpu_info ? current_vcpu_info : guest_vcpu_info();
}

void guest_events_use_vcpu_info(struct vcpu_info *vi)
{
    current_vcpu_info = vi;
}

static void record_port(unsigned int port)
{
    ports_seen++;
    if ( port < GUEST_EVENTS_TRACKED_PORTS )
        port_counts[port]++;
    if ( in_callback && port_hook )
        port_hook(port);
}

void guest_events_on_port(void (*hook)(evtchn_port_t port))
{
    port_hook = hook;
}

/* Clear upcall_pending, the selector, then each pending unmasked port. */
static void scan(struct vcpu_info *vi)
{
    unsigned long sel, pending;
    unsigned int word;

    vi->evtchn_upcall_pending = 0;
    sel = guest_xchg(&vi->evtchn_pending_sel, 0);
    while ( sel )
    {
        word = guest_lowest_bit(sel);
        sel &= sel - 1;
        pending = guest_shared_info->evtchn_pending[word] &
                  ~guest_shared_info->evtchn_mask[word];
        guest_clear_bits(&guest_shared_info->evtchn_pending[word], pending);
        for ( ; pending; pending &= pending - 1 )
            record_port(word * BITS_PER_WORD + guest_lowest_bit(pending));
    }
}

void guest_events_handle(void)
{
    struct vcpu_info *vi = guest_events_vcpu_info();

    upcalls++;
    if ( !vi->evtchn_upcall_mask )
        unmasked_entries++;
    in_callback = true;
    scan(vi);
    in_callback = false;
}

void guest_events_consume(void)
{
    scan(guest_events_vcpu_info());
}

unsigned long guest_events_count(void)
{
    return ports_seen;
}

unsigned long guest_events_upcalls(void)
{
    return upcalls;
}

unsigned int guest_events_port_count(evtchn_port_t port)
{
    return port < GUEST_EVENTS_TRACKED_PORTS ? port_counts[port] : 0;
}

unsigned long guest_events_unmasked_entries(void)
{
    return unmasked_entries;
}

void guest_events_forget(void)
{
    unsigned int i;

    for ( i = 0; i < GUEST_EVENTS_TRACKED_PORTS; i++ )
        port_counts[i] = 0;
}

void guest_events_enable(void)
{
    struct vcpu_info *vi = guest_events_vcpu_info();

    vi->evtchn_upcall_mask = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    /* Any hypercall's return path delivers what is pending. */
    if ( vi->evtchn_upcall_pending )
        hypercall_xen_version(XENVER_version, NULL);
}

void guest_events_disable(void)
{
    guest_events_vcpu_info()->evtchn_upcall_mask = 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static unsigned long *port_word(unsigned long *bitmap, evtchn_port_t port)
{
    return &bitmap[port / BITS_PER_WORD];
}

static unsigned long port_bit(evtchn_port_t port)
{
    return 1UL << (port % BITS_PER_WORD);
}

bool guest_evtchn_is_pending(evtchn_port_t port)
{
    return *port_word(guest_shared_info->evtchn_pending, port) &
           port_bit(port);
}

bool guest_evtchn_is_masked(evtchn_port_t port)
{
    return *port_word(guest_shared_info->evtchn_mask, port) & port_bit(port);
}

void guest_evtchn_mask(evtchn_port_t port)
{
    __atomic_fetch_or(port_word(guest_shared_info->evtchn_mask, port),
                      port_bit(port), __ATOMIC_SEQ_CST);
}

void guest_evtchn_clear(evtchn_port_t port)
{
    guest_clear_bits(port_word(guest_shared_info->evtchn_pending, port),
                     port_bit(port));
}

static int evtchn_op(int cmd, void *arg)
{
    return (int)hypercall_event_channel_op(cmd, arg);
}

int guest_evtchn_alloc_unbound(domid_t remote_dom, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = {
        .dom = DOMID_SELF,
        .remote_dom = remote_dom,
    };
    int rc = evtchn_op(EVTCHNOP_alloc_unbound, &op);

    if ( rc == 0 )
        *port = op.port;
    return rc;
}

int guest_evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu };
    int rc = evtchn_op(EVTCHNOP_bind_virq, &op);

    if ( rc == 0 )
        *port = op.port;
    return rc;
}

int guest_evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi op = { .vcpu = vcpu };
    int rc = evtchn_op(EVTCHNOP_bind_ipi, &op);

    if ( rc == 0 )
        *port = op.port;
    return rc;
}

int guest_evtchn_bind_loopback(evtchn_port_t remote, evtchn_port_t *port)
{
    struct evtchn_bind_interdomain op = {
        .remote_dom = DOMID_SELF,
        .remote_port = remote,
    };
    int rc = evtchn_op(EVTCHNOP_bind_interdomain, &op);

    if ( rc == 0 )
        *port = op.local_port;
    return rc;
}

int guest_evtchn_send(evtchn_port_t port)
{
    struct evtchn_send op = { .port = port };

    return evtchn_op(EVTCHNOP_send, &op);
}

int guest_evtchn_close(evtchn_port_t port)
{
    struct evtchn_close op = { .port = port };

    return evtchn_op(EVTCHNOP_close, &op);
}

bool guest_evtchn_wait(evtchn_port_t port, uint64_t deadline)
{
    struct sched_poll p = { .nr_ports = 1,
                            .timeout = deadline == GUEST_TIME_NEVER ? 0
                                                                    : deadline };

    set_xen_guest_handle(p.ports, &port);
    while ( !guest_evtchn_is_pending(port) )
    {
        if ( deadline != GUEST_TIME_NEVER && guest_time_now() >= deadline )
            return false;
        hypercall_sched_op(SCHEDOP_poll, &p);
    }
    guest_evtchn_clear(port);
    return true;
}

int guest_evtchn_unmask(evtchn_port_t port)
{
    struct evtchn_unmask op = { .port = port };

    return evtchn_op(EVTCHNOP_unmask, &op);
}

int guest_evtchn_bind_vcpu(evtchn_port_t port, uint32_t vcpu)
{
    struct evtchn_bind_vcpu op = { .port = port, .vcpu = vcpu };

    return evtchn_op(EVTCHNOP_bind_vcpu, &op);
}

int guest_evtchn_status(evtchn_port_t port, struct evtchn_status *status)
{
    status->dom = DOMID_SELF;
    status->port = port;
    return evtchn_op(EVTCHNOP_status, status);
}
