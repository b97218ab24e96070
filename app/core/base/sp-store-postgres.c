/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-postgres.c — the PostgreSQL engine (libpq): an office's desks */
#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <poll.h>
#include <string.h>

#include "sp-error.h"
#include "sp-store-private.h"

/* Written as the comment of schema_migrations by the first migration: what
 * tells our database from another program's with a table of that name. */
#define IDENTITY_COMMENT "Sportello"
/* A bundle's rows go in many to one INSERT (sp-store-rows.c): up to 999
 * arguments, as SQLite's oldest limit. */
#define MAX_PARAMS       1000

/* The types arguments are declared with: integers as int8, so that a time
 * in microseconds never overflows a type guessed from a column; bytes as
 * bytea; text, and NULL, left for the server to infer from the SQL. */
#define INT8OID  20
#define BYTEAOID 17
#define TEXTOID  25

/* Where desks announce their commits to each other. */
#define CHANGES_CHANNEL "sportello_changes"

typedef struct
{
  SpEngine    parent;
  PGconn     *conn;
  /* SQL text and its arguments' types → the name it is prepared under on
   * this connection: each is parsed once per connection, then executed. */
  GHashTable *prepared;
  guint       n_prepared;
  /* Between PQresetStart() and the end of PQresetPoll(): reconnecting. */
  gboolean    resetting;
} PgEngine;

typedef struct
{
  SpStatement  parent;
  PgEngine    *engine;
  char        *sql;                  /* as the store wrote it */
  char        *translated;           /* with $N placeholders */
  int          n_params;
  Oid          types[MAX_PARAMS];
  char        *values[MAX_PARAMS];
  int          lengths[MAX_PARAMS];
  int          formats[MAX_PARAMS];
  PGresult    *result;
  int          row;                  /* the current row, -1 before the first */
  int          n_rows;
} PgStatement;

#define ENGINE(e) ((PgEngine *) (e))
#define STMT(s)   ((PgStatement *) (s))

/* PostgreSQL's SQLSTATE classes as the store's errors. */
static gboolean
set_error_from (const char  *sqlstate,
                const char  *detail,
                GError     **error)
{
  if (sqlstate == NULL)
    sqlstate = "";

  if (g_str_has_prefix (sqlstate, "23") || g_str_equal (sqlstate, "P0001") ||
      g_str_equal (sqlstate, "22P02"))
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT,
                 _("The record breaks a rule of the data and was not saved (%s)."), detail);
  else if (g_str_equal (sqlstate, "40001") || g_str_equal (sqlstate, "40P01"))
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CONFLICT,
                         _("The database is in use by another program. Try again in a moment."));
  else if (g_str_equal (sqlstate, "55P03"))
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY,
                         _("The database is in use by another program. Try again in a moment."));
  else if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "53") ||
           g_str_has_prefix (sqlstate, "57") || g_str_equal (sqlstate, "42501") ||
           g_str_equal (sqlstate, "25006"))
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                 _("The database cannot be written: %s. Check the disk and the file permissions."),
                 detail);
  else
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                 _("The database reported an error: %s."), detail);

  return FALSE;
}

/* The connection is gone (the server stopped, the network went): every
 * statement fails at once with this until sp_store_poll_changes()
 * reconnects. */
static gboolean
set_unreachable (PgEngine  *engine,
                 GError   **error)
{
  g_autofree char *detail = g_strstrip (g_strdup (PQerrorMessage (engine->conn)));

  g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE,
               _("The database server cannot be reached: %s."),
               *detail != '\0' ? detail : _("the connection was lost"));
  return FALSE;
}

static gboolean
set_error (PgEngine  *engine,
           PGresult  *result,
           GError   **error)
{
  g_autofree char *detail = NULL;
  const char *message = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  detail = g_strdup (message != NULL ? message : PQerrorMessage (engine->conn));
  g_strchomp (detail);
  if (PQstatus (engine->conn) == CONNECTION_BAD)
    return set_unreachable (engine, error);
  return set_error_from (result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : "08000",
                         detail, error);
}

