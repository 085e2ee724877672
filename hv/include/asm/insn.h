/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding the instruction a PV guest faulted on, for privileged-
 * instruction emulation (hv/arch/x86/pv/insn_decode.c, insn_fetch.c).
 *
 * Only the instructions the emulator handles are decoded (port I/O,
 * CLI/STI, CLTS, WBINVD, MOV to/from CR and DR, RDMSR/WRMSR, RDTSC,
 * RDTSCP, XSETBV, CPUID); for anything else the decoder says "unsupported" and
 * the fault goes to the guest as it came. Prefixes are handled as a 64-bit
 * CPU does: any number of legacy prefixes (the last of a group wins), a
 * REX prefix counts only directly before the opcode, and an instruction
 * longer than 15 bytes is invalid (the CPU raises #GP(0) for it). The
 * bytes come from the guest and may be anything: the decoder never reads
 * past the bytes it was given and reports when it needs more.
 */
#ifndef ASM_INSN_H
#define ASM_INSN_H

#include <xenolith/types.h>

#define INSN_MAX_LEN 15

/* Two-byte opcodes are 0x0f00 | second byte. */
#define INSN_OP(byte)   ((uint16_t)(byte))
#define INSN_OP0F(byte) ((uint16_t)(0x0f00 | (byte)))

struct insn {
    uint8_t len;             /* Bytes decoded, prefixes included. */
    uint16_t opcode;         /* INSN_OP(x) or INSN_OP0F(x). */
    bool opsize;             /* 0x66 */
    bool addrsize;           /* 0x67 */
    bool lock;               /* 0xf0 */
    uint8_t rep;             /* 0xf2, 0xf3 or 0: the last one given. */
    uint8_t segment;         /* The last segment override, or 0. */
    uint8_t rex;             /* REX byte before the opcode, or 0. */
    uint8_t modrm;           /* For opcodes with a ModRM byte. */
    uint8_t imm8;            /* For IN/OUT with an immediate port. */
};

enum insn_status {
    INSN_OK,                 /* Decoded; len bytes long. */
    INSN_NEED_MORE,          /* len = offset of the byte still needed. */
    INSN_TOO_LONG,           /* More than INSN_MAX_LEN bytes. */
    INSN_UNSUPPORTED,        /* Not an instruction we emulate. */
};

/*
 * Decode the instruction at the start of bytes[0..avail). Context: any.
 * On INSN_OK *insn describes it; on INSN_NEED_MORE insn->len is the
 * offset of the first byte needed beyond avail (so avail == len); other
 * results leave *insn partly filled. Never reads bytes[avail] or beyond.
 */
enum insn_status insn_decode(const uint8_t *bytes, unsigned int avail,
                             struct insn *insn);

/* ModRM fields, REX-extended where the REX bit applies. */
static inline unsigned int insn_modrm_reg(const struct insn *insn)
{
    return ((insn->modrm >> 3) & 7) | ((insn->rex & 0x4) << 1);
}

static inline unsigned int insn_modrm_rm(const struct insn *insn)
{
    return (insn->modrm & 7) | ((insn->rex & 0x1) << 3);
}

/* Why a fetch stopped short. */
enum insn_fetch_stop {
    INSN_FETCH_PAGE_FAULT,   /* Not mapped (or not readable) there. */
    INSN_FETCH_BAD_ADDRESS,  /* Non-canonical, or the hypervisor's range. */
};

/*
 * How many of the len (at most INSN_MAX_LEN) bytes from rip lie in the
 * range a guest may address (guest_range_ok()): the fetch never asks for
 * more. Pure arithmetic; context: any.
 */
unsigned int insn_fetch_limit(uint64_t rip, unsigned int len);

/*
 * Copy up to len (<= INSN_MAX_LEN) instruction bytes of the running guest
 * from rip. Returns how many leading bytes could be read; if fewer than
 * len, *stop says why byte rip + result could not. Context: guest trap,
 * the guest's page tables loaded. Never faults in the hypervisor.
 */
unsigned int pv_insn_fetch(uint64_t rip, uint8_t *buf, unsigned int len,
                           enum insn_fetch_stop *stop);

#endif /* ASM_INSN_H */
