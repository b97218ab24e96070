/* test-cie-request.c — CIE request rules: fee, validity, fingerprints,
 * organ donation, delivery estimate, follow-up states, receipt */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "sp-cie-request.h"
#include "sp-holidays.h"
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

static void
test_fee_and_create (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCieRequest) r = NULL;
  g_autoptr(SpCieRequest) lost = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
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
  lost = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_null (lost);
  g_assert_error (error, SP_CIE_ERROR, SP_CIE_ERROR_CODICE_FISCALE);
  g_clear_error (&error);

  in = valid_input ();
  in.codice_fiscale = "RSSMRA80A01H501U";
  in.reason = SP_CIE_REASON_LOST;
  lost = sp_cie_request_create (db->store, SP_ACTOR_SYSTEM, &in, &today, &error);
  g_assert_error (error, SP_CIE_ERROR, SP_CIE_ERROR_POLICE_REPORT);
  g_clear_error (&error);
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

  receipt = sp_cie_request_build_receipt (db->store, r);
  g_assert_true (sp_receipt_issue (db->store, receipt, SP_ACTOR_SYSTEM, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cie/rules", test_rules);
  SP_TEST_ADD_SETUP ("/cie/fee-create-follow-up", test_fee_and_create);

  return g_test_run ();
}
