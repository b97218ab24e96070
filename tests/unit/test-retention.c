/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-retention.c — personal data of old closed cases erased, counts
 * unchanged, the audit chain still verifiable. */
#include "config.h"

#include <string.h>

#include "sp-audit.h"
#include "sp-report.h"
#include "sp-retention.h"
#include "sp-test-cases.h"

#define CF_OLD "RSSMRA80A01H501U"
#define CF_NEW "BNCLCU75E45H294K"

static gboolean
append_old_audit (SpStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  return sp_audit_append (store, SP_ACTOR_SYSTEM, "spid-complete", NULL,
                          "{\"codice_fiscale\": \"" CF_OLD "\"}", error);
}

static void
build (SpTestDb *db)
{
  g_autoptr(GError) error = NULL;
  gint64 old = sp_test_local (2023, 5, 10, 10, 0);
  gint64 recent = sp_test_local (2026, 3, 20, 10, 0);
  gint64 citizen;

  sp_test_exec (db, "INSERT INTO citizens (uuid, codice_fiscale, surname, name, sex, birth_date, "
                    "email, created_at, updated_at) VALUES ('c1', '" CF_OLD "', 'ROSSI', 'MARIO', 'M', "
                    "'1980-01-01', 'mario@example.org', 0, 0)");
  citizen = sp_store_last_insert_id (db->store);
  sp_test_exec (db, "INSERT INTO citizens (uuid, codice_fiscale, surname, name, sex, birth_date, "
                    "created_at, updated_at) VALUES ('c2', '" CF_NEW "', 'BIANCHI', 'LUCIA', 'F', "
                    "'1975-05-05', 0, 0)");

  /* Old and closed: erased. */
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, old, CF_OLD);
  sp_test_add_identification (db, "refused", "partner", "minor", 1, 1, old + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC, CF_OLD);
  sp_test_exec (db, "UPDATE identifications SET citizen_id = 1");
  sp_test_add_cie (db, "lost", "delivered", 1, 1, old, CF_OLD);
  sp_test_add_cie (db, "renewal", "requested", 1, 1, old, CF_OLD);   /* still open: kept */
  sp_test_add_appointment (db, "2023-05-10", 600, 0, "served", 1, 1, old, old + 60 * G_USEC_PER_SEC,
                           old + 60 * G_USEC_PER_SEC, old + 900 * G_USEC_PER_SEC);
  sp_test_add_appointment (db, "2023-05-10", -1, 1, "no-show", 1, 1, 0, 0, 0, 0);
  sp_test_add_tally (db, "certificate", 1, 1, old, 3);
  sp_test_add_email (db, old, old + G_USEC_PER_SEC);

  /* Recent: kept. */
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, recent, CF_NEW);
  sp_test_exec (db, "UPDATE identifications SET citizen_id = 2 WHERE codice_fiscale = '" CF_NEW "'");
  sp_test_add_cie (db, "first", "delivered", 1, 1, recent, CF_NEW);

  /* An audit row of the past that names a codice fiscale: left as it is. */
  sp_store_transaction (db->store, append_old_audit, NULL, &error);
  g_assert_no_error (error);
  (void) citizen;
}

static SpReport *
report_all (SpTestDb *db)
{
  g_autoptr(GError) error = NULL;
  GDate from = sp_test_day (2023, 1, 1), to = sp_test_day (2026, 3, 29);
  SpReport *report = sp_report_compute (db->store, &from, &to, SP_REPORT_BY_DAY, &error);

  g_assert_no_error (error);
  return report;
}

