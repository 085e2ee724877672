/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest page-table entries and tables: the references each present entry
 * holds, and validating a whole table when a frame becomes one (contract
 * in asm/guest_pt.h; Xen 4.17's get_page_from_l1e, get_page_from_l[234]e,
 * promote_l[1234]_table and their put/demote halves in xen/arch/x86/mm.c).
 *
 * Validation recurses downwards only (an L4 entry validates an L3, ...), so
 * its depth is at most four tables. Hypercalls that take table references
 * prevalidate first (pt_prevalidate.c), so a validation here finds its
 * lower tables validated and costs one pass over one table; without that
 * (a multicall entry) it runs to its end. Undoing a validation (the last
 * type reference gone) can cost as much as the
 * validations it undoes, so inside MMU hypercalls the lower tables'
 * references are dropped later, preemptibly (pt_defer_put()).
 */
#include <asm/guest_pt.h>
#include <asm/mmio.h>
#include <asm/page.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

/* Xen 4.17's base_disallow_mask, inverted: what any level may hold. */
#define PT_BASE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
                       _PAGE_ACCESSED | _PAGE_DIRTY | PT_AVAIL_LOW | \
                       PT_AVAIL_HIGH | _PAGE_NX)
#define PT_CACHE_FLAGS (_PAGE_PWT | _PAGE_PCD | PT_PAT_L1)

unsigned int pt_level_of_type(uint64_t type)
{
    switch ( type & PGT_TYPE_MASK )
    {
    case PGT_L1_PAGE_TABLE: return 1;
    case PGT_L2_PAGE_TABLE: return 2;
    case PGT_L3_PAGE_TABLE: return 3;
    case PGT_L4_PAGE_TABLE: return 4;
    default:                return 0;
    }
}

uint64_t pt_type_of_level(unsigned int level)
{
    static const uint64_t types[] = {
        0, PGT_L1_PAGE_TABLE, PGT_L2_PAGE_TABLE, PGT_L3_PAGE_TABLE,
        PGT_L4_PAGE_TABLE,
    };

    return types[level];
}

bool pt_is_guest_l4_slot(unsigned int slot)
{
    return slot < HV_L4_FIRST_SLOT || slot > HV_L4_LAST_SLOT;
}

/*
 * Flags an entry of level may hold. An L1 may also be global, and a
 * domain with I/O rights (dom0) may choose caching (Xen's
 * l1_disallow_mask() for a domain with iomem or ioport capabilities).
 */
static uint64_t allowed_flags(const struct domain *d, unsigned int level)
{
    if ( level != 1 )
        return PT_BASE_FLAGS;
    return PT_BASE_FLAGS | _PAGE_GLOBAL |
           (d->is_privileged ? PT_CACHE_FLAGS : 0);
}

static bool flags_ok(uint64_t e, const struct domain *d, unsigned int level)
{
    return !(e & ~PTE_ADDR_MASK & ~allowed_flags(d, level));
}

uint64_t pt_adjust_entry(uint64_t e, unsigned int level)
{
    if ( !(e & _PAGE_PRESENT) )
        return e;
    e |= _PAGE_USER;
    if ( level == 1 )
        e &= ~_PAGE_GLOBAL;
    return e;
}

/*
 * Frames a domain does not own but may map: I/O memory. That is any
 * frame outside managed RAM (no page_info, or one in the reserved state:
 * the first MiB, firmware ranges) below the machine's physical address
 * limit, for a privileged domain only. Registers
 * the hypervisor drives itself (asm/mmio.h) are mapped read-only whatever
 * the guest asked: the result is then _PAGE_RW, the bit to clear (Xen
 * 4.17 does the same for its read-only MMIO ranges). Xen answers -EPERM
 * for a domain without the right, -EINVAL for the all-ones frame number
 * Linux uses as "invalid".
 */
