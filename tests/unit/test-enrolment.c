/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-enrolment.c — a pop-up desk's enrolment file: sealed under its
 * one-time passphrase, opened with it as typed, refused altered, cut short
 * or with another passphrase */
#include "config.h"

#include <string.h>

#include "sp-booking-service.h"
#include "sp-calendar.h"
#include "sp-counter-service.h"
#include "sp-desk.h"
#include "sp-enrolment-file.h"
#include "sp-enrolment.h"
#include "sp-error.h"
#include "sp-opening-hours.h"
#include "sp-operator.h"
#include "sp-places-import.h"
#include "sp-receipt-signature.h"
#include "sp-setting-keys.h"
#include "sp-test-util.h"

static void
test_passphrase (void)
{
  g_autofree char *a = sp_enrolment_new_passphrase ();
  g_autofree char *b = sp_enrolment_new_passphrase ();

  /* Six groups of four, none of the characters one misreads. */
  g_assert_cmpuint (strlen (a), ==, 29);
  for (guint i = 0; a[i] != '\0'; i++)
    {
      if (i % 5 == 4)
        g_assert_cmpint (a[i], ==, '-');
      else
        g_assert_nonnull (strchr ("ACDEFGHJKMNPQRTUVWXY34679", a[i]));
    }
  g_assert_cmpstr (a, !=, b);
}

