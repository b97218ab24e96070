/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mrz.c — ICAO 9303 machine-readable zones. The UTO specimens are
 * those of ICAO Doc 9303 (parts 4–6); their check digits and the others'
 * were recomputed by hand with the 7-3-1 weights. */
#include "config.h"

#include "sp-mrz.h"

#define TD3_L1 "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
#define TD3_L2 "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
#define TD1_L1 "I<UTOD231458907<<<<<<<<<<<<<<<"
#define TD1_L2 "7408122F1204159UTO<<<<<<<<<<<6"
#define TD1_L3 "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
#define TD2_L1 "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<"
#define TD2_L2 "D231458907UTO7408122F1204159<<<<<<<6"

static GDate *
make_date (int year, int month, int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
assert_date (const GDate *date, int year, int month, int day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day);
}

static void
test_check_digit (void)
{
  g_assert_cmpint (sp_mrz_check_digit ("L898902C3", -1), ==, 6);
  g_assert_cmpint (sp_mrz_check_digit ("740812", -1), ==, 2);
  g_assert_cmpint (sp_mrz_check_digit ("120415", -1), ==, 9);
  g_assert_cmpint (sp_mrz_check_digit ("D23145890", -1), ==, 7);
  g_assert_cmpint (sp_mrz_check_digit ("<<<<<<", -1), ==, 0);
  g_assert_cmpint (sp_mrz_check_digit ("ab", -1), ==, -1);
}

static void
test_td3 (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = sp_mrz_parse (TD3_L1 "\n" TD3_L2 "\n", today, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mrz->format, ==, SP_MRZ_TD3);
  g_assert_cmpstr (mrz->document_code, ==, "P");
  g_assert_cmpstr (mrz->issuing_state, ==, "UTO");
  g_assert_cmpstr (mrz->document_number, ==, "L898902C3");
  assert_date (&mrz->birth_date, 1974, 8, 12);
  g_assert_cmpint (mrz->sex, ==, 'F');
  assert_date (&mrz->expiry_date, 2012, 4, 15);
  g_assert_cmpstr (mrz->nationality, ==, "UTO");
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");
  g_assert_cmpstr (mrz->optional_data, ==, "ZE184226B");
  g_assert_null (mrz->optional_data_2);
  g_assert_cmpstr (mrz->lines[1], ==, TD3_L2);
  g_assert_null (mrz->lines[2]);
}

static void
test_td3_italian_lowercase_concatenated (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = NULL;
  g_autoptr(SpMrz) copy = NULL;
  g_autofree char *lower = g_ascii_strdown ("P<ITAROSSI<<MARIA<GRAZIA<<<<<<<<<<<<<<<<<<<<"
                                            "YA12345676ITA8502153F3001019<<<<<<<<<<<<<<<4", -1);

  mrz = sp_mrz_parse (lower, today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mrz->document_number, ==, "YA1234567");
  g_assert_cmpstr (mrz->surname, ==, "ROSSI");
  g_assert_cmpstr (mrz->given_names, ==, "MARIA GRAZIA");
  g_assert_cmpstr (mrz->optional_data, ==, "");
  assert_date (&mrz->birth_date, 1985, 2, 15);
  assert_date (&mrz->expiry_date, 2030, 1, 1);

  copy = g_boxed_copy (SP_TYPE_MRZ, mrz);
  g_assert_cmpstr (copy->given_names, ==, "MARIA GRAZIA");
}

static void
test_td1 (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = sp_mrz_parse (TD1_L1 "\r\n" TD1_L2 "\r\n" TD1_L3, today, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mrz->format, ==, SP_MRZ_TD1);
  g_assert_cmpstr (mrz->document_code, ==, "I");
  g_assert_cmpstr (mrz->document_number, ==, "D23145890");
  g_assert_cmpstr (mrz->optional_data, ==, "");
  g_assert_cmpstr (mrz->optional_data_2, ==, "");
  assert_date (&mrz->birth_date, 1974, 8, 12);
  assert_date (&mrz->expiry_date, 2012, 4, 15);
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");
}

