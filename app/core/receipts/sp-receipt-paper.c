/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-paper.c — paper names as the command line and settings spell them */
#define G_LOG_DOMAIN "sp-receipt-paper"

#include "config.h"

#include "sp-enum.h"
#include "sp-receipt-paper.h"

const char *
sp_receipt_paper_to_string (SpReceiptPaper paper)
{
  /* Anything but A4 is the roll, as the renderer draws it. */
  return sp_enum_to_nick (SP_TYPE_RECEIPT_PAPER,
                          paper == SP_RECEIPT_PAPER_A4 ? SP_RECEIPT_PAPER_A4
                                                       : SP_RECEIPT_PAPER_ROLL_80MM);
}

gboolean
sp_receipt_paper_from_string (const char     *name,
                              SpReceiptPaper *out_paper)
{
  g_autofree char *lower = NULL;
  int paper;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  if (g_str_equal (lower, "roll"))
    paper = SP_RECEIPT_PAPER_ROLL_80MM;
  else if (!sp_enum_from_nick (SP_TYPE_RECEIPT_PAPER, lower, &paper))
    return FALSE;

  *out_paper = (SpReceiptPaper) paper;
  return TRUE;
}
