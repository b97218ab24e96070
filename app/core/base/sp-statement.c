/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-statement.c — prepared statements, typed binds and columns (SQLite) */
#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <sqlite3.h>

#include "sp-error.h"
#include "sp-store-private.h"

struct _SpStatement
{
  SpStore      *store;
  sqlite3_stmt *stmt;
  gint64        changes;
};

static SpStatement *
statement_prepare (SpStore     *store,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  SpStatement *self;
  int rc;

  rc = sqlite3_prepare_v2 (sp_store_get_handle (store), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }

  self = g_new0 (SpStatement, 1);
  self->store = store;
  self->stmt = stmt;
  return self;
}

void
sp_statement_free (SpStatement *self)
{
  if (self == NULL)
    return;

  sqlite3_finalize (self->stmt);
  g_free (self);
}

void
sp_statement_bind_int (SpStatement *self,
                       int          index,
                       gint64       value)
{
  sqlite3_bind_int64 (self->stmt, index, value);
}

void
sp_statement_bind_text (SpStatement *self,
                        int          index,
                        const char  *text_or_null)
{
  if (text_or_null == NULL)
    sqlite3_bind_null (self->stmt, index);
  else
    sqlite3_bind_text (self->stmt, index, text_or_null, -1, SQLITE_TRANSIENT);
}

void
sp_statement_bind_id (SpStatement *self,
                      int          index,
                      gint64       id_or_zero)
{
  if (id_or_zero > 0)
    sqlite3_bind_int64 (self->stmt, index, id_or_zero);
  else
    sqlite3_bind_null (self->stmt, index);
}

void
sp_statement_bind_null (SpStatement *self,
                        int          index)
{
  sqlite3_bind_null (self->stmt, index);
}

void
sp_statement_bind_bytes (SpStatement *self,
                         int          index,
                         GBytes      *bytes_or_null)
{
  gsize size = 0;
  const void *data;

  if (bytes_or_null == NULL)
    {
      sqlite3_bind_null (self->stmt, index);
      return;
    }

  data = g_bytes_get_data (bytes_or_null, &size);
  /* A zero-length blob, not NULL: SQLite binds NULL for a NULL pointer. */
  sqlite3_bind_blob64 (self->stmt, index, size > 0 ? data : "", size, SQLITE_TRANSIENT);
}

void
sp_statement_bind_valist (SpStatement *self,
                          va_list      args)
{
  SpArgKind kind;
  int index = 1;

  sqlite3_reset (self->stmt);
  sqlite3_clear_bindings (self->stmt);

  while ((kind = va_arg (args, SpArgKind)) != SP_ARG_END)
    {
      switch (kind)
        {
        case SP_ARG_INT:
          sp_statement_bind_int (self, index, va_arg (args, gint64));
          break;
        case SP_ARG_TEXT:
          sp_statement_bind_text (self, index, va_arg (args, const char *));
          break;
        case SP_ARG_ID:
          sp_statement_bind_id (self, index, va_arg (args, gint64));
          break;
        case SP_ARG_NULL:
          sp_statement_bind_null (self, index);
          break;
        case SP_ARG_BYTES:
          sp_statement_bind_bytes (self, index, va_arg (args, GBytes *));
          break;
        case SP_ARG_END:
        default:
          g_return_if_reached ();
        }
      index++;
    }
}

void
sp_statement_bind (SpStatement *self,
                   ...)
{
  va_list args;

  va_start (args, self);
  sp_statement_bind_valist (self, args);
  va_end (args);
}

