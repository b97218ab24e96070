/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c — open, migrate, refuse newer and foreign files */
#include "config.h"

#include <sqlite3.h>

#include "sp-error.h"
#include "sp-test-util.h"

static void
test_open_creates_and_migrates (SpTestDb *db, gconstpointer data)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sp_store_get_schema_version (db->store), ==, sp_store_get_latest_version ());
  g_assert_cmpint (sp_store_get_latest_version (), >=, 1);
  g_assert_true (g_file_test (db->path, G_FILE_TEST_EXISTS));

  /* Every migration is recorded. */
  stmt = sp_store_prepare (db->store, "SELECT count(*), max(version) FROM schema_migrations", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, sp_store_get_latest_version ());
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 1);
}

static void
test_pragmas (SpTestDb *db, gconstpointer data)
{
  g_autoptr(sqlite3_stmt) mode = sp_store_prepare (db->store, "PRAGMA journal_mode", NULL);
  g_autoptr(sqlite3_stmt) fk = sp_store_prepare (db->store, "PRAGMA foreign_keys", NULL);

  g_assert_cmpint (sqlite3_step (mode), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (mode, 0), ==, "wal");
  g_assert_cmpint (sqlite3_step (fk), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (fk, 0), ==, 1);
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

static void
test_refuse_newer (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          sp_store_get_latest_version () + 1);
  gsize before_len, after_len;

  g_assert_true (sp_store_exec (db->store, sql, NULL));
  g_assert_true (sp_store_exec (db->store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&db->store);

  before = read_file (db->path, &before_len);
  again = sp_store_open (db->path, &error);
  g_assert_null (again);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version"));

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
  g_autofree char *path = sp_test_db_path ("other.db");
  sqlite3 *db = NULL;

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
  g_assert_cmpint (sqlite3_open (db->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (sp_store_get_handle (db->store), 50);

  g_assert_false (sp_store_transaction (db->store, write_nothing, NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD ("/store/open-creates-and-migrates", test_open_creates_and_migrates);
  SP_TEST_ADD ("/store/pragmas", test_pragmas);
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
  SP_TEST_ADD ("/store/secret-stable", test_secret_stable);

  return g_test_run ();
}
