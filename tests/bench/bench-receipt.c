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

#include "sp-receipt.h"
#include "sp-receipt-render.h"
#include "sp-setup.h"

#define RUNS 40
#define VERIFY_RUNS 2000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

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
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  return median (times, RUNS);
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

  return median (times, VERIFY_RUNS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sp-bench-receipt-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sportello.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "receipt.png", NULL);
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  SpSetupData setup = {
    .comune_name = "Santarcangelo di Romagna",
    .comune_ipa = "c_i304",
    .desk_name = "Sportello 1",
    .desk_kind = SP_DESK_COUNTER,
    .admin_username = "admin",
    .admin_display_name = "Anna Amministratrice",
    .admin_password = "Correct-Horse-7",
  };
  double times[RUNS];
  double verify_times[VERIFY_RUNS];

  store = sp_store_open (path, &error);
  if (store == NULL || !sp_setup_run (store, &setup, &error))
    g_error ("%s", error->message);

  receipt = sp_receipt_new (SP_RECEIPT_KIND_SPID_IDENTIFICATION, record);
  sp_receipt_set_language (receipt, "it");
  sp_receipt_set_desk (receipt, 1, "Sportello 1");
  sp_receipt_set_operator (receipt, 1, "Anna Amministratrice");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, "Citizen", "Mario Rossi");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, "First half of the code", "K7QD4M");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, "Complete the activation by", "2026-12-23");
  if (!sp_receipt_issue (store, receipt, (SpActor) { 1, 1 }, &error))
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
          times[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      report (pdf_name, median (times, RUNS), "ms", blank_page_ms (receipt, paper, pdf, FALSE));

      for (guint i = 0; i < RUNS; i++)
        {
          gint64 start = g_get_monotonic_time ();

          if (!sp_receipt_render_to_png (receipt, paper, 150, png, &error))
            g_error ("%s", error->message);
          times[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      report (png_name, median (times, RUNS), "ms", blank_page_ms (receipt, paper, png, TRUE));
    }

  /* What a scanning desk does: parse, authenticate, find the record. */
  for (guint i = 0; i < VERIFY_RUNS; i++)
    {
      g_autoptr(SpReceipt) found = NULL;
      gint64 start = g_get_monotonic_time ();

      found = sp_receipt_verify (store, sp_receipt_get_payload (receipt), NULL, &error);
      if (found == NULL)
        g_error ("%s", error->message);
      verify_times[i] = (double) (g_get_monotonic_time () - start);
    }
  report ("receipt-verify", median (verify_times, VERIFY_RUNS), "us",
          hmac_us (store, sp_receipt_get_payload (receipt)));

  g_clear_object (&store);
  g_unlink (pdf);
  g_unlink (png);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);

  return 0;
}
