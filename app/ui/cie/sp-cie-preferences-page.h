/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-preferences-page.h — the comune's settings for the CIE counter:
 * patron saint's day, no-show grace period, fee table, office address and
 * what to bring per service. Stored in the database (shared by every desk),
 * audited; only administrators change them. */
#pragma once

#include <adwaita.h>

#include "sp-context.h"
#include "sp-preferences-page.h"

G_BEGIN_DECLS

#define SP_TYPE_CIE_PREFERENCES_PAGE (sp_cie_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (SpCiePreferencesPage, sp_cie_preferences_page, SP, CIE_PREFERENCES_PAGE, SpPreferencesPage)

GtkWidget *sp_cie_preferences_page_new (SpContext *context);

G_END_DECLS
