/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-copy.c — a whole database copied into an empty one, across engines */
#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-error.h"
#include "sp-store-copy.h"
#include "sp-store-private.h"

/* Rows read from the source at a time, and rows between two reports. */
#define PAGE_ROWS     2000
#define REPORT_ROWS   250

/* Each database keeps the record of its own migrations. */
#define OWN_TABLE "schema_migrations"

typedef struct
{
  char   *name;
  GStrv   columns;     /* in the target's order */
  gboolean has_id;
  gint64  rows;        /* in the source */
} CopyTable;

typedef struct
{
  SpStore             *from;
  SpStore             *to;
  SpStoreCopyProgress  progress;
  gpointer             user_data;
  GPtrArray           *tables;    /* of CopyTable, every one after those it refers to */
  gint64               done;
  gint64               total;
} Copy;

static void
copy_table_free (CopyTable *table)
{
  g_free (table->name);
  g_strfreev (table->columns);
  g_free (table);
}

static const SpEngineClass *
engine_of (SpStore *store)
{
  return sp_store_get_engine (store)->klass;
}

/* "name" as both engines read a quoted identifier. */
static void
append_identifier (GString    *sql,
                   const char *name)
{
  g_string_append_c (sql, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
}

static void
append_column_list (GString      *sql,
                    const GStrv   columns)
{
  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      append_identifier (sql, columns[i]);
    }
}

/* The first column of every row of a query, with ?1 bound to arg when it
 * is not NULL. */
static GStrv
query_names (SpStore     *store,
             const char  *sql,
             const char  *arg,
             GError     **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  GPtrArray *names;

  stmt = arg != NULL ? sp_store_query (store, error, sql, SP_TEXT (arg), SP_END)
                     : sp_store_query (store, error, sql, SP_END);
  if (stmt == NULL)
    return NULL;
  names = sp_statement_collect_array (stmt, sp_statement_row_dup_text, g_free, error);
  if (names == NULL)
    return NULL;

  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

static gboolean
same_names (const GStrv a,
            const GStrv b)
{
  if (g_strv_length (a) != g_strv_length (b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) b, a[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_differs (const char  *what,
             GError     **error)
{
  g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
               _("The two databases are not laid out alike (%s): update both with the same "
                 "version of Sportello first. Nothing was copied."), what);
  return FALSE;
}

typedef struct
{
  GPtrArray  *names;      /* the tables */
  GHashTable *refers;     /* table → GPtrArray of the tables it refers to */
} Dependencies;

static void
add_reference (SpStatement *stmt,
               gpointer     user_data)
{
  Dependencies *deps = user_data;
  const char *table = sp_statement_get_text (stmt, 0);
  const char *referred = sp_statement_get_text (stmt, 1);
  GPtrArray *list;

  /* A table's references to itself are kept by copying in id order. */
  if (table == NULL || referred == NULL || g_str_equal (table, referred))
    return;

  list = g_hash_table_lookup (deps->refers, table);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (deps->refers, g_strdup (table), list);
    }
  g_ptr_array_add (list, g_strdup (referred));
}

/* The tables of store but its own, each after the tables it refers to
 * (and otherwise by name, so the order is the same on every engine). */
static GPtrArray *
list_tables_in_order (SpStore  *store,
                      GError  **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(SpStatement) references = NULL;
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_free);
  Dependencies deps;
  gboolean ok;
  guint left;

  names = query_names (store, engine_of (store)->tables_sql, NULL, error);
  if (names == NULL)
    return NULL;

  references = sp_store_query (store, error, engine_of (store)->references_sql, SP_END);
  if (references == NULL)
    return NULL;
  deps.refers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  ok = sp_statement_foreach (references, add_reference, &deps, error);
  if (!ok)
    {
      g_hash_table_unref (deps.refers);
      return NULL;
    }

  left = 0;
  for (guint i = 0; names[i] != NULL; i++)
    left += !g_str_equal (names[i], OWN_TABLE);

  while (ordered->len < left)
    {
      gboolean progressed = FALSE;

      for (guint i = 0; names[i] != NULL; i++)
        {
          GPtrArray *refers = g_hash_table_lookup (deps.refers, names[i]);
          gboolean ready = TRUE;

          if (g_str_equal (names[i], OWN_TABLE) || g_hash_table_contains (placed, names[i]))
            continue;
          for (guint j = 0; refers != NULL && j < refers->len; j++)
            ready = ready && g_hash_table_contains (placed, g_ptr_array_index (refers, j));
          if (!ready)
            continue;

          g_ptr_array_add (ordered, g_strdup (names[i]));
          g_hash_table_add (placed, names[i]);
          progressed = TRUE;
          /* From the start again, so that the order stays by name. */
          break;
        }

      if (!progressed)
        {
          g_hash_table_unref (deps.refers);
          g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                               _("The tables of the database refer to each other in a circle, so "
                                 "they cannot be copied one after the other."));
          return NULL;
        }
    }

  g_hash_table_unref (deps.refers);
  return g_steal_pointer (&ordered);
}

