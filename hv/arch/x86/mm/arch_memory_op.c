/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 memory_op sub-ops (contract in xenolith/memory_op.h): memory
 * maps and the machine-to-phys table's place. Semantics are Xen 4.17's
 * arch_memory_op() (xen/arch/x86/mm.c) and subarch_memory_op()
 * (xen/arch/x86/x86_64/mm.c), with the answers the reference Xen gives a
 * PV dom0 pinned by tests/guest/memory_op:
 *  - XENMEM_memory_map: a PV dom0 has no pseudo-physical map (-ENOSYS;
 *    Linux asks for the machine map instead); any other domain gets one
 *    RAM range covering the frames it may have (Xen: the map its
 *    toolstack set, which libxl makes exactly that);
 *  - XENMEM_machine_memory_map: the host's map for the control domain,
 *    -EPERM for others; a NULL buffer asks for the count only;
 *  - XENMEM_machphys_mapping: where the read-only M2P is (slot 256);
 *  - XENMEM_machphys_mfn_list: the first frame of each 2 MiB extent of
 *    the M2P, up to max_extents; XENMEM_machphys_compat_mfn_list:
 *    -EOPNOTSUPP, Xen's answer when it has no 32-bit PV guests (no compat
 *    M2P; XEN-DIFFERENCES.md).
 */
#include <asm/m2p.h>
#include <asm/memlayout.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/host_memmap.h>
#include <xenolith/memory_op.h>

/* The BIOS INT 15h E820 record the ABI uses (Xen's e820entry_t). */
struct e820_record {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __packed;

BUILD_BUG_ON(sizeof(struct e820_record) != 20);

/* The M2P: 8 bytes per machine frame in the first 256 GiB of slot 256. */
#define M2P_NR_ENTRIES ((RO_M2P_VIRT_END - RO_M2P_VIRT_START) / 8)

static bool is_hardware_domain(const struct domain *d)
{
    return d->is_privileged && d->domain_id == 0;
}

/* Xen: is_control_domain() passes XSM_PRIV. */
static bool is_control_domain(const struct domain *d)
{
    return d->is_privileged;
}

long arch_domain_max_gpfn(const struct domain *d)
{
    uint64_t max_pfn = __atomic_load_n(&d->shared_info->arch.max_pfn,
                                       __ATOMIC_RELAXED);

    /* Xen: PV guests store a count of frames, not the largest frame. */
    return (long)((max_pfn ? max_pfn : 1) - 1);
}

static int copy_record(uint64_t buffer, unsigned int i,
                       const struct e820_record *rec)
{
    return copy_to_guest(buffer + (uint64_t)i * sizeof(*rec), rec,
                         sizeof(*rec));
}

/* The map argument's nr_entries on return. */
static int copy_count(uint64_t arg, unsigned int nr)
{
    return copy_to_guest(arg + offsetof(struct xen_memory_map, nr_entries),
                         &nr, sizeof(nr));
}

static long memory_map(uint64_t arg)
{
    const struct domain *d = current->domain;
    struct xen_memory_map map;
    struct e820_record ram = { 0, d->max_pages << PAGE_SHIFT, MEMMAP_RAM };

    if ( copy_from_guest(&map, arg, sizeof(map)) )
        return -EFAULT;
    if ( is_hardware_domain(d) )
        return -ENOSYS;            /* Xen 4.17 gives a PV dom0 no map. */
    if ( map.nr_entries &&
         copy_record((uint64_t)(unsigned long)map.buffer.p, 0, &ram) )
        return -EFAULT;
    return copy_count(arg, MIN(map.nr_entries, 1U));
}

static struct e820_record e820_of(const struct memmap_entry *e)
{
    /* Our memmap types are the E820 numbers (xenolith/memmap.h). */
    return (struct e820_record){ e->start, e->size, e->type };
}

/*
 * Xen 4.17 asks for one spare record beyond the host map (its own
 * handle_iomem_range() may add some), so a buffer exactly the size of the
 * map is refused with -EINVAL. We never add records: dom0 owns no device
 * memory here (XEN-DIFFERENCES.md).
 */
static long machine_memory_map(uint64_t arg)
{
    const struct memmap *host = host_memory_map();
    struct xen_memory_map map;
    struct e820_record rec;
    uint64_t buffer;
    unsigned int i;

    if ( !is_control_domain(current->domain) )
        return -EPERM;
    if ( copy_from_guest(&map, arg, sizeof(map)) )
        return -EFAULT;
    buffer = (uint64_t)(unsigned long)map.buffer.p;
    if ( buffer && map.nr_entries < host->nr + 1 )
        return -EINVAL;
    /* Xen 4.17 checks where the buffer starts; copies check the rest. */
    if ( buffer && !guest_range_ok(buffer, 1) )
        return -EFAULT;
    for ( i = 0; buffer && i < host->nr; i++ )
    {
        rec = e820_of(&host->entries[i]);
        if ( copy_record(buffer, i, &rec) )
            return -EFAULT;
    }
    return copy_count(arg, host->nr);
}

static long machphys_mapping(uint64_t arg)
{
    struct xen_machphys_mapping m = {
        .v_start = RO_M2P_VIRT_START,
        .v_end = RO_M2P_VIRT_END,
        .max_mfn = M2P_NR_ENTRIES - 1,
    };

    /* Xen 4.17: without memory hotplug, the hardware domain's real top. */
    if ( is_hardware_domain(current->domain) )
        m.max_mfn = max_page - 1;
    return copy_to_guest(arg, &m, sizeof(m)) ? -EFAULT : 0;
}

/*
 * Xen 4.17 (subarch_memory_op()): extents are written one by one as
 * found, a failing write ends the call with -EFAULT (nr_extents not
 * written back), then the whole structure is copied back with nr_extents
 * set. max_extents 0 lists nothing.
 */
static long machphys_mfn_list(uint64_t arg)
{
    struct xen_machphys_mfn_list list;
    uint64_t buffer;
    unsigned int i;

    if ( copy_from_guest(&list, arg, sizeof(list)) )
        return -EFAULT;
    buffer = (uint64_t)(unsigned long)list.extent_start.p;
    for ( i = 0; i != list.max_extents && i < m2p_nr_extents(); i++ )
    {
        xen_pfn_t mfn = mfn_x(m2p_extent_mfn(i));

        if ( copy_to_guest(buffer + (uint64_t)i * sizeof(mfn), &mfn,
                           sizeof(mfn)) )
            return -EFAULT;
    }
    list.nr_extents = i;
    return copy_to_guest(arg, &list, sizeof(list)) ? -EFAULT : 0;
}

long arch_memory_op(unsigned long cmd, uint64_t arg)
{
    /* cmd, not its sub-op bits: start-extent bits make any of these unknown. */
    switch ( cmd )
    {
    case XENMEM_memory_map:
        return memory_map(arg);
    case XENMEM_machine_memory_map:
        return machine_memory_map(arg);
    case XENMEM_machphys_mapping:
        return machphys_mapping(arg);
    case XENMEM_machphys_mfn_list:
        return machphys_mfn_list(arg);
    case XENMEM_machphys_compat_mfn_list:
        return -EOPNOTSUPP;         /* Xen 4.17 without PV32 (opt_pv32). */
    default:
        return -ENOSYS;
    }
}
