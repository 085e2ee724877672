/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV dom0 builder. Semantics are Xen 4.17's (xen/arch/x86/pv/
 * dom0_build.c and the start-of-day contract in xen/include/public/xen.h):
 *
 *  virt_base
 *   [kernel image]           the ELF's PT_LOAD segments
 *   [initrd]                 module 1, page aligned (mod_start, mod_len)
 *   [phys-to-machine list]   one xen_pfn_t per dom0 page (mfn_list)
 *   [start_info]             rsi on entry
 *   [bootstrap page tables]  L4, L3s, L2s, L1s mapping all of this (pt_base)
 *   [bootstrap stack]        one page; rsp = its top
 *   [padding]                to a 4 MiB boundary with at least 512 KiB
 *
 * Pseudo-physical page n maps at virt_base + n * 4 KiB for the whole range;
 * dom0's remaining pages are reachable through mfn_list only. The page
 * tables are mapped read-only in the guest; every other page writable.
 * Frame types and reference counts are set as the validated MMU expects:
 * each table frame typed L1..L4 (validated) with one type reference per
 * referencing entry (the L4 one from CR3 and one pin), each writable
 * mapping a writable-type reference, each mapping a general reference.
 */
#include <asm/dom0_build.h>
#include <asm/dom0_layout.h>
#include <asm/guest_pt.h>
#include <asm/m2p.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <image/bzimage.h>
#include <image/elf_xen.h>
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include <xenolith/param.h>
#include <xenolith/string.h>

#define GUEST_PTE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define GUEST_PTE_DATA  (GUEST_PTE_TABLE | _PAGE_DIRTY)

static uint64_t opt_dom0_mem;
size_param("dom0_mem", opt_dom0_mem);

struct dom0_builder {
    struct domain *d;
    struct dom0_layout l;
    mfn_t *p2m;                    /* pfn -> mfn, nr_pages entries (heap). */
    uint64_t next_pt_pfn;          /* Next free table frame in the pt area. */
};

static uint64_t dom0_pages(void)
{
    uint64_t free = buddy_free_frames();
    uint64_t reserve = MAX(free / 16, (128UL << 20) >> PAGE_SHIFT);
    uint64_t pages = opt_dom0_mem ? opt_dom0_mem >> PAGE_SHIFT
                                  : (free > reserve ? free - reserve : free / 2);

    return MIN(pages, free > 256 ? free - 256 : 0);
}

static void *pfn_va(const struct dom0_builder *b, uint64_t pfn)
{
    return maddr_to_virt(mfn_to_maddr(b->p2m[pfn]));
}

/* Hypervisor pointer to guest virtual address va inside the initial map. */
static void *guest_va(const struct dom0_builder *b, uint64_t va)
{
    return (char *)pfn_va(b, (va - b->l.v_start) >> PAGE_SHIFT) +
           (va & (PAGE_SIZE - 1));
}

static int allocate_memory(struct dom0_builder *b)
{
    uint64_t i;

    b->p2m = xmalloc(b->l.nr_pages * sizeof(mfn_t));
    if ( !b->p2m )
        return -ENOMEM;
    b->d->max_pages = b->l.nr_pages;
    for ( i = 0; i < b->l.nr_pages; i++ )
    {
        struct page_info *pg = domain_alloc_page(b->d);

        if ( !pg )
            return -ENOMEM;
        b->p2m[i] = page_to_mfn(pg);
        m2p_set(b->p2m[i], i);
        memset(maddr_to_virt(mfn_to_maddr(b->p2m[i])), 0, PAGE_SIZE);
    }
    /* Xen 4.17 (no dom0_mem=max:): dom0 may grow into all free memory. */
    b->d->max_pages = UINT32_MAX;
    return 0;
}

static bool is_pt_frame(const struct dom0_builder *b, uint64_t va)
{
    return va >= b->l.pt_start &&
           va < b->l.pt_start + b->l.nr_pt_frames * PAGE_SIZE;
}

