/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-enrolment.c — a pop-up desk's enrolment file: sealed under its
 * one-time passphrase, opened with it as typed, refused altered, cut short
 * or with another passphrase */
#include "config.h"

#include <string.h>

#include "sp-desk.h"
#include "sp-enrolment-file.h"
#include "sp-enrolment.h"
#include "sp-error.h"
#include "sp-operator.h"
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/enrolment/passphrase", test_passphrase);
  g_test_add_func ("/enrolment/seal-and-open", test_seal_and_open);
  g_test_add_func ("/enrolment/refused", test_refused);
  SP_TEST_ADD_SETUP ("/enrolment/enrol-and-join", test_enrol_and_join);

  return g_test_run ();
}
