/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The contents of a PV64 guest's hypercall page (asm/pv.h), as Xen 4.17's
 * xen/arch/x86/pv/hypercall.c pv_ring3_init_hypercall_page(): 32 bytes per
 * hypercall, "push %rcx; push %r11; mov $nr, %eax; syscall; pop %r11;
 * pop %rcx; ret", and for iret "push %rcx; push %r11; push %rax; mov $23,
 * %eax; syscall; ud2" (the hypervisor never returns from it). The rest is
 * int3.
 */
#include <asm/page.h>
#include <asm/pv.h>
#include <xenolith/string.h>
#include <xen/xen.h>

void pv_hypercall_page_fill(uint8_t page[PAGE_SIZE])
{
    static const uint8_t iret_stub[] = { 0x51, 0x41, 0x53, 0x50, 0xb8,
                                         __HYPERVISOR_iret, 0, 0, 0,
                                         0x0f, 0x05, 0x0f, 0x0b };
    unsigned int n;

    memset(page, 0xcc, PAGE_SIZE);
    for ( n = 0; n < PAGE_SIZE / 32; n++ )
    {
        uint8_t *p = &page[n * 32];

        p[0] = 0x51;                               /* push %rcx */
        p[1] = 0x41; p[2] = 0x53;                  /* push %r11 */
        p[3] = 0xb8; p[4] = n; p[5] = 0; p[6] = 0; p[7] = 0; /* mov $n,%eax */
        p[8] = 0x0f; p[9] = 0x05;                  /* syscall */
        p[10] = 0x41; p[11] = 0x5b;                /* pop %r11 */
        p[12] = 0x59;                              /* pop %rcx */
        p[13] = 0xc3;                              /* ret */
    }
    memcpy(&page[__HYPERVISOR_iret * 32], iret_stub, sizeof(iret_stub));
}
