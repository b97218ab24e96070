/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-preview.h — the receipt on screen, drawn by the same renderer
 * as the printer and the PDF */
#pragma once

#include <gtk/gtk.h>

#include "sp-receipt.h"
#include "sp-receipt-render.h"

G_BEGIN_DECLS

#define SP_TYPE_RECEIPT_PREVIEW (sp_receipt_preview_get_type ())

G_DECLARE_FINAL_TYPE (SpReceiptPreview, sp_receipt_preview, SP, RECEIPT_PREVIEW, GtkWidget)

GtkWidget      *sp_receipt_preview_new         (void);
SpReceipt      *sp_receipt_preview_get_receipt (SpReceiptPreview *self);
void            sp_receipt_preview_set_receipt (SpReceiptPreview *self,
                                                SpReceipt        *receipt);
SpReceiptPaper  sp_receipt_preview_get_paper   (SpReceiptPreview *self);
void            sp_receipt_preview_set_paper   (SpReceiptPreview *self,
                                                SpReceiptPaper    paper);

G_END_DECLS
