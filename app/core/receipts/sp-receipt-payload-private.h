/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-payload-private.h — what the signature and the storage need
 * of the payload's encoding */
#pragma once

#include "sp-receipt-payload.h"

G_BEGIN_DECLS

#define SP_RECEIPT_KEY_ID_CHARS 4
#define SP_RECEIPT_MAC_BYTES    10   /* 80 bits: more than the 64 the issue asks */

/* RFC 4648 base32, upper case, without padding. */
char             *sp_receipt_base32_encode          (const guint8  *data,
                                                     gsize          length);
/* Everything the signature covers, "SP1-S-20260123-K7QD-<record uuid>",
 * or NULL (UNKNOWN_KIND, INVALID) when kind, record or date cannot be
 * encoded. */
char             *sp_receipt_payload_encode_body    (SpReceiptKind  kind,
                                                     const char    *record_uuid,
                                                     const char    *date,
                                                     const char    *key_id,
                                                     GError       **error);
/* sp_receipt_payload_parse() that also returns the signed body and the
 * decoded signature. */
SpReceiptPayload *sp_receipt_payload_decode         (const char    *text,
                                                     char         **out_body,
                                                     guint8         out_mac[SP_RECEIPT_MAC_BYTES],
                                                     GError       **error);
/* A typed short code in its printed form (XXXXX-XXXXX), or NULL
 * (MALFORMED) when it cannot be one. */
char             *sp_receipt_short_code_normalize   (const char    *text,
                                                     GError       **error);

G_END_DECLS