static int get_io_frame(uint64_t l1e, const struct domain *d, mfn_t mfn)
{
    if ( mfn_x(mfn) == (PTE_ADDR_MASK >> PAGE_SHIFT) )
        return -EINVAL;
    if ( !d->is_privileged || !mmio_frame_exists(mfn) )
        return -EPERM;
    if ( (l1e & _PAGE_RW) && !mmio_guest_may_write(mfn) )
        return PT_L1E_CLEAR_RW;
    return 0;
}

static bool is_io_frame(mfn_t mfn)
{
    return !mfn_valid(mfn) ||
           page_state(mfn_to_page(mfn)) == PGC_STATE_RESERVED;
}

int pt_get_l1e(uint64_t l1e, struct domain *d, struct domain *pg_owner)
{
    mfn_t mfn = maddr_to_mfn(l1e & PTE_ADDR_MASK);
    struct page_info *pg;

    if ( !(l1e & _PAGE_PRESENT) )
        return 0;
    if ( !flags_ok(l1e, d, 1) )
        return -EINVAL;
    if ( is_io_frame(mfn) )
        return get_io_frame(l1e, pg_owner, mfn);
    pg = mfn_to_page(mfn);
    /* Xen ("could_not_pin"): not the owner's, or not typable writable. */
    if ( !get_page(pg, pg_owner) )
        return -EBUSY;
    if ( (l1e & _PAGE_RW) && get_page_type(pg, PGT_WRITABLE_PAGE) )
    {
        put_page(pg);
        return -EBUSY;
    }
    return 0;
}

void pt_put_l1e(uint64_t l1e)
{
    mfn_t mfn = maddr_to_mfn(l1e & PTE_ADDR_MASK);
    struct page_info *pg;

    if ( !(l1e & _PAGE_PRESENT) || is_io_frame(mfn) )
        return;
    pg = mfn_to_page(mfn);
    if ( l1e & _PAGE_RW )
        put_page_type(pg);
    put_page(pg);
}

/*
 * References for a new entry of level 2..4 in table: the lower table it
 * names, validated as one (Xen's get_page_from_l[234]e), or a linear entry.
 */
static int get_table_entry(uint64_t e, unsigned int level,
                           struct page_info *table, struct domain *d)
{
    mfn_t mfn = maddr_to_mfn(e & PTE_ADDR_MASK);
    struct page_info *lower;
    int rc;

    if ( !(e & _PAGE_PRESENT) )
        return 0;
    if ( !flags_ok(e, d, level) )
        return -EINVAL;
    rc = get_page_and_type(mfn, d, pt_type_of_level(level - 1), &lower);
    if ( rc == -EINVAL )
        rc = pt_get_linear(e, level, table, d);
    return rc;
}

static void put_table_entry(uint64_t e, unsigned int level,
                            struct page_info *table)
{
    struct page_info *lower;

    if ( !(e & _PAGE_PRESENT) ||
         mfn_eq(maddr_to_mfn(e & PTE_ADDR_MASK), page_to_mfn(table)) )
        return;                          /* A self entry holds nothing. */
    lower = mfn_to_page(maddr_to_mfn(e & PTE_ADDR_MASK));
    /* Same type as the table: a linear entry (Xen's _put_page_type). */
    if ( (lower->type_info & PGT_TYPE_MASK) == pt_type_of_level(level) )
        pt_put_linear(lower, table);
    else if ( pt_defer_put(lower) )
        return;                          /* Dropped later, preemptibly. */
    else
        put_page_type(lower);
    put_page(lower);
}

static bool slot_is_guests(unsigned int level, unsigned int slot)
{
    return level != 4 || pt_is_guest_l4_slot(slot);
}

static uint64_t *table_entries(const struct page_info *pg)
{
    return maddr_to_virt(mfn_to_maddr(page_to_mfn(pg)));
}

static int get_entry(uint64_t e, unsigned int level, struct page_info *table,
                     struct domain *d)
{
    return level == 1 ? pt_get_l1e(e, d, d)
                      : get_table_entry(e, level, table, d);
}

static void put_entry(uint64_t e, unsigned int level, struct page_info *table)
{
    if ( level == 1 )
        pt_put_l1e(e);
    else
        put_table_entry(e, level, table);
}

