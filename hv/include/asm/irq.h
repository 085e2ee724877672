/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device interrupts the hypervisor takes for itself (hv/arch/x86/irq/).
 * The hypervisor owns the legacy devices it drives (today the 16550 UART
 * of the console); their ISA IRQs reach it through the I/O APIC that the
 * ACPI MADT names, as Xen routes them (xen/arch/x86/io_apic.c), while the
 * 8259 PICs stay masked (time/i8259.c). No guest owns a physical IRQ yet.
 */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

/* ISA IRQ n arrives on vector ISA_IRQ_VECTOR_BASE + n (below the timer's). */
#define ISA_IRQ_VECTOR_BASE 0x30
#define NR_ISA_IRQS         16

/*
 * Route ISA IRQ isa_irq (0-15) through its I/O APIC to this (the boot)
 * CPU, fixed delivery on vector ISA_IRQ_VECTOR_BASE + isa_irq, with the
 * polarity and trigger mode the MADT gives (ISA default: edge, active
 * high), and call handler(data) on each interrupt with interrupts off; the
 * local APIC's EOI follows its return. The first call maps the I/O APIC
 * and masks all its inputs. Returns 0; -ENODEV when there is no usable
 * MADT or I/O APIC for that IRQ (the caller falls back to polling, and
 * the reason is printed); -EINVAL for isa_irq > 15; -EBUSY if it is
 * already routed. Context: boot, after time_init() (ACPI, local APIC).
 */
int __must_check isa_irq_route(unsigned int isa_irq,
                               void (*handler)(void *data), void *data);

#endif /* ASM_IRQ_H */
