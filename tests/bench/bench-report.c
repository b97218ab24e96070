/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report.c — figures for supervision on ten years of a large city
 *
 * Generates (with the demo generator, synchronous=OFF on this throw-away
 * file only) ten years of activity at eight desks — over a million records
 * — then times the day's dashboard, a year's report by day, the CSV of it
 * and a year's open-data export. Prints "name<TAB>value<TAB>unit<TAB>baseline".
 *
 * On PostgreSQL (bench-util.h) the same records are measured: the SQLite
 * file of the first pass (SPORTELLO_BENCH_REPORT_DATABASE, kept by
 * build-aux/bench between the passes) is copied to the server with
 * sp_store_copy, since generating a million records there would take the
 * bench's whole hour. Each engine also generates a month at eight desks,
 * for the demo's rate of records per second there.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "sp-dates.h"
#include "sp-demo.h"
#include "sp-report.h"
#include "sp-store-copy.h"

#define YEARS_DAYS 3650
#define MONTH_DAYS 30
#define DESKS      8

/* A database of its own set up as Rimini, with its IPA code: the demo seals
 * its RAO identifications. */
static SpStore *
open_rimini (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (location, &error);
  SpSetupData setup = sp_fixture_setup_data ();

  setup.comune_name = "Rimini";
  setup.comune_ipa = "c_h294";
  if (store == NULL || !sp_setup_run (store, &setup, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&store);
}

/* The demo's records per second on a fresh database of the bench's engine. */
static void
generate (SpStore  *store,
          guint     days,
          gboolean  quick_file,
          gboolean  years)
{
  g_autoptr(GError) error = NULL;
  SpDemoOptions options = { .days = days, .desks = DESKS, .seed = 42 };
  SpDemoResult result;
  gint64 start;

  /* A file that the run throws away need not reach the disk at each
   * commit; the server keeps its own settings. */
  if (quick_file)
    sp_store_exec (store, "PRAGMA synchronous = OFF", NULL);
  start = g_get_monotonic_time ();
  if (!sp_demo_generate (store, SP_ACTOR_SYSTEM, &options, NULL, NULL, &result, &error))
    g_error ("%s", error->message);
  if (years)
    {
      printf ("generate_s\t%.1f\ts\t\n", bench_ms_since (start) / 1000);
      printf ("generate_records\t%" G_GUINT64_FORMAT "\trecords\t1000000\n", result.total);
    }
  else
    printf ("generate_month_records_per_s\t%.0f\trecords/s\t\n",
            result.total / (bench_ms_since (start) / 1000));
  if (quick_file)
    sp_store_exec (store, "PRAGMA synchronous = FULL", NULL);
}

/* The raw SQL under a report: each table's rows of the period counted. */
static void
count_floor (SpStore     *store,
             const GDate *from,
             const GDate *to)
{
  GDate after = *to;
  g_autofree char *first = NULL, *last = NULL;
  gint64 start_us, end_us;

  g_date_add_days (&after, 1);
  start_us = sp_report_day_start (from);
  end_us = sp_report_day_start (&after);
  first = sp_date_to_iso (from);
  last = sp_date_to_iso (to);
  sp_store_query_int (store, 0, NULL, "SELECT count(*) FROM identifications WHERE completed_at >= ?1 AND completed_at < ?2",
                      SP_INT (start_us), SP_INT (end_us), SP_END);
  sp_store_query_int (store, 0, NULL, "SELECT count(*) FROM cie_requests WHERE created_at >= ?1 AND created_at < ?2",
                      SP_INT (start_us), SP_INT (end_us), SP_END);
  sp_store_query_int (store, 0, NULL, "SELECT count(*) FROM tallies WHERE at >= ?1 AND at < ?2",
                      SP_INT (start_us), SP_INT (end_us), SP_END);
  sp_store_query_int (store, 0, NULL, "SELECT count(*) FROM appointments WHERE day >= ?1 AND day <= ?2",
                      SP_TEXT (first), SP_TEXT (last), SP_END);
}

/* Median milliseconds of runs of a report of the period, and of its floor. */
static void
time_report (SpStore     *store,
             const GDate *from,
             const GDate *to,
             SpReportBy   by,
             SpReportBy   also_by,
             guint        runs,
             double      *report_ms,
             double      *floor_ms)
{
  g_autoptr(GError) error = NULL;
  double times[25], floors[25];

  g_assert (runs <= G_N_ELEMENTS (times));
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(SpReport) report = NULL;
      g_autoptr(SpReport) also = NULL;
      gint64 start = g_get_monotonic_time ();

      report = sp_report_compute (store, from, to, by, &error);
      if (report != NULL && also_by != by)
        also = sp_report_compute (store, from, to, also_by, &error);
      if (report == NULL || (also_by != by && also == NULL))
        g_error ("%s", error->message);
      times[i] = bench_ms_since (start);

      start = g_get_monotonic_time ();
      count_floor (store, from, to);
      floors[i] = bench_ms_since (start);
    }
  *report_ms = bench_median (times, runs);
  *floor_ms = bench_median (floors, runs);
}

