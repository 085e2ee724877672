/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A fake hypervisor behind struct ctl_hv (ctl/lib/ctl_hv.h) for the
 * toolstack's unit tests: a few domains with Xen 4.17's answers to the
 * domctls, sysctls, memory_op, event_channel_op, mmuext_op, sched_op and
 * xen_version calls the toolstack makes, machine frames in plain memory
 * (so foreign mappings are real pointers), and one injectable failure.
 * Domain 0 always exists. Not thread-safe; one instance per test binary.
 */
#ifndef TESTS_UNIT_FAKE_CTL_HV_H
#define TESTS_UNIT_FAKE_CTL_HV_H

#include <stdbool.h>
#include <stdint.h>

#include "ctl_hv.h"

#define FAKE_MAX_DOMAINS 8
#define FAKE_FRAMES      8192        /* 32 MiB of machine memory */
#define FAKE_FIRST_MFN   0x1000

struct fake_domain {
    bool exists, paused, shutdown;
    domid_t domid;
    xen_domain_handle_t handle;
    unsigned int max_vcpus;
    uint64_t max_memkb;
    uint64_t first_mfn, nr_pages;       /* populated frames, contiguous */
    unsigned int address_size;
    xen_pfn_t hypercall_mfn;            /* 0: never initialised */
    xen_pfn_t pinned_l4;                /* 0: none */
    bool vcpu_set;
    struct vcpu_guest_context ctxt;
    evtchn_port_t next_port;
    struct xenolith_bvt_params { uint32_t a, b, c, d; } bvt;
};

struct fake_hv {
    struct ctl_hv hv;                   /* first: tests pass &fake.hv */
    struct fake_domain doms[FAKE_MAX_DOMAINS];
    uint8_t *frames;                    /* FAKE_FRAMES pages */
    uint64_t next_mfn;
    uint32_t sched_id;                  /* sysctl sched_id's answer */
    /* Fail the call whose (op, sub-op) match, once, with fail_rc. */
    unsigned int fail_op, fail_cmd;
    long fail_rc;
    unsigned int destroys, maps_live;
    char console_log[64];               /* readconsole's text */
};

extern struct fake_hv fake;

/* Reset to dom0 only, credit scheduler, no failure. */
void fake_hv_reset(void);

/* The domain with that id, or NULL. */
struct fake_domain *fake_domain(domid_t domid);

/* Number of domains besides dom0. */
unsigned int fake_domu_count(void);

/* The bytes of machine frame mfn (which must be a fake frame). */
void *fake_frame(xen_pfn_t mfn);

#endif /* TESTS_UNIT_FAKE_CTL_HV_H */
