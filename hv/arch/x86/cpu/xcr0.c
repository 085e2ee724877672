/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rules an XCR0 value follows (contract in asm/xcr0.h): the SDM's
 * (vol. 1, 13.3, XSETBV's #GP conditions) as Xen 4.17 checks them before
 * loading a guest's value (xen/arch/x86/xstate.c valid_xcr0 and
 * handle_xsetbv). Pure code.
 */
#include <asm/xcr0.h>

bool xcr0_valid(uint64_t xcr0)
{
    if ( !(xcr0 & XSTATE_FP) )
        return false;
    if ( (xcr0 & XSTATE_YMM) && !(xcr0 & XSTATE_SSE) )
        return false;
    if ( xcr0 & XSTATE_AVX512 )
    {
        if ( !(xcr0 & XSTATE_YMM) )
            return false;
        if ( (xcr0 & XSTATE_AVX512) != XSTATE_AVX512 )
            return false;
    }
    return !(xcr0 & XSTATE_BNDREGS) == !(xcr0 & XSTATE_BNDCSR);
}

bool xcr0_guest_ok(uint64_t xcr0, uint64_t max)
{
    return !(xcr0 & ~max) && xcr0_valid(xcr0);
}
