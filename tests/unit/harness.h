/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host unit-test harness. A test file compiles real hypervisor sources
 * natively (with -DXENOLITH_HOST_TEST, ASan and UBSan) and defines cases:
 *
 *     TEST(buddy_merges_free_buddies)
 *     {
 *         CHECK(buddy_free_frames() == 8);
 *         CHECK_EQ(x, 3);
 *     }
 *
 * Each case prints "PASS unit/<file>/<case>" or "FAIL unit/<file>/<case>:
 * <why>"; the binary exits non-zero if any case failed. The harness also
 * supplies what hypervisor code expects from its surroundings: printk()
 * (captured, see harness_log), panic() (a test may expect it with
 * EXPECT_PANIC), and a fake machine memory for maddr_to_virt().
 */
#ifndef TESTS_UNIT_HARNESS_H
#define TESTS_UNIT_HARNESS_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct harness_case {
    const char *name;
    void (*fn)(void);
    struct harness_case *next;
};

void harness_register(struct harness_case *c);
void harness_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define TEST(name)                                                         \
    static void test_##name(void);                                         \
    static struct harness_case case_##name = { #name, test_##name, NULL }; \
    __attribute__((constructor)) static void register_##name(void)         \
    {                                                                      \
        harness_register(&case_##name);                                    \
    }                                                                      \
    static void test_##name(void)

#define CHECK(cond)                                                        \
    do {                                                                   \
        if ( !(cond) )                                                     \
            harness_fail(__FILE__, __LINE__, "%s", #cond);                 \
    } while ( 0 )

#define CHECK_EQ(a, b)                                                     \
    do {                                                                   \
        long long a_ = (long long)(a), b_ = (long long)(b);                \
        if ( a_ != b_ )                                                    \
            harness_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", \
                         #a, a_, #b, b_);                                  \
    } while ( 0 )

#define CHECK_STR(a, b)                                                    \
    do {                                                                   \
        const char *a_ = (a), *b_ = (b);                                   \
        if ( !a_ || !b_ || strcmp(a_, b_) )                                \
            harness_fail(__FILE__, __LINE__, "%s is \"%s\", expected \"%s\"", \
                         #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");     \
    } while ( 0 )

/* Everything printk()ed since the last harness_log_clear(). */
extern char harness_log[65536];
void harness_log_clear(void);
bool harness_log_contains(const char *needle);

/*
 * Run stmt expecting it to panic (or BUG). The panic message is kept in
 * harness_panic_message.
 */
extern jmp_buf *harness_panic_jump;
extern char harness_panic_message[512];
#define EXPECT_PANIC(stmt)                                                 \
    do {                                                                   \
        jmp_buf jb_;                                                       \
        harness_panic_jump = &jb_;                                         \
        if ( setjmp(jb_) == 0 )                                            \
        {                                                                  \
            stmt;                                                          \
            harness_panic_jump = NULL;                                     \
            harness_fail(__FILE__, __LINE__, "no panic from %s", #stmt);   \
        }                                                                  \
        harness_panic_jump = NULL;                                         \
    } while ( 0 )

/*
 * Fake machine memory: maddr_to_virt(ma) is harness_ram + ma for
 * ma < HARNESS_RAM_SIZE; virt_to_maddr() is the inverse.
 */
#define HARNESS_RAM_SIZE (64UL << 20)
extern unsigned char *harness_ram;

#endif /* TESTS_UNIT_HARNESS_H */
