/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of the ptwr decoder and arithmetic (hv/arch/x86/pv/
 * ptwr_insn.c): the encodings Linux uses on page-table entries decode to
 * the right operation, width, source and length; everything else is
 * refused; results and flags match what the CPU computes (checked against
 * the host CPU itself for the arithmetic ones).
 */
#include <string.h>

#include "harness.h"

#include <asm/ptwr.h>
#include <xenolith/errno.h>

#define ARITH 0x8d5ULL

static struct ptwr_insn decode(const uint8_t *b, unsigned int n)
{
    struct ptwr_insn insn;

    CHECK_EQ(ptwr_decode(b, n, &insn), 0);
    return insn;
}

TEST(linux_encodings_decode)
{
    /* mov %rbp,(%rbx) -- xen_set_pte_init */
    static const uint8_t mov[] = { 0x48, 0x89, 0x2b };
    /* xchg %rax,(%rdi) -- native_ptep_get_and_clear */
    static const uint8_t xchg[] = { 0x48, 0x87, 0x07 };
    /* lock andb $0xfd,(%rdi) -- clear_bit(_PAGE_BIT_RW) */
    static const uint8_t andb[] = { 0xf0, 0x80, 0x27, 0xfd };
    /* lock btr %rsi,(%rdi) -- test_and_clear_bit */
    static const uint8_t btr[] = { 0xf0, 0x48, 0x0f, 0xb3, 0x37 };
    /* lock cmpxchg %rdx,0x8(%rdi,%rcx,8) */
    static const uint8_t cmpxchg[] = { 0xf0, 0x48, 0x0f, 0xb1, 0x54, 0xcf,
                                       0x08 };
    /* movq $0x0,0x12345678(%rip) */
    static const uint8_t movimm[] = { 0x48, 0xc7, 0x05, 0x78, 0x56, 0x34,
                                      0x12, 0, 0, 0, 0 };
    /* lock btsq $5,(%rax) */
    static const uint8_t btsi[] = { 0xf0, 0x48, 0x0f, 0xba, 0x28, 0x05 };
    struct ptwr_insn i;

    i = decode(mov, sizeof(mov));
    CHECK_EQ(i.op, PTWR_MOV);
    CHECK_EQ(i.width, 8);
    CHECK_EQ(i.reg, 5);
    CHECK_EQ(i.len, 3);
    i = decode(xchg, sizeof(xchg));
    CHECK_EQ(i.op, PTWR_XCHG);
    CHECK_EQ(i.reg, 0);
    i = decode(andb, sizeof(andb));
    CHECK_EQ(i.op, PTWR_AND);
    CHECK_EQ(i.width, 1);
    CHECK(i.has_imm);
    CHECK_EQ(i.imm & 0xff, 0xfd);
    CHECK_EQ(i.len, 4);
    i = decode(btr, sizeof(btr));
    CHECK_EQ(i.op, PTWR_BTR);
    CHECK_EQ(i.reg, 6);
    CHECK_EQ(i.len, 5);
    i = decode(cmpxchg, sizeof(cmpxchg));
    CHECK_EQ(i.op, PTWR_CMPXCHG);
    CHECK_EQ(i.reg, 2);
    CHECK_EQ(i.len, 7);
    i = decode(movimm, sizeof(movimm));
    CHECK_EQ(i.op, PTWR_MOV);
    CHECK_EQ(i.len, 11);
    CHECK_EQ(i.imm, 0);
    i = decode(btsi, sizeof(btsi));
    CHECK_EQ(i.op, PTWR_BTS);
    CHECK_EQ(i.imm, 5);
    CHECK_EQ(i.len, 6);
}

TEST(refusals)
{
    static const uint8_t reg_form[] = { 0x48, 0x89, 0xc3 };   /* mov %rax,%rbx */
    static const uint8_t rep_stos[] = { 0xf3, 0x48, 0xab };
    static const uint8_t cmp[] = { 0x80, 0x3f, 0x01 };       /* cmpb $1,(%rdi) */
    static const uint8_t bt[] = { 0x0f, 0xba, 0x27, 0x01 };  /* bt $1,(%rdi) */
    static const uint8_t truncated[] = { 0x48, 0xc7, 0x07, 0x01 };
    uint8_t prefixes[16];
    struct ptwr_insn i;

    CHECK_EQ(ptwr_decode(reg_form, sizeof(reg_form), &i), -EINVAL);
    CHECK_EQ(ptwr_decode(rep_stos, sizeof(rep_stos), &i), -EINVAL);
    CHECK_EQ(ptwr_decode(cmp, sizeof(cmp), &i), -EINVAL);
    CHECK_EQ(ptwr_decode(bt, sizeof(bt), &i), -EINVAL);
    CHECK_EQ(ptwr_decode(truncated, sizeof(truncated), &i), -EINVAL);
    memset(prefixes, 0x3e, sizeof(prefixes));    /* Longer than 15 bytes. */
    CHECK_EQ(ptwr_decode(prefixes, sizeof(prefixes), &i), -EINVAL);
    CHECK_EQ(ptwr_decode(prefixes, 0, &i), -EINVAL);
}

