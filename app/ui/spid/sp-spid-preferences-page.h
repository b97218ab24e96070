/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spid-preferences-page.h — Preferences for SPID identification: the
 * comune's outgoing mail server, minors, the activation deadline, the
 * seal certificate (sp-seal-group.c), the outbox. Comune-wide: stored in
 * the database, audited, admins only. */
#pragma once

#include <adwaita.h>

#include "sp-preferences-page.h"

G_BEGIN_DECLS

#define SP_TYPE_SPID_PREFERENCES_PAGE (sp_spid_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSpidPreferencesPage, sp_spid_preferences_page, SP, SPID_PREFERENCES_PAGE, SpPreferencesPage)

GtkWidget *sp_spid_preferences_page_new (SpContext *context);

G_END_DECLS
