/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-export.h — a period exported from Supervision: as CSV
 * (one row a day) or as open data (a folder), in a GTask thread with its
 * own connection, its progress reported in the caller's main context
 *
 * With $SPORTELLO_EXPORT_TO set (tests), that is the target and no file
 * chooser opens.
 */
#pragma once

#include <gtk/gtk.h>

#include "sp-report.h"

G_BEGIN_DECLS

typedef void (*SpExportTargetFunc) (const char *target,
                                    gboolean    opendata,
                                    gpointer    user_data);

/* Asks where to export (a file for CSV, a folder for open data) in a
 * dialog over parent's window, then calls func; not when cancelled. */
void     sp_supervision_export_choose_target (GtkWidget           *parent,
                                              gboolean             opendata,
                                              SpExportTargetFunc   func,
                                              gpointer             user_data);

/* source_object (may be NULL) is kept alive until callback has run;
 * progress is called in the thread-default main context of the caller. */
void     sp_supervision_export_async         (gpointer             source_object,
                                              const char          *db_path,
                                              const char          *target,
                                              const GDate         *from,
                                              const GDate         *to,
                                              gboolean             opendata,
                                              SpProgressFunc       progress,
                                              gpointer             progress_data,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean sp_supervision_export_finish        (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
