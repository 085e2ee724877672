/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Symbol lookup for backtraces, by binary search over the table that the
 * second link pass embeds (layout in tools/gen-symbols).
 */
#include <xenolith/symbols.h>

extern const uint64_t symbols_nr;
extern const uint64_t symbols_addrs[];
extern const uint32_t symbols_name_offsets[];
extern const char symbols_names[];
extern const char __text_start[], __text_end[];

const char *symbols_lookup(uint64_t addr, uint64_t *offset, uint64_t *size)
{
    uint64_t lo = 0, hi = symbols_nr;

    if ( addr < (uint64_t)__text_start || addr >= (uint64_t)__text_end ||
         symbols_nr == 0 || addr < symbols_addrs[0] )
        return NULL;
    /* Find the last symbol at or below addr. */
    while ( hi - lo > 1 )
    {
        uint64_t mid = lo + (hi - lo) / 2;

        if ( symbols_addrs[mid] <= addr )
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - symbols_addrs[lo];
    *size = (lo + 1 < symbols_nr ? symbols_addrs[lo + 1]
                                 : (uint64_t)__text_end) - symbols_addrs[lo];
    return &symbols_names[symbols_name_offsets[lo]];
}
