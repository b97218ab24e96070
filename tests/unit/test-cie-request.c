/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cie-request.c — CIE request rules: fee, validity, fingerprints,
 * organ donation, delivery estimate, follow-up states, receipt */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "sp-cie-request.h"
#include "sp-holidays.h"
#include "sp-test-cases.h"
#include "sp-setting-keys.h"
#include "sp-test-util.h"

static void
date (GDate *d, const char *iso)
{
  g_assert_true (sp_date_parse_iso (iso, d));
}

static void
test_rules (void)
{
  GDate birth, today, expiry;

  date (&today, "2026-06-15");
  date (&birth, "2024-06-16");
  g_assert_cmpint (sp_cie_validity_years (&birth, &today), ==, 3);
  date (&birth, "2023-06-15");   /* 3 today */
  g_assert_cmpint (sp_cie_validity_years (&birth, &today), ==, 5);
  date (&birth, "2008-06-16");   /* 17, 18 tomorrow */
  g_assert_cmpint (sp_cie_validity_years (&birth, &today), ==, 5);
  g_assert_false (sp_cie_may_state_organ_choice (&birth, &today));
  date (&birth, "2008-06-15");   /* 18 today */
  g_assert_cmpint (sp_cie_validity_years (&birth, &today), ==, 10);
  g_assert_true (sp_cie_may_state_organ_choice (&birth, &today));

  date (&birth, "2014-06-16");   /* 11 */
  g_assert_true (sp_cie_fingerprints_exempt (&birth, &today));
  date (&birth, "2014-06-15");   /* 12 */
  g_assert_false (sp_cie_fingerprints_exempt (&birth, &today));

  date (&expiry, "2026-12-12");  /* 180 days */
  g_assert_false (sp_cie_renewal_is_early (&expiry, &today));
  date (&expiry, "2026-12-13");
  g_assert_true (sp_cie_renewal_is_early (&expiry, &today));

  g_assert_true (sp_cie_check_card_number ("CA00000AA", NULL));
  g_assert_true (sp_cie_check_card_number ("ca 00000 aa", NULL));
  g_assert_false (sp_cie_check_card_number ("C000000AA", NULL));
}

static SpCieRequestInput
valid_input (void)
{
  return (SpCieRequestInput) {
    .codice_fiscale = "RSSMRA80A01H501U",
    .surname = "Rossi",
    .given_name = "Mario",
    .reason = SP_CIE_REASON_RENEWAL,
    .ministry_number = "A12345678",
    .card_number = "CA12345BC",
    .payment = SP_CIE_PAYMENT_CARD,
    .organ_donation = SP_CIE_ORGAN_YES,
    .delivery = SP_CIE_DELIVERY_HOME,
    .delivery_address = "Via Roma 1, 47822 Santarcangelo di Romagna",
  };
}

/* Asserts that the request is refused with code. */
static void
assert_create_fails (SpTestDb *db, const SpCieRequestInput *in, const GDate *today, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCieRequest) r = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, in, today, &error);

  g_assert_error (error, SP_CIE_ERROR, code);
  g_assert_null (r);
}

/* The request's receipt, issued as the desk prints it. */
static void
issue_receipt (SpTestDb *db, SpCieRequest *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReceipt) receipt = sp_cie_request_build_receipt (db->store, r);

  g_assert_true (sp_receipt_issue (db->store, receipt, SP_ACTOR_SYSTEM, &error));
  g_assert_no_error (error);
}

/* A request recorded again with its uuid, after an attempt whose outcome
 * the desk did not learn, is there once. */
static void
test_create_idempotent (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCieRequest) first = NULL;
  g_autoptr(SpCieRequest) again = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  SpCieRequestInput in = valid_input ();
  GDate today;

  date (&today, "2026-12-18");
  in.uuid = uuid;
  first = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_cie_request_get_uuid (first), ==, uuid);
  again = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_cie_request_get_id (again), ==, sp_cie_request_get_id (first));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_requests"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'cie-request'"), ==, 1);
}

/* A pop-up desk's laptop takes CIE requests only where the comune allows
 * it; the office always does. */
