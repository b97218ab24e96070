/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-counter-services-page.h — the comune's list of other counter
 * services, in Preferences: add, rename, shortcut, order, on and off.
 * Stored in the database (shared by every desk), audited; for
 * administrators only. */
#pragma once

#include <adwaita.h>

#include "sp-context.h"
#include "sp-preferences-page.h"

G_BEGIN_DECLS

#define SP_TYPE_COUNTER_SERVICES_PAGE (sp_counter_services_page_get_type ())

G_DECLARE_FINAL_TYPE (SpCounterServicesPage, sp_counter_services_page, SP, COUNTER_SERVICES_PAGE, SpPreferencesPage)

GtkWidget *sp_counter_services_page_new (SpContext *context);

G_END_DECLS
