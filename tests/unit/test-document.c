/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-document.c — the document rules table and the health card */
#include "config.h"

#include "sp-document.h"
#include "sp-health-card.h"

static GDate *
make_date (int year, int month, int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static gboolean
has_problem (GPtrArray *array, SpDocumentError code)
{
  for (guint i = 0; i < array->len; i++)
    if (g_error_matches (g_ptr_array_index (array, i), SP_DOCUMENT_ERROR, (int) code))
      return TRUE;
  return FALSE;
}

static void
test_formats (void)
{
  static const struct
  {
    SpDocumentType type;
    const char    *number;
    SpIssuerType   issuer;
    gboolean       valid;
    gboolean       warning;
  } vectors[] = {
    { SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_COMUNE, TRUE, FALSE },
    { SP_DOCUMENT_CIE, "ca 00000 aa", SP_ISSUER_COMUNE, TRUE, FALSE },
    { SP_DOCUMENT_CIE, "1234567AB", SP_ISSUER_COMUNE, TRUE, FALSE },      /* CIE 2.0 */
    { SP_DOCUMENT_CIE, "AA1234567", SP_ISSUER_COMUNE, FALSE, FALSE },     /* paper card number */
    { SP_DOCUMENT_CIE, "CA00000A", SP_ISSUER_COMUNE, FALSE, FALSE },
    { SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_CONSOLATO, TRUE, FALSE },
    { SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_QUESTURA, FALSE, FALSE },
    { SP_DOCUMENT_IDENTITY_CARD, "AX1234567", SP_ISSUER_COMUNE, TRUE, FALSE },
    { SP_DOCUMENT_IDENTITY_CARD, "12345678", SP_ISSUER_COMUNE, TRUE, TRUE },  /* old: confirm */
    { SP_DOCUMENT_IDENTITY_CARD, "A?", SP_ISSUER_COMUNE, FALSE, FALSE },
    { SP_DOCUMENT_IDENTITY_CARD, "AX1234567", SP_ISSUER_MOTORIZZAZIONE, FALSE, FALSE },
    { SP_DOCUMENT_PASSPORT, "YA1234567", SP_ISSUER_QUESTURA, TRUE, FALSE },
    { SP_DOCUMENT_PASSPORT, "YA1234567", SP_ISSUER_AMBASCIATA, TRUE, FALSE },
    { SP_DOCUMENT_PASSPORT, "YA123456", SP_ISSUER_QUESTURA, FALSE, FALSE },
    { SP_DOCUMENT_PASSPORT, "YA1234567", SP_ISSUER_COMUNE, FALSE, FALSE },
    { SP_DOCUMENT_DRIVING_LICENCE, "U1A2B3C4D5", SP_ISSUER_MOTORIZZAZIONE, TRUE, FALSE },
    { SP_DOCUMENT_DRIVING_LICENCE, "u1 1234567 x", SP_ISSUER_MOTORIZZAZIONE, TRUE, FALSE },
    { SP_DOCUMENT_DRIVING_LICENCE, "PD2345678A", SP_ISSUER_PREFETTURA, TRUE, TRUE },
    { SP_DOCUMENT_DRIVING_LICENCE, "PD/1234567", SP_ISSUER_PREFETTURA, TRUE, TRUE },
    { SP_DOCUMENT_DRIVING_LICENCE, "ABC", SP_ISSUER_PREFETTURA, FALSE, FALSE },
    { SP_DOCUMENT_DRIVING_LICENCE, "U1A2B3C4D5", SP_ISSUER_CONSOLATO, FALSE, FALSE },
    { SP_DOCUMENT_FIREARMS_LICENCE, "123456-A", SP_ISSUER_QUESTURA, TRUE, FALSE },
    { SP_DOCUMENT_FIREARMS_LICENCE, "ABCDEF", SP_ISSUER_QUESTURA, FALSE, FALSE },
    { SP_DOCUMENT_STATE_CARD, "AT1234567", SP_ISSUER_AMMINISTRAZIONE, TRUE, FALSE },
    { SP_DOCUMENT_STATE_CARD, "BT0012345", SP_ISSUER_MINISTERO, TRUE, FALSE },
    { SP_DOCUMENT_CIE, "", SP_ISSUER_COMUNE, FALSE, FALSE },
    { SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_NONE, FALSE, FALSE },
    { SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_COMUNE | SP_ISSUER_CONSOLATO, FALSE, FALSE },
  };
  g_autoptr(GDate) issued = make_date (2020, 1, 15);
  g_autoptr(GDate) expires = make_date (2030, 1, 15);
  g_autoptr(GDate) today = make_date (2025, 6, 1);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(SpDocumentCheck) check = sp_document_check (vectors[i].type, vectors[i].number,
                                                            vectors[i].issuer, issued, expires, today);

      g_test_message ("%s %s", sp_document_type_to_string (vectors[i].type), vectors[i].number);
      g_assert_cmpint (sp_document_check_is_valid (check), ==, vectors[i].valid);
      g_assert_cmpint (check->warnings->len > 0, ==, vectors[i].warning);
    }
}

