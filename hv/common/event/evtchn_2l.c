/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The 2-level event channel bitmaps (xenolith/evtchn_2l.h). Semantics and
 * ordering are Xen 4.17's xen/common/event_2l.c; x86's locked bit
 * operations are full barriers, which the __ATOMIC_SEQ_CST builtins give.
 */
#include <xenolith/evtchn_2l.h>

static xen_ulong_t *word_of(xen_ulong_t *bitmap, unsigned int bit)
{
    return &bitmap[bit / EVTCHN_2L_BITS_PER_WORD];
}

static xen_ulong_t mask_of(unsigned int bit)
{
    return (xen_ulong_t)1 << (bit % EVTCHN_2L_BITS_PER_WORD);
}

static bool test_and_set(xen_ulong_t *bitmap, unsigned int bit)
{
    return __atomic_fetch_or(word_of(bitmap, bit), mask_of(bit),
                             __ATOMIC_SEQ_CST) & mask_of(bit);
}

static bool test_and_clear(xen_ulong_t *bitmap, unsigned int bit)
{
    return __atomic_fetch_and(word_of(bitmap, bit), ~mask_of(bit),
                              __ATOMIC_SEQ_CST) & mask_of(bit);
}

static bool test(const xen_ulong_t *bitmap, unsigned int bit)
{
    return __atomic_load_n(&bitmap[bit / EVTCHN_2L_BITS_PER_WORD],
                           __ATOMIC_SEQ_CST) & mask_of(bit);
}

unsigned int evtchn_2l_set_pending(shared_info_t *s, struct vcpu_info *vi,
                                   evtchn_port_t port)
{
    unsigned int word = port / EVTCHN_2L_BITS_PER_WORD;

    if ( test_and_set(s->evtchn_pending, port) )
        return 0;
    if ( !test(s->evtchn_mask, port) &&
         !test_and_set(&vi->evtchn_pending_sel, word) )
        return EVTCHN_2L_NEWLY_PENDING | EVTCHN_2L_NOTIFY;
    return EVTCHN_2L_NEWLY_PENDING;
}

void evtchn_2l_clear_pending(shared_info_t *s, evtchn_port_t port)
{
    test_and_clear(s->evtchn_pending, port);
}

bool evtchn_2l_unmask(shared_info_t *s, struct vcpu_info *vi,
                      evtchn_port_t port)
{
    unsigned int word = port / EVTCHN_2L_BITS_PER_WORD;

    return test_and_clear(s->evtchn_mask, port) &&
           test(s->evtchn_pending, port) &&
           !test_and_set(&vi->evtchn_pending_sel, word);
}

bool evtchn_2l_is_pending(const shared_info_t *s, evtchn_port_t port)
{
    return test(s->evtchn_pending, port);
}

bool evtchn_2l_is_masked(const shared_info_t *s, evtchn_port_t port)
{
    return test(s->evtchn_mask, port);
}

bool evtchn_2l_mark_upcall(struct vcpu_info *vi)
{
    return __atomic_exchange_n(&vi->evtchn_upcall_pending, 1,
                               __ATOMIC_SEQ_CST) == 0;
}

bool evtchn_2l_upcall_deliverable(const struct vcpu_info *vi)
{
    return __atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST) &&
           !__atomic_load_n(&vi->evtchn_upcall_mask, __ATOMIC_SEQ_CST);
}
