/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store.c — opening, refusing, migrating and transacting the database */
#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include "sp-setting-keys.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "sp-error.h"
#include "sp-store-private.h"

#define MIGRATIONS_PATH "/it/sportello/db/migrations"
#define BUSY_TIMEOUT_MS 5000
#define SECRET_SETTING  SP_SETTING_INSTALLATION_SECRET
#define SECRET_BYTES    32

struct _SpStore
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
  int      schema_version;
  int      transaction_depth;
};

G_DEFINE_FINAL_TYPE (SpStore, sp_store, G_TYPE_OBJECT)

typedef struct
{
  int         version;
  const char *name;
} Migration;

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  const Migration *ma = a;
  const Migration *mb = b;

  return ma->version - mb->version;
}

/* The numbered migrations compiled into the resource, in order. */
static GArray *
list_migrations (void)
{
  g_auto(GStrv) names = NULL;
  GArray *migrations = g_array_new (FALSE, FALSE, sizeof (Migration));

  names = g_resources_enumerate_children (MIGRATIONS_PATH,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE,
                                          NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Migration m;

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;

      m.version = (int) g_ascii_strtoll (names[i], NULL, 10);
      m.name = g_intern_string (names[i]);
      if (m.version > 0)
        g_array_append_val (migrations, m);
    }

  g_array_sort (migrations, compare_migrations);
  return migrations;
}

int
sp_store_get_latest_version (void)
{
  g_autoptr(GArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;

  return g_array_index (migrations, Migration, migrations->len - 1).version;
}

gboolean
sp_store_set_error (SpStore  *self,
                    int       rc,
                    GError  **error)
{
  const char *detail = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db)
                                                        : sqlite3_errstr (rc);

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

sqlite3 *
sp_store_get_handle (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  return self->db;
}

sqlite3_stmt *
sp_store_prepare (SpStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sp_store_set_error (self, rc, error);
      return NULL;
    }

  return stmt;
}

gboolean
sp_store_exec (SpStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return sp_store_set_error (self, rc, error);

  return TRUE;
}

gboolean
sp_store_step_done (SpStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  return sp_store_set_error (self, rc, error);
}

