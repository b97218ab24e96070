/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-sqlite.c — the SQLite engine: one desk, a laptop, the tests */
#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-error.h"
#include "sp-store-private.h"

#define BUSY_TIMEOUT_MS 5000

typedef struct
{
  SpEngine    parent;
  sqlite3    *db;
  /* PRAGMA data_version when last polled: it moves when another
   * connection commits. */
  gint64      data_version;
  /* SQL text → a prepared statement not in use: the owners' statements
   * are parsed once per connection, then only reset and bound again. */
  GHashTable *idle;
} SqliteEngine;

typedef struct
{
  SpStatement   parent;
  SqliteEngine *engine;
  sqlite3_stmt *stmt;
} SqliteStatement;

#define ENGINE(e)    ((SqliteEngine *) (e))
#define STMT(s)      (((SqliteStatement *) (s))->stmt)

/* SQLite's result codes as the store's errors, in words for the clerk. */
static gboolean
set_error (sqlite3   *db,
           int        rc,
           GError   **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT,
                   _("The record breaks a rule of the data and was not saved (%s)."),
                   detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY,
                           _("The database is in use by another program. Try again in a moment."));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                           _("The database file is damaged or is not a database. Restore it from a backup."));
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("The database cannot be written: %s. Check the disk and the file permissions."),
                   detail);
      break;

    default:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The database reported an error: %s."), detail);
      break;
    }

  return FALSE;
}

gboolean
sp_store_set_error (SpStore  *self,
                    int       rc,
                    GError  **error)
{
  return set_error (self != NULL ? sp_store_get_handle (self) : NULL, rc, error);
}

sqlite3 *
sp_store_get_handle (SpStore *self)
{
  SpEngine *engine = sp_store_get_engine (self);

  if (engine == NULL || g_strcmp0 (engine->klass->name, "sqlite") != 0)
    return NULL;

  return ENGINE (engine)->db;
}

/* Statements */

