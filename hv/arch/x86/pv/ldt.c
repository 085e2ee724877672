/* SPDX-License-Identifier: GPL-2.0-only */
/* A PV guest's LDT, mapped lazily into a shadow window (asm/pv_desc.h). */
#include <asm/desc.h>
#include <asm/flush.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv_desc.h>
#include <asm/traps.h>
#include <xenolith/domain.h>
#include <xenolith/guest_access.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include <xenolith/panic.h>

#define PFEC_USER     (1UL << 2)
#define PFEC_RESERVED (1UL << 3)

BUILD_BUG_ON(ARRAY_SIZE(((struct arch_vcpu *)0)->ldt_frames) !=
             PV_LDT_MAX_FRAMES);

static uint64_t ldt_window(void)
{
    return GDT_WINDOW(this_cpu()->cpu_id) + 0x10000;
}

/*
 * Drop the references of v's shadow-LDT pages, and unmap them from this
 * CPU's window if v is the vCPU running here (only then are they there).
 */
static void ldt_destroy(struct vcpu *v)
{
    unsigned int i;

    for ( i = 0; i < PV_LDT_MAX_FRAMES; i++ )
    {
        if ( mfn_eq(v->arch.ldt_frames[i], INVALID_MFN) )
            continue;
        if ( v->is_running )
            unmap_pages_from_hypervisor(ldt_window() + i * PAGE_SIZE, 1);
        put_page_and_type(mfn_to_page(v->arch.ldt_frames[i]));
        v->arch.ldt_frames[i] = INVALID_MFN;
    }
}

void pv_ldt_release(struct vcpu *v)
{
    BUG_ON(v->is_running);
    ldt_destroy(v);
    v->arch.ldt_ents = 0;
    v->arch.ldt_base = 0;
}

void pv_ldt_switch_out(const struct vcpu *v)
{
    unsigned int i;

    for ( i = 0; i < PV_LDT_MAX_FRAMES; i++ )
        if ( !mfn_eq(v->arch.ldt_frames[i], INVALID_MFN) )
            unmap_pages_from_hypervisor(ldt_window() + i * PAGE_SIZE, 1);
}

void pv_ldt_switch_in(const struct vcpu *v)
{
    unsigned int i;
    int rc;

    for ( i = 0; i < PV_LDT_MAX_FRAMES; i++ )
    {
        if ( mfn_eq(v->arch.ldt_frames[i], INVALID_MFN) )
            continue;
        rc = map_pages_to_hypervisor(ldt_window() + i * PAGE_SIZE,
                                     v->arch.ldt_frames[i], 1,
                                     PAGE_HYPERVISOR_RW);
        /* The window's tables exist since the page was first mapped. */
        BUG_ON(rc);
    }
    pv_ldt_load(v);
}

void pv_ldt_load(const struct vcpu *v)
{
    uint64_t *d = (uint64_t *)(GDT_WINDOW(this_cpu()->cpu_id) +
                               LDT_SELECTOR);
    uint64_t base = ldt_window(), limit = v->arch.ldt_ents * 8 - 1;

    if ( !v->arch.ldt_ents )
    {
        __asm__ __volatile__("lldt %w0" :: "r"(0));
        return;
    }
    /* A present 64-bit LDT descriptor (type 2), 16 bytes. */
    d[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x82ULL << 40) |
           (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    d[1] = base >> 32;
    __asm__ __volatile__("lldt %w0" :: "r"(LDT_SELECTOR));
}

void pv_set_ldt(struct vcpu *v, uint64_t base, unsigned int ents)
{
    if ( v->arch.ldt_base == base && v->arch.ldt_ents == ents )
        return;
    ldt_destroy(v);
    v->arch.ldt_base = base;
    v->arch.ldt_ents = ents;
    pv_ldt_load(v);
}

/*
 * Map LDT page index of v from the guest's kernel page tables (Xen reads
 * the kernel's, whichever mode the guest is in), typed as a descriptor
 * page: its descriptors are checked then. False if that cannot be.
 */
static bool ldt_map_page(struct vcpu *v, unsigned int index)
{
    uint64_t linear = v->arch.ldt_base + (uint64_t)index * PAGE_SIZE, e;
    struct page_info *l1 = pv_guest_l1_table(v->arch.guest_table, linear);
    struct page_info *pg;
    mfn_t mfn;

    if ( !l1 )
        return false;
    e = __atomic_load_n(&((uint64_t *)maddr_to_virt(mfn_to_maddr(
                             page_to_mfn(l1))))[PT_INDEX(linear, L1_SHIFT)],
                        __ATOMIC_ACQUIRE);
    mfn = maddr_to_mfn(e & PTE_ADDR_MASK);
    if ( !(e & _PAGE_PRESENT) ||
         get_page_and_type(mfn, v->domain, PGT_SEG_DESC_PAGE, &pg) )
        return false;
    /* Writable for the CPU, which sets descriptors' accessed bits. */
    if ( map_pages_to_hypervisor(ldt_window() + index * PAGE_SIZE, mfn, 1,
                                 PAGE_HYPERVISOR_RW) )
    {
        put_page_and_type(pg);
        return false;
    }
    v->arch.ldt_frames[index] = mfn;
    return true;
}

bool pv_ldt_fault(struct trap_frame *f, uint64_t cr2, uint64_t ec)
{
    struct vcpu *v = current;
    uint64_t offset = cr2 - ldt_window();
    unsigned int index = offset >> PAGE_SHIFT;

    /*
     * Only the CPU's own (supervisor, implicit) descriptor reads count, as
     * Xen's fixup_page_fault(): a guest touching the window itself gets
     * its #PF unchanged.
     */
    if ( cr2 < ldt_window() || offset >= PV_LDT_MAX_FRAMES * PAGE_SIZE ||
         (ec & (PFEC_USER | PFEC_RESERVED)) || !v->arch.ldt_ents )
        return false;
    if ( (offset >> 3) < v->arch.ldt_ents &&
         mfn_eq(v->arch.ldt_frames[index], INVALID_MFN) &&
         ldt_map_page(v, index) )
        return true;                     /* Retry: the descriptor is there. */
    /* Xen: #GP(selector) if the address would not be canonical, else #PF. */
    if ( !guest_range_ok(v->arch.ldt_base + offset, 1) )
    {
        if ( pv_inject_exception(f, TRAP_GP, (offset & ~3ULL) | 4) )
            domain_crash(v->domain, "cannot deliver #GP for the LDT");
    }
    else if ( pv_inject_page_fault(f, v->arch.ldt_base + offset, ec) )
        domain_crash(v->domain, "cannot deliver #PF for the LDT");
    return true;
}
