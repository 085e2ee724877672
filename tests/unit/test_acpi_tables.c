/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests for hv/arch/x86/time/acpi_tables.c on fake physical memory: the
 * RSDP scan, XSDT and RSDT walks, and the HPET and MADT fields, first on
 * well-formed tables, then on each kind of corruption the parser must
 * refuse (bad checksums, lengths that are too short, too long or run off
 * the mapped memory, impossible MADT entries, bad addresses).
 */
#include <string.h>

#include "harness.h"

#include <asm/acpi.h>
#include <xenolith/errno.h>

#define MEM_SIZE  0x10000
#define RSDP_PA   0x0100
#define RSDT_PA   0x1000
#define XSDT_PA   0x2000
#define HPET_PA   0x3000
#define MADT_PA   0x4000
#define FACP_PA   0x5000

static uint8_t mem[MEM_SIZE];

static const void *fake_map(paddr_t pa, size_t len)
{
    if ( pa >= MEM_SIZE || len > MEM_SIZE - pa )
        return NULL;
    return mem + pa;
}

static struct acpi_table_header *hdr(paddr_t pa)
{
    return (struct acpi_table_header *)(mem + pa);
}

static void fix_checksum(paddr_t pa)
{
    struct acpi_table_header *t = hdr(pa);
    uint8_t sum = 0;
    uint32_t i;

    t->checksum = 0;
    for ( i = 0; i < t->length; i++ )
        sum += mem[pa + i];
    t->checksum = (uint8_t)-sum;
}

static void put_table(paddr_t pa, const char *sig, uint32_t len)
{
    struct acpi_table_header *t = hdr(pa);

    memset(t, 0, len);
    memcpy(t->signature, sig, 4);
    t->length = len;
    t->revision = 1;
    memcpy(t->oem_id, "XTEST ", 6);
    fix_checksum(pa);
}

static void put_rsdp(paddr_t pa, uint8_t revision, uint32_t rsdt,
                     uint64_t xsdt)
{
    struct acpi_rsdp *r = (struct acpi_rsdp *)(mem + pa);
    uint8_t sum = 0;
    unsigned int i;

    memset(r, 0, sizeof(*r));
    memcpy(r->signature, ACPI_RSDP_SIGNATURE, 8);
    r->revision = revision;
    r->rsdt_address = rsdt;
    r->length = sizeof(*r);
    r->xsdt_address = xsdt;
    for ( i = 0; i < ACPI_RSDP_V1_SIZE; i++ )
        sum += mem[pa + i];
    r->checksum = (uint8_t)-sum;
    for ( i = 0, sum = 0; i < sizeof(*r); i++ )
        sum += mem[pa + i];
    r->extended_checksum = (uint8_t)-sum;
}

/* A root table listing FACP, HPET and MADT with entry_size-byte entries. */
static void put_root(paddr_t pa, const char *sig, unsigned int entry_size)
{
    static const uint64_t entries[] = { FACP_PA, HPET_PA, MADT_PA };
    unsigned int i;

    put_table(pa, sig, sizeof(struct acpi_table_header) + 3 * entry_size);
    for ( i = 0; i < 3; i++ )
        memcpy(mem + pa + sizeof(struct acpi_table_header) + i * entry_size,
               &entries[i], entry_size);
    fix_checksum(pa);
}

static void put_hpet(uint64_t base)
{
    struct acpi_hpet *h = (struct acpi_hpet *)hdr(HPET_PA);

    put_table(HPET_PA, "HPET", sizeof(*h));
    h->base.address = base;
    fix_checksum(HPET_PA);
}

/* A MADT with one processor entry, then extra bytes. */
static void put_madt(uint32_t lapic, const uint8_t *extra, size_t n)
{
    static const uint8_t cpu0[8] = { 0, 8, 0, 0, 1, 0, 0, 0 };
    size_t off = sizeof(struct acpi_madt);
    struct acpi_madt *m = (struct acpi_madt *)hdr(MADT_PA);

    put_table(MADT_PA, "APIC", off + sizeof(cpu0) + n);
    m->lapic_address = lapic;
    memcpy(mem + MADT_PA + off, cpu0, sizeof(cpu0));
    if ( n )
        memcpy(mem + MADT_PA + off + sizeof(cpu0), extra, n);
    fix_checksum(MADT_PA);
}

static void build_machine(void)
{
    memset(mem, 0, sizeof(mem));
    put_table(FACP_PA, "FACP", 116);
    put_hpet(0xfed00000);
    put_madt(0xfee00000, NULL, 0);
    put_root(RSDT_PA, "RSDT", 4);
    put_root(XSDT_PA, "XSDT", 8);
    put_rsdp(RSDP_PA, 2, RSDT_PA, XSDT_PA);
}

