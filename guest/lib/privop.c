/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * C helpers around the privileged-instruction probes of
 * guest/arch/x86/privop.S (contract in guest/include/guest/privop.h).
 */
#include <guest/privop.h>
#include <guest/probe.h>
#include <guest/string.h>

static const char *const garbage_names[NR_GARBAGE] = {
    [GARBAGE_TOO_LONG_RDMSR] = "too_long_rdmsr",
    [GARBAGE_PREFIXED_RDMSR] = "prefixed_rdmsr",
    [GARBAGE_REX_THEN_LEGACY] = "rex_then_legacy",
    [GARBAGE_LOCK_RDMSR] = "lock_rdmsr",
    [GARBAGE_FORCED_NOT_CPUID] = "forced_not_cpuid",
    [GARBAGE_FORCED_BAD_SIG] = "forced_bad_sig",
    [GARBAGE_FORCED_PREFIXED] = "forced_prefixed",
    [GARBAGE_PREFIX_BEFORE_UD2] = "prefix_before_ud2",
    [GARBAGE_MOV_CR_MEMFORM] = "mov_cr_memform",
    [GARBAGE_LGDT] = "lgdt",
    [GARBAGE_SWAPGS] = "swapgs",
    [GARBAGE_INVLPG] = "invlpg",
    [GARBAGE_RDPMC] = "rdpmc",
    [GARBAGE_XSETBV] = "xsetbv",
};

const char *test_privop_garbage_name(enum test_privop_garbage which)
{
    if ( (unsigned int)which < NR_GARBAGE && garbage_names[which] )
        return garbage_names[which];
    return "unknown";
}

void guest_cpuid(uint32_t leaf, uint32_t subleaf, struct guest_cpuid *out)
{
    if ( test_probe_cpuid_forced(leaf, subleaf, out) != PROBE_NONE )
        memset(out, 0, sizeof(*out));
}
