/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ACPI static tables: finding the RSDP, walking the XSDT (or RSDT) and
 * reading the few fields the hypervisor needs today, the HPET's base
 * (HPET table), the local APIC's address and the I/O APIC an ISA IRQ
 * arrives on (MADT). Layouts are from the
 * ACPI 6.5 specification, chapter 5.2 and the IA-PC HPET specification 1.0a.
 *
 * Firmware tables are input like any other: every length is checked
 * against what the table that contains it says, and every checksum
 * before a field is used. The parser (hv/arch/x86/time/acpi_tables.c) is
 * pure and reads physical memory only through a caller-supplied mapping
 * function, so host tests can feed it corrupted tables
 * (tests/unit/test_acpi_tables.c); acpi.c provides the real mapping.
 */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

#define ACPI_RSDP_SIGNATURE   "RSD PTR "
#define ACPI_RSDP_V1_SIZE     20
#define ACPI_RSDP_V2_SIZE     36
#define ACPI_TABLE_MAX_SIZE   (1U << 20)   /* Larger tables are refused. */

struct acpi_rsdp {
    char signature[8];
    uint8_t checksum;                      /* Over the first 20 bytes. */
    char oem_id[6];
    uint8_t revision;                      /* 0: ACPI 1.0; 2: 2.0 and later. */
    uint32_t rsdt_address;
    uint32_t length;                       /* From here: revision >= 2. */
    uint64_t xsdt_address;
    uint8_t extended_checksum;             /* Over length bytes. */
    uint8_t reserved[3];
} __packed;

struct acpi_table_header {
    char signature[4];
    uint32_t length;                       /* Of the whole table. */
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
} __packed;

/* Generic Address Structure (ACPI 5.2.3.2). */
struct acpi_gas {
    uint8_t space_id;                      /* 0: system memory. */
    uint8_t bit_width;
    uint8_t bit_offset;
    uint8_t access_size;
    uint64_t address;
} __packed;

struct acpi_hpet {
    struct acpi_table_header header;
    uint32_t event_timer_block_id;
    struct acpi_gas base;
    uint8_t hpet_number;
    uint16_t min_tick;
    uint8_t page_protection;
} __packed;

struct acpi_madt {
    struct acpi_table_header header;
    uint32_t lapic_address;
    uint32_t flags;
    /* Interrupt controller structures follow, each {type, length, ...}. */
} __packed;

#define ACPI_MADT_LAPIC          0          /* A processor's local APIC. */
#define ACPI_MADT_IOAPIC         1          /* An I/O APIC and its GSIs. */
#define ACPI_MADT_INT_OVERRIDE   2          /* ISA IRQ -> GSI, polarity, trigger. */
#define ACPI_MADT_LAPIC_OVERRIDE 5          /* 64-bit local APIC address. */
#define ACPI_MADT_X2APIC         9          /* A processor's x2APIC. */
#define ACPI_MADT_ENABLED        1          /* Flags: usable processor. */

struct acpi_madt_processor {
    uint8_t type;
    uint8_t length;
    uint8_t acpi_id;                        /* Processor UID. */
    uint8_t apic_id;
    uint32_t flags;
} __packed;

struct acpi_madt_x2apic {
    uint8_t type;
    uint8_t length;
    uint16_t reserved;
    uint32_t x2apic_id;
    uint32_t flags;
    uint32_t acpi_uid;
} __packed;

struct acpi_madt_ioapic {
    uint8_t type;
    uint8_t length;
    uint8_t id;
    uint8_t reserved;
    uint32_t address;
    uint32_t gsi_base;                      /* Its first input's GSI. */
} __packed;

struct acpi_madt_int_override {
    uint8_t type;
    uint8_t length;
    uint8_t bus;                            /* 0: ISA. */
    uint8_t source;                         /* The ISA IRQ. */
    uint32_t gsi;
    uint16_t flags;                         /* MPS INTI flags. */
} __packed;

struct acpi_madt_lapic_override {
    uint8_t type;
    uint8_t length;
    uint16_t reserved;
    uint64_t address;
} __packed;

/*
 * Map len bytes of physical memory at pa for reading. Returns NULL when the
 * range cannot be mapped. Mappings are never undone.
 */
typedef const void *(*acpi_map_fn)(paddr_t pa, size_t len);

/* Where the tables are: from a valid RSDP. 0 means absent or unusable. */
struct acpi_root {
    acpi_map_fn map;
    paddr_t xsdt;
    paddr_t rsdt;
};

/* Whether the len bytes at p sum to 0 (mod 256). Pure. */
bool acpi_checksum_ok(const void *p, size_t len);

