/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multiboot 1 and 2 parsing (hv/arch/x86/boot/multiboot.c) against
 * structures built here in a fake physical memory, well-formed and hostile.
 */
#include <string.h>

#include "harness.h"

#include <xenolith/bootinfo.h>
#include <xenolith/errno.h>

#define FAKE_SIZE 0x20000
static unsigned char fake[FAKE_SIZE] __attribute__((aligned(8)));
static struct boot_info bi;

static const void *fake_map(paddr_t pa, size_t len)
{
    if ( pa >= FAKE_SIZE || len > FAKE_SIZE - pa )
        return NULL;
    return fake + pa;
}

static void put32(paddr_t pa, uint32_t v) { memcpy(fake + pa, &v, 4); }
static void put64(paddr_t pa, uint64_t v) { memcpy(fake + pa, &v, 8); }
static void putstr(paddr_t pa, const char *s) { strcpy((char *)fake + pa, s); }

/* A QEMU-like Multiboot 1 structure at 0x1000. */
static void build_mb1(void)
{
    memset(fake, 0, sizeof(fake));
    put32(0x1000, (1u << 0) | (1u << 2) | (1u << 3) | (1u << 6) | (1u << 9));
    put32(0x1004, 639);
    put32(0x1008, 130048);
    put32(0x1010, 0x2000);                      /* cmdline */
    put32(0x1014, 2);                           /* mods_count */
    put32(0x1018, 0x3000);                      /* mods_addr */
    put32(0x102c, 2 * 24);                      /* mmap_length */
    put32(0x1030, 0x4000);                      /* mmap_addr */
    put32(0x1040, 0x2800);                      /* boot_loader_name */
    putstr(0x2000, "build/xenolith console=com1 loglvl=all");
    putstr(0x2800, "qemu");
    put32(0x3000, 0x10000); put32(0x3004, 0x12000); put32(0x3008, 0x2400);
    put32(0x3010, 0x12000); put32(0x3014, 0x13000); put32(0x3018, 0x2500);
    putstr(0x2400, "vmlinuz root=/dev/xvda console=hvc0");
    putstr(0x2500, "initrd.img");
    put32(0x4000, 20); put64(0x4004, 0); put64(0x400c, 0x9fc00);
    put32(0x4014, 1);
    put32(0x4018, 20); put64(0x401c, 0x100000); put64(0x4024, 0x7ee0000);
    put32(0x402c, 1);
}

TEST(mb1_qemu_like)
{
    build_mb1();
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK_EQ(bi.multiboot_version, 1);
    CHECK_STR(bi.loader_name, "qemu");
    CHECK_STR(bi.cmdline, "console=com1 loglvl=all");
    CHECK_EQ(bi.nr_modules, 2);
    CHECK_EQ(bi.modules[0].start, 0x10000);
    CHECK_EQ(bi.modules[0].size, 0x2000);
    CHECK_STR(bi.modules[0].cmdline, "root=/dev/xvda console=hvc0");
    CHECK_STR(bi.modules[1].cmdline, "");
    CHECK_EQ(bi.memmap.nr, 2);
    CHECK_EQ(bi.memmap.entries[1].size, 0x7ee0000);
    CHECK_EQ(bi.mem_upper_kib, 130048);
    CHECK_EQ(bi.nr_warnings, 0);
}

TEST(mb1_bad_magic_and_unreadable_info)
{
    build_mb1();
    CHECK_EQ(multiboot_parse(0x12345678, 0x1000, fake_map, &bi), -EINVAL);
    CHECK_EQ(multiboot_parse(0x2badb002, FAKE_SIZE - 4, fake_map, &bi),
             -EINVAL);
}

TEST(mb1_no_modules_flag)
{
    build_mb1();
    put32(0x1000, (1u << 2) | (1u << 6));
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK_EQ(bi.nr_modules, 0);
    CHECK_STR(bi.loader_name, "");
}

TEST(mb1_hostile_module_list)
{
    build_mb1();
    put32(0x1014, 0x10000000);                  /* Count far past memory. */
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK_EQ(bi.nr_modules, 0);
    CHECK_EQ(bi.nr_warnings, 1);
    build_mb1();
    put32(0x3004, 0x10000);                     /* Empty module. */
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK_EQ(bi.nr_modules, 1);
}

TEST(mb1_too_many_modules)
{
    unsigned int i;

    build_mb1();
    put32(0x1014, 12);
    for ( i = 0; i < 12; i++ )
    {
        put32(0x3000 + i * 16, 0x10000 + i * 0x1000);
        put32(0x3004 + i * 16, 0x11000 + i * 0x1000);
        put32(0x3008 + i * 16, 0);
    }
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK_EQ(bi.nr_modules, BOOT_MAX_MODULES);
    CHECK_EQ(bi.nr_modules_dropped, 12 - BOOT_MAX_MODULES);
}

TEST(mb1_long_and_unterminated_cmdline)
{
    build_mb1();
    memset(fake + 0x2000, 'a', 0x3000 - 0x2000);   /* 4 KiB, no NUL ... */
    put32(0x1014, 0);
    fake[0x2000] = 'x';
    fake[0x2001] = ' ';
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK(bi.cmdline_truncated);
    CHECK(strlen(bi.cmdline) < BOOT_CMDLINE_SIZE);
    /* A string running off the end of memory is cut, not overrun. */
    build_mb1();
    put32(0x1010, FAKE_SIZE - 3);
    memset(fake + FAKE_SIZE - 3, 'z', 3);
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK(bi.cmdline_truncated);
}

