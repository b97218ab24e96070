/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle-import-window.h — the office imports a pop-up desk's bundle
 *
 * An administrator's window: the bundle is checked and imported in a
 * thread of its own (its own connection to the database), with a progress
 * bar meanwhile; then what came in, table by table, or why nothing did
 * (sp-bundle.h's refusals, in words).
 */
#pragma once

#include <adwaita.h>

#include "sp-context.h"

G_BEGIN_DECLS

#define SP_TYPE_BUNDLE_IMPORT_WINDOW (sp_bundle_import_window_get_type ())

G_DECLARE_FINAL_TYPE (SpBundleImportWindow, sp_bundle_import_window, SP, BUNDLE_IMPORT_WINDOW, AdwWindow)

/* Asks for the bundle file, then imports it in the window. */
void sp_bundle_import_window_choose (GtkWindow *parent,
                                     SpContext *context);
/* Imports file in a new window over parent. */
SpBundleImportWindow *sp_bundle_import_window_open (GtkWindow *parent,
                                                    SpContext *context,
                                                    GFile     *file);

G_END_DECLS
