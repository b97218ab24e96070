/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-scanner.h — what a barcode scanner (or a clerk) types in the scanner
 * field: a receipt code opens its record and says whether it is authentic,
 * a codice fiscale from a health card looks for that citizen */
#pragma once

#include "sp-receipt.h"
#include "sp-window.h"

G_BEGIN_DECLS

/* Opens the record a receipt was issued for (an identification, a CIE
 * request, an appointment): each screen registers its own in sp-scanner.c.
 * FALSE when the record is not here (erased by retention, say): the
 * receipt itself is shown then. */
typedef gboolean (*SpScanOpenFunc) (SpWindow   *window,
                                    const char *record_uuid);
typedef void (*SpScanSearchFunc) (SpWindow   *window,
                                  const char *codice_fiscale);

typedef enum
{
  SP_SCAN_RECEIPT,
  SP_SCAN_CODICE_FISCALE,
  SP_SCAN_UNKNOWN,
} SpScanKind;

/* What the text looks like, before any look-up. */
SpScanKind sp_scanner_classify (const char *text);
/* Handles one scan: verifies, opens, searches or says what is wrong. */
void       sp_scanner_handle   (SpWindow   *window,
                                const char *text);

G_END_DECLS
