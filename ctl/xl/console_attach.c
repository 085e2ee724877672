/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl console's backend, in the xl process (cmd_console_attach in xl.h):
 * what xenconsoled and xenconsole do together on Xen
 * (tools/console/daemon/io.c, tools/console/client/main.c), for one
 * domain while a user is attached. Map the domain's console ring (its
 * record names the frame and the domU's unbound port), bind an
 * interdomain event channel to that port, then copy the ring's output to
 * our output and our input to the ring, notifying the domain each time,
 * until Ctrl-] (xenconsole's escape), end of input, or the domain's
 * shutdown or death. Closing the channel leaves the domain's port
 * unbound again, so the next attach binds it afresh.
 *
 * While no one is attached the domain's output waits in its ring (2 KiB);
 * a guest that fills it waits for the next attach, as with a stopped
 * xenconsoled.
 */
#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "console_ring.h"
#include "dom_record.h"
#include "xl.h"

#define CONSOLE_ESCAPE    0x1d      /* Ctrl-] */
#define CONSOLE_POLL_MS   200       /* how often the domain's state is read */

struct attach {
    struct cmd_context *ctx;
    domid_t domid;
    void *mapping;                              /* the ring's page */
    volatile struct xencons_interface *ring;    /* the domain writes it */
    evtchn_port_t local_port;
    struct termios saved_tty;
    bool tty_raw;
};

/* Input byte by byte, no echo, no signals: the guest's to interpret. */
static void terminal_raw(struct attach *a)
{
    struct termios t;
    int fd = a->ctx->io->in_fd;

    if ( fd < 0 || !isatty(fd) || tcgetattr(fd, &a->saved_tty) )
        return;
    t = a->saved_tty;
    t.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
    t.c_iflag &= ~(ICRNL | IXON | INLCR);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    a->tty_raw = tcsetattr(fd, TCSANOW, &t) == 0;
}

static void terminal_restore(struct attach *a)
{
    if ( a->tty_raw )
        tcsetattr(a->ctx->io->in_fd, TCSANOW, &a->saved_tty);
}

/* Copy the ring's output to ours; tell the domain there is room again. */
static void drain_output(struct attach *a)
{
    const struct ctl_hv *hv = a->ctx->io->hv;
    char buf[512];
    size_t n, total = 0;

    while ( (n = console_ring_read(a->ring, buf, sizeof(buf))) > 0 )
    {
        fwrite(buf, 1, n, a->ctx->io->out);
        total += n;
    }
    fflush(a->ctx->io->out);
    if ( total )
        hv->evtchn_notify(hv, a->local_port);
}

/* Our input to the ring. Returns false at Ctrl-] or end of input. */
static bool forward_input(struct attach *a)
{
    const struct ctl_hv *hv = a->ctx->io->hv;
    char buf[256], *escape;
    ssize_t n = read(a->ctx->io->in_fd, buf, sizeof(buf));
    size_t len;

    if ( n <= 0 )
        return n < 0 && errno == EINTR;
    escape = memchr(buf, CONSOLE_ESCAPE, (size_t)n);
    len = escape ? (size_t)(escape - buf) : (size_t)n;
    /* A full ring drops the rest, as xenconsoled's buffer limit does. */
    if ( len && console_ring_write(a->ring, buf, len) )
        hv->evtchn_notify(hv, a->local_port);
    return !escape;
}

/* Still worth watching: the domain exists and has not shut down. */
static bool domain_alive(struct attach *a)
{
    struct xen_domctl_getdomaininfo info;

    return ctl_domain_info(a->ctx->io->hv, a->domid, &info) == 0 &&
           !(info.flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown));
}

static int serve(struct attach *a)
{
    const struct ctl_hv *hv = a->ctx->io->hv;
    evtchn_port_t port;
    int r;

    hv->evtchn_notify(hv, a->local_port);
    for ( ;; )
    {
        drain_output(a);
        r = hv->evtchn_wait(hv, a->ctx->io->in_fd, CONSOLE_POLL_MS, &port);
        if ( r < 0 )
            return cmd_hypercall_failed(a->ctx, "waiting for events", r);
        if ( r == CTL_EVTCHN_INPUT && !forward_input(a) )
            break;
        if ( r == CTL_EVTCHN_TIMEOUT && !domain_alive(a) )
            break;
    }
    drain_output(a);
    return XL_EXIT_OK;
}

/* The domain's console record, if it is this very domain's. */
static bool find_console(struct cmd_context *ctx, domid_t domid,
                         struct dom_record *rec)
{
    struct xen_domctl_getdomaininfo info;
    long rc = ctl_domain_info(ctx->io->hv, domid, &info);

    if ( rc )
    {
        cmd_hypercall_failed(ctx, "DOMCTL_getdomaininfo", rc);
        return false;
    }
    if ( !ctx->io->state_dir ||
         dom_record_read(ctx->io->state_dir, domid, rec) ||
         memcmp(rec->handle, info.handle, sizeof(rec->handle)) )
    {
        fprintf(ctx->io->err, "xl %s: domain %u has no console this xl "
                "knows of (not created by xl create)\n", ctx->spec->name,
                (unsigned int)domid);
        return false;
    }
    return true;
}

int cmd_console_attach(struct cmd_context *ctx, domid_t domid)
{
    const struct ctl_hv *hv = ctx->io->hv;
    struct attach a = { .ctx = ctx, .domid = domid };
    struct dom_record rec;
    int rc = 0, status;

    if ( !find_console(ctx, domid, &rec) )
        return XL_EXIT_FAILURE;
    a.mapping = hv->map_foreign(hv, domid, &rec.console_mfn, 1, &rc);
    a.ring = a.mapping;
    if ( !a.mapping )
        return cmd_hypercall_failed(ctx, "mapping the console ring", rc);
    rc = hv->evtchn_bind(hv, domid, rec.console_evtchn, &a.local_port);
    if ( rc )
    {
        hv->unmap_foreign(hv, a.mapping, 1);
        return cmd_hypercall_failed(ctx, "binding the console's event "
                                    "channel", rc);
    }
    terminal_raw(&a);
    status = serve(&a);
    terminal_restore(&a);
    hv->evtchn_unbind(hv, a.local_port);
    hv->unmap_foreign(hv, a.mapping, 1);
    return status;
}
