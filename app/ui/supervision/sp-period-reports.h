/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-period-reports.h — a period's reports (by hour, day, desk and
 * operator), computed in a GTask thread with its own connection to the
 * database, so that Supervision never waits on a year of rows */
#pragma once

#include <gio/gio.h>

#include "sp-report.h"

G_BEGIN_DECLS

typedef struct
{
  SpReport *by_hour;
  SpReport *by_day;      /* also the period's totals and the CIE wait */
  SpReport *by_desk;
  SpReport *by_operator;
} SpPeriodReports;

void             sp_period_reports_free         (SpPeriodReports     *reports);

/* source_object (may be NULL) is kept alive until callback has run. */
void             sp_period_reports_compute_async  (gpointer             source_object,
                                                   const char          *db_path,
                                                   const GDate         *from,
                                                   const GDate         *to,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
SpPeriodReports *sp_period_reports_compute_finish (GAsyncResult        *result,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPeriodReports, sp_period_reports_free)

G_END_DECLS
