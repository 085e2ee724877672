/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frame numbers and single-page remaps. A 64-bit PV guest sees machine
 * frames in its page tables; the domain builder maps kernel virtual
 * address GUEST_VIRT_BASE + (pfn << PAGE_SHIFT) to mfn_list[pfn]
 * (start_info.mfn_list) and gives the guest no other way to learn them.
 */
#include <guest/arch/page.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>

unsigned long guest_pfn_of(const void *va)
{
    return ((unsigned long)va - GUEST_VIRT_BASE) >> PAGE_SHIFT;
}

xen_pfn_t guest_mfn_of(const void *va)
{
    const xen_pfn_t *mfn_list = (const xen_pfn_t *)guest_start_info->mfn_list;

    return mfn_list[guest_pfn_of(va)];
}

int guest_mm_map(void *va, uint64_t maddr, uint64_t flags)
{
    return (int)hypercall_update_va_mapping((unsigned long)va, maddr | flags,
                                            UVMF_INVLPG | UVMF_LOCAL);
}

int guest_mm_unmap(void *va)
{
    return (int)hypercall_update_va_mapping((unsigned long)va, 0,
                                            UVMF_INVLPG | UVMF_LOCAL);
}
