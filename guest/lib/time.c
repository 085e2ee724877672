/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading system time and the wallclock (guest/include/guest/time.h). The
 * version protocol is a seqlock: the hypervisor makes the version odd,
 * writes, makes it even again; a reader that sees an odd version, or a
 * different one after reading, tries again.
 */
#include <guest/events.h>
#include <guest/setup.h>
#include <guest/time.h>

#define NS_PER_SEC 1000000000ULL

static inline void read_barrier(void)
{
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
}

uint64_t guest_time_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
    if ( shift < 0 )
        delta >>= -shift;
    else
        delta <<= shift;
    return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

unsigned int guest_time_snapshot(struct vcpu_time_info *out, uint64_t *tsc)
{
    volatile struct vcpu_time_info *t = &guest_events_vcpu_info()->time;
    unsigned int retries = 0;
    uint32_t version;

    for ( ;; )
    {
        version = t->version;
        read_barrier();
        out->tsc_timestamp = t->tsc_timestamp;
        out->system_time = t->system_time;
        out->tsc_to_system_mul = t->tsc_to_system_mul;
        out->tsc_shift = t->tsc_shift;
        out->flags = t->flags;
        *tsc = guest_rdtsc();
        read_barrier();
        if ( !(version & 1) && t->version == version )
            break;
        retries++;
    }
    out->version = version;
    return retries;
}

uint64_t guest_time_now(void)
{
    struct vcpu_time_info t;
    uint64_t tsc;

    guest_time_snapshot(&t, &tsc);
    return t.system_time + guest_time_scale(tsc - t.tsc_timestamp,
                                            t.tsc_to_system_mul, t.tsc_shift);
}

void guest_wallclock_base(uint64_t *sec, uint32_t *nsec)
{
    volatile shared_info_t *s = guest_shared_info;
    uint32_t version;

    do {
        version = s->wc_version;
        read_barrier();
        *sec = ((uint64_t)s->wc_sec_hi << 32) | s->wc_sec;
        *nsec = s->wc_nsec;
        read_barrier();
    } while ( (version & 1) || s->wc_version != version );
}

uint64_t guest_wallclock_now(void)
{
    uint64_t sec;
    uint32_t nsec;

    guest_wallclock_base(&sec, &nsec);
    return sec + (nsec + guest_time_now()) / NS_PER_SEC;
}

/* Howard Hinnant's days-to-civil algorithm. */
void guest_time_civil(uint64_t secs, unsigned int *year, unsigned int *month,
                      unsigned int *day)
{
    int64_t z = (int64_t)(secs / 86400) + 719468;
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;

    *day = (unsigned int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (unsigned int)m;
    *year = (unsigned int)(yoe + era * 400 + (m <= 2));
}

void guest_time_wait_until(uint64_t deadline)
{
    while ( guest_time_now() < deadline )
        asm volatile ( "pause" ::: "memory" );
}
