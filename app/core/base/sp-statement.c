/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-statement.c — prepared statements, typed binds and columns, any engine */
#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include "sp-error.h"
#include "sp-store-private.h"

static SpStatement *
statement_prepare (SpStore     *store,
                   const char  *sql,
                   GError     **error)
{
  SpEngine *engine = sp_store_get_engine (store);

  return engine->klass->prepare (engine, store, sql, error);
}

void
sp_statement_free (SpStatement *self)
{
  if (self != NULL)
    self->klass->free (self);
}

void
sp_statement_bind_int (SpStatement *self,
                       int          index,
                       gint64       value)
{
  self->klass->bind_int (self, index, value);
}

void
sp_statement_bind_text (SpStatement *self,
                        int          index,
                        const char  *text_or_null)
{
  if (text_or_null == NULL)
    self->klass->bind_null (self, index);
  else
    self->klass->bind_text (self, index, text_or_null);
}

void
sp_statement_bind_id (SpStatement *self,
                      int          index,
                      gint64       id_or_zero)
{
  if (id_or_zero > 0)
    self->klass->bind_int (self, index, id_or_zero);
  else
    self->klass->bind_null (self, index);
}

void
sp_statement_bind_null (SpStatement *self,
                        int          index)
{
  self->klass->bind_null (self, index);
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
      self->klass->bind_null (self, index);
      return;
    }

  data = g_bytes_get_data (bytes_or_null, &size);
  self->klass->bind_bytes (self, index, data, size);
}

void
sp_statement_bind_valist (SpStatement *self,
                          va_list      args)
{
  SpArgKind kind;
  int index = 1;

  self->klass->clear (self);

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
  return self->klass->step (self, error);
}

gboolean
sp_statement_run (SpStatement  *self,
                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  /* A statement with RETURNING or a SELECT run for its effect still comes
   * to its end; its rows are passed over. */
  while (self->klass->step (self, &local_error))
    ;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

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
  return self->klass->get_int (self, column);
}

gboolean
sp_statement_get_bool (SpStatement *self,
                       int          column)
{
  return self->klass->get_int (self, column) != 0;
}

double
sp_statement_get_double (SpStatement *self,
                         int          column)
{
  return self->klass->get_double (self, column);
}

const char *
sp_statement_get_text (SpStatement *self,
                       int          column)
{
  return self->klass->get_text (self, column);
}

char *
sp_statement_dup_text (SpStatement *self,
                       int          column)
{
  return g_strdup (self->klass->get_text (self, column));
}

gboolean
sp_statement_is_null (SpStatement *self,
                      int          column)
{
  return self->klass->is_null (self, column);
}

GBytes *
sp_statement_dup_bytes (SpStatement *self,
                        int          column)
{
  if (self->klass->is_null (self, column))
    return NULL;

  return self->klass->dup_bytes (self, column);
}

int
sp_statement_get_column_count (SpStatement *self)
{
  return self->klass->column_count (self);
}

const char *
sp_statement_get_column_name (SpStatement *self,
                              int          column)
{
  return self->klass->column_name (self, column);
}

SpColumnType
sp_statement_get_column_type (SpStatement *self,
                              int          column)
{
  return self->klass->column_type (self, column);
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

  if (stmt->klass->bound != NULL && !stmt->klass->bound (stmt, error))
    {
      sp_statement_free (stmt);
      return NULL;
    }
  return stmt;
}

SpStatement *
sp_store_prepare (SpStore     *self,
                  const char  *sql,
                  GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return statement_prepare (self, sql, error);
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

gboolean
sp_statement_foreach (SpStatement             *self,
                      SpStatementForeachFunc   func,
                      gpointer                 user_data,
                      GError                 **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  while (sp_statement_next (self, &local_error))
    func (self, user_data);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
sp_statement_collect_array (SpStatement         *self,
                            SpStatementRowFunc   row_func,
                            GDestroyNotify       free_func,
                            GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  rows = g_ptr_array_new_with_free_func (free_func);
  while (sp_statement_next (self, &local_error))
    g_ptr_array_add (rows, row_func (self));

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

gpointer
sp_statement_row_dup_text (SpStatement *stmt)
{
  return sp_statement_dup_text (stmt, 0);
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
