/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/hypercall/vm_assist.c with a fake current
 * domain (fake_guest.h): the types accepted set and clear their bit in
 * d->vm_assist, the others are -EINVAL and change nothing, the type is
 * checked before the command (Xen 4.17), an unknown command is -ENOSYS.
 */
#include "fake_guest.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/hypercall.h>

static long vm_assist(unsigned long cmd, unsigned long type)
{
    return do_vm_assist(cmd, type, 0, 0, 0);
}

static const unsigned int accepted[] = {
    VMASST_TYPE_4gb_segments, VMASST_TYPE_4gb_segments_notify,
    VMASST_TYPE_pae_extended_cr3, VMASST_TYPE_runstate_update_flag,
    VMASST_TYPE_m2p_strict,
};

TEST(accepted_types_set_and_clear_their_bit)
{
    unsigned int i;

    fake_guest_reset(0, true);
    for ( i = 0; i < ARRAY_SIZE(accepted); i++ )
    {
        CHECK_EQ(vm_assist(VMASST_CMD_enable, accepted[i]), 0);
        CHECK_EQ(fake_domain.vm_assist, 1UL << accepted[i]);
        CHECK_EQ(vm_assist(VMASST_CMD_enable, accepted[i]), 0);
        CHECK_EQ(vm_assist(VMASST_CMD_disable, accepted[i]), 0);
        CHECK_EQ(fake_domain.vm_assist, 0);
    }
}

TEST(refused_types_change_nothing)
{
    static const unsigned long refused[] = {
        VMASST_TYPE_writable_pagetables, VMASST_TYPE_architectural_iopl,
        6, 31, 33, 63, 64, 0xffffffffu,
    };
    unsigned int i;

    fake_guest_reset(0, true);
    fake_domain.vm_assist = 1UL << VMASST_TYPE_runstate_update_flag;
    for ( i = 0; i < ARRAY_SIZE(refused); i++ )
    {
        CHECK_EQ(vm_assist(VMASST_CMD_enable, refused[i]), -EINVAL);
        CHECK_EQ(vm_assist(VMASST_CMD_disable, refused[i]), -EINVAL);
    }
    CHECK_EQ(fake_domain.vm_assist, 1UL << VMASST_TYPE_runstate_update_flag);
}

TEST(type_checked_before_command)
{
    fake_guest_reset(0, true);
    CHECK_EQ(vm_assist(2, VMASST_TYPE_runstate_update_flag), -ENOSYS);
    CHECK_EQ(vm_assist(2, VMASST_TYPE_writable_pagetables), -EINVAL);
    CHECK_EQ(fake_domain.vm_assist, 0);
}

/* Xen 4.17 takes both as unsigned int. */
TEST(upper_halves_ignored)
{
    fake_guest_reset(0, true);
    CHECK_EQ(vm_assist((1UL << 32) | VMASST_CMD_enable,
                       (1UL << 32) | VMASST_TYPE_m2p_strict),
             0);
    CHECK_EQ(fake_domain.vm_assist, 1UL << VMASST_TYPE_m2p_strict);
}