static void
statement_free (SpStatement *self)
{
  SqliteEngine *engine = ((SqliteStatement *) self)->engine;
  sqlite3_stmt *stmt = STMT (self);
  const char *sql = sqlite3_sql (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  /* One idle copy of each is enough; the key is the statement's own text. */
  if (g_hash_table_contains (engine->idle, sql))
    sqlite3_finalize (stmt);
  else
    g_hash_table_insert (engine->idle, (gpointer) sql, stmt);

  g_object_unref (self->store);
  g_free (self);
}

static void
statement_clear (SpStatement *self)
{
  sqlite3_reset (STMT (self));
  sqlite3_clear_bindings (STMT (self));
}

static void
statement_bind_int (SpStatement *self,
                    int          index,
                    gint64       value)
{
  sqlite3_bind_int64 (STMT (self), index, value);
}

static void
statement_bind_text (SpStatement *self,
                     int          index,
                     const char  *text)
{
  sqlite3_bind_text (STMT (self), index, text, -1, SQLITE_TRANSIENT);
}

static void
statement_bind_null (SpStatement *self,
                     int          index)
{
  sqlite3_bind_null (STMT (self), index);
}

static void
statement_bind_bytes (SpStatement *self,
                      int          index,
                      const void  *data,
                      gsize        size)
{
  /* A zero-length blob, not NULL: SQLite binds NULL for a NULL pointer. */
  sqlite3_bind_blob64 (STMT (self), index, size > 0 ? data : "", size, SQLITE_TRANSIENT);
}

static gboolean
statement_step (SpStatement  *self,
                GError      **error)
{
  sqlite3 *db = ((SqliteStatement *) self)->engine->db;
  int rc = sqlite3_step (STMT (self));

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    {
      self->changes = sqlite3_changes (db);
      sqlite3_reset (STMT (self));
      return FALSE;
    }

  set_error (db, rc, error);
  sqlite3_reset (STMT (self));
  return FALSE;
}

static gint64
statement_get_int (SpStatement *self,
                   int          column)
{
  return sqlite3_column_int64 (STMT (self), column);
}

static double
statement_get_double (SpStatement *self,
                      int          column)
{
  return sqlite3_column_double (STMT (self), column);
}

static const char *
statement_get_text (SpStatement *self,
                    int          column)
{
  return (const char *) sqlite3_column_text (STMT (self), column);
}

static gboolean
statement_is_null (SpStatement *self,
                   int          column)
{
  return sqlite3_column_type (STMT (self), column) == SQLITE_NULL;
}

static GBytes *
statement_dup_bytes (SpStatement *self,
                     int          column)
{
  const void *data = sqlite3_column_blob (STMT (self), column);
  int size = sqlite3_column_bytes (STMT (self), column);

  return g_bytes_new (data, size);
}

static int
statement_column_count (SpStatement *self)
{
  return sqlite3_column_count (STMT (self));
}

static const char *
statement_column_name (SpStatement *self,
                       int          column)
{
  return sqlite3_column_name (STMT (self), column);
}

static SpColumnType
statement_column_type (SpStatement *self,
                       int          column)
{
  switch (sqlite3_column_type (STMT (self), column))
    {
    case SQLITE_INTEGER:
      return SP_COLUMN_INTEGER;
    case SQLITE_FLOAT:
      return SP_COLUMN_REAL;
    case SQLITE_TEXT:
      return SP_COLUMN_TEXT;
    case SQLITE_BLOB:
      return SP_COLUMN_BLOB;
    default:
      return SP_COLUMN_NULL;
    }
}

static const SpStatementClass statement_class = {
  .free = statement_free,
  .clear = statement_clear,
  .bind_int = statement_bind_int,
  .bind_text = statement_bind_text,
  .bind_null = statement_bind_null,
  .bind_bytes = statement_bind_bytes,
  .step = statement_step,
  .get_int = statement_get_int,
  .get_double = statement_get_double,
  .get_text = statement_get_text,
  .is_null = statement_is_null,
  .dup_bytes = statement_dup_bytes,
  .column_count = statement_column_count,
  .column_name = statement_column_name,
  .column_type = statement_column_type,
};

/* The engine */

static void
engine_close (SpEngine *engine)
{
  g_clear_pointer (&ENGINE (engine)->idle, g_hash_table_unref);
  sqlite3_close_v2 (ENGINE (engine)->db);
  g_free (engine);
}

static gboolean
engine_exec (SpEngine    *engine,
             const char  *script,
             GError     **error)
{
  int rc = sqlite3_exec (ENGINE (engine)->db, script, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error (ENGINE (engine)->db, rc, error);

  return TRUE;
}

static gboolean
engine_poll_changes (SpEngine  *engine,
                     gboolean  *changed,
                     GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version;
  int rc;

  rc = sqlite3_prepare_v2 (ENGINE (engine)->db, "PRAGMA data_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_error (ENGINE (engine)->db, rc, error);
    }
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  /* The first reading only sets the mark. */
  *changed = ENGINE (engine)->data_version != 0 && version != ENGINE (engine)->data_version;
  ENGINE (engine)->data_version = version;
  return TRUE;
}

static SpStatement *
engine_prepare (SpEngine    *engine,
                SpStore     *store,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  SqliteStatement *self;
  int rc;

  if (!g_hash_table_steal_extended (ENGINE (engine)->idle, sql, NULL, (gpointer *) &stmt))
    {
      rc = sqlite3_prepare_v3 (ENGINE (engine)->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_error (ENGINE (engine)->db, rc, error);
          return NULL;
        }
    }

  self = g_new0 (SqliteStatement, 1);
  self->parent.klass = &statement_class;
  self->parent.store = g_object_ref (store);
  self->engine = ENGINE (engine);
  self->stmt = stmt;
  return &self->parent;
}

static gboolean
engine_in_transaction (SpEngine *engine)
{
  return !sqlite3_get_autocommit (ENGINE (engine)->db);
}

static gint64
engine_last_insert_id (SpEngine *engine)
{
  return sqlite3_last_insert_rowid (ENGINE (engine)->db);
}

static gboolean
query_int (SqliteEngine  *engine,
           const char    *sql,
           int           *out_value,
           GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (engine->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return set_error (engine->db, rc, error);

  return TRUE;
}

/* Reads the header without writing anything, so that a refused file is
 * left exactly as it was. */
static gboolean
engine_read_identity (SpEngine    *engine,
                      const char  *location,
                      int         *out_schema,
                      gboolean    *out_empty,
                      GError     **error)
{
  int application_id = 0;
  int user_version = 0;
  int objects = 0;
  g_autoptr(GError) local_error = NULL;

  if (!query_int (ENGINE (engine), "PRAGMA application_id", &application_id, &local_error) ||
      !query_int (ENGINE (engine), "PRAGMA user_version", &user_version, &local_error) ||
      !query_int (ENGINE (engine), "SELECT count(*) FROM sqlite_schema", &objects, &local_error))
    {
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT))
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                     _("“%s” is not a Sportello database, or it is damaged. It was left untouched."),
                     location);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *out_empty = application_id == 0 && objects == 0;
  *out_schema = user_version;
  if (*out_empty)
    return TRUE;

  if (application_id != SP_STORE_APPLICATION_ID)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_SPORTELLO,
                   _("“%s” is a database of another program, not of Sportello. It was left untouched."),
                   location);
      return FALSE;
    }

  return TRUE;
}

