/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report.c — figures for supervision on ten years of a large city
 *
 * Generates (with the demo generator, synchronous=OFF on this throw-away
 * file only) ten years of activity at eight desks — over a million records
 * — then times the day's dashboard, a year's report by day, the CSV of it
 * and a year's open-data export. Prints "name<TAB>value<TAB>unit<TAB>baseline".
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "sp-demo.h"
#include "sp-report.h"
#include "sp-setup.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *out_dir = NULL;
  g_autoptr(SpStore) store = NULL;
  SpSetupData setup = {
    .comune_name = "Rimini", .comune_ipa = "c_h294", .desk_name = "Sportello 1",
    .desk_kind = SP_DESK_COUNTER, .admin_username = "admin",
    .admin_display_name = "Anna Amministratrice", .admin_password = "Correct-Horse-7",
  };
  SpDemoOptions options = { .days = 3650, .desks = 8, .seed = 42 };
  SpDemoResult result;
  double times[25];
  GDate today, year_start;
  gint64 start;

  g_setenv ("TZ", "Europe/Rome", TRUE);
  if (argc > 1)
    options.days = atoi (argv[1]);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "bench.db", NULL);
  store = sp_store_open (path, &error);
  if (store == NULL || !sp_setup_run (store, &setup, &error))
    g_error ("%s", error->message);
  sp_store_exec (store, "PRAGMA synchronous = OFF", NULL);
  sp_store_exec (store, "PRAGMA cache_size = -262144", NULL);

  start = g_get_monotonic_time ();
  if (!sp_demo_generate (store, SP_ACTOR_SYSTEM, &options, NULL, NULL, &result, &error))
    g_error ("%s", error->message);
  printf ("generate_s\t%.1f\ts\t\n", bench_ms_since (start) / 1000);
  printf ("generate_records\t%" G_GUINT64_FORMAT "\trecords\t1000000\n", result.total);
  printf ("generate_records_per_s\t%.0f\trecords/s\t\n", result.total / (bench_ms_since (start) / 1000));
  sp_store_exec (store, "PRAGMA synchronous = FULL", NULL);
  sp_store_exec (store, "PRAGMA cache_size = -" G_STRINGIFY (SP_STORE_CACHE_KIB), NULL);
  sp_store_exec (store, "ANALYZE", NULL);

  g_date_clear (&today, 1);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
  }

  /* The day's dashboard on a full working day (today may have just
   * begun): the day's totals, by hour and by desk. */
  {
    GDate busy = today;

    do
      g_date_subtract_days (&busy, 1);
    while (g_date_get_weekday (&busy) >= G_DATE_SATURDAY);
    today = busy;
  }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(SpReport) by_hour = NULL;
      g_autoptr(SpReport) by_desk = NULL;

      start = g_get_monotonic_time ();
      by_hour = sp_report_compute (store, &today, &today, SP_REPORT_BY_HOUR, &error);
      by_desk = sp_report_compute (store, &today, &today, SP_REPORT_BY_DESK, &error);
      if (by_hour == NULL || by_desk == NULL)
        g_error ("%s", error->message);
      times[i] = bench_ms_since (start);
    }
  printf ("dashboard_day_ms\t%.2f\tms\t16\n", bench_median (times, G_N_ELEMENTS (times)));

  year_start = today;
  g_date_subtract_days (&year_start, 364);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SpReport) report = NULL;

      start = g_get_monotonic_time ();
      report = sp_report_compute (store, &year_start, &today, SP_REPORT_BY_DAY, &error);
      if (report == NULL)
        g_error ("%s", error->message);
      times[i] = bench_ms_since (start);
      if (i == 0)
        printf ("year_spid_completed\t%.0f\tidentifications\t\n",
                report->totals.v[SP_METRIC_SPID_COMPLETED]);
    }
  printf ("year_report_ms\t%.1f\tms\t\n", bench_median (times, 5));

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SpReport) report = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *csv_path = g_build_filename (dir, "year.csv", NULL);

      start = g_get_monotonic_time ();
      report = sp_report_compute (store, &year_start, &today, SP_REPORT_BY_DAY, &error);
      csv = sp_report_to_csv (report, ';');
      if (!g_file_set_contents (csv_path, csv, -1, &error))
        g_error ("%s", error->message);
      times[i] = bench_ms_since (start);
    }
  printf ("year_csv_export_ms\t%.1f\tms\t\n", bench_median (times, 5));

  out_dir = g_build_filename (dir, "opendata", NULL);
  start = g_get_monotonic_time ();
  if (!sp_report_export_opendata (store, &year_start, &today, out_dir, NULL, NULL, &error))
    g_error ("%s", error->message);
  printf ("year_opendata_export_ms\t%.1f\tms\t\n", bench_ms_since (start));

  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      g_warning ("could not remove %s", dir);
  }
  return 0;
}
