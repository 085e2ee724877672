/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PV guest's own GDT: HYPERVISOR_set_gdt(frames, entries) and
 * HYPERVISOR_update_descriptor(maddr, desc). Semantics are Xen 4.17's
 * xen/arch/x86/pv/descriptor-tables.c; the descriptor rules are in
 * asm/pv_desc.h; tests/guest/descriptors pins the answers.
 *
 * The guest's table is up to 14 frames it owns, each typed as a
 * descriptor page (PGT_SEG_DESC_PAGE) for as long as it is in the table.
 * A frame becomes a descriptor page only when nothing maps it writable
 * (the type cannot change while writable references exist), and only if
 * all 512 descriptors in it pass the check, which may rewrite them (DPL
 * raised to 3, call gates made to fault); while it is one, no writable
 * mapping of it can be made. So every descriptor the CPU can load from a
 * guest frame has been checked, and only update_descriptor, which checks
 * first, writes them.
 *
 * The frames appear in this CPU's GDT window (asm/desc.h) mapped writable
 * for the CPU, which sets accessed bits; the hypervisor's page 14 follows.
 * The GDTR never changes: the window and its 16-page limit are fixed, so
 * a new table needs only the TLB flush the remapping does (as in Xen).
 */
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/pv_desc.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include <xenolith/panic.h>

BUILD_BUG_ON(ARRAY_SIZE(((struct arch_vcpu *)0)->gdt_frames) !=
             PV_GDT_MAX_FRAMES);
BUILD_BUG_ON(PV_GDT_MAX_FRAMES != FIRST_RESERVED_GDT_PAGE);

static uint64_t *frame_va(mfn_t mfn)
{
    return maddr_to_virt(mfn_to_maddr(mfn));
}

/*
 * A general and a descriptor-page type reference on mfn; its descriptors
 * are checked (page_type_validate()) if it was not a descriptor page
 * already. -EINVAL (nothing taken) for a frame d does not own, one in use
 * as anything else or mapped writable, or one holding a descriptor the
 * check refuses.
 */
static int get_desc_page(struct domain *d, mfn_t mfn)
{
    struct page_info *pg;

    return get_page_and_type(mfn, d, PGT_SEG_DESC_PAGE, &pg) ? -EINVAL : 0;
}

static void put_desc_page(mfn_t mfn)
{
    put_page_and_type(mfn_to_page(mfn));
}

static unsigned int gdt_frames(unsigned int entries)
{
    return (entries + PV_DESC_PER_PAGE - 1) / PV_DESC_PER_PAGE;
}

void pv_gdt_load(const struct vcpu *v)
{
    uint64_t window = GDT_WINDOW(this_cpu()->cpu_id);
    mfn_t *mapped = this_cpu()->gdt_window;
    unsigned int i, nr = gdt_frames(v->arch.gdt_ents);
    mfn_t want;
    int rc;

    for ( i = 0; i < PV_GDT_MAX_FRAMES; i++ )
    {
        want = i < nr ? v->arch.gdt_frames[i] : gdt_zero_frame();
        if ( mfn_eq(mapped[i], want) )
            continue;               /* Most switches: nothing to remap. */
        rc = map_pages_to_hypervisor(window + i * PAGE_SIZE, want, 1,
                                     i < nr ? PAGE_HYPERVISOR_RW
                                            : PAGE_HYPERVISOR_RO);
        /* The window's tables exist since boot: this cannot fail. */
        BUG_ON(rc);
        mapped[i] = want;
    }
}

/* Drop the references of v's table; the caller remaps the window. */
void pv_gdt_release(struct vcpu *v)
{
    unsigned int i, nr = gdt_frames(v->arch.gdt_ents);

    for ( i = 0; i < nr; i++ )
    {
        put_desc_page(v->arch.gdt_frames[i]);
        v->arch.gdt_frames[i] = INVALID_MFN;
    }
    v->arch.gdt_ents = 0;
}

/*
 * Replace the table of v with frames[0, nr) for entries descriptors
 * (the window shows it at once if v runs here). Decode takes every new
 * reference first, so a refusal leaves the old table in place (-EINVAL,
 * Xen 4.17).
 */
int pv_gdt_set(struct vcpu *v, const xen_ulong_t *frames,
               unsigned int entries)
{
    unsigned int i, nr = gdt_frames(entries);
    int rc = 0;

    if ( entries > PV_GDT_MAX_ENTRIES )
        return -EINVAL;
    for ( i = 0; i < nr; i++ )
    {
        rc = get_desc_page(v->domain, _mfn(frames[i]));
        if ( rc )
            break;
    }
    if ( rc )
    {
        while ( i-- > 0 )
            put_desc_page(_mfn(frames[i]));
        return rc;
    }
    pv_gdt_release(v);
    for ( i = 0; i < nr; i++ )
        v->arch.gdt_frames[i] = _mfn(frames[i]);
    v->arch.gdt_ents = entries;
    if ( v == current )
        pv_gdt_load(v);
    return 0;
}

long do_set_gdt(unsigned long frame_list, unsigned long entries_arg,
                unsigned long a3, unsigned long a4, unsigned long a5)
{
    unsigned int entries = (unsigned int)entries_arg;
    xen_ulong_t frames[PV_GDT_MAX_FRAMES];

    /* Xen 4.17: the limit first, then the list (frames the entries need). */
    if ( entries > PV_GDT_MAX_ENTRIES )
        return -EINVAL;
    if ( copy_from_guest(frames, frame_list,
                         gdt_frames(entries) * sizeof(frames[0])) )
        return -EFAULT;
    return pv_gdt_set(current, frames, entries);
}

/*
 * Xen 4.17: the target frame must be the caller's; if it is a descriptor
 * page it stays one (and the new descriptor shows in the GDT at once),
 * otherwise it must be able to take a writable reference, which refuses
 * page tables.
 */
static int get_update_target(struct domain *d, mfn_t mfn)
{
    struct page_info *pg;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( (__atomic_load_n(&pg->type_info, __ATOMIC_RELAXED) &
          PGT_TYPE_MASK) == PGT_SEG_DESC_PAGE )
        return get_desc_page(d, mfn);
    return get_page_and_type(mfn, d, PGT_WRITABLE_PAGE, &pg) ? -EINVAL : 0;
}

long do_update_descriptor(unsigned long maddr, unsigned long desc,
                          unsigned long a3, unsigned long a4, unsigned long a5)
{
    mfn_t mfn = maddr_to_mfn(maddr);
    uint64_t checked = desc;
    int rc;

    /* Aligned, or it would corrupt two descriptors. */
    if ( !IS_ALIGNED(maddr, sizeof(uint64_t)) || !pv_desc_check(&checked) )
        return -EINVAL;
    rc = get_update_target(current->domain, mfn);
    if ( rc )
        return rc;
    __atomic_store_n(&frame_va(mfn)[(maddr & (PAGE_SIZE - 1)) / 8], checked,
                     __ATOMIC_RELAXED);
    put_desc_page(mfn);             /* Either type reference, and the page. */
    return 0;
}
