/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * FPU, SSE and AVX register access for tests/guest/fpu. Every function is
 * a probe (guest/include/guest/probe.h): its first FPU instruction has an
 * exception-table entry, so #NM (CR0.TS) or #UD (state not enabled) comes
 * back as the return value instead of a panic; 0 means it completed. The
 * guest library is built without SSE, so nothing between a load and a
 * store touches these registers but the hypervisor. SysV ABI: arguments
 * in rdi, rsi.
 */
#include <guest/arch/asm.h>

    .text

/* uint32_t fpu_sse_load(const void *src): xmm0-15 from 256 bytes. */
GUEST_FUNC(fpu_sse_load)
    xor     %eax, %eax
1:  movdqu  0x00(%rdi), %xmm0
    movdqu  0x10(%rdi), %xmm1
    movdqu  0x20(%rdi), %xmm2
    movdqu  0x30(%rdi), %xmm3
    movdqu  0x40(%rdi), %xmm4
    movdqu  0x50(%rdi), %xmm5
    movdqu  0x60(%rdi), %xmm6
    movdqu  0x70(%rdi), %xmm7
    movdqu  0x80(%rdi), %xmm8
    movdqu  0x90(%rdi), %xmm9
    movdqu  0xa0(%rdi), %xmm10
    movdqu  0xb0(%rdi), %xmm11
    movdqu  0xc0(%rdi), %xmm12
    movdqu  0xd0(%rdi), %xmm13
    movdqu  0xe0(%rdi), %xmm14
    movdqu  0xf0(%rdi), %xmm15
2:  ret
    extable 1b, 2b
GUEST_END(fpu_sse_load)

/* uint32_t fpu_sse_store(void *dst): xmm0-15 into 256 bytes. */
GUEST_FUNC(fpu_sse_store)
    xor     %eax, %eax
1:  movdqu  %xmm0, 0x00(%rdi)
    movdqu  %xmm1, 0x10(%rdi)
    movdqu  %xmm2, 0x20(%rdi)
    movdqu  %xmm3, 0x30(%rdi)
    movdqu  %xmm4, 0x40(%rdi)
    movdqu  %xmm5, 0x50(%rdi)
    movdqu  %xmm6, 0x60(%rdi)
    movdqu  %xmm7, 0x70(%rdi)
    movdqu  %xmm8, 0x80(%rdi)
    movdqu  %xmm9, 0x90(%rdi)
    movdqu  %xmm10, 0xa0(%rdi)
    movdqu  %xmm11, 0xb0(%rdi)
    movdqu  %xmm12, 0xc0(%rdi)
    movdqu  %xmm13, 0xd0(%rdi)
    movdqu  %xmm14, 0xe0(%rdi)
    movdqu  %xmm15, 0xf0(%rdi)
2:  ret
    extable 1b, 2b
GUEST_END(fpu_sse_store)

/* uint32_t fpu_avx_load(const void *src): ymm0-15 from 512 bytes. */
GUEST_FUNC(fpu_avx_load)
    xor     %eax, %eax
1:  vmovdqu 0x000(%rdi), %ymm0
    vmovdqu 0x020(%rdi), %ymm1
    vmovdqu 0x040(%rdi), %ymm2
    vmovdqu 0x060(%rdi), %ymm3
    vmovdqu 0x080(%rdi), %ymm4
    vmovdqu 0x0a0(%rdi), %ymm5
    vmovdqu 0x0c0(%rdi), %ymm6
    vmovdqu 0x0e0(%rdi), %ymm7
    vmovdqu 0x100(%rdi), %ymm8
    vmovdqu 0x120(%rdi), %ymm9
    vmovdqu 0x140(%rdi), %ymm10
    vmovdqu 0x160(%rdi), %ymm11
    vmovdqu 0x180(%rdi), %ymm12
    vmovdqu 0x1a0(%rdi), %ymm13
    vmovdqu 0x1c0(%rdi), %ymm14
    vmovdqu 0x1e0(%rdi), %ymm15
2:  ret
    extable 1b, 2b
GUEST_END(fpu_avx_load)

/* uint32_t fpu_avx_store(void *dst): ymm0-15 into 512 bytes. */
GUEST_FUNC(fpu_avx_store)
    xor     %eax, %eax
1:  vmovdqu %ymm0, 0x000(%rdi)
    vmovdqu %ymm1, 0x020(%rdi)
    vmovdqu %ymm2, 0x040(%rdi)
    vmovdqu %ymm3, 0x060(%rdi)
    vmovdqu %ymm4, 0x080(%rdi)
    vmovdqu %ymm5, 0x0a0(%rdi)
    vmovdqu %ymm6, 0x0c0(%rdi)
    vmovdqu %ymm7, 0x0e0(%rdi)
    vmovdqu %ymm8, 0x100(%rdi)
    vmovdqu %ymm9, 0x120(%rdi)
    vmovdqu %ymm10, 0x140(%rdi)
    vmovdqu %ymm11, 0x160(%rdi)
    vmovdqu %ymm12, 0x180(%rdi)
    vmovdqu %ymm13, 0x1a0(%rdi)
    vmovdqu %ymm14, 0x1c0(%rdi)
    vmovdqu %ymm15, 0x1e0(%rdi)
