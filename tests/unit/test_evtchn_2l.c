/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/event/evtchn_2l.c: the 2-level bits are set in
 * Xen's order and only as far as each step changed something; masked
 * ports stay pending without a selector bit until unmasked; the bits of
 * every word boundary land in the right word.
 */
#include "harness.h"

#include <string.h>
#include <xenolith/evtchn_2l.h>

static shared_info_t s;
static struct vcpu_info vi;

static void reset(void)
{
    memset(&s, 0, sizeof(s));
    memset(&vi, 0, sizeof(vi));
}

TEST(set_pending_sets_port_selector_and_reports)
{
    reset();
    CHECK_EQ(evtchn_2l_set_pending(&s, &vi, 5),
             EVTCHN_2L_NEWLY_PENDING | EVTCHN_2L_NOTIFY);
    CHECK_EQ(s.evtchn_pending[0], 1UL << 5);
    CHECK_EQ(vi.evtchn_pending_sel, 1);
    CHECK(evtchn_2l_is_pending(&s, 5));
    CHECK(!evtchn_2l_is_pending(&s, 4));
}

TEST(set_pending_twice_reports_nothing)
{
    reset();
    evtchn_2l_set_pending(&s, &vi, 7);
    CHECK_EQ(evtchn_2l_set_pending(&s, &vi, 7), 0);
}

TEST(second_port_of_a_word_needs_no_new_notification)
{
    reset();
    evtchn_2l_set_pending(&s, &vi, 1);
    CHECK_EQ(evtchn_2l_set_pending(&s, &vi, 2), EVTCHN_2L_NEWLY_PENDING);
    CHECK_EQ(s.evtchn_pending[0], 6);
}

TEST(masked_port_pends_without_selector)
{
    reset();
    s.evtchn_mask[1] = 1UL << 3;                 /* port 67 */
    CHECK_EQ(evtchn_2l_set_pending(&s, &vi, 67), EVTCHN_2L_NEWLY_PENDING);
    CHECK(evtchn_2l_is_pending(&s, 67));
    CHECK(evtchn_2l_is_masked(&s, 67));
    CHECK_EQ(vi.evtchn_pending_sel, 0);
}

TEST(unmask_of_pending_port_notifies_once)
{
    reset();
    s.evtchn_mask[1] = 1UL << 3;
    evtchn_2l_set_pending(&s, &vi, 67);
    CHECK(evtchn_2l_unmask(&s, &vi, 67));
    CHECK_EQ(vi.evtchn_pending_sel, 1UL << 1);
    CHECK(!evtchn_2l_is_masked(&s, 67));
    CHECK(!evtchn_2l_unmask(&s, &vi, 67));      /* Not masked any more. */
}

TEST(unmask_without_pending_or_with_selector_set_is_silent)
{
    reset();
    s.evtchn_mask[0] = 1UL << 9;
    CHECK(!evtchn_2l_unmask(&s, &vi, 9));       /* Not pending. */
    s.evtchn_mask[0] = 1UL << 9;
    s.evtchn_pending[0] = 1UL << 9;
    vi.evtchn_pending_sel = 1;
    CHECK(!evtchn_2l_unmask(&s, &vi, 9));       /* Selector already set. */
    CHECK_EQ(s.evtchn_mask[0], 0);
}

TEST(word_boundaries)
{
    static const unsigned int ports[] = { 0, 63, 64, 127, 4032, 4095 };
    unsigned int i, p;

    for ( i = 0; i < ARRAY_SIZE(ports); i++ )
    {
        reset();
        p = ports[i];
        CHECK_EQ(evtchn_2l_set_pending(&s, &vi, p),
                 EVTCHN_2L_NEWLY_PENDING | EVTCHN_2L_NOTIFY);
        CHECK_EQ(s.evtchn_pending[p / 64], 1UL << (p % 64));
        CHECK_EQ(vi.evtchn_pending_sel, 1UL << (p / 64));
        evtchn_2l_clear_pending(&s, p);
        CHECK(!evtchn_2l_is_pending(&s, p));
        /* The selector is the guest's to clear. */
        CHECK_EQ(vi.evtchn_pending_sel, 1UL << (p / 64));
    }
}

TEST(mark_upcall_reports_first_time_only)
{
    reset();
    CHECK(evtchn_2l_mark_upcall(&vi));
    CHECK(!evtchn_2l_mark_upcall(&vi));
    CHECK_EQ(vi.evtchn_upcall_pending, 1);
}

TEST(upcall_deliverable_needs_pending_and_unmasked)
{
    reset();
    CHECK(!evtchn_2l_upcall_deliverable(&vi));
    vi.evtchn_upcall_pending = 1;
    CHECK(evtchn_2l_upcall_deliverable(&vi));
    vi.evtchn_upcall_mask = 1;
    CHECK(!evtchn_2l_upcall_deliverable(&vi));
    vi.evtchn_upcall_pending = 0xff;              /* Any non-zero byte. */
    vi.evtchn_upcall_mask = 0;
    CHECK(evtchn_2l_upcall_deliverable(&vi));
}