static void
test_td1_cie_spaces (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = sp_mrz_parse ("  c<itaca00000aa4<<<<<<<<<<<<<<< \n"
                                       "8512109M3001019ITA<<<<<<<<<<<8\n"
                                       "ROSSI<<MARIO<<<<<<<<<<<<<<<<<<\n\n", today, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mrz->document_code, ==, "C");
  g_assert_cmpstr (mrz->issuing_state, ==, "ITA");
  g_assert_cmpstr (mrz->document_number, ==, "CA00000AA");
  g_assert_cmpint (mrz->sex, ==, 'M');
  assert_date (&mrz->birth_date, 1985, 12, 10);
  assert_date (&mrz->expiry_date, 2030, 1, 1);
  g_assert_cmpstr (mrz->surname, ==, "ROSSI");
  g_assert_cmpstr (mrz->given_names, ==, "MARIO");
}

static void
test_td1_long_number (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GError) error = NULL;
  /* ICAO 9303 part 5: D23145890734 has 12 characters; positions 6–14
   * hold the first 9, 15 a filler, then 734, its check digit 9, filler. */
  g_autoptr(SpMrz) mrz = sp_mrz_parse ("I<UTOD23145890<7349<<<<<<<<<<<"
                                       "7408122F1204159UTO<<<<<<<<<<<6"
                                       TD1_L3, today, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mrz->document_number, ==, "D23145890734");
  g_assert_cmpstr (mrz->optional_data, ==, "");
}

static void
test_td2 (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = sp_mrz_parse (TD2_L1 "\n" TD2_L2, today, &error);
  g_autoptr(SpMrz) longer = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mrz->format, ==, SP_MRZ_TD2);
  g_assert_cmpstr (mrz->document_number, ==, "D23145890");
  g_assert_cmpstr (mrz->surname, ==, "ERIKSSON");
  g_assert_cmpstr (mrz->given_names, ==, "ANNA MARIA");
  g_assert_cmpstr (mrz->nationality, ==, "UTO");
  assert_date (&mrz->birth_date, 1974, 8, 12);

  longer = sp_mrz_parse (TD2_L1 "\n" "D23145890<UTO7408122F12041597349<<<2", today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (longer->document_number, ==, "D23145890734");
}

