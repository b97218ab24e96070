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
#define SECRET_SETTING  SP_SETTING_INSTALLATION_SECRET
#define SECRET_BYTES    32
/* How many times a transaction that crossed another desk's is tried. */
#define TRANSACTION_ATTEMPTS 5

struct _SpStore
{
  GObject  parent_instance;

  SpEngine *engine;
  char     *path;
  int       schema_version;
  int       transaction_depth;
  /* The installation secret once read: a desk that lost its server still
   * seals what it keeps locally meanwhile. Wiped when freed. */
  GBytes   *secret;
};

G_DEFINE_FINAL_TYPE (SpStore, sp_store, G_TYPE_OBJECT)

enum
{
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

      /* An engine's own version of a step ("0001-initial.postgresql.sql")
       * stands beside the step, not in the list. */
      if (!g_str_has_suffix (names[i], ".sql") || strchr (names[i], '.') != strrchr (names[i], '.'))
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

SpEngine *
sp_store_get_engine (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  return self->engine;
}

const char *
sp_store_get_engine_name (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  return self->engine->klass->name;
}

gboolean
sp_store_location_is_postgres (const char *location)
{
  return g_str_has_prefix (location, "postgresql://") ||
         g_str_has_prefix (location, "postgres://");
}

gboolean
sp_store_exec (SpStore     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  return self->engine->klass->exec (self->engine, sql, error);
}

gint64
sp_store_last_insert_id (SpStore *self)
{
  return self->engine->klass->last_insert_id (self->engine);
}

gboolean
sp_store_in_transaction (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  return self->engine->klass->in_transaction (self->engine);
}

static gboolean
run_transaction (SpStore                 *self,
                 SpStoreTransactionFunc   func,
                 gpointer                 user_data,
                 GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *savepoint = NULL;
  int outer;
  gboolean ok;

  outer = self->transaction_depth;
  if (outer == 0)
    {
      if (!sp_store_exec (self, self->engine->klass->begin_sql, error))
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

  if (ok && outer == 0 &&
      (self->engine->klass->announce_sql == NULL ||
       sp_store_exec (self, self->engine->klass->announce_sql, &local_error)))
    {
      if (sp_store_exec (self, "COMMIT", &local_error))
        {
          g_signal_emit (self, signals[COMMITTED], 0);
          return TRUE;
        }
      /* The server may have committed before the connection went: the
       * pages make the same write again with the same uuid, which the
       * owners do not write twice (sp-pending-write.h). */
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE))
        {
          g_clear_error (&local_error);
          g_set_error_literal (&local_error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE,
                               _("The database server went away while saving: once it is back, do "
                                 "the same again; what was already saved is not saved twice."));
        }
    }
  else if (ok && outer > 0)
    {
      g_autofree char *release = g_strdup_printf ("RELEASE sp_%d", outer);

      if (sp_store_exec (self, release, &local_error))
        return TRUE;
    }