gint64
sp_store_last_insert_id (SpStore *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
sp_store_in_transaction (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  return !sqlite3_get_autocommit (self->db);
}

gboolean
sp_store_transaction (SpStore                 *self,
                      SpStoreTransactionFunc   func,
                      gpointer                 user_data,
                      GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *savepoint = NULL;
  int outer;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  outer = self->transaction_depth;
  if (outer == 0)
    {
      if (!sp_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT sp_%d", outer);
      if (!sp_store_exec (self, savepoint, error))
        return FALSE;
    }

  self->transaction_depth = outer + 1;
  ok = func (self, user_data, &local_error);
  self->transaction_depth = outer;

  /* func must say why it failed: a FALSE without an error would reach the
   * clerk as nothing at all. */
  if (!ok && local_error == NULL)
    {
      g_critical ("A transaction function failed without setting an error");
      g_set_error_literal (&local_error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                           _("The change could not be saved."));
    }

  if (ok)
    {
      if (outer == 0)
        ok = sp_store_exec (self, "COMMIT", &local_error);
      else
        {
          g_autofree char *release = g_strdup_printf ("RELEASE sp_%d", outer);
          ok = sp_store_exec (self, release, &local_error);
        }
      if (ok)
        return TRUE;
    }

  if (!sqlite3_get_autocommit (self->db))
    {
      if (outer == 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      else
        {
          g_autofree char *undo = g_strdup_printf ("ROLLBACK TO sp_%d; RELEASE sp_%d",
                                                   outer, outer);
          sqlite3_exec (self->db, undo, NULL, NULL, NULL);
        }
    }
  else
    {
      /* The engine already ended the whole transaction (SQLITE_FULL and
       * the like roll it back by themselves): nothing is open any more. */
      self->transaction_depth = 0;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

GListModel *
sp_store_collect (SpStore         *self,
                  sqlite3_stmt    *stmt,
                  GType            item_type,
                  SpStoreRowFunc   row_func,
                  GError         **error)
{
  g_autoptr(GListStore) list = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (stmt != NULL, NULL);

  list = g_list_store_new (item_type);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) item = row_func (stmt);
      g_list_store_append (list, item);
    }

  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (self, rc, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

gpointer
sp_store_fetch_one (SpStore         *self,
                    sqlite3_stmt    *stmt,
                    SpStoreRowFunc   row_func,
                    const char      *not_found_message,
                    GError         **error)
{
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (stmt != NULL, NULL);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return row_func (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND, not_found_message);
  else
    sp_store_set_error (self, rc, error);

  return NULL;
}

gpointer
sp_store_fetch_by_key (SpStore         *self,
                       const char      *sql,
                       const char      *key_text,
                       gint64           key_id,
                       SpStoreRowFunc   row_func,
                       const char      *not_found_message,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = sp_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (key_text != NULL)
    sqlite3_bind_text (stmt, 1, key_text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, key_id);

  return sp_store_fetch_one (self, stmt, row_func, not_found_message, error);
}

gint64
sp_store_run_eraser (SpStore     *self,
                     const char  *sql,
                     gint64       cutoff,
                     const char  *cutoff_day,
                     GError     **error)
{
  return sp_store_run (self, error, sql, SP_INT (cutoff), SP_TEXT (cutoff_day), SP_END);
}

void
sp_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text_or_null)
{
  if (text_or_null == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text_or_null, -1, SQLITE_TRANSIENT);
}

char *
sp_store_column_dup (sqlite3_stmt *stmt,
                     int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

char *
sp_store_new_uuid (void)
{
  return g_uuid_string_random ();
}

/* Per thread: the demo's simulated time, 0 for the real one. */
static GPrivate simulated_clock;

gint64
sp_store_now (void)
{
  gint64 simulated = GPOINTER_TO_SIZE (g_private_get (&simulated_clock));

  return simulated != 0 ? simulated : g_get_real_time ();
}

void
sp_store_set_simulated_clock (gint64 now)
{
  g_private_set (&simulated_clock, GSIZE_TO_POINTER ((gsize) now));
}

char *
sp_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "sportello", "sportello.db", NULL);
}

const char *
sp_store_get_path (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  return self->path;
}

int
sp_store_get_schema_version (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), 0);

  return self->schema_version;
}

static gboolean
query_int (SpStore     *self,
           const char  *sql,
           int         *out_value,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpStatement) stmt = sp_store_query (self, error, sql, SP_END);

  if (stmt == NULL)
    return FALSE;

  if (!sp_statement_next (stmt, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                             _("The database gave no answer."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *out_value = (int) sp_statement_get_int (stmt, 0);
  return TRUE;
}

/* Reads the header without writing anything, so that a refused file is
 * left exactly as it was. */
static gboolean
check_identity (SpStore     *self,
                int          latest,
                GError     **error)
{
  int application_id = 0;
  int user_version = 0;
  int objects = 0;
  g_autoptr(GError) local_error = NULL;

  if (!query_int (self, "PRAGMA application_id", &application_id, &local_error) ||
      !query_int (self, "PRAGMA user_version", &user_version, &local_error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &objects, &local_error))
    {
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT))
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                     _("“%s” is not a Sportello database, or it is damaged. It was left untouched."),
                     self->path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (application_id == 0 && objects == 0)
    return TRUE;  /* a new, empty file */

  if (application_id != SP_STORE_APPLICATION_ID)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_SPORTELLO,
                   _("“%s” is a database of another program, not of Sportello. It was left untouched."),
                   self->path);
      return FALSE;
    }

  if (user_version > latest)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Sportello (schema %d; this version knows up to %d). Update Sportello to open it; the file was left untouched."),
                   self->path, user_version, latest);
      return FALSE;
    }

  self->schema_version = user_version;
  return TRUE;
}

typedef struct
{
  const Migration *migration;
  const char      *sql;
} MigrationStep;

