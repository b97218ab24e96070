/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-copy.h — a whole database copied into an empty one, across engines
 *
 * What moves an office from one desk's SQLite file to a PostgreSQL server
 * (or back): every table's rows with their ids and uuids, blobs as blobs,
 * NULLs as NULLs, the settings and secrets with them, so that the audit
 * chain verifies and receipts made before verify after.
 */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* Called as the copy goes: the table being copied, its rows copied so far
 * of its rows, and the rows copied of all. Each table is reported at its
 * start (0 rows done) and at its end (table_done == table_total). */
typedef void (*SpStoreCopyProgress) (const char *table,
                                     gint64      table_done,
                                     gint64      table_total,
                                     gint64      done,
                                     gint64      total,
                                     gpointer    user_data);

/* Copies every row of from into to, both opened by sp_store_open() at the
 * same schema, in one transaction on to. Refuses with
 * SP_STORE_ERROR_INVALID, changing nothing, a target that is not empty (a
 * desk, an operator, an audit row… anything a freshly created database
 * does not hold) or a source at another schema version. */
gboolean      sp_store_copy                 (SpStore              *from,
                                             SpStore              *to,
                                             SpStoreCopyProgress   progress,
                                             gpointer              user_data,
                                             GError              **error);

G_END_DECLS
