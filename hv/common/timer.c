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
 * full heap: the capacity here is far above what can be set on one CPU
 * (a few timers per vCPU), so a full heap is a hypervisor bug. Stopping a
 * timer that is not active is harmless, as in Xen.
 *
 * SMP (TODO): a timer is found through the queue of the CPU that calls
 * timer_stop()/timer_set(); struct timer needs a cpu field before timers
 * may be stopped or moved from another CPU.
 */
#include <asm/percpu.h>
#include <xenolith/arch_time.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/spinlock.h>
#include <xenolith/timer_heap.h>

#define TIMER_HEAP_CAPACITY 1024

struct timer_queue {
    spinlock_t lock;
    /* Protected by lock: */
    struct timer_heap heap;
    struct timer *slots[TIMER_HEAP_CAPACITY + 1];
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
    timer_heap_init(&q->heap, q->slots, TIMER_HEAP_CAPACITY);
    pc->timers = q;
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
        panic("CPU %u's soft-timer heap is full (%u timers)",
              smp_processor_id(), TIMER_HEAP_CAPACITY);
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
