/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * panic(), halting and restarting, backtraces. Xen's behaviour: a panic
 * prints its reason and reboots after 5 seconds, or halts if "noreboot".
 */
#include <xenolith/console.h>
#include <xenolith/lib.h>
#include <xenolith/panic.h>
#include <xenolith/param.h>
#include <xenolith/symbols.h>
#include <xenolith/time.h>
#include <asm/io.h>
#include <asm/memlayout.h>
#include <asm/processor.h>

static bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

static unsigned int opt_debug_exit;
integer_param("debug_exit", opt_debug_exit);

static bool panicking;

bool noreboot_requested(void)
{
    return opt_noreboot;
}

void show_backtrace(uint64_t rip, uint64_t rbp)
{
    unsigned int depth;
    uint64_t offset, size;
    const char *name;

    printk(XENLOG_ERR "Backtrace:\n");
    for ( depth = 0; depth < 32; depth++ )
    {
        name = symbols_lookup(rip, &offset, &size);
        if ( name )
            printk(XENLOG_ERR "   [<%016lx>] %s+%#lx/%#lx\n", rip, name, offset, size);
        else
            printk(XENLOG_ERR "   [<%016lx>] ?\n", rip);
        /*
         * Follow the frame-pointer chain only while it stays on a
         * hypervisor stack and is aligned: a corrupt chain must not fault.
         */
        if ( rbp == 0 || (rbp & 7) || rbp < IMAGE_VIRT_BASE ||
             rbp >= DIRECTMAP_VIRT_END )
            break;
        rip = ((const uint64_t *)rbp)[1];
        rbp = ((const uint64_t *)rbp)[0];
        if ( rip == 0 )
            break;
    }
}

void machine_halt(unsigned int status)
{
    local_irq_disable();
    if ( opt_debug_exit && opt_debug_exit <= 0xffff )
        outb(status, opt_debug_exit);
    for ( ; ; )
        halt();
}

void machine_restart(void)
{
    unsigned int i;

    local_irq_disable();
    printk(XENLOG_ERR "Rebooting.\n");
    /* PCI reset control register, then the keyboard controller. */
    outb(0x06, 0xcf9);
    for ( i = 0; i < 10; i++ )
    {
        udelay(10000);
        outb(0xfe, 0x64);
    }
    printk(XENLOG_ERR "Reboot failed; halting.\n");
    machine_halt(HALT_STATUS_PANIC);
}

void panic(const char *fmt, ...)
{
    static char message[256];
    va_list ap;

    local_irq_disable();
    if ( panicking )
        machine_halt(HALT_STATUS_PANIC);        /* Panic while panicking. */
    panicking = true;
    console_force_unlock();
    printk(XENLOG_ERR "\n****************************************\n");
    printk(XENLOG_ERR "Xenolith panic:\n");
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    /* At error level, so no loglvl= setting can hide why the machine stopped. */
    printk(XENLOG_ERR "%s\n", message);
    printk(XENLOG_ERR "****************************************\n");
    /* Start at our caller: its return address and its saved frame pointer. */
    show_backtrace((uint64_t)__builtin_return_address(0),
                   *(const uint64_t *)read_rbp());
    if ( opt_noreboot )
    {
        printk(XENLOG_ERR "noreboot given: machine halted.\n");
        machine_halt(HALT_STATUS_PANIC);
    }
    printk(XENLOG_ERR "Reboot in five seconds...\n");
    mdelay(5000);
    machine_restart();
}