static void
measure (SpStore    *store,
         const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) year = NULL;
  g_autofree char *out_dir = g_build_filename (dir, "opendata", NULL);
  double times[5], report_ms, floor_ms;
  GDate today, year_start;
  gint64 start;

  sp_store_exec (store, "ANALYZE", NULL);

  /* The day's dashboard on a full working day (today may have just
   * begun): the day's totals, by hour and by desk. */
  sp_date_from_time (sp_store_now (), &today);
  do
    g_date_subtract_days (&today, 1);
  while (g_date_get_weekday (&today) >= G_DATE_SATURDAY);
  time_report (store, &today, &today, SP_REPORT_BY_HOUR, SP_REPORT_BY_DESK, 25, &report_ms, &floor_ms);
  printf ("dashboard_day_ms\t%.2f\tms\t%.2f\n", report_ms, floor_ms);

  year_start = today;
  g_date_subtract_days (&year_start, 364);
  time_report (store, &year_start, &today, SP_REPORT_BY_DAY, SP_REPORT_BY_DAY, 5, &report_ms, &floor_ms);
  printf ("year_report_ms\t%.1f\tms\t%.1f\n", report_ms, floor_ms);

  year = sp_report_compute (store, &year_start, &today, SP_REPORT_BY_DAY, &error);
  if (year == NULL)
    g_error ("%s", error->message);
  printf ("year_spid_completed\t%.0f\tidentifications\t\n", year->totals.v[SP_METRIC_SPID_COMPLETED]);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
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
  printf ("year_csv_export_ms\t%.1f\tms\t\n", bench_median (times, G_N_ELEMENTS (times)));

  start = g_get_monotonic_time ();
  if (!sp_report_export_opendata (store, &year_start, &today, out_dir, NULL, NULL, &error))
    g_error ("%s", error->message);
  printf ("year_opendata_export_ms\t%.1f\tms\t\n", bench_ms_since (start));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
  g_autofree char *years_path = NULL;
  g_autofree char *location = NULL;
  g_autofree char *pg_name = NULL;
  g_autoptr(SpStore) years = NULL;
  const char *kept = g_getenv ("SPORTELLO_BENCH_REPORT_DATABASE");
  guint days = argc > 1 ? (guint) atoi (argv[1]) : YEARS_DAYS;

  if (dir == NULL)
    g_error ("%s", error->message);
  g_setenv ("TZ", "Europe/Rome", TRUE);

  /* The years of records, always in a SQLite file: made here, or by the
   * SQLite pass before this one. */
  years_path = kept != NULL ? g_strdup (kept) : g_build_filename (dir, "years.db", NULL);
  if (g_file_test (years_path, G_FILE_TEST_EXISTS))
    {
      years = sp_store_open (years_path, &error);
      if (years == NULL)
        g_error ("%s", error->message);
    }
  else
    {
      years = open_rimini (years_path);
      generate (years, days, TRUE, TRUE);
    }

  if (bench_postgresql_server () == NULL)
    measure (years, dir);
  else
    {
      g_autoptr(SpStore) copy = NULL;
      gint64 start;

      location = bench_database_new (dir, &pg_name);
      copy = sp_store_open (location, &error);
      start = g_get_monotonic_time ();
      if (copy == NULL || !sp_store_copy (years, copy, NULL, NULL, &error))
        g_error ("%s", error->message);
      fprintf (stderr, "copied the years to PostgreSQL in %.1f s\n", bench_ms_since (start) / 1000);
      measure (copy, dir);
    }
  g_clear_object (&years);

  /* A month of the demo on this engine, for its rate. */
  {
    g_autofree char *month_pg = NULL;
    g_autofree char *month_dir = g_build_filename (dir, "month", NULL);
    g_autofree char *month = NULL;
    g_autoptr(SpStore) store = NULL;

    g_mkdir (month_dir, 0700);
    month = bench_database_new (month_dir, &month_pg);
    store = open_rimini (month);
    generate (store, MONTH_DAYS, month_pg == NULL, FALSE);
    g_clear_object (&store);
    bench_database_remove (month, month_pg);
  }

  if (pg_name != NULL)
    bench_database_remove (location, pg_name);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      g_warning ("could not remove %s", dir);
  }
  return 0;
}