static gboolean
result_ok (PgEngine  *engine,
           PGresult  *result,
           GError   **error)
{
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;

  /* The code, not the message: a message may quote a value. */
  g_debug ("SQLSTATE %s", result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : "none");
  return set_error (engine, result, error);
}

/* The store's SQL numbers its placeholders ?1, ?2 …; PostgreSQL's are $1,
 * $2 … Literals, quoted names and comments are copied as they are. */
static char *
translate_placeholders (const char *sql,
                        int        *out_n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int next = 1, highest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          g_string_append_c (out, *p++);
          while (*p != '\0' && *p != quote)
            g_string_append_c (out, *p++);
          if (*p == '\0')
            break;
          g_string_append_c (out, *p);
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            g_string_append_c (out, *p++);
          if (*p == '\0')
            break;
          g_string_append_c (out, *p);
        }
      else if (*p == '?')
        {
          int n;

          if (g_ascii_isdigit (p[1]))
            {
              char *end = NULL;
              n = (int) g_ascii_strtoll (p + 1, &end, 10);
              p = end - 1;
            }
          else
            n = next;
          next = n + 1;
          highest = MAX (highest, n);
          g_string_append_printf (out, "$%d", n);
        }
      else
        g_string_append_c (out, *p);
    }

  *out_n_params = highest;
  return g_string_free (out, FALSE);
}

/* Statements */

static void
statement_clear_values (PgStatement *self)
{
  for (int i = 0; i < MAX_PARAMS; i++)
    {
      g_clear_pointer (&self->values[i], g_free);
      self->types[i] = 0;
      self->lengths[i] = 0;
      self->formats[i] = 0;
    }
}

static void
statement_clear (SpStatement *self)
{
  g_clear_pointer (&STMT (self)->result, PQclear);
  STMT (self)->row = -1;
  STMT (self)->n_rows = 0;
  statement_clear_values (STMT (self));
}

static void
statement_free (SpStatement *self)
{
  statement_clear (self);
  g_free (STMT (self)->sql);
  g_free (STMT (self)->translated);
  g_object_unref (self->store);
  g_free (self);
}

static void
set_value (SpStatement *self,
           int          index,
           Oid          type,
           char        *value,
           int          length,
           int          format)
{
  g_return_if_fail (index >= 1 && index <= MAX_PARAMS);

  g_free (STMT (self)->values[index - 1]);
  STMT (self)->types[index - 1] = type;
  STMT (self)->values[index - 1] = value;
  STMT (self)->lengths[index - 1] = length;
  STMT (self)->formats[index - 1] = format;
}

static void
statement_bind_int (SpStatement *self,
                    int          index,
                    gint64       value)
{
  set_value (self, index, INT8OID, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0);
}

static void
statement_bind_text (SpStatement *self,
                     int          index,
                     const char  *text)
{
  set_value (self, index, TEXTOID, g_strdup (text), 0, 0);
}

static void
statement_bind_null (SpStatement *self,
                     int          index)
{
  set_value (self, index, 0, NULL, 0, 0);
}

static void
statement_bind_bytes (SpStatement *self,
                      int          index,
                      const void  *data,
                      gsize        size)
{
  /* Binary, so bytea takes the bytes as they are; never NULL. */
  set_value (self, index, BYTEAOID, size > 0 ? g_memdup2 (data, size) : g_strdup (""),
             (int) size, 1);
}

/* The name the statement is prepared under for the types of its arguments
 * now, preparing it the first time. */
