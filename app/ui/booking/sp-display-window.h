/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-display-window.h — the waiting-room screen
 *
 * Full screen and readable from across the room: the ticket called last
 * and the desk it goes to, and the calls before it, with a chime at each
 * new call. It follows every desk's calls as they happen and shows
 * nothing personal: ticket numbers and booking times, never names.
 */
#pragma once

#include <adwaita.h>

#include "sp-context.h"

G_BEGIN_DECLS

#define SP_TYPE_DISPLAY_WINDOW (sp_display_window_get_type ())

G_DECLARE_FINAL_TYPE (SpDisplayWindow, sp_display_window, SP, DISPLAY_WINDOW, AdwWindow)

GtkWidget *sp_display_window_new (GtkApplication *application,
                                  SpContext      *context);

G_END_DECLS
