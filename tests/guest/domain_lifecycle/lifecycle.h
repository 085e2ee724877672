/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the parts of the domain_lifecycle test share: the control calls a
 * toolstack makes to build and destroy a domain, one wrapper each.
 */
#ifndef TESTS_GUEST_DOMAIN_LIFECYCLE_H
#define TESTS_GUEST_DOMAIN_LIFECYCLE_H

#include <guest/hypercall.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

/* The config a toolstack passes for a one-vCPU PV guest. */
void lc_default_config(struct xen_domctl_createdomain *c);

/* createdomain with id wanted (0: choose); the id in *id. */
long lc_create(domid_t wanted, const struct xen_domctl_createdomain *c,
               domid_t *id);
long lc_create_default(domid_t *id);
long lc_destroy(domid_t id);
long lc_simple(uint32_t cmd, domid_t id);          /* pause, unpause */
long lc_max_mem(domid_t id, uint64_t kib);
long lc_max_vcpus(domid_t id, uint32_t max);
/* getdomaininfo of exactly id (-ESRCH if another or none). */
long lc_info(domid_t id, struct xen_domctl_getdomaininfo *info);
long lc_setvcpucontext(domid_t id, const struct vcpu_guest_context *c);
long lc_getvcpucontext(domid_t id, struct vcpu_guest_context *c);
/* populate_physmap of n single pages at pfns 0..n-1; mfns out. */
long lc_populate(domid_t id, xen_pfn_t *frames, unsigned int n);
long lc_current_reservation(domid_t id);
/* sysctl physinfo's free_pages. */
uint64_t lc_free_pages(void);
/*
 * Point our scratch page's PTE at frame mfn of domain foreigndom with
 * flags (mmu_update, MMU_NORMAL_PT_UPDATE); lc_scratch_restore() puts
 * our own frame back. lc_scratch is the page.
 */
extern unsigned char lc_scratch[];
long lc_scratch_map(xen_pfn_t mfn, uint64_t flags, domid_t foreigndom);
long lc_scratch_restore(void);
/* One mmuext op with arg1.mfn on behalf of foreigndom. */
long lc_mmuext(unsigned int cmd, xen_pfn_t mfn, domid_t foreigndom);

void check_hostile(void);            /* hostile.c: no domain needed */
/* hostile.c: on live domain id, paused, no vCPU context, 16 frames. */
void check_hostile_on(domid_t id, const xen_pfn_t *frames);
void check_rounds(void);             /* rounds.c */

#endif /* TESTS_GUEST_DOMAIN_LIFECYCLE_H */
