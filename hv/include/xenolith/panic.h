/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ending the machine: panic() for a hypervisor that cannot go on, and the
 * orderly halt and restart paths. Xen's rules: after a panic the machine
 * reboots after 5 seconds unless "noreboot" is on the command line, in
 * which case it halts. "debug_exit=<port>" (ours, for QEMU's isa-debug-exit
 * device) makes a halt write an exit status to that port so the emulator
 * ends; it is never written otherwise.
 */
#ifndef XENOLITH_PANIC_H
#define XENOLITH_PANIC_H

#include <xenolith/compiler.h>

/* Exit statuses written to the debug-exit port. */
#define HALT_STATUS_OK     0
#define HALT_STATUS_PANIC  1

/* Report, then halt or reboot as above. Context: any. */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Stop this CPU for good (after writing status to debug_exit, if set). */
void machine_halt(unsigned int status) __noreturn;

/* Reset the machine; falls back to halting if every method fails. */
void machine_restart(void) __noreturn;

/* Was "noreboot" given? (Machine shutdown paths honour it.) */
bool noreboot_requested(void);

/* Print a frame-pointer backtrace starting at frame pointer rbp. */
void show_backtrace(uint64_t rip, uint64_t rbp);

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c) do { if ( unlikely(c) ) BUG(); } while ( 0 )

#endif /* XENOLITH_PANIC_H */
