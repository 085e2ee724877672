/* SPDX-License-Identifier: MIT */
/*
 * Xenolith's own debug hypercall, not part of Xen's ABI: it takes Xen's
 * last architecture-specific number (__HYPERVISOR_arch_7), which Xen 4.17
 * does not implement (-ENOSYS there), so a test kernel can ask and skip
 * when the answer is -ENOSYS.
 *
 *   HYPERVISOR_xenolith_debug_op(XENOLITH_DEBUG_frame_digest, &digest)
 *
 * fills struct xenolith_frame_digest for the calling domain: its frames
 * and the sum of their reference counts, and a digest of every frame's
 * (frame number, general count, and while it has type references: type,
 * type count, pinned) that is equal
 * at two moments exactly when every frame's counts are (up to a 64-bit
 * hash collision). Tests use it to check that building and tearing down
 * page tables leaves every count where it was.
 */
#ifndef PUBLIC_XENOLITH_DEBUG_H
#define PUBLIC_XENOLITH_DEBUG_H

#include <stdint.h>

#define __HYPERVISOR_xenolith_debug_op  55      /* __HYPERVISOR_arch_7 */

#define XENOLITH_DEBUG_frame_digest     0

struct xenolith_frame_digest {
    uint64_t frames;          /* Frames the domain owns. */
    uint64_t references;      /* Sum of their general reference counts. */
    uint64_t type_references; /* Sum of their type reference counts. */
    uint64_t typed_tables;    /* Frames typed L1..L4 with references. */
    uint64_t pinned;          /* Frames pinned. */
    uint64_t digest;          /* Of every frame's counts, order-free. */
};

#endif /* PUBLIC_XENOLITH_DEBUG_H */
