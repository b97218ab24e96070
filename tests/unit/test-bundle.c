/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-bundle.c — a pop-up desk's records brought back: the office (on the
 * suite's engine) enrols Mercato, a laptop (SQLite) joins and works a day,
 * its bundle is imported once (again: nothing changes, and it says so),
 * the reports add up, the receipts verify at the office, the next bundle
 * continues the chain; a bundle flipped, cut, foreign, replayed or
 * conflicting is refused with the right error and nothing of it stays. */
#include "config.h"

#include <string.h>

#include "sp-audit-popup.h"
#include "sp-bundle.h"
#include "sp-citizen.h"
#include "sp-desk.h"
#include "sp-enrolment.h"
#include "sp-error.h"
#include "sp-operator.h"
#include "sp-receipt-store.h"
#include "sp-test-cases.h"

#define CF_ROSSI   "RSSMRA80A01H501U"

/* Every table of the schema: what a refused bundle must leave as it was. */
static const char *const all_tables[] = {
  "settings", "desks", "operators", "audit", "place_lists", "receipts", "receipt_prints", "citizens",
  "identifications", "outbox", "services", "calendars", "calendar_hours", "closures", "appointments",
  "cie_requests", "counter_services", "tallies", "cie_wait_snapshots", "seals", "popup_desks",
  "receipt_keys", "bundle_exports", "bundle_imports", "popup_audit", NULL,
};

typedef struct
{
  SpTestDb  laptop;
  gint64    desk_id;       /* Mercato, on the laptop */
  gint64    operator_id;   /* bruno, on the laptop */
  char     *receipt_payload;
} Laptop;

static void
laptop_clear (Laptop *laptop)
{
  g_clear_object (&laptop->laptop.store);
  g_free (laptop->laptop.path);
  g_free (laptop->receipt_payload);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Laptop, laptop_clear)

static void
test_db_clear (SpTestDb *db)
{
  sp_test_db_close (db, NULL);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpTestDb, test_db_clear)

/* The row count of every table, and the last audit hash. */
static char *
row_counts (SpStore *store)
{
  GString *out = g_string_new (NULL);
  g_autofree char *head = sp_store_get_setting (store, "audit.head");

  for (guint i = 0; all_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", all_tables[i]);

      g_string_append_printf (out, "%s=%" G_GINT64_FORMAT " ", all_tables[i],
                              sp_store_query_int (store, -1, NULL, sql, SP_END));
    }
  g_string_append_printf (out, "head=%s", head);
  return g_string_free (out, FALSE);
}

/* office enrols desk_name; a new laptop database joins it. */
static void
join_laptop (SpStore    *office,
             const char *desk_name,
             const char *file_name,
             Laptop     *laptop)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(SpDesk) desk = NULL;
  g_autoptr(SpOperator) clerk = NULL;

  file = sp_enrolment_create (office, SP_ACTOR_SYSTEM, desk_name, &passphrase, &error);
  g_assert_no_error (error);
  laptop->laptop.path = sp_test_db_path (file_name);
  laptop->laptop.store = sp_store_open (laptop->laptop.path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_enrolment_join (laptop->laptop.store, file, passphrase, &error));
  g_assert_no_error (error);
  desk = sp_desk_lookup (laptop->laptop.store, desk_name, &error);
  g_assert_no_error (error);
  laptop->desk_id = sp_desk_get_id (desk);
  clerk = sp_operator_lookup (laptop->laptop.store, "bruno", &error);
  g_assert_no_error (error);
  laptop->operator_id = clerk != NULL ? sp_operator_get_id (clerk) : 0;
}

/* A day at the market: a citizen, identifications (one with its receipt,
 * reprinted; one refused; a draft still open), a CIE request, tallies, an
 * unsent e-mail and a sent one. */
