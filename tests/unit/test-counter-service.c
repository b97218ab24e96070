/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-counter-service.c — the comune's list of other counter services:
 * every edit checked, audited and all-or-nothing; counting; reports that
 * keep what a service counted before it was deactivated. */
#include "config.h"

#include <string.h>

#include "sp-audit.h"
#include "sp-counter-service.h"
#include "sp-report.h"
#include "sp-test-cases.h"

/* Desk 1 and operator 1: those made by set-up. */
static const SpActor admin = { 1, 1 };

/* Everything an edit may change: the services' rows and the audit's size. */
static char *
snapshot (SpTestDb *db)
{
  return sp_test_snapshot (db->store, "SELECT id, code, name, shortcut, position, active FROM counter_services ORDER BY id", TRUE);
}

/* The newest audit row is this action, its details hold this code, and
 * the chain still verifies. */
static void
assert_audited (SpTestDb *db, const char *action, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) stmt = sp_test_query_row (db,
    "SELECT action, details FROM audit ORDER BY id DESC LIMIT 1");
  g_autofree char *audited_code = sp_test_json_get (sp_statement_get_text (stmt, 1), "$.code");

  g_assert_cmpstr (sp_statement_get_text (stmt, 0), ==, action);
  g_assert_cmpstr (audited_code, ==, code);
  g_assert_true (sp_audit_verify (db->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
codes (SpTestDb *db, gboolean include_inactive)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sp_counter_service_list (db->store, include_inactive, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SpCounterService) s = g_list_model_get_item (list, i);
      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", sp_counter_service_get_code (s));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static SpCounterService *
lookup (SpTestDb *db, const char *code)
{
  g_autoptr(GError) error = NULL;
  SpCounterService *service = sp_counter_service_lookup (db->store, code, &error);

  g_assert_no_error (error);
  return service;
}

static void
test_builtin_list (SpTestDb *db, gconstpointer data)
{
  g_autofree char *all = codes (db, TRUE);
  g_autoptr(SpCounterService) first = lookup (db, "CERTIFICATE");

  g_assert_cmpstr (all, ==, "certificate residence civil-status signature information");
  g_assert_cmpstr (sp_counter_service_get_code (first), ==, "certificate");
  g_assert_cmpstr (sp_counter_service_get_display_name (first), ==, "Registry certificate");
  g_assert_cmpint (sp_counter_service_get_shortcut (first), ==, 1);
  g_assert_true (sp_counter_service_get_active (first));
}

static void
test_add (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) added = NULL;
  g_autofree char *all = NULL;
  gint64 audit_rows = sp_test_count (db, "SELECT count(*) FROM audit");

  added = sp_counter_service_add (db->store, admin, " Passaporti ", "  Passport \t pick-up ", 6, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_counter_service_get_code (added), ==, "passaporti");
  g_assert_cmpstr (sp_counter_service_get_name (added), ==, "Passport pick-up");
  /* Not a msgid: shown as typed. */
  g_assert_cmpstr (sp_counter_service_get_display_name (added), ==, "Passport pick-up");
  g_assert_cmpint (sp_counter_service_get_shortcut (added), ==, 6);
  all = codes (db, FALSE);
  g_assert_cmpstr (all, ==, "certificate residence civil-status signature information passaporti");
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit"), ==, audit_rows + 1);
  assert_audited (db, SP_AUDIT_COUNTER_SERVICE_ADD, "passaporti");

  /* Without a shortcut. */
  g_clear_object (&added);
  added = sp_counter_service_add (db->store, admin, "tributi", "Taxes", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_counter_service_get_shortcut (added), ==, 0);
}

static void
assert_add_refused (SpTestDb   *db,
                    const char *code,
                    const char *name,
                    int         shortcut,
                    int         error_code,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) added = NULL;
  g_autofree char *before = snapshot (db);
  g_autofree char *after = NULL;

  added = sp_counter_service_add (db->store, admin, code, name, shortcut, &error);
  g_assert_null (added);
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, error_code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_add_validation (SpTestDb *db, gconstpointer data)
{
  g_autofree char *long_name = g_strnfill (61, 'a');
  g_autofree char *longest_name = g_strnfill (60, 'b');
  g_autofree char *long_code = g_strnfill (33, 'c');
  g_autoptr(SpCounterService) added = NULL;
  g_autoptr(GError) error = NULL;

  assert_add_refused (db, "", "Taxes", 0, SP_COUNTER_SERVICE_ERROR_INVALID_CODE, NULL);
  assert_add_refused (db, "ufficio tributi", "Taxes", 0, SP_COUNTER_SERVICE_ERROR_INVALID_CODE, NULL);
  assert_add_refused (db, "tribùti", "Taxes", 0, SP_COUNTER_SERVICE_ERROR_INVALID_CODE, NULL);
  assert_add_refused (db, long_code, "Taxes", 0, SP_COUNTER_SERVICE_ERROR_INVALID_CODE, NULL);
  assert_add_refused (db, "Certificate", "Taxes", 0, SP_COUNTER_SERVICE_ERROR_CODE_TAKEN,
                      "The code “certificate” is already used by “Registry certificate”.");
  assert_add_refused (db, "tributi", " \t ", 0, SP_COUNTER_SERVICE_ERROR_INVALID_NAME,
                      "The name of the service is missing.");
  assert_add_refused (db, "tributi", long_name, 0, SP_COUNTER_SERVICE_ERROR_INVALID_NAME,
                      "The name must be at most 60 characters long.");
  assert_add_refused (db, "tributi", " INFORMATION ", 0, SP_COUNTER_SERVICE_ERROR_NAME_TAKEN,
                      "A service named “Information” is already in the list.");
  assert_add_refused (db, "tributi", "Taxes", 10, SP_COUNTER_SERVICE_ERROR_INVALID_SHORTCUT, NULL);
  assert_add_refused (db, "tributi", "Taxes", -1, SP_COUNTER_SERVICE_ERROR_INVALID_SHORTCUT, NULL);
  assert_add_refused (db, "tributi", "Taxes", 3, SP_COUNTER_SERVICE_ERROR_SHORTCUT_TAKEN,
                      "Ctrl+3 is already used by “Civil status record”.");

  /* At the limits. */
  g_clear_pointer (&long_code, g_free);
  long_code = g_strnfill (32, 'c');
  added = sp_counter_service_add (db->store, admin, long_code, longest_name, 9, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
}

static void
test_rename (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) info = lookup (db, "information");
  g_autoptr(SpCounterService) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (sp_counter_service_rename (db->store, admin, info, "Tourist  information", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sp_counter_service_get_display_name (info), ==, "Tourist information");
  assert_audited (db, SP_AUDIT_COUNTER_SERVICE_EDIT, "information");
  again = lookup (db, "information");
  g_assert_cmpstr (sp_counter_service_get_name (again), ==, "Tourist information");

  /* The same name again: nothing to write, nothing audited. */
  before = snapshot (db);
  g_assert_true (sp_counter_service_rename (db->store, admin, info, " Tourist information ", &error));
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);

  /* Another service's name, in any case, is refused and changes nothing. */
  g_assert_false (sp_counter_service_rename (db->store, admin, info, "change of RESIDENCE", &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_NAME_TAKEN);
  g_clear_error (&error);
  g_assert_false (sp_counter_service_rename (db->store, admin, info, "", &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_NAME);
  g_clear_pointer (&after, g_free);
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (sp_counter_service_get_name (info), ==, "Tourist information");
}

static void
test_shortcut (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) civil = lookup (db, "civil-status");
  g_autoptr(SpCounterService) taxes = NULL;
  g_autoptr(SpCounterService) reread = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  taxes = sp_counter_service_add (db->store, admin, "tributi", "Taxes", 0, &error);
  g_assert_no_error (error);

  before = snapshot (db);
  g_assert_false (sp_counter_service_set_shortcut (db->store, admin, taxes, 3, &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_SHORTCUT_TAKEN);
  g_assert_cmpstr (error->message, ==, "Ctrl+3 is already used by “Civil status record”.");
  g_clear_error (&error);
  g_assert_false (sp_counter_service_set_shortcut (db->store, admin, taxes, 12, &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_SHORTCUT);
  g_clear_error (&error);
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sp_counter_service_get_shortcut (taxes), ==, 0);

  /* Freed by one, taken by the other. */
  g_assert_true (sp_counter_service_set_shortcut (db->store, admin, civil, 0, &error));
  g_assert_no_error (error);
  assert_audited (db, SP_AUDIT_COUNTER_SERVICE_EDIT, "civil-status");
  g_assert_true (sp_counter_service_set_shortcut (db->store, admin, taxes, 3, &error));
  g_assert_no_error (error);
  assert_audited (db, SP_AUDIT_COUNTER_SERVICE_EDIT, "tributi");
  reread = lookup (db, "tributi");
  g_assert_cmpint (sp_counter_service_get_shortcut (reread), ==, 3);
  g_clear_object (&reread);
  reread = lookup (db, "civil-status");
  g_assert_cmpint (sp_counter_service_get_shortcut (reread), ==, 0);
}

static void
test_deactivate (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) info = lookup (db, "information");
  g_autoptr(SpCounterService) added = NULL;
  g_autoptr(SpCounterService) reread = NULL;
  g_autofree char *active = NULL;
  g_autofree char *all = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (sp_counter_service_set_active (db->store, admin, info, FALSE, &error));
  g_assert_no_error (error);
  assert_audited (db, SP_AUDIT_COUNTER_SERVICE_DEACTIVATE, "information");
  g_assert_false (sp_counter_service_get_active (info));
  g_assert_cmpint (sp_counter_service_get_shortcut (info), ==, 0);
  active = codes (db, FALSE);
  all = codes (db, TRUE);
  g_assert_cmpstr (active, ==, "certificate residence civil-status signature");
  g_assert_cmpstr (all, ==, "certificate residence civil-status signature information");
  reread = lookup (db, "information");
  g_assert_cmpint (sp_counter_service_get_shortcut (reread), ==, 0);

  /* Its shortcut and its name serve another. */
  added = sp_counter_service_add (db->store, admin, "info-point", "Information", 5, &error);
  g_assert_no_error (error);

  /* It is not counted any more, and takes no shortcut while inactive. */
  before = snapshot (db);
  g_assert_false (sp_tally_add (db->store, admin, NULL, "information", &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INACTIVE);
  g_clear_error (&error);
  g_assert_false (sp_counter_service_set_shortcut (db->store, admin, info, 7, &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_SHORTCUT);
  g_clear_error (&error);

  /* Back in use only when its name stands apart again. */
  g_assert_false (sp_counter_service_set_active (db->store, admin, info, TRUE, &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_NAME_TAKEN);
  g_clear_error (&error);
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (sp_counter_service_get_active (info));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM tallies"), ==, 0);

  g_assert_true (sp_counter_service_rename (db->store, admin, info, "Information desk", &error));
  g_assert_true (sp_counter_service_set_active (db->store, admin, info, TRUE, &error));
  g_assert_no_error (error);
  assert_audited (db, SP_AUDIT_COUNTER_SERVICE_ACTIVATE, "information");
  g_assert_true (sp_counter_service_get_active (info));
  g_assert_cmpint (sp_counter_service_get_shortcut (info), ==, 0);
}

static void
test_move (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) residence = lookup (db, "residence");
  g_autoptr(SpCounterService) info = lookup (db, "information");
  g_autofree char *order = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (sp_counter_service_move (db->store, admin, residence, -1, &error));
  g_assert_no_error (error);
  assert_audited (db, SP_AUDIT_COUNTER_SERVICE_EDIT, "residence");
  order = codes (db, TRUE);
  g_assert_cmpstr (order, ==, "residence certificate civil-status signature information");

  before = snapshot (db);
  g_assert_false (sp_counter_service_move (db->store, admin, residence, -1, &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_CANNOT_MOVE);
  g_clear_error (&error);
  g_assert_false (sp_counter_service_move (db->store, admin, info, 1, &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_CANNOT_MOVE);
  g_clear_error (&error);
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);

  /* Inactive services keep their place, and are passed over like any. */
  g_assert_true (sp_counter_service_set_active (db->store, admin, info, FALSE, &error));
  g_assert_true (sp_counter_service_move (db->store, admin, info, -1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, g_free);
  order = codes (db, TRUE);
  g_assert_cmpstr (order, ==, "residence certificate civil-status information signature");

  /* Tied positions (an older database, a hand edit): the order shown is
   * by id, and moving follows it. */
  sp_test_exec (db, "UPDATE counter_services SET position = 0");
  g_assert_true (sp_counter_service_move (db->store, admin, residence, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, g_free);
  order = codes (db, TRUE);
  g_assert_cmpstr (order, ==, "certificate civil-status residence signature information");
}

static void
test_failed_write_changes_nothing (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) info = lookup (db, "information");
  g_autoptr(SpCounterService) added = NULL;
  g_autofree char *before = snapshot (db);
  g_autofree char *after = NULL;

  /* The audit row cannot be written: the edit before it is undone too. */
  sp_test_refuse_inserts (db->store, "audit");
  g_assert_false (sp_counter_service_rename (db->store, admin, info, "Tourist information", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sp_counter_service_set_active (db->store, admin, info, FALSE, &error));
  g_clear_error (&error);
  g_assert_false (sp_counter_service_move (db->store, admin, info, -1, &error));
  g_clear_error (&error);
  added = sp_counter_service_add (db->store, admin, "tributi", "Taxes", 7, &error);
  g_assert_null (added);
  g_clear_error (&error);

  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (sp_counter_service_get_name (info), ==, "Information");
  g_assert_true (sp_counter_service_get_active (info));
  g_assert_cmpint (sp_counter_service_get_shortcut (info), ==, 5);
}

static void
test_count (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_tally_add (db->store, admin, NULL, "Certificate", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM tallies t JOIN counter_services s "
                                   "ON s.id = t.counter_service_id WHERE s.code = 'certificate' "
                                   "AND t.desk_id = 1 AND t.operator_id = 1"), ==, 1);
  g_assert_false (sp_tally_add (db->store, admin, NULL, "nonsense", &error));
  g_assert_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_NOT_FOUND);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM tallies"), ==, 1);
  g_clear_error (&error);

  /* A click made again with its uuid (its first outcome unknown) counts
   * once; two clicks count two. */
  {
    g_autofree char *uuid = sp_store_new_uuid ();

    g_assert_true (sp_tally_add (db->store, admin, uuid, "certificate", &error));
    g_assert_true (sp_tally_add (db->store, admin, uuid, "certificate", &error));
    g_assert_no_error (error);
    g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM tallies"), ==, 2);
    g_assert_true (sp_tally_add (db->store, admin, NULL, "certificate", &error));
    g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM tallies"), ==, 3);
  }
}

static void
test_report_keeps_deactivated (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) certificate = lookup (db, "certificate");
  g_autoptr(SpCounterService) signature = lookup (db, "signature");
  g_autoptr(SpReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  SpReportCount *count;
  GDate today;

  g_assert_true (sp_tally_add (db->store, admin, NULL, "certificate", &error));
  g_assert_true (sp_tally_add (db->store, admin, NULL, "certificate", &error));
  g_assert_true (sp_tally_add (db->store, admin, NULL, "residence", &error));
  g_assert_no_error (error);
  g_assert_true (sp_counter_service_set_active (db->store, admin, certificate, FALSE, &error));
  g_assert_true (sp_counter_service_set_active (db->store, admin, signature, FALSE, &error));
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  report = sp_report_compute (db->store, &today, &today, SP_REPORT_BY_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (report->totals.v[SP_METRIC_TALLIES], ==, 3);

  /* Under its name, not its code; an inactive service that counted
   * nothing is left out, an active one is listed at zero. */
  count = sp_test_find_count (report->tally_services, "certificate");
  g_assert_nonnull (count);
  g_assert_cmpint (count->count, ==, 2);
  g_assert_cmpstr (count->label, ==, "Registry certificate");
  g_assert_null (sp_test_find_count (report->tally_services, "signature"));
  count = sp_test_find_count (report->tally_services, "information");
  g_assert_nonnull (count);
  g_assert_cmpint (count->count, ==, 0);
}

static void
test_suggest_code (void)
{
  static const struct { const char *name, *code; } cases[] = {
    { "Carta d’identità", "carta-d-identita" },
    { "  Ufficio   Tributi ", "ufficio-tributi" },
    { "Æsthetics & Straße", "aesthetics-strasse" },
    { "Certificato n. 2", "certificato-n-2" },
    { "???", "" },
    { "Autenticazione di firme e copie per uso amministrativo", "autenticazione-di-firme-e-copie" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = sp_counter_service_suggest_code (cases[i].name);
      g_assert_cmpstr (code, ==, cases[i].code);
      if (*code != '\0')
        g_assert_true (sp_counter_service_check_code (NULL, code, NULL));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD_SETUP ("/counter-service/builtin-list", test_builtin_list);
  SP_TEST_ADD_SETUP ("/counter-service/add", test_add);
  SP_TEST_ADD_SETUP ("/counter-service/add-validation", test_add_validation);
  SP_TEST_ADD_SETUP ("/counter-service/rename", test_rename);
  SP_TEST_ADD_SETUP ("/counter-service/shortcut", test_shortcut);
  SP_TEST_ADD_SETUP ("/counter-service/deactivate", test_deactivate);
  SP_TEST_ADD_SETUP ("/counter-service/move", test_move);
  SP_TEST_ADD_SETUP ("/counter-service/failed-write-changes-nothing", test_failed_write_changes_nothing);
  SP_TEST_ADD_SETUP ("/counter-service/count", test_count);
  SP_TEST_ADD_SETUP ("/counter-service/report-keeps-deactivated", test_report_keeps_deactivated);
  g_test_add_func ("/counter-service/suggest-code", test_suggest_code);
  return g_test_run ();
}
