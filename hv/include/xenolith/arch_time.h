/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The seam between the common soft-timer queue (hv/common/timer.c) and the
 * architecture's timer hardware (on x86 the local APIC timer,
 * hv/arch/x86/time/apic.c). Common code calls the arch_* hooks; the arch
 * interrupt handler calls timer_interrupt(). These belong in
 * xenolith/arch.h once that header exists.
 */
#ifndef XENOLITH_ARCH_TIME_H
#define XENOLITH_ARCH_TIME_H

#include <xenolith/time.h>

/*
 * Arm this CPU's timer interrupt for system time deadline, replacing any
 * earlier setting; a deadline in the past fires as soon as possible. The
 * interrupt may come late, never early by more than the hardware's
 * resolution; timer_interrupt() copes with early ones. Context: any, with
 * interrupts off.
 */
void arch_timer_program(s_time_t deadline);

/* Disarm this CPU's timer interrupt. Context: any, with interrupts off. */
void arch_timer_stop(void);

/*
 * Run this CPU's expired soft timers and re-arm for the next one. Called by
 * the arch timer interrupt handler after acknowledging the interrupt.
 * Context: IRQ, interrupts off. Takes this CPU's timer-queue lock.
 */
void timer_interrupt(void);

/*
 * Give this CPU an empty soft-timer queue. Context: boot, on the CPU
 * concerned, before any timer is set there; panics if memory runs out.
 */
void timer_cpu_init(void);

#endif /* XENOLITH_ARCH_TIME_H */
