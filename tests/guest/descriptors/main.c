/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * descriptors: a PV guest's own GDT, HYPERVISOR_set_gdt(frames, entries)
 * and HYPERVISOR_update_descriptor(maddr, desc) (xen/include/public/
 * xen.h; Xen 4.17: xen/arch/x86/pv/descriptor-tables.c, check_descriptor()
 * and validate_segdesc_page()).
 *
 * The guest's table is up to 14 frames (7168 entries) of its own, below
 * the hypervisor's entries at selector 0xe000. Xen 4.17's answers:
 * - a frame must be ours and not mapped writable: it becomes a descriptor
 *   page, and all 512 descriptors in it are checked. Code and data
 *   descriptors are accepted with their DPL raised to 3 (written back into
 *   the frame: a "ring 0" code segment is a ring 3 one); not-present ones
 *   and type 0 are left alone; a 64-bit call gate is accepted to a guest
 *   selector or FLAT_KERNEL_CS, with DPL 0 and the target's RPL holding
 *   the DPL; a gate to the hypervisor's code, one with reserved bits, and
 *   every other system descriptor (TSS, LDT, interrupt gate) are -EINVAL;
 * - set_gdt refuses with -EINVAL a writable-mapped frame, one with a bad
 *   descriptor, a page table, shared_info (writable for good, even when
 *   not mapped), a frame not ours or beyond RAM, more than
 *   7168 entries; an unreadable frame list is -EFAULT; a refusal keeps the
 *   old table; the same frame may appear twice;
 * - selectors past the guest's frames, in page 15, or the hypervisor's
 *   ring 0 ones load as #GP with the selector as error code, never worse;
 * - while a frame is in the table it cannot be mapped writable; set_gdt
 *   with 0 entries gives it back (then it can);
 * - update_descriptor writes one checked descriptor to an 8-byte aligned
 *   machine address in a frame of ours that is a descriptor page or can
 *   be written (not a page table): -EINVAL otherwise.
 */
#include <guest/arch/page.h>
#include <guest/differs.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/pagetable.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "descriptors";
const char test_title[] = "set_gdt, update_descriptor and descriptor checks";

uint32_t probe_far_cs(unsigned int sel);

#define DATA_DPL3   0x00cff3000000ffffULL
#define DATA_DPL0   0x00cf93000000ffffULL
#define DATA_DPL1   0x00cfb3000000ffffULL
#define CODE64_DPL3 0x00affb000000ffffULL
#define CODE64_DPL0 0x00af9b000000ffffULL
#define GATE(sel, dpl) (0x00008c0000000000ULL | ((uint64_t)(dpl) << 45) | \
                        ((uint64_t)(sel) << 16))
#define TSS_DESC    0x00008900000000ffULL
#define LDT_DESC    0x00008200000000ffULL
#define INT_GATE    0x0000ee0000130000ULL
#define GP(sel)     PROBE_FAULT(X86_EXC_GP, (sel) & ~3u)

static uint64_t gdt[512]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static uint64_t bad_gdt[512]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static uint64_t plain[512]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static xen_ulong_t gdt_mfn, xen_frame;

static uint64_t maddr_of(const void *va, unsigned int index)
{
    return ((uint64_t)guest_mfn_of(va) << PAGE_SHIFT) + index * 8;
}

static int map_gdt(uint64_t flags)
{
    return guest_mm_map(gdt, (uint64_t)gdt_mfn << PAGE_SHIFT,
                        PTE_PRESENT | PTE_ACCESSED | flags);
}

static long set_gdt1(xen_ulong_t frame, unsigned int entries)
{
    return hypercall_set_gdt(&frame, entries);
}

static void check_install(void)
{
    gdt[1] = DATA_DPL3;
    gdt[2] = CODE64_DPL3;
    gdt[3] = CODE64_DPL0;
    gdt[4] = DATA_DPL0;
    gdt[6] = DATA_DPL1;
    gdt_mfn = guest_mfn_of(gdt);
    test_expect_rc("set_gdt/writable", set_gdt1(gdt_mfn, 8), -EINVAL);
    test_expect_rc("map_read_only", map_gdt(0), 0);
    test_expect_rc("set_gdt", set_gdt1(gdt_mfn, 8), 0);
    test_check(gdt[1] == DATA_DPL3 && gdt[2] == CODE64_DPL3 &&
                   gdt[3] == CODE64_DPL3 && gdt[4] == DATA_DPL3 &&
                   gdt[6] == DATA_DPL3,
               "set_gdt/dpl_raised", "%#lx %#lx %#lx %#lx %#lx", gdt[1],
               gdt[2], gdt[3], gdt[4], gdt[6]);
}

