/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-page.h — the day's and the period's counts, charts,
 * tables by desk and operator, day-close report, exports and the audit
 * viewer. Supervisors and admins only. */
#pragma once

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_SUPERVISION_PAGE (sp_supervision_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSupervisionPage, sp_supervision_page, SP, SUPERVISION_PAGE, SpPage)

GtkWidget *sp_supervision_page_new (SpContext *context);

G_END_DECLS