/* The tables to copy, as the target has them, checked against the source. */
static GPtrArray *
describe_tables (SpStore  *from,
                 SpStore  *to,
                 GError  **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) source_names = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) copy_table_free);

  names = list_tables_in_order (to, error);
  if (names == NULL)
    return NULL;
  source_names = list_tables_in_order (from, error);
  if (source_names == NULL)
    return NULL;

  g_ptr_array_add (names, NULL);
  g_ptr_array_add (source_names, NULL);
  if (!same_names ((GStrv) names->pdata, (GStrv) source_names->pdata))
    {
      set_differs (_("not the same tables"), error);
      return NULL;
    }

  for (guint i = 0; g_ptr_array_index (names, i) != NULL; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_auto(GStrv) source_columns = NULL;
      CopyTable *table = g_new0 (CopyTable, 1);

      g_ptr_array_add (tables, table);
      table->name = g_strdup (name);
      table->columns = query_names (to, engine_of (to)->columns_sql, name, error);
      if (table->columns == NULL)
        return NULL;
      source_columns = query_names (from, engine_of (from)->columns_sql, name, error);
      if (source_columns == NULL)
        return NULL;
      if (!same_names (table->columns, source_columns))
        {
          g_autofree char *what = g_strdup_printf (_("the columns of “%s”"), name);

          set_differs (what, error);
          return NULL;
        }
      table->has_id = g_strv_contains ((const char * const *) table->columns, "id");
    }

  return g_steal_pointer (&tables);
}

static gint64
count_rows (SpStore     *store,
            const char  *table,
            GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM ");

  append_identifier (sql, table);
  return sp_store_query_int (store, -1, error, sql->str, SP_END);
}

