/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-signature.h — signing and checking a receipt's QR payload
 *
 * The payload ends with a truncated HMAC-SHA256 keyed with the
 * installation secret, and names the key by a short id: any desk sharing
 * the installation's database can verify it, and a receipt of another
 * installation is told apart from a tampered one.
 */
#pragma once

#include <glib.h>

#include "sp-receipt-payload.h"

G_BEGIN_DECLS

/* Builds the payload for kind, record and date with the installation
 * secret. Exposed for tests and tools; sp_receipt_issue() calls it. */
char             *sp_receipt_payload_sign   (GBytes        *secret,
                                             SpReceiptKind  kind,
                                             const char    *record_uuid,
                                             const char    *date,
                                             GError       **error);
/* The short id a payload names its key by (an installation's, or a
 * pop-up desk's in the office's key ring). */
char             *sp_receipt_key_id         (GBytes        *secret);
/* Syntax and signature (FOREIGN, TAMPERED), without the database. */
SpReceiptPayload *sp_receipt_payload_verify (GBytes        *secret,
                                             const char    *text,
                                             GError       **error);

G_END_DECLS
