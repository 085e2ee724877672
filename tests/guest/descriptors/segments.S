/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Segment probe for the descriptors test (loading ES is the library's,
 * guest/probe.h): run a few instructions with CS set to a selector, under an
 * exception-table fixup (guest/arch/x86/include/guest/arch/asm.h) so a
 * fault comes back packed in eax (guest/probe.h).
 */
#include <guest/arch/asm.h>

    .text
/*
 * uint32_t probe_far_cs(unsigned int sel): far return into the same code
 * with CS = sel, read CS there, far return to the CS we came from.
 * Returns the CS seen (16 bits), or the fault of the first far return,
 * whose two pushed words the fixup drops.
 */
GUEST_FUNC(probe_far_cs)
    mov     %cs, %r8d
    pushq   %rdi
    lea     1f(%rip), %rax
    pushq   %rax
    xor     %eax, %eax
2:  lretq
1:  mov     %cs, %eax
    pushq   %r8
    lea     3f(%rip), %rcx
    pushq   %rcx
    lretq
3:  ret
4:  add     $16, %rsp
    ret
    extable 2b, 4b
GUEST_END(probe_far_cs)
