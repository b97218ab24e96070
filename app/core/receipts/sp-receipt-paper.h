/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-paper.h — the papers a receipt is printed on */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* 210 × 297 mm, portrait */
  SP_RECEIPT_PAPER_A4,        /*< nick=a4 >*/
  /* 80 mm thermal roll, 72 mm printable, height as needed */
  SP_RECEIPT_PAPER_ROLL_80MM, /*< nick=80mm >*/
} SpReceiptPaper;

/* "a4" and "80mm", as the command line and saved settings spell them;
 * reading also takes any case, and "roll" for the roll. */
const char *sp_receipt_paper_to_string   (SpReceiptPaper  paper);
gboolean    sp_receipt_paper_from_string (const char     *name,
                                          SpReceiptPaper *out_paper);

G_END_DECLS