  if (sp_store_in_transaction (self))
    {
      if (outer == 0)
        sp_store_exec (self, "ROLLBACK", NULL);
      else
        {
          g_autofree char *undo = g_strdup_printf ("ROLLBACK TO sp_%d; RELEASE sp_%d",
                                                   outer, outer);
          sp_store_exec (self, undo, NULL);
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

gboolean
sp_store_transaction (SpStore                 *self,
                      SpStoreTransactionFunc   func,
                      gpointer                 user_data,
                      GError                 **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Two desks' transactions that cross (a serialization failure, a
   * deadlock) lose nothing: the one the server stopped runs again, after
   * a pause that keeps the two from crossing once more. Inside a
   * transaction the outermost one decides. */
  for (int attempt = 1; ; attempt++)
    {
      if (run_transaction (self, func, user_data, &local_error))
        return TRUE;
      if (self->transaction_depth > 0 || attempt == TRANSACTION_ATTEMPTS ||
          !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT))
        break;
      g_debug ("Transaction attempt %d crossed another desk's: again", attempt);
      g_clear_error (&local_error);
      g_usleep (g_random_int_range (10, 50) * attempt * 1000);
    }

  /* The last conflict reads as the busy database it was; inside another
   * transaction it stays a conflict, for the outermost one to retry. */
  if (self->transaction_depth == 0 && g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT))
    local_error->code = SP_STORE_ERROR_BUSY;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
sp_store_lock_chain (SpStore  *self,
                     GError  **error)
{
  const char *sql;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (sp_store_in_transaction (self), FALSE);

  sql = self->engine->klass->chain_lock_sql;
  return sql == NULL || sp_store_exec (self, sql, error);
}

gboolean
sp_store_poll_changes (SpStore  *self,
                       gboolean *changed,
                       GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (changed != NULL, FALSE);

  *changed = FALSE;
  /* Inside a transaction the answer would be of this desk's own writes. */
  if (sp_store_in_transaction (self))
    return TRUE;

  if (self->engine->klass->reconnect != NULL)
    {
      gboolean reconnected = FALSE;

      if (!self->engine->klass->reconnect (self->engine, &reconnected, error))
        return FALSE;
      if (reconnected)
        {
          /* Whatever happened meanwhile, the views read it again. */
          g_debug ("Connected to the database server again");
          self->transaction_depth = 0;
          *changed = TRUE;
          return TRUE;
        }
    }
  return self->engine->klass->poll_changes (self->engine, changed, error);
}

gboolean
sp_store_claim (SpStore     *self,
                const char  *table,
                gint64       id,
                const char  *condition,
                gboolean    *claimed,
                GError     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 found;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (sp_store_in_transaction (self), FALSE);
  g_return_val_if_fail (claimed != NULL, FALSE);

  sql = g_strdup_printf ("SELECT count(*) FROM (SELECT id FROM %s WHERE id = ?1 AND (%s)%s) AS claimed",
                         table, condition, self->engine->klass->claim_suffix);
  found = sp_store_query_int (self, -1, &local_error, sql, SP_INT (id), SP_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *claimed = found == 1;
  return TRUE;
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

/* Reads, changing nothing, whether the database is ours, so that a
 * refused one is left exactly as it was. */
static gboolean
check_identity (SpStore     *self,
                int          latest,
                GError     **error)
{
  gboolean empty = FALSE;
  int schema = 0;

  if (!self->engine->klass->read_identity (self->engine, self->path, &schema, &empty, error))
    return FALSE;

  if (schema > latest)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Sportello (schema %d; this version knows up to %d). Update Sportello to open it; the file was left untouched."),
                   self->path, schema, latest);
      return FALSE;
    }

  self->schema_version = empty ? 0 : schema;
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

  if (!sp_store_exec (self, step->sql, error) ||
      !self->engine->klass->mark_schema (self->engine, step->migration->version, error))
    return FALSE;

  return sp_store_run (self, error,
                       "INSERT INTO schema_migrations (version, name, applied_at) "
                       "VALUES (?1, ?2, ?3)",
                       SP_INT (step->migration->version), SP_TEXT (step->migration->name),
                       SP_INT (sp_store_now ()), SP_END) >= 0;
}

/* On PostgreSQL, the role that owns the tables when this connection's is
 * another one (a desk's); NULL otherwise. */
static char *
owner_if_not_me (SpStore *self)
{
  g_autoptr(SpStatement) stmt = sp_store_query (self, NULL,
                                                "SELECT pg_get_userbyid (relowner) FROM pg_class "
                                                "WHERE relname = 'schema_migrations' "
                                                "  AND relnamespace = to_regnamespace (current_schema ()) "
                                                "  AND pg_get_userbyid (relowner) <> current_user",
                                                SP_END);

  if (stmt == NULL || !sp_statement_next (stmt, NULL))
    return NULL;
  return sp_statement_dup_text (stmt, 0);
}

static gboolean
apply_migration (SpStore          *self,
                 const Migration  *migration,
                 GError          **error)
{
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  MigrationStep step;

  /* The engine's own version of the step where its DDL differs. */
  if (self->engine->klass->migration_suffix != NULL)
    {
      g_autofree char *stem = g_strndup (migration->name, strlen (migration->name) - strlen (".sql"));

      resource = g_strconcat (MIGRATIONS_PATH "/", stem, self->engine->klass->migration_suffix, NULL);
      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }
  if (bytes == NULL)
    {
      g_free (resource);
      resource = g_strconcat (MIGRATIONS_PATH "/", migration->name, NULL);
      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
    }
  if (bytes == NULL)
    return FALSE;

  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  step = (MigrationStep) { migration, sql };

  if (!sp_store_transaction (self, run_migration, &step, &local_error))
    {
      g_autofree char *owner = NULL;

      /* On an office's server the desks' role may not change the tables:
       * say who may. */
      if (g_str_equal (sp_store_get_engine_name (self), "postgresql") &&
          g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN))
        owner = owner_if_not_me (self);
      if (owner != NULL)
        {
          /* Translators: %d is a schema number, %s the database owner's role, e.g. sportello_owner */
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_MIGRATE,
                       _("The database needs updating to schema %d, which only its owner may do: the IT "
                         "office runs any sportello-admin command once as %s (for example "
                         "“sportello-admin --database postgresql://%s@…/… check”), then this desk starts "
                         "again. Nothing was changed."),
                       migration->version, owner, owner);
          return FALSE;
        }
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
sp_store_open (const char  *location,
               GError     **error)
{
  return sp_store_open_with_password (location, NULL, error);
}

char *
sp_store_describe_location (const char *location)
{
  g_return_val_if_fail (location != NULL, NULL);

  if (sp_store_location_is_postgres (location))
    return sp_engine_postgres_describe (location);

  return g_strdup (location);
}

SpStore *
sp_store_open_with_password (const char  *location,
                             const char  *password,
                             GError     **error)
{
  g_autoptr(SpStore) self = NULL;
  g_autoptr(GArray) migrations = NULL;
  int latest;

  g_return_val_if_fail (location != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                           _("The cryptography library could not start."));
      return NULL;
    }