static void
test_apply (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) before = NULL;
  g_autoptr(SpReport) after = NULL;
  g_autofree char *csv_before = NULL;
  g_autofree char *csv_after = NULL;
  g_autofree char *details = NULL;
  g_autofree char *erased = NULL;
  SpRetentionResult result;
  gint64 now = sp_test_local (2026, 3, 29, 12, 0);
  guint64 checked = 0;
  gint64 broken = 0;
  gint64 audit_rows;

  build (db);
  g_assert_cmpint (sp_retention_get_months (db->store), ==, SP_RETENTION_DEFAULT_MONTHS);
  before = report_all (db);
  csv_before = sp_report_to_csv (before, ';');
  audit_rows = sp_test_count (db, "SELECT count(*) FROM audit");

  /* A dry run counts and changes nothing. */
  sp_retention_apply (db->store, SP_ACTOR_SYSTEM, now, TRUE, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.counts[SP_RETENTION_IDENTIFICATIONS], ==, 2);
  g_assert_cmpuint (result.counts[SP_RETENTION_CIE_REQUESTS], ==, 1);
  g_assert_cmpuint (result.counts[SP_RETENTION_APPOINTMENTS], ==, 2);
  g_assert_cmpuint (result.counts[SP_RETENTION_EMAILS], ==, 1);
  g_assert_cmpuint (result.counts[SP_RETENTION_CITIZENS], ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE codice_fiscale = '" CF_OLD "'"), ==, 2);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM citizens"), ==, 2);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit"), ==, audit_rows);

  sp_retention_apply (db->store, SP_ACTOR_SYSTEM, now, FALSE, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.counts[SP_RETENTION_IDENTIFICATIONS], ==, 2);

  /* Personal data gone, outside the audit trail. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE codice_fiscale <> '" CF_NEW "' "
                                  "AND (codice_fiscale <> '' OR surname = 'ROSSI' OR data LIKE '%mario%')"), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_requests WHERE codice_fiscale = '" CF_OLD "'"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_requests WHERE delivery_address IS NOT NULL"), ==, 2);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM appointments WHERE surname <> '' OR phone IS NOT NULL"), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox WHERE recipient LIKE '%@%'"), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM citizens WHERE codice_fiscale = '" CF_OLD "'"), ==, 0);
  /* Recent cases kept. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE codice_fiscale = '" CF_NEW "'"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM citizens WHERE codice_fiscale = '" CF_NEW "'"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_requests WHERE codice_fiscale = '" CF_NEW "'"), ==, 1);

  /* Counts exact. */
  after = report_all (db);
  csv_after = sp_report_to_csv (after, ';');
  g_assert_cmpstr (csv_before, ==, csv_after);
  g_assert_cmpfloat (after->totals.v[SP_METRIC_SPID_COMPLETED], ==, 2);
  g_assert_cmpint (((SpReportCount *) after->refusal_reasons->pdata[3])->count, ==, 1);

  /* Recorded, and the chain holds; the old audit row is untouched. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit"), ==, audit_rows + 1);
  details = sp_test_query_text (db, "SELECT details FROM audit WHERE action = 'retention-apply'");
  erased = sp_test_json_get (details, "$.erased.identifications");
  g_assert_cmpstr (erased, ==, "2");
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE details LIKE '%" CF_OLD "%'"), ==, 1);
  sp_audit_verify (db->store, &checked, &broken, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checked, ==, audit_rows + 1);

  /* Again: nothing left to erase. */
  sp_retention_apply (db->store, SP_ACTOR_SYSTEM, now, FALSE, &result, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < SP_RETENTION_N_KINDS; k++)
    g_assert_cmpuint (result.counts[k], ==, 0);
}

static void
test_disabled (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SpRetentionResult result;

  build (db);
  sp_store_set_setting (db->store, SP_SETTING_RETENTION_MONTHS, "0", &error);
  g_assert_no_error (error);
  sp_retention_apply (db->store, SP_ACTOR_SYSTEM, sp_test_local (2026, 3, 29, 12, 0), FALSE, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.counts[SP_RETENTION_IDENTIFICATIONS], ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE codice_fiscale = '" CF_OLD "'"), ==, 2);
}

int
main (int argc, char *argv[])
{
  sp_test_use_rome_time ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD_SETUP ("/retention/apply", test_apply);
  SP_TEST_ADD_SETUP ("/retention/disabled", test_disabled);
  return g_test_run ();
}
