/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-error.h — why a receipt code was refused or a receipt not made */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_RECEIPT_ERROR (sp_receipt_error_quark ())

typedef enum
{
  SP_RECEIPT_ERROR_MALFORMED,   /* not a Sportello receipt code at all */
  SP_RECEIPT_ERROR_TRUNCATED,   /* starts like one, but is cut short */
  SP_RECEIPT_ERROR_VERSION,     /* from a newer (or unknown) Sportello */
  SP_RECEIPT_ERROR_UNKNOWN_KIND,/* a kind this version does not know */
  SP_RECEIPT_ERROR_FOREIGN,     /* signed by another installation */
  SP_RECEIPT_ERROR_TAMPERED,    /* our key id, but the signature is wrong */
  SP_RECEIPT_ERROR_NOT_FOUND,   /* authentic, but no such receipt here */
  SP_RECEIPT_ERROR_INVALID,     /* the caller's data cannot make a receipt */
} SpReceiptError;

GQuark      sp_receipt_error_quark     (void);
/* A stable machine name for an error code ("tampered", …), for JSON. */
const char *sp_receipt_error_to_string (SpReceiptError code);

G_END_DECLS
