/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-rows.c — a table's rows as they travel between two databases */
#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-store-rows.h"

/* The SELECT list of a table's travelling columns: references read as
 * the referred row's key. */
static void
append_select (GString           *sql,
               const SpRowsTable *table)
{
  g_string_append (sql, "SELECT ");
  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++)
    {
      if (c != table->columns)
        g_string_append (sql, ", ");
      if (c->kind == SP_ROWS_REF)
        g_string_append_printf (sql, "(SELECT r.%s FROM %s r WHERE r.id = t.%s)", c->ref_key, c->ref_table, c->name);
      else
        g_string_append_printf (sql, "t.%s", c->name);
    }
  g_string_append_printf (sql, " FROM %s t WHERE ", table->table);
}

static JsonObject *
object_from_row (const SpRowsTable *table,
                 SpStatement       *stmt)
{
  JsonObject *object = json_object_new ();
  int i = 0;

  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++, i++)
    {
      if (sp_statement_is_null (stmt, i))
        json_object_set_null_member (object, c->name);
      else if (c->kind == SP_ROWS_INT)
        json_object_set_int_member (object, c->name, sp_statement_get_int (stmt, i));
      else if (c->kind == SP_ROWS_BYTES)
        {
          g_autoptr(GBytes) bytes = sp_statement_dup_bytes (stmt, i);
          gsize size = 0;
          const guchar *data = g_bytes_get_data (bytes, &size);
          g_autofree char *text = g_base64_encode (data, size);

          json_object_set_string_member (object, c->name, text);
        }
      else
        json_object_set_string_member (object, c->name, sp_statement_get_text (stmt, i));
    }
  return object;
}

JsonArray *
sp_store_rows_export (SpStore            *store,
                      const SpRowsTable  *table,
                      gint64              after,
                      gint64              until,
                      GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(JsonArray) rows = json_array_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  append_select (sql, table);
  g_string_append_printf (sql, "t.%s > ?1 AND t.%s <= ?2", table->changed_at, table->changed_at);
  if (table->filter != NULL)
    g_string_append_printf (sql, " AND (%s)", table->filter);
  g_string_append (sql, " ORDER BY t.id");
  stmt = sp_store_query (store, error, sql->str, SP_INT (after), SP_INT (until), SP_END);
  if (stmt == NULL)
    return NULL;
  while (sp_statement_next (stmt, &local_error))
    json_array_add_object_element (rows, object_from_row (table, stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

typedef struct
{
  const SpRowsTable *table;
  SpStatement       *existing;   /* the row under a key, as exported */
  SpStatement       *insert;
  SpStatement       *update;     /* every column but the uuid and the key, by key */
  SpStatement      **lookups;    /* per column: a REF's row id by its key */
  GHashTable       **found;      /* per column: key → id (0: none), already looked up */
  guint              n_columns;
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->existing, sp_statement_free);
  g_clear_pointer (&import->insert, sp_statement_free);
  g_clear_pointer (&import->update, sp_statement_free);
  for (guint i = 0; i < import->n_columns; i++)
    {
      g_clear_pointer (&import->lookups[i], sp_statement_free);
      g_clear_pointer (&import->found[i], g_hash_table_unref);
    }
  g_free (import->lookups);
  g_free (import->found);
}

static gboolean
updated_column (const SpRowsTable  *table,
                const SpRowsColumn *column)
{
  return !g_str_equal (column->name, "uuid") && !g_str_equal (column->name, table->key);
}

static gboolean
import_prepare (SpStore   *store,
                Import    *import,
                GError   **error)
{
  const SpRowsTable *table = import->table;
  g_autoptr(GString) select = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);
  guint i = 0, key_index = 0, uuid_index = 0, n_updated = 0;

  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++)
    import->n_columns++;
  import->lookups = g_new0 (SpStatement *, import->n_columns);
  import->found = g_new0 (GHashTable *, import->n_columns);

  append_select (select, table);
  g_string_append_printf (select, "t.%s = ?1", table->key);
  g_string_append_printf (insert, "INSERT INTO %s (", table->table);
  g_string_append_printf (update, "UPDATE %s SET ", table->table);
  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++, i++)
    {
      g_string_append_printf (insert, "%s%s", i > 0 ? ", " : "", c->name);
      g_string_append_printf (values, "%s?%u", i > 0 ? ", " : "", i + 1);
      if (g_str_equal (c->name, table->key))
        key_index = i + 1;
      else if (g_str_equal (c->name, "uuid"))
        uuid_index = i + 1;
      else if (updated_column (table, c))
        g_string_append_printf (update, "%s%s = ?%u", n_updated++ > 0 ? ", " : "", c->name, i + 1);
      if (c->kind == SP_ROWS_REF)
        {
          g_autofree char *lookup = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1", c->ref_table, c->ref_key);

          import->lookups[i] = sp_store_query (store, error, lookup, SP_END);
          if (import->lookups[i] == NULL)
            return FALSE;
          import->found[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        }
    }
  g_assert (key_index > 0);
  g_string_append_printf (insert, ") VALUES (%s)", values->str);
  g_string_append_printf (update, " WHERE %s = ?%u", table->key, key_index);
  /* Every argument used, so that PostgreSQL infers each one's type: the
   * uuid stays this database's. */
  if (uuid_index > 0)
    g_string_append_printf (update, " AND CAST (?%u AS TEXT) IS NOT NULL", uuid_index);

  import->existing = sp_store_query (store, error, select->str, SP_END);
  import->insert = import->existing != NULL ? sp_store_query (store, error, insert->str, SP_END) : NULL;
  import->update = import->insert != NULL ? sp_store_query (store, error, update->str, SP_END) : NULL;
  return import->update != NULL;
}

