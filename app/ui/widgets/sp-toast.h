/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-toast.h — telling the clerk something in passing
 *
 * Toasts go to the nearest toast overlay above a widget: the main
 * window's, or the Preferences window's. A toast lasts a few seconds, so
 * UI tests do not race it: when SPORTELLO_TOAST_LOG names a file, every
 * toast's text is also appended there, one per line, for the tests to read.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Adds a toast to an overlay (and to the log). */
void sp_toast_add  (AdwToastOverlay *overlay,
                    const char      *message);
/* The same from any widget: its window's overlay; nothing outside one. */
void sp_toast_show (GtkWidget       *widget,
                    const char      *message);

G_END_DECLS