static gboolean
run_migration (SpStore   *self,
               gpointer   user_data,
               GError   **error)
{
  MigrationStep *step = user_data;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", step->migration->version);
  g_autoptr(sqlite3_stmt) record = NULL;

  if (!sp_store_exec (self, step->sql, error) ||
      !sp_store_exec (self, pragma, error))
    return FALSE;

  record = sp_store_prepare (self,
                             "INSERT INTO schema_migrations (version, name, applied_at) "
                             "VALUES (?1, ?2, ?3)", error);
  if (record == NULL)
    return FALSE;
  sqlite3_bind_int (record, 1, step->migration->version);
  sqlite3_bind_text (record, 2, step->migration->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (record, 3, sp_store_now ());
  return sp_store_step_done (self, record, error);
}

static gboolean
apply_migration (SpStore          *self,
                 const Migration  *migration,
                 GError          **error)
{
  g_autofree char *resource = g_strconcat (MIGRATIONS_PATH "/", migration->name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  MigrationStep step;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  step = (MigrationStep) { migration, sql };

  if (!sp_store_transaction (self, run_migration, &step, &local_error))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_MIGRATE,
                   _("The database could not be updated to schema %d (%s): %s. Nothing was changed."),
                   migration->version, migration->name, local_error->message);
      return FALSE;
    }

  self->schema_version = migration->version;
  return TRUE;
}

static gboolean
migrate (SpStore  *self,
         GArray   *migrations,
         GError  **error)
{
  for (guint i = 0; i < migrations->len; i++)
    {
      const Migration *m = &g_array_index (migrations, Migration, i);

      if (m->version <= self->schema_version)
        continue;

      if (!apply_migration (self, m, error))
        return FALSE;

      g_debug ("Applied migration %s", m->name);
    }

  return TRUE;
}

SpStore *
sp_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(SpStore) self = NULL;
  g_autoptr(GArray) migrations = NULL;
  g_autofree char *dir = NULL;
  int latest;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                           _("The cryptography library could not start."));
      return NULL;
    }

  self = g_object_new (SP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

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

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("The database “%s” cannot be opened: %s."), path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  migrations = list_migrations ();
  latest = migrations->len > 0 ? g_array_index (migrations, Migration, migrations->len - 1).version : 0;

  if (!check_identity (self, latest, error))
    return NULL;

  /* Only now, with a file known to be ours (or new), change anything. */
  if (!sp_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !sp_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !sp_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !sp_store_exec (self, "PRAGMA cache_size = -" G_STRINGIFY (SP_STORE_CACHE_KIB), error))
    return NULL;

  if (!migrate (self, migrations, error))
    return NULL;

  return g_steal_pointer (&self);
}

char *
sp_store_get_setting (SpStore    *self,
                      const char *key)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  stmt = sp_store_query (self, NULL, "SELECT value FROM settings WHERE key = ?1", SP_TEXT (key), SP_END);
  if (stmt == NULL || !sp_statement_next (stmt, NULL))
    return NULL;

  return sp_statement_dup_text (stmt, 0);
}

gint64
sp_store_get_setting_int (SpStore    *self,
                          const char *key,
                          gint64      fallback)
{
  g_autofree char *value = sp_store_get_setting (self, key);
  gint64 number;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return fallback;

  return number;
}

gboolean
sp_store_set_setting (SpStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (value == NULL)
    return sp_store_run (self, error, "DELETE FROM settings WHERE key = ?1",
                         SP_TEXT (key), SP_END) >= 0;

  return sp_store_run (self, error,
                       "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                       "updated_at = excluded.updated_at",
                       SP_TEXT (key), SP_TEXT (value), SP_INT (sp_store_now ()), SP_END) >= 0;
}