/* The id of the row a reference names here: 0 when there is none. */
static gint64
resolve (Import      *import,
         guint        column,
         const char  *key,
         GError     **error)
{
  SpStatement *lookup = import->lookups[column];
  g_autoptr(GError) local_error = NULL;
  gpointer cached;
  gint64 id = 0;

  if (g_hash_table_lookup_extended (import->found[column], key, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);
  sp_statement_bind (lookup, SP_TEXT (key), SP_END);
  if (sp_statement_next (lookup, &local_error))
    id = sp_statement_get_int (lookup, 0);
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  g_hash_table_insert (import->found[column], g_strdup (key), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static gboolean
malformed (const SpRowsTable  *table,
           GError            **error)
{
  g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
               _("A row of the table “%s” is not in the expected form."), table->table);
  return FALSE;
}

/* Binds the row's values to stmt (?1 … in the columns' order): FALSE
 * with conflict set when a reference names a row this database has not. */
static gboolean
bind_row (Import      *import,
          SpStatement *stmt,
          JsonObject  *row,
          const char  *uuid,
          char       **conflict,
          GError     **error)
{
  const SpRowsTable *table = import->table;
  guint i = 0;

  sp_statement_bind (stmt, SP_END);
  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++, i++)
    {
      JsonNode *value = json_object_get_member (row, c->name);
      GType type = value != NULL ? json_node_get_value_type (value) : G_TYPE_INVALID;

      if (value == NULL)
        return malformed (table, error);
      if (JSON_NODE_HOLDS_NULL (value))
        sp_statement_bind_null (stmt, i + 1);
      else if (c->kind == SP_ROWS_INT && type == G_TYPE_INT64)
        sp_statement_bind_int (stmt, i + 1, json_node_get_int (value));
      else if (c->kind == SP_ROWS_TEXT && type == G_TYPE_STRING)
        sp_statement_bind_text (stmt, i + 1, json_node_get_string (value));
      else if (c->kind == SP_ROWS_BYTES && type == G_TYPE_STRING)
        {
          gsize size = 0;
          guchar *data = g_base64_decode (json_node_get_string (value), &size);
          g_autoptr(GBytes) bytes = g_bytes_new_take (data, size);

          sp_statement_bind_bytes (stmt, i + 1, bytes);
        }
      else if (c->kind == SP_ROWS_REF && type == G_TYPE_STRING)
        {
          gint64 id = resolve (import, i, json_node_get_string (value), error);

          if (id < 0)
            return FALSE;
          if (id == 0 && !c->optional)
            {
              /* Translators: a line of the list of a bundle's conflicts:
               * the table, the record's uuid, the column and the table it refers to. */
              *conflict = g_strdup_printf (_("%s %s: its %s refers to a record of %s that this office does not have"),
                                           table->table, uuid, c->name, c->ref_table);
              return FALSE;
            }
          sp_statement_bind_id (stmt, i + 1, id);
        }
      else
        return malformed (table, error);
    }
  return TRUE;
}

/* The names of the columns whose values differ, comma-separated, or NULL
 * when the rows are the same (the uuid aside for a merge by newer). */
static char *
differing_columns (const SpRowsTable *table,
                   JsonObject        *coming,
                   JsonObject        *here)
{
  GString *names = NULL;

  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++)
    {
      JsonNode *a = json_object_get_member (coming, c->name);
      JsonNode *b = json_object_get_member (here, c->name);

      if (table->merge == SP_ROWS_MERGE_NEWER && !updated_column (table, c))
        continue;
      if (a != NULL && b != NULL && json_node_equal (a, b))
        continue;
      if (names == NULL)
        names = g_string_new (c->name);
      else
        g_string_append_printf (names, ", %s", c->name);
    }
  return names != NULL ? g_string_free (names, FALSE) : NULL;
}

