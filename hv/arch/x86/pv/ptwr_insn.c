/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding and carrying out the page-table writes ptwr emulates (contract
 * in asm/ptwr.h; opcode semantics from the Intel SDM vol. 2). Pure: bytes
 * and values in, results out.
 */
#include <asm/ptwr.h>
#include <xenolith/errno.h>

#define MAX_LEN 15

#define EFLAGS_CF (1ULL << 0)
#define EFLAGS_PF (1ULL << 2)
#define EFLAGS_AF (1ULL << 4)
#define EFLAGS_ZF (1ULL << 6)
#define EFLAGS_SF (1ULL << 7)
#define EFLAGS_OF (1ULL << 11)
#define EFLAGS_ARITH (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | \
                      EFLAGS_SF | EFLAGS_OF)

struct decoder {
    const uint8_t *bytes;
    unsigned int avail, pos;
    bool opsize, rex_w;
    uint8_t rex;
};

static bool next(struct decoder *d, uint8_t *b)
{
    if ( d->pos >= d->avail || d->pos >= MAX_LEN )
        return false;
    *b = d->bytes[d->pos++];
    return true;
}

/* Skip the ModRM addressing bytes; only memory forms are accepted. */
static bool skip_modrm(struct decoder *d, uint8_t modrm)
{
    unsigned int mod = modrm >> 6, rm = modrm & 7, disp = 0;
    uint8_t sib;

    if ( mod == 3 )
        return false;
    if ( rm == 4 )
    {
        if ( !next(d, &sib) )
            return false;
        if ( mod == 0 && (sib & 7) == 5 )
            disp = 4;
    }
    else if ( mod == 0 && rm == 5 )
        disp = 4;                               /* RIP-relative. */
    if ( mod == 1 )
        disp = 1;
    else if ( mod == 2 )
        disp = 4;
    d->pos += disp;
    return d->pos <= d->avail && d->pos <= MAX_LEN;
}

static bool read_imm(struct decoder *d, unsigned int size, uint64_t *imm)
{
    uint64_t v = 0;
    unsigned int i;
    uint8_t b;

    for ( i = 0; i < size; i++ )
    {
        if ( !next(d, &b) )
            return false;
        v |= (uint64_t)b << (8 * i);
    }
    /* Sign-extend, as every immediate here is. */
    if ( size < 8 && (v >> (8 * size - 1)) & 1 )
        v |= ~0ULL << (8 * size);
    *imm = v;
    return true;
}

static unsigned int full_width(const struct decoder *d)
{
    return d->rex_w ? 8 : d->opsize ? 2 : 4;
}

static const enum ptwr_op group1[8] = {
    PTWR_ADD, PTWR_OR, (enum ptwr_op)-1, (enum ptwr_op)-1,
    PTWR_AND, PTWR_SUB, PTWR_XOR, (enum ptwr_op)-1,
};

static int decode_one_byte(struct decoder *d, uint8_t opcode,
                           struct ptwr_insn *insn)
{
    uint8_t modrm;
    unsigned int imm_size = 0;

    switch ( opcode )
    {
    case 0x00: case 0x01: insn->op = PTWR_ADD; break;
    case 0x08: case 0x09: insn->op = PTWR_OR;  break;
    case 0x20: case 0x21: insn->op = PTWR_AND; break;
    case 0x28: case 0x29: insn->op = PTWR_SUB; break;
    case 0x30: case 0x31: insn->op = PTWR_XOR; break;
    case 0x86: case 0x87: insn->op = PTWR_XCHG; break;
    case 0x88: case 0x89: insn->op = PTWR_MOV; break;
    case 0x80: case 0x81: case 0x83: case 0xc6: case 0xc7:
        insn->has_imm = true;
        break;
    default:
        return -EINVAL;
    }
    insn->width = (opcode & 1) ? full_width(d) : 1;
    if ( !next(d, &modrm) || !skip_modrm(d, modrm) )
        return -EINVAL;
    insn->reg = ((modrm >> 3) & 7) | ((d->rex & 4) << 1);
    if ( !insn->has_imm )
        return 0;
    if ( opcode == 0xc6 || opcode == 0xc7 )
    {
        if ( (modrm >> 3) & 7 )
            return -EINVAL;
        insn->op = PTWR_MOV;
    }
    else
    {
        insn->op = group1[(modrm >> 3) & 7];
        if ( insn->op == (enum ptwr_op)-1 )
            return -EINVAL;                     /* ADC, SBB, CMP. */
    }
    if ( opcode == 0x80 || opcode == 0x83 || opcode == 0xc6 )
        imm_size = 1;
    else
        imm_size = d->opsize && !d->rex_w ? 2 : 4;
    return read_imm(d, imm_size, &insn->imm) ? 0 : -EINVAL;
}

static int decode_two_byte(struct decoder *d, uint8_t opcode,
                           struct ptwr_insn *insn)
{
    uint8_t modrm;

    switch ( opcode )
    {
    case 0xb0: case 0xb1: insn->op = PTWR_CMPXCHG; break;
    case 0xab: insn->op = PTWR_BTS; break;
    case 0xb3: insn->op = PTWR_BTR; break;
    case 0xbb: insn->op = PTWR_BTC; break;
    case 0xc3: insn->op = PTWR_MOV; break;      /* MOVNTI */
    case 0xba: insn->has_imm = true; break;
    default:
        return -EINVAL;
    }
    insn->width = opcode == 0xb0 ? 1 : full_width(d);
    if ( !next(d, &modrm) || !skip_modrm(d, modrm) )
        return -EINVAL;
    insn->reg = ((modrm >> 3) & 7) | ((d->rex & 4) << 1);
    if ( opcode != 0xba )
        return 0;
    switch ( (modrm >> 3) & 7 )
    {
    case 5: insn->op = PTWR_BTS; break;
    case 6: insn->op = PTWR_BTR; break;
    case 7: insn->op = PTWR_BTC; break;
    default: return -EINVAL;                    /* BT only reads. */
    }
    return read_imm(d, 1, &insn->imm) ? 0 : -EINVAL;
}