static const char *
statement_prepared_name (PgStatement  *self,
                         GError      **error)
{
  PgEngine *engine = self->engine;
  g_autoptr(GString) key = g_string_new (self->sql);
  g_autofree char *fresh = NULL;
  const char *name, *sqlstate;
  gboolean in_transaction;
  PGresult *result;
  gboolean ok;

  g_string_append_c (key, '\x1f');
  for (int i = 0; i < self->n_params; i++)
    g_string_append_printf (key, "%u,", self->types[i]);

  name = g_hash_table_lookup (engine->prepared, key->str);
  if (name != NULL)
    return name;

  fresh = g_strdup_printf ("sp_%u", ++engine->n_prepared);
  /* Inside a transaction a refused PREPARE would abort it all: a savepoint
   * keeps the caller's work, as a refused statement does on SQLite. */
  in_transaction = PQtransactionStatus (engine->conn) == PQTRANS_INTRANS;
  if (in_transaction)
    PQclear (PQexec (engine->conn, "SAVEPOINT sp_prepare"));
  result = PQprepare (engine->conn, fresh, self->translated, self->n_params, self->types);
  sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  if (g_strcmp0 (sqlstate, "42P18") == 0 || g_strcmp0 (sqlstate, "42P08") == 0)
    {
      /* A NULL, or an argument the SQL does not use, has no type the server
       * can infer: any will do, text is the one a NULL compares with. */
      Oid types[MAX_PARAMS];

      for (int i = 0; i < self->n_params; i++)
        types[i] = self->types[i] != 0 ? self->types[i] : TEXTOID;
      PQclear (result);
      if (in_transaction)
        PQclear (PQexec (engine->conn, "ROLLBACK TO sp_prepare"));
      result = PQprepare (engine->conn, fresh, self->translated, self->n_params, types);
    }
  if (in_transaction)
    PQclear (PQexec (engine->conn, PQresultStatus (result) == PGRES_COMMAND_OK
                                   ? "RELEASE sp_prepare"
                                   : "ROLLBACK TO sp_prepare; RELEASE sp_prepare"));
  ok = result_ok (engine, result, error);
  PQclear (result);
  if (!ok)
    {
      /* The SQL only: the values, which may be personal, are not logged. */
      g_debug ("The server refused to prepare: %s", self->sql);
      return NULL;
    }

  name = fresh;
  g_hash_table_insert (engine->prepared, g_string_free (g_steal_pointer (&key), FALSE),
                       g_steal_pointer (&fresh));
  return name;
}

static gboolean
statement_bound (SpStatement  *self,
                 GError      **error)
{
  return statement_prepared_name (STMT (self), error) != NULL;
}

static gboolean
statement_execute (PgStatement  *self,
                   GError      **error)
{
  PgEngine *engine = self->engine;
  const char *name = statement_prepared_name (self, error);

  if (name == NULL)
    return FALSE;

  self->result = PQexecPrepared (engine->conn, name, self->n_params,
                                 (const char * const *) self->values, self->lengths,
                                 self->formats, 0);
  if (!result_ok (engine, self->result, error))
    {
      g_debug ("A statement failed: %s", self->sql);
      g_clear_pointer (&self->result, PQclear);
      return FALSE;
    }

  self->n_rows = PQntuples (self->result);
  self->row = -1;
  self->parent.changes = g_ascii_strtoll (PQcmdTuples (self->result), NULL, 10);
  return TRUE;
}

static gboolean
statement_step (SpStatement  *self,
                GError      **error)
{
  PgStatement *pg = STMT (self);

  if (pg->result == NULL && !statement_execute (pg, error))
    return FALSE;

  if (pg->row + 1 < pg->n_rows)
    {
      pg->row++;
      return TRUE;
    }

  /* At the end: the next step runs the statement again, as SQLite's does. */
  g_clear_pointer (&pg->result, PQclear);
  pg->row = -1;
  pg->n_rows = 0;
  return FALSE;
}

static const char *
value_at (SpStatement *self,
          int          column)
{
  PgStatement *pg = STMT (self);

  if (pg->result == NULL || pg->row < 0 || PQgetisnull (pg->result, pg->row, column))
    return NULL;

  return PQgetvalue (pg->result, pg->row, column);
}