gboolean
sp_statement_next (SpStatement  *self,
                   GError      **error)
{
  int rc = sqlite3_step (self->stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    {
      self->changes = sqlite3_changes (sp_store_get_handle (self->store));
      return FALSE;
    }

  sp_store_set_error (self->store, rc, error);
  return FALSE;
}

gboolean
sp_statement_run (SpStatement  *self,
                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  /* A statement with RETURNING or a SELECT run for its effect still ends
   * in DONE; its rows are passed over. */
  while (sp_statement_next (self, &local_error))
    ;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  sqlite3_reset (self->stmt);
  return TRUE;
}

gint64
sp_statement_get_changes (SpStatement *self)
{
  return self->changes;
}

gint64
sp_statement_get_int (SpStatement *self,
                      int          column)
{
  return sqlite3_column_int64 (self->stmt, column);
}

gboolean
sp_statement_get_bool (SpStatement *self,
                       int          column)
{
  return sqlite3_column_int64 (self->stmt, column) != 0;
}

double
sp_statement_get_double (SpStatement *self,
                         int          column)
{
  return sqlite3_column_double (self->stmt, column);
}

const char *
sp_statement_get_text (SpStatement *self,
                       int          column)
{
  return (const char *) sqlite3_column_text (self->stmt, column);
}

char *
sp_statement_dup_text (SpStatement *self,
                       int          column)
{
  return g_strdup (sp_statement_get_text (self, column));
}

gboolean
sp_statement_is_null (SpStatement *self,
                      int          column)
{
  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}

GBytes *
sp_statement_dup_bytes (SpStatement *self,
                        int          column)
{
  const void *data;
  int size;

  if (sp_statement_is_null (self, column))
    return NULL;

  data = sqlite3_column_blob (self->stmt, column);
  size = sqlite3_column_bytes (self->stmt, column);
  return g_bytes_new (data, size);
}

SpStatement *
sp_store_query (SpStore     *self,
                GError     **error,
                const char  *sql,
                ...)
{
  SpStatement *stmt;
  va_list args;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = statement_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  va_start (args, sql);
  sp_statement_bind_valist (stmt, args);
  va_end (args);

  return stmt;
}

gint64
sp_store_run (SpStore     *self,
              GError     **error,
              const char  *sql,
              ...)
{
  g_autoptr(SpStatement) stmt = NULL;
  va_list args;

  g_return_val_if_fail (SP_IS_STORE (self), -1);
  g_return_val_if_fail (sql != NULL, -1);

  stmt = statement_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;

  va_start (args, sql);
  sp_statement_bind_valist (stmt, args);
  va_end (args);

  if (!sp_statement_run (stmt, error))
    return -1;

  return stmt->changes;
}

gint64
sp_store_query_int (SpStore     *self,
                    gint64       fallback,
                    GError     **error,
                    const char  *sql,
                    ...)
{
  g_autoptr(SpStatement) stmt = NULL;
  va_list args;

  g_return_val_if_fail (SP_IS_STORE (self), fallback);
  g_return_val_if_fail (sql != NULL, fallback);

  stmt = statement_prepare (self, sql, error);
  if (stmt == NULL)
    return fallback;

  va_start (args, sql);
  sp_statement_bind_valist (stmt, args);
  va_end (args);

  if (!sp_statement_next (stmt, error) || sp_statement_is_null (stmt, 0))
    return fallback;

  return sp_statement_get_int (stmt, 0);
}

GListModel *
sp_statement_collect (SpStatement         *self,
                      GType                item_type,
                      SpStatementRowFunc   row_func,
                      GError             **error)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  list = g_list_store_new (item_type);
  while (sp_statement_next (self, &local_error))
    {
      g_autoptr(GObject) item = row_func (self);
      g_list_store_append (list, item);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

gpointer
sp_statement_fetch_one (SpStatement         *self,
                        SpStatementRowFunc   row_func,
                        const char          *not_found_message,
                        GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (sp_statement_next (self, &local_error))
    return row_func (self);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND, not_found_message);

  return NULL;
}

gpointer
sp_store_lookup (SpStore             *self,
                 const char          *sql,
                 const char          *key_text,
                 gint64               key_id,
                 SpStatementRowFunc   row_func,
                 const char          *not_found_message,
                 GError             **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = statement_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (key_text != NULL)
    sp_statement_bind_text (stmt, 1, key_text);
  else
    sp_statement_bind_int (stmt, 1, key_id);

  return sp_statement_fetch_one (stmt, row_func, not_found_message, error);
}
