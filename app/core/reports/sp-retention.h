/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-retention.h — erasing the personal data of closed cases after the
 * retention period, keeping every count exact and the audit chain intact
 *
 * What stays: each record's uuid, state, channel, reason, desk, operator
 * and times (everything a report counts). What goes: names, codici
 * fiscali, birth data, contacts, addresses, document and card numbers,
 * notes, the printed fields of receipts and the text of sent emails, and
 * citizens no longer referenced. The audit trail is append-only and is not
 * touched: one row records what was erased.
 */
#pragma once

#include "sp-audit.h"
#include "sp-setting-keys.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_RETENTION_DEFAULT_MONTHS 24
#define SP_AUDIT_RETENTION          "retention-apply"

/* In the order they are erased; the nick is the key in the audit row. */
typedef enum
{
  SP_RETENTION_IDENTIFICATIONS, /*< nick=identifications >*/
  SP_RETENTION_CIE_REQUESTS,    /*< nick=cie_requests >*/
  SP_RETENTION_APPOINTMENTS,    /*< nick=appointments >*/
  SP_RETENTION_EMAILS,          /*< nick=emails >*/
  SP_RETENTION_RECEIPTS,        /*< nick=receipts >*/
  SP_RETENTION_CITIZENS,        /*< nick=citizens >*/
  SP_RETENTION_N_KINDS          /*< skip >*/
} SpRetentionKind;

typedef struct
{
  gint64 cutoff;                          /* µs: cases closed before this */
  int    months;
  guint  counts[SP_RETENTION_N_KINDS];
} SpRetentionResult;

const char *sp_retention_kind_get_id    (SpRetentionKind kind);
const char *sp_retention_kind_get_label (SpRetentionKind kind);  /* English msgid */

/* The setting, or the default; 0 means never erase. */
int       sp_retention_get_months (SpStore            *store);

/* Erases (or with dry_run only counts) in one transaction, recorded in the
 * audit trail. now is µs since the epoch. */
gboolean  sp_retention_apply      (SpStore            *store,
                                   SpActor             actor,
                                   gint64              now,
                                   gboolean            dry_run,
                                   SpRetentionResult  *result,
                                   GError            **error);

/* A dry run at the current time in a GTask thread, with its own connection
 * to the database at db_path, for a screen that must not wait on it. */
void      sp_retention_count_async  (const char          *db_path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean  sp_retention_count_finish (GAsyncResult        *result,
                                     SpRetentionResult   *counted,
                                     GError             **error);

G_END_DECLS
