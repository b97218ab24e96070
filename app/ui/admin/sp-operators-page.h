/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-operators-page.h — admins manage operators and desks
 * (sp_page_reload() reads both lists again) */
#pragma once

#include <adwaita.h>

#include "sp-context.h"
#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_OPERATORS_PAGE (sp_operators_page_get_type ())

G_DECLARE_FINAL_TYPE (SpOperatorsPage, sp_operators_page, SP, OPERATORS_PAGE, SpPage)

GtkWidget *sp_operators_page_new (SpContext *context);

G_END_DECLS
