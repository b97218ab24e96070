/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-gone.c — the office's server stops in the middle of a write
 * and starts again: nothing of the write is kept, every statement meanwhile
 * fails at once with SP_STORE_ERROR_UNREACHABLE, and the store connects
 * again by itself and hears the other desks again.
 *
 * Runs with a server of its own (run-own-server.sh), which it stops and
 * starts.
 */
#include "sp-error.h"
#include "sp-test-util.h"

/* Stops or starts the test's own server (run-own-server.sh). */
static void
cluster (const char *action)
{
  const char *argv[] = { g_getenv ("SPORTELLO_TEST_SERVER_CTL"), action, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static gboolean
write_while_server_stops (SpStore *store, gpointer user_data, GError **error)
{
  guint *runs = user_data;

  ++*runs;
  if (!sp_store_set_setting (store, "gone.first", "written", error))
    return FALSE;
  cluster ("stop");
  return sp_store_set_setting (store, "gone.second", "written", error);
}

static void
test_server_gone (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  gboolean changed = FALSE;
  guint runs = 0;
  gint64 deadline;

  g_assert_true (sp_store_poll_changes (db->store, &changed, &error));
  g_assert_no_error (error);

  /* The server stops between two statements of one transaction. */
  g_assert_false (sp_store_transaction (db->store, write_while_server_stops, &runs, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
  g_assert_cmpuint (runs, ==, 1);
  g_assert_false (sp_store_in_transaction (db->store));
  g_clear_error (&error);

  /* Meanwhile everything says so at once, nothing waits. */
  g_assert_false (sp_store_poll_changes (db->store, &changed, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_false (sp_store_set_setting (db->store, "gone.meanwhile", "x", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);

  cluster ("start");
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!sp_store_poll_changes (db->store, &changed, &error))
    {
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
      g_clear_error (&error);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
  /* Back: everything may have changed meanwhile. */
  g_assert_true (changed);

  /* No half of the write survived; the store writes again. */
  first = sp_store_get_setting (db->store, "gone.first");
  g_assert_null (first);
  g_assert_true (sp_store_set_setting (db->store, "gone.again", "written", &error));
  g_assert_no_error (error);
  again = sp_store_get_setting (db->store, "gone.again");
  g_assert_cmpstr (again, ==, "written");

  /* And it listens to the other desks again. */
  g_assert_true (sp_store_poll_changes (db->store, &changed, &error));
  /* (What another desk's sp_store_transaction() does.) */
  sp_test_pg_exec (db->path, "INSERT INTO settings (key, value, updated_at) VALUES ('gone.other', 'desk 2', 0); "
                             "NOTIFY sportello_changes", FALSE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_usleep (50 * 1000);
      g_assert_true (sp_store_poll_changes (db->store, &changed, &error));
      g_assert_no_error (error);
    }
  while (!changed && g_get_monotonic_time () < deadline);
  g_assert_true (changed);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!sp_test_on_postgresql ())
    {
      g_printerr ("test-server-gone needs a server of its own: run it with run-own-server.sh\n");
      return 1;
    }
  SP_TEST_ADD ("/store/server-gone", test_server_gone);

  return g_test_run ();
}
