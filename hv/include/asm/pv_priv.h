/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The state privileged-instruction emulation keeps for a PV vCPU and
 * domain (hv/arch/x86/pv/emul_*.c): the registers a 64-bit PV guest
 * kernel believes it has, which Xen 4.17 keeps in struct pv_vcpu
 * (ctrlreg[], iopl, dr[]) and struct vcpu_msrs. Every field starts at 0
 * (vCPUs are allocated zeroed) and 0 means the architectural reset value:
 * readers add the fixed bits (DR6's and DR7's reserved ones, CR4's
 * host-controlled ones).
 *
 * Only the running vCPU touches its own fields (from its traps and
 * hypercalls), so no lock protects them.
 */
#ifndef ASM_PV_PRIV_H
#define ASM_PV_PRIV_H

#include <xenolith/types.h>

#define PV_PRIV_MC_BANKS 2            /* Banks of the virtual MCA (Xen's). */

struct pv_priv_vcpu {
    unsigned int iopl;                /* PHYSDEVOP_set_iopl: 0-3 */
    uint64_t cr2;                     /* Last #PF address given, or written. */
    uint64_t cr4_guest;               /* Guest-controlled CR4 bits only. */
    uint64_t dr[4];                   /* DR0-DR3 */
    uint64_t dr6, dr7;                /* Without their reserved-one bits. */
    uint32_t tsc_aux;                 /* MSR_TSC_AUX */
    uint64_t mcg_status;              /* MSR_IA32_MCG_STATUS */
    uint64_t mci_ctl2[PV_PRIV_MC_BANKS];
};

struct pv_priv_domain {
    uint32_t pci_cf8;                 /* Last dword written to port 0xcf8. */
    uint8_t cmos_index;               /* Last byte written to port 0x70. */
};

#endif /* ASM_PV_PRIV_H */
