/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The descriptor check of set_gdt and update_descriptor (contract and
 * rules in asm/pv_desc.h; Xen 4.17's check_descriptor() for 64-bit PV
 * guests). Pure: tests/unit/test_desc_check.c compiles this file.
 */
#include <asm/pv_desc.h>
#include <xenolith/errno.h>
#include <xen/xen.h>

/* Bits of a descriptor's high word. */
#define SEG_TYPE_MASK   (0xfU << 8)
#define SEG_S           (1U << 12)     /* Code or data, not system. */
#define SEG_DPL_SHIFT   13
#define SEG_DPL_MASK    (3U << SEG_DPL_SHIFT)
#define SEG_P           (1U << 15)
#define SEG_TYPE_CALL_GATE64 (0xcU << 8)
#define CALL_GATE_RESERVED   0xffU      /* Bits 32-39 of a 64-bit gate. */

/* A 64-bit PV guest kernel runs in ring 3: that is the lowest DPL. */
#define GUEST_KERNEL_RPL 3

/* Xen's guest_gate_selector_okay() for a 64-bit PV domain. */
static bool gate_selector_ok(unsigned int sel)
{
    return (sel >> 3) < PV_GDT_MAX_ENTRIES ||
           sel == FLAT_KERNEL_CS || (sel & 4);
}

bool pv_desc_check(uint64_t *desc)
{
    uint32_t lo = (uint32_t)*desc, hi = (uint32_t)(*desc >> 32);
    unsigned int dpl = (hi & SEG_DPL_MASK) >> SEG_DPL_SHIFT, sel;

    if ( !(hi & SEG_P) )
        return true;
    dpl = MAX(dpl, GUEST_KERNEL_RPL);
    hi = (hi & ~SEG_DPL_MASK) | (dpl << SEG_DPL_SHIFT);
    if ( !(hi & SEG_S) )
    {
        if ( (hi & SEG_TYPE_MASK) == 0 )
            return true;          /* Unchanged, as Xen leaves it. */
        if ( (hi & SEG_TYPE_MASK) != SEG_TYPE_CALL_GATE64 )
            return false;
        sel = lo >> 16;
        if ( !gate_selector_ok(sel) || (hi & CALL_GATE_RESERVED) )
            return false;
        /* Using the gate faults (DPL 0); its DPL lives on in the RPL. */
        hi &= ~SEG_DPL_MASK;
        lo = (lo & 0xffff) | (((sel & ~3U) | dpl) << 16);
    }
    *desc = ((uint64_t)hi << 32) | lo;
    return true;
}

int pv_desc_check_page(uint64_t desc[PV_DESC_PER_PAGE])
{
    unsigned int i;

    for ( i = 0; i < PV_DESC_PER_PAGE; i++ )
        if ( !pv_desc_check(&desc[i]) )
            return -EINVAL;
    return 0;
}