  self = g_object_new (SP_TYPE_STORE, NULL);
  self->path = g_strdup (location);
  if (sp_store_location_is_postgres (location))
    self->engine = sp_engine_postgres_open_with_password (location, password, error);
  else
    self->engine = sp_engine_sqlite_open (location, error);
  if (self->engine == NULL)
    return NULL;

  migrations = list_migrations ();
  latest = migrations->len > 0 ? g_array_index (migrations, Migration, migrations->len - 1).version : 0;

  if (!check_identity (self, latest, error))
    return NULL;

  /* Only now, with a database known to be ours (or new), change anything. */
  if (!self->engine->klass->prepare_use (self->engine, error))
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

  if (g_strcmp0 (key, SECRET_SETTING) == 0)
    g_clear_pointer (&self->secret, g_bytes_unref);
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
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  return self->engine->klass->backup (self->engine, destination, error);
}

gboolean
sp_store_check (SpStore  *self,
                GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  return self->engine->klass->check (self->engine, self, error);
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

  /* Another desk may have created it meanwhile: keep the first one. A
   * retried run (sp_store_transaction) still has the fresh one to offer. */
  g_clear_pointer (&creation->encoded, g_free);
  creation->encoded = sp_store_get_setting (self, SECRET_SETTING);
  if (creation->encoded != NULL)
    return TRUE;
  if (!sp_store_set_setting (self, SECRET_SETTING, creation->fresh, error))
    return FALSE;
  creation->encoded = g_strdup (creation->fresh);
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

  if (self->secret != NULL)
    return g_bytes_ref (self->secret);

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
    self->secret = g_bytes_ref (secret);
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

  if (self->engine != NULL)
    self->engine->klass->close (self->engine);
  g_clear_pointer (&self->secret, g_bytes_unref);
  g_free (self->path);

  G_OBJECT_CLASS (sp_store_parent_class)->finalize (object);
}

static void
sp_store_class_init (SpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_store_finalize;

  /* After each outermost transaction this program commits: what shows
   * this desk's own work as it happens (the waiting-room screen opened
   * from a desk's menu); other desks' work comes through
   * sp_store_poll_changes(). */
  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sp_store_init (SpStore *self)
{
}
