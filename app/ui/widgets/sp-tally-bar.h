/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-tally-bar.h — one button per counter service: a click (or Ctrl+1 …
 * Ctrl+9 when "shortcuts" is set) counts one service at this desk */
#pragma once

#include <adwaita.h>

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_TALLY_BAR (sp_tally_bar_get_type ())

G_DECLARE_FINAL_TYPE (SpTallyBar, sp_tally_bar, SP, TALLY_BAR, SpPage)

/* shortcuts: install Ctrl+1 … Ctrl+9 for the whole window; set it on one
 * bar a window only. */
GtkWidget *sp_tally_bar_new     (SpContext  *context,
                                 gboolean    shortcuts);
/* Reloads the list of services; done by itself on the context's
 * "changed::counter-services". */
void       sp_tally_bar_reload  (SpTallyBar *self);

G_END_DECLS