static gboolean
engine_prepare_use (SpEngine  *engine,
                    GError   **error)
{
  return engine_exec (engine,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA cache_size = -" G_STRINGIFY (SP_STORE_CACHE_KIB),
                      error);
}

static gboolean
engine_mark_schema (SpEngine  *engine,
                    int        version,
                    GError   **error)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                             SP_STORE_APPLICATION_ID, version);

  return engine_exec (engine, pragma, error);
}

static gboolean
engine_backup (SpEngine    *engine,
               const char  *destination,
               GError     **error)
{
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("“%s” already exists. Choose a new file for the backup."), destination);
      return FALSE;
    }

  rc = sqlite3_open_v2 (destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("The backup file “%s” cannot be created: %s."), destination, sqlite3_errstr (rc));
      sqlite3_close (target);
      return FALSE;
    }

  backup = sqlite3_backup_init (target, "main", ENGINE (engine)->db, "main");
  if (backup == NULL)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The backup could not start: %s."), sqlite3_errmsg (target));
      sqlite3_close (target);
      g_unlink (destination);
      return FALSE;
    }

  /* In steps, so that desks writing meanwhile wait only briefly. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (50 * 1000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The backup failed: %s. The partial file was removed."), sqlite3_errstr (rc));
      sqlite3_close (target);
      g_unlink (destination);
      return FALSE;
    }

  sqlite3_close (target);
  return TRUE;
}

static gboolean
engine_check (SpEngine  *engine,
              SpStore   *store,
              GError   **error)
{
  g_autoptr(SpStatement) integrity = NULL;
  g_autoptr(SpStatement) keys = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *result;

  integrity = sp_store_query (store, error, "PRAGMA integrity_check(1)", SP_END);
  if (integrity == NULL || !sp_statement_next (integrity, error))
    return FALSE;
  result = sp_statement_get_text (integrity, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The database is damaged (%s). Restore it from a backup."), result);
      return FALSE;
    }

  keys = sp_store_query (store, error, "PRAGMA foreign_key_check", SP_END);
  if (keys == NULL)
    return FALSE;
  if (sp_statement_next (keys, &local_error))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT,
                   _("A record of “%s” refers to a missing record of “%s”."),
                   sp_statement_get_text (keys, 0),
                   sp_statement_get_text (keys, 2));
      return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static const SpEngineClass engine_class = {
  .name = "sqlite",
  .migration_suffix = NULL,
  .begin_sql = "BEGIN IMMEDIATE",
  .chain_lock_sql = NULL,
  .claim_suffix = "",
  .announce_sql = NULL,
  .close = engine_close,
  .exec = engine_exec,
  .prepare = engine_prepare,
  .in_transaction = engine_in_transaction,
  .last_insert_id = engine_last_insert_id,
  .poll_changes = engine_poll_changes,
  .reconnect = NULL,
  .read_identity = engine_read_identity,
  .prepare_use = engine_prepare_use,
  .mark_schema = engine_mark_schema,
  .backup = engine_backup,
  .check = engine_check,
  .tables_sql = "SELECT name FROM sqlite_schema "
                "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  .references_sql = "SELECT m.name, f.\"table\" FROM sqlite_schema m, pragma_foreign_key_list (m.name) f "
                    "WHERE m.type = 'table'",
  .columns_sql = "SELECT name FROM pragma_table_info (?1) ORDER BY cid",
  /* BEGIN IMMEDIATE holds the database still, and AUTOINCREMENT follows
   * the highest rowid written. */
  .snapshot_sql = NULL,
  .reset_sequences = NULL,
};

