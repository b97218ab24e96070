/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identify-page.h — the Identify section: the guided SPID flow
 *
 * Citizen → document → health card → contacts and consent → checks →
 * summary → receipt. Each step validates as the clerk types (the rules
 * are core's, sp_identification_check), shows what is wrong next to the
 * field, and Next stays disabled while a mandatory item is missing. Refuse
 * is available at every step. The draft is saved as the clerk types, and
 * the page offers to resume a draft left at this desk.
 */
#pragma once

#include <adwaita.h>

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_IDENTIFY_PAGE (sp_identify_page_get_type ())

G_DECLARE_FINAL_TYPE (SpIdentifyPage, sp_identify_page, SP, IDENTIFY_PAGE, SpPage)

/* Returns a GtkWidget so that it fits the sections table directly. */
GtkWidget *sp_identify_page_new (SpContext *context);

G_END_DECLS
