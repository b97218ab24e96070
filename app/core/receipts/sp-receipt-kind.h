/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-kind.h — what a receipt was issued for
 *
 * Kinds are stored by their nick and encoded in the QR payload by one
 * letter; new kinds are appended, never renumbered.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_RECEIPT_KIND_SPID_IDENTIFICATION = 1, /*< nick=spid-identification >*/
  SP_RECEIPT_KIND_CIE_REQUEST,             /*< nick=cie-request >*/
  SP_RECEIPT_KIND_APPOINTMENT,             /*< nick=appointment >*/
} SpReceiptKind;

#define SP_RECEIPT_KIND_FIRST SP_RECEIPT_KIND_SPID_IDENTIFICATION
#define SP_RECEIPT_KIND_LAST  SP_RECEIPT_KIND_APPOINTMENT

const char *sp_receipt_kind_to_string   (SpReceiptKind  kind);
gboolean    sp_receipt_kind_from_string (const char    *name,
                                         SpReceiptKind *out_kind);
/* The receipt's title as an English msgid: translate it in the receipt's
 * language with sp_catalogue_translate(), not with _(). */
const char *sp_receipt_kind_get_title   (SpReceiptKind  kind);
/* The letter that stands for the kind in the QR payload, 0 if none. */
char        sp_receipt_kind_get_letter  (SpReceiptKind  kind);
gboolean    sp_receipt_kind_from_letter (char           letter,
                                         SpReceiptKind *out_kind);

G_END_DECLS
