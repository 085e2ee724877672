/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domU's console: the ring page and event channel its builder gives it
 * (start_info console.domU; xen/include/public/io/console.h). The guest
 * produces into out[] and notifies the port; the backend in dom0 (xl
 * console, or xenconsoled on Xen) consumes and notifies back. Xen 4.17
 * refuses console_io writes from a domU (-EPERM in a release build), so
 * this is a domU's only console. Dom0 keeps HYPERVISOR_console_io, and so
 * does a domU given no ring (console.c decides).
 *
 * The ring page is mapped over a page of our .bss, as shared_info is
 * (setup.c): its frame also sits in the initial mapping, but only its
 * machine frame number is in start_info.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/time.h>

#include <xen/io/console.h>

/* How long to wait for the backend before checking the ring again. */
#define RING_WAIT_NS 10000000ULL

static char ring_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static volatile struct xencons_interface *ring;
static evtchn_port_t ring_port;

bool guest_console_ring_init(void)
{
    const start_info_t *si = guest_start_info;

    if ( (si->flags & SIF_INITDOMAIN) || !si->console.domU.mfn )
        return false;
    if ( guest_mm_map(ring_page, (uint64_t)si->console.domU.mfn << PAGE_SHIFT,
                      PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY) )
        return false;
    ring = (volatile struct xencons_interface *)ring_page;
    ring_port = si->console.domU.evtchn;
    return true;
}

bool guest_console_ring_active(void)
{
    return ring != NULL;
}

/* Wait for the backend to make room: poll our port, with a timeout. */
static void wait_for_room(void)
{
    evtchn_port_t port = ring_port;
    struct sched_poll poll = {
        .nr_ports = 1,
        .timeout = guest_time_now() + RING_WAIT_NS,
    };

    set_xen_guest_handle(poll.ports, &port);
    guest_evtchn_clear(port);
    hypercall_sched_op(SCHEDOP_poll, &poll);
}

int guest_console_ring_write(const char *buf, size_t len)
{
    XENCONS_RING_IDX cons, prod;
    struct evtchn_send send = { .port = ring_port };

    while ( len )
    {
        cons = ring->out_cons;
        prod = ring->out_prod;
        /* The consumer index is read before the slots it frees. */
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if ( prod - cons >= sizeof(ring->out) )
        {
            wait_for_room();
            continue;
        }
        while ( len && prod - cons < sizeof(ring->out) )
        {
            ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = *buf++;
            len--;
        }
        /* The bytes are in place before the backend sees the index. */
        __atomic_thread_fence(__ATOMIC_RELEASE);
        ring->out_prod = prod;
        hypercall_event_channel_op(EVTCHNOP_send, &send);
    }
    return 0;
}
