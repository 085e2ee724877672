/* SPDX-License-Identifier: GPL-2.0-only */
/* The backend's side of a console ring (contract in console_ring.h). */
#include "console_ring.h"

#define OUT_SIZE sizeof(((struct xencons_interface *)0)->out)
#define IN_SIZE  sizeof(((struct xencons_interface *)0)->in)

size_t console_ring_read(volatile struct xencons_interface *ring, char *buf,
                         size_t len)
{
    XENCONS_RING_IDX cons = ring->out_cons, prod = ring->out_prod;
    size_t n = 0;

    /* Read the producer index before the bytes it publishes. */
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if ( (XENCONS_RING_IDX)(prod - cons) > OUT_SIZE )
    {
        ring->out_cons = prod;
        return 0;
    }
    while ( cons != prod && n < len )
        buf[n++] = ring->out[MASK_XENCONS_IDX(cons++, ring->out)];
    /* The bytes are copied before the domain may reuse their slots. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    ring->out_cons = cons;
    return n;
}

size_t console_ring_write(volatile struct xencons_interface *ring,
                          const char *buf, size_t len)
{
    XENCONS_RING_IDX cons = ring->in_cons, prod = ring->in_prod;
    size_t n = 0;

    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if ( (XENCONS_RING_IDX)(prod - cons) > IN_SIZE )
        return 0;
    while ( (XENCONS_RING_IDX)(prod - cons) < IN_SIZE && n < len )
        ring->in[MASK_XENCONS_IDX(prod++, ring->in)] = buf[n++];
    /* The bytes are in place before the domain sees the new index. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    ring->in_prod = prod;
    return n;
}
