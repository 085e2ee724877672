/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ACPI static-table parsing (see asm/acpi.h): RSDP validation, table
 * validation, the XSDT/RSDT walk, and the HPET and MADT fields we use
 * (local APIC address, the I/O APIC and override of an ISA IRQ).
 * Nothing here trusts a length before checking it against the enclosing
 * structure and a checksum; physical memory is reached only through the
 * caller's map function. Pure (tests/unit/test_acpi_tables.c).
 */
#include <asm/acpi.h>
#include <xenolith/errno.h>
#include <xenolith/string.h>

#define RSDP_MAX_SIZE        PAGE_SIZE
#define HPET_BASE_ALIGN      1024
#define GAS_SPACE_MEMORY     0

bool acpi_checksum_ok(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    while ( len-- )
        sum += *b++;
    return sum == 0;
}

paddr_t acpi_rsdp_scan(const void *area, size_t len, paddr_t area_pa)
{
    const uint8_t *p = area;
    size_t off = (16 - (area_pa & 15)) & 15;

    for ( ; off + ACPI_RSDP_V1_SIZE <= len; off += 16 )
        if ( !memcmp(p + off, ACPI_RSDP_SIGNATURE, 8) &&
             acpi_checksum_ok(p + off, ACPI_RSDP_V1_SIZE) )
            return area_pa + off;
    return 0;
}

/* The XSDT address of a revision 2+ RSDP whose extended part checks out. */
static paddr_t rsdp_xsdt(acpi_map_fn map, paddr_t rsdp_pa)
{
    const struct acpi_rsdp *r = map(rsdp_pa, ACPI_RSDP_V2_SIZE);
    uint32_t len;

    if ( !r || r->revision < 2 )
        return 0;
    len = r->length;
    if ( len < ACPI_RSDP_V2_SIZE || len > RSDP_MAX_SIZE )
        return 0;
    r = map(rsdp_pa, len);
    if ( !r || r->length != len || !acpi_checksum_ok(r, len) )
        return 0;
    return r->xsdt_address;
}

int acpi_root_init(struct acpi_root *root, acpi_map_fn map, paddr_t rsdp_pa)
{
    const struct acpi_rsdp *r = map(rsdp_pa, ACPI_RSDP_V1_SIZE);
    paddr_t xsdt, rsdt;

    root->map = map;
    root->xsdt = 0;
    root->rsdt = 0;
    if ( !r || memcmp(r->signature, ACPI_RSDP_SIGNATURE, 8) ||
         !acpi_checksum_ok(r, ACPI_RSDP_V1_SIZE) )
        return -EINVAL;
    rsdt = r->rsdt_address;
    xsdt = r->revision >= 2 ? rsdp_xsdt(map, rsdp_pa) : 0;
    if ( acpi_table_map(map, xsdt, "XSDT") )
        root->xsdt = xsdt;
    if ( acpi_table_map(map, rsdt, "RSDT") )
        root->rsdt = rsdt;
    return root->xsdt || root->rsdt ? 0 : -EINVAL;
}

const struct acpi_table_header *acpi_table_map(acpi_map_fn map, paddr_t pa,
                                               const char *sig)
{
    const struct acpi_table_header *t;
    uint32_t len;

    if ( pa == 0 || !(t = map(pa, sizeof(*t))) )
        return NULL;
    len = t->length;
    if ( len < sizeof(*t) || len > ACPI_TABLE_MAX_SIZE )
        return NULL;
    /* Check the signature first: no need to map tables we do not want. */
    if ( sig && memcmp(t->signature, sig, 4) )
        return NULL;
    t = map(pa, len);
    if ( !t || t->length != len || !acpi_checksum_ok(t, len) )
        return NULL;
    return t;
}

/* Search a root table whose entries are entry_size-byte addresses. */
static const struct acpi_table_header *
root_table_find(acpi_map_fn map, paddr_t root_pa, const char *root_sig,
                size_t entry_size, const char *sig)
{
    const struct acpi_table_header *root, *t;
    const uint8_t *entries;
    size_t i, n;

    root = acpi_table_map(map, root_pa, root_sig);
    if ( !root )
        return NULL;
    entries = (const uint8_t *)root + sizeof(*root);
    n = (root->length - sizeof(*root)) / entry_size;
    for ( i = 0; i < n; i++ )
    {
        uint64_t pa = 0;

        /* Entries are packed (XSDT ones 4-byte aligned); little-endian. */
        memcpy(&pa, entries + i * entry_size, entry_size);
        t = acpi_table_map(map, pa, sig);
        if ( t )
            return t;
    }
    return NULL;
}

const struct acpi_table_header *acpi_root_find(const struct acpi_root *root,
                                               const char *sig)
{
    if ( root->xsdt )
        return root_table_find(root->map, root->xsdt, "XSDT", 8, sig);
    if ( root->rsdt )
        return root_table_find(root->map, root->rsdt, "RSDT", 4, sig);
    return NULL;
}

int acpi_hpet_base(const struct acpi_table_header *t, paddr_t *base)
{
    const struct acpi_hpet *h = (const struct acpi_hpet *)t;
    uint64_t addr;

    if ( memcmp(t->signature, "HPET", 4) || t->length < sizeof(*h) )
        return -EINVAL;
    addr = h->base.address;
    if ( h->base.space_id != GAS_SPACE_MEMORY || addr == 0 ||
         !IS_ALIGNED(addr, HPET_BASE_ALIGN) )
        return -EINVAL;
    *base = addr;
    return 0;
}

/*
 * The MADT entry after *pos (the first one when *pos is NULL), or NULL at
 * the end. Sets *bad when an entry's length is impossible: each entry is
 * {type, length (itself included), ...}, all inside the table.
 */
