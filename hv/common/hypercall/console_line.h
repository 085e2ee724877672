/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Line assembly for guest console output (console_line.c), private to
 * console_io.c and its host test.
 */
#ifndef HYPERCALL_CONSOLE_LINE_H
#define HYPERCALL_CONSOLE_LINE_H

#include <xenolith/types.h>

/*
 * Append guest console bytes in[0..n) to the partial line line[0..*len),
 * which holds at most size bytes (size > 0; no NUL is kept). Stops after a
 * newline (consumed, not stored), or before a byte that does not fit in a
 * full line, and sets *complete; the caller then prints line[0..*len)
 * followed by a newline, sets *len to 0 and feeds the rest. Otherwise
 * every byte is consumed and *complete is false (a full line waits for
 * its newline or its next byte, so no empty line follows it).
 *
 * NUL bytes are always dropped (the line is printed as a string). With
 * printable_only (domains other than dom0, as Xen), so is every byte other
 * than printable ASCII and tab; dom0's control characters pass, as Xen
 * passes dom0's output to the serial line unchanged.
 *
 * Returns the number of bytes of in consumed. Pure. Context: any.
 */
size_t console_line_feed(char *line, unsigned int *len, unsigned int size,
                         const char *in, size_t n, bool printable_only,
                         bool *complete);

#endif /* HYPERCALL_CONSOLE_LINE_H */
