/* SPDX-License-Identifier: GPL-2.0-only */
/* Starting boot-time domains (xenolith/boot_domains.h). */
#include <asm/domain_build.h>
#include <asm/page.h>
#include <xenolith/boot_domains.h>
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/lib.h>

/* Domain domid from module m (index), as cfg says; true if it runs. */
static bool build_one(const struct boot_module *m, unsigned int index,
                      const struct boot_domain_config *cfg, domid_t domid,
                      bool quiet)
{
    struct pv_domain_spec spec;
    char name[16];
    struct domain *d;

    snprintf(name, sizeof(name), "d%u", domid);
    spec = (struct pv_domain_spec){
        .name = name,
        .domid = domid,
        .privileged = false,
        .quiet = quiet,
        .kernel = m,
        .initrd = NULL,
        .nr_pages = cfg->mem_bytes >> PAGE_SHIFT,
        .cmdline = cfg->guest_cmdline,
    };
    if ( pv_domain_build(&spec, &d) )
    {
        printk(XENLOG_ERR "module %u: domain %u not started\n", index, domid);
        return false;
    }
    if ( !quiet )
        printk("Boot-time domain %u from module %u: %lu MiB\n", domid, index,
               cfg->mem_bytes >> 20);
    return true;
}

unsigned int boot_domains_build(const struct boot_info *bi, unsigned int first)
{
    struct boot_domain_config cfg;
    const char *why = "";
    unsigned int i, n, built = 0;
    domid_t domid = 1;

    for ( i = first; i < bi->nr_modules; i++ )
    {
        if ( !boot_domain_requested(bi->modules[i].cmdline) )
            continue;
        if ( boot_domain_parse(bi->modules[i].cmdline, &cfg, &why) )
        {
            printk(XENLOG_ERR "module %u: not started: %s\n", i, why);
            continue;
        }
        for ( n = 0; n < cfg.count && domid < DOMID_FIRST_RESERVED; n++ )
        {
            /* Many copies: the first is reported in full, the rest not. */
            if ( !build_one(&bi->modules[i], i, &cfg, domid, n > 0) )
                break;
            built++;
            domid++;
        }
        if ( cfg.count > 1 )
            printk("Boot-time domains %u-%u from module %u: %u of %u "
                   "started, %lu MiB each\n", domid - n, domid - 1, i, n,
                   cfg.count, cfg.mem_bytes >> 20);
    }
    return built;
}
