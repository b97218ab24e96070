/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-period-reports.c — a period's reports, computed in a thread */

#define G_LOG_DOMAIN "sp-period-reports"

#include "config.h"

#include "sp-period-reports.h"

typedef struct
{
  char  *path;
  GDate  from;
  GDate  to;
} PeriodJob;

static void
period_job_free (PeriodJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
compute_period_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  PeriodJob *job = data;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpPeriodReports) reports = g_new0 (SpPeriodReports, 1);
  struct { SpReportBy by; SpReport **out; } wanted[] = {
    { SP_REPORT_BY_HOUR, &reports->by_hour },
    { SP_REPORT_BY_DAY, &reports->by_day },
    { SP_REPORT_BY_DESK, &reports->by_desk },
    { SP_REPORT_BY_OPERATOR, &reports->by_operator },
  };
  GError *error = NULL;

  store = sp_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      *wanted[i].out = sp_report_compute (store, &job->from, &job->to, wanted[i].by, &error);
      if (*wanted[i].out == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&reports), (GDestroyNotify) sp_period_reports_free);
}

void
sp_period_reports_free (SpPeriodReports *reports)
{
  if (reports == NULL)
    return;
  sp_report_free (reports->by_hour);
  sp_report_free (reports->by_day);
  sp_report_free (reports->by_desk);
  sp_report_free (reports->by_operator);
  g_free (reports);
}

void
sp_period_reports_compute_async (gpointer             source_object,
                                 const char          *db_path,
                                 const GDate         *from,
                                 const GDate         *to,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PeriodJob *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (g_date_valid (from) && g_date_valid (to));

  job = g_new0 (PeriodJob, 1);
  job->path = g_strdup (db_path);
  job->from = *from;
  job->to = *to;
  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_period_reports_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) period_job_free);
  g_task_run_in_thread (task, compute_period_thread);
}

SpPeriodReports *
sp_period_reports_compute_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_period_reports_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