TEST(mb1_malformed_mmap_entry)
{
    build_mb1();
    put32(0x4018, 4);                            /* size field too small */
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK_EQ(bi.memmap.nr, 1);
    CHECK_EQ(bi.nr_warnings, 1);
}

/* Multiboot 2: tags at 0x8000. */
static paddr_t tag_at;

static void mb2_begin(void)
{
    memset(fake, 0, sizeof(fake));
    tag_at = 0x8008;
}

static paddr_t mb2_tag(uint32_t type, uint32_t size)
{
    paddr_t t = tag_at;

    put32(t, type);
    put32(t + 4, size);
    tag_at += (size + 7) & ~7u;
    return t;
}

static void mb2_end(void)
{
    mb2_tag(0, 8);
    put32(0x8000, tag_at - 0x8000);
}

static void build_mb2(void)
{
    paddr_t t;

    mb2_begin();
    t = mb2_tag(1, 8 + 20);
    putstr(t + 8, "console=com1 noreboot");
    t = mb2_tag(2, 8 + 16);
    putstr(t + 8, "GRUB 2.06-13");
    t = mb2_tag(3, 16 + 20);
    put32(t + 8, 0x10000);
    put32(t + 12, 0x11000);
    putstr(t + 16, "root=/dev/xvda");
    t = mb2_tag(6, 16 + 2 * 24);
    put32(t + 8, 24);
    put32(t + 12, 0);
    put64(t + 16, 0); put64(t + 24, 0x9fc00); put32(t + 32, 1);
    put64(t + 40, 0x100000); put64(t + 48, 0x7ee0000); put32(t + 56, 1);
    mb2_end();
}

TEST(mb2_grub_like)
{
    build_mb2();
    CHECK_EQ(multiboot_parse(0x36d76289, 0x8000, fake_map, &bi), 0);
    CHECK_EQ(bi.multiboot_version, 2);
    CHECK_STR(bi.loader_name, "GRUB 2.06-13");
    CHECK_STR(bi.cmdline, "console=com1 noreboot");  /* GRUB 2: no name. */
    CHECK_EQ(bi.nr_modules, 1);
    CHECK_STR(bi.modules[0].cmdline, "root=/dev/xvda");
    CHECK_EQ(bi.memmap.nr, 2);
    CHECK_EQ(bi.nr_warnings, 0);
}

TEST(mb2_hostile_sizes)
{
    build_mb2();
    put32(0x8000, 0xffffff00);                   /* total_size huge */
    CHECK_EQ(multiboot_parse(0x36d76289, 0x8000, fake_map, &bi), -EINVAL);
    CHECK_EQ(multiboot_parse(0x36d76289, 0x8004, fake_map, &bi), -EINVAL);
    build_mb2();
    put32(0x800c, 0x100000);                     /* first tag overruns */
    CHECK_EQ(multiboot_parse(0x36d76289, 0x8000, fake_map, &bi), 0);
    CHECK_EQ(bi.nr_warnings, 1);
    CHECK_EQ(bi.nr_modules, 0);
    build_mb2();
    put32(0x800c, 3);                            /* tag smaller than header */
    CHECK_EQ(multiboot_parse(0x36d76289, 0x8000, fake_map, &bi), 0);
    CHECK_EQ(bi.nr_warnings, 1);
}

TEST(mb2_missing_end_tag)
{
    build_mb2();
    put32(0x8000, tag_at - 0x8000 - 8);          /* cut off the end tag */
    CHECK_EQ(multiboot_parse(0x36d76289, 0x8000, fake_map, &bi), 0);
    CHECK_EQ(bi.nr_warnings, 1);
    CHECK_EQ(bi.nr_modules, 1);
}

TEST(mb2_bad_mmap_entry_size)
{
    paddr_t t;

    mb2_begin();
    t = mb2_tag(6, 16 + 24);
    put32(t + 8, 8);                              /* entry_size < 20 */
    mb2_end();
    CHECK_EQ(multiboot_parse(0x36d76289, 0x8000, fake_map, &bi), 0);
    CHECK_EQ(bi.memmap.nr, 0);
    CHECK_EQ(bi.nr_warnings, 1);
}

TEST(mb1_without_memory_map_uses_basic_sizes)
{
    build_mb1();
    put32(0x1000, (1u << 0) | (1u << 2));
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK_EQ(bi.memmap.nr, 2);
    CHECK_EQ(bi.memmap.entries[0].size, 639 << 10);
    CHECK_EQ(bi.memmap.entries[1].start, 1 << 20);
    CHECK_EQ(bi.memmap.entries[1].size, 130048ULL << 10);
    CHECK_EQ(bi.nr_warnings, 1);
}

TEST(mb1_without_any_memory_information)
{
    build_mb1();
    put32(0x1000, 1u << 2);
    CHECK_EQ(multiboot_parse(0x2badb002, 0x1000, fake_map, &bi), 0);
    CHECK_EQ(bi.memmap.nr, 0);
}