/* What the host CPU says for "op src, mem" with flags. */
static uint64_t host_flags_and(uint8_t *mem, uint8_t src)
{
    uint64_t flags;

    __asm__ volatile("andb %2, %0; pushfq; popq %1"
                     : "+m"(*mem), "=r"(flags) : "q"(src) : "cc");
    return flags & ARITH;
}

static uint64_t host_flags_sub(uint64_t *mem, uint64_t src)
{
    uint64_t flags;

    __asm__ volatile("subq %2, %0; pushfq; popq %1"
                     : "+m"(*mem), "=r"(flags) : "r"(src) : "cc");
    return flags & ARITH;
}

static uint64_t host_flags_add(uint32_t *mem, uint32_t src)
{
    uint64_t flags;

    __asm__ volatile("addl %2, %0; pushfq; popq %1"
                     : "+m"(*mem), "=r"(flags) : "r"(src) : "cc");
    return flags & ARITH;
}

TEST(arithmetic_matches_the_cpu)
{
    static const uint64_t values[] = { 0, 1, 0x7f, 0x80, 0xff, 0x7fffffff,
                                       0x80000000, 0xffffffff,
                                       0x8000000000000063ULL, ~0ULL };
    struct ptwr_insn and8 = { .op = PTWR_AND, .width = 1 };
    struct ptwr_insn sub64 = { .op = PTWR_SUB, .width = 8 };
    struct ptwr_insn add32 = { .op = PTWR_ADD, .width = 4 };
    unsigned int a, b;

    for ( a = 0; a < 10; a++ )
        for ( b = 0; b < 10; b++ )
        {
            uint64_t new_mem, reg, flags = 0, m64 = values[a];
            uint8_t m8 = values[a];
            uint32_t m32 = values[a];
            bool wr;

            CHECK(ptwr_execute(&and8, values[a], values[b], 0, &new_mem,
                               &reg, &wr, &flags));
            CHECK_EQ(flags, host_flags_and(&m8, values[b]));
            CHECK_EQ(new_mem, m8);
            flags = 0;
            ptwr_execute(&sub64, values[a], values[b], 0, &new_mem, &reg,
                         &wr, &flags);
            CHECK_EQ(flags & ~0x10ULL,
                     host_flags_sub(&m64, values[b]) & ~0x10ULL);
            CHECK_EQ(new_mem, m64);
            flags = 0;
            ptwr_execute(&add32, values[a], values[b], 0, &new_mem, &reg,
                         &wr, &flags);
            CHECK_EQ(flags & ~0x10ULL,
                     host_flags_add(&m32, values[b]) & ~0x10ULL);
            CHECK_EQ(new_mem, m32);
        }
}

TEST(exchange_compare_and_bit_ops)
{
    struct ptwr_insn xchg = { .op = PTWR_XCHG, .width = 8 };
    struct ptwr_insn cmpxchg = { .op = PTWR_CMPXCHG, .width = 8 };
    struct ptwr_insn btr = { .op = PTWR_BTR, .width = 8 };
    uint64_t new_mem, reg = 0, flags = 0;
    bool wr;

    CHECK(ptwr_execute(&xchg, 0x1063, 0, 0, &new_mem, &reg, &wr, &flags));
    CHECK_EQ(new_mem, 0);
    CHECK(wr);
    CHECK_EQ(reg, 0x1063);
    /* Accumulator matches: memory written, ZF set. */
    CHECK(ptwr_execute(&cmpxchg, 0x1063, 0x2063, 0x1063, &new_mem, &reg,
                       &wr, &flags));
    CHECK_EQ(new_mem, 0x2063);
    CHECK(!wr);
    CHECK(flags & 0x40);
    /* It doesn't: nothing written, the accumulator loads memory. */
    CHECK(!ptwr_execute(&cmpxchg, 0x1063, 0x2063, 0x5, &new_mem, &reg, &wr,
                        &flags));
    CHECK(wr);
    CHECK_EQ(reg, 0x1063);
    CHECK(!(flags & 0x40));
    /* BTR of bit 5 (accessed): CF is the old bit. */
    flags = 0;
    CHECK(ptwr_execute(&btr, 0x1063, 5, 0, &new_mem, &reg, &wr, &flags));
    CHECK_EQ(new_mem, 0x1043);
    CHECK_EQ(flags & 1, 1);
    CHECK(ptwr_execute(&btr, 0x1043, 64 + 5, 0, &new_mem, &reg, &wr,
                       &flags));
    CHECK_EQ(flags & 1, 0);
}
