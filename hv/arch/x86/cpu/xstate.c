/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPU's extended state for guests (contract in asm/xstate.h): which
 * XSAVE components the hypervisor enables and switches, how big a save
 * area is, and the save, load and reset primitives asm/fpu.h builds the
 * per-vCPU switch on. Xen 4.17 does the same in xen/arch/x86/xstate.c
 * (xstate_init: OSXSAVE, XCR0 = what it understands of CPUID leaf 0xd,
 * the area size CPUID gives for that XCR0) and i387.c (the reset state).
 */
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <asm/xstate.h>
#include <xenolith/console.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/string.h>

#define CPUID_XSTATE_LEAF 0xd

uint64_t xstate_host_xcr0;
unsigned int xstate_area_size = XSTATE_LEGACY_SIZE;

/*
 * The state of a CPU after reset, as xstate_alloc_area() hands it out and
 * xstate_load_reset() loads it. The header says every component is in its
 * init state; XRSTOR still takes MXCSR from the legacy region, and FXRSTOR
 * takes everything from there. One page: no area we enable is larger.
 */
static union {
    struct xsave_area area;
    uint8_t bytes[PAGE_SIZE];
} reset_state __attribute__((aligned(64)));

/* Components of XSTATE_SUPPORTED that the CPU offers and XCR0 may hold. */
static uint64_t host_components(void)
{
    uint32_t a, b, c, d;
    uint64_t offered;

    cpuid_count(CPUID_XSTATE_LEAF, 0, &a, &b, &c, &d);
    offered = (((uint64_t)d << 32) | a) & XSTATE_SUPPORTED;
    if ( (offered & XSTATE_AVX512) != XSTATE_AVX512 ||
         !(offered & XSTATE_YMM) )
        offered &= ~XSTATE_AVX512;
    if ( !(offered & XSTATE_SSE) )
        offered &= ~XSTATE_YMM;
    return offered;
}

static unsigned int enabled_area_size(void)
{
    uint32_t a, b, c, d;

    cpuid_count(CPUID_XSTATE_LEAF, 0, &a, &b, &c, &d);
    return b;                      /* Size for the XCR0 in force. */
}

void xstate_init(void)
{
    uint64_t xcr0;

    reset_state.area.legacy.fcw = FCW_DEFAULT;
    reset_state.area.legacy.mxcsr = MXCSR_DEFAULT;
    /* No vCPU state is loaded yet: FPU use before the first one faults. */
    write_cr0(read_cr0() | X86_CR0_TS);
    if ( !cpu_has(X86_FEATURE_XSAVE) ||
         boot_cpu_data.max_leaf < CPUID_XSTATE_LEAF )
    {
        printk("xstate: no XSAVE, FXSAVE areas of %u bytes\n",
               xstate_area_size);
        return;
    }
    xcr0 = host_components();
    if ( !xcr0_valid(xcr0) || (xcr0 & XSTATE_FP_SSE) != XSTATE_FP_SSE )
        panic("xstate: CPUID leaf 0xd offers states %#lx, without x87 and "
              "SSE", xcr0);
    write_cr4(read_cr4() | X86_CR4_OSXSAVE);
    xsetbv(0, xcr0);
    xstate_host_xcr0 = xcr0;
    xstate_area_size = enabled_area_size();
    if ( xstate_area_size < XSTATE_AREA_MIN_SIZE ||
         xstate_area_size > sizeof(reset_state) )
        panic("xstate: CPUID says %u bytes for states %#lx", xstate_area_size,
              xcr0);
    printk("xstate: XCR0 %#lx, save areas of %u bytes\n", xcr0,
           xstate_area_size);
}

struct xsave_area *xstate_alloc_area(void)
{
    /* Objects of 64 bytes and more are aligned to at least 64 (heap.c). */
    struct xsave_area *area = xmalloc(xstate_area_size);

    if ( !area )
        return NULL;
    BUG_ON((uintptr_t)area & 63);
    memcpy(area, &reset_state.area, xstate_area_size);
    return area;
}

void xstate_free_area(struct xsave_area *area)
{
    xfree(area);
}

void xstate_save(struct xsave_area *area)
{
    if ( xstate_host_xcr0 )
        xsave64(area, xstate_host_xcr0);
    else
        fxsave64(area);
}

void xstate_load(const struct xsave_area *area)
{
    if ( xstate_host_xcr0 )
        xrstor64(area, xstate_host_xcr0);
    else
        fxrstor64(area);
}

void xstate_load_reset(void)
{
    xstate_load(&reset_state.area);
}
