/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's access to ACPI tables (asm/acpi.h): finding the RSDP
 * and mapping physical memory for the pure parser in acpi_tables.c.
 *
 * Tables in ranges the direct map covers (RAM, ACPI, NVS, the first MiB)
 * are read through it. Firmware also puts tables in "reserved" ranges
 * (SeaBIOS does), which the direct map leaves out; those frames are mapped
 * with ioremap(), uncached but their only mapping, so no frame is ever
 * mapped with two cache types. A range partly in the direct map is refused
 * rather than mapped twice. Mappings are kept (the parser's contract) and
 * remembered, so the walk does not map the same pages again and again.
 */
#include <asm/acpi.h>
#include <asm/page.h>
#include <xenolith/console.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>

#define EBDA_SEGMENT_PTR   0x40e
#define EBDA_MIN           0x80000
#define EBDA_END           0xa0000
#define EBDA_SCAN_SIZE     1024
#define BIOS_AREA_START    0xe0000
#define BIOS_AREA_END      0x100000
#define DIRECTMAP_SIZE     (DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)
#define MAX_WINDOWS        16

struct acpi_window {
    paddr_t start, end;                 /* Whole pages. */
    const uint8_t *va;
};

/* Boot only (single CPU, no locking). */
static struct acpi_window windows[MAX_WINDOWS];
static unsigned int nr_windows;
static struct acpi_root root;
static bool root_valid;

/*
 * Whether the direct-map page of pa is mapped in the hypervisor's tables.
 * TODO: belongs in paging.c, next to the code that builds the direct map.
 */
static bool directmap_has(paddr_t pa)
{
    vaddr_t va = DIRECTMAP_VIRT_START + pa;
    const uint64_t *table = maddr_to_virt(hypervisor_l4_maddr());
    unsigned int shift;

    if ( pa >= DIRECTMAP_SIZE )
        return false;
    for ( shift = L4_SHIFT; ; shift -= 9 )
    {
        uint64_t e = table[PT_INDEX(va, shift)];

        if ( !(e & _PAGE_PRESENT) )
            return false;
        if ( shift == L1_SHIFT || (e & _PAGE_PSE) )
            return true;
        table = maddr_to_virt(e & PTE_ADDR_MASK);
    }
}

static const void *map_uncached(paddr_t start, paddr_t end, paddr_t pa)
{
    const struct acpi_window *w;
    const uint8_t *va;

    for ( w = windows; w < windows + nr_windows; w++ )
        if ( start >= w->start && end <= w->end )
            return w->va + (pa - w->start);
    va = ioremap(start, end - start);
    if ( !va )
        return NULL;
    if ( nr_windows < MAX_WINDOWS )
        windows[nr_windows++] = (struct acpi_window){ start, end, va };
    return va + (pa - start);
}

static const void *acpi_map(paddr_t pa, size_t len)
{
    paddr_t start = ROUNDDOWN(pa, PAGE_SIZE), end, p;
    unsigned int direct = 0, pages;

    if ( len == 0 || pa + len < pa || pa + len > DIRECTMAP_SIZE )
        return NULL;
    end = ROUNDUP(pa + len, PAGE_SIZE);
    pages = (end - start) >> PAGE_SHIFT;
    for ( p = start; p < end; p += PAGE_SIZE )
        direct += directmap_has(p);
    if ( direct == pages )
        return maddr_to_virt(pa);
    if ( direct )
    {
        printk(XENLOG_WARNING "ACPI: [%#lx, %#lx) is partly RAM, partly "
               "not; not mapped\n", pa, pa + len);
        return NULL;
    }
    return map_uncached(start, end, pa);
}

/* The RSDP in the first KiB of the EBDA, else in the BIOS area; 0 if none. */
static paddr_t rsdp_find(void)
{
    paddr_t ebda = (paddr_t)*(const uint16_t *)maddr_to_virt(EBDA_SEGMENT_PTR)
                   << 4;
    paddr_t pa = 0;

    if ( ebda >= EBDA_MIN && ebda + EBDA_SCAN_SIZE <= EBDA_END )
        pa = acpi_rsdp_scan(maddr_to_virt(ebda), EBDA_SCAN_SIZE, ebda);
    if ( !pa )
        pa = acpi_rsdp_scan(maddr_to_virt(BIOS_AREA_START),
                            BIOS_AREA_END - BIOS_AREA_START, BIOS_AREA_START);
    return pa;
}

static void report(paddr_t rsdp_pa)
{
    const struct acpi_rsdp *r = acpi_map(rsdp_pa, ACPI_RSDP_V1_SIZE);
    const struct acpi_table_header *t;

    t = acpi_table_map(acpi_map, root.xsdt ? root.xsdt : root.rsdt, NULL);
    printk("ACPI: RSDP at %#lx, revision %u, OEM \"%.6s\"; %.4s at %#lx, "
           "OEM \"%.6s\" \"%.8s\"\n", rsdp_pa, r->revision, r->oem_id,
           t->signature, root.xsdt ? root.xsdt : root.rsdt, t->oem_id,
           t->oem_table_id);
}

int acpi_init(paddr_t rsdp_pa)
{
    static bool done;
    static int rc;

    if ( done )
        return rc;
    done = true;
    rc = -ENOENT;
    if ( !rsdp_pa )
        rsdp_pa = rsdp_find();
    if ( !rsdp_pa )
    {
        printk(XENLOG_WARNING "ACPI: no RSDP found; no ACPI tables\n");
        return rc;
    }
    if ( acpi_root_init(&root, acpi_map, rsdp_pa) )
    {
        printk(XENLOG_WARNING "ACPI: the RSDP at %#lx leads to no valid "
               "XSDT or RSDT; ACPI tables ignored\n", rsdp_pa);
        return rc;
    }
    root_valid = true;
    report(rsdp_pa);
    return rc = 0;
}

const struct acpi_table_header *acpi_find_table(const char *sig)
{
    const struct acpi_table_header *t;

    if ( !root_valid )
        return NULL;
    t = acpi_root_find(&root, sig);
    if ( t )
        printk("ACPI: %.4s table, %u bytes, revision %u, OEM \"%.6s\"\n",
               t->signature, t->length, t->revision, t->oem_id);
    return t;
}
