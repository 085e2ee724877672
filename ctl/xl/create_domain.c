/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl create's second half: from a checked configuration to a running
 * domain, as libxl's domain creation does for a PV guest. Read the kernel
 * (and ramdisk), build the domain (dom_build.h), record it
 * (dom_record.h), give it its BVT parameters when the hypervisor
 * schedules with BVT, and unpause it unless asked not to. A failure
 * after the build destroys the domain: a failed create leaves nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "create_domain.h"
#include "dom_build.h"
#include "dom_record.h"
#include "sched_bvt.h"

/* A kernel or ramdisk bigger than this is refused before it is read. */
#define IMAGE_FILE_MAX (256u << 20)

static void *read_image(struct cmd_context *ctx, const char *what,
                        const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size = 0;

    if ( !f )
    {
        fprintf(ctx->io->err, "xl create: can't open %s `%s': %s\n", what,
                path, strerror(errno));
        return NULL;
    }
    if ( fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
         fseek(f, 0, SEEK_SET) || (unsigned long)size > IMAGE_FILE_MAX ||
         !(buf = malloc(size ? (size_t)size : 1)) ||
         fread(buf, 1, (size_t)size, f) != (size_t)size )
    {
        fprintf(ctx->io->err, "xl create: can't read %s `%s'%s\n", what,
                path, size > (long)IMAGE_FILE_MAX ? ": larger than 256 MiB"
                                                  : "");
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)size : 0;
    return buf;
}

/* A random (version 4) UUID for the domain handle. */
static void new_handle(xen_domain_handle_t handle)
{
    size_t i;

    if ( getrandom(handle, sizeof(xen_domain_handle_t), 0) !=
         (ssize_t)sizeof(xen_domain_handle_t) )
        for ( i = 0; i < sizeof(xen_domain_handle_t); i++ )
            handle[i] = (uint8_t)rand();
    handle[6] = (handle[6] & 0x0f) | 0x40;
    handle[8] = (handle[8] & 0x3f) | 0x80;
}

static int record_domain(struct cmd_context *ctx,
                         const struct domain_config *dc,
                         const struct dom_build_request *req,
                         const struct dom_build_result *res)
{
    struct dom_record rec = {
        .console_mfn = res->console_mfn,
        .console_evtchn = res->console_evtchn,
        .store_mfn = res->store_mfn,
        .store_evtchn = res->store_evtchn,
        .destroy_on_poweroff = dc->on_poweroff == DOMAIN_ACTION_DESTROY,
    };
    int rc;

    snprintf(rec.name, sizeof(rec.name), "%s", dc->name);
    memcpy(rec.handle, req->handle, sizeof(rec.handle));
    rc = ctx->io->state_dir
         ? dom_record_write(ctx->io->state_dir, res->domid, &rec) : 0;
    if ( rc )
        fprintf(ctx->io->err, "xl create: can't record domain %u in %s: "
                "%s\n", (unsigned int)res->domid, ctx->io->state_dir,
                strerror(-rc));
    return rc;
}

/* The record, BVT parameters and unpause: what follows a good build. */
static int start_domain(struct cmd_context *ctx,
                        const struct domain_config *dc,
                        const struct dom_build_request *req,
                        const struct dom_build_result *res, bool paused)
{
    long rc = record_domain(ctx, dc, req, res);

    if ( !rc )
        rc = sched_bvt_apply_config(ctx, res->domid, &dc->bvt);
    if ( !rc && !paused )
    {
        rc = ctl_domctl_simple(ctx->io->hv, XEN_DOMCTL_unpausedomain,
                               res->domid);
        if ( rc )
            cmd_hypercall_failed(ctx, "DOMCTL_unpausedomain", rc);
    }
    return (int)rc;
}

int create_domain(struct cmd_context *ctx, const struct domain_config *dc,
                  bool paused, domid_t *domid)
{
    struct dom_build_request req = {
        .cmdline = dc->cmdline,
        .memory_kib = dc->memory_mib << 10,
        .maxmem_kib = dc->maxmem_mib << 10,
        .max_vcpus = dc->maxvcpus,
    };
    struct dom_build_result res;
    void *kernel = NULL, *ramdisk = NULL;
    char why[256];
    int rc = XL_EXIT_FAILURE;

    kernel = read_image(ctx, "kernel", dc->kernel, &req.kernel_size);
    if ( !kernel )
        goto out;
    if ( dc->ramdisk &&
         !(ramdisk = read_image(ctx, "ramdisk", dc->ramdisk,
                                &req.ramdisk_size)) )
        goto out;
    req.kernel = kernel;
    req.ramdisk = ramdisk;
    new_handle(req.handle);

    if ( dom_build(ctx->io->hv, &req, &res, why, sizeof(why)) )
    {
        fprintf(ctx->io->err, "xl create: %s: %s\n", dc->kernel, why);
        goto out;
    }
    if ( start_domain(ctx, dc, &req, &res, paused) )
    {
        ctl_domain_destroy(ctx->io->hv, res.domid);
        if ( ctx->io->state_dir )
            dom_record_remove(ctx->io->state_dir, res.domid);
        goto out;
    }
    *domid = res.domid;
    rc = XL_EXIT_OK;
 out:
    free(kernel);
    free(ramdisk);
    return rc;
}
