/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoder for the instructions PV privileged-instruction emulation handles
 * (contract in asm/insn.h). The encodings are the SDM's (vol. 2, chapter 2
 * and the opcode maps of appendix A); what is accepted and how the ModRM
 * byte of MOV CR/DR is read follows Xen 4.17's x86_emulate, which treats
 * MOV CR/DR as register forms whatever their Mod field says and fetches no
 * SIB or displacement for them. Pure code: host unit tests feed it garbage
 * (tests/unit/test_insn_decode.c).
 */
#include <asm/insn.h>
#include <xenolith/string.h>

static bool is_legacy_prefix(uint8_t b)
{
    switch ( b )
    {
    case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
    case 0x66: case 0x67: case 0xf0: case 0xf2: case 0xf3:
        return true;
    default:
        return false;
    }
}

static void apply_prefix(struct insn *insn, uint8_t b)
{
    switch ( b )
    {
    case 0x66:
        insn->opsize = true;
        break;
    case 0x67:
        insn->addrsize = true;
        break;
    case 0xf0:
        insn->lock = true;
        break;
    case 0xf2:
    case 0xf3:
        insn->rep = b;
        break;
    default:
        insn->segment = b;
        break;
    }
    /* A REX prefix followed by a legacy one is ignored. */
    insn->rex = 0;
}

/*
 * The next byte, at offset *at: INSN_TOO_LONG past 15 bytes (checked
 * first, as the CPU does), INSN_NEED_MORE past the bytes available.
 */
static enum insn_status take(const uint8_t *bytes, unsigned int avail,
                             unsigned int *at, uint8_t *out, struct insn *insn)
{
    insn->len = *at;
    if ( *at >= INSN_MAX_LEN )
        return INSN_TOO_LONG;
    if ( *at >= avail )
        return INSN_NEED_MORE;
    *out = bytes[(*at)++];
    insn->len = *at;
    return INSN_OK;
}

static enum insn_status one_byte_opcode(const uint8_t *bytes,
                                        unsigned int avail, unsigned int at,
                                        struct insn *insn)
{
    switch ( insn->opcode )
    {
    case 0x6c ... 0x6f:                  /* INS, OUTS */
    case 0xec ... 0xef:                  /* IN, OUT with the port in DX */
    case 0xfa:                           /* CLI */
    case 0xfb:                           /* STI */
        return INSN_OK;
    case 0xe4 ... 0xe7:                  /* IN, OUT with an immediate port */
        return take(bytes, avail, &at, &insn->imm8, insn);
    default:
        return INSN_UNSUPPORTED;
    }
}

static enum insn_status two_byte_opcode(const uint8_t *bytes,
                                        unsigned int avail, unsigned int at,
                                        struct insn *insn)
{
    enum insn_status rc;

    switch ( insn->opcode & 0xff )
    {
    case 0x06:                           /* CLTS */
    case 0x09:                           /* WBINVD */
    case 0x30:                           /* WRMSR */
    case 0x31:                           /* RDTSC */
    case 0x32:                           /* RDMSR */
    case 0xa2:                           /* CPUID */
        return INSN_OK;
    case 0x20 ... 0x23:                  /* MOV to/from CR, DR: Mod ignored. */
        return take(bytes, avail, &at, &insn->modrm, insn);
    case 0x01:                           /* Group 7: XSETBV, RDTSCP here. */
        rc = take(bytes, avail, &at, &insn->modrm, insn);
        if ( rc != INSN_OK )
            return rc;
        if ( insn->modrm == 0xd1 )
            return INSN_OK;              /* XSETBV: prefixes make it #UD. */
        if ( insn->modrm != 0xf9 || insn->rep || insn->opsize )
            return INSN_UNSUPPORTED;
        return INSN_OK;
    default:
        return INSN_UNSUPPORTED;
    }
}

enum insn_status insn_decode(const uint8_t *bytes, unsigned int avail,
                             struct insn *insn)
{
    unsigned int at = 0;
    enum insn_status rc;
    uint8_t b;

    memset(insn, 0, sizeof(*insn));
    for ( ;; )
    {
        rc = take(bytes, avail, &at, &b, insn);
        if ( rc != INSN_OK )
            return rc;
        if ( is_legacy_prefix(b) )
            apply_prefix(insn, b);
        else if ( (b & 0xf0) == 0x40 )
            insn->rex = b;               /* Counts only before the opcode. */
        else
            break;
    }
    if ( b != 0x0f )
    {
        insn->opcode = INSN_OP(b);
        return one_byte_opcode(bytes, avail, at, insn);
    }
    rc = take(bytes, avail, &at, &b, insn);
    if ( rc != INSN_OK )
        return rc;
    insn->opcode = INSN_OP0F(b);
    return two_byte_opcode(bytes, avail, at, insn);
}