static void check_finds_both(const struct acpi_root *root)
{
    paddr_t base = 0, lapic = 0;
    const struct acpi_table_header *t;

    t = acpi_root_find(root, "HPET");
    CHECK(t && acpi_hpet_base(t, &base) == 0);
    CHECK_EQ(base, 0xfed00000);
    t = acpi_root_find(root, "APIC");
    CHECK(t && acpi_madt_lapic(t, &lapic) == 0);
    CHECK_EQ(lapic, 0xfee00000);
    CHECK(acpi_root_find(root, "SSDT") == NULL);
}

TEST(checksum)
{
    uint8_t b[4] = { 1, 2, 3, (uint8_t)-6 };

    CHECK(acpi_checksum_ok(b, 4));
    CHECK(acpi_checksum_ok(b, 0));
    b[0] = 2;
    CHECK(!acpi_checksum_ok(b, 4));
}

TEST(rsdp_scan_only_on_16_byte_boundaries)
{
    build_machine();
    /* A valid copy off the grid is ignored; the real one is found. */
    memmove(mem + 0x208, mem + RSDP_PA, ACPI_RSDP_V2_SIZE);
    CHECK_EQ(acpi_rsdp_scan(mem + 0x200, 0x100, 0x200), 0);
    CHECK_EQ(acpi_rsdp_scan(mem, 0x400, 0), RSDP_PA);
    /* The grid is the physical one, whatever the area's start. */
    CHECK_EQ(acpi_rsdp_scan(mem + 0xf8, 0x20, 0xf8), RSDP_PA);
    /* Too short an area to hold the structure. */
    CHECK_EQ(acpi_rsdp_scan(mem + RSDP_PA, ACPI_RSDP_V1_SIZE - 1, RSDP_PA),
             0);
    mem[RSDP_PA + 8] ^= 1;
    CHECK_EQ(acpi_rsdp_scan(mem, 0x200, 0), 0);
}

TEST(xsdt_walk)
{
    struct acpi_root root;

    build_machine();
    CHECK_EQ(acpi_root_init(&root, fake_map, RSDP_PA), 0);
    CHECK_EQ(root.xsdt, XSDT_PA);
    CHECK_EQ(root.rsdt, RSDT_PA);
    check_finds_both(&root);
}

TEST(rsdt_walk_for_acpi_1)
{
    struct acpi_root root;

    build_machine();
    put_rsdp(RSDP_PA, 0, RSDT_PA, XSDT_PA);  /* XSDT field not in ACPI 1.0. */
    CHECK_EQ(acpi_root_init(&root, fake_map, RSDP_PA), 0);
    CHECK_EQ(root.xsdt, 0);
    check_finds_both(&root);
}

TEST(bad_extended_checksum_falls_back_to_rsdt)
{
    struct acpi_root root;

    build_machine();
    mem[RSDP_PA + offsetof(struct acpi_rsdp, extended_checksum)] ^= 0x40;
    CHECK_EQ(acpi_root_init(&root, fake_map, RSDP_PA), 0);
    CHECK_EQ(root.xsdt, 0);
    check_finds_both(&root);
}

TEST(bad_rsdp_length_falls_back_to_rsdt)
{
    struct acpi_root root;
    struct acpi_rsdp *r = (struct acpi_rsdp *)(mem + RSDP_PA);

    build_machine();
    r->length = MEM_SIZE;       /* Checksums are not even looked at. */
    CHECK_EQ(acpi_root_init(&root, fake_map, RSDP_PA), 0);
    CHECK_EQ(root.xsdt, 0);
    r->length = 20;
    CHECK_EQ(acpi_root_init(&root, fake_map, RSDP_PA), 0);
    CHECK_EQ(root.xsdt, 0);
}

TEST(corrupt_xsdt_falls_back_to_rsdt)
{
    struct acpi_root root;

    build_machine();
    mem[XSDT_PA + sizeof(struct acpi_table_header)] ^= 0x10;
    CHECK_EQ(acpi_root_init(&root, fake_map, RSDP_PA), 0);
    CHECK_EQ(root.xsdt, 0);
    check_finds_both(&root);
}

