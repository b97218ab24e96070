/* sp-preferences-window.h — this desk's settings and the comune's details */
#pragma once

#include <adwaita.h>

#include "sp-context.h"

G_BEGIN_DECLS

#define SP_TYPE_PREFERENCES_WINDOW (sp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, SP, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *sp_preferences_window_new            (SpContext          *context,
                                                 GSettings          *settings);
/* A toast in the preferences window holding widget (one of its pages). */
void       sp_preferences_window_show_toast_for (GtkWidget          *widget,
                                                 const char         *message);
/* Saves comune settings through sp_settings_save as the signed-in operator
 * and says how it went in a toast: "Saved." or what was refused. */
gboolean   sp_preferences_window_save_settings  (GtkWidget          *widget,
                                                 SpContext          *context,
                                                 const char * const *keys,
                                                 const char * const *values);

G_END_DECLS
