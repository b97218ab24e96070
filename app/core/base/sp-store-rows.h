/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-rows.h — a table's rows as they travel between two databases
 *
 * A pop-up laptop's records reach the office as JSON (sp-bundle.h): rows
 * named by a key both databases share (the uuid; a citizen's codice
 * fiscale), their references to other tables by that table's key rather
 * than by the local integer ids, which differ. Each owner module describes
 * its table once (which columns travel, which rows, how a row that is
 * already there merges) and calls these; nobody else writes its table.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_ROWS_TEXT,
  SP_ROWS_INT,
  SP_ROWS_BYTES,   /* base64 in JSON */
  SP_ROWS_REF,     /* a row of ref_table, by its ref_key */
} SpRowsKind;

typedef struct
{
  const char *name;
  SpRowsKind  kind;
  const char *ref_table;
  const char *ref_key;
  gboolean    optional;    /* REF: left empty when this database has no such row */
} SpRowsColumn;

#define SP_ROWS_COLUMN(name, kind)    { (name), (kind), NULL, NULL, FALSE }
#define SP_ROWS_DESK(name)            { (name), SP_ROWS_REF, "desks", "uuid", FALSE }
#define SP_ROWS_OPERATOR(name)        { (name), SP_ROWS_REF, "operators", "uuid", FALSE }
#define SP_ROWS_END                   { NULL, 0, NULL, NULL, FALSE }

typedef enum
{
  /* Another content under the same key is a conflict, unless both rows
   * are the importing desk's own and the one coming is newer (a record
   * the laptop changed after it brought it back): then it is updated. */
  SP_ROWS_MERGE_OWN_NEWER,
  /* The newer content wins, this database's uuid stays (citizens: the
   * same person, found by codice fiscale, as the citizen module does). */
  SP_ROWS_MERGE_NEWER,
} SpRowsMerge;

typedef struct
{
  const char         *table;
  const char         *key;          /* a column naming a row in both databases */
  const char         *changed_at;   /* the time of the row's last change (µs) */
  const char         *filter;       /* SQL on the columns: which rows travel; NULL: all */
  const char         *desk;         /* the REF column naming the row's desk, or NULL */
  SpRowsMerge         merge;
  const SpRowsColumn *columns;      /* the key among them, ended by a NULL name */
} SpRowsTable;

typedef struct
{
  guint inserted;
  guint updated;
  guint unchanged;
} SpRowsCounts;

/* The rows of table that changed after after and by until (µs), oldest
 * first, each an object of its columns. */
JsonArray *sp_store_rows_export (SpStore            *store,
                                 const SpRowsTable  *table,
                                 gint64              after,
                                 gint64              until,
                                 GError            **error);
/* Inside a transaction: writes rows into table, counting them into
 * counts. A row that cannot be taken (another content under its key, a
 * reference to a row this database does not have) adds a line naming the
 * table, the row's uuid and the columns to conflicts and is skipped: the
 * caller refuses the whole when there are any. desk_uuid is the desk
 * the rows come from: a row of another desk is a conflict too, and an
 * own row newer than the one here updates it (SP_ROWS_MERGE_OWN_NEWER). references (may be NULL) keeps the
 * rows references were found to name, for the next tables of the same
 * transaction (sp_store_rows_references_new()). FALSE with error only
 * when the store fails or a row is malformed. */
gboolean   sp_store_rows_import (SpStore            *store,
                                 const SpRowsTable  *table,
                                 JsonArray          *rows,
                                 const char         *desk_uuid,
                                 GHashTable         *references,
                                 SpRowsCounts       *counts,
                                 GPtrArray          *conflicts,
                                 GError            **error);

GHashTable *sp_store_rows_references_new (void);

G_END_DECLS