static gint64
statement_get_int (SpStatement *self,
                   int          column)
{
  const char *value = value_at (self, column);

  if (value == NULL)
    return 0;
  /* A boolean expression reads as SQLite's 1 or 0. */
  if (value[0] == 't' && value[1] == '\0')
    return 1;
  if (value[0] == 'f' && value[1] == '\0')
    return 0;

  return g_ascii_strtoll (value, NULL, 10);
}

static double
statement_get_double (SpStatement *self,
                      int          column)
{
  const char *value = value_at (self, column);

  return value != NULL ? g_ascii_strtod (value, NULL) : 0.0;
}

static const char *
statement_get_text (SpStatement *self,
                    int          column)
{
  return value_at (self, column);
}

static gboolean
statement_is_null (SpStatement *self,
                   int          column)
{
  return value_at (self, column) == NULL;
}

static GBytes *
statement_dup_bytes (SpStatement *self,
                     int          column)
{
  const char *value = value_at (self, column);
  unsigned char *raw;
  size_t size = 0;
  GBytes *bytes;

  if (value == NULL)
    return NULL;

  raw = PQunescapeBytea ((const unsigned char *) value, &size);
  bytes = g_bytes_new (raw, size);
  PQfreemem (raw);
  return bytes;
}

static int
statement_column_count (SpStatement *self)
{
  return STMT (self)->result != NULL ? PQnfields (STMT (self)->result) : 0;
}

static const char *
statement_column_name (SpStatement *self,
                       int          column)
{
  return STMT (self)->result != NULL ? PQfname (STMT (self)->result, column) : NULL;
}

static SpColumnType
statement_column_type (SpStatement *self,
                       int          column)
{
  if (value_at (self, column) == NULL)
    return SP_COLUMN_NULL;

  /* The built-in types' fixed OIDs (pg_type.dat). */
  switch (PQftype (STMT (self)->result, column))
    {
    case 16: /* bool */
    case 20: /* int8 */
    case 21: /* int2 */
    case 23: /* int4 */
    case 26: /* oid */
      return SP_COLUMN_INTEGER;
    case 700:  /* float4 */
    case 701:  /* float8 */
    case 1700: /* numeric */
      return SP_COLUMN_REAL;
    case BYTEAOID:
      return SP_COLUMN_BLOB;
    default:
      return SP_COLUMN_TEXT;
    }
}

static const SpStatementClass statement_class = {
  .free = statement_free,
  .clear = statement_clear,
  .bind_int = statement_bind_int,
  .bind_text = statement_bind_text,
  .bind_null = statement_bind_null,
  .bind_bytes = statement_bind_bytes,
  .bound = statement_bound,
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
  PQfinish (ENGINE (engine)->conn);
  g_clear_pointer (&ENGINE (engine)->prepared, g_hash_table_unref);
  g_free (engine);
}

static gboolean
engine_exec (SpEngine    *engine,
             const char  *script,
             GError     **error)
{
  PGresult *result = PQexec (ENGINE (engine)->conn, script);
  gboolean ok = result_ok (ENGINE (engine), result, error);

  PQclear (result);
  return ok;
}

static SpStatement *
engine_prepare (SpEngine    *engine,
                SpStore     *store,
                const char  *sql,
                GError     **error)
{
  PgEngine *pg = ENGINE (engine);
  g_autofree char *translated = NULL;
  PgStatement *self;
  int n_params = 0;

  translated = translate_placeholders (sql, &n_params);
  if (n_params > MAX_PARAMS)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The database reported an error: %s."), "too many parameters");
      return NULL;
    }

  self = g_new0 (PgStatement, 1);
  self->parent.klass = &statement_class;
  self->parent.store = g_object_ref (store);
  self->engine = pg;
  self->sql = g_strdup (sql);
  self->translated = g_steal_pointer (&translated);
  self->n_params = n_params;
  self->row = -1;
  return &self->parent;
}