int ptwr_decode(const uint8_t *bytes, unsigned int avail,
                struct ptwr_insn *insn)
{
    struct decoder d = { .bytes = bytes, .avail = avail };
    uint8_t b;
    int rc;

    *insn = (struct ptwr_insn){ 0 };
    for ( ;; )
    {
        if ( !next(&d, &b) )
            return -EINVAL;
        if ( b == 0x66 )
            d.opsize = true;
        else if ( b == 0xf0 || b == 0x67 || b == 0x2e || b == 0x3e ||
                  b == 0x26 || b == 0x36 || b == 0x64 || b == 0x65 )
            continue;        /* LOCK, address size, segments: CR2 has it all. */
        else if ( b == 0xf2 || b == 0xf3 )
            return -EINVAL;  /* REP: string instructions are not handled. */
        else
            break;
    }
    if ( (b & 0xf0) == 0x40 )
    {
        d.rex = b;
        d.rex_w = b & 8;
        if ( !next(&d, &b) )
            return -EINVAL;
    }
    insn->byte_high_regs = !d.rex;
    if ( b == 0x0f )
    {
        if ( !next(&d, &b) )
            return -EINVAL;
        rc = decode_two_byte(&d, b, insn);
    }
    else
        rc = decode_one_byte(&d, b, insn);
    if ( rc )
        return rc;
    insn->len = d.pos;
    return 0;
}

static uint64_t width_mask(unsigned int width)
{
    return width == 8 ? ~0ULL : (1ULL << (8 * width)) - 1;
}

static uint64_t result_flags(uint64_t r, unsigned int width)
{
    uint64_t flags = 0;
    uint8_t low = r & 0xff;

    if ( !(r & width_mask(width)) )
        flags |= EFLAGS_ZF;
    if ( (r >> (8 * width - 1)) & 1 )
        flags |= EFLAGS_SF;
    if ( !__builtin_parity(low) )
        flags |= EFLAGS_PF;
    return flags;
}

/* Flags of a - b (SUB, CMP), all values truncated to width. */
static uint64_t sub_flags(uint64_t a, uint64_t b, uint64_t r,
                          unsigned int width)
{
    uint64_t flags = result_flags(r, width);
    unsigned int top = 8 * width - 1;

    if ( a < b )
        flags |= EFLAGS_CF;
    if ( (((a ^ b) & (a ^ r)) >> top) & 1 )
        flags |= EFLAGS_OF;
    if ( (a ^ b ^ r) & 0x10 )
        flags |= EFLAGS_AF;
    return flags;
}

static uint64_t add_flags(uint64_t a, uint64_t b, uint64_t r,
                          unsigned int width)
{
    uint64_t flags = result_flags(r, width);
    unsigned int top = 8 * width - 1;

    if ( r < a )
        flags |= EFLAGS_CF;
    if ( (((a ^ r) & (b ^ r)) >> top) & 1 )
        flags |= EFLAGS_OF;
    if ( (a ^ b ^ r) & 0x10 )
        flags |= EFLAGS_AF;
    return flags;
}

bool ptwr_execute(const struct ptwr_insn *insn, uint64_t mem, uint64_t src,
                  uint64_t acc, uint64_t *new_mem, uint64_t *reg_result,
                  bool *writes_reg, uint64_t *rflags)
{
    uint64_t mask = width_mask(insn->width), r = mem, flags = *rflags;
    unsigned int bit;

    mem &= mask;
    src &= mask;
    acc &= mask;
    *writes_reg = false;
    switch ( insn->op )
    {
    case PTWR_MOV:
        r = src;
        break;
    case PTWR_XCHG:
        r = src;
        *reg_result = mem;
        *writes_reg = true;
        break;
    case PTWR_CMPXCHG:
        flags = (flags & ~EFLAGS_ARITH) |
                sub_flags(acc, mem, (acc - mem) & mask, insn->width);
        *rflags = flags;
        if ( acc != mem )
        {
            *reg_result = mem;                  /* Accumulator := memory. */
            *writes_reg = true;
            *new_mem = mem;
            return false;
        }
        *new_mem = src;
        return true;
    case PTWR_ADD:
        r = (mem + src) & mask;
        flags = (flags & ~EFLAGS_ARITH) | add_flags(mem, src, r, insn->width);
        break;
    case PTWR_SUB:
        r = (mem - src) & mask;
        flags = (flags & ~EFLAGS_ARITH) | sub_flags(mem, src, r, insn->width);
        break;
    case PTWR_OR:
    case PTWR_AND:
    case PTWR_XOR:
        r = insn->op == PTWR_OR ? mem | src
            : insn->op == PTWR_AND ? mem & src : mem ^ src;
        flags = (flags & ~EFLAGS_ARITH) | result_flags(r, insn->width);
        break;
    case PTWR_BTS:
    case PTWR_BTR:
    case PTWR_BTC:
        bit = src & (8 * insn->width - 1);
        flags = (flags & ~EFLAGS_CF) | ((mem >> bit) & 1);
        r = insn->op == PTWR_BTS ? mem | (1ULL << bit)
            : insn->op == PTWR_BTR ? mem & ~(1ULL << bit)
            : mem ^ (1ULL << bit);
        break;
    }
    *rflags = flags;
    *new_mem = r & mask;
    return true;
}
