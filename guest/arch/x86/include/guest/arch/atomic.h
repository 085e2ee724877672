/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One-instruction atomic operations on memory shared with the hypervisor
 * (shared_info, vcpu_info), which Xen updates from other CPUs at any time.
 */
#ifndef GUEST_ARCH_ATOMIC_H
#define GUEST_ARCH_ATOMIC_H

/* Store v in *p and return the old value (xchg is implicitly locked). */
static inline unsigned long guest_xchg(unsigned long *p, unsigned long v)
{
    asm volatile ( "xchg %0, %1" : "+r" (v), "+m" (*p) : : "memory" );
    return v;
}

/* Atomically clear the bits of mask in *p. */
static inline void guest_clear_bits(unsigned long *p, unsigned long mask)
{
    asm volatile ( "lock and %1, %0" : "+m" (*p) : "r" (~mask) : "memory" );
}

/* Index of the lowest set bit of v; v must not be 0. */
static inline unsigned int guest_lowest_bit(unsigned long v)
{
    return (unsigned int)__builtin_ctzl(v);
}

#endif /* GUEST_ARCH_ATOMIC_H */
