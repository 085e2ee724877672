/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The legacy 8259A PIC pair: we never use it (the local APIC and, later,
 * the IO-APIC deliver interrupts), but the BIOS leaves it programmed for
 * real mode, with IRQ0-7 on vectors 0x08-0x0f where a stray interrupt
 * would look like a double fault. So: reinitialise both chips onto
 * 0x20-0x2f and mask every line. A masked 8259 can still raise a spurious
 * IRQ7 or IRQ15; those vectors get a handler that only counts them (a
 * spurious IRQ needs no EOI). Programming sequence from the 8259A data
 * sheet (ICW1-ICW4).
 */
#include <asm/io.h>
#include <asm/time.h>
#include <asm/traps.h>

#define PIC1_CMD        0x20
#define PIC1_DATA       0x21
#define PIC2_CMD        0xa0
#define PIC2_DATA       0xa1
#define ICW1_INIT_ICW4  0x11            /* Edge triggered, cascade, ICW4. */
#define ICW4_8086       0x01
#define PIC1_VECTOR     0x20
#define PIC2_VECTOR     0x28
#define CASCADE_IRQ     2
#define MASK_ALL        0xff

static unsigned long spurious_count;

static void i8259_spurious(struct trap_frame *frame)
{
    spurious_count++;
}

void i8259_disable(void)
{
    outb(MASK_ALL, PIC1_DATA);
    outb(MASK_ALL, PIC2_DATA);
    outb(ICW1_INIT_ICW4, PIC1_CMD);
    outb(ICW1_INIT_ICW4, PIC2_CMD);
    outb(PIC1_VECTOR, PIC1_DATA);
    outb(PIC2_VECTOR, PIC2_DATA);
    outb(1 << CASCADE_IRQ, PIC1_DATA);  /* Slave on master's IRQ2... */
    outb(CASCADE_IRQ, PIC2_DATA);       /* ...and its cascade identity. */
    outb(ICW4_8086, PIC1_DATA);
    outb(ICW4_8086, PIC2_DATA);
    /* Initialisation clears the masks: set them again. */
    outb(MASK_ALL, PIC1_DATA);
    outb(MASK_ALL, PIC2_DATA);
    irq_set_handler(PIC1_VECTOR + 7, i8259_spurious);
    irq_set_handler(PIC2_VECTOR + 7, i8259_spurious);
}
