/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fault probes: each runs one instruction that may fault under an
 * exception-table entry and returns 0 if it completed, or the fault packed
 * by the trap handler (PROBE_FAULT(vector, error code), guest/include/
 * guest/probe.h). The handler writes the packed value into rax and resumes
 * at the fixup label, which is the probe's `ret`.
 */
#include <guest/arch/asm.h>

    .text
/* uint32_t test_probe_read(const void *addr): one 8-byte load. */
GUEST_FUNC(test_probe_read)
    xor     %eax, %eax
1:  mov     (%rdi), %rdx
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_read)

/*
 * uint32_t test_probe_write(void *addr): rewrites the byte at addr with its
 * own value, so a write that should have faulted changes nothing. The load
 * may fault first (an unmapped page); either fault is reported.
 */
GUEST_FUNC(test_probe_write)
    xor     %eax, %eax
1:  movzbl  (%rdi), %edx
2:  mov     %dl, (%rdi)
3:  ret
    extable 1b, 3b
    extable 2b, 3b
GUEST_END(test_probe_write)

/* uint32_t test_probe_store64(void *addr, uint64_t value): one 8-byte store. */
GUEST_FUNC(test_probe_store64)
    xor     %eax, %eax
1:  mov     %rsi, (%rdi)
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_store64)

/* uint32_t test_probe_load_es(unsigned int sel): mov sel, %es. */
GUEST_FUNC(test_probe_load_es)
    xor     %eax, %eax
1:  mov     %di, %es
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_load_es)

/* unsigned int test_read_es(void) */
GUEST_FUNC(test_read_es)
    mov     %es, %eax
    ret
GUEST_END(test_read_es)

/* uint32_t test_probe_ud2(void) */
GUEST_FUNC(test_probe_ud2)
    xor     %eax, %eax
1:  ud2
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_ud2)

/* uint32_t test_probe_int3(void): a trap, reported at the next instruction. */
GUEST_FUNC(test_probe_int3)
    xor     %eax, %eax
    int3
1:  ret
    extable 1b, 1b
GUEST_END(test_probe_int3)

/*
 * uint32_t test_probe_int_0x20(void): a software interrupt through a gate
 * the guest never registered (DPL 0), which must become #GP with the IDT
 * error code (0x20 << 3) | 2.
 */
GUEST_FUNC(test_probe_int_0x20)
    xor     %eax, %eax
1:  int     $0x20
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_int_0x20)

/* uint32_t test_probe_divide_error(void): 0 / 0. */
GUEST_FUNC(test_probe_divide_error)
    xor     %eax, %eax
    xor     %edx, %edx
    xor     %ecx, %ecx
1:  div     %ecx
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_divide_error)
