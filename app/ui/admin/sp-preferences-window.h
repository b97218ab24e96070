/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-window.h — this desk's settings and the comune's details */
#pragma once

#include <adwaita.h>

#include "sp-context.h"

G_BEGIN_DECLS

#define SP_TYPE_PREFERENCES_WINDOW (sp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, SP, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *sp_preferences_window_new (SpContext *context,
                                      GSettings *settings);

G_END_DECLS
