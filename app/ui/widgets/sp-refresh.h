/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-refresh.h — a refresh that replaces only what changed
 *
 * The views that follow the other desks live (Today, Appointments) reload
 * whenever any desk commits, in a busy office every second. Rebuilt from
 * scratch, a row under the clerk's pointer would go between the press and
 * the release of a click, and the click with it. Each child made by a
 * reload carries a key that says everything it shows and holds; the new
 * child takes the place of the old only where the keys differ.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives child (not yet in a container) its key. */
void sp_refresh_set_key (GtkWidget  *child,
                         const char *key);
/* Puts child at position of container (a GtkBox or a GtkListBox): kept
 * out, and dropped, when the child there has the same key. */
void sp_refresh_place   (GtkWidget  *container,
                         guint       position,
                         GtkWidget  *child);
/* Removes the children from position n on. */
void sp_refresh_trim    (GtkWidget  *container,
                         guint       n);

G_END_DECLS
