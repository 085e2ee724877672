/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The data segment registers DS, ES, FS and GS, loaded with selectors a
 * guest chose (hv/arch/x86/cpu/segment_checked.S) and read back.
 *
 * A selector from a guest may name nothing loadable (past its GDT, a
 * ring-0 descriptor, a not-present one): the load faults, and the
 * exception table sends the #GP/#NP to a fixup that loads the null
 * selector instead and reports failure, as Xen's loadsegment() does. In
 * 64-bit mode a load into FS or GS also sets that segment's base from the
 * descriptor (0 for null): FS's is the guest's, which callers rewrite
 * after; GS's is the hypervisor's per-CPU pointer (asm/percpu.h), so the
 * GS load keeps it (seg_load_gs_checked).
 */
#ifndef ASM_SEGMENTS_H
#define ASM_SEGMENTS_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

/*
 * Load sel into DS, ES or FS. Returns true, or false after a fault with
 * the null selector loaded. Context: any, interrupts any.
 */
bool seg_load_ds_checked(unsigned int sel);
bool seg_load_es_checked(unsigned int sel);
bool seg_load_fs_checked(unsigned int sel);

/*
 * Load sel into GS and leave GS_BASE as it was (the per-CPU pointer): the
 * base the load gave (the descriptor's, 0 for null) goes to *loaded_base.
 * On a fault the flat ring-3 selector and then the null one are loaded
 * (so the base is 0 on AMD CPUs too, whose null loads keep the old base;
 * Xen 4.17 does the same) and it returns false. Context: interrupts off,
 * since an interrupt between the load and the restore would find a wrong
 * GS base; NMI and #MC are safe (their entry loads the per-CPU base
 * itself, entry/exceptions.S).
 */
bool seg_load_gs_checked(unsigned int sel, uint64_t *loaded_base);

/* The selectors now in DS, ES, FS and GS. Context: any. */
static inline uint16_t seg_read_ds(void)
{
    uint16_t sel;

    __asm__ __volatile__("mov %%ds, %0" : "=r"(sel));
    return sel;
}

static inline uint16_t seg_read_es(void)
{
    uint16_t sel;

    __asm__ __volatile__("mov %%es, %0" : "=r"(sel));
    return sel;
}

static inline uint16_t seg_read_fs(void)
{
    uint16_t sel;

    __asm__ __volatile__("mov %%fs, %0" : "=r"(sel));
    return sel;
}

static inline uint16_t seg_read_gs(void)
{
    uint16_t sel;

    __asm__ __volatile__("mov %%gs, %0" : "=r"(sel));
    return sel;
}

#endif /* ASM_SEGMENTS_H */
