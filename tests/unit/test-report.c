/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c — every count of a report against a hand-built data set,
 * in Rome's time zone, across months and both daylight-saving changes. */
#include "config.h"

#include <string.h>

#include "sp-report.h"
#include "sp-test-cases.h"

#define CF_A "RSSMRA80A01H501U"

typedef struct
{
  gint64 desk_a, desk_b, carla, dario;
} Ids;

/* 28–30 March 2026: the 29th lasts 23 hours (02:00 → 03:00). */
static Ids
build_spring (SpTestDb *db)
{
  Ids ids;

  ids.desk_a = 1;   /* "Sportello 1", made by set-up */
  ids.desk_b = sp_test_add_desk (db, "Sportello 2");
  ids.carla = sp_test_add_operator (db, "carla", "clerk");
  ids.dario = sp_test_add_operator (db, "dario", "clerk");

  /* The 28th: the previous day of a one-day report of the 29th. */
  sp_test_add_identification (db, "completed", "rao", NULL, ids.desk_a, ids.carla,
                              sp_test_local (2026, 3, 28, 23, 30), CF_A);
  sp_test_add_cie (db, "first", "requested", ids.desk_a, ids.carla,
                   sp_test_local (2026, 3, 28, 12, 0), CF_A);

  /* The 29th. */
  sp_test_add_identification (db, "completed", "rao", NULL, ids.desk_a, ids.carla,
                              sp_test_local (2026, 3, 29, 3, 15), CF_A);
  sp_test_add_identification (db, "completed", "partner", NULL, ids.desk_b, ids.dario,
                              sp_test_local (2026, 3, 29, 23, 30), CF_A);
  sp_test_add_identification (db, "refused", "rao", "minor", ids.desk_a, ids.carla,
                              sp_test_local (2026, 3, 29, 10, 5), CF_A);
  sp_test_add_cie (db, "renewal", "requested", ids.desk_a, ids.carla,
                   sp_test_local (2026, 3, 29, 9, 0), CF_A);
  sp_test_add_cie (db, "lost", "requested", ids.desk_b, ids.dario,
                   sp_test_local (2026, 3, 29, 11, 40), CF_A);
  /* Waits 600 s and 1800 s; service 1200 s and 600 s. */
  sp_test_add_appointment (db, "2026-03-29", 540, 0, "served", ids.desk_a, ids.carla,
                           sp_test_local (2026, 3, 29, 8, 55), sp_test_local (2026, 3, 29, 9, 5),
                           sp_test_local (2026, 3, 29, 9, 5), sp_test_local (2026, 3, 29, 9, 25));
  sp_test_add_appointment (db, "2026-03-29", 560, 0, "cancelled", ids.desk_a, ids.carla, 0, 0, 0, 0);
  sp_test_add_appointment (db, "2026-03-29", 580, 0, "no-show", ids.desk_a, ids.carla, 0, 0, 0, 0);
  sp_test_add_appointment (db, "2026-03-29", -1, 1, "served", ids.desk_b, ids.dario,
                           sp_test_local (2026, 3, 29, 10, 0), sp_test_local (2026, 3, 29, 10, 30),
                           sp_test_local (2026, 3, 29, 10, 30), sp_test_local (2026, 3, 29, 10, 40));
  sp_test_add_appointment (db, "2026-03-29", -1, 2, "waiting", ids.desk_b, ids.dario,
                           sp_test_local (2026, 3, 29, 11, 0), 0, 0, 0);
  sp_test_add_tally (db, "certificate", ids.desk_a, ids.carla, sp_test_local (2026, 3, 29, 12, 0), 1);
  sp_test_add_tally (db, "residence", ids.desk_b, ids.dario, sp_test_local (2026, 3, 29, 15, 0), 2);
  sp_test_add_email (db, sp_test_local (2026, 3, 29, 10, 0), 0);
  sp_test_add_email (db, sp_test_local (2026, 3, 29, 11, 0), sp_test_local (2026, 3, 29, 11, 5));

  /* Ten minutes into the 30th: not the 29th's. */
  sp_test_add_identification (db, "refused", "rao", "other", ids.desk_a, ids.carla,
                              sp_test_local (2026, 3, 30, 0, 10), CF_A);
  return ids;
}

/* A count that must be there. */
static gint64
count_of (GPtrArray *counts, const char *id)
{
  SpReportCount *c = sp_test_find_count (counts, id);

  g_assert_nonnull (c);
  return c->count;
}

static SpReportRow *
find_row (SpReport *report, gint64 key)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (report->rows, i);
      if (row->key == key)
        return row;
    }
  return NULL;
}