TEST(no_usable_root_table)
{
    struct acpi_root root;

    build_machine();
    mem[XSDT_PA + 20] ^= 1;
    mem[RSDT_PA + 20] ^= 1;
    CHECK_EQ(acpi_root_init(&root, fake_map, RSDP_PA), -EINVAL);
    CHECK(acpi_root_find(&root, "HPET") == NULL);
    CHECK_EQ(acpi_root_init(&root, fake_map, 0x300), -EINVAL);
    CHECK_EQ(acpi_root_init(&root, fake_map, MEM_SIZE - 4), -EINVAL);
}

TEST(table_lengths_checked)
{
    build_machine();
    CHECK(acpi_table_map(fake_map, HPET_PA, "HPET") != NULL);
    CHECK(acpi_table_map(fake_map, HPET_PA, "APIC") == NULL);
    CHECK(acpi_table_map(fake_map, 0, NULL) == NULL);
    hdr(HPET_PA)->length = sizeof(struct acpi_table_header) - 1;
    CHECK(acpi_table_map(fake_map, HPET_PA, NULL) == NULL);
    hdr(HPET_PA)->length = ACPI_TABLE_MAX_SIZE + 1;
    CHECK(acpi_table_map(fake_map, HPET_PA, NULL) == NULL);
    /* Runs off the end of mapped memory. */
    put_table(MEM_SIZE - 64, "SSDT", 64);
    CHECK(acpi_table_map(fake_map, MEM_SIZE - 64, "SSDT") != NULL);
    hdr(MEM_SIZE - 64)->length = 65;
    CHECK(acpi_table_map(fake_map, MEM_SIZE - 64, "SSDT") == NULL);
}

static void set_xsdt_entry0(uint64_t pa)
{
    memcpy(mem + XSDT_PA + sizeof(struct acpi_table_header), &pa, 8);
    fix_checksum(XSDT_PA);
}

TEST(bad_entries_skipped)
{
    struct acpi_root root;

    build_machine();
    /* Entry 0 points outside memory. */
    set_xsdt_entry0(0x123456789000ULL);
    CHECK_EQ(acpi_root_init(&root, fake_map, RSDP_PA), 0);
    check_finds_both(&root);
    /* Entry 0 is an HPET with a bad checksum: the good one is found. */
    put_table(FACP_PA, "HPET", sizeof(struct acpi_hpet));
    mem[FACP_PA + 40] = 0x55;
    set_xsdt_entry0(FACP_PA);
    check_finds_both(&root);
    /* Entry 0 is a null pointer. */
    set_xsdt_entry0(0);
    check_finds_both(&root);
}

TEST(hpet_fields_checked)
{
    paddr_t base = 1;
    struct acpi_hpet *h = (struct acpi_hpet *)hdr(HPET_PA);

    build_machine();
    put_hpet(0xfed00100);
    CHECK_EQ(acpi_hpet_base(hdr(HPET_PA), &base), -EINVAL);
    put_hpet(0);
    CHECK_EQ(acpi_hpet_base(hdr(HPET_PA), &base), -EINVAL);
    put_hpet(0xfed00000);
    h->base.space_id = 1;                  /* I/O space. */
    CHECK_EQ(acpi_hpet_base(hdr(HPET_PA), &base), -EINVAL);
    put_table(HPET_PA, "HPET", sizeof(*h) - 1);
    CHECK_EQ(acpi_hpet_base(hdr(HPET_PA), &base), -EINVAL);
    CHECK_EQ(acpi_hpet_base(hdr(MADT_PA), &base), -EINVAL);
    CHECK_EQ(base, 1);
}

TEST(madt_override_entry)
{
    uint8_t ovr[12] = { ACPI_MADT_LAPIC_OVERRIDE, 12, 0, 0,
                        0x00, 0x10, 0, 0, 0x10, 0, 0, 0 };
    paddr_t lapic = 0;

    put_madt(0xfee00000, ovr, sizeof(ovr));
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), 0);
    CHECK_EQ(lapic, 0x1000001000ULL);
}

TEST(madt_bad_entries_refused)
{
    static const uint8_t zero_len[2] = { 1, 0 }, one_len[2] = { 1, 1 };
    static const uint8_t past_end[4] = { 1, 5, 0, 0 }, lone_byte[1] = { 1 };
    static const uint8_t short_ovr[8] = { ACPI_MADT_LAPIC_OVERRIDE, 8 };
    paddr_t lapic = 7;

    put_madt(0xfee00000, zero_len, sizeof(zero_len));
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), -EINVAL);
    put_madt(0xfee00000, one_len, sizeof(one_len));
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), -EINVAL);
    put_madt(0xfee00000, past_end, sizeof(past_end));
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), -EINVAL);
    put_madt(0xfee00000, lone_byte, sizeof(lone_byte));
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), -EINVAL);
    put_madt(0xfee00000, short_ovr, sizeof(short_ovr));
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), -EINVAL);
    put_madt(0, NULL, 0);
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), -EINVAL);
    put_madt(0xfee00800, NULL, 0);
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), -EINVAL);
    put_table(MADT_PA, "APIC", sizeof(struct acpi_madt) - 1);
    CHECK_EQ(acpi_madt_lapic(hdr(MADT_PA), &lapic), -EINVAL);
    CHECK_EQ(lapic, 7);
}

