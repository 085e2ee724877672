/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Port I/O from PV guests: IN, OUT, INS, OUTS (Xen 4.17: guest_io_okay,
 * admin_io_okay, guest_io_read/write, read_io/write_io, rep_ins/rep_outs
 * in xen/arch/x86/pv/emul-priv-op.c).
 *
 * Two permissions, as in Xen. The vCPU's virtual IOPL (PHYSDEVOP_set_iopl,
 * 0 at start) decides whether the instruction is allowed at all: the
 * guest kernel counts as ring 1, guest user code as ring 3; refused, the
 * CPU's #GP(0) goes to the guest. Then the domain's own port ranges
 * decide whether the access reaches the hardware; a domain has none yet,
 * so every access stays here: reads of a port give all ones, writes are
 * dropped, except for the two latches Xen keeps for every domain, the
 * PCI configuration address (a dword at 0xcf8) and the RTC/CMOS index
 * (0x70), which read back what was written. The hardware domain reaches
 * the CMOS registers through 0x71, one register at a time under the
 * hypervisor's RTC lock (Xen's rtc_guest_read/write).
 * Differs from Xen, whose dom0 may reach most ports: no other port
 * reaches the hardware, PCI configuration data (0xcfc-0xcff) reads as all ones, the
 * PIT channel 2 ports are not emulated, INS/OUTS with 32-bit addressing
 * or an FS/GS override bounce the #GP(0), and there is no I/O bitmap
 * (PHYSDEVOP_set_iobitmap). See docs/XEN-DIFFERENCES.md.
 */
#include <asm/time.h>
#include <xenolith/domain.h>
#include <xenolith/guest_access.h>
#include "emul.h"

#define X86_EFLAGS_DF      (1UL << 10)
#define PORT_PCI_CF8       0xcf8
#define PORT_RTC_INDEX     0x70
#define PORT_RTC_DATA      0x71
#define STRING_IO_BATCH    4096     /* Iterations per trap: then go again. */
#define PFEC_WRITE         0x2

bool pv_iopl_ok(const struct vcpu *v)
{
    unsigned int cpl = v->arch.kernel_mode ? 1 : 3;

    return cpl <= v->arch.priv.iopl;
}

/* A read of bytes from port by a domain without access to it. */
static uint32_t port_read(const struct domain *d, unsigned int port,
                          unsigned int bytes)
{
    uint32_t data = 0, sub;
    unsigned int shift;

    if ( port == PORT_PCI_CF8 && bytes == 4 )
        return d->arch.priv.pci_cf8;
    for ( shift = 0; shift < bytes * 8; shift += 8, port++ )
    {
        if ( port == PORT_RTC_INDEX )
            sub = d->arch.priv.cmos_index;
        else if ( port == PORT_RTC_DATA && d->is_privileged )
            sub = rtc_cmos_read(d->arch.priv.cmos_index);
        else
            sub = 0xff;
        data |= sub << shift;
    }
    return data;
}

static void port_write(struct domain *d, unsigned int port, unsigned int bytes,
                       uint32_t data)
{
    if ( port == PORT_PCI_CF8 && bytes == 4 )
    {
        d->arch.priv.pci_cf8 = data;
        return;
    }
    for ( ; bytes; bytes--, port++, data >>= 8 )
        if ( port == PORT_RTC_INDEX )
            d->arch.priv.cmos_index = data;
        else if ( port == PORT_RTC_DATA && d->is_privileged )
            rtc_cmos_write(d->arch.priv.cmos_index, data);
}

/* IN writes al, ax or eax (which, as any 32-bit write, clears the top). */
static void set_accumulator(struct trap_frame *f, unsigned int bytes,
                            uint32_t val)
{
    if ( bytes == 4 )
        f->rax = val;
    else if ( bytes == 2 )
        f->rax = (f->rax & ~0xffffUL) | (val & 0xffff);
    else
        f->rax = (f->rax & ~0xffUL) | (val & 0xff);
}

