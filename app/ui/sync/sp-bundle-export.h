/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle-export.h — "Bring Records Back" on a pop-up desk's laptop
 *
 * The clerk chooses where to save the bundle of the laptop's records
 * since the last one (sp-bundle.h); the dialog after it says what it
 * holds and where it goes.
 */
#pragma once

#include "sp-context.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether the context's database is a pop-up desk's: the action is
 * offered only there. */
gboolean sp_bundle_export_is_possible (SpContext *context);
void     sp_bundle_export_run         (GtkWindow *parent,
                                       SpContext *context);

G_END_DECLS