/* SQL: sp_local_day(µs) → the local day 'YYYY-MM-DD', sp_local_hour(µs) →
 * the local hour 0–23; NULL for anything but an integer. PostgreSQL has
 * the same two as SQL functions (migration 0011). */
static gboolean
local_time_of (sqlite3_context  *ctx,
               sqlite3_value   **argv,
               struct tm        *tm)
{
  time_t t;

  if (sqlite3_value_type (argv[0]) != SQLITE_INTEGER)
    {
      sqlite3_result_null (ctx);
      return FALSE;
    }
  t = (time_t) (sqlite3_value_int64 (argv[0]) / G_USEC_PER_SEC);
  if (localtime_r (&t, tm) == NULL)
    {
      sqlite3_result_null (ctx);
      return FALSE;
    }
  return TRUE;
}

static void
sql_local_day (sqlite3_context  *ctx,
               int               argc,
               sqlite3_value   **argv)
{
  struct tm tm;
  char day[16];

  if (!local_time_of (ctx, argv, &tm))
    return;
  g_snprintf (day, sizeof day, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  sqlite3_result_text (ctx, day, -1, SQLITE_TRANSIENT);
}

static void
sql_local_hour (sqlite3_context  *ctx,
                int               argc,
                sqlite3_value   **argv)
{
  struct tm tm;

  if (local_time_of (ctx, argv, &tm))
    sqlite3_result_int (ctx, tm.tm_hour);
}

SpEngine *
sp_engine_sqlite_open (const char  *path,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  SqliteEngine *engine;
  int rc;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("“%s” is a folder, not a database file."), path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("The folder “%s” cannot be created: %s."), dir, g_strerror (errno));
      return NULL;
    }

  engine = g_new0 (SqliteEngine, 1);
  engine->parent.klass = &engine_class;
  engine->idle = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) sqlite3_finalize);
  rc = sqlite3_open_v2 (path, &engine->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("The database “%s” cannot be opened: %s."), path,
                   engine->db != NULL ? sqlite3_errmsg (engine->db) : sqlite3_errstr (rc));
      engine_close (&engine->parent);
      return NULL;
    }

  sqlite3_extended_result_codes (engine->db, TRUE);
  sqlite3_busy_timeout (engine->db, BUSY_TIMEOUT_MS);
  tzset ();
  sqlite3_create_function_v2 (engine->db, "sp_local_day", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              NULL, sql_local_day, NULL, NULL, NULL);
  sqlite3_create_function_v2 (engine->db, "sp_local_hour", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              NULL, sql_local_hour, NULL, NULL, NULL);
  return &engine->parent;
}
