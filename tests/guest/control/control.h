/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the parts of the control test share: the two hypercalls with the
 * current interface versions, and the checks of each part.
 */
#ifndef TESTS_GUEST_CONTROL_H
#define TESTS_GUEST_CONTROL_H

#include <guest/hypercall.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

/* Sets the interface version, makes the call. */
long control_domctl(struct xen_domctl *op);
long control_sysctl(struct xen_sysctl *op);

/* A domctl cmd for domain dom, all else zero (op is cleared first). */
void control_domctl_init(struct xen_domctl *op, uint32_t cmd, domid_t dom);

/*
 * A writable buffer of ours whose last `before` bytes run up to an
 * unmapped page: a copy into it faults part way. before <= 4096.
 */
void *control_straddle(unsigned int before);

/* A domain id that does not exist on either hypervisor. */
#define CONTROL_NO_DOMAIN 1

void check_domctl_domain(void);       /* domctl_domain.c */
void check_domctl_memory(void);       /* domctl_memory.c */
void check_domctl_vcpu(void);         /* domctl_vcpu.c */
void check_sysctl(void);              /* sysctl.c */
void check_readconsole(void);         /* readconsole.c */
void check_cpupool(void);             /* cpupool.c */

#endif /* TESTS_GUEST_CONTROL_H */
