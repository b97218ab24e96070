/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c — open, migrate, refuse newer and foreign files */
#include "config.h"

#include <sqlite3.h>

#include "sp-error.h"
#include "sp-pending-write.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

static void
test_open_creates_and_migrates (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_assert_cmpint (sp_store_get_schema_version (db->store), ==, sp_store_get_latest_version ());
  g_assert_cmpint (sp_store_get_latest_version (), >=, 1);
  if (sp_test_on_postgresql ())
    g_assert_cmpstr (sp_store_get_engine_name (db->store), ==, "postgresql");
  else
    g_assert_true (g_file_test (db->path, G_FILE_TEST_EXISTS));

  /* Every migration is recorded. */
  stmt = sp_store_query (db->store, NULL, "SELECT count(*), max(version) FROM schema_migrations", SP_END);
  g_assert_nonnull (stmt);
  g_assert_true (sp_statement_next (stmt, NULL));
  g_assert_cmpint (sp_statement_get_int (stmt, 1), ==, sp_store_get_latest_version ());
  g_assert_cmpint (sp_statement_get_int (stmt, 0), >=, 1);
}

/* What each engine is opened with: SQLite in WAL mode with its foreign keys
 * on; the server with the audit trail's triggers and the desk's time zone. */
static void
test_engine_settings (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpStatement) mode = NULL;

  if (sp_test_on_postgresql ())
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autofree char *zone = sp_test_query_text (db, "SHOW TimeZone");

      g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit'::regclass "
                                          "AND tgname IN ('audit_no_update', 'audit_no_truncate')"), ==, 2);
      if (!g_str_equal (g_time_zone_get_identifier (local), "Local"))
        g_assert_cmpstr (zone, ==, g_time_zone_get_identifier (local));
      return;
    }
  mode = sp_store_query (db->store, NULL, "PRAGMA journal_mode", SP_END);

  g_assert_true (sp_statement_next (mode, NULL));
  g_assert_cmpstr (sp_statement_get_text (mode, 0), ==, "wal");
  g_assert_cmpint (sp_store_query_int (db->store, -1, NULL, "PRAGMA foreign_keys", SP_END), ==, 1);
}

/* A table of the test's own, in each engine's name for bytes. */
#define SCRATCH_TABLE (sp_test_on_postgresql () \
                       ? "CREATE TEMP TABLE scratch (n bigint, t text, ref bigint, b bytea)" \
                       : "CREATE TEMP TABLE scratch (n INTEGER, t TEXT, ref INTEGER, b BLOB)")

typedef struct
{
  gint64  n;
  char   *t;
} Scratch;

static gpointer
scratch_from_row (SpStatement *stmt)
{
  g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data_full (item, "t", sp_statement_dup_text (stmt, 1), g_free);
  g_object_set_data (item, "n", GINT_TO_POINTER ((int) sp_statement_get_int (stmt, 0)));
  return g_steal_pointer (&item);
}

static void
test_statement_binds_and_columns (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GBytes) blob = g_bytes_new_static ("\0\1\2", 3);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  g_assert_true (sp_store_exec (db->store, SCRATCH_TABLE, NULL));
  /* Every kind of argument, in order: ?1 … ?4. */
  g_assert_cmpint (sp_store_run (db->store, &error,
                                 "INSERT INTO scratch (n, t, ref, b) VALUES (?1, ?2, ?3, ?4)",
                                 SP_INT (G_MAXINT64), SP_TEXT ("città"), SP_ID (0), SP_BYTES (blob),
                                 SP_END), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_run (db->store, &error,
                                 "INSERT INTO scratch (n, t, ref, b) VALUES (?1, ?2, ?3, ?4)",
                                 SP_INT (-1), SP_TEXT (NULL), SP_ID (7), SP_BYTES (empty), SP_END), ==, 1);

  stmt = sp_store_query (db->store, &error, "SELECT n, t, ref, b FROM scratch ORDER BY n DESC", SP_END);
  g_assert_no_error (error);
  g_assert_true (sp_statement_next (stmt, &error));
  g_assert_cmpint (sp_statement_get_int (stmt, 0), ==, G_MAXINT64);
  g_assert_cmpstr (sp_statement_get_text (stmt, 1), ==, "città");
  g_assert_true (sp_statement_is_null (stmt, 2));
  read = sp_statement_dup_bytes (stmt, 3);
  g_assert_true (g_bytes_equal (read, blob));

  g_assert_true (sp_statement_next (stmt, &error));
  g_assert_cmpint (sp_statement_get_int (stmt, 0), ==, -1);
  g_assert_null (sp_statement_dup_text (stmt, 1));
  g_assert_cmpint (sp_statement_get_int (stmt, 2), ==, 7);
  g_clear_pointer (&read, g_bytes_unref);
  /* An empty blob is not NULL. */
  read = sp_statement_dup_bytes (stmt, 3);
  g_assert_nonnull (read);
  g_assert_cmpuint (g_bytes_get_size (read), ==, 0);

  /* The end of the rows is not an error. */
  g_assert_false (sp_statement_next (stmt, &error));
  g_assert_no_error (error);
}

