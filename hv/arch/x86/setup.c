/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * start_xenolith(): the boot CPU's path from head.S to a running system.
 *
 * Order matters and each step says what it needs:
 *   1. parse the loader's information (early identity map still present);
 *   2. parse the command line, bring up the console (printk before this
 *      goes to the ring only and is replayed);
 *   3. CPU features; refuse machines we cannot run on;
 *   4. memory map: sanitise, reserve what is in use, check there is enough;
 *   5. final page tables (W^X, direct map), frame table, buddy allocator,
 *      heap;
 *   6. per-CPU area, GDT/TSS/IDT;
 *   7. time: TSC calibration, APIC timer, soft timers; then serial input
 *      (its IRQ through the I/O APIC);
 *   8. the scheduler; dom0 from the first module and boot-time domains
 *      from the modules that ask for one (xenolith/boot_domains.h); give
 *      dom0 the serial input and start scheduling, or halt if no dom0.
 */
#include <asm/cpufeature.h>
#include <asm/desc.h>
#include <asm/domain_build.h>
#include <asm/m2p.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <xenolith/boot_domains.h>
#include <xenolith/bootinfo.h>
#include <xenolith/console.h>
#include <xenolith/console_rx.h>
#include <xenolith/host_memmap.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/param.h>
#include <xenolith/sched.h>
#include <xenolith/selftest.h>
#include <xenolith/setup.h>
#include <xenolith/string.h>
#include <xenolith/time.h>
#include <xenolith/version.h>

#define EARLY_MAP_LIMIT   (4UL << 30)
#define MIN_RAM_BYTES     (32UL << 20)

extern char __image_start[], __image_end[];
extern char cpu0_stack[], cpu0_stack_top[], cpu0_ist_stacks[];
extern const struct param_def __param_start[], __param_end[];

static struct boot_info boot_info;
static struct memmap free_ram;          /* Shrinks as boot reserves memory. */
static struct memmap host_map;          /* Sanitised, never reserved in. */
static struct percpu cpu0_percpu;

/* The early page tables identity-map the first 4 GiB. */
static const void *early_phys_to_virt(paddr_t pa, size_t len)
{
    if ( pa >= EARLY_MAP_LIMIT || len > EARLY_MAP_LIMIT - pa )
        return NULL;
    return (const void *)pa;
}

static void report_cmdline_problem(const char *msg)
{
    printk(XENLOG_WARNING "command line: %s\n", msg);
}

static void print_memmap(const struct memmap *m)
{
    unsigned int i;

    printk("Physical memory map (%s):\n",
           boot_info.multiboot_version == 2 ? "Multiboot 2" : "Multiboot 1");
    for ( i = 0; i < m->nr; i++ )
        printk(" [%016lx, %016lx) %s\n", m->entries[i].start,
               m->entries[i].start + m->entries[i].size,
               memmap_type_name(m->entries[i].type));
}

static void reserve_boot_ranges(void)
{
    unsigned int i;

    /* Real-mode memory (IVT, BIOS data, EBDA, option ROMs) is never ours. */
    memmap_reserve(&free_ram, 0, 1 << 20);
    memmap_reserve(&free_ram, virt_to_maddr(__image_start),
                   __image_end - __image_start);
    memmap_reserve(&free_ram, boot_info.info_start,
                   boot_info.info_end - boot_info.info_start);
    for ( i = 0; i < boot_info.nr_modules; i++ )
        memmap_reserve(&free_ram, boot_info.modules[i].start,
                       boot_info.modules[i].size);
}

static void check_memory(const struct memmap *ram)
{
    uint64_t total = memmap_ram_bytes(ram);

    if ( ram->nr == 0 || total == 0 )
        panic("the boot loader gave no memory map with usable RAM; cannot "
              "continue");
    if ( total < MIN_RAM_BYTES )
        panic("too little memory: %lu KiB of RAM, Xenolith needs at least "
              "%lu MiB", total >> 10, MIN_RAM_BYTES >> 20);
    if ( memmap_ram_bytes(&free_ram) < MIN_RAM_BYTES / 2 )
        panic("too little free memory: %lu KiB left after the hypervisor and "
              "boot modules, at least %lu MiB needed",
              memmap_ram_bytes(&free_ram) >> 10, MIN_RAM_BYTES >> 21);
}

