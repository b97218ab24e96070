/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-codice-fiscale.c — validation, omocodia, decoding, computation and
 * comparison of codici fiscali. Expected codes were worked out from the
 * rules of DM 23/12/1976 (see DOMAIN.md). */
#include "config.h"

#include "sp-codice-fiscale.h"
#include "sp-places.h"

static SpPlaces *places;

static GDate *
make_date (int year, int month, int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static gboolean
has_error (const SpCfInfo *info, SpCfError code)
{
  for (guint i = 0; i < info->errors->len; i++)
    {
      const GError *error = g_ptr_array_index (info->errors, i);
      if (g_error_matches (error, SP_CF_ERROR, (int) code))
        return TRUE;
    }
  return FALSE;
}

static void
assert_computes (const char *surname, const char *name, char sex,
                 int year, int month, int day, const char *place,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) date = make_date (year, month, day);
  g_autofree char *code = sp_codice_fiscale_compute (surname, name, sex, date, place, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, expected);
  g_assert_true (sp_codice_fiscale_validate (code, places, NULL));
  g_assert_cmpint (sp_codice_fiscale_compare (code, surname, name, sex, date, place), ==,
                   SP_CF_MISMATCH_NONE);
}

static void
test_check_character (void)
{
  g_assert_cmpint (sp_codice_fiscale_check_character ("RSSMRA85T10A562"), ==, 'S');
  g_assert_cmpint (sp_codice_fiscale_check_character ("BNCGLI90A55F205"), ==, 'V');
  g_assert_cmpint (sp_codice_fiscale_check_character ("rssmra85t10a562"), ==, 0);
  g_assert_cmpint (sp_codice_fiscale_check_character ("RSSMRA85T10A56"), ==, 0);
}

static void
test_valid_classic (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(SpCfInfo) info = sp_codice_fiscale_check ("  rssmra85t10a562s\n", places, today);
  GDate birth;

  g_assert_true (sp_cf_info_is_valid (info));
  g_assert_null (sp_cf_info_get_error (info));
  g_assert_cmpstr (info->code, ==, "RSSMRA85T10A562S");
  g_assert_cmpstr (info->base_code, ==, "RSSMRA85T10A562S");
  g_assert_cmpuint (info->omocodia_level, ==, 0);
  g_assert_cmpint (info->sex, ==, 'M');
  g_assert_cmpint (info->birth_year, ==, 1985);
  g_assert_cmpint (info->other_birth_year, ==, 0);
  g_assert_cmpuint (info->month, ==, 12);
  g_assert_cmpuint (info->day, ==, 10);
  g_assert_cmpstr (info->place_code, ==, "A562");
  g_assert_nonnull (info->place);
  g_assert_cmpstr (info->place->name, ==, "SAN GIULIANO TERME");
  g_assert_cmpstr (info->place->province, ==, "PI");
  g_assert_true (sp_cf_info_get_birth_date (info, &birth));
  g_assert_cmpint (g_date_get_year (&birth), ==, 1985);
}

static void
test_every_month (void)
{
  static const char * const women[] = {
    "BNCGLI90A55F205V", "BNCGLI90B55F205U", "BNCGLI90C55F205Z", "BNCGLI90D55F205B",
    "BNCGLI90E55F205D", "BNCGLI90H55F205L", "BNCGLI90L55F205Y", "BNCGLI90M55F205M",
    "BNCGLI90P55F205X", "BNCGLI90R55F205C", "BNCGLI90S55F205G", "BNCGLI90T55F205I",
  };
  static const char * const men[] = {
    "VRDGPP01A02H501I", "VRDGPP01B03H501J", "VRDGPP01C04H501Q", "VRDGPP01D05H501W",
    "VRDGPP01E06H501A", "VRDGPP01H07H501K", "VRDGPP01L08H501Z", "VRDGPP01M09H501P",
    "VRDGPP01P10H501H", "VRDGPP01R11H501L", "VRDGPP01S12H501U", "VRDGPP01T13H501Y",
  };
  g_autoptr(GDate) today = make_date (2025, 6, 1);

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(SpCfInfo) w = sp_codice_fiscale_check (women[m - 1], places, today);
      g_autoptr(SpCfInfo) v = sp_codice_fiscale_check (men[m - 1], places, today);

      assert_computes ("Bianchi", "Giulia", 'F', 1990, m, 15, "F205", women[m - 1]);
      assert_computes ("Verdi", "Giuseppe", 'M', 2001, m, m + 1, "H501", men[m - 1]);

      g_assert_true (sp_cf_info_is_valid (w));
      g_assert_cmpint (w->sex, ==, 'F');
      g_assert_cmpuint (w->month, ==, (guint) m);
      g_assert_cmpuint (w->day, ==, 15);
      g_assert_cmpint (w->birth_year, ==, 1990);
      g_assert_cmpstr (w->place->name, ==, "MILANO");

      g_assert_true (sp_cf_info_is_valid (v));
      g_assert_cmpint (v->sex, ==, 'M');
      g_assert_cmpuint (v->month, ==, (guint) m);
      g_assert_cmpuint (v->day, ==, (guint) m + 1);
      g_assert_cmpint (v->birth_year, ==, 2001);
      g_assert_cmpint (v->other_birth_year, ==, 0);
      g_assert_cmpstr (v->place->name, ==, "ROMA");
    }
}

