/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the toolstack remembers of each domain it created, in one small
 * text file per domain under a state directory (XL_STATE_DIR in dom0,
 * a temporary directory in tests): its name, UUID, console and store
 * pages and event channels, and what to do on poweroff. On Xen this lives
 * in xenstore; Xenolith's dom0 has no xenstore yet. A record whose UUID
 * differs from the live domain's is stale (the id was reused) and
 * ignored.
 */
#ifndef CTL_LIB_DOM_RECORD_H
#define CTL_LIB_DOM_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/event_channel.h>

#define DOM_RECORD_NAME_MAX 64

struct dom_record {
    char name[DOM_RECORD_NAME_MAX];     /* printable, no spaces */
    xen_domain_handle_t handle;
    xen_pfn_t console_mfn;
    evtchn_port_t console_evtchn;
    xen_pfn_t store_mfn;
    evtchn_port_t store_evtchn;
    bool destroy_on_poweroff;
};

/* Write dir/<domid> (creating dir). Returns 0 or -errno. */
int dom_record_write(const char *dir, domid_t domid,
                     const struct dom_record *rec);

/* Read dir/<domid>. Returns 0, -ENOENT (none) or -EINVAL (malformed). */
int dom_record_read(const char *dir, domid_t domid, struct dom_record *rec);

/* Remove dir/<domid>, if there. */
void dom_record_remove(const char *dir, domid_t domid);

/*
 * The domid of the record named name; -ENOENT if none, -EEXIST if
 * several (a stale one, typically: the caller checks UUIDs).
 */
int dom_record_find(const char *dir, const char *name, domid_t *domid);

#endif /* CTL_LIB_DOM_RECORD_H */
