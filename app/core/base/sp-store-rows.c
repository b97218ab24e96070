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

/* Arguments in one statement at the most: SQLite's oldest limit, and
 * the PostgreSQL backend's. Rows go by as many as fit, so that a bundle's
 * hundreds of rows take a few round trips to a server, not two each. */
#define MAX_ARGS 999

typedef struct
{
  const SpRowsTable *table;
  SpStore           *store;
  guint              n_columns;
  guint              key_column;
  guint              chunk;      /* rows looked up or inserted by one statement */
  SpStatement       *update;     /* every column but the uuid and the key, by key */
  GHashTable        *found;      /* "table\x1fkey\x1fvalue" → id (0: none), already looked up */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->update, sp_statement_free);
  g_clear_pointer (&import->found, g_hash_table_unref);
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
  g_autoptr(GString) update = g_string_new (NULL);
  guint i = 0, key_index = 0, uuid_index = 0, n_updated = 0;

  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++)
    import->n_columns++;
  import->chunk = MAX_ARGS / import->n_columns;

  g_string_append_printf (update, "UPDATE %s SET ", table->table);
  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++, i++)
    {
      if (g_str_equal (c->name, table->key))
        key_index = i + 1;
      else if (g_str_equal (c->name, "uuid"))
        uuid_index = i + 1;
      if (updated_column (table, c))
        g_string_append_printf (update, "%s%s = ?%u", n_updated++ > 0 ? ", " : "", c->name, i + 1);
    }
  g_assert (key_index > 0);
  import->key_column = key_index - 1;
  g_string_append_printf (update, " WHERE %s = ?%u", table->key, key_index);
  /* Every argument used, so that PostgreSQL infers each one's type: the
   * uuid stays this database's. */
  if (uuid_index > 0)
    g_string_append_printf (update, " AND CAST (?%u AS TEXT) IS NOT NULL", uuid_index);
  import->update = sp_store_prepare (store, update->str, error);
  return import->update != NULL;
}

/* "(?, ?, …)": n plain placeholders, as SQLite numbers them itself (it
 * looks each numbered one up among the others). */
static void
append_places (GString *sql,
               guint    n)
{
  g_string_append_c (sql, '(');
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append_c (sql, ')');
}

/* sql, ending in "IN ", with texts in the list that ends it. */
static SpStatement *
query_in (SpStore    *store,
          GString    *sql,
          GPtrArray  *texts,
          GError    **error)
{
  SpStatement *stmt;

  append_places (sql, texts->len);
  stmt = sp_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < texts->len; i++)
    sp_statement_bind_text (stmt, i + 1, g_ptr_array_index (texts, i));
  return stmt;
}

static char *
reference_name (const SpRowsColumn *column,
                const char         *value)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s", column->ref_table, column->ref_key, value);
}

/* The id of the row a reference names here (found by find_references()):
 * 0 when there is none. */
static gint64
resolve (Import     *import,
         guint       column,
         const char *value)
{
  g_autofree char *name = reference_name (&import->table->columns[column], value);

  return GPOINTER_TO_SIZE (g_hash_table_lookup (import->found, name));
}

/* Looks up, by one query a column, the rows that the references of
 * rows[start, start + n) name and that were not looked up before. */
static gboolean
find_references (Import     *import,
                 JsonArray  *rows,
                 guint       start,
                 guint       n,
                 GError    **error)
{
  guint column = 0;

  for (const SpRowsColumn *c = import->table->columns; c->name != NULL; c++, column++)
    {
      g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GString) sql = NULL;
      g_autoptr(SpStatement) stmt = NULL;
      g_autoptr(GError) local_error = NULL;

      if (c->kind != SP_ROWS_REF)
        continue;
      for (guint i = start; i < start + n; i++)
        {
          const char *value = json_object_get_string_member_with_default (json_array_get_object_element (rows, i),
                                                                          c->name, NULL);
          g_autofree char *name = NULL;

          if (value == NULL || !g_hash_table_add (seen, (gpointer) value))
            continue;
          name = reference_name (c, value);
          if (!g_hash_table_contains (import->found, name))
            {
              /* None until the query finds it. */
              g_hash_table_insert (import->found, g_steal_pointer (&name), GSIZE_TO_POINTER (0));
              g_ptr_array_add (wanted, (gpointer) value);
            }
        }
      if (wanted->len == 0)
        continue;
      sql = g_string_new (NULL);
      g_string_append_printf (sql, "SELECT %s, id FROM %s WHERE %s IN ", c->ref_key, c->ref_table, c->ref_key);
      stmt = query_in (import->store, sql, wanted, error);
      if (stmt == NULL)
        return FALSE;
      while (sp_statement_next (stmt, &local_error))
        g_hash_table_insert (import->found, reference_name (c, sp_statement_get_text (stmt, 0)),
                             GSIZE_TO_POINTER ((gsize) sp_statement_get_int (stmt, 1)));
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
malformed (const SpRowsTable  *table,
           GError            **error)
{
  g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
               _("A row of the table “%s” is not in the expected form."), table->table);
  return FALSE;
}