static void
test_compute_names (void)
{
  /* Double surname, double name, 29 February of a leap year. */
  assert_computes ("De Luca", "Maria Grazia", 'F', 1972, 2, 29, "L219", "DLCMGR72B69L219V");
  /* Typographic apostrophe, accented name. */
  assert_computes ("D’Angelo", "Nicolò", 'M', 1966, 6, 30, "F839", "DNGNCL66H30F839Y");
  assert_computes ("D'Angelo", "NICOLO'", 'M', 1966, 6, 30, "F839", "DNGNCL66H30F839Y");
  /* Ñ, accents, born abroad (Spain). */
  assert_computes ("Núñez", "Íñigo", 'M', 1980, 1, 31, "Z131", "NNZNGI80A31Z131N");
  /* ß → SS, Æ → AE, born in Germany. */
  assert_computes ("Straße", "Æbel", 'F', 1955, 7, 4, "Z112", "STRBLA55L44Z112G");
  /* Short names padded with X; born in the USA. */
  assert_computes ("Fo", "Al", 'M', 1999, 3, 3, "Z404", "FOXLAX99C03Z404Q");
  /* Born in a ceased state (Yugoslavia). */
  assert_computes ("Petrović", "Jelena", 'F', 1970, 8, 20, "Z118", "PTRJLN70M60Z118N");
  /* Four or more consonants in the name: 1st, 3rd, 4th. */
  assert_computes ("Russo", "Gianfranco", 'M', 1948, 5, 2, "A952", "RSSGFR48E02A952G");
  /* Accented capitals; a ceased comune (Abano, until 1924) keeps its code. */
  assert_computes ("Òrsola", "Èlia", 'F', 2005, 11, 11, "A001", "RSLLEI05S51A001E");

  {
    g_autofree char *a = sp_codice_fiscale_name_part ("Gianfranco");
    g_autofree char *b = sp_codice_fiscale_surname_part ("Fo");
    g_autofree char *c = sp_codice_fiscale_name_part ("Li");
    g_autofree char *d = sp_codice_fiscale_surname_part ("  '’ ");
    g_assert_cmpstr (a, ==, "GFR");
    g_assert_cmpstr (b, ==, "FOX");
    g_assert_cmpstr (c, ==, "LIX");
    g_assert_null (d);
  }
}

/* Some foreign citizens have no surname or no given name: as the Agenzia
 * delle Entrate does, that part of the code is XXX. */
