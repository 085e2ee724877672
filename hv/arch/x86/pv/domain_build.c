/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV domain builder for domains the hypervisor starts itself: dom0
 * from the first boot module, and boot-time domains (common/
 * boot_domains.c). Semantics are Xen 4.17's dom0 builder (xen/arch/x86/
 * pv/dom0_build.c and the start-of-day contract in xen/include/public/
 * xen.h); a boot-time domain gets the same layout, unprivileged, without
 * console or xenstore rings (it writes the hypervisor console with
 * console_io):
 *
 *  virt_base
 *   [kernel image]           the ELF's PT_LOAD segments
 *   [initrd]                 module 1, page aligned (mod_start, mod_len),
 *                            unless the kernel has MOD_START_PFN
 *   [phys-to-machine list]   one xen_pfn_t per dom0 page (mfn_list),
 *                            unless the kernel has INIT_P2M
 *   [start_info]             rsi on entry
 *   [bootstrap page tables]  L4, L3s, L2s, L1s mapping all of this (pt_base)
 *   [bootstrap stack]        one page; rsp = its top
 *   [padding]                to a 4 MiB boundary with at least 512 KiB
 *
 * Pseudo-physical page n maps at virt_base + n * 4 KiB for the whole range;
 * dom0's remaining pages are reachable through mfn_list only. With
 * MOD_START_PFN the initrd is in frames after the initial allocation and
 * start_info gives its first frame number (SIF_MOD_START_PFN). With
 * INIT_P2M the list is mapped at the kernel's address by tables of its
 * own, from frames [first_p2m_pfn, + nr_p2m_frames) (asm/dom0_layout.h
 * says which frame holds what).
 *
 * The bootstrap page tables are mapped read-only in the guest; every other
 * page writable. Frame types and reference counts are set as the validated
 * MMU expects: each table frame typed L1..L4 (validated) with one type
 * reference and one general reference per referencing entry (the L4's from
 * CR3 and one pin), each mapping a general reference and, if writable, a
 * writable-type reference (asm/guest_pt.h).
 */
#include <asm/domain_build.h>
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
#include <xenolith/sched.h>
#include <xenolith/string.h>

#define GUEST_PTE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define GUEST_PTE_DATA  (GUEST_PTE_TABLE | _PAGE_DIRTY)

static uint64_t opt_dom0_mem;
size_param("dom0_mem", opt_dom0_mem);

struct pv_builder {
    const struct pv_domain_spec *spec;
    struct domain *d;
    struct dom0_layout l;
    mfn_t *p2m;                    /* pfn -> mfn, nr_pages entries (heap). */
    mfn_t l4;                      /* The guest's L4, once built. */
    uint64_t next_pfn, end_pfn;    /* Frames for new tables (and p2m pages). */
};

static uint64_t dom0_pages(void)
{
    uint64_t free = buddy_free_frames();
    uint64_t reserve = MAX(free / 16, (128UL << 20) >> PAGE_SHIFT);
    uint64_t pages = opt_dom0_mem ? opt_dom0_mem >> PAGE_SHIFT
                                  : (free > reserve ? free - reserve : free / 2);

    return MIN(pages, free > 256 ? free - 256 : 0);
}

static void *pfn_va(const struct pv_builder *b, uint64_t pfn)
{
    return maddr_to_virt(mfn_to_maddr(b->p2m[pfn]));
}

/* Hypervisor pointer to guest virtual address va inside the initial map. */
static void *guest_va(const struct pv_builder *b, uint64_t va)
{
    return (char *)pfn_va(b, (va - b->l.v_start) >> PAGE_SHIFT) +
           (va & (PAGE_SIZE - 1));
}

static int allocate_memory(struct pv_builder *b)
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
    if ( b->spec->privileged )
        b->d->max_pages = UINT32_MAX;
    return 0;
}

static bool is_pt_frame(const struct pv_builder *b, uint64_t va)
{
    return va >= b->l.pt_start &&
           va < b->l.pt_start + b->l.nr_pt_frames * PAGE_SIZE;
}

