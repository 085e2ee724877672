/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl binary: xl_main() on the process's own streams and Linux's Xen
 * devices. Kept apart so unit tests link everything else and drive
 * xl_main() with memory streams and a fake hypervisor.
 *
 * The process is locked in memory first: hypercalls through privcmd hand
 * the hypervisor pointers into it, and a page the hypervisor finds
 * missing is -EFAULT, not a page fault Linux could service.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "ctl_hv_linux.h"
#include "xl.h"

int main(int argc, char **argv)
{
    struct xl_io io = {
        .out = stdout,
        .err = stderr,
        .hv = &ctl_hv_linux,
        .in_fd = STDIN_FILENO,
        .state_dir = XL_STATE_DIR,
    };

    mlockall(MCL_CURRENT | MCL_FUTURE);
    return xl_main(argc, argv, &io);
}
