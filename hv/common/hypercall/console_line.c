/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest console output, assembled into lines (contract in console_line.h).
 * Pure, so the host test compiles this very file. The filter for domains
 * other than dom0 is Xen 4.17's guest_console_write(): printable ASCII and
 * tab are kept, a newline ends the line, everything else is dropped.
 */
#include "console_line.h"

static bool console_line_keeps(char c, bool printable_only)
{
    if ( c == '\0' )
        return false;
    if ( !printable_only )
        return true;
    return c == '\t' || (c >= 0x20 && c < 0x7f);
}

size_t console_line_feed(char *line, unsigned int *len, unsigned int size,
                         const char *in, size_t n, bool printable_only,
                         bool *complete)
{
    size_t used;

    *complete = false;
    for ( used = 0; used < n; used++ )
    {
        char c = in[used];

        if ( c == '\n' )
        {
            *complete = true;
            return used + 1;
        }
        if ( !console_line_keeps(c, printable_only) )
            continue;
        if ( *len >= size )
        {
            /* Full: print it; c starts the next line. */
            *complete = true;
            return used;
        }
        line[(*len)++] = c;
    }
    return used;
}