static void
test_errors (void)
{
  static const struct
  {
    const char *text;
    SpMrzError  code;
    const char *message;
  } vectors[] = {
    { "", SP_MRZ_ERROR_FORMAT, NULL },
    { TD3_L1, SP_MRZ_ERROR_FORMAT,
      "The MRZ has 44 characters: a card has 3 lines of 30 (90), a TD2 document 2 lines of 36 (72), "
      "a passport 2 lines of 44 (88)" },
    { TD3_L1 "\n" TD3_L2 "<", SP_MRZ_ERROR_FORMAT, NULL },
    /* 90 characters in 2 lines of 45: the total fits TD1, the lines do not. */
    { TD1_L1 TD1_L2 "\n" TD1_L3, SP_MRZ_ERROR_FORMAT,
      "Line 1 of the MRZ has 60 characters instead of 30" },
    { "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<-\n" TD3_L2, SP_MRZ_ERROR_CHARACTER, NULL },
    { TD3_L1 "\n" "L898902C37UTO7408122F1204159ZE184226B<<<<<10", SP_MRZ_ERROR_CHECK_NUMBER,
      "The check digit of the document number is wrong: it should be 6, not 7" },
    { TD3_L1 "\n" "L898902C36UTO7408123F1204159ZE184226B<<<<<10", SP_MRZ_ERROR_CHECK_BIRTH,
      "The check digit of the birth date is wrong: it should be 2, not 3" },
    { TD3_L1 "\n" "L898902C36UTO7408122F1204158ZE184226B<<<<<10", SP_MRZ_ERROR_CHECK_EXPIRY,
      "The check digit of the expiry date is wrong: it should be 9, not 8" },
    { TD3_L1 "\n" "L898902C36UTO7408122F1204159ZE184226B<<<<<20", SP_MRZ_ERROR_CHECK_OPTIONAL,
      "The check digit of the personal number is wrong: it should be 1, not 2" },
    { TD3_L1 "\n" "L898902C36UTO7408122F1204159ZE184226B<<<<<11", SP_MRZ_ERROR_CHECK_COMPOSITE,
      "The check digit of the whole MRZ (composite) is wrong: it should be 0, not 1" },
    { TD1_L1 TD1_L2 TD1_L3, 0, NULL },
    { "I<UTOD231458908<<<<<<<<<<<<<<<" TD1_L2 TD1_L3, SP_MRZ_ERROR_CHECK_NUMBER, NULL },
    { TD1_L1 "7408122F1204159UTO<<<<<<<<<<<7" TD1_L3, SP_MRZ_ERROR_CHECK_COMPOSITE, NULL },
    /* A changed name is not covered by any check digit, a changed state
     * in the optional data is. */
    { TD1_L1 "7408122F1204159UTO<<<<<<<<<B<6" TD1_L3, SP_MRZ_ERROR_CHECK_COMPOSITE, NULL },
    { TD2_L1 "\n" "D231458907UTO7408122F1204159<<<<<<<7", SP_MRZ_ERROR_CHECK_COMPOSITE, NULL },
    { TD2_L1 "\n" "D231458907UTO7408122Q1204159<<<<<<<6", SP_MRZ_ERROR_SEX, "The sex Q is not M, F or <" },
    /* A filler where the check digit belongs, and no longer number. */
    { "I<UTOD23145890<<<<<<<<<<<<<<<<" TD1_L2 TD1_L3, SP_MRZ_ERROR_CHECK_NUMBER,
      "The check digit of the document number is wrong: it should be 7, not <" },
    /* A longer number whose check digit is missing. */
    { "I<UTOD23145890<7<<<<<<<<<<<<<<" TD1_L2 TD1_L3, SP_MRZ_ERROR_CHECK_NUMBER,
      "The document number is longer than 9 characters but its check digit is missing" },
  };
  g_autoptr(GDate) today = make_date (2025, 6, 1);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpMrz) mrz = sp_mrz_parse (vectors[i].text, today, &error);

      g_test_message ("vector %u", i);
      if (i == 10)
        {
          g_assert_no_error (error);
          continue;
        }

      g_assert_null (mrz);
      g_assert_error (error, SP_MRZ_ERROR, (int) vectors[i].code);
      if (vectors[i].message != NULL)
        g_assert_cmpstr (error->message, ==, vectors[i].message);
    }
}

static void
test_bad_date (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = NULL;
  char line2[] = "L898902C36UTO7413322F1204159ZE184226B<<<<<1?";
  char digits[] = "741332";
  g_autofree char *text = NULL;
  int composite;

  /* 32 January 1974 (birth check digit and composite made to fit). */
  line2[19] = (char) ('0' + sp_mrz_check_digit (digits, -1));
  {
    g_autoptr(GString) c = g_string_new (NULL);
    g_string_append_len (c, line2, 10);
    g_string_append_len (c, line2 + 13, 7);
    g_string_append_len (c, line2 + 21, 22);
    composite = sp_mrz_check_digit (c->str, -1);
  }
  line2[43] = (char) ('0' + composite);
  text = g_strconcat (TD3_L1, line2, NULL);

  mrz = sp_mrz_parse (text, today, &error);
  g_assert_null (mrz);
  g_assert_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_DATE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mrz/check-digit", test_check_digit);
  g_test_add_func ("/mrz/td3", test_td3);
  g_test_add_func ("/mrz/td3-italian", test_td3_italian_lowercase_concatenated);
  g_test_add_func ("/mrz/td1", test_td1);
  g_test_add_func ("/mrz/td1-cie", test_td1_cie_spaces);
  g_test_add_func ("/mrz/td1-long-number", test_td1_long_number);
  g_test_add_func ("/mrz/td2", test_td2);
  g_test_add_func ("/mrz/errors", test_errors);
  g_test_add_func ("/mrz/bad-date", test_bad_date);

  return g_test_run ();
}
