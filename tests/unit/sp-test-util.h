/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-util.h — a fresh database per test, shared by the unit tests */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
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
