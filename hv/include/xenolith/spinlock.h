/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticket spinlocks. Only the boot CPU runs today, but every shared structure
 * takes its lock from the start so SMP needs no retrofit. A lock taken from
 * interrupt context must always be taken with spin_lock_irqsave().
 */
#ifndef XENOLITH_SPINLOCK_H
#define XENOLITH_SPINLOCK_H

#include <asm/processor.h>
#include <xenolith/types.h>

typedef struct {
    volatile uint16_t next;
    volatile uint16_t owner;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { 0, 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
    l->next = 0;
    l->owner = 0;
}

static inline void spin_lock(spinlock_t *l)
{
    uint16_t ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_ACQUIRE);

    while ( __atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket )
        cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const spinlock_t *l)
{
    return l->next != l->owner;
}

#ifdef XENOLITH_HOST_TEST
/* Host unit tests run in user mode, where cli/sti would fault. */
static inline uint64_t spin_lock_irqsave(spinlock_t *l)
{
    spin_lock(l);
    return 0;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, uint64_t flags)
{
    spin_unlock(l);
}
#else
static inline uint64_t spin_lock_irqsave(spinlock_t *l)
{
    uint64_t flags = local_irq_save();

    spin_lock(l);
    return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, uint64_t flags)
{
    spin_unlock(l);
    local_irq_restore(flags);
}
#endif

#endif /* XENOLITH_SPINLOCK_H */
