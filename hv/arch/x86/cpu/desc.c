/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GDT, TSS and IDT setup (layout and rationale in asm/desc.h).
 */
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/string.h>

struct idt_entry {
    uint16_t offset_low, selector;
    uint8_t ist, type_attr;
    uint16_t offset_mid;
    uint32_t offset_high, reserved;
} __packed;

struct descriptor_pointer {
    uint16_t limit;
    uint64_t base;
} __packed;

extern const char trap_stubs[];

static struct idt_entry idt[256] __aligned(4096);
static const uint64_t gdt_zero_page[PAGE_SIZE / 8]
    __aligned(PAGE_SIZE) __section(".rodata.gdt_zero") = { 0 };

/* Access bits preset: the CPU must never write to a descriptor page. */
#define DESC_CODE64_RING0 0x00af9b000000ffffULL
#define DESC_DATA_RING0   0x00cf93000000ffffULL
#define DESC_CODE32_RING3 0x00cffb000000ffffULL
#define DESC_DATA_RING3   0x00cff3000000ffffULL
#define DESC_CODE64_RING3 0x00affb000000ffffULL

static uint64_t *gdt_entry(uint64_t *page, unsigned int selector)
{
    return &page[(selector - FIRST_RESERVED_GDT_BYTE) >> 3];
}

static void set_tss_descriptor(uint64_t *page, const struct tss64 *tss)
{
    uint64_t base = (uint64_t)tss, limit = sizeof(*tss) - 1;
    uint64_t *d = gdt_entry(page, TSS_SELECTOR);

    d[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
           (0x89ULL << 40) /* present, available 64-bit TSS */ |
           (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    d[1] = base >> 32;
}

static void set_gate(unsigned int vector, uint64_t handler, unsigned int ist,
                     unsigned int dpl)
{
    struct idt_entry *e = &idt[vector];

    e->offset_low = handler & 0xffff;
    e->selector = HYPERVISOR_CS;
    e->ist = ist;
    e->type_attr = 0x8e | (dpl << 5);   /* present, 64-bit interrupt gate */
    e->offset_mid = (handler >> 16) & 0xffff;
    e->offset_high = handler >> 32;
    e->reserved = 0;
}

void idt_init(void)
{
    unsigned int v;

    for ( v = 0; v < 256; v++ )
        set_gate(v, (uint64_t)trap_stubs + 16 * v, IST_NONE, 0);
    set_gate(TRAP_NMI, (uint64_t)trap_stubs + 16 * TRAP_NMI, IST_NMI, 0);
    set_gate(TRAP_DF, (uint64_t)trap_stubs + 16 * TRAP_DF, IST_DF, 0);
    set_gate(TRAP_MC, (uint64_t)trap_stubs + 16 * TRAP_MC, IST_MCE, 0);
    /*
     * What guests (ring 3) may raise with INT n, as in Xen: int3 and into
     * for debuggers, 0x80 for guest user system calls (bounced per the
     * guest's trap table), 0x82 for hypercalls. Any other INT n from a
     * guest is a #GP with error code (n << 3) | 2, which is what Xen
     * delivers too.
     */
    set_gate(TRAP_BP, (uint64_t)trap_stubs + 16 * TRAP_BP, IST_NONE, 3);
    set_gate(4, (uint64_t)trap_stubs + 16 * 4, IST_NONE, 3);
    set_gate(INT80_VECTOR, (uint64_t)trap_stubs + 16 * INT80_VECTOR, IST_NONE, 3);
    set_gate(HYPERCALL_VECTOR, (uint64_t)trap_stubs + 16 * HYPERCALL_VECTOR,
             IST_NONE, 3);
}

static void load_segments(uint64_t gdt_base)
{
    struct descriptor_pointer gdtr = { GDT_ENTRIES * 8 - 1, gdt_base };
    struct descriptor_pointer idtr = { sizeof(idt) - 1, (uint64_t)idt };
    uint64_t gs_base = rdmsr(MSR_GS_BASE);

    __asm__ __volatile__("lgdt %0" :: "m"(gdtr));
    __asm__ __volatile__("lidt %0" :: "m"(idtr));
    /* Reload CS through a far return, then the data segments. */
    __asm__ __volatile__("pushq %0\n\t"
                         "leaq 1f(%%rip), %%rax\n\t"
                         "pushq %%rax\n\t"
                         "lretq\n"
                         "1:"
                         :: "i"(HYPERVISOR_CS) : "rax", "memory");
    __asm__ __volatile__("mov %0, %%ss" :: "r"(HYPERVISOR_DS));
    __asm__ __volatile__("mov %0, %%ds; mov %0, %%es; mov %0, %%fs; mov %0, %%gs"
                         :: "r"(0));
    /* Loading GS zeroes its base on some CPUs: restore the per-CPU pointer. */
    wrmsr(MSR_GS_BASE, gs_base);
    __asm__ __volatile__("ltr %w0" :: "r"(TSS_SELECTOR));
}

mfn_t gdt_zero_frame(void)
{
    return maddr_to_mfn(virt_to_maddr(gdt_zero_page));
}

/* Every window page but the hypervisor's (14) shows the zero page. */
static int map_gdt_zero_pages(unsigned int cpu)
{
    unsigned int page;
    int rc = 0;

    for ( page = 0; page < 16 && !rc; page++ )
        if ( page != FIRST_RESERVED_GDT_PAGE )
            rc = map_pages_to_hypervisor(GDT_WINDOW(cpu) + page * PAGE_SIZE,
                                         gdt_zero_frame(), 1,
                                         PAGE_HYPERVISOR_RO);
    for ( page = 0; page < FIRST_RESERVED_GDT_PAGE; page++ )
        this_cpu()->gdt_window[page] = gdt_zero_frame();
    return rc;
}

int cpu_descriptors_init(unsigned int cpu, uint64_t stack_top,
                         uint64_t ist_base)
{
    struct percpu *pc = this_cpu();
    uint64_t *page = alloc_xenheap_page();
    unsigned int i;
    int rc;

    if ( !page )
        return -ENOMEM;
    *gdt_entry(page, HYPERVISOR_CS) = DESC_CODE64_RING0;
    *gdt_entry(page, HYPERVISOR_DS) = DESC_DATA_RING0;
    *gdt_entry(page, RING3_CS32) = DESC_CODE32_RING3;
    *gdt_entry(page, RING3_DS32) = DESC_DATA_RING3;
    *gdt_entry(page, RING3_CS64) = DESC_CODE64_RING3;

    memset(&pc->tss, 0, sizeof(pc->tss));
    pc->tss.rsp[0] = stack_top;
    for ( i = 0; i < NR_IST; i++ )
    {
        /* The IST entry reads the per-CPU pointer here (exceptions.S). */
        pc->tss.ist[i] = ist_base + (i + 1) * IST_STACK_SIZE - IST_PERCPU_SLOT;
        *(struct percpu **)pc->tss.ist[i] = pc;
    }
    pc->tss.iomap_base = sizeof(pc->tss);   /* No I/O bitmap: all ports trap. */
    set_tss_descriptor(page, &pc->tss);

    rc = map_pages_to_hypervisor(GDT_WINDOW(cpu) + FIRST_RESERVED_GDT_BYTE,
                                 maddr_to_mfn(virt_to_maddr(page)), 1,
                                 PAGE_HYPERVISOR_RW);
    if ( rc == 0 )
        rc = map_gdt_zero_pages(cpu);
    if ( rc )
    {
        free_xenheap_page(page);
        return rc;
    }
    load_segments(GDT_WINDOW(cpu));
    return 0;
}
