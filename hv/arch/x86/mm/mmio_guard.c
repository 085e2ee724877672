/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's own device registers, kept from guests (asm/mmio.h). */
#include <asm/cpufeature.h>
#include <asm/mmio.h>
#include <asm/page.h>
#include <xenolith/console.h>
#include <xenolith/mm.h>

/* The I/O APIC's architectural default page, driven by us or by nobody. */
#define IOAPIC_DEFAULT_BASE 0xfec00000UL
#define MMIO_GUARD_MAX      8

struct guarded_range {
    uint64_t first_mfn, last_mfn;
};

static struct guarded_range guarded[MMIO_GUARD_MAX] = {
    { IOAPIC_DEFAULT_BASE >> PAGE_SHIFT, IOAPIC_DEFAULT_BASE >> PAGE_SHIFT },
};
static unsigned int nr_guarded = 1;

void mmio_guard_add(paddr_t pa, size_t len)
{
    if ( !len )
        return;
    if ( nr_guarded == MMIO_GUARD_MAX )
    {
        printk(XENLOG_ERR "MMIO guard table full: %#lx+%#lx unguarded\n",
               pa, len);
        return;
    }
    guarded[nr_guarded].first_mfn = pa >> PAGE_SHIFT;
    guarded[nr_guarded].last_mfn = (pa + len - 1) >> PAGE_SHIFT;
    nr_guarded++;
}

bool mmio_frame_exists(mfn_t mfn)
{
    return mfn_x(mfn) < (1ULL << (boot_cpu_data.phys_addr_bits - PAGE_SHIFT));
}

bool mmio_guest_may_write(mfn_t mfn)
{
    unsigned int i;

    for ( i = 0; i < nr_guarded; i++ )
        if ( mfn_x(mfn) >= guarded[i].first_mfn &&
             mfn_x(mfn) <= guarded[i].last_mfn )
            return false;
    return true;
}
