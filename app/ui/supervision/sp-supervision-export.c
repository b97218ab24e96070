/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-export.c — a period exported as CSV or open data */

#define G_LOG_DOMAIN "sp-supervision-export"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-supervision-export.h"

typedef struct
{
  char           *path;      /* database */
  char           *target;    /* file or folder */
  GDate           from;
  GDate           to;
  gboolean        opendata;
  SpProgressFunc  progress;
  gpointer        progress_data;
  GMainContext   *context;   /* the caller's, where progress is called */
  GTask          *task;      /* not a reference: the task owns the job */
} ExportJob;

/* One progress report on its way to the caller's main context. */
typedef struct
{
  GTask  *task;   /* a reference: keeps the job and its source alive */
  double  fraction;
} Progress;

typedef struct
{
  SpExportTargetFunc func;
  gpointer           user_data;
  gboolean           opendata;
} Chooser;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_free (job->target);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean
report_progress_cb (gpointer user_data)
{
  Progress *p = user_data;
  ExportJob *job = g_task_get_task_data (p->task);

  job->progress (p->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *p)
{
  g_object_unref (p->task);
  g_free (p);
}

/* In the thread: hands the fraction over to the caller's context. */
static void
export_progress (double   fraction,
                 gpointer user_data)
{
  ExportJob *job = user_data;
  Progress *p;

  if (job->progress == NULL)
    return;
  p = g_new0 (Progress, 1);
  p->task = g_object_ref (job->task);
  p->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_progress_cb, p,
                              (GDestroyNotify) progress_free);
}

static gboolean
export_csv (SpStore    *store,
            ExportJob  *job,
            GError    **error)
{
  g_autoptr(SpReport) report = NULL;
  g_autofree char *csv = NULL;

  export_progress (0.1, job);
  report = sp_report_compute (store, &job->from, &job->to, SP_REPORT_BY_DAY, error);
  if (report == NULL)
    return FALSE;
  export_progress (0.8, job);
  csv = sp_report_to_csv (report, sp_report_csv_separator (store));
  if (!g_file_set_contents (job->target, csv, -1, error))
    return FALSE;
  export_progress (1.0, job);
  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(SpStore) store = NULL;
  GError *error = NULL;
  gboolean ok;

  store = sp_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->opendata)
    ok = sp_report_export_opendata (store, &job->from, &job->to, job->target,
                                    export_progress, job, &error);
  else
    ok = export_csv (store, job, &error);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  Chooser *chooser = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        chooser->func (path, chooser->opendata, chooser->user_data);
    }
  g_free (chooser);
  g_object_unref (dialog);
}

void
sp_supervision_export_choose_target (GtkWidget          *parent,
                                     gboolean            opendata,
                                     SpExportTargetFunc  func,
                                     gpointer            user_data)
{
  const char *target = g_getenv ("SPORTELLO_EXPORT_TO");
  GtkFileChooserNative *dialog;
  Chooser *chooser;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (func != NULL);

  /* For tests: no dialog. */
  if (target != NULL && *target != '\0')
    {
      func (target, opendata, user_data);
      return;
    }

  root = gtk_widget_get_root (parent);
  dialog = gtk_file_chooser_native_new (opendata ? _("Open Data Folder") : _("Export CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        opendata ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                 : GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (!opendata)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "sportello-report.csv");
  chooser = g_new0 (Chooser, 1);
  chooser->func = func;
  chooser->user_data = user_data;
  chooser->opendata = opendata;
  g_signal_connect (dialog, "response", G_CALLBACK (on_chooser_response_cb), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
sp_supervision_export_async (gpointer             source_object,
                             const char          *db_path,
                             const char          *target,
                             const GDate         *from,
                             const GDate         *to,
                             gboolean             opendata,
                             SpProgressFunc       progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (db_path != NULL && target != NULL);
  g_return_if_fail (g_date_valid (from) && g_date_valid (to));

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_supervision_export_async);
  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (db_path);
  job->target = g_strdup (target);
  job->from = *from;
  job->to = *to;
  job->opendata = opendata;
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  job->task = task;
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
sp_supervision_export_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_supervision_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
