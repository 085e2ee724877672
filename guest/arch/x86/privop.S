/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Probes of privileged instructions (guest/include/guest/privop.h). Each
 * runs one instruction under an exception-table entry: the trap handler
 * puts the packed fault in rax and resumes at the fixup label, which
 * returns it. On success the probe stores what the instruction produced
 * and returns 0. SysV ABI: arguments in rdi, rsi, rdx, rcx; rbx is saved
 * where CPUID clobbers it.
 */
#include <guest/arch/asm.h>

/* Xen's forced-emulation prefix (xen/include/public/arch-x86/xen.h). */
#define XEN_EMULATE_PREFIX .byte 0x0f, 0x0b, 0x78, 0x65, 0x6e

    .text

/* uint32_t test_probe_cpuid_forced(leaf, subleaf, struct guest_cpuid *) */
GUEST_FUNC(test_probe_cpuid_forced)
    push    %rbx
    mov     %rdx, %r8
    mov     %edi, %eax
    mov     %esi, %ecx
1:  XEN_EMULATE_PREFIX
    cpuid
    mov     %eax, 0(%r8)
    mov     %ebx, 4(%r8)
    mov     %ecx, 8(%r8)
    mov     %edx, 12(%r8)
    xor     %eax, %eax
2:  pop     %rbx
    ret
    extable 1b, 2b
GUEST_END(test_probe_cpuid_forced)

/* uint32_t test_probe_cpuid_native(leaf, subleaf, struct guest_cpuid *) */
GUEST_FUNC(test_probe_cpuid_native)
    push    %rbx
    mov     %rdx, %r8
    mov     %edi, %eax
    mov     %esi, %ecx
1:  cpuid
    mov     %eax, 0(%r8)
    mov     %ebx, 4(%r8)
    mov     %ecx, 8(%r8)
    mov     %edx, 12(%r8)
    xor     %eax, %eax
2:  pop     %rbx
    ret
    extable 1b, 2b
GUEST_END(test_probe_cpuid_native)

/* uint32_t test_probe_rdmsr(uint64_t rcx, uint64_t *val) */
GUEST_FUNC(test_probe_rdmsr)
    mov     %rdi, %rcx
    xor     %eax, %eax
    xor     %edx, %edx
1:  rdmsr
    shl     $32, %rdx
    or      %rdx, %rax
    mov     %rax, (%rsi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_rdmsr)

/* uint32_t test_probe_wrmsr(uint32_t msr, uint64_t val) */
GUEST_FUNC(test_probe_wrmsr)
    mov     %edi, %ecx
    mov     %rsi, %rax
    mov     %rsi, %rdx
    shr     $32, %rdx
1:  wrmsr
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_wrmsr)

/* uint32_t test_probe_in<size>(uint16_t port, uint64_t *val) */
.macro in_probe name, insn
GUEST_FUNC(\name)
    mov     %edi, %edx
    mov     (%rsi), %rax
1:  \insn
    mov     %rax, (%rsi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(\name)
.endm

in_probe test_probe_inb, "inb %dx, %al"
in_probe test_probe_inw, "inw %dx, %ax"
in_probe test_probe_inl, "inl %dx, %eax"

/* uint32_t test_probe_out<size>(uint16_t port, uint32_t val) */
.macro out_probe name, insn
GUEST_FUNC(\name)
    mov     %edi, %edx
    mov     %esi, %eax
1:  \insn
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(\name)
.endm

out_probe test_probe_outb, "outb %al, %dx"
out_probe test_probe_outw, "outw %ax, %dx"
out_probe test_probe_outl, "outl %eax, %dx"

/* uint32_t test_probe_inb_imm_0x21(uint64_t *val) */
GUEST_FUNC(test_probe_inb_imm_0x21)
    mov     (%rdi), %rax
1:  inb     $0x21, %al
    mov     %rax, (%rdi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_inb_imm_0x21)

/* uint32_t test_probe_outb_imm_0x80(uint32_t val) */
GUEST_FUNC(test_probe_outb_imm_0x80)
    mov     %edi, %eax
1:  outb    %al, $0x80
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_outb_imm_0x80)

/*
 * uint32_t test_probe_rep_insb(uint16_t port, void *buf, uint64_t *count,
 *                              uint64_t *buf_end)
 * The registers are written back whether or not the instruction faulted.
 */