static const uint8_t *madt_next(const struct acpi_table_header *t,
                                const uint8_t *pos, bool *bad)
{
    const uint8_t *end = (const uint8_t *)t + t->length;
    const uint8_t *p = pos ? pos + pos[1]
                           : (const uint8_t *)t + sizeof(struct acpi_madt);

    if ( p >= end )
        return NULL;
    if ( end - p < 2 || p[1] < 2 || p[1] > end - p )
    {
        *bad = true;
        return NULL;
    }
    return p;
}

static bool is_madt(const struct acpi_table_header *t)
{
    return !memcmp(t->signature, "APIC", 4) &&
           t->length >= sizeof(struct acpi_madt);
}

int acpi_madt_lapic(const struct acpi_table_header *t, paddr_t *lapic)
{
    const uint8_t *p = NULL;
    bool bad = false;
    uint64_t addr;

    if ( !is_madt(t) )
        return -EINVAL;
    addr = ((const struct acpi_madt *)t)->lapic_address;
    while ( (p = madt_next(t, p, &bad)) )
        if ( p[0] == ACPI_MADT_LAPIC_OVERRIDE )
        {
            if ( p[1] < sizeof(struct acpi_madt_lapic_override) )
                return -EINVAL;
            addr = ((const struct acpi_madt_lapic_override *)p)->address;
        }
    if ( bad || addr == 0 || !IS_ALIGNED(addr, PAGE_SIZE) )
        return -EINVAL;
    *lapic = addr;
    return 0;
}

/*
 * MPS INTI flags (ACPI table 5.26): polarity in bits 0-1, trigger mode in
 * bits 2-3; 0 means "as the bus does" (ISA: active high, edge), 2 is
 * reserved.
 */
static int isa_override_flags(uint16_t flags, struct acpi_isa_irq_route *r)
{
    unsigned int polarity = flags & 3, trigger = (flags >> 2) & 3;

    if ( polarity == 2 || trigger == 2 )
        return -EINVAL;
    r->active_low = polarity == 3;
    r->level_triggered = trigger == 3;
    return 0;
}

/* Apply the first override of isa_irq, if any, to r. */
static int isa_override(const struct acpi_table_header *t,
                        unsigned int isa_irq, struct acpi_isa_irq_route *r)
{
    const struct acpi_madt_int_override *o;
    const uint8_t *p = NULL;
    bool bad = false;

    while ( (p = madt_next(t, p, &bad)) )
    {
        if ( p[0] != ACPI_MADT_INT_OVERRIDE )
            continue;
        if ( p[1] < sizeof(*o) )
            return -EINVAL;
        o = (const struct acpi_madt_int_override *)p;
        if ( o->bus == 0 && o->source == isa_irq )
        {
            r->gsi = o->gsi;
            return isa_override_flags(o->flags, r);
        }
    }
    return bad ? -EINVAL : 0;
}

/* The I/O APIC serving r->gsi: the highest GSI base not above it. */
static int isa_ioapic(const struct acpi_table_header *t,
                      struct acpi_isa_irq_route *r)
{
    const struct acpi_madt_ioapic *io, *best = NULL;
    const uint8_t *p = NULL;
    bool bad = false;

    while ( (p = madt_next(t, p, &bad)) )
    {
        if ( p[0] != ACPI_MADT_IOAPIC )
            continue;
        if ( p[1] < sizeof(*io) )
            return -EINVAL;
        io = (const struct acpi_madt_ioapic *)p;
        if ( io->gsi_base <= r->gsi &&
             (!best || io->gsi_base > best->gsi_base) )
            best = io;
    }
    if ( bad )
        return -EINVAL;
    if ( !best )
        return -ENOENT;
    if ( best->address == 0 || !IS_ALIGNED(best->address, 16) )
        return -EINVAL;
    r->ioapic_id = best->id;
    r->ioapic_address = best->address;
    r->ioapic_gsi_base = best->gsi_base;
    return 0;
}

int acpi_madt_isa_irq(const struct acpi_table_header *t, unsigned int isa_irq,
                      struct acpi_isa_irq_route *route)
{
    struct acpi_isa_irq_route r = { .gsi = isa_irq };
    int rc;

    if ( !is_madt(t) || isa_irq > 15 )
        return -EINVAL;
    rc = isa_override(t, isa_irq, &r);
    if ( rc == 0 )
        rc = isa_ioapic(t, &r);
    if ( rc == 0 )
        *route = r;
    return rc;
}

int acpi_madt_acpi_id(const struct acpi_table_header *t, uint32_t apic_id,
                      uint32_t *acpi_id)
{
    const uint8_t *p = NULL;
    bool bad = false;

    if ( !is_madt(t) )
        return -EINVAL;
    while ( (p = madt_next(t, p, &bad)) )
    {
        if ( p[0] == ACPI_MADT_LAPIC )
        {
            const struct acpi_madt_processor *e = (const void *)p;

            if ( p[1] < sizeof(*e) )
                return -EINVAL;
            if ( (e->flags & ACPI_MADT_ENABLED) && e->apic_id == apic_id )
            {
                *acpi_id = e->acpi_id;
                return 0;
            }
        }
        else if ( p[0] == ACPI_MADT_X2APIC )
        {
            const struct acpi_madt_x2apic *e = (const void *)p;

            if ( p[1] < sizeof(*e) )
                return -EINVAL;
            if ( (e->flags & ACPI_MADT_ENABLED) && e->x2apic_id == apic_id )
            {
                *acpi_id = e->acpi_uid;
                return 0;
            }
        }
    }
    return bad ? -EINVAL : -ENOENT;
}