static void report_boot_info(void)
{
    unsigned int i;

    printk("Boot loader: %s (Multiboot %u)\n",
           boot_info.loader_name[0] ? boot_info.loader_name : "unnamed",
           boot_info.multiboot_version);
    printk("Command line: %s\n", boot_info.cmdline);
    if ( boot_info.cmdline_truncated )
        printk(XENLOG_WARNING "command line: longer than %u characters; the "
               "rest was ignored\n", BOOT_CMDLINE_SIZE - 1);
    for ( i = 0; i < boot_info.nr_warnings; i++ )
        printk(XENLOG_WARNING "boot loader information: %s\n",
               boot_info.warnings[i]);
}

static void memory_init(void)
{
    struct memmap ram = boot_info.memmap;

    memmap_sanitize(&ram);
    print_memmap(&ram);
    host_map = ram;
    free_ram = ram;
    reserve_boot_ranges();
    check_memory(&ram);
    boot_alloc_init(&free_ram);
    paging_init(&ram);
    frame_table_init(&ram, &free_ram);
    paging_use_heap();
    m2p_init();
    memory_report();
}

const struct memmap *host_memory_map(void)
{
    return &host_map;
}

static void cpu0_init(void)
{
    int rc;

    percpu_init(&cpu0_percpu, 0, (uint64_t)cpu0_stack,
                (uint64_t)cpu0_stack_top, (uint64_t)cpu0_ist_stacks);
    cpu_init_control_registers();
    idt_init();
    rc = cpu_descriptors_init(0, (uint64_t)cpu0_stack_top,
                              (uint64_t)cpu0_ist_stacks);
    if ( rc )
        panic("cannot set up the boot CPU's descriptor tables (%d)", rc);
    cpu_init_syscall();
}

/* Module 1 is dom0's initrd unless it asks for a boot-time domain. */
static const struct boot_module *dom0_initrd(void)
{
    if ( boot_info.nr_modules < 2 ||
         boot_domain_requested(boot_info.modules[1].cmdline) )
        return NULL;
    return &boot_info.modules[1];
}

static const char *module_role(unsigned int i)
{
    if ( i == 0 )
        return " (dom0 kernel)";
    if ( boot_domain_requested(boot_info.modules[i].cmdline) )
        return " (boot-time domain)";
    return i == 1 ? " (dom0 initrd)" : "";
}

static void report_modules(void)
{
    unsigned int i;

    for ( i = 0; i < boot_info.nr_modules; i++ )
        printk("Module %u: [%016lx, %016lx) %lu KiB, command line \"%s\"%s\n",
               i, boot_info.modules[i].start,
               boot_info.modules[i].start + boot_info.modules[i].size,
               boot_info.modules[i].size >> 10, boot_info.modules[i].cmdline,
               module_role(i));
}

/*
 * Build dom0 and the boot-time domains and start scheduling them, or halt
 * if there is no dom0. Never returns.
 */
static void __noreturn start_domains(void)
{
    const struct boot_module *initrd;
    struct domain *dom0;
    int rc;

    if ( boot_info.nr_modules == 0 )
    {
        printk("No dom0 kernel was given (no boot modules): nothing to run.\n");
        printk("Xenolith: nothing left to do; halting.\n");
        machine_halt(HALT_STATUS_OK);
    }
    report_modules();
    initrd = dom0_initrd();
    rc = dom0_build(&boot_info, initrd, &dom0);
    if ( rc )
        panic("could not set up dom0 (%d)", rc);
    boot_domains_build(&boot_info, initrd ? 2 : 1);
    console_rx_set_focus(dom0);
    printk("Starting dom0.\n");
    sched_start();
}

void start_xenolith(uint32_t magic, uint32_t info_pa)
{
    int rc = multiboot_parse(magic, info_pa, early_phys_to_virt, &boot_info);

    if ( rc == 0 )
        cmdline_parse(boot_info.cmdline, __param_start,
                      __param_end - __param_start, report_cmdline_problem);
    console_init();
    printk("Xenolith %s: a Xen-compatible PV hypervisor (x86-64)\n",
           XENOLITH_VERSION);
    if ( rc )
        panic("the boot loader's information structure at %#x is unusable",
              info_pa);
    report_boot_info();
    version_set_cmdline(boot_info.cmdline);

    cpu_features_init();
    cpu_features_print();

    memory_init();
    cpu0_init();
    time_init();
    sched_init();
    console_init_postirq();
    selftest_run();

    start_domains();
}
