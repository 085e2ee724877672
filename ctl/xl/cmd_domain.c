/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains as the commands name them: an id, or a name from the records
 * xl create writes (dom_record.h), checked against the live domain's
 * UUID so a record left by a domain whose id was reused is never taken
 * for the new one. Xen's xl finds names in xenstore; there is none here.
 */
#include <errno.h>
#include <string.h>

#include "dom_record.h"
#include "xl.h"

int cmd_hypercall_failed(struct cmd_context *ctx, const char *what, long rc)
{
    fprintf(ctx->io->err, "xl %s: %s: %s\n", ctx->spec->name, what,
            strerror((int)-rc));
    return XL_EXIT_FAILURE;
}

static bool record_matches(struct cmd_context *ctx, domid_t domid,
                           struct dom_record *rec,
                           const struct xen_domctl_getdomaininfo *info)
{
    return ctx->io->state_dir &&
           dom_record_read(ctx->io->state_dir, domid, rec) == 0 &&
           !memcmp(rec->handle, info->handle, sizeof(rec->handle));
}

const char *cmd_domain_name(struct cmd_context *ctx,
                            const struct xen_domctl_getdomaininfo *info,
                            char *buf, size_t len)
{
    struct dom_record rec;

    if ( info->domain == 0 )
        return "Domain-0";
    if ( !record_matches(ctx, info->domain, &rec, info) )
        return NULL;
    snprintf(buf, len, "%s", rec.name);
    return buf;
}

bool cmd_resolve_domain(struct cmd_context *ctx,
                        const struct xl_domain_ref *ref, domid_t *domid)
{
    struct xen_domctl_getdomaininfo info;
    struct dom_record rec;
    long rc;

    if ( ref->by_id )
        *domid = (domid_t)ref->domid;
    else if ( !strcmp(ref->name, "Domain-0") )
        *domid = 0;
    else if ( !ctx->io->state_dir ||
              dom_record_find(ctx->io->state_dir, ref->name, domid) )
    {
        fprintf(ctx->io->err, "xl %s: no domain named `%s'\n",
                ctx->spec->name, ref->name);
        return false;
    }
    rc = ctl_domain_info(ctx->io->hv, *domid, &info);
    if ( rc == -ESRCH )
    {
        fprintf(ctx->io->err, "xl %s: domain %u does not exist\n",
                ctx->spec->name, (unsigned int)*domid);
        return false;
    }
    if ( rc )
    {
        cmd_hypercall_failed(ctx, "domctl getdomaininfo", rc);
        return false;
    }
    if ( !ref->by_id && *domid && !record_matches(ctx, *domid, &rec, &info) )
    {
        fprintf(ctx->io->err, "xl %s: no domain named `%s' (its record is "
                "stale)\n", ctx->spec->name, ref->name);
        return false;
    }
    return true;
}
