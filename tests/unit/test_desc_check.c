/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/arch/x86/pv/desc_check.c, the descriptor check of
 * set_gdt and update_descriptor (rules in asm/pv_desc.h): one line per
 * descriptor with the verdict and the value written back, the values the
 * reference Xen 4.17 gave tests/guest/descriptors where it shows them.
 */
#include "harness.h"

#include <asm/pv_desc.h>
#include <xenolith/errno.h>

#define REFUSED 1                  /* As "want": the check refuses it. */

static const struct {
    const char *what;
    uint64_t desc, want;
} cases[] = {
    { "zero", 0, 0 },
    { "not present, any junk", 0xffff7fffffffffffULL, 0xffff7fffffffffffULL },
    { "data dpl3", 0x00cff3000000ffffULL, 0x00cff3000000ffffULL },
    { "data dpl0 raised", 0x00cf93000000ffffULL, 0x00cff3000000ffffULL },
    { "data dpl1 raised", 0x00cfb3000000ffffULL, 0x00cff3000000ffffULL },
    { "code64 dpl0 raised", 0x00af9b000000ffffULL, 0x00affb000000ffffULL },
    { "code32 conforming dpl0", 0x00cf9f000000ffffULL, 0x00cfff000000ffffULL },
    { "type 0 present dpl0 kept", 0x0000800000000000ULL,
      0x0000800000000000ULL },
    { "gate to kernel cs", 0x0000ec00e0330000ULL, 0x00008c00e0330000ULL },
    { "gate dpl0 to guest cs", 0x00008c0000100000ULL, 0x00008c0000130000ULL },
    { "gate to ldt selector", 0x0000ec0000070000ULL, 0x00008c0000070000ULL },
    { "gate to last guest selector", 0x0000ec00dff80000ULL,
      0x00008c00dffb0000ULL },
    { "gate to xen cs", 0x0000ec00e0080000ULL, REFUSED },
    { "gate to kernel cs rpl0", 0x0000ec00e0300000ULL, REFUSED },
    { "gate reserved bits", 0x0000ec0100130000ULL, REFUSED },
    { "tss", 0x00008900000000ffULL, REFUSED },
    { "busy tss", 0x00008b00000000ffULL, REFUSED },
    { "ldt", 0x00008200000000ffULL, REFUSED },
    { "interrupt gate", 0x0000ee0000130000ULL, REFUSED },
    { "trap gate", 0x0000ef0000130000ULL, REFUSED },
    { "task gate", 0x0000e50000130000ULL, REFUSED },
    { "not present ldt", 0x00000200000000ffULL, 0x00000200000000ffULL },
};

TEST(each_descriptor)
{
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        uint64_t d = cases[i].desc;
        bool ok = pv_desc_check(&d);

        if ( cases[i].want == REFUSED )
        {
            if ( ok || d != cases[i].desc )
                harness_fail(__FILE__, __LINE__, "%s: accepted as %#lx",
                             cases[i].what, (unsigned long)d);
        }
        else if ( !ok || d != cases[i].want )
            harness_fail(__FILE__, __LINE__, "%s: %s %#lx, want %#lx",
                         cases[i].what, ok ? "got" : "refused",
                         (unsigned long)d, (unsigned long)cases[i].want);
    }
}

TEST(page_all_valid_fixed_up)
{
    static uint64_t page[PV_DESC_PER_PAGE];

    page[1] = 0x00cf93000000ffffULL;
    page[511] = 0x00af9b000000ffffULL;
    CHECK_EQ(pv_desc_check_page(page), 0);
    CHECK_EQ(page[1], 0x00cff3000000ffffULL);
    CHECK_EQ(page[511], 0x00affb000000ffffULL);
}

TEST(page_one_bad_entry_refused)
{
    static uint64_t page[PV_DESC_PER_PAGE];

    page[3] = 0x00cf93000000ffffULL;
    page[511] = 0x00008900000000ffULL;      /* A TSS at the very end. */
    CHECK_EQ(pv_desc_check_page(page), -EINVAL);
    /* Xen 4.17 keeps the fix-ups made before the bad entry. */
    CHECK_EQ(page[3], 0x00cff3000000ffffULL);
    CHECK_EQ(page[511], 0x00008900000000ffULL);
}
