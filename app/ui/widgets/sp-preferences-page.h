/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-page.h — the base of the pages of Preferences
 *
 * Each page of the Preferences window (SPID, CIE, Supervision, counter
 * services) holds the context it was made with, says things with the
 * window's toasts and saves comune settings the one audited way.
 */
#pragma once

#include <adwaita.h>

#include "sp-context.h"

G_BEGIN_DECLS

#define SP_TYPE_PREFERENCES_PAGE (sp_preferences_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (SpPreferencesPage, sp_preferences_page, SP, PREFERENCES_PAGE, AdwPreferencesPage)

struct _SpPreferencesPageClass
{
  AdwPreferencesPageClass parent_class;

  gpointer padding[8];
};

SpContext *sp_preferences_page_get_context   (SpPreferencesPage  *self);
SpStore   *sp_preferences_page_get_store     (SpPreferencesPage  *self);
void       sp_preferences_page_show_toast    (SpPreferencesPage  *self,
                                              const char         *message);
/* Saves comune settings through sp_settings_save as the signed-in operator
 * and says how it went in a toast: "Saved." or what was refused. keys and
 * values are NULL-terminated arrays of the same length. */
gboolean   sp_preferences_page_save_settings (SpPreferencesPage  *self,
                                              const char * const *keys,
                                              const char * const *values);

G_END_DECLS