/* One row as text that is the same for the same values on every engine. */
static char *
describe_row (SpStatement *stmt)
{
  GString *row = g_string_new (NULL);

  for (int i = 0; i < sp_statement_get_column_count (stmt); i++)
    {
      g_string_append_printf (row, "%s=", sp_statement_get_column_name (stmt, i));
      switch (sp_statement_get_column_type (stmt, i))
        {
        case SP_COLUMN_NULL:
          g_string_append (row, "null");
          break;
        case SP_COLUMN_INTEGER:
          g_string_append_printf (row, "%" G_GINT64_FORMAT, sp_statement_get_int (stmt, i));
          break;
        case SP_COLUMN_REAL:
          g_string_append_printf (row, "%.17g", sp_statement_get_double (stmt, i));
          break;
        case SP_COLUMN_TEXT:
          g_string_append_printf (row, "'%s'", sp_statement_get_text (stmt, i));
          break;
        case SP_COLUMN_BLOB:
          {
            g_autoptr(GBytes) bytes = sp_statement_dup_bytes (stmt, i);
            g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

            g_string_append_printf (row, "blob:%s", sum);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      g_string_append_c (row, '\x1f');
    }

  return g_string_free (row, FALSE);
}

/* The rows of a table, described: what two tables must both give, in
 * some order, to hold the same. */
static GPtrArray *
describe_rows (SpStore          *store,
               const CopyTable  *table,
               GError          **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(SpStatement) stmt = NULL;

  append_column_list (sql, table->columns);
  g_string_append (sql, " FROM ");
  append_identifier (sql, table->name);

  stmt = sp_store_query (store, error, sql->str, SP_END);
  if (stmt == NULL)
    return NULL;
  return sp_statement_collect_array (stmt, (SpStatementRowFunc) describe_row, g_free, error);
}

static gboolean
same_rows (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
        return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Empty means what a freshly created database holds: the rows the
 * migrations themselves write (the services a comune starts with), and
 * nothing else — no desk, no operator, no audit row, no setting. */
static gboolean
check_target_is_new (Copy     *copy,
                     GError  **error)
{
  g_autoptr(SpStore) fresh = NULL;

  fresh = sp_store_open (":memory:", error);
  if (fresh == NULL)
    return FALSE;

  for (guint i = 0; i < copy->tables->len; i++)
    {
      const CopyTable *table = g_ptr_array_index (copy->tables, i);
      g_autoptr(GPtrArray) have = NULL;
      g_autoptr(GPtrArray) seeded = NULL;
      gint64 rows, fresh_rows;

      rows = count_rows (copy->to, table->name, error);
      if (rows < 0)
        return FALSE;
      fresh_rows = count_rows (fresh, table->name, error);
      if (fresh_rows < 0)
        return FALSE;

      if (rows == fresh_rows && rows > 0)
        {
          have = describe_rows (copy->to, table, error);
          if (have == NULL)
            return FALSE;
          seeded = describe_rows (fresh, table, error);
          if (seeded == NULL)
            return FALSE;
          g_ptr_array_sort (have, compare_strings);
          g_ptr_array_sort (seeded, compare_strings);
        }

      if (rows != fresh_rows || (rows > 0 && !same_rows (have, seeded)))
        {
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                       _("The database to copy into is not empty (the table “%s” has data of its "
                         "own). Copy into a new database; nothing was changed."),
                       table->name);
          return FALSE;
        }
    }

  return TRUE;
}

/* Removes from the target what its migrations wrote, which the source's
 * own rows replace: children before the tables they refer to. */
static gboolean
clear_target (Copy     *copy,
              GError  **error)
{
  for (guint i = copy->tables->len; i > 0; i--)
    {
      const CopyTable *table = g_ptr_array_index (copy->tables, i - 1);
      g_autoptr(GString) sql = g_string_new ("DELETE FROM ");

      append_identifier (sql, table->name);
      if (sp_store_run (copy->to, error, sql->str, SP_END) < 0)
        return FALSE;
    }
  return TRUE;
}

static void
report (Copy            *copy,
        const CopyTable *table,
        gint64           table_done)
{
  if (copy->progress != NULL)
    copy->progress (table->name, table_done, table->rows, copy->done, copy->total,
                    copy->user_data);
}

/* Binds the current row of select to insert, value by value as it is. */
static gboolean
bind_row (SpStatement      *select,
          SpStatement      *insert,
          const CopyTable  *table,
          GError          **error)
{
  for (int i = 0; i < sp_statement_get_column_count (select); i++)
    {
      switch (sp_statement_get_column_type (select, i))
        {
        case SP_COLUMN_NULL:
          sp_statement_bind_null (insert, i + 1);
          break;
        case SP_COLUMN_INTEGER:
          sp_statement_bind_int (insert, i + 1, sp_statement_get_int (select, i));
          break;
        case SP_COLUMN_TEXT:
          sp_statement_bind_text (insert, i + 1, sp_statement_get_text (select, i));
          break;
        case SP_COLUMN_BLOB:
          {
            g_autoptr(GBytes) bytes = sp_statement_dup_bytes (select, i);

            sp_statement_bind_bytes (insert, i + 1, bytes);
          }
          break;
        case SP_COLUMN_REAL:
        default:
          /* No column of Sportello's holds one: a value that would not
           * come across exactly is refused, not rounded. */
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                       _("The column “%s” of “%s” holds a number with a fraction, which the copy "
                         "does not carry."), table->columns[i], table->name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
copy_table (Copy             *copy,
            const CopyTable  *table,
            GError          **error)
{
  g_autoptr(GString) select_sql = g_string_new ("SELECT ");
  g_autoptr(GString) insert_sql = g_string_new ("INSERT INTO ");
  g_autoptr(SpStatement) insert = NULL;
  guint n_columns = g_strv_length (table->columns);
  gint64 copied = 0, last_id = G_MININT64;
  int id_column = -1;
  gboolean more = TRUE;

  append_column_list (select_sql, table->columns);
  g_string_append (select_sql, " FROM ");
  append_identifier (select_sql, table->name);
  /* By id, a page at a time: rows that refer to earlier rows of their own
   * table come after them, and a large table is never read whole. */
  if (table->has_id)
    g_string_append_printf (select_sql, " WHERE \"id\" > ?1 ORDER BY \"id\" LIMIT %d", PAGE_ROWS);

  append_identifier (insert_sql, table->name);
  g_string_append (insert_sql, " (");
  append_column_list (insert_sql, table->columns);
  g_string_append (insert_sql, ") VALUES (");
  for (guint i = 0; i < n_columns; i++)
    {
      g_string_append_printf (insert_sql, "%s?%u", i > 0 ? ", " : "", i + 1);
      if (g_str_equal (table->columns[i], "id"))
        id_column = (int) i;
    }
  g_string_append_c (insert_sql, ')');

  insert = sp_store_query (copy->to, error, insert_sql->str, SP_END);
  if (insert == NULL)
    return FALSE;

  report (copy, table, 0);
  while (more)
    {
      g_autoptr(SpStatement) select = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 page = 0;

      select = table->has_id ? sp_store_query (copy->from, error, select_sql->str, SP_INT (last_id), SP_END)
                             : sp_store_query (copy->from, error, select_sql->str, SP_END);
      if (select == NULL)
        return FALSE;

      while (sp_statement_next (select, &local_error))
        {
          if (!bind_row (select, insert, table, error) || !sp_statement_run (insert, error))
            {
              g_prefix_error (error, _("Copying “%s”: "), table->name);
              return FALSE;
            }
          if (id_column >= 0)
            last_id = sp_statement_get_int (select, id_column);
          page++;
          copied++;
          copy->done++;
          if (copied % REPORT_ROWS == 0)
            report (copy, table, copied);
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      more = table->has_id && page == PAGE_ROWS;
    }

  /* The source is read in one snapshot: anything else is a bug. */
  if (copied != table->rows)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("“%s” changed while it was being copied. Nothing was copied."), table->name);
      return FALSE;
    }

  report (copy, table, copied);
  return TRUE;
}

static gboolean
copy_in_target (SpStore   *to,
                gpointer   user_data,
                GError   **error)
{
  Copy *copy = user_data;

  if (!check_target_is_new (copy, error) || !clear_target (copy, error))
    return FALSE;

  for (guint i = 0; i < copy->tables->len; i++)
    {
      if (!copy_table (copy, g_ptr_array_index (copy->tables, i), error))
        return FALSE;
    }

  if (engine_of (to)->reset_sequences != NULL)
    return engine_of (to)->reset_sequences (sp_store_get_engine (to), to, error);

  return TRUE;
}

static gboolean
copy_in_source (SpStore   *from,
                gpointer   user_data,
                GError   **error)
{
  Copy *copy = user_data;

  if (engine_of (from)->snapshot_sql != NULL &&
      !sp_store_exec (from, engine_of (from)->snapshot_sql, error))
    return FALSE;

  /* A run may be a retry (sp_store_transaction): it starts afresh. */
  g_clear_pointer (&copy->tables, g_ptr_array_unref);
  copy->total = 0;
  copy->done = 0;
  copy->tables = describe_tables (from, copy->to, error);
  if (copy->tables == NULL)
    return FALSE;

  for (guint i = 0; i < copy->tables->len; i++)
    {
      CopyTable *table = g_ptr_array_index (copy->tables, i);

      table->rows = count_rows (from, table->name, error);
      if (table->rows < 0)
        return FALSE;
      copy->total += table->rows;
    }

  return sp_store_transaction (copy->to, copy_in_target, copy, error);
}

gboolean
sp_store_copy (SpStore              *from,
               SpStore              *to,
               SpStoreCopyProgress   progress,
               gpointer              user_data,
               GError              **error)
{
  Copy copy = { from, to, progress, user_data, NULL, 0, 0 };
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (from), FALSE);
  g_return_val_if_fail (SP_IS_STORE (to), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (from == to || g_str_equal (sp_store_get_path (from), sp_store_get_path (to)))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("A database cannot be copied into itself."));
      return FALSE;
    }

  if (sp_store_get_schema_version (from) != sp_store_get_schema_version (to))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("The database to copy is at schema %d and the one to copy into at schema %d: "
                     "open both with the same version of Sportello first. Nothing was copied."),
                   sp_store_get_schema_version (from), sp_store_get_schema_version (to));
      return FALSE;
    }

  ok = sp_store_transaction (from, copy_in_source, &copy, error);
  g_clear_pointer (&copy.tables, g_ptr_array_unref);
  return ok;
}
