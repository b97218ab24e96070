/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-print.h — printing a receipt through GtkPrintOperation
 *
 * Opens the print dialog (with its Preview button) for A4 or the 80 mm
 * roll, draws with the shared renderer, and remembers the printer and page
 * settings chosen for each paper in
 * $XDG_CONFIG_HOME/sportello/receipt-print.ini.
 *
 * The caller decides which copy it prints: the receipt returned by
 * sp_receipt_issue() is the original; for another copy call
 * sp_receipt_reprint() first, which records it and marks it a duplicate.
 */
#pragma once

#include <gtk/gtk.h>

#include "sp-context.h"
#include "sp-receipt.h"
#include "sp-receipt-render.h"

G_BEGIN_DECLS

/* Runs the operation (modal: returns when the dialog is closed). action is
 * GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to let the clerk choose, or
 * _PRINT to print straight to the remembered printer (one keystroke). */
GtkPrintOperationResult sp_receipt_print_run (SpReceipt               *receipt,
                                              SpReceiptPaper           paper,
                                              GtkPrintOperationAction  action,
                                              GtkWindow               *parent,
                                              GError                 **error);

/* The same operation, drawn to a PDF file without a dialog: what "Print
 * to File" produces, for tests and for saving a copy. */
gboolean                sp_receipt_print_export (SpReceipt       *receipt,
                                                 SpReceiptPaper   paper,
                                                 const char      *path,
                                                 GError         **error);

/* Issues a receipt at the context's desk and operator, in the desk's
 * language (English when the program runs in English, Italian otherwise),
 * and prints it through the main window that holds widget: the print
 * dialog, or SPORTELLO_PRINT_TO_PDF for tests. Issued but not printed
 * when widget is in no window yet. */
gboolean                sp_receipt_print_issue     (GtkWidget      *widget,
                                                    SpContext      *context,
                                                    SpReceipt      *receipt,
                                                    GError        **error);
/* Records a duplicate of this stored receipt and prints it; returns that
 * copy, marked as the duplicate it is. */
SpReceipt              *sp_receipt_print_reprint   (GtkWidget      *widget,
                                                    SpContext      *context,
                                                    SpReceipt      *receipt,
                                                    GError        **error);
/* Records a duplicate of the latest receipt of a record and prints it. */
gboolean                sp_receipt_print_duplicate (GtkWidget      *widget,
                                                    SpContext      *context,
                                                    SpReceiptKind   kind,
                                                    const char     *record_uuid,
                                                    GError        **error);

/* The file where the choices are remembered (for tests). */
char                   *sp_receipt_print_get_settings_path (void);

G_END_DECLS
