/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-statement.h — a prepared statement of the store, whatever the engine
 *
 * The owners of the tables run their SQL through this and nothing else:
 * typed binds, typed columns, rows turned into objects. SQL uses numbered
 * placeholders (?1, ?2 …) so the same text serves every engine.
 *
 *   if (sp_store_run (store, error,
 *                     "UPDATE desks SET name = ?1 WHERE id = ?2",
 *                     SP_TEXT (name), SP_INT (id), SP_END) < 0)
 *     return FALSE;
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SpStore SpStore;
typedef struct _SpStatement SpStatement;

/* The typed arguments of sp_store_run(), sp_store_query() and
 * sp_statement_bind(), bound to ?1, ?2 … in order and ended by SP_END.
 * The macros cast, so any integer type or enum may be passed. */
typedef enum
{
  SP_ARG_END = 0,
  SP_ARG_INT,
  SP_ARG_TEXT,
  SP_ARG_ID,
  SP_ARG_NULL,
  SP_ARG_BYTES,
} SpArgKind;

#define SP_END        SP_ARG_END
#define SP_INT(v)     SP_ARG_INT, ((gint64) (v))
#define SP_TEXT(v)    SP_ARG_TEXT, ((const char *) (v))
/* A reference that may be absent: NULL when v is 0 or less. */
#define SP_ID(v)      SP_ARG_ID, ((gint64) (v))
#define SP_NULL       SP_ARG_NULL
#define SP_BYTES(v)   SP_ARG_BYTES, ((GBytes *) (v))

/* Prepares sql and binds the arguments: a statement ready to step, or
 * NULL with error set. */
SpStatement  *sp_store_query              (SpStore      *self,
                                           GError      **error,
                                           const char   *sql,
                                           ...);
/* Prepares sql for arguments bound afterwards (sp_statement_bind_*()),
 * as many as it takes: PostgreSQL sees it at its first step, with their
 * types (sp_store_query() would show it the types of no arguments first,
 * a round trip more). */
SpStatement  *sp_store_prepare            (SpStore      *self,
                                           const char   *sql,
                                           GError      **error);
/* Runs one statement that returns no rows: the rows it changed, or -1
 * with error set. */
gint64        sp_store_run                (SpStore      *self,
                                           GError      **error,
                                           const char   *sql,
                                           ...);
/* Runs a query whose first column of its one row is an integer: the
 * value, fallback when there is no row, or fallback with error set. */
gint64        sp_store_query_int          (SpStore      *self,
                                           gint64        fallback,
                                           GError      **error,
                                           const char   *sql,
                                           ...);

void          sp_statement_free           (SpStatement  *self);

/* Resets the statement and binds new arguments, for running it again. */
void          sp_statement_bind           (SpStatement  *self,
                                           ...);
void          sp_statement_bind_valist    (SpStatement  *self,
                                           va_list       args);
void          sp_statement_bind_int       (SpStatement  *self,
                                           int           index,
                                           gint64        value);
void          sp_statement_bind_text      (SpStatement  *self,
                                           int           index,
                                           const char   *text_or_null);
void          sp_statement_bind_id        (SpStatement  *self,
                                           int           index,
                                           gint64        id_or_zero);
void          sp_statement_bind_null      (SpStatement  *self,
                                           int           index);
void          sp_statement_bind_bytes     (SpStatement  *self,
                                           int           index,
                                           GBytes       *bytes_or_null);

/* Steps to the next row: TRUE when there is one; FALSE at the end, or
 * with error set when the engine failed (tell them apart by error). */
gboolean      sp_statement_next           (SpStatement  *self,
                                           GError      **error);
/* Runs a statement that returns no rows to its end (resetting it first,
 * so a bound statement can run again after new binds). */
gboolean      sp_statement_run            (SpStatement  *self,
                                           GError      **error);
/* The rows changed by the statement's last run. */
gint64        sp_statement_get_changes    (SpStatement  *self);

gint64        sp_statement_get_int        (SpStatement  *self,
                                           int           column);
gboolean      sp_statement_get_bool       (SpStatement  *self,
                                           int           column);
double        sp_statement_get_double     (SpStatement  *self,
                                           int           column);
/* Valid until the next step; NULL for SQL NULL. */
const char   *sp_statement_get_text       (SpStatement  *self,
                                           int           column);
char         *sp_statement_dup_text       (SpStatement  *self,
                                           int           column);
gboolean      sp_statement_is_null        (SpStatement  *self,
                                           int           column);
/* NULL for SQL NULL; an empty GBytes for an empty blob. */
GBytes       *sp_statement_dup_bytes      (SpStatement  *self,
                                           int           column);

/* What a column of the current row holds, for code that copies rows it
 * does not know (sp-store-copy.c). */
typedef enum
{
  SP_COLUMN_NULL,
  SP_COLUMN_INTEGER,
  SP_COLUMN_REAL,
  SP_COLUMN_TEXT,
  SP_COLUMN_BLOB,
} SpColumnType;

/* The columns of the current row: how many, their names (valid until the
 * next step) and the type of each value. */
int           sp_statement_get_column_count (SpStatement *self);
const char   *sp_statement_get_column_name  (SpStatement *self,
                                             int          column);
SpColumnType  sp_statement_get_column_type  (SpStatement *self,
                                             int          column);

/* Turns the current row of a statement into a new object. */
typedef gpointer (*SpStatementRowFunc) (SpStatement *stmt);

/* Steps the statement to its end, every row made into an object of
 * item_type by row_func, in a new GListModel. */
GListModel   *sp_statement_collect        (SpStatement         *self,
                                           GType                item_type,
                                           SpStatementRowFunc   row_func,
                                           GError             **error);
/* Calls func on every row, to the end: FALSE with error set when the
 * engine failed on the way. */
typedef void (*SpStatementForeachFunc) (SpStatement *stmt,
                                        gpointer     user_data);
gboolean      sp_statement_foreach        (SpStatement             *self,
                                           SpStatementForeachFunc   func,
                                           gpointer                 user_data,
                                           GError                 **error);
/* The same for rows that are plain structs: a GPtrArray that frees them
 * with free_func. */
GPtrArray    *sp_statement_collect_array  (SpStatement         *self,
                                           SpStatementRowFunc   row_func,
                                           GDestroyNotify       free_func,
                                           GError             **error);
/* A row function for rows of one text: a copy of the first column. */
gpointer      sp_statement_row_dup_text   (SpStatement         *stmt);

/* Steps it once: the row made into an object, or SP_STORE_ERROR_NOT_FOUND
 * with not_found_message when there is none. */
gpointer      sp_statement_fetch_one      (SpStatement         *self,
                                           SpStatementRowFunc   row_func,
                                           const char          *not_found_message,
                                           GError             **error);

/* Prepares sql, binds ?1 to key_text or, when it is NULL, to key_id, and
 * fetches the one row as sp_statement_fetch_one() does: the lookups by
 * name, code, uuid or id of every module. */
gpointer      sp_store_lookup             (SpStore             *self,
                                           const char          *sql,
                                           const char          *key_text,
                                           gint64               key_id,
                                           SpStatementRowFunc   row_func,
                                           const char          *not_found_message,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpStatement, sp_statement_free)

G_END_DECLS
