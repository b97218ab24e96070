/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-error.c — the receipts' error domain and its codes' names */
#define G_LOG_DOMAIN "sp-receipt-error"

#include "config.h"

#include "sp-receipt-error.h"

G_DEFINE_QUARK (sp-receipt-error-quark, sp_receipt_error)

const char *
sp_receipt_error_to_string (SpReceiptError code)
{
  switch (code)
    {
    case SP_RECEIPT_ERROR_MALFORMED:    return "malformed";
    case SP_RECEIPT_ERROR_TRUNCATED:    return "truncated";
    case SP_RECEIPT_ERROR_VERSION:      return "unsupported-version";
    case SP_RECEIPT_ERROR_UNKNOWN_KIND: return "unknown-kind";
    case SP_RECEIPT_ERROR_FOREIGN:      return "foreign";
    case SP_RECEIPT_ERROR_TAMPERED:     return "tampered";
    case SP_RECEIPT_ERROR_NOT_FOUND:    return "not-found";
    case SP_RECEIPT_ERROR_INVALID:      return "invalid";
    default:                            return "failed";
    }
}
