/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-render.h — one drawing of a receipt for screen, printer and PDF
 *
 * Draws an SpReceipt on any cairo_t in points (1/72 inch), with the page's
 * top-left corner at the origin: the on-screen preview scales it, the print
 * operation hands its own cairo_t (full page, points), and the file outputs
 * below wrap a PDF or image surface. No GTK here.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "sp-receipt.h"
#include "sp-receipt-paper.h"

G_BEGIN_DECLS

/* Width of the paper in points. */
double      sp_receipt_paper_get_width   (SpReceiptPaper  paper);

/* Height of the page in points: A4's for A4, and for the roll what this
 * receipt needs (content, margins and the tear-off feed). */
double      sp_receipt_render_measure_height (SpReceipt      *receipt,
                                              SpReceiptPaper  paper);

/* Draws the whole page at the origin, in points. The QR code's modules are
 * aligned to whole device pixels when cr targets an image surface. */
void        sp_receipt_render            (SpReceipt      *receipt,
                                          cairo_t        *cr,
                                          SpReceiptPaper  paper);

gboolean    sp_receipt_render_to_pdf     (SpReceipt       *receipt,
                                          SpReceiptPaper   paper,
                                          const char      *path,
                                          GError         **error);
/* A white page at dpi dots per inch. */
cairo_surface_t *sp_receipt_render_to_image (SpReceipt      *receipt,
                                             SpReceiptPaper  paper,
                                             double          dpi,
                                             GError        **error);
gboolean    sp_receipt_render_to_png     (SpReceipt       *receipt,
                                          SpReceiptPaper   paper,
                                          double           dpi,
                                          const char      *path,
                                          GError         **error);

G_END_DECLS
