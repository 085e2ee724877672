/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading and writing guest memory: the only way hypervisor code touches
 * an address a guest gave it.
 *
 * A guest address is usable when the whole range is canonical, does not
 * wrap, and lies outside the hypervisor's reserved slots 256-271 (so a guest
 * can never make us read or write our own memory, or another domain's
 * through our direct map). The access itself runs on the guest's own page
 * tables, which map only what the guest may reach; a fault during the copy
 * is caught by the exception table and reported as -EFAULT, never as a
 * hypervisor crash. Writes honour read-only guest mappings (CR0.WP).
 *
 * Context: hypercall (the calling vCPU's page tables are loaded).
 * Partial copies: on -EFAULT some leading bytes may have been copied.
 */
#ifndef XENOLITH_GUEST_ACCESS_H
#define XENOLITH_GUEST_ACCESS_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

bool guest_range_ok(uint64_t guest_va, size_t len);

int __must_check copy_from_guest(void *dst, uint64_t guest_src, size_t len);
int __must_check copy_to_guest(uint64_t guest_dst, const void *src, size_t len);

/*
 * Copy a guest string of at most max-1 characters into dst (always
 * terminated). Returns its length, -EFAULT, or -E2BIG if no NUL was found
 * within max-1 bytes.
 */
int __must_check copy_string_from_guest(char *dst, uint64_t guest_src,
                                        size_t max);

/* The raw copy (guest_access.S): returns the number of bytes NOT copied. */
size_t raw_copy_checked(void *dst, const void *src, size_t len);

#endif /* XENOLITH_GUEST_ACCESS_H */