gboolean
sp_store_backup (SpStore     *self,
                 const char  *destination,
                 GError     **error)
{
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

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

  backup = sqlite3_backup_init (target, "main", self->db, "main");
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

gboolean
sp_store_check (SpStore  *self,
                GError  **error)
{
  g_autoptr(SpStatement) integrity = NULL;
  g_autoptr(SpStatement) keys = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *result;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  integrity = sp_store_query (self, error, "PRAGMA integrity_check(1)", SP_END);
  if (integrity == NULL || !sp_statement_next (integrity, error))
    return FALSE;
  result = sp_statement_get_text (integrity, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The database is damaged (%s). Restore it from a backup."), result);
      return FALSE;
    }

  keys = sp_store_query (self, error, "PRAGMA foreign_key_check", SP_END);
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

/* A copy of data in memory that libsodium wipes when the GBytes goes. */
static GBytes *
wiped_bytes_new (const guint8 *data,
                 gsize         len)
{
  guint8 *copy = sodium_malloc (len + 1);

  if (copy == NULL)
    g_error ("out of memory for a secret of %" G_GSIZE_FORMAT " bytes", len);
  memcpy (copy, data, len);
  return g_bytes_new_with_free_func (copy, len, sodium_free, copy);
}

typedef struct
{
  char *fresh;     /* the key made in case there is none */
  char *encoded;   /* out: the key kept */
} SecretCreation;

static gboolean
create_secret (SpStore   *self,
               gpointer   user_data,
               GError   **error)
{
  SecretCreation *creation = user_data;

  /* Another desk may have created it meanwhile: keep the first one. */
  creation->encoded = sp_store_get_setting (self, SECRET_SETTING);
  if (creation->encoded != NULL)
    return TRUE;
  if (!sp_store_set_setting (self, SECRET_SETTING, creation->fresh, error))
    return FALSE;
  creation->encoded = g_steal_pointer (&creation->fresh);
  return TRUE;
}

GBytes *
sp_store_get_installation_secret (SpStore  *self,
                                  GError  **error)
{
  g_autofree char *encoded = NULL;
  guchar key[SECRET_BYTES];
  gsize len = 0;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  encoded = sp_store_get_setting (self, SECRET_SETTING);
  if (encoded == NULL)
    {
      SecretCreation creation = { NULL, NULL };

      randombytes_buf (key, sizeof key);
      creation.fresh = g_base64_encode (key, sizeof key);
      sodium_memzero (key, sizeof key);

      if (!sp_store_transaction (self, create_secret, &creation, error))
        {
          g_free (creation.fresh);
          g_free (creation.encoded);
          return NULL;
        }
      g_free (creation.fresh);
      encoded = creation.encoded;
    }

  {
    guchar *raw = g_base64_decode (encoded, &len);

    if (len != SECRET_BYTES)
      {
        g_free (raw);
        g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                             _("The installation key in the database is damaged."));
        return NULL;
      }

    GBytes *secret = wiped_bytes_new (raw, len);

    sodium_memzero (raw, len);
    g_free (raw);
    return secret;
  }
}

GBytes *
sp_store_encrypt_secret (SpStore  *self,
                         GBytes   *plain,
                         GError  **error)
{
  g_autoptr(GBytes) secret = NULL;
  const guint8 *data;
  guint8 *sealed;
  gsize len;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (plain != NULL, NULL);

  secret = sp_store_get_installation_secret (self, error);
  if (secret == NULL)
    return NULL;

  data = g_bytes_get_data (plain, &len);
  sealed = g_malloc (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len);
  randombytes_buf (sealed, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy (sealed + crypto_secretbox_NONCEBYTES, data != NULL ? data : (const guint8 *) "",
                         len, sealed, g_bytes_get_data (secret, NULL));

  return g_bytes_new_take (sealed, crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len);
}

GBytes *
sp_store_decrypt_secret (SpStore  *self,
                         GBytes   *sealed,
                         GError  **error)
{
  g_autoptr(GBytes) secret = NULL;
  const guint8 *data;
  guint8 *plain;
  gsize len, plain_len;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (sealed != NULL, NULL);

  secret = sp_store_get_installation_secret (self, error);
  if (secret == NULL)
    return NULL;

  data = g_bytes_get_data (sealed, &len);
  if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    goto damaged;

  plain_len = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
  plain = sodium_malloc (plain_len + 1);
  if (plain == NULL)
    g_error ("out of memory for a secret of %" G_GSIZE_FORMAT " bytes", plain_len);
  if (crypto_secretbox_open_easy (plain, data + crypto_secretbox_NONCEBYTES,
                                  len - crypto_secretbox_NONCEBYTES, data,
                                  g_bytes_get_data (secret, NULL)) != 0)
    {
      sodium_free (plain);
      goto damaged;
    }
  plain[plain_len] = '\0';   /* a password can be read as a string */
  return g_bytes_new_with_free_func (plain, plain_len, sodium_free, plain);

damaged:
  g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                       _("A secret kept in the database cannot be opened: it was altered, or it comes "
                         "from another installation. Set it again."));
  return NULL;
}

static void
sp_store_finalize (GObject *object)
{
  SpStore *self = (SpStore *)object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (sp_store_parent_class)->finalize (object);
}

static void
sp_store_class_init (SpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_store_finalize;
}

static void
sp_store_init (SpStore *self)
{
}