static void
test_seal_and_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = sp_enrolment_new_passphrase ();
  g_autofree char *typed = g_ascii_strdown (passphrase, -1);
  g_autofree char *opened = NULL;
  g_autoptr(GBytes) file = sp_enrolment_file_seal ("{\"operators\":[]}", passphrase, &error);
  gsize size;
  const char *data = g_bytes_get_data (file, &size);

  g_assert_no_error (error);
  g_assert_null (g_strstr_len (data, size, "operators"));

  /* Typed in lower case, the dashes as spaces: the same key. */
  g_strdelimit (typed, "-", ' ');
  opened = sp_enrolment_file_open (file, typed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, "{\"operators\":[]}");
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = sp_enrolment_new_passphrase ();
  g_autofree char *other = sp_enrolment_new_passphrase ();
  g_autoptr(GBytes) file = sp_enrolment_file_seal ("{}", passphrase, &error);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (file, 0, g_bytes_get_size (file) - 1);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("PK\3\4 a zip file", 15);
  gsize size = g_bytes_get_size (file);
  guint8 *flipped = g_memdup2 (g_bytes_get_data (file, NULL), size);
  g_autoptr(GBytes) altered = NULL;

  flipped[size - 3] ^= 0x20;
  altered = g_bytes_new_take (flipped, size);

  g_assert_null (sp_enrolment_file_open (file, other, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (sp_enrolment_file_open (altered, passphrase, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (sp_enrolment_file_open (cut, passphrase, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (sp_enrolment_file_open (garbage, passphrase, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_NOT_ENROLMENT);
}

/* The office (db, set up) enrols "Mercato": a laptop's fresh database
 * joins with the file and its passphrase; its clerks sign in with their
 * office passwords; a newer file brings a new operator. */
static void
test_enrol_and_join (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDesk) popup = sp_desk_add (db->store, SP_ACTOR_SYSTEM, "Mercato", SP_DESK_POPUP, &error);
  g_autoptr(SpOperator) clerk = sp_operator_add (db->store, SP_ACTOR_SYSTEM, "bruno", "Bruno Bianchi", NULL,
                                                 SP_ROLE_CLERK, "Battery-Staple-9", &error);
  g_autofree char *laptop_path = sp_test_db_location ("laptop.db");
  g_autoptr(SpStore) laptop = sp_store_open (laptop_path, &error);
  g_autofree char *passphrase = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GBytes) laptop_secret = NULL;
  g_autoptr(SpDesk) desk = NULL;
  g_autoptr(SpOperator) signed_in = NULL;
  g_autoptr(SpOperator) later = NULL;
  g_autoptr(SpOperator) added = NULL;
  g_autofree char *comune = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *office_key_id = NULL;

  g_assert_no_error (error);
  /* Only a pop-up desk is enrolled. */
  g_assert_null (sp_enrolment_create (db->store, SP_ACTOR_SYSTEM, "Sportello 1", &passphrase, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  file = sp_enrolment_create (db->store, SP_ACTOR_SYSTEM, "Mercato", &passphrase, &error);
  g_assert_no_error (error);
  g_assert_true (sp_enrolment_join (laptop, file, passphrase, &error));
  g_assert_no_error (error);

  /* The same desk, the office's operators with their own passwords. */
  desk = sp_desk_lookup (laptop, "Mercato", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_desk_get_uuid (desk), ==, sp_desk_get_uuid (popup));
  g_assert_cmpint (sp_desk_get_kind (desk), ==, SP_DESK_POPUP);
  signed_in = sp_operator_authenticate (laptop, sp_desk_get_id (desk), "bruno", "Battery-Staple-9", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_operator_get_uuid (signed_in), ==, sp_operator_get_uuid (clerk));
  comune = sp_store_get_setting (laptop, SP_SETTING_COMUNE_NAME);
  g_assert_cmpstr (comune, ==, "Santarcangelo di Romagna");

  /* The laptop signs its receipts with the key the office keeps for it. */
  laptop_secret = sp_store_get_installation_secret (laptop, &error);
  g_assert_no_error (error);
  key_id = sp_receipt_key_id (laptop_secret);
  office_key_id = sp_test_query_text (db, "SELECT key_id FROM receipt_keys");
  g_assert_cmpstr (key_id, ==, office_key_id);

  /* A newer file: a new operator, the same keys; the laptop keeps its
   * own records and its receipt key. */
  later = sp_operator_add (db->store, SP_ACTOR_SYSTEM, "carla", "Carla Conti", NULL, SP_ROLE_CLERK,
                           "Horse-Battery-8", &error);
  newer = sp_enrolment_create (db->store, SP_ACTOR_SYSTEM, "Mercato", &again, &error);
  g_assert_no_error (error);
  g_assert_true (sp_enrolment_join (laptop, newer, again, &error));
  g_assert_no_error (error);
  added = sp_operator_lookup (laptop, "carla", &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  g_clear_pointer (&laptop_secret, g_bytes_unref);
  laptop_secret = sp_store_get_installation_secret (laptop, &error);
  g_clear_pointer (&key_id, g_free);
  key_id = sp_receipt_key_id (laptop_secret);
  g_assert_cmpstr (key_id, ==, office_key_id);

  /* The office's own database cannot join: it is a desk of its own. */
  g_assert_false (sp_enrolment_join (db->store, newer, again, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_FAILED);
}

/* The laptop counts with the office's counter services (a new one, one out
 * of use, a shortcut moved), checks places against the lists the office
 * imported, and knows the office's first free slot as of its enrolment. */
static void
test_services_places_first_free (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDesk) popup = sp_desk_add (db->store, SP_ACTOR_SYSTEM, "Mercato", SP_DESK_POPUP, &error);
  g_autoptr(SpDesk) office_desk = sp_desk_lookup (db->store, "Sportello 1", &error);
  g_autoptr(SpBookingService) cie = sp_booking_service_lookup (db->store, "cie", &error);
  g_autoptr(SpCounterService) passports = NULL;
  g_autoptr(SpCounterService) certificate = NULL;
  g_autoptr(SpCounterService) on_laptop = NULL;
  g_autoptr(SpCounterService) gone = NULL;
  g_autoptr(SpPlacesImport) imported = NULL;
  g_autoptr(GBytes) states = sp_places_load_builtin_list (SP_PLACE_LIST_STATES, &error);
  g_autoptr(GArray) hours = sp_opening_hours_parse ("mon-fri 09:00-12:00", &error);
  g_autoptr(SpCalendar) calendar = NULL;
  g_autofree char *laptop_path = sp_test_db_location ("laptop.db");
  g_autoptr(SpStore) laptop = sp_store_open (laptop_path, &error);
  g_autofree char *passphrase = NULL;
  g_autofree char *first_free = NULL;
  g_autofree char *office_sha = NULL;
  g_autoptr(GBytes) file = NULL;
  SpTestDb laptop_db = { laptop_path, laptop };

  g_assert_no_error (error);
  certificate = sp_counter_service_lookup (db->store, "certificate", &error);
  g_assert_true (sp_counter_service_set_active (db->store, SP_ACTOR_SYSTEM, certificate, FALSE, &error));
  passports = sp_counter_service_add (db->store, SP_ACTOR_SYSTEM, "passports", "Passport forms", 1, &error);
  g_assert_no_error (error);
  imported = sp_places_import (db->store, states, "test", FALSE, &error);
  g_assert_no_error (error);
  calendar = sp_calendar_set (db->store, SP_ACTOR_SYSTEM, sp_desk_get_id (office_desk), cie->id, 20, 1,
                              NULL, NULL, hours, &error);
  g_assert_no_error (error);

  file = sp_enrolment_create (db->store, SP_ACTOR_SYSTEM, "Mercato", &passphrase, &error);
  g_assert_no_error (error);
  g_assert_true (sp_enrolment_join (laptop, file, passphrase, &error));
  g_assert_no_error (error);

  on_laptop = sp_counter_service_lookup (laptop, "passports", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_counter_service_get_uuid (on_laptop), ==, sp_counter_service_get_uuid (passports));
  g_assert_cmpint (sp_counter_service_get_shortcut (on_laptop), ==, 1);
  g_assert_true (sp_counter_service_get_active (on_laptop));
  gone = sp_counter_service_lookup (laptop, "certificate", &error);
  g_assert_false (sp_counter_service_get_active (gone));
  g_assert_cmpint (sp_test_count (&laptop_db, "SELECT count(*) FROM counter_services WHERE active = 1"), ==,
                   sp_test_count (db, "SELECT count(*) FROM counter_services WHERE active = 1"));

  office_sha = sp_test_query_text (db, "SELECT sha256 FROM place_lists WHERE kind = 'states'");
  g_assert_nonnull (office_sha);
  g_assert_cmpint (sp_test_count (&laptop_db, "SELECT count(*) FROM place_lists"), ==, 1);
  {
    g_autofree char *laptop_sha = sp_test_query_text (&laptop_db, "SELECT sha256 FROM place_lists");
    g_assert_cmpstr (laptop_sha, ==, office_sha);
  }

  first_free = sp_store_get_setting (laptop, SP_SETTING_POPUP_FIRST_FREE);
  g_assert_nonnull (first_free);
  g_assert_nonnull (strstr (first_free, "\"service\":\"cie\""));
  g_assert_nonnull (strstr (first_free, "Sportello 1"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/enrolment/passphrase", test_passphrase);
  g_test_add_func ("/enrolment/seal-and-open", test_seal_and_open);
  g_test_add_func ("/enrolment/refused", test_refused);
  SP_TEST_ADD_SETUP ("/enrolment/enrol-and-join", test_enrol_and_join);
  SP_TEST_ADD_SETUP ("/enrolment/services-places-first-free", test_services_places_first_free);

  return g_test_run ();
}
