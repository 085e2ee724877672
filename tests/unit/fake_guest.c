/* SPDX-License-Identifier: GPL-2.0-only */
/* The fake calling guest of hypercall handler tests (fake_guest.h). */
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fake_guest.h"
#include "harness.h"

#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>

#define ARCH_SET_GS 0x1001

enum fake_page_state { FAKE_UNMAPPED, FAKE_READONLY, FAKE_WRITABLE };

struct domain fake_domain;
static struct vcpu fake_vcpu;
static struct percpu fake_percpu;
static unsigned char fake_memory[FAKE_GUEST_SIZE];
static enum fake_page_state fake_pages[FAKE_GUEST_PAGES];

unsigned int fake_preempt_after;
struct fake_continuation fake_continuation;
static unsigned int preempt_checks;

bool hypercall_preempt_check(void)
{
    return fake_preempt_after && ++preempt_checks >= fake_preempt_after;
}

long hypercall_create_continuation(unsigned int op, unsigned int nargs,
                                   const unsigned long *args)
{
    unsigned int i;

    fake_continuation.made++;
    fake_continuation.op = op;
    fake_continuation.nargs = nargs;
    for ( i = 0; i < nargs && i < 5; i++ )
        fake_continuation.args[i] = args[i];
    preempt_checks = 0;
    return op;
}

void fake_guest_reset(domid_t domid, bool privileged)
{
    fake_preempt_after = 0;
    preempt_checks = 0;
    memset(&fake_continuation, 0, sizeof(fake_continuation));
    memset(&fake_domain, 0, sizeof(fake_domain));
    memset(&fake_vcpu, 0, sizeof(fake_vcpu));
    fake_domain.domain_id = domid;
    fake_domain.is_privileged = privileged;
    fake_domain.max_vcpus = 1;
    fake_domain.vcpus[0] = &fake_vcpu;
    fake_vcpu.domain = &fake_domain;
    fake_percpu.self = &fake_percpu;
    fake_percpu.curr_vcpu = &fake_vcpu;
    if ( syscall(SYS_arch_prctl, ARCH_SET_GS, &fake_percpu) )
        harness_fail(__FILE__, __LINE__, "arch_prctl(ARCH_SET_GS) failed");
    memset(fake_memory, 0x5a, sizeof(fake_memory));
    memset(fake_pages, 0, sizeof(fake_pages));
}

static bool fake_in_window(uint64_t va)
{
    return va >= FAKE_GUEST_BASE && va - FAKE_GUEST_BASE < FAKE_GUEST_SIZE;
}

void fake_guest_map(uint64_t va, size_t len, bool writable)
{
    uint64_t p;

    for ( p = va & ~4095UL; p < va + len; p += 4096 )
    {
        if ( !fake_in_window(p) )
            harness_fail(__FILE__, __LINE__, "map %#lx: outside the window",
                         (unsigned long)p);
        else
            fake_pages[(p - FAKE_GUEST_BASE) / 4096] =
                writable ? FAKE_WRITABLE : FAKE_READONLY;
    }
}

void *fake_guest_ptr(uint64_t va)
{
    if ( !fake_in_window(va) )
        harness_fail(__FILE__, __LINE__, "%#lx: outside the window",
                     (unsigned long)va);
    return &fake_memory[va - FAKE_GUEST_BASE];
}

/*
 * Guest addresses are the window and the first 64 KiB (so a NULL-ish
 * pointer faults instead of crashing the test); everything else is the
 * hypervisor's own memory, the host's here.
 */
static bool fake_is_guest(uint64_t va)
{
    return fake_in_window(va) || va < 0x10000;
}

static enum fake_page_state fake_state(uint64_t va)
{
    return fake_in_window(va) ? fake_pages[(va - FAKE_GUEST_BASE) / 4096]
                              : FAKE_UNMAPPED;
}

size_t raw_copy_checked(void *dst, const void *src, size_t len)
{
    size_t done;

    for ( done = 0; done < len; done++ )
    {
        uint64_t d = (uint64_t)(uintptr_t)dst + done;
        uint64_t s = (uint64_t)(uintptr_t)src + done;
        unsigned char c;

        if ( fake_is_guest(s) )
        {
            if ( fake_state(s) == FAKE_UNMAPPED )
                break;
            c = fake_memory[s - FAKE_GUEST_BASE];
        }
        else
            c = *(const unsigned char *)(uintptr_t)s;
        if ( fake_is_guest(d) )
        {
            if ( fake_state(d) != FAKE_WRITABLE )
                break;
            fake_memory[d - FAKE_GUEST_BASE] = c;
        }
        else
            *(unsigned char *)(uintptr_t)d = c;
    }
    return len - done;
}
