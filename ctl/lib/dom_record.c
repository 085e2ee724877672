/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domain records (contract in dom_record.h): "key value" lines, written
 * to a temporary file and renamed, so a reader never sees half a record.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dom_record.h"

static void record_path(char *buf, size_t len, const char *dir,
                        domid_t domid)
{
    snprintf(buf, len, "%s/%u", dir, (unsigned int)domid);
}

static void format_handle(char *buf, const xen_domain_handle_t h)
{
    unsigned int i;

    for ( i = 0; i < sizeof(xen_domain_handle_t); i++ )
        sprintf(buf + 2 * i, "%02x", h[i]);
}

static int parse_handle(const char *s, xen_domain_handle_t h)
{
    unsigned int i, byte;

    if ( strlen(s) != 2 * sizeof(xen_domain_handle_t) )
        return -EINVAL;
    for ( i = 0; i < sizeof(xen_domain_handle_t); i++ )
    {
        if ( sscanf(s + 2 * i, "%2x", &byte) != 1 )
            return -EINVAL;
        h[i] = (uint8_t)byte;
    }
    return 0;
}

int dom_record_write(const char *dir, domid_t domid,
                     const struct dom_record *rec)
{
    char path[512], tmp[520], handle[2 * sizeof(xen_domain_handle_t) + 1];
    FILE *f;
    int rc = 0;

    if ( mkdir(dir, 0700) && errno != EEXIST )
        return -errno;
    record_path(path, sizeof(path), dir, domid);
    snprintf(tmp, sizeof(tmp), "%s.new", path);
    f = fopen(tmp, "w");
    if ( !f )
        return -errno;
    format_handle(handle, rec->handle);
    fprintf(f, "name %s\nuuid %s\nconsole_mfn %lu\nconsole_evtchn %u\n"
            "store_mfn %lu\nstore_evtchn %u\non_poweroff %s\n", rec->name,
            handle, (unsigned long)rec->console_mfn, rec->console_evtchn,
            (unsigned long)rec->store_mfn, rec->store_evtchn,
            rec->destroy_on_poweroff ? "destroy" : "preserve");
    if ( ferror(f) )
        rc = -EIO;
    if ( fclose(f) && !rc )
        rc = -errno;
    if ( !rc && rename(tmp, path) )
        rc = -errno;
    if ( rc )
        unlink(tmp);
    return rc;
}

static int parse_line(struct dom_record *rec, const char *key,
                      const char *value, unsigned int *seen)
{
    char *end;
    unsigned long v = strtoul(value, &end, 10);
    bool number = *value && !*end;

    if ( !strcmp(key, "name") && strlen(value) < sizeof(rec->name) )
        strcpy(rec->name, value);
    else if ( !strcmp(key, "uuid") && !parse_handle(value, rec->handle) )
        ;
    else if ( !strcmp(key, "console_mfn") && number )
        rec->console_mfn = v;
    else if ( !strcmp(key, "console_evtchn") && number )
        rec->console_evtchn = (evtchn_port_t)v;
    else if ( !strcmp(key, "store_mfn") && number )
        rec->store_mfn = v;
    else if ( !strcmp(key, "store_evtchn") && number )
        rec->store_evtchn = (evtchn_port_t)v;
    else if ( !strcmp(key, "on_poweroff") )
        rec->destroy_on_poweroff = !strcmp(value, "destroy");
    else
        return -EINVAL;
    (*seen)++;
    return 0;
}

int dom_record_read(const char *dir, domid_t domid, struct dom_record *rec)
{
    char path[512], line[256], key[32], value[200];
    unsigned int seen = 0;
    FILE *f;
    int rc = 0;

    memset(rec, 0, sizeof(*rec));
    record_path(path, sizeof(path), dir, domid);
    f = fopen(path, "r");
    if ( !f )
        return -errno;
    while ( !rc && fgets(line, sizeof(line), f) )
    {
        if ( sscanf(line, "%31s %199s", key, value) != 2 )
            rc = -EINVAL;
        else
            rc = parse_line(rec, key, value, &seen);
    }
    fclose(f);
    return rc ? rc : seen == 7 ? 0 : -EINVAL;
}

void dom_record_remove(const char *dir, domid_t domid)
{
    char path[512];

    record_path(path, sizeof(path), dir, domid);
    unlink(path);
}

int dom_record_find(const char *dir, const char *name, domid_t *domid)
{
    struct dom_record rec;
    struct dirent *e;
    DIR *d = opendir(dir);
    unsigned long id;
    char *end;
    int found = 0;

    if ( !d )
        return -ENOENT;
    while ( (e = readdir(d)) )
    {
        id = strtoul(e->d_name, &end, 10);
        if ( *end || end == e->d_name || id >= DOMID_FIRST_RESERVED ||
             dom_record_read(dir, (domid_t)id, &rec) ||
             strcmp(rec.name, name) )
            continue;
        *domid = (domid_t)id;
        found++;
    }
    closedir(d);
    return found == 1 ? 0 : found ? -EEXIST : -ENOENT;
}
