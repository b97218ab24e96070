/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-receipt.c — how long a receipt takes to render and to verify
 *
 * Prints one line per figure: name<TAB>value<TAB>unit<TAB>baseline (empty:
 * no baseline recorded yet). Each figure is the median of many runs on a
 * fresh database in a temp dir.
 */
#include "config.h"

#include <cairo-pdf.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "sp-receipt-render.h"

#define RUNS 40
#define VERIFY_RUNS 2000

static void
report (const char *name,
        double      value,
        const char *unit,
        double      baseline)
{
  g_print ("%s\t%.3f\t%s\t%.3f\n", name, value, unit, baseline);
}

/* Baseline of a render: the same page, blank, written by cairo. */
static double
blank_page_ms (SpReceipt      *receipt,
               SpReceiptPaper  paper,
               const char     *path,
               gboolean        png)
{
  double width = sp_receipt_paper_get_width (paper);
  double height = sp_receipt_render_measure_height (receipt, paper);
  double times[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_surface_t *surface;
      cairo_t *cr;

      if (png)
        surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * 150 / 72), (int) (height * 150 / 72));
      else
        surface = cairo_pdf_surface_create (path, width, height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_show_page (cr);
      cairo_destroy (cr);
      if (png)
        cairo_surface_write_to_png (surface, path);
      cairo_surface_destroy (surface);
      times[i] = bench_ms_since (start);
    }

  return bench_median (times, RUNS);
}

/* Baseline of a verification: one HMAC-SHA256 over the payload. */
static double
hmac_us (SpStore    *store,
         const char *payload)
{
  g_autoptr(GBytes) secret = sp_store_get_installation_secret (store, NULL);
  double times[VERIFY_RUNS];

  for (guint i = 0; i < VERIFY_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *digest = g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                                           g_bytes_get_data (secret, NULL),
                                                           g_bytes_get_size (secret), payload, -1);
      times[i] = (double) (g_get_monotonic_time () - start);
    }

  return bench_median (times, VERIFY_RUNS);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  BenchDb db = { 0 };
  double times[RUNS];
  double verify_times[VERIFY_RUNS];

  bench_db_open (&db, "sp-bench-receipt-XXXXXX");
  pdf = g_build_filename (db.dir, "receipt.pdf", NULL);
  png = g_build_filename (db.dir, "receipt.png", NULL);

  receipt = bench_spid_receipt_new ("Mario Rossi");
  if (!sp_receipt_issue (db.store, receipt, (SpActor) { 1, 1 }, &error))
    g_error ("%s", error->message);

  for (SpReceiptPaper paper = SP_RECEIPT_PAPER_A4; paper <= SP_RECEIPT_PAPER_ROLL_80MM; paper++)
    {
      g_autofree char *pdf_name = g_strdup_printf ("receipt-render-pdf-%s", sp_receipt_paper_to_string (paper));
      g_autofree char *png_name = g_strdup_printf ("receipt-render-png-150dpi-%s", sp_receipt_paper_to_string (paper));

      for (guint i = 0; i < RUNS; i++)
        {
          gint64 start = g_get_monotonic_time ();

          if (!sp_receipt_render_to_pdf (receipt, paper, pdf, &error))
            g_error ("%s", error->message);
          times[i] = bench_ms_since (start);
        }
      report (pdf_name, bench_median (times, RUNS), "ms", blank_page_ms (receipt, paper, pdf, FALSE));

      for (guint i = 0; i < RUNS; i++)
        {
          gint64 start = g_get_monotonic_time ();

          if (!sp_receipt_render_to_png (receipt, paper, 150, png, &error))
            g_error ("%s", error->message);
          times[i] = bench_ms_since (start);
        }
      report (png_name, bench_median (times, RUNS), "ms", blank_page_ms (receipt, paper, png, TRUE));
    }

  /* What a scanning desk does: parse, authenticate, find the record. */
  for (guint i = 0; i < VERIFY_RUNS; i++)
    {
      g_autoptr(SpReceipt) found = NULL;
      gint64 start = g_get_monotonic_time ();

      found = sp_receipt_verify (db.store, sp_receipt_get_payload (receipt), NULL, &error);
      if (found == NULL)
        g_error ("%s", error->message);
      verify_times[i] = (double) (g_get_monotonic_time () - start);
    }
  report ("receipt-verify", bench_median (verify_times, VERIFY_RUNS), "us",
          hmac_us (db.store, sp_receipt_get_payload (receipt)));

  g_unlink (pdf);
  g_unlink (png);
  bench_db_close (&db);

  return 0;
}