/* Whether every value of row has its column's type and every reference
 * a row here (else *conflict says which does not). */
static gboolean
check_row (Import      *import,
           JsonObject  *row,
           const char  *uuid,
           char       **conflict,
           GError     **error)
{
  const SpRowsTable *table = import->table;
  guint i = 0;

  for (const SpRowsColumn *c = table->columns; c->name != NULL; c++, i++)
    {
      JsonNode *value = json_object_get_member (row, c->name);
      GType type = value != NULL ? json_node_get_value_type (value) : G_TYPE_INVALID;
      gint64 id;

      if (value == NULL)
        return malformed (table, error);
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (c->kind == SP_ROWS_INT ? type != G_TYPE_INT64 : type != G_TYPE_STRING)
        return malformed (table, error);
      if (c->kind != SP_ROWS_REF)
        continue;
      id = resolve (import, i, json_node_get_string (value));
      if (id == 0 && !c->optional)
        {
          /* Translators: a line of the list of a bundle's conflicts:
           * the table, the record's uuid, the column and the table it refers to. */
          *conflict = g_strdup_printf (_("%s %s: its %s refers to a record of %s that this office does not have"),
                                       table->table, uuid, c->name, c->ref_table);
          return FALSE;
        }
    }
  return TRUE;
}

/* Binds a checked row's values to stmt from ?offset+1 on, in the
 * columns' order. */
static void
bind_row (Import      *import,
          SpStatement *stmt,
          guint        offset,
          JsonObject  *row)
{
  guint i = 0;

  for (const SpRowsColumn *c = import->table->columns; c->name != NULL; c++, i++)
    {
      JsonNode *value = json_object_get_member (row, c->name);
      int index = offset + i + 1;

      if (JSON_NODE_HOLDS_NULL (value))
        sp_statement_bind_null (stmt, index);
      else if (c->kind == SP_ROWS_INT)
        sp_statement_bind_int (stmt, index, json_node_get_int (value));
      else if (c->kind == SP_ROWS_TEXT)
        sp_statement_bind_text (stmt, index, json_node_get_string (value));
      else if (c->kind == SP_ROWS_BYTES)
        {
          gsize size = 0;
          guchar *data = g_base64_decode (json_node_get_string (value), &size);
          g_autoptr(GBytes) bytes = g_bytes_new_take (data, size);

          sp_statement_bind_bytes (stmt, index, bytes);
        }
      else
        sp_statement_bind_id (stmt, index, resolve (import, i, json_node_get_string (value)));
    }
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

static const char *
key_of (Import     *import,
        JsonObject *row)
{
  return json_object_get_string_member_with_default (row, import->table->key, NULL);
}

/* The rows here under the keys of rows[start, start + n), by key. */
static GHashTable *
find_existing (Import     *import,
               JsonArray  *rows,
               guint       start,
               guint       n,
               GError    **error)
{
  g_autoptr(GHashTable) here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) json_object_unref);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  append_select (sql, import->table);
  g_string_append_printf (sql, "t.%s IN ", import->table->key);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (keys, (gpointer) key_of (import, json_array_get_object_element (rows, start + i)));
  stmt = query_in (import->store, sql, keys, error);
  if (stmt == NULL)
    return NULL;
  while (sp_statement_next (stmt, &local_error))
    g_hash_table_insert (here, sp_statement_dup_text (stmt, import->key_column),
                         object_from_row (import->table, stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&here);
}

/* One INSERT of the checked rows in pending. */
static gboolean
insert_rows (Import     *import,
             GPtrArray  *pending,
             GError    **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(SpStatement) stmt = NULL;

  if (pending->len == 0)
    return TRUE;
  g_string_append_printf (sql, "INSERT INTO %s (", import->table->table);
  for (const SpRowsColumn *c = import->table->columns; c->name != NULL; c++)
    g_string_append_printf (sql, "%s%s", c != import->table->columns ? ", " : "", c->name);
  g_string_append (sql, ") VALUES ");
  for (guint r = 0; r < pending->len; r++)
    {
      if (r > 0)
        g_string_append (sql, ", ");
      append_places (sql, import->n_columns);
    }
  stmt = sp_store_prepare (import->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint r = 0; r < pending->len; r++)
    bind_row (import, stmt, r * import->n_columns, g_ptr_array_index (pending, r));
  return sp_statement_run (stmt, error);
}