static void
test_day_totals (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  GDate day = sp_test_day (2026, 3, 29);
  double *v;

  build_spring (db);
  report = sp_report_compute (db->store, &day, &day, SP_REPORT_BY_NONE, &error);
  g_assert_no_error (error);

  /* 23 hours long. */
  g_assert_cmpint (report->end_us - report->start_us, ==, G_GINT64_CONSTANT (23) * 3600 * G_USEC_PER_SEC);

  v = report->totals.v;
  g_assert_cmpfloat (v[SP_METRIC_SPID_COMPLETED], ==, 2);
  g_assert_cmpfloat (v[SP_METRIC_SPID_RAO], ==, 1);
  g_assert_cmpfloat (v[SP_METRIC_SPID_PARTNER], ==, 1);
  g_assert_cmpfloat (v[SP_METRIC_SPID_REFUSED], ==, 1);
  g_assert_cmpfloat (v[SP_METRIC_CIE_REQUESTS], ==, 2);
  g_assert_cmpfloat (v[SP_METRIC_APPOINTMENTS_BOOKED], ==, 3);
  g_assert_cmpfloat (v[SP_METRIC_APPOINTMENTS_SERVED], ==, 2);
  g_assert_cmpfloat (v[SP_METRIC_APPOINTMENTS_CANCELLED], ==, 1);
  g_assert_cmpfloat (v[SP_METRIC_APPOINTMENTS_NO_SHOW], ==, 1);
  g_assert_cmpfloat (v[SP_METRIC_WALK_INS], ==, 2);
  g_assert_cmpfloat (v[SP_METRIC_TALLIES], ==, 3);
  g_assert_cmpfloat (v[SP_METRIC_UNSENT_EMAILS], ==, 1);
  g_assert_cmpfloat (v[SP_METRIC_WAIT_AVG], ==, 1200);
  g_assert_cmpfloat (v[SP_METRIC_WAIT_P90], ==, 1800);
  g_assert_cmpfloat (v[SP_METRIC_SERVICE_AVG], ==, 900);
  g_assert_cmpfloat (v[SP_METRIC_SERVICE_P90], ==, 1200);

  /* The previous equal period is the 28th. */
  g_assert_cmpfloat (report->previous.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  g_assert_cmpfloat (report->previous.v[SP_METRIC_CIE_REQUESTS], ==, 1);
  g_assert_cmpfloat (report->previous.v[SP_METRIC_SPID_REFUSED], ==, 0);
  g_assert_cmpfloat (report->previous.v[SP_METRIC_UNSENT_EMAILS], ==, 0);

  g_assert_cmpint (count_of (report->refusal_reasons, "minor"), ==, 1);
  g_assert_cmpint (count_of (report->refusal_reasons, "other"), ==, 0);
  g_assert_cmpint (count_of (report->spid_channels, "rao"), ==, 1);
  g_assert_cmpint (count_of (report->spid_channels, "partner"), ==, 1);
  g_assert_cmpint (count_of (report->cie_reasons, "renewal"), ==, 1);
  g_assert_cmpint (count_of (report->cie_reasons, "lost"), ==, 1);
  g_assert_cmpint (count_of (report->cie_reasons, "first"), ==, 0);
  g_assert_cmpint (count_of (report->tally_services, "certificate"), ==, 1);
  g_assert_cmpint (count_of (report->tally_services, "residence"), ==, 2);
  g_assert_cmpint (report->rows->len, ==, 0);
}

static void
test_by_desk_operator_hour (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) by_desk = NULL;
  g_autoptr(SpReport) by_op = NULL;
  g_autoptr(SpReport) by_hour = NULL;
  GDate day = sp_test_day (2026, 3, 29);
  SpReportRow *row;
  Ids ids = build_spring (db);

  by_desk = sp_report_compute (db->store, &day, &day, SP_REPORT_BY_DESK, &error);
  g_assert_no_error (error);
  row = find_row (by_desk, ids.desk_a);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->label, ==, "Sportello 1");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_REFUSED], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_CIE_REQUESTS], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_APPOINTMENTS_BOOKED], ==, 3);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_APPOINTMENTS_SERVED], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_WAIT_AVG], ==, 600);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_TALLIES], ==, 1);
  row = find_row (by_desk, ids.desk_b);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->label, ==, "Sportello 2");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_WALK_INS], ==, 2);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_APPOINTMENTS_SERVED], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_WAIT_P90], ==, 1800);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SERVICE_AVG], ==, 600);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_TALLIES], ==, 2);
  g_assert_cmpuint (by_desk->rows->len, ==, 2);

  by_op = sp_report_compute (db->store, &day, &day, SP_REPORT_BY_OPERATOR, &error);
  g_assert_no_error (error);
  row = find_row (by_op, ids.dario);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->label, ==, "dario");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_PARTNER], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_CIE_REQUESTS], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_TALLIES], ==, 2);

  by_hour = sp_report_compute (db->store, &day, &day, SP_REPORT_BY_HOUR, &error);
  g_assert_no_error (error);
  /* 03:15 exists (02:xx does not on this day). */
  row = find_row (by_hour, 3);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->label, ==, "03:00");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  row = find_row (by_hour, 23);
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  g_assert_null (find_row (by_hour, 2));
  /* Booked slots count at their hour, walk-ins at arrival. */
  row = find_row (by_hour, 9);
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_APPOINTMENTS_BOOKED], ==, 3);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_CIE_REQUESTS], ==, 1);

  /* A breakdown's totals are those of the plain report, to the second. */
  {
    g_autoptr(SpReport) none = sp_report_compute (db->store, &day, &day, SP_REPORT_BY_NONE, &error);

    g_assert_no_error (error);
    for (guint m = 0; m < SP_METRIC_N; m++)
      {
        g_assert_cmpfloat (by_desk->totals.v[m], ==, none->totals.v[m]);
        g_assert_cmpfloat (by_op->totals.v[m], ==, none->totals.v[m]);
        g_assert_cmpfloat (by_hour->totals.v[m], ==, none->totals.v[m]);
        g_assert_cmpfloat (by_hour->previous.v[m], ==, none->previous.v[m]);
      }
  }
}

