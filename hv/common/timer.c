/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Soft timers (xenolith/time.h). Each CPU keeps the timers set on it in a
 * min-heap by expiry (timer_heap.c) under an IRQ-safe lock and arms its
 * hardware timer (arch_timer_program()) for the earliest. The timer
 * interrupt runs every expired timer, re-reading NOW() after each because
 * handlers take time, then re-arms for the next. Handlers run with the lock
 * dropped, so they may set or stop timers, their own included.
 *
 * Semantics follow Xen's common/timer.c, without its list fallback for a
 * full heap: instead, whoever creates timers reserves heap room for them
 * first (timer_reserve(): the hypervisor's own timers are covered by
 * TIMER_RESERVED_FOR_HYPERVISOR, each vCPU's by domain creation), growing
 * the heap then, in a context that may allocate. So timer_set(), which
 * runs in interrupt handlers too, never allocates, and a full heap is a
 * hypervisor bug. Stopping a timer that is not active is harmless, as in
 * Xen.
 *
 * SMP (TODO): a timer is found through the queue of the CPU that calls
 * timer_stop()/timer_set(); struct timer needs a cpu field before timers
 * may be stopped or moved from another CPU.
 */
#include <asm/percpu.h>
#include <xenolith/arch_time.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/spinlock.h>
#include <xenolith/string.h>
#include <xenolith/timer_heap.h>

#define TIMER_HEAP_INITIAL            1024
#define TIMER_RESERVED_FOR_HYPERVISOR 32

struct timer_queue {
    spinlock_t lock;
    /* Protected by lock: */
    struct timer_heap heap;
    unsigned int reserved;              /* Room promised; <= capacity. */
    struct timer **allocated;           /* heap.slot if not initial_slots. */
    struct timer *initial_slots[TIMER_HEAP_INITIAL + 1];
};

static struct timer_queue boot_cpu_queue;

static struct timer_queue *this_queue(void)
{
    struct timer_queue *q = this_cpu()->timers;

    BUG_ON(!q);
    return q;
}

void timer_cpu_init(void)
{
    struct percpu *pc = this_cpu();
    struct timer_queue *q;

    q = pc->cpu_id == 0 ? &boot_cpu_queue : xzalloc(sizeof(*q));
    if ( !q )
        panic("out of memory for CPU %u's soft-timer queue", pc->cpu_id);
    spin_lock_init(&q->lock);
    timer_heap_init(&q->heap, q->initial_slots, TIMER_HEAP_INITIAL);
    q->reserved = TIMER_RESERVED_FOR_HYPERVISOR;
    pc->timers = q;
}

int timer_reserve(unsigned int n)
{
    struct timer_queue *q = this_queue();
    struct timer **slots, **old = NULL;
    unsigned int capacity;
    uint64_t flags;

    for ( ;; )
    {
        flags = spin_lock_irqsave(&q->lock);
        if ( n <= q->heap.capacity - q->reserved )
        {
            q->reserved += n;
            spin_unlock_irqrestore(&q->lock, flags);
            xfree(old);
            return 0;
        }
        capacity = q->heap.capacity;
        spin_unlock_irqrestore(&q->lock, flags);
        xfree(old);
        if ( capacity > UINT32_MAX / 4 - n )
            return -ENOMEM;
        capacity = MAX(capacity * 2, q->reserved + n);
        slots = xzalloc((capacity + 1) * sizeof(*slots));
        if ( !slots )
            return -ENOMEM;
        /* Move the heap into the bigger array (the order is kept). */
        flags = spin_lock_irqsave(&q->lock);
        old = NULL;
        if ( capacity > q->heap.capacity )
        {
            memcpy(slots, q->heap.slot, (q->heap.nr + 1) * sizeof(*slots));
            q->heap.slot = slots;
            q->heap.capacity = capacity;
            old = q->allocated;
            q->allocated = slots;
        }
        else
            old = slots;                /* Someone grew it meanwhile. */
        spin_unlock_irqrestore(&q->lock, flags);
    }
}

void timer_unreserve(unsigned int n)
{
    struct timer_queue *q = this_queue();
    uint64_t flags = spin_lock_irqsave(&q->lock);

    BUG_ON(n > q->reserved - TIMER_RESERVED_FOR_HYPERVISOR);
    q->reserved -= n;
    spin_unlock_irqrestore(&q->lock, flags);
}

void timer_init(struct timer *t, void (*function)(void *), void *data)
{
    t->expires = 0;
    t->function = function;
    t->data = data;
    t->heap_index = 0;
}

/* Arm the hardware for the earliest timer, or disarm it. */
static void program_first_locked(struct timer_queue *q)
{
    struct timer *first = timer_heap_first(&q->heap);

    if ( first )
        arch_timer_program(first->expires);
    else
        arch_timer_stop();
}

/* Take t off q's heap if it is there; a timer of another heap is a bug. */
static void deactivate_locked(struct timer_queue *q, struct timer *t)
{
    if ( t->heap_index && timer_heap_remove(&q->heap, t) )
        panic("timer %p (heap index %u) is not on CPU %u's queue", t,
              t->heap_index, smp_processor_id());
}

void timer_set(struct timer *t, s_time_t deadline)
{
    struct timer_queue *q = this_queue();
    uint64_t flags = spin_lock_irqsave(&q->lock);

    deactivate_locked(q, t);
    t->expires = deadline;
    if ( timer_heap_add(&q->heap, t) )
        panic("CPU %u's soft-timer heap is full (%u timers): a timer was "
              "set without timer_reserve()", smp_processor_id(),
              q->heap.capacity);
    if ( timer_heap_first(&q->heap) == t )
        arch_timer_program(deadline);
    spin_unlock_irqrestore(&q->lock, flags);
}

/*
 * The hardware stays armed for a stopped first timer; the interrupt then
 * finds nothing due and re-arms, which is cheaper than re-arming here.
 */
void timer_stop(struct timer *t)
{
    struct timer_queue *q = this_queue();
    uint64_t flags = spin_lock_irqsave(&q->lock);

    deactivate_locked(q, t);
    spin_unlock_irqrestore(&q->lock, flags);
}

bool timer_is_active(const struct timer *t)
{
    return t->heap_index != 0;
}

void timer_interrupt(void)
{
    struct timer_queue *q = this_queue();
    struct timer *t;

    spin_lock(&q->lock);                /* Interrupts are already off. */
    while ( (t = timer_heap_first(&q->heap)) && t->expires <= NOW() )
    {
        void (*fn)(void *) = t->function;
        void *data = t->data;

        timer_heap_remove(&q->heap, t);
        /* After this, t may be set again or freed: only fn and data remain. */
        spin_unlock(&q->lock);
        fn(data);
        spin_lock(&q->lock);
    }
    program_first_locked(q);
    spin_unlock(&q->lock);
}
