/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Probes for the segments test: the data segment registers, FS/GS-relative
 * loads, and HYPERVISOR_iret with a frame of our choosing.
 *
 * iret_probe_run(p) saves our context, builds the iret frame (ss, rsp,
 * rflags, cs, rip, flags; the hypercall page's iret stub adds rcx, r11 and
 * rax) from struct iret_probe (main.c, offsets below) with a stack 256
 * bytes below ours, and jumps to the stub. It comes back with 0 if the
 * iret landed at iret_probe_target (which records cs, ss, rcx and r11),
 * with vector + 1 if one of the fault stubs (installed in the trap table
 * by main.c) got the bounce instead (recording its eight frame words and
 * the event mask on entry), or with 0xfa11 if the failsafe callback was
 * entered.
 */
#include <xen/xen.h>
#include <guest/arch/asm.h>

#define IP_RIP          0
#define IP_CS           8
#define IP_RFLAGS       16
#define IP_SS           24
#define IP_FLAGS        32
#define IP_RCX          40
#define IP_R11          48
#define IP_MASK_ADDR    56
#define IP_OUT_CS       64
#define IP_OUT_SS       72
#define IP_OUT_RCX      80
#define IP_OUT_R11      88
#define IP_OUT_MASK     96
#define IP_FRAME        104
#define IP_OUT_RSP      168

    .bss
    .balign 8
    .globl iret_probe_current
iret_probe_current:
    .quad   0
probe_saved_rsp:
    .quad   0
    .globl failsafe_entries
failsafe_entries:
    .quad   0

    .text
/* uint64_t iret_probe_run(struct iret_probe *p) */
GUEST_FUNC(iret_probe_run)
    push    %rbx
    push    %rbp
    push    %r12
    push    %r13
    push    %r14
    push    %r15
    mov     %rdi, iret_probe_current(%rip)
    mov     %rsp, probe_saved_rsp(%rip)
    lea     -256(%rsp), %rax
    and     $~0xf, %rax
    mov     %rax, IP_OUT_RSP(%rdi)
    pushq   IP_SS(%rdi)
    push    %rax
    pushq   IP_RFLAGS(%rdi)
    pushq   IP_CS(%rdi)
    pushq   IP_RIP(%rdi)
    pushq   IP_FLAGS(%rdi)
    mov     IP_RCX(%rdi), %rcx
    mov     IP_R11(%rdi), %r11
    jmp     hypercall_page + __HYPERVISOR_iret * 32
GUEST_END(iret_probe_run)

/* Where a good frame lands: record what the iret gave us, then return 0. */
GUEST_FUNC(iret_probe_target)
    mov     iret_probe_current(%rip), %rax
    mov     %rcx, IP_OUT_RCX(%rax)
    mov     %r11, IP_OUT_R11(%rax)
    mov     %cs, %ecx
    mov     %rcx, IP_OUT_CS(%rax)
    mov     %ss, %ecx
    mov     %rcx, IP_OUT_SS(%rax)
    xor     %eax, %eax
probe_return:
    mov     probe_saved_rsp(%rip), %rsp
    pop     %r15
    pop     %r14
    pop     %r13
    pop     %r12
    pop     %rbp
    pop     %rbx
    ret
GUEST_END(iret_probe_target)

/*
 * The target of frames that must fault: plain instructions (a #GP(0) here
 * is not mistaken for a privileged one to emulate), then as above if the
 * iret landed after all.
 */
GUEST_FUNC(iret_probe_no_landing)
    nop
    nop
    jmp     iret_probe_target
GUEST_END(iret_probe_no_landing)

/* A trap table entry: the bounce frame is rcx, r11, error code, rip, ... */
.macro fault_stub vec
GUEST_FUNC(iret_probe_fault_\vec)
    mov     iret_probe_current(%rip), %rax
    test    %rax, %rax
    jz      1f
    mov     IP_MASK_ADDR(%rax), %rcx
    movzbl  (%rcx), %ecx
    mov     %rcx, IP_OUT_MASK(%rax)
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7
    mov     \i * 8(%rsp), %rcx
    mov     %rcx, IP_FRAME + \i * 8(%rax)
    .endr
    mov     $(\vec + 1), %eax
    jmp     probe_return
1:  ud2                     /* Not during a probe: let the library panic. */
GUEST_END(iret_probe_fault_\vec)
.endm

    fault_stub 11
    fault_stub 12
    fault_stub 13
    fault_stub 14

/* Failsafe callback: counted, and ends the probe in progress. */
GUEST_FUNC(segments_failsafe_entry)
    incq    failsafe_entries(%rip)
    cmpq    $0, iret_probe_current(%rip)
    je      1f
    mov     $0xfa11, %eax
    jmp     probe_return
1:  ud2
GUEST_END(segments_failsafe_entry)

/* void seg_load_all(unsigned int ds, es, fs, gs) */
GUEST_FUNC(seg_load_all)
    mov     %edi, %ds
    mov     %esi, %es
    mov     %edx, %fs
    mov     %ecx, %gs
    ret
GUEST_END(seg_load_all)

/* void seg_read_all(uint16_t sel[4]): ds, es, fs, gs. */
GUEST_FUNC(seg_read_all)
    mov     %ds, %eax
    mov     %ax, 0(%rdi)
    mov     %es, %eax
    mov     %ax, 2(%rdi)
    mov     %fs, %eax
    mov     %ax, 4(%rdi)
    mov     %gs, %eax
    mov     %ax, 6(%rdi)
    ret
GUEST_END(seg_read_all)

/* uint64_t read_fs_at(uint64_t offset), read_gs_at(uint64_t offset) */
GUEST_FUNC(read_fs_at)
    mov     %fs:(%rdi), %rax
    ret
GUEST_END(read_fs_at)

GUEST_FUNC(read_gs_at)
    mov     %gs:(%rdi), %rax
    ret
GUEST_END(read_gs_at)