static void
test_messages (void)
{
  g_autoptr(GDate) issued = make_date (2020, 1, 15);
  g_autoptr(GDate) expires = make_date (2030, 1, 15);
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_document_validate (SP_DOCUMENT_CIE, "AA1234567", SP_ISSUER_COMUNE,
                                        issued, expires, today, &error));
  g_assert_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_NUMBER_FORMAT);
  g_assert_cmpstr (error->message, ==,
                   "Electronic identity card (CIE): AA1234567 is not a valid number; "
                   "it should look like AA99999AA or 9999999AA (A a letter, 9 a digit)");
  g_clear_error (&error);

  g_assert_false (sp_document_validate (SP_DOCUMENT_PASSPORT, "YA1234567", SP_ISSUER_MOTORIZZAZIONE,
                                        issued, expires, today, &error));
  g_assert_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_ISSUER);
  g_assert_cmpstr (error->message, ==, "Passport: not issued by a Motorizzazione");
  g_clear_error (&error);

  g_assert_true (sp_document_validate (SP_DOCUMENT_DRIVING_LICENCE, "PD2345678A", SP_ISSUER_PREFETTURA,
                                       issued, expires, today, &error));
  g_assert_no_error (error);
}

static void
test_dates (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GDate) tomorrow = make_date (2025, 6, 2);
  g_autoptr(GDate) yesterday = make_date (2025, 5, 31);
  g_autoptr(GDate) issued = make_date (2015, 6, 1);
  g_autoptr(SpDocumentCheck) future = NULL;
  g_autoptr(SpDocumentCheck) expired = NULL;
  g_autoptr(SpDocumentCheck) last_day = NULL;
  g_autoptr(SpDocumentCheck) reversed = NULL;
  g_autoptr(SpDocumentCheck) missing = NULL;
  g_autoptr(GDate) far = make_date (2035, 1, 1);

  future = sp_document_check (SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_COMUNE, tomorrow, far, today);
  g_assert_true (has_problem (future->errors, SP_DOCUMENT_ERROR_ISSUE_DATE));
  g_assert_cmpstr (((GError *) g_ptr_array_index (future->errors, 0))->message, ==,
                   "The issue date 02/06/2025 is in the future");

  expired = sp_document_check (SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_COMUNE, issued, yesterday, today);
  g_assert_true (has_problem (expired->errors, SP_DOCUMENT_ERROR_EXPIRED));
  g_assert_cmpstr (((GError *) g_ptr_array_index (expired->errors, 0))->message, ==,
                   "The document expired on 31/05/2025");

  /* Valid through its expiry day. */
  last_day = sp_document_check (SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_COMUNE, issued, today, today);
  g_assert_true (sp_document_check_is_valid (last_day));

  reversed = sp_document_check (SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_COMUNE, today, issued, today);
  g_assert_true (has_problem (reversed->errors, SP_DOCUMENT_ERROR_EXPIRY_DATE));

  missing = sp_document_check (SP_DOCUMENT_CIE, "CA00000AA", SP_ISSUER_COMUNE, NULL, NULL, today);
  g_assert_true (has_problem (missing->errors, SP_DOCUMENT_ERROR_ISSUE_DATE));
  g_assert_true (has_problem (missing->errors, SP_DOCUMENT_ERROR_EXPIRY_DATE));
}

static void
test_paper_card_deadline (void)
{
  g_autoptr(GDate) issued = make_date (2018, 3, 1);
  g_autoptr(GDate) expires = make_date (2028, 3, 1);
  g_autoptr(GDate) before = make_date (2026, 8, 2);
  g_autoptr(GDate) deadline = make_date (2026, 8, 3);
  g_autoptr(GDate) after = make_date (2027, 1, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_document_validate (SP_DOCUMENT_IDENTITY_CARD, "AX1234567", SP_ISSUER_COMUNE,
                                       issued, expires, before, &error));
  g_assert_no_error (error);

  g_assert_false (sp_document_validate (SP_DOCUMENT_IDENTITY_CARD, "AX1234567", SP_ISSUER_COMUNE,
                                        issued, expires, deadline, &error));
  g_assert_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_NOT_ACCEPTED);
  g_assert_cmpstr (error->message, ==,
                   "Paper identity card: not accepted as identification from 03/08/2026");
  g_clear_error (&error);

  g_assert_false (sp_document_validate (SP_DOCUMENT_IDENTITY_CARD, "AX1234567", SP_ISSUER_COMUNE,
                                        issued, expires, after, &error));
  g_assert_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_NOT_ACCEPTED);
  g_clear_error (&error);

  /* Other documents are not affected. */
  g_assert_true (sp_document_validate (SP_DOCUMENT_PASSPORT, "YA1234567", SP_ISSUER_QUESTURA,
                                       issued, expires, after, &error));
}