static gboolean
engine_in_transaction (SpEngine *engine)
{
  PGTransactionStatusType status = PQtransactionStatus (ENGINE (engine)->conn);

  /* A connection lost (UNKNOWN) took its transaction with it. */
  return status != PQTRANS_IDLE && status != PQTRANS_UNKNOWN;
}

static gint64
engine_last_insert_id (SpEngine *engine)
{
  PGresult *result = PQexec (ENGINE (engine)->conn, "SELECT lastval()");
  gint64 id = 0;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return id;
}

static PGresult *
query (PgEngine    *engine,
       const char  *sql,
       GError     **error)
{
  PGresult *result = PQexec (engine->conn, sql);

  if (!result_ok (engine, result, error))
    g_clear_pointer (&result, PQclear);

  return result;
}

/* Reads, changing nothing, whether the database is empty, ours or another
 * program's. */
static gboolean
engine_read_identity (SpEngine    *engine,
                      const char  *location,
                      int         *out_schema,
                      gboolean    *out_empty,
                      GError     **error)
{
  PgEngine *pg = ENGINE (engine);
  PGresult *result;
  gint64 tables;
  gboolean ours;

  result = query (pg,
                  "SELECT (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()), "
                  "coalesce(obj_description(to_regclass('schema_migrations'), 'pg_class'), '')",
                  error);
  if (result == NULL)
    return FALSE;
  tables = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  ours = g_str_equal (PQgetvalue (result, 0, 1), IDENTITY_COMMENT);
  PQclear (result);

  *out_empty = tables == 0;
  *out_schema = 0;
  if (*out_empty)
    return TRUE;

  if (!ours)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_SPORTELLO,
                   _("“%s” is a database of another program, not of Sportello. It was left untouched."),
                   location);
      return FALSE;
    }

  result = query (pg, "SELECT coalesce(max(version), 0) FROM schema_migrations", error);
  if (result == NULL)
    return FALSE;
  *out_schema = (int) g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return TRUE;
}

static gboolean
engine_prepare_use (SpEngine  *engine,
                    GError   **error)
{
  /* The notices of DDL (“table … does not exist, skipping”) are not for
   * a clerk's log. Every desk listens for the others' commits. */
  return engine_exec (engine, "SET client_min_messages = warning; LISTEN " CHANGES_CHANNEL, error);
}

static void set_local_time_zone (PgEngine *engine);

/* One step of reconnecting, never waiting on the network: *reconnected
 * when this step made the connection usable again. */
static gboolean
engine_reconnect (SpEngine  *engine,
                  gboolean  *reconnected,
                  GError   **error)
{
  PgEngine *pg = ENGINE (engine);

  *reconnected = FALSE;
  if (!pg->resetting)
    {
      if (PQstatus (pg->conn) == CONNECTION_OK)
        return TRUE;
      if (!PQresetStart (pg->conn))
        return set_unreachable (pg, error);
      pg->resetting = TRUE;
    }

  for (;;)
    {
      PostgresPollingStatusType status = PQresetPoll (pg->conn);
      struct pollfd fd = { PQsocket (pg->conn), 0, 0 };

      if (status == PGRES_POLLING_OK)
        break;
      if (status == PGRES_POLLING_FAILED)
        {
          pg->resetting = FALSE;
          return set_unreachable (pg, error);
        }
      /* Go on only as far as the socket is ready now; the next look
       * (half a second later) goes further. */
      fd.events = status == PGRES_POLLING_READING ? POLLIN : POLLOUT;
      if (fd.fd < 0 || poll (&fd, 1, 0) <= 0)
        {
          g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE,
                               _("The database server cannot be reached: reconnecting."));
          return FALSE;
        }
    }

  /* A new session: nothing prepared, the desk's time zone and listening
   * to be set again. */
  pg->resetting = FALSE;
  g_hash_table_remove_all (pg->prepared);
  set_local_time_zone (pg);
  if (!engine_prepare_use (engine, error))
    return FALSE;
  *reconnected = TRUE;
  return TRUE;
}