static gboolean
is_own (const SpRowsTable *table,
        JsonObject        *row,
        const char        *desk_uuid)
{
  return table->desk != NULL && desk_uuid != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (row, table->desk, NULL), desk_uuid) == 0;
}

static gboolean
import_row (Import      *import,
            JsonObject  *row,
            const char  *desk_uuid,
            SpRowsCounts *counts,
            GPtrArray   *conflicts,
            GError     **error)
{
  const SpRowsTable *table = import->table;
  const char *key = json_object_get_string_member_with_default (row, table->key, NULL);
  const char *uuid = json_object_get_string_member_with_default (row, "uuid", NULL);
  g_autoptr(JsonObject) here = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *conflict = NULL;
  g_autofree char *differ = NULL;
  SpStatement *write = import->insert;

  if (key == NULL || uuid == NULL || !json_object_has_member (row, table->changed_at))
    return malformed (table, error);

  sp_statement_bind (import->existing, SP_TEXT (key), SP_END);
  if (sp_statement_next (import->existing, &local_error))
    here = object_from_row (table, import->existing);
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (here != NULL)
    {
      gboolean newer = json_object_get_int_member_with_default (row, table->changed_at, 0) >
                       json_object_get_int_member_with_default (here, table->changed_at, 0);

      differ = differing_columns (table, row, here);
      if (differ == NULL || (table->merge == SP_ROWS_MERGE_NEWER && !newer))
        {
          counts->unchanged++;
          return TRUE;
        }
      if (table->merge == SP_ROWS_MERGE_OWN_NEWER &&
          !(newer && is_own (table, row, desk_uuid) && is_own (table, here, desk_uuid)))
        {
          /* Translators: a line of the list of a bundle's conflicts: the
           * table, the record's uuid and the names of the columns. */
          g_ptr_array_add (conflicts, g_strdup_printf (_("%s %s: already here with other values (%s)"),
                                                       table->table, uuid, differ));
          return TRUE;
        }
      write = import->update;
    }

  if (!bind_row (import, write, row, uuid, &conflict, error))
    {
      if (conflict == NULL)
        return FALSE;
      g_ptr_array_add (conflicts, g_steal_pointer (&conflict));
      return TRUE;
    }
  if (!sp_statement_run (write, error))
    return FALSE;
  if (write == import->insert)
    counts->inserted++;
  else
    counts->updated++;
  return TRUE;
}

gboolean
sp_store_rows_import (SpStore            *store,
                      const SpRowsTable  *table,
                      JsonArray          *rows,
                      const char         *desk_uuid,
                      SpRowsCounts       *counts,
                      GPtrArray          *conflicts,
                      GError            **error)
{
  Import import = { table, };
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (sp_store_in_transaction (store), FALSE);
  g_return_val_if_fail (counts != NULL && conflicts != NULL, FALSE);

  ok = import_prepare (store, &import, error);
  for (guint i = 0; ok && i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);

      ok = JSON_NODE_HOLDS_OBJECT (node) ? import_row (&import, json_node_get_object (node), desk_uuid,
                                                       counts, conflicts, error)
                                         : malformed (table, error);
    }
  import_clear (&import);
  return ok;
}