static void
test_table (void)
{
  SpDocumentType type;
  SpIssuerType issuer;

  for (guint i = 0; i < SP_DOCUMENT_N_TYPES; i++)
    {
      const SpDocumentRule *rule = sp_document_get_rule ((SpDocumentType) i);

      g_assert_cmpint (rule->type, ==, (SpDocumentType) i);
      g_assert_true (sp_document_type_from_string (sp_document_type_to_string (rule->type), &type));
      g_assert_cmpint (type, ==, (SpDocumentType) i);
      g_assert_nonnull (sp_document_type_get_name (type));
      g_assert_cmpuint (rule->issuers, !=, 0);
    }
  g_assert_false (sp_document_type_from_string ("library-card", &type));

  g_assert_true (sp_issuer_type_from_string ("questura", &issuer));
  g_assert_cmpint (issuer, ==, SP_ISSUER_QUESTURA);
  g_assert_cmpstr (sp_issuer_type_to_string (SP_ISSUER_MOTORIZZAZIONE), ==, "motorizzazione");
  g_assert_cmpstr (sp_issuer_type_get_name (SP_ISSUER_AMBASCIATA), ==, "Ambasciata");
  g_assert_false (sp_issuer_type_from_string ("pro loco", &issuer));

  g_assert_true (sp_document_get_rule (SP_DOCUMENT_CIE)->has_mrz);
  g_assert_true (sp_document_get_rule (SP_DOCUMENT_PASSPORT)->has_mrz);
  g_assert_true (sp_document_number_matches ("AA99999AA", "CA00000AA"));
  g_assert_false (sp_document_number_matches ("AA99999AA", "CA00000AAA"));
  g_assert_false (sp_document_number_matches ("AA99999AA", "CA0000"));
}

static void
test_health_card (void)
{
  static const struct
  {
    const char *number;
    const char *message;
  } vectors[] = {
    { "80380000000000000009", NULL },
    { "80380123456789012346", NULL },
    { "8038 0045 6789 1234 5674", NULL },
    { "80380123456789012345", "The last digit of the health-card number should be 6, not 5: check the number" },
    { "80380123456789012364", "The last digit of the health-card number should be 1, not 4: check the number" },
    { "8038012345678901234", "The health-card number has 19 digits; it should have 20" },
    { "803801234567890123466", "The health-card number has 21 digits; it should have 20" },
    { "80390123456789012346", "The health-card number should begin with 80380" },
    { "8038012345678901234A", "The health-card number must contain only digits" },
    { "", "The health-card number has 0 digits; it should have 20" },
  };
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GDate) later = make_date (2027, 1, 31);
  g_autoptr(GDate) earlier = make_date (2025, 5, 31);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      gboolean ok = sp_health_card_validate_number (vectors[i].number, &error);

      g_test_message ("%s", vectors[i].number);
      if (vectors[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_HEALTH_CARD);
          g_assert_cmpstr (error->message, ==, vectors[i].message);
          g_clear_error (&error);
        }
    }

  g_assert_cmpint (sp_health_card_luhn_digit ("7992739871"), ==, '3');   /* the textbook example */
  g_assert_cmpint (sp_health_card_luhn_digit ("12a"), ==, 0);

  g_assert_true (sp_health_card_validate ("80380000000000000009", later, today, &error));
  g_assert_no_error (error);
  g_assert_true (sp_health_card_validate ("80380000000000000009", today, today, &error));
  g_assert_false (sp_health_card_validate ("80380000000000000009", earlier, today, &error));
  g_assert_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_EXPIRED);
  g_assert_cmpstr (error->message, ==, "The health card expired on 31/05/2025");
  g_clear_error (&error);
  g_assert_false (sp_health_card_validate ("80380000000000000009", NULL, today, &error));
  g_assert_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_EXPIRY_DATE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/formats", test_formats);
  g_test_add_func ("/document/messages", test_messages);
  g_test_add_func ("/document/dates", test_dates);
  g_test_add_func ("/document/paper-card-deadline", test_paper_card_deadline);
  g_test_add_func ("/document/table", test_table);
  g_test_add_func ("/document/health-card", test_health_card);

  return g_test_run ();
}