static void
work_a_day (Laptop *laptop)
{
  SpTestDb *db = &laptop->laptop;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCitizen) citizen = sp_citizen_new ();
  g_autoptr(SpReceipt) receipt = NULL;
  g_autoptr(SpReceipt) copy = NULL;
  SpActor actor = { laptop->desk_id, laptop->operator_id };
  gint64 now = sp_store_now ();
  gint64 completed;
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;

  citizen->codice_fiscale = g_strdup (CF_ROSSI);
  citizen->surname = g_strdup ("ROSSI");
  citizen->name = g_strdup ("MARIO");
  citizen->sex = 'M';
  citizen->birth_date = g_strdup ("1980-01-01");
  citizen->birth_place_code = g_strdup ("H501");
  citizen->email = g_strdup ("mario@example.org");
  g_assert_true (sp_citizen_upsert (db->store, actor, citizen, &error));
  g_assert_no_error (error);

  completed = sp_test_add_identification (db, "completed", "rao", NULL, laptop->desk_id, laptop->operator_id,
                                          now - (gint64) 3600 * G_USEC_PER_SEC, CF_ROSSI);
  sql = g_strdup_printf ("UPDATE identifications SET citizen_id = %" G_GINT64_FORMAT ", token = 'eyJ.sealed.token' "
                         "WHERE id = %" G_GINT64_FORMAT, citizen->id, completed);
  sp_test_exec (db, sql);
  sp_test_add_identification (db, "completed", "partner", NULL, laptop->desk_id, laptop->operator_id,
                              now - (gint64) 1800 * G_USEC_PER_SEC, "VRDNNA80A41H294X");
  sp_test_add_identification (db, "refused", "rao", "document-invalid", laptop->desk_id, laptop->operator_id,
                              now - (gint64) 1700 * G_USEC_PER_SEC, "BNCLCU75E45H294Y");
  sp_store_run (db->store, &error,
                "INSERT INTO identifications (uuid, state, desk_id, operator_id, created_at, updated_at) "
                "VALUES ('00000000-0000-4000-8000-00000000d4af', 'draft', ?1, ?2, ?3, ?3)",
                SP_INT (laptop->desk_id), SP_INT (laptop->operator_id), SP_INT (now - (gint64) 60 * G_USEC_PER_SEC), SP_END);
  g_assert_no_error (error);

  uuid = sp_test_query_text (db, "SELECT uuid FROM identifications WHERE state = 'completed' ORDER BY id LIMIT 1");
  receipt = sp_receipt_new (SP_RECEIPT_KIND_SPID_IDENTIFICATION, uuid);
  sp_receipt_set_language (receipt, "it");
  sp_receipt_set_desk (receipt, laptop->desk_id, "Mercato");
  sp_receipt_set_operator (receipt, laptop->operator_id, "Bruno Bianchi");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, "Citizen", "Mario Rossi");
  g_assert_true (sp_receipt_issue (db->store, receipt, actor, &error));
  g_assert_no_error (error);
  g_free (laptop->receipt_payload);
  laptop->receipt_payload = g_strdup (sp_receipt_get_payload (receipt));
  copy = sp_receipt_reprint (db->store, sp_receipt_get_uuid (receipt), actor, "Bruno Bianchi", &error);
  g_assert_no_error (error);

  sp_test_add_cie (db, "first", "requested", laptop->desk_id, laptop->operator_id,
                   now - (gint64) 1200 * G_USEC_PER_SEC, CF_ROSSI);
  sp_test_add_tally (db, "certificate", laptop->desk_id, laptop->operator_id, now - (gint64) 900 * G_USEC_PER_SEC, 1);
  sp_test_add_tally (db, "information", laptop->desk_id, laptop->operator_id, now - (gint64) 800 * G_USEC_PER_SEC, 2);
  sp_test_add_email (db, now - (gint64) 1000 * G_USEC_PER_SEC, 0);
  sp_test_add_email (db, now - (gint64) 1000 * G_USEC_PER_SEC, now - (gint64) 900 * G_USEC_PER_SEC);
}

static SpReport *
today (SpStore    *store,
       SpReportBy  by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate day;
  SpReport *report;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  report = sp_report_compute (store, &day, &day, by, &error);
  g_assert_no_error (error);
  return report;
}

static const SpMetric summed[] = {
  SP_METRIC_SPID_COMPLETED, SP_METRIC_SPID_REFUSED, SP_METRIC_SPID_RAO, SP_METRIC_SPID_PARTNER,
  SP_METRIC_CIE_REQUESTS, SP_METRIC_TALLIES, SP_METRIC_UNSENT_EMAILS,
};

static gint64
imported_count (SpBundleSummary *summary,
                const char      *table,
                const char      *what)
{
  JsonObject *count = json_object_get_object_member (summary->counts, table);

  return json_object_get_int_member (count, what);
}