/*
 * Search len bytes at area (mapped, at physical address area_pa) on 16-byte
 * boundaries for an RSDP with a valid ACPI 1.0 checksum. Returns its
 * physical address or 0. Pure.
 */
paddr_t acpi_rsdp_scan(const void *area, size_t len, paddr_t area_pa);

/*
 * Validate the RSDP at rsdp_pa and fill root->xsdt and root->rsdt (0 for
 * one that is absent or fails validation) and root->map. The XSDT is only
 * taken from a revision 2+ RSDP whose length and extended checksum are
 * valid. Returns 0 if at least one root table is usable, else -EINVAL.
 */
int __must_check acpi_root_init(struct acpi_root *root, acpi_map_fn map,
                                paddr_t rsdp_pa);

/*
 * Map the table at pa and validate it: length at least a header and at
 * most ACPI_TABLE_MAX_SIZE, checksum, and signature sig (4 characters) if
 * sig is not NULL. Returns the mapped table or NULL.
 */
const struct acpi_table_header *acpi_table_map(acpi_map_fn map, paddr_t pa,
                                               const char *sig);

/*
 * Find the first valid table with signature sig (4 characters) listed in
 * the XSDT, or in the RSDT when there is no valid XSDT (ACPI 5.2.8: an OS
 * that finds an XSDT uses it, not the RSDT). Entries that fail validation
 * are skipped. Returns NULL if there is none.
 */
const struct acpi_table_header *acpi_root_find(const struct acpi_root *root,
                                               const char *sig);

/*
 * Read the HPET's register base from a validated HPET table. Returns 0, or
 * -EINVAL if the table is too short, the base is not in memory space, is 0
 * or is not 1 KiB aligned.
 */
int __must_check acpi_hpet_base(const struct acpi_table_header *t,
                                paddr_t *base);

/*
 * Read the local APIC's physical address from a validated MADT: the 32-bit
 * field, replaced by a Local APIC Address Override entry if there is one.
 * Returns 0, or -EINVAL if the table is too short, an entry's length is
 * impossible, or the address is 0 or not page aligned.
 */
int __must_check acpi_madt_lapic(const struct acpi_table_header *t,
                                 paddr_t *lapic);

/*
 * The ACPI processor UID of the enabled processor whose (x2)APIC ID is
 * apic_id, from a validated MADT's Processor Local APIC and Local x2APIC
 * entries (ACPI 5.2.12.2, 5.2.12.12): what dom0 needs to match ACPI
 * processor objects to CPUs (XENPF_get_cpuinfo). Returns 0, -ENOENT if no
 * enabled entry has that ID, -EINVAL for a malformed table.
 */
int __must_check acpi_madt_acpi_id(const struct acpi_table_header *t,
                                   uint32_t apic_id, uint32_t *acpi_id);

/* Where an ISA IRQ arrives (ACPI 5.2.12.3 and 5.2.12.5). */
struct acpi_isa_irq_route {
    uint32_t gsi;
    bool active_low;
    bool level_triggered;
    /* The I/O APIC whose inputs start at the highest GSI base <= gsi. */
    uint8_t ioapic_id;
    paddr_t ioapic_address;
    uint32_t ioapic_gsi_base;
};

/*
 * How ISA IRQ isa_irq (0-15) reaches an I/O APIC, from a validated MADT:
 * its GSI is isa_irq, edge-triggered and active high (the ISA bus's
 * convention) unless an Interrupt Source Override for bus 0 says otherwise
 * (the first one for that IRQ wins). Returns 0; -ENOENT if no I/O APIC
 * entry's GSI base is at or below the GSI; -EINVAL if the table is too
 * short, an entry's length is impossible, the override's flags hold the
 * reserved encoding, isa_irq > 15, or the chosen I/O APIC's address is 0
 * or not 16-byte aligned. *route is written only on success.
 */
int __must_check acpi_madt_isa_irq(const struct acpi_table_header *t,
                                   unsigned int isa_irq,
                                   struct acpi_isa_irq_route *route);

/*
 * The hypervisor's tables (hv/arch/x86/time/acpi.c). acpi_init() finds the
 * RSDP: at rsdp_pa if it is not 0 (a boot loader's pointer), else in the
 * first KiB of the EBDA or in 0xE0000-0xFFFFF; prints what it found.
 * Later calls return the first call's result. Returns 0 or -ENOENT (no
 * usable RSDP). Context: boot, after paging_init().
 */
int acpi_init(paddr_t rsdp_pa);

/*
 * A validated table by signature, through the hypervisor's mappings, or
 * NULL (also before a successful acpi_init()). Context: boot.
 */
const struct acpi_table_header *acpi_find_table(const char *sig);

#endif /* ASM_ACPI_H */