static void
test_statement_changes_and_rebind (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) insert = NULL;

  g_assert_true (sp_store_exec (db->store, SCRATCH_TABLE, NULL));
  insert = sp_store_query (db->store, &error, "INSERT INTO scratch (n, t) VALUES (?1, ?2)", SP_END);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *t = g_strdup_printf ("row %d", i);

      sp_statement_bind (insert, SP_INT (i), SP_TEXT (t), SP_END);
      g_assert_true (sp_statement_run (insert, &error));
      g_assert_cmpint (sp_statement_get_changes (insert), ==, 1);
    }

  g_assert_cmpint (sp_store_run (db->store, &error, "UPDATE scratch SET t = 'x' WHERE n >= ?1",
                                 SP_INT (2), SP_END), ==, 3);
  g_assert_cmpint (sp_store_run (db->store, &error, "DELETE FROM scratch WHERE n > ?1",
                                 SP_INT (100), SP_END), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_query_int (db->store, -1, &error, "SELECT sum(n) FROM scratch", SP_END), ==, 10);
  /* No row, or a NULL: the fallback, without an error. */
  g_assert_cmpint (sp_store_query_int (db->store, 42, &error, "SELECT n FROM scratch WHERE n < 0", SP_END), ==, 42);
  g_assert_cmpint (sp_store_query_int (db->store, 43, &error, "SELECT max(n) FROM scratch WHERE n < 0", SP_END), ==, 43);
  g_assert_no_error (error);
}

static void
test_statement_rows_to_objects (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GObject) one = NULL;
  g_autoptr(GObject) missing = NULL;

  g_assert_true (sp_store_exec (db->store, SCRATCH_TABLE, NULL) &&
                 sp_store_exec (db->store, "INSERT INTO scratch (n, t) VALUES (1, 'a'), (2, 'b')", NULL));

  stmt = sp_store_query (db->store, &error, "SELECT n, t FROM scratch WHERE n >= ?1 ORDER BY n", SP_INT (1), SP_END);
  rows = sp_statement_collect (stmt, G_TYPE_OBJECT, scratch_from_row, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  {
    g_autoptr(GObject) second = g_list_model_get_item (rows, 1);
    g_assert_cmpstr (g_object_get_data (second, "t"), ==, "b");
  }

  one = sp_store_lookup (db->store, "SELECT n, t FROM scratch WHERE t = ?1", "a", 0,
                         scratch_from_row, "none", &error);
  g_assert_no_error (error);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (one, "n")), ==, 1);

  missing = sp_store_lookup (db->store, "SELECT n, t FROM scratch WHERE n = ?1", NULL, 9,
                             scratch_from_row, "No such row.", &error);
  g_assert_null (missing);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such row.");
}

static void
test_statement_errors (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) stmt = NULL;

  /* SQL that does not prepare: an error, no statement. */
  stmt = sp_store_query (db->store, &error, "SELEC nothing", SP_END);
  g_assert_null (stmt);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* A constraint broken while stepping: the store's error code. */
  g_assert_cmpint (sp_store_run (db->store, &error,
                                 "INSERT INTO desks (uuid, name, kind, created_at, updated_at) "
                                 "VALUES (?1, ?2, ?3, 0, 0)",
                                 SP_TEXT ("u"), SP_TEXT ("x"), SP_TEXT ("kiosk"), SP_END), ==, -1);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT);
}

