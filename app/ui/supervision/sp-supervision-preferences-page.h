/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-preferences-page.h — the comune's settings for
 * supervision: the separator of CSV exports and how long the personal data
 * of closed cases is kept. Stored in the database (shared by every desk),
 * audited; supervisors see them, only administrators change them. */
#pragma once

#include "sp-preferences-page.h"

G_BEGIN_DECLS

#define SP_TYPE_SUPERVISION_PREFERENCES_PAGE (sp_supervision_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSupervisionPreferencesPage, sp_supervision_preferences_page, SP, SUPERVISION_PREFERENCES_PAGE, SpPreferencesPage)

GtkWidget *sp_supervision_preferences_page_new (SpContext *context);

G_END_DECLS
