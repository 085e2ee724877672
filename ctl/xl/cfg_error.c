/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The single error record of the xl.cfg reader (see cfg_error.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "cfg_error.h"

int cfg_error_set(struct cfg_error *err, const char *source,
                  unsigned int line, const char *fmt, ...)
{
    va_list ap;

    err->source = source;
    err->line = line;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return -EINVAL;
}