static void
test_at_popup_desks (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCieRequest) refused = NULL;
  g_autoptr(SpCieRequest) taken = NULL;
  SpCieRequestInput in = valid_input ();
  GDate today;

  date (&today, "2026-12-18");
  g_assert_true (sp_cie_requests_taken_here (db->store));
  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_POPUP_DESK, "9b1c3e52-8f4a-4d7e-a6b0-2c5d8e1f3a47", &error));
  g_assert_false (sp_cie_requests_taken_here (db->store));
  refused = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_null (refused);
  g_assert_error (error, SP_CIE_ERROR, SP_CIE_ERROR_NOT_HERE);
  g_clear_error (&error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_requests"), ==, 0);

  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_CIE_AT_POPUP, "1", &error));
  taken = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (taken);
}

static void
test_fee_and_create (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCieRequest) r = NULL;
  g_autoptr(SpCieRequest) lost = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GListModel) found = NULL;
  SpCieRequestInput in = valid_input ();
  GDate today;

  date (&today, "2026-12-18");
  g_assert_cmpint (sp_cie_fee_cents (db->store, SP_CIE_REASON_RENEWAL), ==, 2200);
  g_assert_cmpint (sp_cie_fee_cents (db->store, SP_CIE_REASON_STOLEN), ==, 2700);
  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_CIE_FEE_DUPLICATE, "2800", &error));
  g_assert_cmpint (sp_cie_fee_cents (db->store, SP_CIE_REASON_LOST), ==, 2800);
  {
    g_autofree char *text = sp_cie_format_fee (2200);
    g_assert_cmpstr (text, ==, "22,00 €");
  }

  r = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_cie_request_get_fee_cents (r), ==, 2200);
  g_assert_cmpint (sp_cie_request_get_validity_years (r), ==, 10);
  g_assert_true (sp_cie_request_get_fingerprints_taken (r));
  g_assert_cmpstr (sp_cie_request_get_birth_date (r), ==, "1980-01-01");
  /* 6 working days from Friday 18 December 2026, Christmas excluded. */
  g_assert_cmpstr (sp_cie_request_get_expected_delivery (r), ==, "2026-12-29");

  /* Lost without the police report; minor stating organ choice; pagoPA
   * without IUV; bad card number: every problem is reported. */
  in.reason = SP_CIE_REASON_LOST;
  in.codice_fiscale = "BNCLRA15E41H294C";
  in.birth_date = "2015-05-01";
  in.payment = SP_CIE_PAYMENT_PAGOPA;
  in.card_number = "CA1234BC";
  problems = sp_cie_request_check (db->store, &in, &today);
  g_assert_cmpuint (problems->len, >=, 4);
  assert_create_fails (db, &in, &today, SP_CIE_ERROR_CODICE_FISCALE);

  in = valid_input ();
  in.codice_fiscale = "RSSMRA80A01H501U";
  in.reason = SP_CIE_REASON_LOST;
  assert_create_fails (db, &in, &today, SP_CIE_ERROR_POLICE_REPORT);
  in.police_report = "Carabinieri Santarcangelo 123/2026";
  in.delivery = SP_CIE_DELIVERY_COMUNE;
  in.delegate = "Bianchi Laura";
  lost = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_cie_request_get_fee_cents (lost), ==, 2800);

  /* Follow-up: a mailed card cannot "arrive at the comune". */
  g_assert_false (sp_cie_request_set_state (db->store, SP_ACTOR_SYSTEM, sp_cie_request_get_uuid (r),
                                            SP_CIE_STATE_ARRIVED, &error));
  g_assert_error (error, SP_CIE_ERROR, SP_CIE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (sp_cie_request_set_state (db->store, SP_ACTOR_SYSTEM, sp_cie_request_get_uuid (r),
                                           SP_CIE_STATE_DELIVERED, &error));
  g_assert_false (sp_cie_request_set_state (db->store, SP_ACTOR_SYSTEM, sp_cie_request_get_uuid (lost),
                                            SP_CIE_STATE_HANDED_OVER, &error));
  g_clear_error (&error);
  g_assert_true (sp_cie_request_set_state (db->store, SP_ACTOR_SYSTEM, sp_cie_request_get_uuid (lost),
                                           SP_CIE_STATE_ARRIVED, &error));
  g_assert_true (sp_cie_request_set_state (db->store, SP_ACTOR_SYSTEM, sp_cie_request_get_uuid (lost),
                                           SP_CIE_STATE_HANDED_OVER, &error));
  g_assert_no_error (error);

  found = sp_cie_request_search (db->store, "rossi", -1, &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  g_clear_object (&found);
  found = sp_cie_request_search (db->store, "CA12345BC", SP_CIE_STATE_DELIVERED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = sp_cie_request_search (db->store, "", SP_CIE_STATE_REQUESTED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);

  issue_receipt (db, r);
}

/* A citizen with a given name only, when the request says so. */
static void
test_single_name (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCieRequest) r = NULL;
  SpCieRequestInput in = valid_input ();
  GDate today;

  date (&today, "2026-12-18");
  in.codice_fiscale = "XXXMRA85T10A562B";
  in.surname = "";

  assert_create_fails (db, &in, &today, SP_CIE_ERROR_NAME);

  in.single_name = TRUE;
  in.given_name = " ";
  assert_create_fails (db, &in, &today, SP_CIE_ERROR_NAME);

  in.given_name = "Mario";
  r = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_cie_request_get_surname (r), ==, "");
  g_assert_cmpstr (sp_cie_request_get_given_name (r), ==, "Mario");
  g_assert_cmpstr (sp_cie_request_get_birth_date (r), ==, "1985-12-10");
  /* Stored empty, as the citizen's documents have it: no mark for exports to show. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_requests WHERE surname = ''"), ==, 1);

  issue_receipt (db, r);
}

/* What retention erases: closed requests older than the cutoff, once. */
static void
test_erase_closed_before (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 old = sp_test_local (2023, 5, 10, 10, 0);
  gint64 recent = sp_test_local (2026, 3, 20, 10, 0);
  gint64 cutoff = sp_test_local (2024, 3, 29, 0, 0);
  gint64 closed_old = sp_test_add_cie (db, "lost", "delivered", 1, 1, old, "RSSMRA80A01H501U");
  gint64 handed_old = sp_test_add_cie (db, "first", "handed-over", 1, 1, old, "RSSMRA80A01H501U");
  gint64 open_old = sp_test_add_cie (db, "renewal", "requested", 1, 1, old, "RSSMRA80A01H501U");
  gint64 closed_new = sp_test_add_cie (db, "first", "delivered", 1, 1, recent, "BNCLCU75E45H294K");
  g_autofree char *erased = NULL;

  g_assert_cmpint (sp_cie_request_erase_closed_before (db->store, cutoff, "2024-03-29", &error), ==, 2);
  g_assert_no_error (error);

  erased = g_strdup_printf ("SELECT count(*) FROM cie_requests WHERE codice_fiscale = '%s' "
                            "AND surname = '%s' AND given_name = '%s' AND birth_date = '0000-00-00' "
                            "AND card_number = '' AND delivery_address IS NULL "
                            "AND police_report = '%s' AND id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                            SP_ERASED_CODICE_FISCALE, SP_ERASED_TEXT, SP_ERASED_TEXT, SP_ERASED_TEXT,
                            closed_old, handed_old);
  /* The report of the first-issue request was NULL and stays so. */
  g_assert_cmpint (sp_test_count (db, erased), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM cie_requests WHERE id = %" G_GINT64_FORMAT
                                            " AND codice_fiscale = '%s' AND police_report IS NULL",
                                            handed_old, SP_ERASED_CODICE_FISCALE);
    g_assert_cmpint (sp_test_count (db, sql), ==, 1);
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM cie_requests WHERE id IN (%" G_GINT64_FORMAT
                                            ", %" G_GINT64_FORMAT ") AND surname = 'BIANCHI' "
                                            "AND card_number = 'CA00000AA'", open_old, closed_new);
    g_assert_cmpint (sp_test_count (db, sql), ==, 2);
  }

  /* Erased once: a second run changes nothing. */
  g_assert_cmpint (sp_cie_request_erase_closed_before (db->store, cutoff, "2024-03-29", &error), ==, 0);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cie/rules", test_rules);
  SP_TEST_ADD_SETUP ("/cie/fee-create-follow-up", test_fee_and_create);
  SP_TEST_ADD_SETUP ("/cie/create-idempotent", test_create_idempotent);
  SP_TEST_ADD_SETUP ("/cie/at-popup-desks", test_at_popup_desks);
  SP_TEST_ADD_SETUP ("/cie/erase-closed-before", test_erase_closed_before);
  SP_TEST_ADD_SETUP ("/cie/single-name", test_single_name);

  return g_test_run ();
}
