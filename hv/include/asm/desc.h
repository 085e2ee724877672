/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Segment descriptors, the GDT, TSS and IDT.
 *
 * The GDT follows Xen's PV64 layout so that guests get the selectors the
 * ABI promises (xen/arch-x86/xen-x86_64.h): a 16-page table whose first 14
 * pages will belong to the guest (set_gdt, issue 3) and whose page 14 holds
 * the hypervisor's entries from selector 0xe000. Each CPU has its own copy
 * of that page (the TSS descriptor is per CPU), mapped into a per-CPU
 * 64 KiB window at GDT_VIRT_START; the other pages of the window show a
 * read-only zero page until a guest supplies its own (set_gdt,
 * pv/descriptors.c).
 */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#ifndef __ASSEMBLY__
#include <xenolith/types.h>
#endif

#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define GDT_ENTRIES              (16 * 4096 / 8)

#define HYPERVISOR_CS   0xe008      /* 64-bit ring 0 code */
#define HYPERVISOR_DS   0xe010      /* ring 0 data */
#define RING3_CS32      0xe023      /* FLAT_RING3_CS32 */
#define RING3_DS32      0xe02b      /* FLAT_RING3_DS32 / SS */
#define RING3_CS64      0xe033      /* FLAT_RING3_CS64 */
#define TSS_SELECTOR    0xe040
#define LDT_SELECTOR    0xe050

#define IST_NONE 0
#define IST_NMI  1
#define IST_DF   2
#define IST_MCE  3
#define NR_IST   3
/*
 * The top 16 bytes of each IST stack (above TSS.ist) hold this CPU's
 * struct percpu pointer and padding: the IST entry stub loads GS_BASE from
 * there whatever GS held (entry/exceptions.S).
 */
#define IST_PERCPU_SLOT 16

#ifndef __ASSEMBLY__
struct tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed, aligned(16)));

/* Virtual address of CPU cpu's GDT window (selector 0 at this address). */
#define GDT_WINDOW(cpu) (GDT_VIRT_START + (uint64_t)(cpu) * 0x20000)

/*
 * Build and load this CPU's GDT page, TSS (rsp0 = stack_top, IST stacks from
 * ist_base, one page each) and the IDT. Context: boot, per CPU, after
 * paging_init(). Returns 0 or -ENOMEM.
 */
int cpu_descriptors_init(unsigned int cpu, uint64_t stack_top,
                         uint64_t ist_base);

/* Fill the shared IDT from the entry stubs. Context: boot, once. */
void idt_init(void);

/*
 * The read-only page of zeros that fills the GDT window wherever no table
 * page is: the 14 guest pages until the guest gives frames (set_gdt), and
 * page 15. A selector there reads a null descriptor, so loading it is a
 * #GP with the selector as on Xen, never a hypervisor page fault.
 * Context: any.
 */
mfn_t gdt_zero_frame(void);

#endif /* __ASSEMBLY__ */
#endif /* ASM_DESC_H */