static void
test_compute_missing_name (void)
{
  g_autoptr(GDate) date = make_date (1985, 12, 10);
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *blank = sp_codice_fiscale_name_part ("  ");
  char *code;

  /* A given name only; a surname only; an Albanian-born woman (Z100). */
  assert_computes ("", "Mario", 'M', 1985, 12, 10, "A562", "XXXMRA85T10A562B");
  assert_computes ("Rossi", "", 'M', 1985, 12, 10, "A562", "RSSXXX85T10A562R");
  assert_computes ("  ", "Elena", 'F', 1990, 1, 1, "Z404", "XXXLNE90A41Z404V");
  g_assert_cmpstr (blank, ==, "XXX");

  /* Not both. */
  code = sp_codice_fiscale_compute ("", " ", 'M', date, "A562", &error);
  g_assert_null (code);
  g_assert_error (error, SP_CF_ERROR, SP_CF_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (sp_codice_fiscale_compare ("XXXXXX85T10A562X", "", "", 'M', date, "A562")
                   & (SP_CF_MISMATCH_SURNAME | SP_CF_MISMATCH_NAME),
                   ==, SP_CF_MISMATCH_SURNAME | SP_CF_MISMATCH_NAME);

  /* A typed code checked against the data agrees with the computation:
   * a missing name is XXX, a name typed where none is in the code is not. */
  g_assert_cmpint (sp_codice_fiscale_compare ("XXXMRA85T10A562B", "", "Mario", 'M', date, "A562"),
                   ==, SP_CF_MISMATCH_NONE);
  g_assert_cmpint (sp_codice_fiscale_compare ("XXXMRA85T10A562B", "Rossi", "Mario", 'M', date, "A562"),
                   ==, SP_CF_MISMATCH_SURNAME);
  g_assert_cmpint (sp_codice_fiscale_compare ("RSSMRA85T10A562S", "", "Mario", 'M', date, "A562"),
                   ==, SP_CF_MISMATCH_SURNAME);
  g_assert_cmpint (sp_codice_fiscale_compare ("RSSXXX85T10A562R", "Rossi", "", 'M', date, "A562"),
                   ==, SP_CF_MISMATCH_NONE);

  /* Symbols are not a missing name: still refused. */
  none = sp_codice_fiscale_surname_part ("’");
  g_assert_null (none);
}

static void
test_compute_errors (void)
{
  g_autoptr(GDate) date = make_date (1985, 12, 10);
  g_autoptr(GError) error = NULL;
  char *code;

  code = sp_codice_fiscale_compute ("’ ", "Mario", 'M', date, "A562", &error);
  g_assert_null (code);
  g_assert_error (error, SP_CF_ERROR, SP_CF_ERROR_INPUT);
  g_clear_error (&error);

  code = sp_codice_fiscale_compute ("Rossi", "Mario", 'X', date, "A562", &error);
  g_assert_null (code);
  g_assert_error (error, SP_CF_ERROR, SP_CF_ERROR_INPUT);
  g_clear_error (&error);

  code = sp_codice_fiscale_compute ("Rossi", "Mario", 'M', date, "A56", &error);
  g_assert_null (code);
  g_assert_error (error, SP_CF_ERROR, SP_CF_ERROR_PLACE_FORMAT);
  g_clear_error (&error);

  code = sp_codice_fiscale_compute ("Rossi", "Mario", 'm', date, "a562", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "RSSMRA85T10A562S");
  g_free (code);
}

static void
test_omocodia_levels (void)
{
  static const char * const levels[] = {
    "RSSMRA85T10A562S", "RSSMRA85T10A56NH", "RSSMRA85T10A5SNT", "RSSMRA85T10ARSNO",
    "RSSMRA85T1LARSNR", "RSSMRA85TMLARSNC", "RSSMRA8RTMLARSNO", "RSSMRAURTMLARSNL",
  };
  g_autoptr(GDate) today = make_date (2025, 6, 1);

  for (guint n = 0; n < G_N_ELEMENTS (levels); n++)
    {
      g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (levels[n], places, today);
      g_autofree char *variant = sp_codice_fiscale_apply_omocodia (levels[0], ((1u << n) - 1) << (7 - n));

      g_assert_cmpstr (variant, ==, levels[n]);
      g_assert_true (sp_cf_info_is_valid (info));
      g_assert_cmpuint (info->omocodia_level, ==, n);
      g_assert_cmpstr (info->base_code, ==, levels[0]);
      g_assert_cmpint (info->birth_year, ==, 1985);
      g_assert_cmpuint (info->day, ==, 10);
      g_assert_cmpstr (info->place_code, ==, "A562");
      g_assert_cmpint (sp_codice_fiscale_compare (levels[n], "Rossi", "Mario", 'M', NULL, "A562"),
                       ==, SP_CF_MISMATCH_NONE);
    }

  /* Any subset of the seven positions, not only from the right. */
  {
    g_autoptr(SpCfInfo) info = sp_codice_fiscale_check ("RSSMRAU5TM0AR6NK", NULL, today);
    g_assert_true (sp_cf_info_is_valid (info));
    g_assert_cmpuint (info->omocodia_level, ==, 4);
    g_assert_cmpuint (info->omocodia_mask, ==, 0x55);
    g_assert_cmpstr (info->base_code, ==, "RSSMRA85T10A562S");
  }

  /* All 128 variants are valid and lead back to the base code. */
  for (guint mask = 0; mask < 128; mask++)
    {
      g_autofree char *variant = sp_codice_fiscale_apply_omocodia ("RSSMRA85T10A562S", mask);
      g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (variant, NULL, today);

      g_assert_true (sp_cf_info_is_valid (info));
      g_assert_cmpuint (info->omocodia_mask, ==, mask);
      g_assert_cmpstr (info->base_code, ==, "RSSMRA85T10A562S");
    }

  /* A variant with a wrong check character is not valid. */
  {
    g_autoptr(SpCfInfo) info = sp_codice_fiscale_check ("RSSMRA85T10A56NS", NULL, today);
    g_assert_false (sp_cf_info_is_valid (info));
    g_assert_true (has_error (info, SP_CF_ERROR_CHECK));
    g_assert_cmpstr (sp_cf_info_get_error (info)->message, ==,
                     "The check character should be H, not S");
  }
}

static void
test_century (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(SpCfInfo) young = NULL;
  g_autoptr(SpCfInfo) ambiguous = NULL;
  g_autoptr(SpCfInfo) old = NULL;
  g_autoptr(SpCfInfo) next_month = NULL;

  /* 2010 and 1910 (115 years old) are both possible. */
  young = sp_codice_fiscale_check ("RSSMRA10A01H501B", NULL, today);
  g_assert_true (sp_cf_info_is_valid (young));
  g_assert_cmpint (young->birth_year, ==, 2010);
  g_assert_cmpint (young->other_birth_year, ==, 1910);

  /* 2030 is in the future. */
  old = sp_codice_fiscale_check ("RSSMRA30A01H501I", NULL, today);
  g_assert_cmpint (old->birth_year, ==, 1930);
  g_assert_cmpint (old->other_birth_year, ==, 0);

  /* 1 July 2025 is after "today": born in 1925. */
  next_month = sp_codice_fiscale_check ("RSSMRA25L01H501O", NULL, today);
  g_assert_cmpint (next_month->birth_year, ==, 1925);
  g_assert_cmpint (next_month->other_birth_year, ==, 0);

  /* 1985: 1885 would be 140 years old. */
  ambiguous = sp_codice_fiscale_check ("RSSMRA85T10A562S", NULL, today);
  g_assert_cmpint (ambiguous->birth_year, ==, 1985);
  g_assert_cmpint (ambiguous->other_birth_year, ==, 0);
}

static void
test_invalid (void)
{
  static const struct
  {
    const char *code;
    SpCfError   error;
    const char *message;   /* of the first error, or NULL */
  } vectors[] = {
    { "", SP_CF_ERROR_EMPTY, "No codice fiscale was entered" },
    { "   ", SP_CF_ERROR_EMPTY, NULL },
    { "RSSMRA85T10A562", SP_CF_ERROR_LENGTH, "The code has 15 characters; a codice fiscale has 16" },
    { "RSSMRA85T10A562SS", SP_CF_ERROR_LENGTH, NULL },
    { "R", SP_CF_ERROR_LENGTH, "The code has 1 character; a codice fiscale has 16" },
    { "RSS MRA85T10A562S", SP_CF_ERROR_CHARACTER, "The code contains a space at position 4" },
    { "RSSMRA85T10A562-", SP_CF_ERROR_CHARACTER,
      "The code contains “-” at position 16: only letters and digits are allowed" },
    { "RSSMRÀ85T10A562S", SP_CF_ERROR_CHARACTER, NULL },
    { "RSSMRA85T10A562S\xff", SP_CF_ERROR_CHARACTER, NULL },
    { "RSSMRA85T10A562A", SP_CF_ERROR_CHECK, "The check character should be S, not A" },
    { "RSSMRA85T10A5621", SP_CF_ERROR_LETTER_EXPECTED, "Character 16 should be a letter, not 1" },
    { "1SSMRA85T10A562S", SP_CF_ERROR_LETTER_EXPECTED, "Character 1 should be a letter, not 1" },
    { "RSSMRAA5T10A562S", SP_CF_ERROR_DIGIT_EXPECTED,
      "Character 7 should be a digit or one of the letters L M N P Q R S T U V, not A" },
    { "RSSMRA85T1WA562S", SP_CF_ERROR_DIGIT_EXPECTED, NULL },
    { "RSSMRA85910A562S", SP_CF_ERROR_LETTER_EXPECTED, "Character 9 should be a letter, not 9" },
    { "RSSMRA85Z10A562S", SP_CF_ERROR_MONTH, "Month letter Z does not exist" },
    { "RSSMRA85F10A562S", SP_CF_ERROR_MONTH, "Month letter F does not exist" },
    { "RSSMRA85T32A562S", SP_CF_ERROR_DAY, "Day 32 does not exist: it is 01–31 for men and 41–71 for women" },
    { "RSSMRA85T00A562S", SP_CF_ERROR_DAY, NULL },
    { "RSSMRA85T72A562S", SP_CF_ERROR_DAY, NULL },
    { "RSSMRA85T40A562S", SP_CF_ERROR_DAY, NULL },
    { "RSSMRA85D31A562S", SP_CF_ERROR_DATE, "Day 31 does not exist in month 4 of year 85" },
    { "RSSMRA85B30A562S", SP_CF_ERROR_DATE, NULL },
    { "RSSMRA01B29A562S", SP_CF_ERROR_DATE, NULL },
    { "RSSMRA01B69A562S", SP_CF_ERROR_DATE, NULL },
    { "RSSMRA85T109123X", SP_CF_ERROR_PLACE_FORMAT, "The place code 9123 is not a letter followed by three digits" },
    { "RSSMRA85T10Z999S", SP_CF_ERROR_PLACE_UNKNOWN, "No comune or foreign state has the code Z999" },
  };
  g_autoptr(GDate) today = make_date (2025, 6, 1);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (vectors[i].code, places, today);
      g_autoptr(GError) error = NULL;

      g_autofree char *escaped = g_strescape (vectors[i].code, NULL);

      g_test_message ("%s", escaped);
      g_assert_false (sp_cf_info_is_valid (info));
      g_assert_true (has_error (info, vectors[i].error));
      if (vectors[i].message != NULL)
        g_assert_cmpstr (sp_cf_info_get_error (info)->message, ==, vectors[i].message);

      g_assert_false (sp_codice_fiscale_validate (vectors[i].code, places, &error));
      g_assert_error (error, SP_CF_ERROR, (int) sp_cf_info_get_error (info)->code);
    }

  /* 29 February 2000 exists (2000 is a leap year, 1900 is not). */
  g_assert_true (sp_codice_fiscale_validate ("RSSMRA00B29H501Y", NULL, NULL));

  /* Several problems are all reported. */
  {
    g_autoptr(SpCfInfo) info = sp_codice_fiscale_check ("RSSMRA85Z32A562S", NULL, today);
    g_assert_true (has_error (info, SP_CF_ERROR_MONTH));
    g_assert_true (has_error (info, SP_CF_ERROR_DAY));
    g_assert_true (has_error (info, SP_CF_ERROR_CHECK));
  }

  /* Without places, an unknown code is not checked. */
  g_assert_true (sp_codice_fiscale_validate ("RSSMRA85T10Z999S", NULL, NULL));
}

