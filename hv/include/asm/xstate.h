/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPU's FPU/SSE/AVX state as the hypervisor saves it for guests
 * (hv/arch/x86/cpu/xstate.c): the host setup, the save-area layout and
 * one-instruction wrappers of XSAVE, XRSTOR, FXSAVE, FXRSTOR, XSETBV.
 *
 * The hypervisor never uses this state itself (it is built with
 * -mgeneral-regs-only -mno-sse): the registers always hold a guest's
 * values or their reset values. With XSAVE, the CPU runs with XCR0 =
 * xstate_host_xcr0 whenever no vCPU's state is loaded; a running vCPU's
 * XCR0 is its own (asm/fpu.h). Save areas use the standard (non-compacted)
 * format, 64-byte aligned; without XSAVE they are FXSAVE areas.
 */
#ifndef ASM_XSTATE_H
#define ASM_XSTATE_H

#include <asm/xcr0.h>
#include <xenolith/types.h>

#define FCW_DEFAULT   0x037f          /* x87 control word after FNINIT */
#define MXCSR_DEFAULT 0x1f80          /* all SIMD exceptions masked */

/* The FXSAVE region, first in every save area (SDM vol. 1, 10.5.1). */
struct xsave_legacy {
    uint16_t fcw, fsw;
    uint8_t ftw, reserved;
    uint16_t fop;
    uint64_t fip, fdp;
    uint32_t mxcsr, mxcsr_mask;
    uint8_t registers[480];           /* ST0-7/MM0-7, XMM0-15, unused */
};

struct xsave_header {
    uint64_t xstate_bv;               /* components saved (0: init state) */
    uint64_t xcomp_bv;                /* 0: standard format */
    uint64_t reserved[6];
};

struct xsave_area {
    struct xsave_legacy legacy;
    struct xsave_header header;       /* Present only with XSAVE. */
    uint8_t extended[];               /* Components 2 and up (CPUID 0xd). */
} __attribute__((aligned(64)));

/*
 * Host state, set by xstate_init() on the boot CPU and then only read:
 * the components enabled in XCR0 (0 when the CPU has no XSAVE: FXSAVE is
 * used) and the bytes a save area needs for them (512 without XSAVE).
 */
extern uint64_t xstate_host_xcr0;
extern unsigned int xstate_area_size;

/*
 * Set this CPU up for guest FPU state: CR4.OSXSAVE and XCR0 = every
 * component of XSTATE_SUPPORTED the CPU has (CPUID leaf 0xd), and the save
 * area size for them. The caller has set CR4.OSFXSR and OSXMMEXCPT.
 * Context: boot, per CPU. Panics on a CPU whose XSAVE leaf makes no sense.
 */
void xstate_init(void);

/*
 * A save area for a new vCPU, holding the state of a CPU after reset
 * (FCW 0x37f, MXCSR 0x1f80, every register zero), 64-byte aligned.
 * NULL when out of memory. Context: any but IRQ. xstate_free_area(NULL)
 * does nothing.
 */
struct xsave_area *xstate_alloc_area(void);
void xstate_free_area(struct xsave_area *area);

/*
 * Save the registers into area / load them from it: every host component
 * (XCR0 must be xstate_host_xcr0 and CR0.TS clear), or FXSAVE's without
 * XSAVE. area was filled only by the hypervisor (xstate_alloc_area or a
 * save), so the load cannot fault.
 */
void xstate_save(struct xsave_area *area);
void xstate_load(const struct xsave_area *area);
/* Load the reset state of xstate_alloc_area(): nothing of a guest stays. */
void xstate_load_reset(void);

static inline void xsetbv(uint32_t index, uint64_t value)
{
    __asm__ __volatile__("xsetbv" :: "c"(index), "a"((uint32_t)value),
                         "d"((uint32_t)(value >> 32)) : "memory");
}

static inline uint64_t xgetbv(uint32_t index)
{
    uint32_t lo, hi;

    __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
    return ((uint64_t)hi << 32) | lo;
}

/* The 64-bit forms: the x87 instruction and data pointers are 64 bits. */
static inline void xsave64(struct xsave_area *area, uint64_t mask)
{
    __asm__ __volatile__("xsave64 (%0)" :: "r"(area), "a"((uint32_t)mask),
                         "d"((uint32_t)(mask >> 32)) : "memory");
}

static inline void xrstor64(const struct xsave_area *area, uint64_t mask)
{
    __asm__ __volatile__("xrstor64 (%0)" :: "r"(area), "a"((uint32_t)mask),
                         "d"((uint32_t)(mask >> 32)) : "memory");
}

static inline void fxsave64(struct xsave_area *area)
{
    __asm__ __volatile__("fxsave64 (%0)" :: "r"(area) : "memory");
}

static inline void fxrstor64(const struct xsave_area *area)
{
    __asm__ __volatile__("fxrstor64 (%0)" :: "r"(area) : "memory");
}

#endif /* ASM_XSTATE_H */
