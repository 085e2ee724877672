/* SPDX-License-Identifier: GPL-2.0-only */
/* xl create's domain creation (create_domain.c). */
#ifndef CTL_XL_CREATE_DOMAIN_H
#define CTL_XL_CREATE_DOMAIN_H

#include "domain_config.h"
#include "xl.h"

/*
 * Create, record and (unless paused) start the domain dc describes.
 * Context: xl create, with ctx->io->hv set. Prints every error.
 * Returns XL_EXIT_OK with *domid set, or XL_EXIT_FAILURE with no domain
 * and no record left behind.
 */
int create_domain(struct cmd_context *ctx, const struct domain_config *dc,
                  bool paused, domid_t *domid);

#endif /* CTL_XL_CREATE_DOMAIN_H */