/* The rows [start, start + n): those here already compared (and merged),
 * the others inserted. */
static gboolean
import_chunk (Import       *import,
              JsonArray    *rows,
              guint         start,
              guint         n,
              const char   *desk_uuid,
              SpRowsCounts *counts,
              GPtrArray    *conflicts,
              GError      **error)
{
  const SpRowsTable *table = import->table;
  g_autoptr(GHashTable) here = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = start; i < start + n; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (row == NULL || key_of (import, row) == NULL ||
          json_object_get_string_member_with_default (row, "uuid", NULL) == NULL ||
          !json_object_has_member (row, table->changed_at) || !g_hash_table_add (keys, (gpointer) key_of (import, row)))
        return malformed (table, error);
    }
  here = find_existing (import, rows, start, n, error);
  if (here == NULL || !find_references (import, rows, start, n, error))
    return FALSE;

  for (guint i = start; i < start + n; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *uuid = json_object_get_string_member (row, "uuid");
      JsonObject *there = g_hash_table_lookup (here, key_of (import, row));
      g_autofree char *conflict = NULL;
      g_autofree char *differ = NULL;
      gboolean newer;

      if (table->desk != NULL && desk_uuid != NULL &&
          !JSON_NODE_HOLDS_NULL (json_object_get_member (row, table->desk)) && !is_own (table, row, desk_uuid))
        {
          /* Translators: a line of the list of a bundle's conflicts: the
           * table and the record's uuid. */
          g_ptr_array_add (conflicts, g_strdup_printf (_("%s %s: recorded at another desk than the one that "
                                                         "brought it"), table->table, uuid));
          continue;
        }
      if (!check_row (import, row, uuid, &conflict, error))
        {
          if (conflict == NULL)
            return FALSE;
          g_ptr_array_add (conflicts, g_steal_pointer (&conflict));
          continue;
        }
      if (there == NULL)
        {
          g_ptr_array_add (pending, row);
          continue;
        }
      newer = json_object_get_int_member_with_default (row, table->changed_at, 0) >
              json_object_get_int_member_with_default (there, table->changed_at, 0);
      differ = differing_columns (table, row, there);
      if (differ == NULL || (table->merge == SP_ROWS_MERGE_NEWER && !newer))
        {
          counts->unchanged++;
          continue;
        }
      if (table->merge == SP_ROWS_MERGE_OWN_NEWER &&
          !(newer && is_own (table, row, desk_uuid) && is_own (table, there, desk_uuid)))
        {
          /* Translators: a line of the list of a bundle's conflicts: the
           * table, the record's uuid and the names of the columns. */
          g_ptr_array_add (conflicts, g_strdup_printf (_("%s %s: already here with other values (%s)"),
                                                       table->table, uuid, differ));
          continue;
        }
      sp_statement_bind (import->update, SP_END);
      bind_row (import, import->update, 0, row);
      if (!sp_statement_run (import->update, error))
        return FALSE;
      counts->updated++;
    }
  if (!insert_rows (import, pending, error))
    return FALSE;
  counts->inserted += pending->len;
  return TRUE;
}

gboolean
sp_store_rows_import (SpStore            *store,
                      const SpRowsTable  *table,
                      JsonArray          *rows,
                      const char         *desk_uuid,
                      GHashTable         *references,
                      SpRowsCounts       *counts,
                      GPtrArray          *conflicts,
                      GError            **error)
{
  Import import = { table, store, };
  guint len = json_array_get_length (rows);
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (sp_store_in_transaction (store), FALSE);
  g_return_val_if_fail (counts != NULL && conflicts != NULL, FALSE);

  import.found = references != NULL ? g_hash_table_ref (references) : sp_store_rows_references_new ();
  ok = import_prepare (store, &import, error);
  for (guint start = 0; ok && start < len; start += import.chunk)
    ok = import_chunk (&import, rows, start, MIN (import.chunk, len - start), desk_uuid, counts, conflicts, error);
  import_clear (&import);
  return ok;
}

GHashTable *
sp_store_rows_references_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