static void
setup_office (SpTestDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDesk) popup = sp_desk_add (db->store, SP_ACTOR_SYSTEM, "Mercato", SP_DESK_POPUP, &error);
  g_autoptr(SpOperator) clerk = sp_operator_add (db->store, SP_ACTOR_SYSTEM, "bruno", "Bruno Bianchi", NULL,
                                                 SP_ROLE_CLERK, "Battery-Staple-9", &error);
  g_autoptr(SpCitizen) known = sp_citizen_new ();
  gint64 now = sp_store_now ();

  g_assert_no_error (error);
  /* Mario Rossi came to the office before, with another e-mail. */
  known->codice_fiscale = g_strdup (CF_ROSSI);
  known->surname = g_strdup ("ROSSI");
  known->name = g_strdup ("MARIO");
  known->sex = 'M';
  known->birth_date = g_strdup ("1980-01-01");
  known->birth_place_code = g_strdup ("H501");
  known->email = g_strdup ("mario.rossi@example.org");
  g_assert_true (sp_citizen_upsert (db->store, SP_ACTOR_SYSTEM, known, &error));
  g_assert_no_error (error);
  /* The office's own work of the day, at Sportello 1 (id 1). */
  sp_test_add_identification (db, "completed", "rao", NULL, 1, sp_operator_get_id (clerk),
                              now - (gint64) 7200 * G_USEC_PER_SEC, "RSSMRA80A01H501U");
  sp_test_add_tally (db, "certificate", 1, sp_operator_get_id (clerk), now - (gint64) 7000 * G_USEC_PER_SEC, 1);
}