/* A new table frame from the pt area, typed as level (PGT_L*). */
static mfn_t new_table(struct dom0_builder *b, uint64_t type)
{
    mfn_t mfn = b->p2m[b->next_pt_pfn++];

    mfn_to_page(mfn)->type_info = type | PGT_VALIDATED;
    return mfn;
}

/* The entry for va at level shift, creating lower tables on the way. */
static uint64_t *table_entry(struct dom0_builder *b, mfn_t l4, uint64_t va,
                             unsigned int level_shift)
{
    static const uint64_t lower_type[] = { PGT_L1_PAGE_TABLE,
                                           PGT_L2_PAGE_TABLE,
                                           PGT_L3_PAGE_TABLE };
    uint64_t *table = maddr_to_virt(mfn_to_maddr(l4));
    unsigned int shift;

    for ( shift = L4_SHIFT; shift > level_shift; shift -= 9 )
    {
        uint64_t *e = &table[PT_INDEX(va, shift)];

        if ( !(*e & _PAGE_PRESENT) )
        {
            uint64_t type = lower_type[(shift - L2_SHIFT) / 9];
            mfn_t t = new_table(b, type);
            struct page_info *pg = mfn_to_page(t);

            *e = mfn_to_maddr(t) | GUEST_PTE_TABLE;
            pg->type_info++;                 /* Referenced by *e. */
            pg->count_info++;
        }
        table = maddr_to_virt(*e & PTE_ADDR_MASK);
    }
    return &table[PT_INDEX(va, level_shift)];
}

static int build_page_tables(struct dom0_builder *b, mfn_t *l4_out)
{
    const uint64_t *idle = maddr_to_virt(hypervisor_l4_maddr());
    uint64_t va, *l4_table;
    mfn_t l4;

    b->next_pt_pfn = (b->l.pt_start - b->l.v_start) >> PAGE_SHIFT;
    l4 = new_table(b, PGT_L4_PAGE_TABLE);
    l4_table = maddr_to_virt(mfn_to_maddr(l4));
    /* Every guest address space carries the hypervisor's slots. */
    memcpy(&l4_table[HV_L4_FIRST_SLOT], &idle[HV_L4_FIRST_SLOT],
           (HV_L4_LAST_SLOT - HV_L4_FIRST_SLOT + 1) * sizeof(uint64_t));

    for ( va = b->l.v_start; va < b->l.v_end; va += PAGE_SIZE )
    {
        uint64_t pfn = (va - b->l.v_start) >> PAGE_SHIFT;
        uint64_t *e = table_entry(b, l4, va, L1_SHIFT);
        uint64_t pte = mfn_to_maddr(b->p2m[pfn]) | GUEST_PTE_DATA;

        if ( is_pt_frame(b, va) )
            pte &= ~_PAGE_RW;
        if ( pt_get_l1e(pte, b->d, b->d) )
            return -EINVAL;                  /* A builder bug; be loud. */
        *e = pt_adjust_entry(pte, 1);
    }
    if ( b->next_pt_pfn > ((b->l.pt_start - b->l.v_start) >> PAGE_SHIFT) +
                          b->l.nr_pt_frames )
        return -ENOSPC;
    /* CR3's reference and the pin, as Xen takes them for dom0's L4. */
    mfn_to_page(l4)->type_info += 2;
    mfn_to_page(l4)->type_info |= PGT_PINNED;
    mfn_to_page(l4)->count_info += 2;
    *l4_out = l4;
    return 0;
}

static int load_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    const struct dom0_builder *b = ctx;

    for ( ; len; )
    {
        size_t chunk = MIN(len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));

        memcpy(guest_va(b, va), src, chunk);
        va += chunk;
        src = (const char *)src + chunk;
        len -= chunk;
    }
    return 0;
}

