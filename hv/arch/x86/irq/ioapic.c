/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The I/O APIC, as far as the hypervisor's own ISA devices need it
 * (asm/irq.h): the MADT says which I/O APIC serves an ISA IRQ and how
 * (acpi_madt_isa_irq(), pure, host-tested); this file maps that I/O APIC,
 * masks all its inputs once, and programs one redirection entry per routed
 * IRQ to the boot CPU. Register layout from the Intel 82093AA I/O APIC
 * datasheet: IOREGSEL (+0x00) selects a register, IOWIN (+0x10) reads or
 * writes it; register 0x01 is the version (bits 16-23: the last entry's
 * index), registers 0x10 + 2n and 0x11 + 2n the halves of entry n.
 *
 * One I/O APIC is driven (QEMU's pc machine has one, and PCs put the ISA
 * IRQs on the first); an IRQ that another one serves is refused, and its
 * device falls back to polling. Boot only: entries never change later.
 */
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/traps.h>
#include <xenolith/console.h>
#include <xenolith/errno.h>
#include <xenolith/frame_table.h>

#define IOAPIC_REGSEL        0x00
#define IOAPIC_WINDOW        0x10
#define IOAPIC_REG_VERSION   0x01
#define IOAPIC_REG_ENTRY(n)  (0x10 + 2 * (n))

#define IOAPIC_ENTRY_ACTIVE_LOW  (1U << 13)
#define IOAPIC_ENTRY_LEVEL       (1U << 15)
#define IOAPIC_ENTRY_MASKED      (1U << 16)
#define IOAPIC_DEST_SHIFT        24          /* In the high half. */

struct isa_irq_action {
    void (*handler)(void *data);
    void *data;
};

/* Boot only (one CPU, interrupts off while written). */
static volatile uint8_t *ioapic_regs;
static paddr_t ioapic_address;
static unsigned int ioapic_entries;
static struct isa_irq_action actions[NR_ISA_IRQS];

static uint32_t ioapic_read(unsigned int reg)
{
    mmio_write32(ioapic_regs + IOAPIC_REGSEL, reg);
    return mmio_read32(ioapic_regs + IOAPIC_WINDOW);
}

static void ioapic_write(unsigned int reg, uint32_t v)
{
    mmio_write32(ioapic_regs + IOAPIC_REGSEL, reg);
    mmio_write32(ioapic_regs + IOAPIC_WINDOW, v);
}

/* Map the I/O APIC at pa and mask every input; 0 or -ENODEV. */
static int ioapic_map(paddr_t pa)
{
    uint32_t version;
    unsigned int i;

    if ( ioapic_regs )
        return pa == ioapic_address ? 0 : -ENODEV;
    /* Firmware pointing at RAM must not get it mapped uncached. */
    if ( mfn_valid(maddr_to_mfn(pa)) )
        return -ENODEV;
    ioapic_regs = ioremap(pa, IOAPIC_WINDOW + 4);
    if ( !ioapic_regs )
        return -ENODEV;
    ioapic_address = pa;
    version = ioapic_read(IOAPIC_REG_VERSION);
    if ( version == 0xffffffffU )
    {
        ioapic_entries = 0;             /* Nothing answers there. */
        return -ENODEV;
    }
    ioapic_entries = ((version >> 16) & 0xff) + 1;
    for ( i = 0; i < ioapic_entries; i++ )
        ioapic_write(IOAPIC_REG_ENTRY(i), IOAPIC_ENTRY_MASKED);
    printk("IO-APIC: at %#lx, version %#x, %u inputs; all masked\n", pa,
           version & 0xff, ioapic_entries);
    return 0;
}

static void isa_irq_interrupt(struct trap_frame *frame)
{
    const struct isa_irq_action *a =
        &actions[frame->vector - ISA_IRQ_VECTOR_BASE];

    if ( a->handler )
        a->handler(a->data);
    apic_eoi();
}

static int isa_irq_find(unsigned int isa_irq, struct acpi_isa_irq_route *r)
{
    const struct acpi_table_header *madt = acpi_find_table("APIC");
    int rc;

    if ( !madt )
    {
        printk(XENLOG_WARNING "IRQ: no MADT; ISA IRQ %u not routed\n",
               isa_irq);
        return -ENODEV;
    }
    rc = acpi_madt_isa_irq(madt, isa_irq, r);
    if ( rc )
    {
        printk(XENLOG_WARNING "IRQ: the MADT gives no usable I/O APIC for "
               "ISA IRQ %u (%d)\n", isa_irq, rc);
        return -ENODEV;
    }
    if ( ioapic_map(r->ioapic_address) ||
         r->gsi - r->ioapic_gsi_base >= ioapic_entries )
    {
        printk(XENLOG_WARNING "IRQ: ISA IRQ %u is GSI %u on an I/O APIC at "
               "%#lx that is not usable here\n", isa_irq, r->gsi,
               r->ioapic_address);
        return -ENODEV;
    }
    return 0;
}

int isa_irq_route(unsigned int isa_irq, void (*handler)(void *data),
                  void *data)
{
    struct acpi_isa_irq_route r;
    unsigned int vector = ISA_IRQ_VECTOR_BASE + isa_irq, pin;
    uint32_t low = vector;
    int rc;

    if ( isa_irq >= NR_ISA_IRQS )
        return -EINVAL;
    if ( actions[isa_irq].handler )
        return -EBUSY;
    rc = isa_irq_find(isa_irq, &r);
    if ( rc )
        return rc;
    pin = r.gsi - r.ioapic_gsi_base;
    if ( r.active_low )
        low |= IOAPIC_ENTRY_ACTIVE_LOW;
    if ( r.level_triggered )
        low |= IOAPIC_ENTRY_LEVEL;
    actions[isa_irq] = (struct isa_irq_action){ handler, data };
    irq_set_handler(vector, isa_irq_interrupt);
    /* The destination first: the entry is unmasked only when complete. */
    ioapic_write(IOAPIC_REG_ENTRY(pin) + 1,
                 this_cpu()->apic_id << IOAPIC_DEST_SHIFT);
    ioapic_write(IOAPIC_REG_ENTRY(pin), low);
    printk("IRQ: ISA IRQ %u is GSI %u (I/O APIC input %u, %s, active %s), "
           "vector %#x\n", isa_irq, r.gsi, pin,
           r.level_triggered ? "level" : "edge",
           r.active_low ? "low" : "high", vector);
    return 0;
}
