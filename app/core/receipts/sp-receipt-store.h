/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-store.h — receipts and their printed copies in the database
 *
 * The only code that reads or writes the receipts and receipt_prints
 * tables: issuing, loading, reprinting, verifying a scanned code, and
 * retention's erasing of the printed fields.
 */
#pragma once

#include "sp-audit.h"
#include "sp-receipt.h"
#include "sp-receipt-error.h"
#include "sp-receipt-payload.h"
#include "sp-store.h"
#include "sp-store-rows.h"

G_BEGIN_DECLS

/* Stores the receipt, signs it, records its first copy and an audit row,
 * in one transaction. On success the receipt has its id, uuid, issue time,
 * payload and short code. */
gboolean       sp_receipt_issue               (SpStore    *store,
                                               SpReceipt  *self,
                                               SpActor     actor,
                                               GError    **error);
/* Loads a stored receipt by its own uuid, as the original (copy 1). */
SpReceipt     *sp_receipt_load                (SpStore     *store,
                                               const char  *uuid,
                                               GError     **error);
/* The latest receipt issued for a record. */
SpReceipt     *sp_receipt_load_for_record     (SpStore       *store,
                                               SpReceiptKind  kind,
                                               const char    *record_uuid,
                                               GError       **error);
/* The receipt whose short code (as printed under the QR) this is. */
SpReceipt     *sp_receipt_lookup_short_code   (SpStore     *store,
                                               const char  *short_code,
                                               GError     **error);
/* Records one more copy of a stored receipt (who, when) and returns it
 * marked as that duplicate copy, ready to render. printed_by is the name
 * printed and stored for who reprinted it (an operator's display name). */
SpReceipt     *sp_receipt_reprint             (SpStore     *store,
                                               const char  *uuid,
                                               SpActor      actor,
                                               const char  *printed_by,
                                               GError     **error);

typedef struct
{
  guint   copy;
  gint64  printed_at;
  gint64  desk_id;
  gint64  operator_id;
  char   *printed_by;
} SpReceiptPrint;

void           sp_receipt_print_free          (SpReceiptPrint *print);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReceiptPrint, sp_receipt_print_free)
/* Every copy printed, oldest first: a GPtrArray of SpReceiptPrint. */
GPtrArray     *sp_receipt_list_prints         (SpStore     *store,
                                               SpReceipt   *self,
                                               GError     **error);

/* Everything a scanning desk needs: well formed, authentic, and the
 * receipt present in this database (NOT_FOUND). Returns the stored
 * receipt; *out_payload (optional) is set whenever the text parsed, so a
 * caller can say which record a rejected receipt claims to be. */
SpReceipt     *sp_receipt_verify              (SpStore            *store,
                                               const char         *text,
                                               SpReceiptPayload  **out_payload,
                                               GError            **error);
/* Retention: empties the printed fields of the receipts issued before
 * cutoff (µs) for records whose personal data retention erased (closed
 * before cutoff_day, 'YYYY-MM-DD'). Runs inside the caller's transaction;
 * the number of receipts changed, or -1 with error set. */
gint64         sp_receipt_erase_fields_before (SpStore     *store,
                                               gint64       cutoff,
                                               const char  *cutoff_day,
                                               GError     **error);

/* How receipts and their prints (reprints) travel from a pop-up desk to
 * the office (sp-store-rows.h): a receipt keeps the signature it was
 * printed with, which the office's key ring verifies. */
const SpRowsTable *sp_receipt_travelling_rows       (void);
const SpRowsTable *sp_receipt_print_travelling_rows (void);

G_END_DECLS
