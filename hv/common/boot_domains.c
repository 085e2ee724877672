/* SPDX-License-Identifier: GPL-2.0-only */
/* Starting boot-time domains (xenolith/boot_domains.h). */
#include <asm/domain_build.h>
#include <asm/page.h>
#include <xenolith/boot_domains.h>
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/lib.h>

static bool build_one(const struct boot_module *m, unsigned int index,
                      domid_t domid)
{
    struct boot_domain_config cfg;
    struct pv_domain_spec spec;
    const char *why = "";
    char name[16];
    struct domain *d;

    if ( boot_domain_parse(m->cmdline, &cfg, &why) )
    {
        printk(XENLOG_ERR "module %u: not started: %s\n", index, why);
        return false;
    }
    snprintf(name, sizeof(name), "d%u", domid);
    spec = (struct pv_domain_spec){
        .name = name,
        .domid = domid,
        .privileged = false,
        .kernel = m,
        .initrd = NULL,
        .nr_pages = cfg.mem_bytes >> PAGE_SHIFT,
        .cmdline = cfg.guest_cmdline,
    };
    if ( pv_domain_build(&spec, &d) )
    {
        printk(XENLOG_ERR "module %u: domain %u not started\n", index, domid);
        return false;
    }
    printk("Boot-time domain %u from module %u: %lu MiB\n", domid, index,
           cfg.mem_bytes >> 20);
    return true;
}

unsigned int boot_domains_build(const struct boot_info *bi, unsigned int first)
{
    unsigned int i, built = 0;
    domid_t domid = 1;

    for ( i = first; i < bi->nr_modules; i++ )
    {
        if ( !boot_domain_requested(bi->modules[i].cmdline) )
            continue;
        if ( build_one(&bi->modules[i], i, domid) )
        {
            built++;
            domid++;
        }
    }
    return built;
}