static void check_loads(void)
{
    test_expect_probe("load/data", test_probe_load_es(0x0b), PROBE_NONE);
    test_expect_eq("load/data/es", test_read_es(), 0x0b);
    test_expect_probe("load/data_rpl0", test_probe_load_es(0x08), PROBE_NONE);
    test_expect_eq("load/data_rpl0/es", test_read_es(), 0x08);
    test_expect_probe("load/empty_entry", test_probe_load_es(0x2b), GP(0x2b));
    test_expect_probe("load/past_entries", test_probe_load_es(0x43), GP(0x43));
    test_expect_probe("load/unused_page", test_probe_load_es(0x1003), GP(0x1003));
    test_expect_probe("load/last_guest_page", test_probe_load_es(0xdff3),
                      GP(0xdff3));
    test_expect_probe("load/page15", test_probe_load_es(0xf003), GP(0xf003));
    test_expect_probe("load/xen_ring0_data", test_probe_load_es(0xe013),
                      GP(0xe013));
    test_expect_probe("load/flat", test_probe_load_es(FLAT_KERNEL_DS),
                      PROBE_NONE);
    test_expect_eq("far_cs/code64", probe_far_cs(0x13), 0x13);
    test_expect_eq("far_cs/was_ring0", probe_far_cs(0x1b), 0x1b);
    test_expect_probe("far_cs/data", probe_far_cs(0x23), GP(0x23));
    test_expect_probe("far_cs/xen_ring0", probe_far_cs(0xe008), GP(0xe008));
}

static long update(uint64_t maddr, uint64_t desc)
{
    return hypercall_update_descriptor(maddr, desc);
}

static void check_update(void)
{
    uint64_t ma = maddr_of(gdt, 0);

    test_expect_rc("update", update(ma + 5 * 8, DATA_DPL3), 0);
    test_expect_probe("update/loadable", test_probe_load_es(0x2b), PROBE_NONE);
    test_expect_rc("update/ring0_data", update(ma + 5 * 8, DATA_DPL0), 0);
    test_expect_eq("update/ring0_data/raised", gdt[5], DATA_DPL3);
    test_expect_rc("update/gate_kernel_cs",
                   update(ma + 7 * 8, GATE(FLAT_KERNEL_CS, 3)), 0);
    test_expect_eq("update/gate_kernel_cs/dpl0", gdt[7],
                   GATE(FLAT_KERNEL_CS, 0));
    test_expect_rc("update/gate_guest_cs", update(ma + 9 * 8, GATE(0x13, 3)),
                   0);
    test_expect_eq("update/gate_guest_cs/dpl0", gdt[9], GATE(0x13, 0));
    test_expect_rc("update/not_present_ldt",
                   update(ma + 10 * 8, LDT_DESC & ~(1ULL << 47)), 0);
    test_expect_rc("update/writable_page", update(maddr_of(plain, 1),
                                                  DATA_DPL0), 0);
    test_expect_eq("update/writable_page/written", plain[1], DATA_DPL3);
}

static void check_update_hostile(void)
{
    uint64_t ma = maddr_of(gdt, 0);
    uint64_t l1 = (uint64_t)guest_pt_mfn(gdt, 1) << PAGE_SHIFT;

    test_expect_rc("update/unaligned", update(ma + 12, DATA_DPL3), -EINVAL);
    test_expect_rc("update/gate_xen_cs", update(ma + 11 * 8,
                                                GATE(0xe008, 3)), -EINVAL);
    test_expect_rc("update/gate_reserved", update(ma + 11 * 8,
                                                  GATE(0x13, 3) | 1ULL << 32),
                   -EINVAL);
    test_expect_rc("update/tss", update(ma + 11 * 8, TSS_DESC), -EINVAL);
    test_expect_rc("update/ldt", update(ma + 11 * 8, LDT_DESC), -EINVAL);
    test_expect_rc("update/interrupt_gate", update(ma + 11 * 8, INT_GATE),
                   -EINVAL);
    test_expect_eq("update/refused_untouched", gdt[11], 0);
    test_expect_rc("update/page_table", update(l1 + 8, DATA_DPL3), -EINVAL);
    test_expect_rc("update/mfn0", update(8, DATA_DPL3), -EINVAL);
    test_expect_rc("update/xen_frame", update((uint64_t)xen_frame << 12,
                                              DATA_DPL3), -EINVAL);
    test_expect_rc("update/beyond_ram", update(0xfffffffff000ULL, DATA_DPL3),
                   -EINVAL);
}

