/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event callback registration and the two-level pending scan
 * (xen/include/public/xen.h, "Event channels"): evtchn_upcall_pending says
 * "look", evtchn_pending_sel says which words of shared_info's
 * evtchn_pending to look at. Clearing follows the order Xen's setting
 * implies: upcall_pending first, then the selector, then the ports, so an
 * event that arrives meanwhile sets them all again.
 */
#include <guest/arch/atomic.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/setup.h>

#define BITS_PER_WORD (8 * sizeof(unsigned long))

static unsigned long ports_seen;

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

void guest_events_handle(void)
{
    struct vcpu_info *vi = guest_vcpu_info();
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
            ports_seen++;
    }
}

unsigned long guest_events_count(void)
{
    return ports_seen;
}
