/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-dialog.h — a scanned or chosen receipt: authentic or why not,
 * its preview, its copies, reprint */
#pragma once

#include <adwaita.h>

#include "sp-receipt.h"
#include "sp-window.h"

G_BEGIN_DECLS

#define SP_TYPE_RECEIPT_DIALOG (sp_receipt_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpReceiptDialog, sp_receipt_dialog, SP, RECEIPT_DIALOG, AdwWindow)

/* receipt may be NULL when verification failed; message says why. */
GtkWidget *sp_receipt_dialog_new (SpWindow   *window,
                                  SpReceipt  *receipt,
                                  gboolean    authentic,
                                  const char *message);

G_END_DECLS