int pt_validate_table(struct page_info *pg, unsigned int level)
{
    struct domain *d = pg->owner;
    uint64_t *t = table_entries(pg);
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < PT_ENTRIES; i++ )
    {
        if ( !slot_is_guests(level, i) )
            continue;
        rc = get_entry(t[i], level, pg, d);
        if ( rc == PT_L1E_CLEAR_RW )
        {
            t[i] &= ~_PAGE_RW;
            rc = 0;
        }
        if ( rc )
            break;
        t[i] = pt_adjust_entry(t[i], level);
    }
    if ( rc )
    {
        while ( i-- > 0 )
            if ( slot_is_guests(level, i) )
                put_entry(t[i], level, pg);
        return rc;
    }
    /* Every address space carries the hypervisor's slots. */
    if ( level == 4 )
        paging_fill_hypervisor_slots(t);
    return 0;
}

void pt_invalidate_table(struct page_info *pg, unsigned int level)
{
    uint64_t *t = table_entries(pg);
    unsigned int i;

    for ( i = 0; i < PT_ENTRIES; i++ )
        if ( slot_is_guests(level, i) )
            put_entry(t[i], level, pg);
}

/*
 * Would replacing old with new change references? Not if both map the
 * same frame with the same presence, writability and caching: the guest's
 * own bits, A/D, NX, user and global change freely (Xen's fast path,
 * FASTPATH_FLAG_WHITELIST).
 */
static bool refs_change(uint64_t old, uint64_t new)
{
    const uint64_t same = PT_AVAIL_LOW | PT_AVAIL_HIGH | _PAGE_NX |
                          _PAGE_GLOBAL | _PAGE_DIRTY | _PAGE_ACCESSED |
                          _PAGE_USER;

    return ((old ^ new) & ~same) != 0;
}

int pt_update_entry(struct vcpu *v, struct page_info *pg, unsigned int level,
                    unsigned int index, uint64_t new_entry, bool preserve_ad,
                    struct domain *pg_owner)
{
    struct domain *d = v->domain;
    uint64_t *slot = &table_entries(pg)[index];
    uint64_t old = __atomic_load_n(slot, __ATOMIC_ACQUIRE), seen;
    bool take_refs = false;
    int rc;

    if ( !slot_is_guests(level, index) )
        return -EINVAL;              /* Xen: "L4 update in Xen-private area". */
    if ( new_entry & _PAGE_PRESENT )
    {
        if ( !flags_ok(new_entry, d, level) )
            return -EINVAL;
        take_refs = refs_change(old, new_entry);
        if ( take_refs )
        {
            rc = level == 1 ? pt_get_l1e(new_entry, d, pg_owner)
                            : get_table_entry(new_entry, level, pg, d);
            if ( rc == PT_L1E_CLEAR_RW )
            {
                new_entry &= ~_PAGE_RW;
                rc = 0;
            }
            if ( rc )
                return rc;
        }
    }
    else
        take_refs = true;            /* Whatever old held goes. */
    new_entry = pt_adjust_entry(new_entry, level);
    /*
     * The CPU may set A and D in the old entry meanwhile: keep them if
     * asked (MMU_PT_UPDATE_PRESERVE_AD), and never let them fail the swap.
     */
    for ( ;; )
    {
        uint64_t want = new_entry;

        if ( preserve_ad )
            want |= old & (_PAGE_ACCESSED | _PAGE_DIRTY);
        seen = old;
        if ( __atomic_compare_exchange_n(slot, &seen, want, false,
                                         __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE) )
            break;
        if ( (seen ^ old) & ~(_PAGE_ACCESSED | _PAGE_DIRTY) )
        {
            /* Another vCPU changed the entry: undo ours (Xen: -EBUSY). */
            if ( take_refs && (new_entry & _PAGE_PRESENT) )
                put_entry(new_entry, level, pg);
            return -EBUSY;
        }
        old = seen;
    }
    if ( take_refs )
        put_entry(old, level, pg);
    return 0;
}
