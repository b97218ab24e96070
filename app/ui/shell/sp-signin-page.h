/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-signin-page.h — choose the desk, type username and password */
#pragma once

#include <adwaita.h>

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_SIGNIN_PAGE (sp_signin_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSigninPage, sp_signin_page, SP, SIGNIN_PAGE, SpPage)

SpSigninPage *sp_signin_page_new   (SpContext    *context,
                                    GSettings    *settings);
/* Reloads the desks, clears the password, and shows "locked" when the
 * session is locked. */
void          sp_signin_page_reset (SpSigninPage *self);

G_END_DECLS