static void
test_reopen_keeps_data (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_true (sp_store_set_setting (db->store, "test.key", "valore", &error));
  g_assert_no_error (error);
  g_clear_object (&db->store);

  db->store = sp_store_open (db->path, &error);
  g_assert_no_error (error);
  value = sp_store_get_setting (db->store, "test.key");
  g_assert_cmpstr (value, ==, "valore");
}

static gchar *
read_file (const char *path, gsize *len)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, len, NULL));
  return contents;
}

/* Written by a newer Sportello: refused, and left as it was. */
static void
test_refuse_newer (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  gsize before_len, after_len;

  if (sp_test_on_postgresql ())
    sql = g_strdup_printf ("INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (%d, '9999-future.sql', 0)", sp_store_get_latest_version () + 1);
  else
    sql = g_strdup_printf ("PRAGMA user_version = %d", sp_store_get_latest_version () + 1);
  g_assert_true (sp_store_exec (db->store, sql, NULL));
  if (!sp_test_on_postgresql ())
    g_assert_true (sp_store_exec (db->store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&db->store);

  if (!sp_test_on_postgresql ())
    before = read_file (db->path, &before_len);
  again = sp_store_open (db->path, &error);
  g_assert_null (again);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version"));

  if (sp_test_on_postgresql ())
    {
      /* Nothing migrated, nothing removed: the newer step is still the last. */
      g_autofree char *check = g_strdup_printf ("SELECT 1 FROM schema_migrations WHERE version = %d "
                                                "AND name = '9999-future.sql'",
                                                sp_store_get_latest_version () + 1);
      PGconn *conn = PQconnectdb (db->path);
      PGresult *result = PQexec (conn, check);

      g_assert_cmpint (PQntuples (result), ==, 1);
      PQclear (result);
      PQfinish (conn);
      return;
    }
  after = read_file (db->path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_refuse_garbage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *path = sp_test_db_path ("notes.db");
  g_autofree char *after = NULL;
  const char *garbage = "These are my notes, not a database. Please keep them.\n"
                        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n";
  gsize len;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  store = sp_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);

  after = read_file (path, &len);
  g_assert_cmpstr (after, ==, garbage);
}

static void
test_refuse_foreign_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *path = sp_test_db_location ("other.db");
  sqlite3 *db = NULL;

  if (sp_test_on_postgresql ())
    {
      PGconn *conn;
      PGresult *result;

      /* Another program's tables, one of them even named like ours. */
      sp_test_pg_exec (path, "CREATE TABLE recipes (name text); INSERT INTO recipes VALUES ('ragù'); "
                             "CREATE TABLE schema_migrations (version integer)", FALSE);
      store = sp_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_SPORTELLO);

      conn = PQconnectdb (path);
      result = PQexec (conn, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema ()");
      g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "2");
      PQclear (result);
      PQfinish (conn);
      return;
    }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('ragù')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = sp_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_SPORTELLO);

  /* Untouched: the foreign table is still the only one. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static void
test_refuse_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  store = sp_store_open (g_get_user_data_dir (), &error);

  g_assert_null (store);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN);
}

static gboolean
write_then_fail (SpStore *store, gpointer user_data, GError **error)
{
  if (!sp_store_set_setting (store, user_data, "x", error))
    return FALSE;
  g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID, "refused");
  return FALSE;
}

static gboolean
write_value (SpStore *store, gpointer user_data, GError **error)
{
  return sp_store_set_setting (store, user_data, "kept", error);
}

static gboolean
write_outer_and_failing_inner (SpStore *store, gpointer user_data, GError **error)
{
  g_autoptr(GError) inner_error = NULL;

  if (!sp_store_set_setting (store, "test.outer", "kept", error))
    return FALSE;
  /* The inner part fails: it alone is undone, the outer goes on. */
  g_assert_false (sp_store_transaction (store, write_then_fail, "test.inner", &inner_error));
  g_assert_error (inner_error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_true (sp_store_in_transaction (store));
  return sp_store_transaction (store, write_value, "test.second", error);
}