static gboolean
engine_poll_changes (SpEngine  *engine,
                     gboolean  *changed,
                     GError   **error)
{
  PgEngine *pg = (PgEngine *) engine;
  PGnotify *notify;
  int self_pid = PQbackendPID (pg->conn);

  *changed = FALSE;
  if (!PQconsumeInput (pg->conn))
    return set_unreachable (pg, error);
  /* This desk's own commits come back too: its views already show them. */
  while ((notify = PQnotifies (pg->conn)) != NULL)
    {
      if (notify->be_pid != self_pid)
        *changed = TRUE;
      PQfreemem (notify);
    }
  return TRUE;
}

static gboolean
engine_mark_schema (SpEngine  *engine,
                    int        version,
                    GError   **error)
{
  /* schema_migrations is the record: nothing else to write. */
  return TRUE;
}

/* The connection's own options (host, port, user, dbname, sslmode and its
 * files…) as a conninfo string for pg_dump, without the password, which
 * goes through the environment: never on a command line. */
static char *
dump_connection_string (PGconn *conn)
{
  PQconninfoOption *options = PQconninfo (conn);
  GString *conninfo = g_string_new (NULL);

  for (PQconninfoOption *option = options; option != NULL && option->keyword != NULL; option++)
    {
      if (option->val == NULL || option->val[0] == '\0' ||
          strchr (option->dispchar, '*') != NULL || strchr (option->dispchar, 'D') != NULL)
        continue;

      g_string_append_printf (conninfo, "%s%s='", conninfo->len > 0 ? " " : "", option->keyword);
      for (const char *c = option->val; *c != '\0'; c++)
        {
          if (*c == '\'' || *c == '\\')
            g_string_append_c (conninfo, '\\');
          g_string_append_c (conninfo, *c);
        }
      g_string_append_c (conninfo, '\'');
    }
  PQconninfoFree (options);

  return g_string_free (conninfo, FALSE);
}

static gboolean
engine_backup (SpEngine    *engine,
               const char  *destination,
               GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) dump = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *output = NULL;
  PGconn *conn = ENGINE (engine)->conn;

  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("“%s” already exists. Choose a new file for the backup."), destination);
      return FALSE;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (PQconnectionUsedPassword (conn) && PQpass (conn) != NULL)
    g_subprocess_launcher_setenv (launcher, "PGPASSWORD", PQpass (conn), TRUE);
  dbname = dump_connection_string (conn);
  dump = g_subprocess_launcher_spawn (launcher, &local_error,
                                      "pg_dump", "--format=custom", "--no-owner",
                                      "--file", destination, "--dbname", dbname, NULL);
  if (dump == NULL ||
      !g_subprocess_communicate_utf8 (dump, NULL, NULL, NULL, &output, &local_error))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The backup could not start: %s."), local_error->message);
      return FALSE;
    }

  if (!g_subprocess_get_if_exited (dump) || g_subprocess_get_exit_status (dump) != 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The backup failed: %s. The partial file was removed."),
                   output != NULL ? g_strstrip (output) : "pg_dump");
      g_remove (destination);
      return FALSE;
    }

  return TRUE;
}

static gboolean
engine_check (SpEngine  *engine,
              SpStore   *store,
              GError   **error)
{
  g_autoptr(SpStatement) pending = NULL;
  g_autoptr(GError) local_error = NULL;

  /* PostgreSQL keeps its pages and keys whole by itself; what it can be
   * told to skip is checking a constraint added NOT VALID. */
  pending = sp_store_query (store, error,
                            "SELECT conrelid::regclass::text, conname FROM pg_catalog.pg_constraint "
                            "WHERE NOT convalidated AND connamespace = current_schema()::regnamespace",
                            SP_END);
  if (pending == NULL)
    return FALSE;
  if (sp_statement_next (pending, &local_error))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT,
                   _("A record of “%s” refers to a missing record of “%s”."),
                   sp_statement_get_text (pending, 0), sp_statement_get_text (pending, 1));
      return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Every identity or serial column of the schema, its sequence moved past
 * the highest value written. */