static void
test_decode_places (void)
{
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  g_autoptr(SpCfInfo) bolzano = sp_codice_fiscale_check ("RSSGFR48E02A952G", places, today);
  g_autoptr(SpCfInfo) abano = sp_codice_fiscale_check ("RSLLEI05S51A001E", places, today);
  g_autoptr(SpCfInfo) yugoslavia = sp_codice_fiscale_check ("PTRJLN70M60Z118N", places, today);
  g_autoptr(SpCfInfo) usa = sp_codice_fiscale_check ("FOXLAX99C03Z404Q", places, today);

  g_assert_true (sp_cf_info_is_valid (bolzano));
  g_assert_cmpstr (bolzano->place->name, ==, "BOLZANO");
  g_assert_cmpstr (bolzano->place->other_name, ==, "BOZEN");
  g_assert_cmpstr (bolzano->place->province, ==, "BZ");

  /* Born in 2005 at A001: the current row (Abano Terme) fits the date. */
  g_assert_true (sp_cf_info_is_valid (abano));
  g_assert_cmpstr (abano->place->name, ==, "ABANO TERME");

  g_assert_true (sp_cf_info_is_valid (yugoslavia));
  g_assert_cmpint (yugoslavia->place->kind, ==, SP_PLACE_STATE);
  g_assert_true (yugoslavia->place->ceased);

  g_assert_true (sp_cf_info_is_valid (usa));
  g_assert_cmpint (usa->place->kind, ==, SP_PLACE_STATE);
  g_assert_null (usa->place->province);
}

