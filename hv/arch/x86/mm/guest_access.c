/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest memory access (contract in xenolith/guest_access.h). */
#include <asm/memlayout.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>

static bool canonical(uint64_t va)
{
    return ((int64_t)(va << 16) >> 16) == (int64_t)va;
}

bool guest_range_ok(uint64_t va, size_t len)
{
    uint64_t last = va + len - 1;

    if ( len == 0 )
        return true;
    if ( last < va || !canonical(va) || !canonical(last) )
        return false;
    /* Both ends canonical and no wrap: the range is on one side of the hole. */
    return last < HV_VIRT_START || va >= HV_VIRT_END;
}

int copy_from_guest(void *dst, uint64_t src, size_t len)
{
    if ( !guest_range_ok(src, len) )
        return -EFAULT;
    return raw_copy_checked(dst, (const void *)src, len) ? -EFAULT : 0;
}

int copy_to_guest(uint64_t dst, const void *src, size_t len)
{
    if ( !guest_range_ok(dst, len) )
        return -EFAULT;
    return raw_copy_checked((void *)dst, src, len) ? -EFAULT : 0;
}

int copy_string_from_guest(char *dst, uint64_t src, size_t max)
{
    size_t i;

    for ( i = 0; i + 1 < max; i++ )
    {
        if ( copy_from_guest(&dst[i], src + i, 1) )
            return -EFAULT;
        if ( dst[i] == '\0' )
            return (int)i;
    }
    dst[i] = '\0';
    return -E2BIG;
}