static gboolean
engine_reset_sequences (SpEngine  *engine,
                        SpStore   *store,
                        GError   **error)
{
  g_autoptr(SpStatement) columns = NULL;
  g_autoptr(GPtrArray) setvals = NULL;

  /* The server writes each statement, quoting the names itself. */
  columns = sp_store_query (store, error,
                            "SELECT format ('SELECT setval (%L::regclass, "
                            "coalesce ((SELECT max (%I) FROM %I), 0) + 1, false)', "
                            "pg_get_serial_sequence (quote_ident (c.relname), a.attname), a.attname, c.relname) "
                            "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
                            "AND a.attnum > 0 AND NOT a.attisdropped "
                            "AND pg_get_serial_sequence (quote_ident (c.relname), a.attname) IS NOT NULL",
                            SP_END);
  if (columns == NULL)
    return FALSE;
  setvals = sp_statement_collect_array (columns, sp_statement_row_dup_text, g_free, error);
  if (setvals == NULL)
    return FALSE;

  for (guint i = 0; i < setvals->len; i++)
    {
      if (sp_store_run (store, error, g_ptr_array_index (setvals, i), SP_END) < 0)
        return FALSE;
    }

  return TRUE;
}

static const SpEngineClass engine_class = {
  .name = "postgresql",
  .migration_suffix = ".postgresql.sql",
  .begin_sql = "BEGIN",
  /* One key for the trail of the schema (an office's; the test suite's
   * many): its appends are few and short, and each reads the row the
   * last one wrote. */
  .chain_lock_sql = "SELECT pg_advisory_xact_lock(hashtext('sportello audit ' || current_schema()))",
  .claim_suffix = " FOR UPDATE SKIP LOCKED",
  /* Only a transaction that wrote (has a transaction id): a desk's
   * reload, which may open one that writes nothing, does not make the
   * others reload in turn. */
  .announce_sql = "SELECT pg_notify ('" CHANGES_CHANNEL "', '') WHERE txid_current_if_assigned () IS NOT NULL",
  .close = engine_close,
  .exec = engine_exec,
  .prepare = engine_prepare,
  .in_transaction = engine_in_transaction,
  .last_insert_id = engine_last_insert_id,
  .poll_changes = engine_poll_changes,
  .reconnect = engine_reconnect,
  .read_identity = engine_read_identity,
  .prepare_use = engine_prepare_use,
  .mark_schema = engine_mark_schema,
  .backup = engine_backup,
  .check = engine_check,
  .tables_sql = "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename",
  .references_sql = "SELECT (SELECT relname FROM pg_catalog.pg_class WHERE oid = conrelid), "
                    "(SELECT relname FROM pg_catalog.pg_class WHERE oid = confrelid) "
                    "FROM pg_catalog.pg_constraint "
                    "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace",
  .columns_sql = "SELECT column_name FROM information_schema.columns "
                 "WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position",
  .snapshot_sql = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
  .reset_sequences = engine_reset_sequences,
};

/* The server's sp_local_day() and sp_local_hour() read the session's time
 * zone: make it the desk's, so that a day and an hour mean on the server
 * what they mean to the clerk (and on SQLite). */
static void
set_local_time_zone (PgEngine *engine)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *zone = g_time_zone_get_identifier (local);
  const char *values[] = { zone };
  PGresult *result;

  if (zone == NULL || *zone == '\0' || g_str_equal (zone, "Local"))
    return;

  result = PQexecParams (engine->conn, "SELECT set_config ('TimeZone', $1, false)",
                         1, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_warning ("The server does not know the time zone %s; it keeps its own", zone);
  PQclear (result);
}