static void
test_outside_validity_accepted (void)
{
  /* Born 1910 at A001: the row valid then is ABANO (Abano Terme since
   * 1924). Codes are accepted whatever the date. */
  g_autoptr(GDate) today = make_date (2025, 6, 1);
  char code[17];
  g_autoptr(GDate) date = make_date (1910, 3, 3);
  g_autofree char *computed = sp_codice_fiscale_compute ("Rossi", "Anna", 'F', date, "A001", NULL);
  g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (computed, places, today);

  g_assert_true (sp_cf_info_is_valid (info));
  g_assert_cmpint (info->birth_year, ==, 2010);
  g_assert_cmpint (info->other_birth_year, ==, 1910);
  g_assert_cmpstr (sp_places_lookup_at (places, "A001", date)->name, ==, "ABANO");

  /* Serbia and Montenegro (Z157) existed 2003–2006: a code with birth in
   * 1990 is still valid and shows the nearest row. */
  g_strlcpy (code, "RSSMRA90A01Z157", sizeof code);
  code[15] = sp_codice_fiscale_check_character (code);
  code[16] = '\0';
  {
    g_autoptr(SpCfInfo) serbia = sp_codice_fiscale_check (code, places, today);
    g_assert_true (sp_cf_info_is_valid (serbia));
    g_assert_cmpstr (serbia->place->code, ==, "Z157");
  }
}