/* QEMU's pc machine: one I/O APIC at 0xfec00000, IRQ 0 on GSI 2, IRQ 9
 * level-triggered active high. */
static const uint8_t qemu_ioapic[12] = { ACPI_MADT_IOAPIC, 12, 0, 0,
                                         0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0 };
static const uint8_t qemu_irq0[10] = { ACPI_MADT_INT_OVERRIDE, 10, 0, 0,
                                       2, 0, 0, 0, 0, 0 };
static const uint8_t qemu_irq9[10] = { ACPI_MADT_INT_OVERRIDE, 10, 0, 9,
                                       9, 0, 0, 0, 0x0d, 0 };

static void put_madt_entries(const uint8_t *const *e, const size_t *len,
                             unsigned int n)
{
    uint8_t buf[256];
    size_t used = 0;
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        memcpy(buf + used, e[i], len[i]);
        used += len[i];
    }
    put_madt(0xfee00000, buf, used);
}

static void put_qemu_madt(void)
{
    const uint8_t *e[] = { qemu_ioapic, qemu_irq0, qemu_irq9 };
    const size_t len[] = { 12, 10, 10 };

    put_madt_entries(e, len, 3);
}

TEST(madt_isa_irq_identity)
{
    struct acpi_isa_irq_route r;

    put_qemu_madt();
    CHECK_EQ(acpi_madt_isa_irq(hdr(MADT_PA), 4, &r), 0);
    CHECK_EQ(r.gsi, 4);
    CHECK(!r.active_low && !r.level_triggered);
    CHECK_EQ(r.ioapic_address, 0xfec00000);
    CHECK_EQ(r.ioapic_gsi_base, 0);
    CHECK_EQ(r.ioapic_id, 0);
}

TEST(madt_isa_irq_overrides)
{
    struct acpi_isa_irq_route r;

    put_qemu_madt();
    CHECK_EQ(acpi_madt_isa_irq(hdr(MADT_PA), 0, &r), 0);
    CHECK_EQ(r.gsi, 2);
    CHECK(!r.active_low && !r.level_triggered);
    CHECK_EQ(acpi_madt_isa_irq(hdr(MADT_PA), 9, &r), 0);
    CHECK_EQ(r.gsi, 9);
    CHECK(!r.active_low && r.level_triggered);
}

TEST(madt_isa_irq_picks_the_covering_ioapic)
{
    static const uint8_t second[12] = { ACPI_MADT_IOAPIC, 12, 1, 0,
                                        0x00, 0x10, 0xc0, 0xfe, 24, 0, 0, 0 };
    static const uint8_t low_polarity[10] = { ACPI_MADT_INT_OVERRIDE, 10, 0,
                                              4, 30, 0, 0, 0, 0x03, 0 };
    const uint8_t *e[] = { second, qemu_ioapic, low_polarity };
    const size_t len[] = { 12, 12, 10 };
    struct acpi_isa_irq_route r;

    put_madt_entries(e, len, 3);
    CHECK_EQ(acpi_madt_isa_irq(hdr(MADT_PA), 4, &r), 0);
    CHECK_EQ(r.gsi, 30);
    CHECK(r.active_low && !r.level_triggered);
    CHECK_EQ(r.ioapic_id, 1);
    CHECK_EQ(r.ioapic_address, 0xfec01000);
    CHECK_EQ(r.ioapic_gsi_base, 24);
    CHECK_EQ(acpi_madt_isa_irq(hdr(MADT_PA), 3, &r), 0);
    CHECK_EQ(r.ioapic_id, 0);
}

/* acpi_madt_isa_irq(IRQ 4) on a MADT of the given entries; r untouched. */
static int isa_irq4_with(const uint8_t *first, size_t first_len,
                         const uint8_t *second, size_t second_len)
{
    const uint8_t *e[2] = { first, second };
    const size_t len[2] = { first_len, second_len };
    struct acpi_isa_irq_route r = { .gsi = 77 };
    int rc;

    put_madt_entries(e, len, second ? 2 : 1);
    rc = acpi_madt_isa_irq(hdr(MADT_PA), 4, &r);
    if ( rc )
        CHECK_EQ(r.gsi, 77);
    return rc;
}

