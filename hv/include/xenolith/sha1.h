/* SPDX-License-Identifier: GPL-2.0-only */
/* SHA-1 (FIPS 180-4), for the hypervisor's build id (hv/common/lib/sha1.c). */
#ifndef XENOLITH_SHA1_H
#define XENOLITH_SHA1_H

#include <xenolith/types.h>

#define SHA1_DIGEST_SIZE 20

/*
 * Store the SHA-1 digest of len bytes at data in digest. Pure: no state
 * outside its arguments. Context: any.
 */
void sha1_digest(const void *data, size_t len,
                 uint8_t digest[SHA1_DIGEST_SIZE]);

#endif /* XENOLITH_SHA1_H */
