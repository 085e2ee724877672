/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Print a struct domain_config back in xl.cfg syntax (`xl create -n`).
 * xl prints libxl's JSON there; we print what our parser reads, with
 * every default made explicit, so the output is itself a valid config and
 * parses back to the same domain_config (tests/unit/test_xl_cfg.c checks).
 */
#include <errno.h>
#include <inttypes.h>

#include "domain_config.h"

/* A double-quoted string; bytes the lexer would refuse become \xHH. */
static void print_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for ( ; *s; s++ )
    {
        unsigned char c = (unsigned char)*s;

        if ( c == '"' || c == '\\' )
            fprintf(out, "\\%c", c);
        else if ( c < 0x20 || c == 0x7f )
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void print_string(FILE *out, const char *key, const char *value)
{
    if ( !value )
        return;
    fprintf(out, "%s = ", key);
    print_quoted(out, value);
    fputc('\n', out);
}

static void print_list(FILE *out, const char *key,
                       const struct domain_string_list *l)
{
    size_t i;

    if ( !l->count )
        return;
    fprintf(out, "%s = [\n", key);
    for ( i = 0; i < l->count; i++ )
    {
        fputs("    ", out);
        print_quoted(out, l->items[i]);
        fputs(",\n", out);
    }
    fputs("]\n", out);
}

int domain_config_print(const struct domain_config *dc, FILE *out)
{
    print_string(out, "name", dc->name);
    print_string(out, "kernel", dc->kernel);
    print_string(out, "ramdisk", dc->ramdisk);
    print_string(out, "cmdline", dc->cmdline);
    fprintf(out, "memory = %" PRIu64 "\n", dc->memory_mib);
    fprintf(out, "maxmem = %" PRIu64 "\n", dc->maxmem_mib);
    fprintf(out, "vcpus = %u\n", dc->vcpus);
    fprintf(out, "maxvcpus = %u\n", dc->maxvcpus);
    print_string(out, "on_poweroff", domain_action_name(dc->on_poweroff));
    print_string(out, "on_reboot", domain_action_name(dc->on_reboot));
    print_string(out, "on_crash", domain_action_name(dc->on_crash));
    fprintf(out, "mcu_advance = %" PRIu32 "\n", dc->bvt.mcu_advance);
    fprintf(out, "warp = %" PRIu32 "\n", dc->bvt.warp);
    fprintf(out, "warp_limit = %" PRIu32 "\n", dc->bvt.warp_limit_us);
    fprintf(out, "unwarp = %" PRIu32 "\n", dc->bvt.unwarp_us);
    print_list(out, "disk", &dc->disks);
    print_list(out, "vif", &dc->vifs);
    return ferror(out) ? -EIO : 0;
}
