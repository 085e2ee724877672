/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One configuration error, as every layer of the xl.cfg reader reports it:
 * the source (a file name, or "<command line>" for `xl create` vars), the
 * line, and a sentence. The reader stops at the first error, so one record
 * is enough; the caller prints it as "SOURCE:LINE: error: MESSAGE".
 */
#ifndef CTL_XL_CFG_ERROR_H
#define CTL_XL_CFG_ERROR_H

#define CFG_ERROR_MESSAGE_MAX 256

struct cfg_error {
    const char *source;     /* Not owned; NULL before any error. */
    unsigned int line;      /* 1-based; 0 when no line applies. */
    char message[CFG_ERROR_MESSAGE_MAX];
};

/*
 * Record an error (printf-style message). Always returns -EINVAL, so a
 * caller can write `return cfg_error_set(err, ...)`.
 */
int cfg_error_set(struct cfg_error *err, const char *source,
                  unsigned int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif /* CTL_XL_CFG_ERROR_H */