GUEST_FUNC(test_probe_rep_insb)
    mov     %rdx, %r8
    mov     %rcx, %r9
    mov     %edi, %edx
    mov     %rsi, %rdi
    mov     (%r8), %rcx
    xor     %eax, %eax
1:  rep insb
2:  mov     %rcx, (%r8)
    mov     %rdi, (%r9)
    ret
    extable 1b, 2b
GUEST_END(test_probe_rep_insb)

/* uint32_t test_probe_rep_outsb(port, const void *buf, *count, *buf_end) */
GUEST_FUNC(test_probe_rep_outsb)
    mov     %rdx, %r8
    mov     %rcx, %r9
    mov     %edi, %edx
    mov     (%r8), %rcx
    xor     %eax, %eax
1:  rep outsb
2:  mov     %rcx, (%r8)
    mov     %rsi, (%r9)
    ret
    extable 1b, 2b
GUEST_END(test_probe_rep_outsb)

/* uint32_t test_probe_read_<reg>(uint64_t *val) */
.macro read_probe name, insn, reg=%rax
GUEST_FUNC(\name)
    xor     %eax, %eax
    xor     %r9d, %r9d
1:  \insn
    mov     \reg, (%rdi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(\name)
.endm

read_probe test_probe_read_cr0, "mov %cr0, %rax"
read_probe test_probe_read_cr2, "mov %cr2, %rax"
read_probe test_probe_read_cr3, "mov %cr3, %rax"
read_probe test_probe_read_cr4, "mov %cr4, %rax"
read_probe test_probe_read_cr8, "mov %cr8, %rax"
read_probe test_probe_read_cr0_r9, "mov %cr0, %r9", %r9
read_probe test_probe_read_dr0, "mov %db0, %rax"
read_probe test_probe_read_dr4, ".byte 0x0f, 0x21, 0xe0"
read_probe test_probe_read_dr6, "mov %db6, %rax"
read_probe test_probe_rdfsbase, "rdfsbase %rax"
read_probe test_probe_read_dr7, "mov %db7, %rax"

/* uint32_t test_probe_write_<reg>(uint64_t val) */
.macro write_probe name, insn
GUEST_FUNC(\name)
    xor     %eax, %eax
1:  \insn
2:  ret
    extable 1b, 2b
GUEST_END(\name)
.endm

write_probe test_probe_write_cr0, "mov %rdi, %cr0"
write_probe test_probe_write_cr2, "mov %rdi, %cr2"
write_probe test_probe_write_cr3, "mov %rdi, %cr3"
write_probe test_probe_write_cr4, "mov %rdi, %cr4"
write_probe test_probe_write_dr0, "mov %rdi, %db0"
write_probe test_probe_write_dr7, "mov %rdi, %db7"
write_probe test_probe_wrfsbase, "wrfsbase %rdi"

/* uint32_t test_probe_<insn>(void) */
.macro plain_probe name, insn
GUEST_FUNC(\name)
    xor     %eax, %eax
1:  \insn
2:  ret
    extable 1b, 2b
GUEST_END(\name)
.endm

plain_probe test_probe_clts, clts
plain_probe test_probe_wbinvd, wbinvd
plain_probe test_probe_cli, cli
plain_probe test_probe_sti, sti
plain_probe test_probe_hlt, hlt

/* uint32_t test_probe_rdtsc(uint64_t *val) */
GUEST_FUNC(test_probe_rdtsc)
    xor     %eax, %eax
1:  rdtsc
    shl     $32, %rdx
    or      %rdx, %rax
    mov     %rax, (%rdi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_rdtsc)

/* uint32_t test_probe_rdtscp(uint64_t *val, uint32_t *aux) */
GUEST_FUNC(test_probe_rdtscp)
    xor     %eax, %eax
1:  rdtscp
    shl     $32, %rdx
    or      %rdx, %rax
    mov     %rax, (%rdi)
    mov     %ecx, (%rsi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(test_probe_rdtscp)

/*
 * Hostile encodings. Each snippet is entered by call with rcx = MSR_EFER,
 * rax = rdx = r9 = 0; it leaves the instruction's rax in r9 and returns 0,
 * or the fixup at its first byte returns the fault.
 */
.macro garbage name, bytes:vararg
\name:
1:  .byte \bytes
    mov     %rax, %r9
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
.endm

garbage garbage_too_long_rdmsr, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, \
    0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x0f, 0x32
garbage garbage_prefixed_rdmsr, 0x66, 0xf3, 0x2e, 0x48, 0x0f, 0x32
garbage garbage_rex_then_legacy, 0x48, 0x66, 0x0f, 0x32
garbage garbage_lock_rdmsr, 0xf0, 0x0f, 0x32
garbage garbage_forced_not_cpuid, 0x0f, 0x0b, 0x78, 0x65, 0x6e, 0x0f, 0x0b
garbage garbage_forced_bad_sig, 0x0f, 0x0b, 0x78, 0x65, 0x4e, 0x0f, 0xa2
garbage garbage_forced_prefixed, 0x0f, 0x0b, 0x78, 0x65, 0x6e, 0x66, 0x0f, 0xa2
garbage garbage_prefix_before_ud2, 0x66, 0x0f, 0x0b, 0x78, 0x65, 0x6e, \
    0x0f, 0xa2
garbage garbage_mov_cr_memform, 0x0f, 0x20, 0x80
garbage garbage_lgdt, 0x0f, 0x01, 0x10
garbage garbage_swapgs, 0x0f, 0x01, 0xf8
garbage garbage_invlpg, 0x0f, 0x01, 0x38
garbage garbage_rdpmc, 0x0f, 0x33
garbage garbage_xsetbv, 0x0f, 0x01, 0xd1

/* uint32_t test_probe_garbage(enum test_privop_garbage, uint64_t *rax) */
GUEST_FUNC(test_probe_garbage)
    mov     $0x80000000, %eax       /* PROBE_FAULT(0, 0): "no such case" */
    cmp     $(garbage_table_end - garbage_table) / 8, %edi
    jae     1f
    push    %rsi
    lea     garbage_table(%rip), %r8
    mov     (%r8, %rdi, 8), %r8
    mov     $0xc0000080, %ecx
    xor     %eax, %eax
    xor     %edx, %edx
    xor     %r9d, %r9d
    call    *%r8
    pop     %rsi
    mov     %r9, (%rsi)
1:  ret
GUEST_END(test_probe_garbage)

    .section .rodata
    .balign 8
garbage_table:
    .quad garbage_too_long_rdmsr, garbage_prefixed_rdmsr
    .quad garbage_rex_then_legacy, garbage_lock_rdmsr
    .quad garbage_forced_not_cpuid, garbage_forced_bad_sig
    .quad garbage_forced_prefixed, garbage_prefix_before_ud2
    .quad garbage_mov_cr_memform, garbage_lgdt, garbage_swapgs
    .quad garbage_invlpg, garbage_rdpmc, garbage_xsetbv
garbage_table_end:

/*
 * The forced-emulation prefix across a page boundary: two pages of their
 * own, the ud2 in the last two bytes of the first, the rest of the
 * signature and the cpuid at the start of the second, which the test may
 * unmap. Entered by jmp, so the fixup's ret returns to the caller.
 */
    .section .text.privop_edge, "ax"
    .balign 4096
privop_edge_start:
GUEST_FUNC(test_probe_forced_at_page_edge)
    push    %rbx
    xor     %eax, %eax
    xor     %ecx, %ecx
    jmp     privop_edge_ud2
GUEST_END(test_probe_forced_at_page_edge)
    .org    privop_edge_start + 4094, 0xcc
privop_edge_ud2:
    .byte   0x0f, 0x0b
privop_edge_next:
    .byte   0x78, 0x65, 0x6e
    cpuid
    xor     %eax, %eax
    pop     %rbx
    ret
    .org    privop_edge_start + 8192, 0xcc
    extable privop_edge_ud2, privop_edge_fixup

    .text
privop_edge_fixup:
    pop     %rbx
    ret

GUEST_FUNC(test_privop_edge_page)
    lea     privop_edge_next(%rip), %rax
    ret
GUEST_END(test_privop_edge_page)

GUEST_FUNC(test_privop_edge_insn)
    lea     privop_edge_ud2(%rip), %rax
    ret
GUEST_END(test_privop_edge_insn)
