/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-popup.h — the office's copy of its pop-up desks' audit trails
 *
 * The only module that writes popup_audit. Each bundle a pop-up desk
 * brings back holds its laptop's audit rows since the last one
 * (sp_audit_export_rows()); the office keeps them as written, each desk's
 * chain apart from its own (the laptop's hashes cover the laptop's ids),
 * checks that they link and that their hashes are right as they come,
 * and verifies a desk's whole chain again on demand.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* The hash the desk's next row must link to: that of the last row kept,
 * or the genesis hash when none was. */
char     *sp_audit_popup_last_hash (SpStore     *store,
                                    gint64       popup_desk_id,
                                    GError     **error);
/* Inside a transaction: checks that rows link from prev_hash and that
 * each hash is its row's (SP_AUDIT_ERROR_BROKEN naming the first that is
 * not), then keeps them for popup_desk_id, from bundle sequence. */
gboolean  sp_audit_popup_import    (SpStore     *store,
                                    gint64       popup_desk_id,
                                    gint64       sequence,
                                    const char  *prev_hash,
                                    JsonArray   *rows,
                                    GError     **error);
/* Walks the desk's kept chain from the genesis; sets *n_checked. */
gboolean  sp_audit_popup_verify    (SpStore     *store,
                                    gint64       popup_desk_id,
                                    guint64     *n_checked,
                                    GError     **error);

/* The same for every pop-up desk whose rows are kept; *n_checked counts
 * the rows of all. */
gboolean  sp_audit_popup_verify_all (SpStore    *store,
                                     guint64    *n_checked,
                                     GError    **error);

G_END_DECLS