/* libpq's message names the server, never the password. */
void
sp_engine_postgres_set_connect_error (PGconn  *conn,
                                      GError **error)
{
  g_autofree char *detail = g_strdup (PQerrorMessage (conn));

  if (PQconnectionNeedsPassword (conn))
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_PASSWORD_NEEDED,
                         _("The database server asks for a password. Put it in ~/.pgpass, or type it "
                           "when asked."));
  else
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                 _("The database server cannot be reached: %s."), g_strstrip (detail));
}

/* Whether the location itself carries a password: one typed on a command
 * line is seen by every user of the computer, in ps and the shell's history. */
static gboolean
carries_password (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  gboolean found = FALSE;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL && *o->val != '\0')
      found = TRUE;
  PQconninfoFree (options);
  return found;
}

SpEngine *
sp_engine_postgres_open_with_password (const char  *conninfo,
                                       const char  *password,
                                       GError     **error)
{
  /* The password goes to libpq as a parameter of its own, after the
   * connection string it overrides: never into a string that is shown.
   * Before it, what the connection string may override: a server that
   * stops answering (a cable pulled, not a server stopped) is given up
   * after seconds, not the minutes of TCP's own timeouts, so that the
   * desk says so and reconnects instead of hanging. */
  const char *keywords[] = { "connect_timeout", "tcp_user_timeout", "keepalives_idle", "keepalives_interval",
                             "keepalives_count", "dbname", password != NULL ? "password" : NULL, NULL };
  const char *values[] = { "5", "5000", "5", "2", "2", conninfo, password, NULL };
  PgEngine *engine;

  if (carries_password (conninfo))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                           _("The database’s address holds a password, which anybody on this computer can "
                             "read: take it out and put it in ~/.pgpass, or type it when asked."));
      return NULL;
    }

  engine = g_new0 (PgEngine, 1);
  engine->parent.klass = &engine_class;
  engine->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  engine->conn = PQconnectdbParams (keywords, values, TRUE);
  if (PQstatus (engine->conn) != CONNECTION_OK)
    {
      sp_engine_postgres_set_connect_error (engine->conn, error);
      engine_close (&engine->parent);
      return NULL;
    }

  set_local_time_zone (engine);
  return &engine->parent;
}

SpEngine *
sp_engine_postgres_open (const char  *conninfo,
                         GError     **error)
{
  return sp_engine_postgres_open_with_password (conninfo, NULL, error);
}

char *
sp_engine_postgres_describe (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  const char *host = NULL, *port = NULL, *user = NULL, *dbname = NULL;
  g_autofree char *server = NULL;
  char *text;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (g_str_equal (o->keyword, "host") || (host == NULL && g_str_equal (o->keyword, "hostaddr")))
        host = o->val;
      else if (g_str_equal (o->keyword, "port"))
        port = o->val;
      else if (g_str_equal (o->keyword, "user"))
        user = o->val;
      else if (g_str_equal (o->keyword, "dbname"))
        dbname = o->val;
    }

  /* libpq's defaults: the system user, a database named after the user. */
  if (user == NULL)
    user = g_get_user_name ();
  if (dbname == NULL)
    dbname = user;

  if (host == NULL || host[0] == '/')
    /* Translators: which database a desk works on: the database, then the user it signs in as. */
    text = g_strdup_printf (_("database “%s” on this computer as “%s”"), dbname, user);
  else
    {
      server = port != NULL && !g_str_equal (port, "5432") ? g_strdup_printf ("%s:%s", host, port)
                                                           : g_strdup (host);
      /* Translators: which database a desk works on: the database, the server, the user it signs in as. */
      text = g_strdup_printf (_("database “%s” on “%s” as “%s”"), dbname, server, user);
    }

  PQconninfoFree (options);
  return text;
}
