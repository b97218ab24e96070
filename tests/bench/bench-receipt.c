/* bench-receipt.c — how long a receipt takes to render and to verify
 *
 * Prints one line per figure: name<TAB>value<TAB>unit<TAB>baseline (empty:
 * no baseline recorded yet). Each figure is the median of many runs on a
 * fresh database in a temp dir.
 */
#include "config.h"

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
        const char *unit)
{
  g_print ("%s\t%.3f\t%s\t\n", name, value, unit);
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
      report (pdf_name, median (times, RUNS), "ms");

      for (guint i = 0; i < RUNS; i++)
        {
          gint64 start = g_get_monotonic_time ();

          if (!sp_receipt_render_to_png (receipt, paper, 150, png, &error))
            g_error ("%s", error->message);
          times[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      report (png_name, median (times, RUNS), "ms");
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
  report ("receipt-verify", median (verify_times, VERIFY_RUNS), "us");

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