/* The next frame of [next_pfn, end_pfn), or INVALID_MFN when used up. */
static mfn_t next_frame(struct pv_builder *b)
{
    return b->next_pfn < b->end_pfn ? b->p2m[b->next_pfn++] : INVALID_MFN;
}

/* A new table frame, typed as level (PGT_L*), or INVALID_MFN. */
static mfn_t new_table(struct pv_builder *b, uint64_t type)
{
    mfn_t mfn = next_frame(b);

    if ( !mfn_eq(mfn, INVALID_MFN) )
        mfn_to_page(mfn)->type_info = type | PGT_VALIDATED;
    return mfn;
}

/*
 * The entry for va at level shift, creating lower tables on the way (each
 * holding a general and a type reference for the entry naming it), or
 * NULL when the frames for tables are used up.
 */
static uint64_t *table_entry(struct pv_builder *b, mfn_t l4, uint64_t va,
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
            struct page_info *pg;

            if ( mfn_eq(t, INVALID_MFN) )
                return NULL;
            pg = mfn_to_page(t);
            *e = mfn_to_maddr(t) | GUEST_PTE_TABLE;
            pg->type_info++;                 /* Referenced by *e. */
            pg->count_info++;
        }
        table = maddr_to_virt(*e & PTE_ADDR_MASK);
    }
    return &table[PT_INDEX(va, level_shift)];
}

/* Map frame mfn at va (writable or not) with the references it holds. */
static int map_frame(struct pv_builder *b, uint64_t va, mfn_t mfn,
                     bool writable)
{
    uint64_t *e = table_entry(b, b->l4, va, L1_SHIFT);
    uint64_t pte = mfn_to_maddr(mfn) | GUEST_PTE_DATA;

    if ( !writable )
        pte &= ~_PAGE_RW;
    if ( !e )
        return -ENOSPC;               /* The layout was wrong: a builder bug. */
    if ( pt_get_l1e(pte, b->d, b->d) )
        return -EINVAL;                  /* A builder bug; be loud. */
    *e = pt_adjust_entry(pte, 1);
    return 0;
}

static int build_page_tables(struct pv_builder *b)
{
    const uint64_t *idle = maddr_to_virt(hypervisor_l4_maddr());
    uint64_t va, *l4_table;
    int rc;

    b->next_pfn = (b->l.pt_start - b->l.v_start) >> PAGE_SHIFT;
    b->end_pfn = b->next_pfn + b->l.nr_pt_frames;
    b->l4 = new_table(b, PGT_L4_PAGE_TABLE);
    l4_table = maddr_to_virt(mfn_to_maddr(b->l4));
    /* Every guest address space carries the hypervisor's slots. */
    memcpy(&l4_table[HV_L4_FIRST_SLOT], &idle[HV_L4_FIRST_SLOT],
           (HV_L4_LAST_SLOT - HV_L4_FIRST_SLOT + 1) * sizeof(uint64_t));

    for ( va = b->l.v_start; va < b->l.v_end; va += PAGE_SIZE )
    {
        uint64_t pfn = (va - b->l.v_start) >> PAGE_SHIFT;

        rc = map_frame(b, va, b->p2m[pfn], !is_pt_frame(b, va));
        if ( rc )
            return rc;
    }
    /* CR3's reference and the pin, as Xen takes them for dom0's L4. */
    mfn_to_page(b->l4)->type_info += 2;
    mfn_to_page(b->l4)->type_info |= PGT_PINNED;
    mfn_to_page(b->l4)->count_info += 2;
    return 0;
}

/*
 * INIT_P2M: map the list at its own address, as Xen's setup_pv_physmap()
 * does with 4 KiB pages: walking up the range, each missing table and then
 * each page of the list takes the next frame from first_p2m_pfn on, so
 * the frames are numbered in the order Xen allocates them. The tables are
 * not mapped anywhere (they lie outside the initial mapping); the list's
 * pages are writable.
 */