2:  ret
    extable 1b, 2b
GUEST_END(fpu_avx_store)

/*
 * uint32_t fpu_x87_push(const int64_t v[2]): push v[0], then v[1], so
 * st0 = v[1], st1 = v[0].
 */
GUEST_FUNC(fpu_x87_push)
    xor     %eax, %eax
1:  fildq   0(%rdi)
    fildq   8(%rdi)
2:  ret
    extable 1b, 2b
GUEST_END(fpu_x87_push)

/* uint32_t fpu_x87_pop(int64_t v[2]): the reverse of fpu_x87_push. */
GUEST_FUNC(fpu_x87_pop)
    xor     %eax, %eax
1:  fistpq  8(%rdi)
    fistpq  0(%rdi)
2:  ret
    extable 1b, 2b
GUEST_END(fpu_x87_pop)

/* uint32_t fpu_set_controls(uint16_t fcw, uint32_t mxcsr) */
GUEST_FUNC(fpu_set_controls)
    sub     $16, %rsp
    mov     %di, 0(%rsp)
    mov     %esi, 4(%rsp)
    xor     %eax, %eax
1:  fldcw   0(%rsp)
    ldmxcsr 4(%rsp)
2:  add     $16, %rsp
    ret
    extable 1b, 2b
GUEST_END(fpu_set_controls)

/* uint32_t fpu_get_controls(uint16_t *fcw, uint32_t *mxcsr, uint16_t *fsw) */
GUEST_FUNC(fpu_get_controls)
    xor     %eax, %eax
1:  fnstcw  (%rdi)
    stmxcsr (%rsi)
    fnstsw  (%rdx)
2:  ret
    extable 1b, 2b
GUEST_END(fpu_get_controls)

/* uint32_t fpu_get_env(void *env): FNSTENV's 28 bytes (tag word at 8). */
GUEST_FUNC(fpu_get_env)
    xor     %eax, %eax
1:  fnstenv (%rdi)
    fldenv  (%rdi)                      /* FNSTENV masked all exceptions. */
2:  ret
    extable 1b, 2b
GUEST_END(fpu_get_env)

/* One instruction of each kind that leaves every register as it was. */
GUEST_FUNC(fpu_probe_sse)
    xor     %eax, %eax
1:  movaps  %xmm0, %xmm0
2:  ret
    extable 1b, 2b
GUEST_END(fpu_probe_sse)

GUEST_FUNC(fpu_probe_avx)
    xor     %eax, %eax
1:  vmovaps %ymm0, %ymm0
2:  ret
    extable 1b, 2b
GUEST_END(fpu_probe_avx)

GUEST_FUNC(fpu_probe_x87)
    xor     %eax, %eax
1:  fnop
2:  ret
    extable 1b, 2b
GUEST_END(fpu_probe_x87)

/* uint32_t fpu_probe_xsetbv(uint64_t rcx, uint64_t value) */
GUEST_FUNC(fpu_probe_xsetbv)
    mov     %rdi, %rcx
    mov     %rsi, %rdx
    shr     $32, %rdx
    mov     %esi, %eax
1:  xsetbv
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(fpu_probe_xsetbv)

/* uint32_t fpu_probe_xsetbv_opsize(uint64_t rcx, uint64_t value): 66 prefix */
GUEST_FUNC(fpu_probe_xsetbv_opsize)
    mov     %rdi, %rcx
    mov     %rsi, %rdx
    shr     $32, %rdx
    mov     %esi, %eax
1:  .byte   0x66, 0x0f, 0x01, 0xd1
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(fpu_probe_xsetbv_opsize)

/* uint32_t fpu_probe_xgetbv(uint32_t ecx, uint64_t *value) */
GUEST_FUNC(fpu_probe_xgetbv)
    mov     %edi, %ecx
1:  xgetbv
    shl     $32, %rdx
    or      %rdx, %rax
    mov     %rax, (%rsi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(fpu_probe_xgetbv)

/* uint32_t fpu_xsave(void *area, uint64_t mask): XSAVE64, as a guest does. */
GUEST_FUNC(fpu_xsave)
    mov     %rsi, %rdx
    shr     $32, %rdx
    mov     %esi, %eax
1:  xsave64 (%rdi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(fpu_xsave)

/* uint32_t fpu_xsaveopt(void *area, uint64_t mask) */
GUEST_FUNC(fpu_xsaveopt)
    mov     %rsi, %rdx
    shr     $32, %rdx
    mov     %esi, %eax
1:  xsaveopt64 (%rdi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(fpu_xsaveopt)

/* uint32_t fpu_xrstor(const void *area, uint64_t mask) */
GUEST_FUNC(fpu_xrstor)
    mov     %rsi, %rdx
    shr     $32, %rdx
    mov     %esi, %eax
1:  xrstor64 (%rdi)
    xor     %eax, %eax
2:  ret
    extable 1b, 2b
GUEST_END(fpu_xrstor)
