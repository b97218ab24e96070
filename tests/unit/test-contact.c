/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-contact.c — email addresses and phone numbers, the citizens who
 * own them and the emails sent to them, and what retention erases of both */
#include "config.h"

#include "sp-citizen.h"
#include "sp-contact.h"
#include "sp-outbox.h"
#include "sp-test-cases.h"

static void
test_email (void)
{
  static const struct
  {
    const char *input;
    const char *expected;   /* NULL when refused */
  } vectors[] = {
    { "mario.rossi@example.it", "mario.rossi@example.it" },
    { "  Mario.Rossi@Comune.Santarcangelo.RN.it \n", "Mario.Rossi@comune.santarcangelo.rn.it" },
    { "a+tag@pec.example.com", "a+tag@pec.example.com" },
    { "o'brien@example.ie", "o'brien@example.ie" },
    { "", NULL },
    { "mario.rossi", NULL },
    { "mario@rossi@example.it", NULL },
    { "@example.it", NULL },
    { "mario rossi@example.it", NULL },
    { "mario@example", NULL },
    { "mario@example.", NULL },
    { "mario@.example.it", NULL },
    { "mario@example..it", NULL },
    { "mario@exa_mple.it", NULL },
    { "mario@example.i", NULL },
    { "mario@example.123", NULL },
    { "mario@-example.it", NULL },
    { ".mario@example.it", NULL },
    { "mario.@example.it", NULL },
    { "ma..rio@example.it", NULL },
    { "mario@example.it,", NULL },
    { "<mario@example.it>", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = sp_contact_normalize_email (vectors[i].input, &error);

      g_test_message ("%s", vectors[i].input);
      g_assert_cmpstr (out, ==, vectors[i].expected);
      if (vectors[i].expected == NULL)
        g_assert_true (error != NULL && error->domain == SP_CONTACT_ERROR);
      else
        g_assert_no_error (error);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *none = sp_contact_normalize_email ("  ", &error);
    g_assert_error (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_EMAIL_EMPTY);
    g_clear_error (&error);
    g_assert_null (sp_contact_normalize_email ("mario.rossi", &error));
    g_assert_cmpstr (error->message, ==, "The email address has no @");
  }
}

static void
test_email_confirm (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *same = sp_contact_confirm_email ("mario@example.it", " MARIO@EXAMPLE.IT", &error);
  g_autofree char *typo = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (same, ==, "mario@example.it");

  typo = sp_contact_confirm_email ("mario@example.it", "mario@exmaple.it", &error);
  g_assert_null (typo);
  g_assert_error (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_EMAIL_MISMATCH);
  g_clear_error (&error);

  bad = sp_contact_confirm_email ("mario@example", "mario@example", &error);
  g_assert_null (bad);
  g_assert_error (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_EMAIL_INVALID);
}

static void
test_phone (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } vectors[] = {
    { "333 1234567", "+393331234567" },
    { "333-123.4567", "+393331234567" },
    { "+39 333 1234567", "+393331234567" },
    { "0039 333 1234567", "+393331234567" },
    { "+39 (333) 123 45 67", "+393331234567" },
    { "340123456", "+39340123456" },             /* old 9-digit mobile */
    { "06 1234 5678", "+390612345678" },         /* Rome landline */
    { "0541 123456", "+390541123456" },
    { "+44 7700 900123", "+447700900123" },
    { "0049 151 12345678", "+4915112345678" },
    { "+1 (202) 555-0143", "+12025550143" },
    { "", NULL },
    { "abc", NULL },
    { "333 123456a", NULL },
    { "++39 333 1234567", NULL },
    { "+39 333", NULL },
    { "+39 33312345678", NULL },
    { "+39 512345678", NULL },                   /* neither 3 nor 0 */
    { "12345", NULL },
    { "+0 123456789", NULL },
    { "+44 123", NULL },
    { "+12345678901234567", NULL },
    { "3+331234567", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = sp_contact_normalize_phone (vectors[i].input, NULL, &error);

      g_test_message ("%s", vectors[i].input);
      g_assert_cmpstr (out, ==, vectors[i].expected);
      if (vectors[i].expected == NULL)
        g_assert_true (error != NULL && error->domain == SP_CONTACT_ERROR);
    }

  /* Another default country for numbers typed without prefix. */
  {
    g_autofree char *swiss = sp_contact_normalize_phone ("79 123 45 67", "41", NULL);
    g_assert_cmpstr (swiss, ==, "+41791234567");
  }

  g_assert_true (sp_contact_phone_is_mobile ("+393331234567"));
  g_assert_false (sp_contact_phone_is_mobile ("+390612345678"));
  g_assert_true (sp_contact_phone_is_mobile ("+447700900123"));
}

static void
test_phone_confirm (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *same = sp_contact_confirm_phone ("333 1234567", "+39 333-1234567", NULL, &error);
  g_autofree char *typo = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (same, ==, "+393331234567");

  typo = sp_contact_confirm_phone ("333 1234567", "333 1234576", NULL, &error);
  g_assert_null (typo);
  g_assert_error (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_MISMATCH);
}

static void
test_outbox_erase_sent_before (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 old = sp_test_local (2023, 5, 10, 10, 0);
  gint64 recent = sp_test_local (2026, 3, 20, 10, 0);
  gint64 cutoff = sp_test_local (2024, 3, 29, 0, 0);

  sp_test_add_email (db, old, old + G_USEC_PER_SEC);       /* sent long ago: erased */
  sp_test_add_email (db, old, 0);                          /* never sent: kept */
  sp_test_add_email (db, recent, recent + G_USEC_PER_SEC); /* sent lately: kept */

  g_assert_cmpint (sp_outbox_erase_sent_before (db->store, cutoff, "2024-03-29", &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox WHERE recipient = '" SP_ERASED_TEXT "' "
                                      "AND subject = '' AND body = '' AND sent_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox WHERE recipient = 'mario@example.org' "
                                      "AND body = 'Codice'"), ==, 2);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox"), ==, 3);

  g_assert_cmpint (sp_outbox_erase_sent_before (db->store, cutoff, "2024-03-29", &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_citizen_delete_unreferenced_before (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 cutoff = sp_test_local (2024, 3, 29, 0, 0);

  sp_test_exec (db, "INSERT INTO citizens (uuid, codice_fiscale, surname, name, sex, birth_date, "
                    "created_at, updated_at) VALUES "
                    "('c1', 'RSSMRA80A01H501U', 'ROSSI', 'MARIO', 'M', '1980-01-01', 0, 0), "
                    "('c2', 'BNCLCU75E45H294K', 'BIANCHI', 'LUCIA', 'F', '1975-05-05', 0, 0), "
                    "('c3', 'VRDNNA80A41H294X', 'VERDI', 'ANNA', 'F', '1980-01-01', 0, 0), "
                    "('c4', 'NRELGU70A01H294Q', 'NERI', 'LUIGI', 'M', '1970-01-01', 0, 9e18)");
  /* c1 has an identification, c2 a CIE request: both stay. */
  sp_test_add_identification (db, "completed", "rao", NULL, 1, 1, cutoff, "RSSMRA80A01H501U");
  sp_test_exec (db, "UPDATE identifications SET citizen_id = (SELECT id FROM citizens WHERE uuid = 'c1')");
  sp_test_add_cie (db, "first", "delivered", 1, 1, cutoff, "BNCLCU75E45H294K");
  sp_test_exec (db, "UPDATE cie_requests SET citizen_id = (SELECT id FROM citizens WHERE uuid = 'c2')");

  /* c3: nobody refers to it and it is old; c4 was updated lately. */
  g_assert_cmpint (sp_citizen_delete_unreferenced_before (db->store, cutoff, "2024-03-29", &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM citizens WHERE uuid = 'c3'"), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM citizens"), ==, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sp_test_use_rome_time ();

  g_test_add_func ("/contact/email", test_email);
  g_test_add_func ("/contact/email-confirm", test_email_confirm);
  g_test_add_func ("/contact/phone", test_phone);
  g_test_add_func ("/contact/phone-confirm", test_phone_confirm);
  SP_TEST_ADD_SETUP ("/contact/outbox-erase-sent-before", test_outbox_erase_sent_before);
  SP_TEST_ADD_SETUP ("/contact/citizen-delete-unreferenced-before", test_citizen_delete_unreferenced_before);

  return g_test_run ();
}