static int map_separate_p2m(struct pv_builder *b)
{
    uint64_t va, end = ROUNDUP(b->l.p2m_start + b->l.nr_pages * 8,
                               (uint64_t)PAGE_SIZE);
    int rc;

    b->next_pfn = b->l.first_p2m_pfn;
    b->end_pfn = b->l.first_p2m_pfn + b->l.nr_p2m_frames;
    for ( va = b->l.p2m_start; va < end; va += PAGE_SIZE )
    {
        /* The tables first, then the page, as Xen allocates them. */
        mfn_t page = table_entry(b, b->l4, va, L1_SHIFT) ? next_frame(b)
                                                          : INVALID_MFN;

        if ( mfn_eq(page, INVALID_MFN) )
            return -ENOSPC;           /* The layout was wrong: a builder bug. */
        rc = map_frame(b, va, page, true);
        if ( rc )
            return rc;
    }
    return b->next_pfn == b->end_pfn ? 0 : -ENOSPC;
}

/*
 * Hypervisor pointer to guest virtual address va, through the tables the
 * builder made (for the separate p2m list), or NULL if nothing maps it.
 */
static void *walk_va(const struct pv_builder *b, uint64_t va)
{
    uint64_t *table = maddr_to_virt(mfn_to_maddr(b->l4)), e;
    unsigned int shift;

    for ( shift = L4_SHIFT; ; shift -= 9 )
    {
        e = table[PT_INDEX(va, shift)];
        if ( !(e & _PAGE_PRESENT) )
            return NULL;
        if ( shift == L1_SHIFT )
            break;
        table = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    return (char *)maddr_to_virt(e & PTE_ADDR_MASK) + (va & (PAGE_SIZE - 1));
}

static int load_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    const struct pv_builder *b = ctx;

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
    const struct pv_builder *b = ctx;

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
static void write_hypercall_page(struct pv_builder *b, uint64_t va)
{
    uint8_t page[PAGE_SIZE];

    pv_hypercall_page_fill(page);
    load_write(b, va, page, sizeof(page));
}

/* Copy len bytes to guest va in the separate p2m mapping (walk_va()). */
static int write_walked(const struct pv_builder *b, uint64_t va,
                        const void *src, size_t len)
{
    for ( ; len; )
    {
        size_t chunk = MIN(len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
        void *dst = walk_va(b, va);

        if ( !dst )
            return -EFAULT;           /* The mapping is incomplete: our bug. */
        memcpy(dst, src, chunk);
        va += chunk;
        src = (const char *)src + chunk;
        len -= chunk;
    }
    return 0;
}

/* The p2m list, a page at a time through a bounce buffer. */
static int write_p2m_list(struct pv_builder *b)
{
    uint64_t i, *p2m = xmalloc(PAGE_SIZE);
    int rc = 0;

    if ( !p2m )
        return -ENOMEM;
    for ( i = 0; rc == 0 && i < b->l.nr_pages; i += PAGE_SIZE / 8 )
    {
        uint64_t j, n = MIN(PAGE_SIZE / 8, b->l.nr_pages - i);

        for ( j = 0; j < n; j++ )
            p2m[j] = mfn_x(b->p2m[i + j]);
        if ( b->l.p2m_separate )
            rc = write_walked(b, b->l.p2m_start + i * 8, p2m, n * 8);
        else
            rc = load_write(b, b->l.p2m_start + i * 8, p2m, n * 8);
    }
    xfree(p2m);
    return rc;
}

/* The initrd: in the initial mapping, or (MOD_START_PFN) in its frames. */
static void load_initrd(struct pv_builder *b, const struct boot_module *m)
{
    const char *src = maddr_to_virt(m->start);
    uint64_t off;

    if ( b->l.initrd_start )
    {
        load_write(b, b->l.initrd_start, src, b->l.initrd_len);
        return;
    }
    for ( off = 0; off < b->l.initrd_len; off += PAGE_SIZE )
        memcpy(pfn_va(b, b->l.initrd_pfn + (off >> PAGE_SHIFT)), src + off,
               MIN((uint64_t)PAGE_SIZE, b->l.initrd_len - off));
}

static void write_start_info(struct pv_builder *b)
{
    struct start_info *si = guest_va(b, b->l.start_info);

    memset(si, 0, sizeof(*si));
    strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
    si->nr_pages = b->l.nr_pages;
    si->shared_info = mfn_to_maddr(b->d->shared_info_mfn);
    si->flags = b->spec->privileged ? SIF_PRIVILEGED | SIF_INITDOMAIN : 0;
    si->pt_base = b->l.pt_start;
    si->nr_pt_frames = b->l.nr_pt_frames;
    si->mfn_list = b->l.p2m_start;
    /* Xen 4.17 sets these whether or not the list has frames of its own. */
    si->first_p2m_pfn = b->l.first_p2m_pfn;
    si->nr_p2m_frames = b->l.nr_p2m_frames;
    if ( b->l.initrd_len )
    {
        si->mod_start = b->l.initrd_start ? b->l.initrd_start
                                          : b->l.initrd_pfn;
        si->mod_len = b->l.initrd_len;
        if ( !b->l.initrd_start )
            si->flags |= SIF_MOD_START_PFN;
    }
    strlcpy((char *)si->cmd_line, b->spec->cmdline, sizeof(si->cmd_line));
}

static int parse_kernel(const struct pv_domain_spec *spec,
                        struct elf_xen_info *elf)
{
    const struct boot_module *mod = spec->kernel;
    const void *image = maddr_to_virt(mod->start);
    size_t off, len;
    int rc = elf_xen_parse(image, mod->size, elf);

    if ( rc == 0 )
        rc = elf_xen_check_pv64(elf, ELF_XEN_PV64_FEATURES |
                                     (spec->privileged ? 1U << XENFEAT_dom0
                                                       : 0), spec->privileged);
    if ( rc == -ENOEXEC && bzimage_find_payload(image, mod->size, &off,
                                                &len) == 0 )
        printk(XENLOG_ERR "%s kernel refused: a Linux bzImage with a %s "
               "payload; unpack it with tools/extract-vmlinux (the run "
               "scripts do)\n", spec->name,
               bzimage_format_name(bzimage_sniff((const char *)image + off,
                                                 len)));
    else if ( rc )
        printk(XENLOG_ERR "%s kernel refused: %s (%d)\n", spec->name,
               elf->error ? elf->error : "not a 64-bit PV ELF kernel", rc);
    return rc;
}

static void report_layout(const char *name, const struct dom0_layout *l)
{
    printk("%s layout: %lu pages (%lu MiB)\n", name, l->nr_pages,
           l->nr_pages >> 8);
    printk(" kernel        [%016lx, %016lx)\n", l->kern_start, l->kern_end);
    if ( l->initrd_start )
        printk(" initrd        [%016lx, %016lx)\n", l->initrd_start,
               l->initrd_start + l->initrd_len);
    else if ( l->initrd_len )
        printk(" initrd        frames [%#lx, %#lx), unmapped\n",
               l->initrd_pfn, l->initrd_pfn + (l->initrd_len + 4095) / 4096);
    printk(" p2m list      [%016lx, %016lx)%s\n", l->p2m_start,
           l->p2m_start + l->nr_pages * 8,
           l->p2m_separate ? " outside the initial map" : "");
    if ( l->p2m_separate )
        printk(" p2m frames    [%#lx, %#lx)\n", l->first_p2m_pfn,
               l->first_p2m_pfn + l->nr_p2m_frames);
    printk(" start_info    %016lx\n", l->start_info);
    printk(" page tables   [%016lx, %016lx) %lu frames\n", l->pt_start,
           l->pt_start + l->nr_pt_frames * PAGE_SIZE, l->nr_pt_frames);
    printk(" stack         [%016lx, %016lx)\n", l->stack_end - PAGE_SIZE,
           l->stack_end);
    printk(" initial map   [%016lx, %016lx)\n", l->v_start, l->v_end);
}

/* The layout the image and the modules ask for, reported. */
static int compute_layout(const struct pv_domain_spec *spec,
                          const struct elf_xen_info *elf,
                          struct dom0_layout *l)
{
    const struct dom0_layout_input in = {
        .virt_base = elf->virt_base,
        .kern_start = elf->virt_kstart,
        .kern_end = elf->virt_kend,
        .initrd_len = spec->initrd ? spec->initrd->size : 0,
        .nr_pages = spec->nr_pages,
        .p2m_base = elf->p2m_base == ELF_XEN_UNSET ? DOM0_P2M_IN_MAP
                                                    : elf->p2m_base,
        .unmapped_initrd = elf->mod_start_pfn,
    };
    int rc = dom0_layout_compute(&in, l);

    if ( rc )
        printk(XENLOG_ERR "%s: %s\n", spec->name, rc == -ENOMEM
               ? "too few pages for the start-of-day layout; give it more "
                 "memory"
               : "the kernel's addresses leave no room for the layout");
    else if ( !spec->quiet )
        report_layout(spec->name, l);
    return rc;
}

int pv_domain_build(const struct pv_domain_spec *spec, struct domain **out)
{
    static struct elf_xen_info elf;
    struct pv_builder b = { .spec = spec };
    const struct boot_module *kernel = spec->kernel;
    struct vcpu *v;
    int rc;

    rc = parse_kernel(spec, &elf);
    if ( rc == 0 )
        rc = compute_layout(spec, &elf, &b.l);
    if ( rc )
        return rc;
    rc = domain_create(spec->domid, spec->privileged, &b.d);
    if ( rc == 0 )
        rc = allocate_memory(&b);
    if ( rc == 0 )
        rc = build_page_tables(&b);
    if ( rc == 0 && b.l.p2m_separate )
        rc = map_separate_p2m(&b);
    if ( rc == 0 )
        rc = elf_xen_load(maddr_to_virt(kernel->start), kernel->size, &elf,
                          load_write, load_zero, &b);
    if ( rc == 0 )
        rc = write_p2m_list(&b);
    if ( rc )
    {
        printk(XENLOG_ERR "%s: building failed (%d)\n", spec->name, rc);
        xfree(b.p2m);
        /*
         * Give back what it got (no vCPU runs at boot: never preempted);
         * b.d is gone afterwards.
         */
        if ( b.d )
            while ( domain_kill(b.d) == PT_ERESTART )
                ;
        return rc;
    }
    if ( b.l.initrd_len )
        load_initrd(&b, spec->initrd);
    if ( elf.virt_hypercall != ELF_XEN_UNSET )
        write_hypercall_page(&b, elf.virt_hypercall);
    write_start_info(&b);

    b.d->is_console = true;             /* No ring: console_io is its console. */
    v = b.d->vcpus[0];
    v->arch.guest_table = b.l4;
    v->arch.kernel_sp = b.l.stack_end;
    v->arch.kernel_ss = FLAT_KERNEL_SS;
    v->arch.kernel_mode = true;
    v->arch.user_regs = (struct trap_frame){
        .rip = elf.virt_entry, .cs = FLAT_KERNEL_CS, .rflags = 0x202,
        .rsp = b.l.stack_end, .ss = FLAT_KERNEL_SS, .rsi = b.l.start_info,
    };
    v->is_initialised = true;
    vcpu_sched_update(v);
    xfree(b.p2m);
    if ( !spec->quiet )
        printk("%s: %lu pages, entry %016lx, start_info %016lx\n",
               spec->name, b.l.nr_pages, elf.virt_entry, b.l.start_info);
    *out = b.d;
    return 0;
}

int dom0_build(const struct boot_info *bi, const struct boot_module *initrd,
               struct domain **out)
{
    const struct pv_domain_spec spec = {
        .name = "dom0",
        .domid = 0,
        .privileged = true,
        .kernel = &bi->modules[0],
        .initrd = initrd,
        .nr_pages = dom0_pages(),
        .cmdline = bi->modules[0].cmdline,
    };

    return pv_domain_build(&spec, out);
}
