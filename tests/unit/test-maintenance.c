/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-maintenance.c — each background job run alone on a test database */
#define G_LOG_DOMAIN "test-maintenance"

#include "config.h"

#include "sp-mailer.h"
#include "sp-maintenance.h"
#include "sp-outbox.h"
#include "sp-test-cases.h"

typedef struct
{
  GMainLoop        *loop;
  gboolean          done;
  SpMaintenanceJob  job;
  guint             changed;
  GError           *error;
} JobResult;

static void
on_job_done_cb (SpMaintenance    *maintenance,
                SpMaintenanceJob  job,
                guint             changed,
                const GError     *error,
                JobResult        *result)
{
  result->done = TRUE;
  result->job = job;
  result->changed = changed;
  g_clear_error (&result->error);
  if (error != NULL)
    result->error = g_error_copy (error);
  g_main_loop_quit (result->loop);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The job never said it was done");
  return G_SOURCE_REMOVE;
}

/* Runs job and waits for its "job-done": how many things it changed; the
 * error it reported, if any, is left in *error. */
static guint
run_job (SpTestDb         *db,
         SpMaintenanceJob  job,
         GError          **error)
{
  g_autoptr(SpMaintenance) maintenance = sp_maintenance_new (db->store);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  JobResult result = { loop, FALSE, 0, 0, NULL };
  gulong handler;

  handler = g_signal_connect (maintenance, "job-done", G_CALLBACK (on_job_done_cb), &result);
  sp_maintenance_run (maintenance, job);
  if (!result.done)
    {
      guint timeout = g_timeout_add_seconds (60, on_timeout_cb, NULL);

      g_main_loop_run (loop);
      g_source_remove (timeout);
    }
  g_signal_handler_disconnect (maintenance, handler);

  g_assert_true (result.done);
  g_assert_cmpint (result.job, ==, job);
  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.changed;
}

static void
test_reminders (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  /* Booked long ago for Wednesday 3 June at 9:00; Tuesday at 8:30 it is
   * within 48 hours. */
  sp_test_add_appointment (db, "2026-06-03", 9 * 60, 0, "booked", 1, 1, 0, 0, 0, 0);
  sp_store_set_simulated_clock (sp_test_local (2026, 6, 2, 8, 30));

  g_assert_cmpuint (run_job (db, SP_MAINTENANCE_REMINDERS, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_outbox_count_unsent (db->store), ==, 1);

  /* Once only, however often the job runs. */
  g_assert_cmpuint (run_job (db, SP_MAINTENANCE_REMINDERS, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_outbox_count_unsent (db->store), ==, 1);

  sp_store_set_simulated_clock (0);
}

static void
test_rao_expiry (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = sp_store_now ();
  gint64 overdue, pending;

  overdue = sp_test_add_identification (db, "completed", "rao", NULL, 1, 1,
                                        now - 40 * G_TIME_SPAN_DAY, "RSSMRA80A01H501U");
  pending = sp_test_add_identification (db, "completed", "rao", NULL, 1, 1,
                                        now - G_TIME_SPAN_DAY, "BNCLCU75E45H294X");
  sp_test_exec (db, "UPDATE identifications SET expires_at = completed_at + 30 * 86400000000");

  g_assert_cmpuint (run_job (db, SP_MAINTENANCE_RAO_EXPIRY, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE state = 'expired'"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT state = 'expired' FROM identifications WHERE id = %"
                                            G_GINT64_FORMAT, overdue);
    g_assert_cmpint (sp_test_count (db, sql), ==, 1);
    g_free (sql);
    sql = g_strdup_printf ("SELECT state = 'completed' FROM identifications WHERE id = %"
                           G_GINT64_FORMAT, pending);
    g_assert_cmpint (sp_test_count (db, sql), ==, 1);
  }

  g_assert_cmpuint (run_job (db, SP_MAINTENANCE_RAO_EXPIRY, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_cie_wait (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_wait_snapshots"), ==, 0);
  run_job (db, SP_MAINTENANCE_CIE_WAIT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_wait_snapshots"), ==, 1);

  /* A second reading the same day replaces the first. */
  run_job (db, SP_MAINTENANCE_CIE_WAIT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_wait_snapshots"), ==, 1);
}

static void
test_outbox_not_configured (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  sp_test_add_email (db, sp_store_now (), 0);
  sp_test_add_email (db, sp_store_now (), 0);

  g_assert_cmpuint (run_job (db, SP_MAINTENANCE_OUTBOX, &error), ==, 0);
  g_assert_error (error, SP_MAILER_ERROR, SP_MAILER_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "2 emails"));
  g_assert_cmpuint (sp_outbox_count_unsent (db->store), ==, 2);
}

static void
on_job_counted_cb (SpMaintenance    *maintenance,
                   SpMaintenanceJob  job,
                   guint             changed,
                   const GError     *error,
                   guint            *n_done)
{
  g_assert_true (job == SP_MAINTENANCE_RAO_EXPIRY || job == SP_MAINTENANCE_CIE_WAIT);
  (*n_done)++;
}

static void
test_start_stop (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpMaintenance) maintenance = sp_maintenance_new (db->store);
  guint n_done = 0;

  /* Starting expires what is due and reads the wait at once; the rest
   * waits for its schedule. */
  g_signal_connect (maintenance, "job-done", G_CALLBACK (on_job_counted_cb), &n_done);
  sp_maintenance_start (maintenance);
  g_assert_cmpuint (n_done, ==, 2);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_wait_snapshots"), ==, 1);
  sp_maintenance_stop (maintenance);
  sp_maintenance_start (maintenance);
  sp_maintenance_stop (maintenance);
}

int
main (int argc, char *argv[])
{
  sp_test_use_rome_time ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD_SETUP ("/maintenance/reminders", test_reminders);
  SP_TEST_ADD_SETUP ("/maintenance/rao-expiry", test_rao_expiry);
  SP_TEST_ADD_SETUP ("/maintenance/cie-wait", test_cie_wait);
  SP_TEST_ADD_SETUP ("/maintenance/outbox-not-configured", test_outbox_not_configured);
  SP_TEST_ADD_SETUP ("/maintenance/start-stop", test_start_stop);

  return g_test_run ();
}