static void
test_by_day_spring (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  GDate from = sp_test_day (2026, 3, 28), to = sp_test_day (2026, 3, 30);
  SpReportRow *row;

  build_spring (db);
  report = sp_report_compute (db->store, &from, &to, SP_REPORT_BY_DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_days, ==, 3);

  row = find_row (report, 0);
  g_assert_cmpstr (row->label, ==, "2026-03-28");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  row = find_row (report, 1);
  g_assert_cmpstr (row->label, ==, "2026-03-29");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 2);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_WALK_INS], ==, 2);
  row = find_row (report, 2);
  g_assert_cmpstr (row->label, ==, "2026-03-30");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_REFUSED], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 0);

  g_assert_cmpfloat (report->totals.v[SP_METRIC_SPID_COMPLETED], ==, 3);
  g_assert_cmpfloat (report->totals.v[SP_METRIC_SPID_REFUSED], ==, 2);
  g_assert_cmpfloat (report->totals.v[SP_METRIC_CIE_REQUESTS], ==, 3);
}

static gint64
utc (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* 25 October 2026 lasts 25 hours: 02:30 happens twice. A period across
 * October and November, by day and by hour. */
static void
test_autumn_across_months (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  g_autoptr(SpReport) day25 = NULL;
  GDate from = sp_test_day (2026, 10, 25), to = sp_test_day (2026, 11, 2);
  SpReportRow *row;

  /* 02:30 CEST and 02:30 CET. */
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, utc (2026, 10, 25, 0, 30), CF_A);
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, utc (2026, 10, 25, 1, 30), CF_A);
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, sp_test_local (2026, 10, 25, 23, 59), CF_A);
  /* 00:30 on the 26th is 23:30 UTC on the 25th. */
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, utc (2026, 10, 25, 23, 30), CF_A);
  sp_test_add_identification (db, "completed", "partner", NULL, 1, 1, sp_test_local (2026, 11, 1, 10, 0), CF_A);
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, sp_test_local (2026, 11, 2, 23, 59), CF_A);
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, sp_test_local (2026, 11, 3, 0, 0), CF_A);
  /* The previous nine days: 16–24 October. */
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, sp_test_local (2026, 10, 16, 0, 0), CF_A);
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, sp_test_local (2026, 10, 15, 23, 59), CF_A);
  sp_test_add_appointment (db, "2026-11-02", 600, 0, "served", 1, 1, 0, 0, 0, 0);
  sp_test_add_appointment (db, "2026-10-24", 600, 0, "served", 1, 1, 0, 0, 0, 0);

  report = sp_report_compute (db->store, &from, &to, SP_REPORT_BY_DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_days, ==, 9);
  g_assert_cmpfloat (report->totals.v[SP_METRIC_SPID_COMPLETED], ==, 6);
  g_assert_cmpfloat (report->totals.v[SP_METRIC_APPOINTMENTS_SERVED], ==, 1);
  g_assert_cmpfloat (report->previous.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  g_assert_cmpfloat (report->previous.v[SP_METRIC_APPOINTMENTS_SERVED], ==, 1);

  row = find_row (report, 0);
  g_assert_cmpstr (row->label, ==, "2026-10-25");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 3);
  row = find_row (report, 1);
  g_assert_cmpstr (row->label, ==, "2026-10-26");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  row = find_row (report, 7);
  g_assert_cmpstr (row->label, ==, "2026-11-01");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_PARTNER], ==, 1);
  row = find_row (report, 8);
  g_assert_cmpstr (row->label, ==, "2026-11-02");
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 1);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_APPOINTMENTS_SERVED], ==, 1);

  day25 = sp_report_compute (db->store, &from, &from, SP_REPORT_BY_HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (day25->end_us - day25->start_us, ==, G_GINT64_CONSTANT (25) * 3600 * G_USEC_PER_SEC);
  row = find_row (day25, 2);
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 2);
}

