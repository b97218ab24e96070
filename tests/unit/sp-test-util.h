/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-util.h — a fresh database per test, shared by the unit tests */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "sp-seal.h"
#include "sp-setup.h"
#include "sp-store.h"

#define SP_TEST_PASSWORD "Correct-Horse-7"

typedef struct
{
  char    *path;
  SpStore *store;
} SpTestDb;

static inline char *
sp_test_db_path (const char *name)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives each test its own data dir. */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* Where a test's database lives: a file in the test's data dir, or, when
 * SPORTELLO_TEST_POSTGRESQL names a server (the suite's throwaway cluster,
 * e.g. "postgresql:///postgres"), a schema of its own made there now. */
static inline char *
sp_test_db_location (const char *name)
{
  const char *server = g_getenv ("SPORTELLO_TEST_POSTGRESQL");
  static guint serial;
  g_autofree char *schema = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn;
  PGresult *result;

  if (server == NULL || *server == '\0')
    return sp_test_db_path (name);

  schema = g_strdup_printf ("t%d_%u", (int) getpid (), ++serial);
  conn = PQconnectdb (server);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("The test server %s cannot be reached: %s", server, PQerrorMessage (conn));
  sql = g_strdup_printf ("CREATE SCHEMA %s", schema);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("Cannot make the test schema: %s", PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);

  return g_strdup_printf ("%s%soptions=-csearch_path%%3D%s", server,
                          strchr (server, '?') != NULL ? "&" : "?", schema);
}

/* Runs SQL on a PostgreSQL location with a connection of its own, as
 * another program (or psql) would; returns that connection, left open when
 * keep is TRUE (an open transaction holding its locks), else NULL. */
static inline PGconn *
sp_test_pg_exec (const char *location,
                 const char *sql,
                 gboolean    keep)
{
  PGconn *conn = PQconnectdb (location);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("The test server cannot be reached: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  if (keep)
    return conn;
  PQfinish (conn);
  return NULL;
}

static inline gboolean
sp_test_on_postgresql (void)
{
  const char *server = g_getenv ("SPORTELLO_TEST_POSTGRESQL");

  return server != NULL && *server != '\0';
}

static inline void
sp_test_db_open (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  db->path = sp_test_db_location ("sportello.db");
  db->store = sp_store_open (db->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db->store);
}

static inline void
sp_test_db_setup (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SpSetupData setup = {
    .comune_name = "Santarcangelo di Romagna",
    .comune_ipa = "c_i304",
    .desk_name = "Sportello 1",
    .desk_kind = SP_DESK_COUNTER,
    .admin_username = "admin",
    .admin_display_name = "Anna Amministratrice",
    .admin_codice_fiscale = NULL,
    .admin_password = SP_TEST_PASSWORD,
  };

  sp_test_db_open (db, data);
  sp_setup_run (db->store, &setup, &error);
  g_assert_no_error (error);
}

static inline void
sp_test_db_close (SpTestDb *db, gconstpointer data)
{
  g_clear_object (&db->store);
  g_free (db->path);
}

/* A query stepped to its first row, which it must have. */
static inline SpStatement *
sp_test_query_row (SpTestDb *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) stmt = sp_store_query (db->store, &error, sql, SP_END);

  g_assert_no_error (error);
  g_assert_true (sp_statement_next (stmt, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&stmt);
}

/* The one integer a query gives, e.g. "SELECT count(*) FROM audit". */
static inline gint64
sp_test_count (SpTestDb *db, const char *sql)
{
  g_autoptr(SpStatement) stmt = sp_test_query_row (db, sql);

  return sp_statement_get_int (stmt, 0);
}

/* A member of a JSON text (a JSONPath such as "$.erased.identifications")
 * as text, or NULL: read in C, the same on both engines, which write JSON
 * functions differently. */
static inline char *
sp_test_json_get (const char *json,
                  const char *path)
{
  g_autoptr(JsonNode) root = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr(JsonNode) found = root != NULL ? json_path_query (path, root, NULL) : NULL;
  JsonArray *matches = found != NULL ? json_node_get_array (found) : NULL;
  JsonNode *value;

  if (matches == NULL || json_array_get_length (matches) != 1)
    return NULL;
  value = json_array_get_element (matches, 0);
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  if (json_node_get_value_type (value) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  return NULL;
}

/* Every row of a query as text, columns joined by '|' (NULL as '-') and
 * rows by ';', then with_audit " audit:" and the audit trail's length: a
 * table's state, to compare before and after a refused change. */
static inline char *
sp_test_snapshot (SpStore    *store,
                  const char *sql,
                  gboolean    with_audit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) stmt = sp_store_query (store, &error, sql, SP_END);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  while (sp_statement_next (stmt, &error))
    {
      if (out->len > 0)
        g_string_append_c (out, ';');
      for (int i = 0; i < sp_statement_get_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                sp_statement_is_null (stmt, i) ? "-" : sp_statement_get_text (stmt, i));
    }
  g_assert_no_error (error);
  if (with_audit)
    g_string_append_printf (out, " audit:%" G_GINT64_FORMAT,
                            sp_store_query_int (store, -1, NULL, "SELECT count(*) FROM audit", SP_END));
  return g_string_free (out, FALSE);
}

/* From now on every insert into table fails, as a full disk or a broken
 * constraint would make it: a trigger in each engine's dialect. */
static inline void
sp_test_refuse_inserts (SpStore    *store,
                        const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  if (sp_test_on_postgresql ())
    sql = g_strdup_printf ("CREATE OR REPLACE FUNCTION sp_test_refuse () RETURNS trigger LANGUAGE plpgsql "
                           "AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$; "
                           "CREATE TRIGGER refuse_%s BEFORE INSERT ON %s "
                           "FOR EACH ROW EXECUTE FUNCTION sp_test_refuse ()", table, table);
  else
    sql = g_strdup_printf ("CREATE TEMP TRIGGER refuse_%s BEFORE INSERT ON main.%s "
                           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END", table, table);
  sp_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

/* The first column of a query's first row, as text. */
static inline char *
sp_test_query_text (SpTestDb   *db,
                    const char *sql)
{
  g_autoptr(SpStatement) stmt = sp_test_query_row (db, sql);

  return sp_statement_dup_text (stmt, 0);
}

/* tests/seal/make-test-seals.sh run once into a temporary folder (removed
 * by nobody: it is small and under $TMPDIR); returns that folder. */
static inline const char *
sp_test_seals_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *script = g_test_build_filename (G_TEST_DIST, "seal", "make-test-seals.sh", NULL);
      g_autofree char *err = NULL;
      const char *argv[] = { "bash", script, NULL, NULL };
      int status = 0;

      dir = g_dir_make_tmp ("sp-test-seals-XXXXXX", &error);
      g_assert_no_error (error);
      argv[2] = dir;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                    NULL, NULL, NULL, &err, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("make-test-seals.sh failed: %s", err);
    }
  return dir;
}

/* Makes the good test seal (good.p12) the comune's seal. */
static inline SpSeal *
sp_test_install_seal (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (sp_test_seals_dir (), "good.p12", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  SpSeal *seal;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  seal = sp_seal_new_from_pkcs12 (bytes, "test", sp_store_now (), &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_save (store, seal, (SpActor) { 1, 1 }, FALSE, &error));
  g_assert_no_error (error);
  return seal;
}

#define SP_TEST_ADD(path, func) \
  g_test_add (path, SpTestDb, NULL, sp_test_db_open, func, sp_test_db_close)
#define SP_TEST_ADD_SETUP(path, func) \
  g_test_add (path, SpTestDb, NULL, sp_test_db_setup, func, sp_test_db_close)
