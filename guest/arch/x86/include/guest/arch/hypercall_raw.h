/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Raw x86-64 PV hypercalls: a call into the hypercall page that Xen wrote
 * at the address of our XEN_ELFNOTE_HYPERCALL_PAGE note, 32 bytes per
 * hypercall number (xen/include/public/arch-x86/xen-x86_64.h). Arguments go
 * in rdi, rsi, rdx, r10, r8; the result comes back in rax. The stub ends in
 * `syscall`, which clobbers rcx and r11; a debug Xen also poisons the
 * argument registers, so all five are outputs here.
 *
 * GUEST_HYPERCALL() takes a constant hypercall number. For a number known
 * only at run time (tests of unknown numbers) use hypercall_by_number().
 */
#ifndef GUEST_ARCH_HYPERCALL_RAW_H
#define GUEST_ARCH_HYPERCALL_RAW_H

extern char hypercall_page[];

#define GUEST_HYPERCALL(nr, a1, a2, a3, a4, a5)                              \
    ({                                                                       \
        register unsigned long hc_rdi asm("rdi") = (unsigned long)(a1);      \
        register unsigned long hc_rsi asm("rsi") = (unsigned long)(a2);      \
        register unsigned long hc_rdx asm("rdx") = (unsigned long)(a3);      \
        register unsigned long hc_r10 asm("r10") = (unsigned long)(a4);      \
        register unsigned long hc_r8 asm("r8") = (unsigned long)(a5);        \
        long hc_rax;                                                         \
                                                                             \
        asm volatile ( "call hypercall_page + %c[offset]"                    \
                       : "=a" (hc_rax), "+r" (hc_rdi), "+r" (hc_rsi),        \
                         "+r" (hc_rdx), "+r" (hc_r10), "+r" (hc_r8)          \
                       : [offset] "i" ((nr) * 32)                            \
                       : "rcx", "r11", "memory" );                           \
        hc_rax;                                                              \
    })

/*
 * Issue hypercall nr with five arguments: through the hypercall page for
 * nr < 128, by a bare `syscall` with rax = nr beyond it (the page holds
 * only 128 stubs). Context: guest kernel. Returns what the hypervisor put
 * in rax.
 */
long hypercall_by_number(unsigned long nr, unsigned long a1, unsigned long a2,
                         unsigned long a3, unsigned long a4, unsigned long a5);

#endif /* GUEST_ARCH_HYPERCALL_RAW_H */
