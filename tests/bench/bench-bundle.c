/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bundle.c — figures for bringing a pop-up desk's records back
 *
 * Prints lines "name<TAB>value<TAB>unit<TAB>baseline". A busy market day
 * on a laptop (SQLite): 300 records (50 citizens, 60 identifications with
 * their receipts and a print of each, 20 CIE requests, 40 tallies, 10
 * unsent e-mails) and their audit rows. The export is timed (the bundle
 * made again: the same window each run), then the import into a fresh
 * copy of the office (on the bench's engine) each run, and the records
 * imported per second against the baseline: the same rows copied by bare
 * INSERTs, column for column, in one transaction (no signature, no
 * decryption, no lookups by uuid, no conflict checks, no audit). Then the
 * same for ten such days in one bundle (3,000 records): what is paid once
 * a bundle (a new connection's first touch of each table, on a server)
 * and what is paid per record.
 */
#include "config.h"

#include <stdio.h>

#include "bench-util.h"
#include "sp-bundle-private.h"
#include "sp-bundle.h"
#include "sp-desk.h"
#include "sp-enrolment.h"
#include "sp-operator.h"

#define RUNS 9
#define N_CITIZENS 50
#define N_IDENTIFICATIONS 60
#define N_CIE 20
#define N_TALLIES 40
#define N_EMAILS 10
#define N_RECORDS (N_CITIZENS + 3 * N_IDENTIFICATIONS + N_CIE + N_TALLIES + N_EMAILS)
#define BIG_SCALE 10

static void
run_or_die (SpStore    *store,
            const char *sql,
            ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;
  g_autoptr(SpStatement) stmt = sp_store_query (store, &error, sql, SP_END);

  if (stmt == NULL)
    g_error ("%s", error->message);
  va_start (args, sql);
  sp_statement_bind_valist (stmt, args);
  va_end (args);
  if (!sp_statement_run (stmt, &error))
    g_error ("%s", error->message);
}

/* A day of work, written straight into the laptop's tables (its speed is
 * not what is measured). */
static gboolean
work_a_day (SpStore   *laptop,
            gpointer   user_data,
            GError   **error)
{
  const int scale = GPOINTER_TO_INT (user_data);
  gint64 now = sp_store_now (), at;

  for (int i = 0; i < N_CITIZENS * scale; i++)
    {
      g_autofree char *uuid = sp_store_new_uuid ();
      g_autofree char *cf = g_strdup_printf ("RSSMRA80A01H%04d", i);

      at = now - (gint64) (N_CITIZENS * scale - i) * 60 * G_USEC_PER_SEC;
      run_or_die (laptop, "INSERT INTO citizens (uuid, codice_fiscale, surname, name, sex, birth_date, email, "
                          "mobile, created_at, updated_at) VALUES (?1, ?2, 'ROSSI', 'MARIO', 'M', '1980-01-01', "
                          "'mario@example.org', '+393331234567', ?3, ?3)",
                  SP_TEXT (uuid), SP_TEXT (cf), SP_INT (at), SP_END);
    }
  for (int i = 0; i < N_IDENTIFICATIONS * scale; i++)
    {
      g_autofree char *uuid = sp_store_new_uuid ();
      g_autofree char *receipt = sp_store_new_uuid ();
      g_autofree char *print = sp_store_new_uuid ();
      g_autofree char *cf = g_strdup_printf ("RSSMRA80A01H%04d", i % (N_CITIZENS * scale));

      at = now - (gint64) (N_IDENTIFICATIONS * scale - i) * 50 * G_USEC_PER_SEC;
      run_or_die (laptop, "INSERT INTO identifications (uuid, state, channel, citizen_id, codice_fiscale, surname, "
                          "name, data, desk_id, operator_id, created_at, updated_at, completed_at, expires_at, "
                          "code_first_half, completed_by, token) VALUES (?1, 'completed', 'rao', "
                          "(SELECT id FROM citizens WHERE codice_fiscale = ?2), ?2, 'ROSSI', 'MARIO', "
                          "'{\"document\": {\"kind\": \"cie\", \"number\": \"CA00000AA\"}}', 1, 2, ?3 - 600000000, "
                          "?3, ?3, ?3 + 2592000000000, 'K7QD4M', 2, 'eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.sealed')",
                  SP_TEXT (uuid), SP_TEXT (cf), SP_INT (at), SP_END);
      run_or_die (laptop, "INSERT INTO receipts (uuid, kind, record_uuid, issued_at, issued_date, desk_id, "
                          "operator_id, desk_name, operator_name, fields, short_code) VALUES (?1, "
                          "'spid-identification', ?2, ?3, '20261203', 1, 2, 'Mercato', 'Bruno Bianchi', "
                          "'[{\"label\": \"Citizen\", \"value\": \"Mario Rossi\", \"type\": \"text\"}]', 'ABCDE-FGHIJ')",
                  SP_TEXT (receipt), SP_TEXT (uuid), SP_INT (at), SP_END);
      run_or_die (laptop, "INSERT INTO receipt_prints (uuid, receipt_id, copy, printed_at, desk_id, operator_id, "
                          "printed_by) VALUES (?1, (SELECT id FROM receipts WHERE uuid = ?2), 1, ?3, 1, 2, "
                          "'Bruno Bianchi')",
                  SP_TEXT (print), SP_TEXT (receipt), SP_INT (at), SP_END);
    }
  for (int i = 0; i < N_CIE * scale; i++)
    {
      g_autofree char *uuid = sp_store_new_uuid ();
      g_autofree char *cf = g_strdup_printf ("RSSMRA80A01H%04d", i);

      at = now - (gint64) (N_CIE * scale - i) * 70 * G_USEC_PER_SEC;
      run_or_die (laptop, "INSERT INTO cie_requests (uuid, citizen_id, codice_fiscale, surname, given_name, "
                          "birth_date, reason, ministry_number, card_number, fee_cents, payment_method, fingerprints, "
                          "organ_donation, delivery, delivery_address, validity_years, expected_delivery, desk_id, "
                          "operator_id, created_at, updated_at) VALUES (?1, (SELECT id FROM citizens WHERE "
                          "codice_fiscale = ?2), ?2, 'ROSSI', 'MARIO', '1980-01-01', 'renewal', 'M123', 'CA00000AA', "
                          "2200, 'card', 'taken', 'yes', 'home', 'Via Roma 1', 10, '2026-12-31', 1, 2, ?3, ?3)",
                  SP_TEXT (uuid), SP_TEXT (cf), SP_INT (at), SP_END);
    }
  for (int i = 0; i < N_TALLIES * scale; i++)
    {
      g_autofree char *uuid = sp_store_new_uuid ();

      at = now - (gint64) (N_TALLIES * scale - i) * 40 * G_USEC_PER_SEC;
      run_or_die (laptop, "INSERT INTO tallies (uuid, counter_service_id, desk_id, operator_id, at, count) "
                          "SELECT ?1, id, 1, 2, ?2, 1 FROM counter_services WHERE code = 'certificate'",
                  SP_TEXT (uuid), SP_INT (at), SP_END);
    }
  for (int i = 0; i < N_EMAILS * scale; i++)
    {
      g_autofree char *uuid = sp_store_new_uuid ();

      at = now - (gint64) (N_EMAILS * scale - i) * 30 * G_USEC_PER_SEC;
      run_or_die (laptop, "INSERT INTO outbox (uuid, recipient, subject, body, attachment_name, attachment, "
                          "created_at, next_attempt_at) VALUES (?1, 'mario@example.org', 'SPID', 'Codice', "
                          "'token.txt', X'00010203040506070809', ?2, ?2)",
                  SP_TEXT (uuid), SP_INT (at), SP_END);
    }
  return TRUE;
}

/* The office made once (enrolled Mercato), copied for each import. */
typedef struct
{
  char *dir;
  char *location;
  char *pg_name;
} Template;

static SpStore *
office_copy (Template  *office,
             char     **out_location,
             char     **out_pg_name)
{
  g_autoptr(GError) error = NULL;
  SpStore *store;
  static guint serial;

  *out_pg_name = NULL;
  if (office->pg_name != NULL)
    {
      g_autofree char *sql = NULL;
      const char *server = bench_postgresql_server ();

      *out_pg_name = g_strdup_printf ("%s_%u", office->pg_name, ++serial);
      sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", *out_pg_name, office->pg_name);
      bench_postgresql_exec (sql);
      *out_location = g_strdup_printf ("%s%sdbname=%s", server, strchr (server, '?') != NULL ? "&" : "?",
                                       *out_pg_name);
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      *out_location = g_strdup_printf ("%s/copy-%u.db", office->dir, ++serial);
      if (!g_file_get_contents (office->location, &contents, &len, &error) ||
          !g_file_set_contents (*out_location, contents, len, &error))
        g_error ("%s", error->message);
    }
  store = sp_store_open (*out_location, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

/* The baseline: the laptop's rows of every table a bundle carries, copied
 * column for column by bare INSERTs in one transaction. */
typedef struct
{
  SpStore *laptop;
  guint    copied;
} Bare;

static gboolean
copy_bare (SpStore   *office,
           gpointer   user_data,
           GError   **error)
{
  Bare *bare = user_data;

  bare->copied = 0;
  for (guint t = 0; sp_bundle_tables[t] != NULL; t++)
    {
      const SpRowsTable *table = sp_bundle_tables[t] ();
      g_autoptr(GString) select = g_string_new ("SELECT ");
      g_autoptr(GString) insert = g_string_new (NULL);
      g_autoptr(GString) values = g_string_new (NULL);
      g_autoptr(SpStatement) from = NULL;
      g_autoptr(SpStatement) to = NULL;
      g_autoptr(GError) local_error = NULL;
      guint n = 0;

      g_string_append_printf (insert, "INSERT INTO %s (", table->table);
      for (const SpRowsColumn *c = table->columns; c->name != NULL; c++, n++)
        {
          g_string_append_printf (select, "%s%s", n > 0 ? ", " : "", c->name);
          g_string_append_printf (insert, "%s%s", n > 0 ? ", " : "", c->name);
          g_string_append_printf (values, "%s?%u", n > 0 ? ", " : "", n + 1);
        }
      g_string_append_printf (select, " FROM %s ORDER BY id", table->table);
      g_string_append_printf (insert, ") VALUES (%s)", values->str);
      from = sp_store_query (bare->laptop, error, select->str, SP_END);
      to = from != NULL ? sp_store_query (office, error, insert->str, SP_END) : NULL;
      if (to == NULL)
        return FALSE;
      while (sp_statement_next (from, &local_error))
        {
          sp_statement_bind (to, SP_END);
          for (guint i = 0; i < n; i++)
            switch (sp_statement_get_column_type (from, i))
              {
              case SP_COLUMN_NULL:
                sp_statement_bind_null (to, i + 1);
                break;
              case SP_COLUMN_INTEGER:
                sp_statement_bind_int (to, i + 1, sp_statement_get_int (from, i));
                break;
              case SP_COLUMN_BLOB:
                {
                  g_autoptr(GBytes) bytes = sp_statement_dup_bytes (from, i);

                  sp_statement_bind_bytes (to, i + 1, bytes);
                  break;
                }
              default:
                sp_statement_bind_text (to, i + 1, sp_statement_get_text (from, i));
                break;
              }
          if (!sp_statement_run (to, error))
            return FALSE;
          bare->copied++;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

static void
drop_copy (SpStore    *store,
           const char *location,
           const char *pg_name)
{
  g_object_unref (store);
  bench_database_remove (location, pg_name);
}

/* The figures of a bundle of scale busy days, their names prefixed. */
static void
measure (int         scale,
         const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(SpBundleSummary) summary = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *laptop_path = NULL;
  g_autoptr(GBytes) enrolment = NULL;
  g_autoptr(SpStore) laptop = NULL;
  Template office = { 0, };
  BenchDb db;
  double export_ms[RUNS], import_ms[RUNS], bare_ms[RUNS];
  double import_median, bare_median;
  guint imported = 0;

  bench_db_open (&db, "bench-bundle-XXXXXX");
  {
    g_autoptr(SpDesk) desk = sp_desk_add (db.store, SP_ACTOR_SYSTEM, "Mercato", SP_DESK_POPUP, &error);
    g_autoptr(SpOperator) clerk = sp_operator_add (db.store, SP_ACTOR_SYSTEM, "bruno", "Bruno Bianchi", NULL,
                                                   SP_ROLE_CLERK, "Battery-Staple-9", &error);

    if (desk == NULL || clerk == NULL)
      g_error ("%s", error->message);
  }
  enrolment = sp_enrolment_create (db.store, SP_ACTOR_SYSTEM, "Mercato", &passphrase, &error);
  if (enrolment == NULL)
    g_error ("%s", error->message);
  laptop_path = g_build_filename (db.dir, "laptop.db", NULL);
  laptop = sp_store_open (laptop_path, &error);
  if (laptop == NULL || !sp_enrolment_join (laptop, enrolment, passphrase, &error) ||
      !sp_store_transaction (laptop, work_a_day, GINT_TO_POINTER (scale), &error))
    g_error ("%s", error->message);

  /* The office is the template of each run's copy. */
  office.dir = db.dir;
  office.location = db.location;
  office.pg_name = db.pg_name;
  g_clear_object (&db.store);

  bundle = sp_bundle_export (laptop, SP_ACTOR_SYSTEM, FALSE, &summary, &error);
  if (bundle == NULL)
    g_error ("%s", error->message);
  for (int run = 0; run < RUNS; run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GBytes) again = sp_bundle_export (laptop, SP_ACTOR_SYSTEM, TRUE, NULL, &error);

      if (again == NULL)
        g_error ("%s", error->message);
      export_ms[run] = bench_ms_since (t0);
    }

  for (int run = 0; run < RUNS; run++)
    {
      g_autofree char *location = NULL;
      g_autofree char *pg_name = NULL;
      SpStore *copy = office_copy (&office, &location, &pg_name);
      g_autoptr(SpBundleSummary) done = NULL;
      gint64 t0 = g_get_monotonic_time ();
      Bare bare = { laptop, 0 };

      done = sp_bundle_import (copy, SP_ACTOR_SYSTEM, bundle, &error);
      if (done == NULL)
        g_error ("%s", error->message);
      import_ms[run] = bench_ms_since (t0);
      imported = 0;
      for (guint t = 0; sp_bundle_tables[t] != NULL; t++)
        imported += json_object_get_int_member (json_object_get_object_member (done->counts,
                                                                                sp_bundle_tables[t] ()->table),
                                                "inserted");
      drop_copy (copy, location, pg_name);
      g_clear_pointer (&location, g_free);
      g_clear_pointer (&pg_name, g_free);

      copy = office_copy (&office, &location, &pg_name);
      t0 = g_get_monotonic_time ();
      if (!sp_store_transaction (copy, copy_bare, &bare, &error))
        g_error ("%s", error->message);
      bare_ms[run] = bench_ms_since (t0);
      g_assert_cmpuint (bare.copied, ==, imported);
      drop_copy (copy, location, pg_name);
    }
  g_assert_cmpuint (imported, ==, N_RECORDS * scale);

  import_median = bench_median (import_ms, RUNS);
  bare_median = bench_median (bare_ms, RUNS);
  printf ("%s_records\t%u\trecords\t\n", prefix, imported);
  printf ("%s_audit_rows\t%" G_GINT64_FORMAT "\trows\t\n", prefix,
          json_object_get_int_member (summary->counts, "audit"));
  printf ("%s_file_kb\t%.1f\tkB\t\n", prefix, g_bytes_get_size (bundle) / 1024.0);
  printf ("%s_export_ms\t%.1f\tms\t\n", prefix, bench_median (export_ms, RUNS));
  printf ("%s_import_ms\t%.1f\tms\t%.1f\n", prefix, import_median, bare_median);
  printf ("%s_import_records_per_s\t%.0f\trecords/s\t%.0f\n", prefix, imported / (import_median / 1000.0),
          imported / (bare_median / 1000.0));

  g_clear_object (&laptop);
  sp_fixture_remove_database (laptop_path);
  db.store = NULL;
  bench_db_close (&db);
}

int
main (int argc, char *argv[])
{
  measure (1, "bundle");
  measure (BIG_SCALE, "bundle_ten_days");
  return 0;
}