static int load_zero(void *ctx, uint64_t va, size_t len)
{
    const struct dom0_builder *b = ctx;

    for ( ; len; )
    {
        size_t chunk = MIN(len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));

        memset(guest_va(b, va), 0, chunk);
        va += chunk;
        len -= chunk;
    }
    return 0;
}

/*
 * Xen's 64-bit hypercall page: entry n at n * 32 is
 * "push %rcx; push %r11; mov $n, %eax; syscall; pop %r11; pop %rcx; ret",
 * except iret, which pushes rax too and never returns.
 */
static void write_hypercall_page(struct dom0_builder *b, uint64_t va)
{
    static const uint8_t iret_stub[] = { 0x51, 0x41, 0x53, 0x50, 0xb8, 23, 0,
                                         0, 0, 0x0f, 0x05, 0x0f, 0x0b };
    uint8_t page[PAGE_SIZE];
    unsigned int n;

    memset(page, 0xcc, sizeof(page));
    for ( n = 0; n < PAGE_SIZE / 32; n++ )
    {
        uint8_t *p = &page[n * 32];

        p[0] = 0x51;
        p[1] = 0x41; p[2] = 0x53;
        p[3] = 0xb8; p[4] = n; p[5] = 0; p[6] = 0; p[7] = 0;
        p[8] = 0x0f; p[9] = 0x05;
        p[10] = 0x41; p[11] = 0x5b;
        p[12] = 0x59;
        p[13] = 0xc3;
    }
    memcpy(&page[__HYPERVISOR_iret * 32], iret_stub, sizeof(iret_stub));
    load_write(b, va, page, sizeof(page));
}

static void write_start_info(struct dom0_builder *b, const struct boot_info *bi)
{
    struct start_info *si = guest_va(b, b->l.start_info);
    uint64_t i, *p2m = xmalloc(PAGE_SIZE);

    memset(si, 0, sizeof(*si));
    strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
    si->nr_pages = b->l.nr_pages;
    si->shared_info = mfn_to_maddr(b->d->shared_info_mfn);
    si->flags = SIF_PRIVILEGED | SIF_INITDOMAIN;
    si->pt_base = b->l.pt_start;
    si->nr_pt_frames = b->l.nr_pt_frames;
    si->mfn_list = b->l.p2m_start;
    si->mod_start = b->l.initrd_len ? b->l.initrd_start : 0;
    si->mod_len = b->l.initrd_len;
    strlcpy((char *)si->cmd_line, bi->modules[0].cmdline, sizeof(si->cmd_line));

    /* The p2m list, a page at a time through a bounce buffer. */
    for ( i = 0; p2m && i < b->l.nr_pages; i += PAGE_SIZE / 8 )
    {
        uint64_t j, n = MIN(PAGE_SIZE / 8, b->l.nr_pages - i);

        for ( j = 0; j < n; j++ )
            p2m[j] = mfn_x(b->p2m[i + j]);
        load_write(b, b->l.p2m_start + i * 8, p2m, n * 8);
    }
    xfree(p2m);
}

static int parse_kernel(const struct boot_module *mod, struct elf_xen_info *elf)
{
    const void *image = maddr_to_virt(mod->start);
    size_t off, len;
    int rc = elf_xen_parse(image, mod->size, elf);

    if ( rc == 0 )
        rc = elf_xen_check_pv64(elf, ELF_XEN_PV64_FEATURES |
                                     (1U << XENFEAT_dom0), true);
    if ( rc == -ENOEXEC && bzimage_find_payload(image, mod->size, &off,
                                                &len) == 0 )
        printk(XENLOG_ERR "dom0 kernel refused: a Linux bzImage with a %s "
               "payload; unpack it with tools/extract-vmlinux (the run "
               "scripts do)\n",
               bzimage_format_name(bzimage_sniff((const char *)image + off,
                                                 len)));
    else if ( rc )
        printk(XENLOG_ERR "dom0 kernel refused: %s (%d)\n",
               elf->error ? elf->error : "not a 64-bit PV ELF kernel", rc);
    return rc;
}

