/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's identity (contracts in xenolith/version.h).
 *
 * Strings are fixed at build time and reproducible: the compiler is the
 * one that built this file, the date is __DATE__/__TIME__ (which GCC takes
 * from SOURCE_DATE_EPOCH when the build sets it; otherwise it is when this
 * file was last compiled), and there is no changeset because the build
 * passes none: "unavailable" is what Xen says when built outside git.
 *
 * Build id: Xen's is the GNU build-id note (ld --build-id=sha1 over the
 * linked file). Our image is linked with --build-id=none and discards
 * notes, so we hash what makes the build: the loaded text and read-only
 * data (linker symbols __text_start to __rodata_end), which the two link
 * passes leave identical and nothing writes after boot. Same image, same
 * id; it is not comparable with `readelf -n` of any file.
 */
#include <xenolith/setup.h>
#include <xenolith/sha1.h>
#include <xenolith/spinlock.h>
#include <xenolith/string.h>
#include <xenolith/version.h>
#include <xen/version.h>

#define EXTRAVERSION "-xenolith-" XENOLITH_VERSION
#define COMPILER     "gcc " __VERSION__
#define COMPILE_DATE __DATE__ " " __TIME__

BUILD_BUG_ON(sizeof(EXTRAVERSION) > sizeof(xen_extraversion_t));
BUILD_BUG_ON(sizeof(COMPILE_DATE) >
             sizeof(((xen_compile_info_t *)0)->compile_date));

/* The linker script's bounds of .text and .rodata, which are contiguous. */
extern const char __text_start[], __rodata_end[];

/* Written once at boot, before any domain runs; read-only after. */
static char saved_cmdline[sizeof(xen_commandline_t)];

static DEFINE_SPINLOCK(build_id_lock);
static uint8_t build_id[SHA1_DIGEST_SIZE];  /* Set once, under the lock. */
static bool build_id_done;                  /* Protected by build_id_lock. */

void version_set_cmdline(const char *cmdline)
{
    strlcpy(saved_cmdline, cmdline ? cmdline : "", sizeof(saved_cmdline));
}

const char *hypervisor_cmdline(void)
{
    return saved_cmdline;
}

const char *version_extraversion(void)
{
    return EXTRAVERSION;
}

const char *version_compiler(void)
{
    return COMPILER;
}

const char *version_compile_by(void)
{
    return "xenolith";
}

const char *version_compile_domain(void)
{
    return "unknown";
}

const char *version_compile_date(void)
{
    return COMPILE_DATE;
}

const char *version_changeset(void)
{
    return "unavailable";
}

unsigned int version_build_id(const uint8_t **id)
{
    spin_lock(&build_id_lock);
    if ( !build_id_done )
    {
        sha1_digest(__text_start, (size_t)(__rodata_end - __text_start),
                    build_id);
        build_id_done = true;
    }
    spin_unlock(&build_id_lock);
    *id = build_id;
    return sizeof(build_id);
}