TEST(madt_isa_irq_refusals)
{
    static const uint8_t reserved_flags[10] = { ACPI_MADT_INT_OVERRIDE, 10,
                                                0, 4, 4, 0, 0, 0, 0x08, 0 };
    static const uint8_t short_override[8] = { ACPI_MADT_INT_OVERRIDE, 8,
                                               0, 4 };
    static const uint8_t short_ioapic[8] = { ACPI_MADT_IOAPIC, 8 };
    static const uint8_t zero_address[12] = { ACPI_MADT_IOAPIC, 12 };
    static const uint8_t odd_address[12] = { ACPI_MADT_IOAPIC, 12, 0, 0,
                                             0x08, 0x00, 0xc0, 0xfe };
    static const uint8_t high_base[12] = { ACPI_MADT_IOAPIC, 12, 0, 0,
                                           0x00, 0x00, 0xc0, 0xfe, 16 };
    static const uint8_t bad_length[2] = { ACPI_MADT_IOAPIC, 1 };
    struct acpi_isa_irq_route r = { .gsi = 77 };

    CHECK_EQ(isa_irq4_with(qemu_ioapic, 12, reserved_flags, 10), -EINVAL);
    CHECK_EQ(isa_irq4_with(qemu_ioapic, 12, short_override, 8), -EINVAL);
    CHECK_EQ(isa_irq4_with(qemu_ioapic, 12, bad_length, 2), -EINVAL);
    CHECK_EQ(isa_irq4_with(short_ioapic, 8, NULL, 0), -EINVAL);
    CHECK_EQ(isa_irq4_with(zero_address, 12, NULL, 0), -EINVAL);
    CHECK_EQ(isa_irq4_with(odd_address, 12, NULL, 0), -EINVAL);
    CHECK_EQ(isa_irq4_with(high_base, 12, NULL, 0), -ENOENT);
    put_madt(0xfee00000, NULL, 0);
    CHECK_EQ(acpi_madt_isa_irq(hdr(MADT_PA), 4, &r), -ENOENT);
    put_qemu_madt();
    CHECK_EQ(acpi_madt_isa_irq(hdr(MADT_PA), 16, &r), -EINVAL);
    CHECK_EQ(acpi_madt_isa_irq(hdr(HPET_PA), 4, &r), -EINVAL);
    CHECK_EQ(r.gsi, 77);
}

/* Processor entries: UID by APIC ID, disabled ones skipped, x2APIC too. */
TEST(madt_acpi_id_by_apic_id)
{
    /* put_madt() adds QEMU's CPU 0 first: UID 0, APIC ID 0. */
    static const uint8_t cpu2[8] = { ACPI_MADT_LAPIC, 8, 5, 2, 1, 0, 0, 0 };
    static const uint8_t cpu3_off[8] = { ACPI_MADT_LAPIC, 8, 6, 3, 0, 0, 0,
                                         0 };
    static const uint8_t x2[16] = { ACPI_MADT_X2APIC, 16, 0, 0,
                                    0x00, 0x01, 0, 0, 1, 0, 0, 0,
                                    42, 0, 0, 0 };
    static const uint8_t short_cpu[4] = { ACPI_MADT_LAPIC, 4, 0, 0 };
    const uint8_t *e[] = { qemu_ioapic, cpu2, cpu3_off, x2 };
    const size_t len[] = { 12, 8, 8, 16 };
    const uint8_t *bad[] = { short_cpu };
    const size_t bad_len[] = { 4 };
    uint32_t id = 99;

    put_madt_entries(e, len, 4);
    CHECK_EQ(acpi_madt_acpi_id(hdr(MADT_PA), 0, &id), 0);
    CHECK_EQ(id, 0);
    CHECK_EQ(acpi_madt_acpi_id(hdr(MADT_PA), 2, &id), 0);
    CHECK_EQ(id, 5);
    CHECK_EQ(acpi_madt_acpi_id(hdr(MADT_PA), 3, &id), -ENOENT);
    CHECK_EQ(acpi_madt_acpi_id(hdr(MADT_PA), 0x100, &id), 0);
    CHECK_EQ(id, 42);
    CHECK_EQ(acpi_madt_acpi_id(hdr(MADT_PA), 7, &id), -ENOENT);
    put_madt_entries(bad, bad_len, 1);
    CHECK_EQ(acpi_madt_acpi_id(hdr(MADT_PA), 9, &id), -EINVAL);
}
