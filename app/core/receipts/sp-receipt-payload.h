/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-payload.h — the text a receipt's QR code carries
 *
 * A compact payload — version, kind, date, the installation's key id,
 * record uuid and a truncated signature (sp-receipt-signature.h) — and no
 * personal data. This header reads and writes its syntax.
 */
#pragma once

#include <glib.h>

#include "sp-receipt-error.h"
#include "sp-receipt-kind.h"

G_BEGIN_DECLS

/* The parts of a payload, whether or not it is authentic. */
typedef struct
{
  int            version;
  SpReceiptKind  kind;
  char          *record_uuid;   /* canonical 36-character form */
  char          *date;          /* YYYYMMDD */
  char          *key_id;
} SpReceiptPayload;

void              sp_receipt_payload_free         (SpReceiptPayload *payload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReceiptPayload, sp_receipt_payload_free)

/* Cheap test for the scanner field: does this text claim to be a receipt
 * payload (so a failure to verify it should be reported as such)? */
gboolean          sp_receipt_payload_is_candidate (const char  *text);
/* Syntax only: splits a payload into its parts (MALFORMED, TRUNCATED,
 * VERSION, UNKNOWN_KIND). Surrounding blanks and lower case, as a scanner
 * with caps lock types them, are accepted. */
SpReceiptPayload *sp_receipt_payload_parse        (const char  *text,
                                                   GError     **error);
/* The short code derived from a payload, as printed under the QR. */
char             *sp_receipt_payload_short_code   (const char  *payload);

G_END_DECLS