static void report_layout(const struct dom0_layout *l)
{
    printk("Dom0 layout: %lu pages (%lu MiB)\n", l->nr_pages, l->nr_pages >> 8);
    printk(" kernel        [%016lx, %016lx)\n", l->kern_start, l->kern_end);
    printk(" initrd        [%016lx, %016lx)\n", l->initrd_start,
           l->initrd_start + l->initrd_len);
    printk(" p2m list      [%016lx, %016lx)\n", l->p2m_start,
           l->p2m_start + l->nr_pages * 8);
    printk(" start_info    %016lx\n", l->start_info);
    printk(" page tables   [%016lx, %016lx) %lu frames\n", l->pt_start,
           l->pt_start + l->nr_pt_frames * PAGE_SIZE, l->nr_pt_frames);
    printk(" stack         [%016lx, %016lx)\n", l->stack_end - PAGE_SIZE,
           l->stack_end);
    printk(" initial map   [%016lx, %016lx)\n", l->v_start, l->v_end);
}

static struct trap_frame dom0_initial_frame;

int dom0_build(const struct boot_info *bi, struct domain **out)
{
    static struct elf_xen_info elf;
    struct dom0_builder b = { 0 };
    const struct boot_module *kernel = &bi->modules[0];
    mfn_t l4;
    int rc;

    rc = parse_kernel(kernel, &elf);
    if ( rc )
        return rc;
    b.l.nr_pages = dom0_pages();
    rc = dom0_layout_compute(elf.virt_base, elf.virt_kstart, elf.virt_kend,
                             bi->nr_modules > 1 ? bi->modules[1].size : 0,
                             &b.l);
    if ( rc )
    {
        printk(XENLOG_ERR "dom0: %s\n", rc == -ENOMEM
               ? "too few pages for the start-of-day layout; raise dom0_mem"
               : "the kernel's addresses leave no room for the layout");
        return rc;
    }
    report_layout(&b.l);
    rc = domain_create(0, true, &b.d);
    if ( rc == 0 )
        rc = allocate_memory(&b);
    if ( rc == 0 )
        rc = build_page_tables(&b, &l4);
    if ( rc == 0 )
        rc = elf_xen_load(maddr_to_virt(kernel->start), kernel->size, &elf,
                          load_write, load_zero, &b);
    if ( rc )
    {
        printk(XENLOG_ERR "dom0: building failed (%d)\n", rc);
        return rc;                   /* The machine halts; nothing to free. */
    }
    if ( b.l.initrd_len )
        load_write(&b, b.l.initrd_start,
                   maddr_to_virt(bi->modules[1].start), b.l.initrd_len);
    if ( elf.virt_hypercall != ELF_XEN_UNSET )
        write_hypercall_page(&b, elf.virt_hypercall);
    write_start_info(&b, bi);

    b.d->vcpus[0]->arch.guest_table = l4;
    b.d->vcpus[0]->arch.kernel_sp = b.l.stack_end;
    b.d->vcpus[0]->arch.kernel_ss = FLAT_KERNEL_SS;
    dom0_initial_frame = (struct trap_frame){
        .rip = elf.virt_entry, .cs = FLAT_KERNEL_CS, .rflags = 0x202,
        .rsp = b.l.stack_end, .ss = FLAT_KERNEL_SS, .rsi = b.l.start_info,
    };
    xfree(b.p2m);
    printk("Dom0: %lu pages, entry %016lx, start_info %016lx\n",
           b.l.nr_pages, elf.virt_entry, b.l.start_info);
    *out = b.d;
    return 0;
}

void dom0_start(struct domain *d)
{
    printk("Starting dom0.\n");
    pv_start_vcpu(d->vcpus[0], &dom0_initial_frame);
}