static void check_set_gdt_hostile(void)
{
    xen_ulong_t frames[2] = { gdt_mfn, guest_pt_mfn(gdt, 1) };

    bad_gdt[1] = TSS_DESC;
    guest_mm_map(bad_gdt, maddr_of(bad_gdt, 0), PTE_PRESENT | PTE_ACCESSED);
    test_expect_rc("set_gdt/tss_in_frame", set_gdt1(guest_mfn_of(bad_gdt), 8),
                   -EINVAL);
    test_expect_rc("set_gdt/page_table", set_gdt1(frames[1], 8), -EINVAL);
    test_expect_rc("set_gdt/mfn0", set_gdt1(0, 8), -EINVAL);
    test_expect_rc("set_gdt/xen_frame", set_gdt1(xen_frame, 8), -EINVAL);
    test_expect_rc("set_gdt/beyond_ram", set_gdt1(0xfffffffffUL, 8), -EINVAL);
    test_expect_rc("set_gdt/too_many", set_gdt1(gdt_mfn, 7169), -EINVAL);
    test_expect_rc("set_gdt/list_xen", hypercall_set_gdt(
                       (void *)TEST_ADDR_XEN, 8), -EFAULT);
    test_expect_rc("set_gdt/list_hole", hypercall_set_gdt(
                       test_unmapped_page(), 8), -EFAULT);
    test_expect_rc("set_gdt/second_bad", hypercall_set_gdt(frames, 513),
                   -EINVAL);
    test_expect_probe("set_gdt/old_kept", test_probe_load_es(0x0b), PROBE_NONE);
    frames[1] = gdt_mfn;
    test_expect_rc("set_gdt/same_frame_twice", hypercall_set_gdt(frames,
                                                                 1024), 0);
    test_expect_probe("set_gdt/second_page", test_probe_load_es(0x100b),
                      PROBE_NONE);
}

/* shared_info stays writable-typed even when we do not map it (Xen). */
static void check_shared_info(void)
{
    void *va = guest_shared_info;
    uint64_t maddr = guest_start_info->shared_info;

    test_expect_rc("shared_info/unmap", guest_mm_unmap(va), 0);
    test_expect_rc("set_gdt/shared_info", set_gdt1(maddr >> PAGE_SHIFT, 8),
                   -EINVAL);
    test_expect_rc("shared_info/remap", guest_mm_map(va, maddr, PTE_PRESENT |
                                                     PTE_RW | PTE_ACCESSED |
                                                     PTE_DIRTY), 0);
}

static void check_release(void)
{
    test_expect_rc("in_use/map_writable", map_gdt(PTE_RW | PTE_DIRTY),
                   -EBUSY);
    test_expect_probe("restore_es", test_probe_load_es(FLAT_KERNEL_DS),
                      PROBE_NONE);
    test_expect_rc("set_gdt/none", set_gdt1(gdt_mfn, 0), 0);
    test_expect_probe("none/load", test_probe_load_es(0x0b), GP(0x0b));
    test_expect_rc("none/map_writable", map_gdt(PTE_RW | PTE_DIRTY), 0);
    gdt[1] = 0;
    test_expect_eq("none/writable", gdt[1], 0);
}

void test_main(void)
{
    xen_frame = hypercall_memory_op(XENMEM_maximum_ram_page, NULL) - 1;
    check_install();
    check_loads();
    check_update();
    check_update_hostile();
    check_set_gdt_hostile();
    check_shared_info();
    check_release();
}
