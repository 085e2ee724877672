/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control interface's permission check (xenolith/control.h) for tests
 * of code that asks it without the rest of hv/common/control/: the same
 * rule, the privileged domain.
 */
#include <xenolith/control.h>
#include <xenolith/domain.h>

bool control_permitted(const struct domain *d)
{
    return d->is_privileged;
}