static void
test_compare (void)
{
  g_autoptr(GDate) right = make_date (1985, 12, 10);
  g_autoptr(GDate) wrong = make_date (1985, 12, 11);
  g_autoptr(GDate) century = make_date (1885, 12, 10);

  g_assert_cmpint (sp_codice_fiscale_compare ("RSSMRA85T10A562S", "Rossi", "Mario", 'M', right, "A562"),
                   ==, SP_CF_MISMATCH_NONE);
  g_assert_cmpint (sp_codice_fiscale_compare ("RSSMRA85T10A562S", "ROSSI", "mario", 'm', century, "a562"),
                   ==, SP_CF_MISMATCH_NONE);
  g_assert_cmpint (sp_codice_fiscale_compare ("RSSMRA85T10A562S", "Russo", NULL, 0, NULL, NULL),
                   ==, SP_CF_MISMATCH_NONE);
  g_assert_cmpint (sp_codice_fiscale_compare ("RSSMRA85T10A562S", "Bianchi", NULL, 0, NULL, NULL),
                   ==, SP_CF_MISMATCH_SURNAME);
  g_assert_cmpint (sp_codice_fiscale_compare ("RSSMRA85T10A562S", "Rossi", "Maria", 'F', wrong, "A563"),
                   ==, SP_CF_MISMATCH_SEX | SP_CF_MISMATCH_BIRTH_DATE | SP_CF_MISMATCH_PLACE);
  g_assert_cmpint (sp_codice_fiscale_compare ("RSSMRA85T10A562S", "Rossi", "Marco", 'M', right, "A562"),
                   ==, SP_CF_MISMATCH_NAME);
  g_assert_cmpint (sp_codice_fiscale_compare ("RSSMRA85T10A562X", "Rossi", "Mario", 'M', right, "A562"),
                   ==, SP_CF_MISMATCH_INVALID);
  g_assert_cmpint (sp_codice_fiscale_compare ("garbage", "Rossi", "Mario", 'M', right, "A562"),
                   ==, SP_CF_MISMATCH_INVALID);
}

static void
test_boxed_copy (void)
{
  g_autoptr(SpCfInfo) info = sp_codice_fiscale_check ("RSSMRA85T10A56NS", places, NULL);
  g_autoptr(SpCfInfo) copy = g_boxed_copy (SP_TYPE_CF_INFO, info);

  g_assert_cmpstr (copy->code, ==, info->code);
  g_assert_cmpstr (copy->base_code, ==, info->base_code);
  g_assert_cmpuint (copy->errors->len, ==, info->errors->len);
  g_assert_cmpuint (copy->omocodia_level, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  places = sp_places_new_builtin (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cf/check-character", test_check_character);
  g_test_add_func ("/cf/valid-classic", test_valid_classic);
  g_test_add_func ("/cf/every-month", test_every_month);
  g_test_add_func ("/cf/compute-names", test_compute_names);
  g_test_add_func ("/cf/compute-errors", test_compute_errors);
  g_test_add_func ("/cf/compute-missing-name", test_compute_missing_name);
  g_test_add_func ("/cf/omocodia", test_omocodia_levels);
  g_test_add_func ("/cf/century", test_century);
  g_test_add_func ("/cf/invalid", test_invalid);
  g_test_add_func ("/cf/decode-places", test_decode_places);
  g_test_add_func ("/cf/outside-validity", test_outside_validity_accepted);
  g_test_add_func ("/cf/compare", test_compare);
  g_test_add_func ("/cf/boxed-copy", test_boxed_copy);

  ret = g_test_run ();
  g_clear_object (&places);
  return ret;
}
