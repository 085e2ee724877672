/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl binary: xl_main() on the process's own streams. Kept apart so
 * unit tests link everything else and drive xl_main() with memory streams.
 */
#include "privcmd.h"
#include "xl.h"

int main(int argc, char **argv)
{
    struct xl_io io = { stdout, stderr, xl_privcmd_hypercall };

    return xl_main(argc, argv, &io);
}