static void
test_round_trip (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Laptop) laptop = { { 0, }, };
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) remade = NULL;
  g_autoptr(SpBundleSummary) remade_summary = NULL;
  g_autoptr(SpBundleSummary) exported = NULL;
  g_autoptr(SpBundleSummary) imported = NULL;
  g_autoptr(SpBundleSummary) again = NULL;
  g_autoptr(SpBundleSummary) next = NULL;
  g_autoptr(SpBundleSummary) next_in = NULL;
  g_autoptr(SpReport) office_before = NULL;
  g_autoptr(SpReport) laptop_report = NULL;
  g_autoptr(SpReport) office_after = NULL;
  g_autoptr(SpReport) by_desk = NULL;
  g_autoptr(SpReceipt) verified = NULL;
  g_autoptr(SpDesk) mercato = NULL;
  g_autofree char *before_again = NULL;
  g_autofree char *after_again = NULL;
  guint64 n_checked = 0;
  gboolean found = FALSE;

  setup_office (db);
  join_laptop (db->store, "Mercato", "laptop.db", &laptop);
  work_a_day (&laptop);
  office_before = today (db->store, SP_REPORT_BY_NONE);
  laptop_report = today (laptop.laptop.store, SP_REPORT_BY_NONE);

  /* The office's database is not a pop-up desk's. */
  g_assert_null (sp_bundle_export (db->store, SP_ACTOR_SYSTEM, FALSE, NULL, &error));
  g_assert_error (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_NOT_ENROLLED);
  g_clear_error (&error);

  first = sp_bundle_export (laptop.laptop.store, SP_ACTOR_SYSTEM, FALSE, &exported, &error);
  g_assert_no_error (error);
  g_assert_cmpint (exported->sequence, ==, 1);
  g_assert_cmpint (json_object_get_int_member (exported->counts, "citizens"), ==, 1);
  /* The draft waits; the sent e-mail stays. */
  g_assert_cmpint (json_object_get_int_member (exported->counts, "identifications"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (exported->counts, "receipts"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (exported->counts, "receipt_prints"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (exported->counts, "cie_requests"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (exported->counts, "tallies"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (exported->counts, "outbox"), ==, 1);
  /* Nothing of the citizen in clear. */
  g_assert_null (g_strstr_len (g_bytes_get_data (first, NULL), g_bytes_get_size (first), CF_ROSSI));
  g_assert_null (g_strstr_len (g_bytes_get_data (first, NULL), g_bytes_get_size (first), "ROSSI"));

  imported = sp_bundle_import (db->store, SP_ACTOR_SYSTEM, first, &error);
  g_assert_no_error (error);
  g_assert_false (imported->already_imported);
  g_assert_cmpstr (imported->desk_name, ==, "Mercato");
  g_assert_cmpint (imported_count (imported, "identifications", "inserted"), ==, 3);
  /* The office knew Mario Rossi already: the same person, updated. */
  g_assert_cmpint (imported_count (imported, "citizens", "inserted"), ==, 0);
  g_assert_cmpint (imported_count (imported, "citizens", "updated"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM citizens"), ==, 1);
  {
    g_autofree char *email = sp_test_query_text (db, "SELECT email FROM citizens");

    g_assert_cmpstr (email, ==, "mario@example.org");
  }
  /* The identification names the office's citizen row. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications i JOIN citizens c "
                                      "ON c.id = i.citizen_id WHERE i.token = 'eyJ.sealed.token'"), ==, 1);
  g_assert_cmpint (imported_count (imported, "audit", "inserted"), ==,
                   json_object_get_int_member (exported->counts, "audit"));

  /* The reports are the sum of both; Mercato has its row. */
  office_after = today (db->store, SP_REPORT_BY_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (summed); i++)
    g_assert_cmpfloat (office_after->totals.v[summed[i]], ==,
                       office_before->totals.v[summed[i]] + laptop_report->totals.v[summed[i]]);
  mercato = sp_desk_lookup (db->store, "Mercato", &error);
  by_desk = today (db->store, SP_REPORT_BY_DESK);
  for (guint i = 0; i < by_desk->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (by_desk->rows, i);

      if (row->key != sp_desk_get_id (mercato))
        continue;
      found = TRUE;
      g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_COMPLETED], ==, 2);
      g_assert_cmpfloat (row->figures.v[SP_METRIC_SPID_REFUSED], ==, 1);
      g_assert_cmpfloat (row->figures.v[SP_METRIC_CIE_REQUESTS], ==, 1);
      g_assert_cmpfloat (row->figures.v[SP_METRIC_TALLIES], ==, 3);
    }
  g_assert_true (found);

  /* Its e-mail leaves from the office's outbox; its receipt verifies. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL"), ==, 1);
  verified = sp_receipt_verify (db->store, laptop.receipt_payload, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (verified);
  g_assert_true (sp_audit_verify (db->store, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sp_audit_popup_verify (db->store, sp_desk_get_id (mercato), &n_checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, json_object_get_int_member (exported->counts, "audit"));

  /* Again: nothing changes, and it says so; the same made again on the
   * laptop (its file was lost) is the same bundle. */
  before_again = row_counts (db->store);
  again = sp_bundle_import (db->store, SP_ACTOR_SYSTEM, first, &error);
  g_assert_no_error (error);
  g_assert_true (again->already_imported);
  after_again = row_counts (db->store);
  g_assert_cmpstr (before_again, ==, after_again);
  remade = sp_bundle_export (laptop.laptop.store, SP_ACTOR_SYSTEM, TRUE, &remade_summary, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remade_summary->sequence, ==, 1);
  g_assert_cmpstr (remade_summary->last_hash, ==, exported->last_hash);
  g_clear_pointer (&again, sp_bundle_summary_free);
  again = sp_bundle_import (db->store, SP_ACTOR_SYSTEM, remade, &error);
  g_assert_no_error (error);
  g_assert_true (again->already_imported);
  g_free (after_again);
  after_again = row_counts (db->store);
  g_assert_cmpstr (before_again, ==, after_again);

  /* More work: the next bundle holds only that, and continues the chain. */
  sp_test_add_tally (&laptop.laptop, "residence", laptop.desk_id, laptop.operator_id, sp_store_now (), 1);
  sp_store_run (laptop.laptop.store, &error,
                "UPDATE identifications SET state = 'completed', completed_at = ?1, updated_at = ?1, "
                "codice_fiscale = 'VRDNNA80A41H294X' WHERE state = 'draft'", SP_INT (sp_store_now ()), SP_END);
  g_assert_no_error (error);
  /* … and the partner identification brought back before expires there. */
  sp_store_run (laptop.laptop.store, &error,
                "UPDATE identifications SET state = 'expired', expired_at = ?1, updated_at = ?1 "
                "WHERE channel = 'partner' AND state = 'completed'", SP_INT (sp_store_now ()), SP_END);
  g_assert_no_error (error);
  second = sp_bundle_export (laptop.laptop.store, SP_ACTOR_SYSTEM, FALSE, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next->sequence, ==, 2);
  g_assert_cmpstr (next->previous_hash, ==, exported->last_hash);
  g_assert_cmpint (json_object_get_int_member (next->counts, "tallies"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (next->counts, "identifications"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (next->counts, "receipts"), ==, 0);
  next_in = sp_bundle_import (db->store, SP_ACTOR_SYSTEM, second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported_count (next_in, "tallies", "inserted"), ==, 1);
  g_assert_cmpint (imported_count (next_in, "identifications", "inserted"), ==, 1);
  g_assert_cmpint (imported_count (next_in, "identifications", "updated"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE state = 'expired'"), ==, 1);
  g_assert_true (sp_audit_popup_verify (db->store, sp_desk_get_id (mercato), &n_checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, json_object_get_int_member (exported->counts, "audit") +
                                   json_object_get_int_member (next->counts, "audit"));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'bundle-import'"), ==, 2);

  /* A row of the desk's kept trail changed behind the program's back. */
  if (sp_test_on_postgresql ())
    sp_test_exec (db, "ALTER TABLE popup_audit DISABLE TRIGGER popup_audit_no_update; "
                      "UPDATE popup_audit SET details = '{}' WHERE id = (SELECT max(id) FROM popup_audit)");
  else
    sp_test_exec (db, "DROP TRIGGER popup_audit_no_update; "
                      "UPDATE popup_audit SET details = '{}' WHERE id = (SELECT max(id) FROM popup_audit)");
  g_assert_false (sp_audit_popup_verify_all (db->store, &n_checked, &error));
  g_assert_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN);
}

static GBytes *
flip_byte (GBytes *file,
           gsize   at)
{
  gsize size = g_bytes_get_size (file);
  guint8 *data = g_memdup2 (g_bytes_get_data (file, NULL), size);

  data[at] ^= 0x01;
  return g_bytes_new_take (data, size);
}

static void
assert_refused (SpTestDb   *db,
                GBytes     *file,
                int         code,
                const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = row_counts (db->store);
  g_autofree char *after = NULL;
  g_autoptr(SpBundleSummary) summary = sp_bundle_import (db->store, SP_ACTOR_SYSTEM, file, &error);

  g_assert_null (summary);
  g_assert_error (error, SP_BUNDLE_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, in_message);
  after = row_counts (db->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refused (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Laptop) laptop = { { 0, }, };
  g_auto(Laptop) stranger = { { 0, }, };
  g_auto(SpTestDb) other = { 0, };
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GBytes) flipped_header = NULL;
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(GBytes) foreign = NULL;
  g_autoptr(GBytes) conflicting = NULL;
  g_autoptr(SpBundleSummary) summary = NULL;
  g_autoptr(SpBundleSummary) ok = NULL;
  g_autofree char *tally_uuid = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *sql_not_enrolled = NULL;
  gsize size;

  setup_office (db);
  join_laptop (db->store, "Mercato", "laptop.db", &laptop);
  work_a_day (&laptop);
  first = sp_bundle_export (laptop.laptop.store, SP_ACTOR_SYSTEM, FALSE, &summary, &error);
  g_assert_no_error (error);
  size = g_bytes_get_size (first);

  /* One byte flipped, in the records or in the signature. */
  flipped = flip_byte (first, size / 2);
  assert_refused (db, flipped, SP_BUNDLE_ERROR_ALTERED, "altered");
  flipped_header = flip_byte (first, size - 1);
  assert_refused (db, flipped_header, SP_BUNDLE_ERROR_ALTERED, "altered");
  /* Cut short. */
  cut = g_bytes_new_from_bytes (first, 0, size - 100);
  assert_refused (db, cut, SP_BUNDLE_ERROR_TRUNCATED, "cut short");
  g_clear_pointer (&cut, g_bytes_unref);
  cut = g_bytes_new_from_bytes (first, 0, 10);
  assert_refused (db, cut, SP_BUNDLE_ERROR_TRUNCATED, "cut short");

  /* Another office's pop-up desk. */
  other.path = sp_test_db_path ("other-office.db");
  {
    SpSetupData setup = {
      .comune_name = "Cesena", .comune_ipa = "c_c573", .desk_name = "Sportello 1", .desk_kind = SP_DESK_COUNTER,
      .admin_username = "admin", .admin_display_name = "Anna Amministratrice", .admin_password = SP_TEST_PASSWORD,
    };
    g_autoptr(SpDesk) desk = NULL;
    g_autoptr(SpOperator) clerk = NULL;

    other.store = sp_store_open (other.path, &error);
    g_assert_no_error (error);
    sp_setup_run (other.store, &setup, &error);
    g_assert_no_error (error);
    desk = sp_desk_add (other.store, SP_ACTOR_SYSTEM, "Mercato", SP_DESK_POPUP, &error);
    clerk = sp_operator_add (other.store, SP_ACTOR_SYSTEM, "bruno", "Bruno Bianchi", NULL, SP_ROLE_CLERK,
                             "Battery-Staple-9", &error);
    g_assert_no_error (error);
  }
  join_laptop (other.store, "Mercato", "stranger.db", &stranger);
  work_a_day (&stranger);
  foreign = sp_bundle_export (stranger.laptop.store, SP_ACTOR_SYSTEM, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_refused (db, foreign, SP_BUNDLE_ERROR_FOREIGN, "another office");

  /* The second bundle before the first: the chain does not continue. */
  sp_test_add_tally (&laptop.laptop, "residence", laptop.desk_id, laptop.operator_id, sp_store_now (), 1);
  second = sp_bundle_export (laptop.laptop.store, SP_ACTOR_SYSTEM, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_refused (db, second, SP_BUNDLE_ERROR_BROKEN_CHAIN, "does not continue");

  /* In order they go; then the first again is an older one replayed. */
  ok = sp_bundle_import (db->store, SP_ACTOR_SYSTEM, first, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ok, sp_bundle_summary_free);
  ok = sp_bundle_import (db->store, SP_ACTOR_SYSTEM, second, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ok, sp_bundle_summary_free);
  assert_refused (db, first, SP_BUNDLE_ERROR_REPLAYED, "older than the last one");

  /* A record already at the office with other values: the laptop's next
   * tally has the uuid of one counted at Sportello 1. */
  tally_uuid = sp_store_new_uuid ();
  sql = g_strdup_printf ("INSERT INTO tallies (uuid, counter_service_id, desk_id, operator_id, at, count) "
                         "SELECT '%s', id, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1 "
                         "FROM counter_services WHERE code = 'signature'",
                         tally_uuid, laptop.desk_id, laptop.operator_id, sp_store_now ());
  sp_test_exec (&laptop.laptop, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO tallies (uuid, counter_service_id, desk_id, operator_id, at, count) "
                         "SELECT '%s', id, 1, NULL, %" G_GINT64_FORMAT ", 4 FROM counter_services "
                         "WHERE code = 'signature'", tally_uuid, sp_store_now ());
  sp_test_exec (db, sql);
  /* A tally the laptop says was counted at the office's Sportello 1. */
  {
    g_autofree char *office_desk = sp_test_query_text (db, "SELECT uuid FROM desks WHERE name = 'Sportello 1'");
    g_autofree char *forged = g_strdup_printf ("INSERT INTO desks (uuid, name, kind, created_at, updated_at) "
                                               "VALUES ('%s', 'Sportello 1', 'counter', 0, 0)", office_desk);

    sp_test_exec (&laptop.laptop, forged);
    sp_test_add_tally (&laptop.laptop, "certificate", sp_store_last_insert_id (laptop.laptop.store),
                       laptop.operator_id, sp_store_now (), 1);
  }
  /* And an identification by an operator the office never had. */
  sp_test_add_identification (&laptop.laptop, "completed", "partner", NULL, laptop.desk_id,
                              sp_test_add_operator (&laptop.laptop, "ospite", "clerk"), sp_store_now (),
                              CF_ROSSI);
  conflicting = sp_bundle_export (laptop.laptop.store, SP_ACTOR_SYSTEM, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_refused (db, conflicting, SP_BUNDLE_ERROR_CONFLICT, tally_uuid);
  {
    g_autoptr(SpBundleSummary) refused = sp_bundle_import (db->store, SP_ACTOR_SYSTEM, conflicting, &error);

    g_assert_error (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_CONFLICT);
    g_assert_nonnull (strstr (error->message, "3 records"));
    g_assert_nonnull (strstr (error->message, "recorded at another desk"));
    g_assert_nonnull (strstr (error->message, "desk_id"));
    g_assert_nonnull (strstr (error->message, "count"));
    g_assert_nonnull (strstr (error->message, "its operator_id refers to a record of operators"));
    /* Names, codici fiscali and contacts are not in it. */
    g_assert_null (strstr (error->message, CF_ROSSI));
  }
  g_clear_error (&error);

  /* A desk of this office whose enrolment is gone. */
  sql_not_enrolled = g_strdup_printf ("DELETE FROM popup_desks WHERE desk_id = (SELECT id FROM desks WHERE "
                                      "name = 'Mercato')");
  sp_test_exec (db, sql_not_enrolled);
  assert_refused (db, conflicting, SP_BUNDLE_ERROR_NOT_ENROLLED, "never enrolled");
}

int
main (int argc, char *argv[])
{
  sp_test_use_rome_time ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD_SETUP ("/bundle/round-trip", test_round_trip);
  SP_TEST_ADD_SETUP ("/bundle/refused", test_refused);

  return g_test_run ();
}
