/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fetching the bytes of a guest instruction (contract in asm/insn.h).
 *
 * The instruction may end where the guest may not read: at the top of the
 * lower canonical half, at the hypervisor's slots, or on a page the guest
 * unmapped after the fault (another vCPU, or the fault itself raced with a
 * remap). So the fetch finds how far the range is a guest range at all,
 * copies that much through the fault-catching copy, and reports how many
 * leading bytes arrived and why the next did not: the emulator turns that
 * into the #GP(0) or #PF Xen 4.17 gives (pv_emul_virt_to_linear and
 * insn_fetch in xen/arch/x86/pv/emul-priv-op.c).
 */
#include <asm/insn.h>
#include <xenolith/guest_access.h>

unsigned int insn_fetch_limit(uint64_t rip, unsigned int len)
{
    unsigned int n = 0;

    while ( n < len && n < INSN_MAX_LEN && guest_range_ok(rip, n + 1) )
        n++;
    return n;
}

unsigned int pv_insn_fetch(uint64_t rip, uint8_t *buf, unsigned int len,
                           enum insn_fetch_stop *stop)
{
    unsigned int in_range = insn_fetch_limit(rip, len), left;

    *stop = INSN_FETCH_BAD_ADDRESS;
    if ( in_range == 0 )
        return 0;
    left = raw_copy_checked(buf, (const void *)rip, in_range);
    if ( left )
        *stop = INSN_FETCH_PAGE_FAULT;
    return in_range - left;
}