/* Why an INS/OUTS element could not be done. */
struct string_fault {
    bool page_fault;        /* Else #GP(0): outside the guest's range. */
    uint64_t addr;          /* #PF: the first byte that failed. */
    uint64_t error_code;
};

/* The first of bytes at addr the guest cannot write (addr + bytes: all). */
static uint64_t first_unwritable(uint64_t addr, const uint8_t *data,
                                 unsigned int bytes)
{
    unsigned int i;

    for ( i = 0; i < bytes; i++ )
        if ( copy_to_guest(addr + i, &data[i], 1) )
            break;
    return addr + i;
}

static uint64_t first_unreadable(uint64_t addr, unsigned int bytes)
{
    uint8_t byte;
    unsigned int i;

    for ( i = 0; i < bytes; i++ )
        if ( copy_from_guest(&byte, addr + i, 1) )
            break;
    return addr + i;
}

/*
 * One element of INS/OUTS at addr. Returns true, or false with *fault:
 * #GP(0) for an address outside the guest's range, else #PF at the first
 * byte that could not be accessed (error code: write for INS), as Xen's
 * rep_ins/rep_outs give.
 */
static bool string_element(bool in, unsigned int port, unsigned int bytes,
                           uint64_t addr, struct string_fault *fault)
{
    struct domain *d = current->domain;
    uint32_t data = 0;

    *fault = (struct string_fault){ false, 0, 0 };
    if ( !guest_range_ok(addr, bytes) )
        return false;
    fault->page_fault = true;
    if ( in )
    {
        data = port_read(d, port, bytes);
        if ( copy_to_guest(addr, &data, bytes) == 0 )
            return true;
        fault->addr = first_unwritable(addr, (const uint8_t *)&data, bytes);
        fault->error_code = PFEC_WRITE;
        return false;
    }
    if ( copy_from_guest(&data, addr, bytes) )
    {
        fault->addr = first_unreadable(addr, bytes);
        return false;
    }
    port_write(d, port, bytes, data);
    return true;
}

/*
 * The registers are committed first: injecting the fault saves rcx on the
 * guest's stack, so it must hold the count of what is left.
 */
static enum emul_result string_io(struct trap_frame *f, const struct insn *insn,
                                  unsigned int bytes)
{
    bool in = !(insn->opcode & 2), ok = true;
    uint64_t *addr = in ? &f->rdi : &f->rsi;
    uint64_t count = insn->rep ? f->rcx : 1, done;
    struct string_fault fault;

    if ( insn->addrsize || insn->segment == 0x64 || insn->segment == 0x65 )
        return EMUL_BOUNCE;
    for ( done = 0; done < count && done < STRING_IO_BATCH; done++ )
    {
        ok = string_element(in, (uint16_t)f->rdx, bytes, *addr, &fault);
        if ( !ok )
            break;
        if ( f->rflags & X86_EFLAGS_DF )
            *addr -= bytes;
        else
            *addr += bytes;
    }
    if ( insn->rep )
        f->rcx -= done;
    if ( !ok && !fault.page_fault )
        return emul_inject_gp(f);
    if ( !ok )
        return emul_inject_page_fault(f, fault.addr, fault.error_code);
    return done < count ? EMUL_AGAIN : EMUL_DONE;
}

enum emul_result emul_io(struct trap_frame *f, const struct insn *insn)
{
    struct domain *d = current->domain;
    unsigned int op = insn->opcode & 0xff;
    unsigned int bytes = !(op & 1) ? 1 : insn->opsize ? 2 : 4;
    unsigned int port = (op & 8) ? (uint16_t)f->rdx : insn->imm8;

    if ( !pv_iopl_ok(current) )
        return EMUL_BOUNCE;
    if ( op >= 0x6c && op <= 0x6f )
        return string_io(f, insn, bytes);
    if ( op & 2 )
        port_write(d, port, bytes, (uint32_t)f->rax);
    else
        set_accumulator(f, bytes, port_read(d, port, bytes));
    return EMUL_DONE;
}
