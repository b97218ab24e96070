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

G_BEGIN_DECLS

typedef enum
{
  SP_RECEIPT_PAPER_A4,        /* 210 × 297 mm, portrait */
  SP_RECEIPT_PAPER_ROLL_80MM, /* 80 mm thermal roll, 72 mm printable, height as needed */
} SpReceiptPaper;

#define SP_TYPE_RECEIPT_PAPER (sp_receipt_paper_get_type ())
GType       sp_receipt_paper_get_type    (void) G_GNUC_CONST;

/* "a4" and "80mm", as the command line and saved settings spell them. */
const char *sp_receipt_paper_to_string   (SpReceiptPaper  paper);
gboolean    sp_receipt_paper_from_string (const char     *name,
                                          SpReceiptPaper *out_paper);
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
