/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct ctl_hv through Linux's Xen devices (contract in ctl_hv_linux.h).
 *
 * Hypercalls go through privcmd, which issues them with this process's
 * pointers: the hypervisor reads and writes them through dom0's page
 * tables, so they must be resident (xl_main mlocks the process).
 * Foreign mappings: mmap a range of the privcmd device, then
 * MMAPBATCH_V2 fills it with the domain's frames; munmap drops them.
 * Event channels: the evtchn device binds ports for this process; read()
 * returns fired ports (masked until written back), poll() waits.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ctl_hv_linux.h"

/* Linux's device headers use Xen's types without including them. */
#include <linux/types.h>
#include <xen/sys/evtchn.h>
#include <xen/sys/privcmd.h>

#define PAGE_BYTES 4096UL

static int privcmd_fd = -1;
static int evtchn_fd = -1;

static int open_once(int *fd, const char *path)
{
    if ( *fd < 0 )
        *fd = open(path, O_RDWR | O_CLOEXEC);
    return *fd < 0 ? -errno : 0;
}

static long linux_hypercall(const struct ctl_hv *hv, unsigned int op,
                            uint64_t a1, uint64_t a2, uint64_t a3,
                            uint64_t a4, uint64_t a5)
{
    privcmd_hypercall_t call = { .op = op, .arg = { a1, a2, a3, a4, a5 } };
    int rc = open_once(&privcmd_fd, "/dev/xen/privcmd");
    long r;

    if ( rc )
        return rc;
    r = ioctl(privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &call);
    return r < 0 ? -errno : r;
}

static void *linux_map_foreign(const struct ctl_hv *hv, domid_t domid,
                               const xen_pfn_t *mfns, unsigned int n,
                               int *rc)
{
    privcmd_mmapbatch_v2_t batch = { .num = n, .dom = domid, .arr = mfns };
    int *errs = NULL;
    void *addr = MAP_FAILED;
    unsigned int i;

    *rc = open_once(&privcmd_fd, "/dev/xen/privcmd");
    if ( *rc )
        return NULL;
    errs = calloc(n, sizeof(*errs));
    if ( !errs )
    {
        *rc = -ENOMEM;
        return NULL;
    }
    addr = mmap(NULL, n * PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED,
                privcmd_fd, 0);
    if ( addr == MAP_FAILED )
    {
        *rc = -errno;
        goto out;
    }
    batch.addr = (uintptr_t)addr;
    batch.err = errs;
    *rc = ioctl(privcmd_fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &batch) < 0 ? -errno
                                                                   : 0;
    /* Linux reports each frame's error in errs[], the ioctl only -ENOENT. */
    for ( i = 0; i < n && (*rc == 0 || *rc == -ENOENT); i++ )
        if ( errs[i] )
            *rc = errs[i] < 0 ? errs[i] : -errs[i];
    if ( *rc )
    {
        munmap(addr, n * PAGE_BYTES);
        addr = MAP_FAILED;
    }
 out:
    free(errs);
    return addr == MAP_FAILED ? NULL : addr;
}

static void linux_unmap_foreign(const struct ctl_hv *hv, void *addr,
                                unsigned int n)
{
    munmap(addr, n * PAGE_BYTES);
}

static int linux_evtchn_bind(const struct ctl_hv *hv, domid_t domid,
                             evtchn_port_t remote_port, evtchn_port_t *local)
{
    struct ioctl_evtchn_bind_interdomain bind = {
        .remote_domain = domid,
        .remote_port = remote_port,
    };
    int rc = open_once(&evtchn_fd, "/dev/xen/evtchn");

    if ( rc )
        return rc;
    rc = ioctl(evtchn_fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &bind);
    if ( rc < 0 )
        return -errno;
    *local = (evtchn_port_t)rc;
    return 0;
}

static int linux_evtchn_notify(const struct ctl_hv *hv, evtchn_port_t local)
{
    struct ioctl_evtchn_notify notify = { .port = local };

    if ( evtchn_fd < 0 )
        return -EBADF;
    return ioctl(evtchn_fd, IOCTL_EVTCHN_NOTIFY, &notify) < 0 ? -errno : 0;
}

/* Read one fired port and unmask it (the device masks it on delivery). */
static int take_fired_port(evtchn_port_t *port)
{
    evtchn_port_t p;

    if ( read(evtchn_fd, &p, sizeof(p)) != sizeof(p) )
        return -errno;
    if ( write(evtchn_fd, &p, sizeof(p)) != sizeof(p) )
        return -errno;
    *port = p;
    return CTL_EVTCHN_FIRED;
}

static int linux_evtchn_wait(const struct ctl_hv *hv, int input_fd,
                             int timeout_ms, evtchn_port_t *port)
{
    struct pollfd fds[2] = {
        { .fd = evtchn_fd, .events = POLLIN },
        { .fd = input_fd, .events = POLLIN },
    };
    int r;

    if ( evtchn_fd < 0 )
        return -EBADF;
    r = poll(fds, input_fd >= 0 ? 2 : 1, timeout_ms);
    if ( r < 0 )
        return errno == EINTR ? CTL_EVTCHN_TIMEOUT : -errno;
    if ( fds[0].revents & POLLIN )
        return take_fired_port(port);
    if ( input_fd >= 0 && fds[1].revents )
        return CTL_EVTCHN_INPUT;
    return CTL_EVTCHN_TIMEOUT;
}

static void linux_evtchn_unbind(const struct ctl_hv *hv, evtchn_port_t local)
{
    struct ioctl_evtchn_unbind unbind = { .port = local };

    if ( evtchn_fd >= 0 )
        ioctl(evtchn_fd, IOCTL_EVTCHN_UNBIND, &unbind);
}

const struct ctl_hv ctl_hv_linux = {
    .hypercall = linux_hypercall,
    .map_foreign = linux_map_foreign,
    .unmap_foreign = linux_unmap_foreign,
    .evtchn_bind = linux_evtchn_bind,
    .evtchn_notify = linux_evtchn_notify,
    .evtchn_wait = linux_evtchn_wait,
    .evtchn_unbind = linux_evtchn_unbind,
};
