/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between the two halves of the memory_op test kernel. */
#ifndef TEST_MEMORY_OP_H
#define TEST_MEMORY_OP_H

#include <guest/xen.h>

/* memory_op(cmd, &domid): the reservation queries. */
long memop_query(unsigned int cmd, domid_t domid);

/* The reservation checks (reservation.c). */
void check_reservations(void);

#endif /* TEST_MEMORY_OP_H */