static void
test_transaction_rollback (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_false (sp_store_transaction (db->store, write_then_fail, "test.rollback", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_assert_false (sp_store_in_transaction (db->store));
  value = sp_store_get_setting (db->store, "test.rollback");
  g_assert_null (value);
}

static void
test_transaction_commit (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_true (sp_store_transaction (db->store, write_value, "test.commit", &error));
  g_assert_no_error (error);
  value = sp_store_get_setting (db->store, "test.commit");
  g_assert_cmpstr (value, ==, "kept");
}

static void
test_transaction_nested (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *outer = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *second = NULL;

  g_assert_true (sp_store_transaction (db->store, write_outer_and_failing_inner, NULL, &error));
  g_assert_no_error (error);
  outer = sp_store_get_setting (db->store, "test.outer");
  inner = sp_store_get_setting (db->store, "test.inner");
  second = sp_store_get_setting (db->store, "test.second");
  g_assert_cmpstr (outer, ==, "kept");
  g_assert_null (inner);
  g_assert_cmpstr (second, ==, "kept");
}

static void
test_constraint_error (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_store_exec (db->store,
                                 "INSERT INTO desks (uuid, name, kind, created_at, updated_at) "
                                 "VALUES ('u', 'x', 'kiosk', 0, 0)", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT);
}

static gboolean
write_nothing (SpStore *store, gpointer user_data, GError **error)
{
  return TRUE;
}

static void
test_busy_error (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  /* Another connection holds the write lock: after the busy timeout the
   * store reports BUSY, not a generic failure. */
  if (sp_test_on_postgresql ())
    {
      PGconn *holder = sp_test_pg_exec (db->path, "BEGIN; LOCK TABLE settings IN ACCESS EXCLUSIVE MODE", TRUE);

      g_assert_true (sp_store_exec (db->store, "SET lock_timeout = '50ms'", NULL));
      g_assert_false (sp_store_transaction (db->store, write_value, "test.busy", &error));
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY);
      PQfinish (holder);
      return;
    }
  g_assert_cmpint (sqlite3_open (db->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (sp_store_get_handle (db->store), 50);

  g_assert_false (sp_store_transaction (db->store, write_nothing, NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

/* Fails twice as a transaction crossed by another desk's would, after
 * writing: the third run's write is the one kept, the others rolled back. */
static gboolean
write_after_two_conflicts (SpStore *store, gpointer user_data, GError **error)
{
  guint *runs = user_data;
  g_autofree char *value = g_strdup_printf ("run %u", ++*runs);

  if (!sp_store_set_setting (store, "test.retried", value, error))
    return FALSE;
  if (*runs < 3)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT, "crossed");
      return FALSE;
    }
  return TRUE;
}

static gboolean
always_conflict (SpStore *store, gpointer user_data, GError **error)
{
  guint *runs = user_data;

  ++*runs;
  g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT, "crossed");
  return FALSE;
}

static void
test_transaction_retried (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  guint runs = 0;

  g_assert_true (sp_store_transaction (db->store, write_after_two_conflicts, &runs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (runs, ==, 3);
  value = sp_store_get_setting (db->store, "test.retried");
  g_assert_cmpstr (value, ==, "run 3");

  /* Not for ever: the clerk is told the database is busy. */
  runs = 0;
  g_assert_false (sp_store_transaction (db->store, always_conflict, &runs, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY);
  g_assert_cmpuint (runs, ==, 5);
  g_assert_false (sp_store_in_transaction (db->store));
}

typedef struct
{
  PGconn *other;
  guint   runs;
} Deadlock;

/* Takes test.a then test.b while another desk holds test.b and waits for
 * test.a: the server breaks the deadlock by stopping this transaction. */
static gboolean
write_across_other_desk (SpStore *store, gpointer user_data, GError **error)
{
  Deadlock *d = user_data;
  PGresult *result;

  if (++d->runs == 2)
    {
      /* The other desk got its row when the first run was stopped. */
      while ((result = PQgetResult (d->other)) != NULL)
        PQclear (result);
      PQclear (PQexec (d->other, "COMMIT"));
    }
  if (!sp_store_set_setting (store, "test.a", "ours", error))
    return FALSE;
  if (d->runs == 1)
    {
      g_assert_true (PQsendQuery (d->other, "UPDATE settings SET value = 'theirs' WHERE key = 'test.a'"));
      g_usleep (300 * 1000);
    }
  return sp_store_set_setting (store, "test.b", "ours", error);
}

static void
test_deadlock_retried (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  Deadlock d = { NULL, 0 };

  if (!sp_test_on_postgresql ())
    {
      g_test_skip ("SQLite lets one writer at a time: no deadlock");
      return;
    }
  g_assert_true (sp_store_set_setting (db->store, "test.a", "before", &error));
  g_assert_true (sp_store_set_setting (db->store, "test.b", "before", &error));
  /* The other desk waits longer before looking for a deadlock: the
   * server stops this store's transaction, not its. */
  d.other = sp_test_pg_exec (db->path, "SET deadlock_timeout = '20s'; BEGIN; "
                                       "UPDATE settings SET value = 'theirs' WHERE key = 'test.b'", TRUE);

  g_assert_true (sp_store_transaction (db->store, write_across_other_desk, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (d.runs, ==, 2);
  a = sp_store_get_setting (db->store, "test.a");
  b = sp_store_get_setting (db->store, "test.b");
  g_assert_cmpstr (a, ==, "ours");
  g_assert_cmpstr (b, ==, "ours");
  PQfinish (d.other);
}

static void
test_secret_stable (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = sp_store_get_installation_secret (db->store, &error);
  g_autoptr(GBytes) b = sp_store_get_installation_secret (db->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (a), ==, 32);
  g_assert_true (g_bytes_equal (a, b));
}

/* The uuid of a write whose outcome is unknown is kept for the same input
 * only, and only while the server is away. */
static void
test_pending_write (void)
{
  g_autoptr(SpPendingWrite) pending = sp_pending_write_new ();
  g_autoptr(GError) gone = g_error_new_literal (SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE, "gone");
  g_autoptr(GError) refused = g_error_new_literal (SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT, "no");
  g_autofree char *first = g_strdup (sp_pending_write_uuid (pending, "ticket|Rossi"));

  g_assert_true (g_uuid_string_is_valid (first));
  /* Unknown outcome: the retry of the same thing has the same uuid. */
  sp_pending_write_settle (pending, gone);
  g_assert_cmpstr (sp_pending_write_uuid (pending, "ticket|Rossi"), ==, first);
  /* Written: the next one is another write. */
  sp_pending_write_settle (pending, NULL);
  g_assert_cmpstr (sp_pending_write_uuid (pending, "ticket|Rossi"), !=, first);
  g_free (first);
  first = g_strdup (sp_pending_write_uuid (pending, "ticket|Rossi"));
  /* Refused: nothing was written, nothing to keep. */
  sp_pending_write_settle (pending, refused);
  g_assert_cmpstr (sp_pending_write_uuid (pending, "ticket|Rossi"), !=, first);
  g_free (first);
  first = g_strdup (sp_pending_write_uuid (pending, "ticket|Rossi"));
  /* Something else asked for, even while the server is away. */
  sp_pending_write_settle (pending, gone);
  g_assert_cmpstr (sp_pending_write_uuid (pending, "ticket|Bianchi"), !=, first);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD ("/store/open-creates-and-migrates", test_open_creates_and_migrates);
  SP_TEST_ADD ("/store/engine-settings", test_engine_settings);
  SP_TEST_ADD ("/store/statement-binds-and-columns", test_statement_binds_and_columns);
  SP_TEST_ADD ("/store/statement-changes-and-rebind", test_statement_changes_and_rebind);
  SP_TEST_ADD ("/store/statement-rows-to-objects", test_statement_rows_to_objects);
  SP_TEST_ADD ("/store/statement-errors", test_statement_errors);
  SP_TEST_ADD ("/store/reopen-keeps-data", test_reopen_keeps_data);
  SP_TEST_ADD ("/store/refuse-newer", test_refuse_newer);
  g_test_add_func ("/store/refuse-garbage", test_refuse_garbage);
  g_test_add_func ("/store/refuse-foreign-database", test_refuse_foreign_database);
  g_test_add_func ("/store/refuse-directory", test_refuse_directory);
  SP_TEST_ADD ("/store/transaction-rollback", test_transaction_rollback);
  SP_TEST_ADD ("/store/transaction-commit", test_transaction_commit);
  SP_TEST_ADD ("/store/transaction-nested", test_transaction_nested);
  SP_TEST_ADD ("/store/constraint-error", test_constraint_error);
  SP_TEST_ADD ("/store/busy-error", test_busy_error);
  SP_TEST_ADD ("/store/transaction-retried", test_transaction_retried);
  SP_TEST_ADD ("/store/deadlock-retried", test_deadlock_retried);
  SP_TEST_ADD ("/store/secret-stable", test_secret_stable);
  g_test_add_func ("/store/pending-write", test_pending_write);

  return g_test_run ();
}
