/* test-contact.c — email addresses and phone numbers */
#include "config.h"

#include "sp-contact.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact/email", test_email);
  g_test_add_func ("/contact/email-confirm", test_email_confirm);
  g_test_add_func ("/contact/phone", test_phone);
  g_test_add_func ("/contact/phone-confirm", test_phone_confirm);

  return g_test_run ();
}