static void
test_bad_period (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GDate from = sp_test_day (2026, 3, 2), to = sp_test_day (2026, 3, 1);

  g_assert_null (sp_report_compute (db->store, &from, &to, SP_REPORT_BY_NONE, &error));
  g_assert_error (error, SP_REPORT_ERROR, SP_REPORT_ERROR_PERIOD);
}

static void
test_csv (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(SpReport) report = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  GDate day = sp_test_day (2026, 3, 29);

  sp_csv_append_field (out, "plain", ';');
  g_string_append_c (out, ';');
  sp_csv_append_field (out, "a;b", ';');
  g_string_append_c (out, ';');
  sp_csv_append_field (out, "a,b", ';');
  g_string_append_c (out, ';');
  sp_csv_append_field (out, "say \"hi\"", ';');
  g_string_append_c (out, ';');
  sp_csv_append_field (out, "two\nlines", ';');
  g_string_append_c (out, ';');
  sp_csv_append_field (out, "Forlì", ',');
  g_assert_cmpstr (out->str, ==, "plain;\"a;b\";a,b;\"say \"\"hi\"\"\";\"two\nlines\";Forlì");

  g_assert_cmpint (sp_report_csv_separator (db->store), ==, ';');
  sp_store_set_setting (db->store, SP_SETTING_CSV_SEPARATOR, ",", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_report_csv_separator (db->store), ==, ',');

  build_spring (db);
  report = sp_report_compute (db->store, &day, &day, SP_REPORT_BY_DESK, &error);
  g_assert_no_error (error);
  csv = sp_report_to_csv (report, ';');
  g_assert_true (g_str_has_prefix (csv, "group;label;spid_completed;spid_refused;"));
  g_assert_nonnull (strstr (csv, "\r\ntotal;;2;1;1;1;2;3;2;1;1;2;3;1;1200;1800;900;1200\r\n"));
  g_assert_nonnull (strstr (csv, "\r\ndesk;Sportello 2;1;"));
  /* No personal data in any figure. */
  g_assert_null (strstr (csv, "ROSSI"));
  g_assert_null (strstr (csv, CF_A));
  json = sp_report_to_json (report);
  g_assert_nonnull (strstr (json, "\"spid_completed\" : 2"));
  g_assert_null (strstr (json, "ROSSI"));
}

static void
test_opendata (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "opendata", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "opendata.csv", NULL);
  g_autofree char *json_path = g_build_filename (dir, "opendata.json", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  GDate from = sp_test_day (2026, 3, 28), to = sp_test_day (2026, 3, 30);

  build_spring (db);
  sp_report_export_opendata (db->store, &from, &to, dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "date,service,outcome,count\r\n"));
  g_assert_nonnull (strstr (csv, "2026-03-28,spid,completed,1\r\n"));
  g_assert_nonnull (strstr (csv, "2026-03-29,spid,completed,2\r\n"));
  g_assert_nonnull (strstr (csv, "2026-03-29,cie,requested,2\r\n"));
  g_assert_nonnull (strstr (csv, "2026-03-29,cie,walk-in-served,1\r\n"));
  g_assert_nonnull (strstr (csv, "2026-03-29,residence,counted,2\r\n"));
  g_assert_nonnull (strstr (csv, "2026-03-30,spid,refused,1\r\n"));
  g_assert_null (strstr (csv, "ROSSI"));
  g_file_get_contents (json_path, &json, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"fields\""));
}

int
main (int argc, char *argv[])
{
  sp_test_use_rome_time ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD_SETUP ("/report/day-totals", test_day_totals);
  SP_TEST_ADD_SETUP ("/report/by-desk-operator-hour", test_by_desk_operator_hour);
  SP_TEST_ADD_SETUP ("/report/by-day-spring-dst", test_by_day_spring);
  SP_TEST_ADD_SETUP ("/report/autumn-dst-across-months", test_autumn_across_months);
  SP_TEST_ADD_SETUP ("/report/bad-period", test_bad_period);
  SP_TEST_ADD_SETUP ("/report/csv", test_csv);
  SP_TEST_ADD_SETUP ("/report/opendata", test_opendata);
  return g_test_run ();
}
