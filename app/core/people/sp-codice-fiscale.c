/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-codice-fiscale.c — the Italian tax code (DM 23/12/1976) */

#define G_LOG_DOMAIN "sp-codice-fiscale"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-codice-fiscale.h"
#include "sp-strings-private.h"
#include "sp-text.h"

#define CF_LENGTH 16

/* Positions (0-based) of the seven digits omocodia may replace, left to
 * right; bit i of a mask stands for omocodia_positions[i]. */
static const guint omocodia_positions[] = { 6, 7, 9, 10, 12, 13, 14 };
static const char omocodia_letters[] = "LMNPQRSTUV";
static const char month_letters[] = "ABCDEHLMPRST";

/* Value of characters in odd positions (1st, 3rd …) for 0–9 then A–Z. */
static const guint8 odd_values_digits[10] = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21 };
static const guint8 odd_values_letters[26] = {
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
  10, 22, 25, 24, 23,
};

G_DEFINE_QUARK (sp-cf-error-quark, sp_cf_error)

G_DEFINE_BOXED_TYPE (SpCfInfo, sp_cf_info, sp_cf_info_copy, sp_cf_info_free)

static gboolean
is_omocodia_position (guint pos)
{
  for (guint i = 0; i < G_N_ELEMENTS (omocodia_positions); i++)
    if (omocodia_positions[i] == pos)
      return TRUE;
  return FALSE;
}

static int
decode_omocodia_digit (char c)
{
  const char *p;

  if (g_ascii_isdigit (c))
    return c - '0';
  if (c == '\0')
    return -1;
  p = strchr (omocodia_letters, c);
  return p != NULL ? (int) (p - omocodia_letters) : -1;
}

static guint
days_in_month (guint month,
               int   year)
{
  return g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

static void
add_error (SpCfInfo   *info,
           SpCfError   code,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
add_error (SpCfInfo   *info,
           SpCfError   code,
           const char *format,
           ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (SP_CF_ERROR, code, format, args);
  va_end (args);

  g_ptr_array_add (info->errors, error);
}

static void
get_today (const GDate *today,
           GDate       *out)
{
  g_date_clear (out, 1);
  if (today != NULL && g_date_valid (today))
    *out = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_date_set_dmy (out,
                      (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }
}

/* Years in which someone born on day/month of year_in_code is not born in
 * the future and is at most 120 years old. */
static void
infer_birth_years (SpCfInfo    *info,
                   const GDate *today)
{
  GDate t;
  GDate oldest;
  int found = 0;

  get_today (today, &t);
  oldest = t;
  if (g_date_get_year (&t) > 120)
    g_date_subtract_years (&oldest, 120);

  info->birth_year = 0;
  info->other_birth_year = 0;

  for (int century = (g_date_get_year (&t) / 100) * 100; century >= 1800 && found < 2; century -= 100)
    {
      int year = century + (int) info->year_in_code;
      GDate d;

      if (year < 1 || !g_date_valid_dmy ((GDateDay) info->day, (GDateMonth) info->month, (GDateYear) year))
        continue;

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, (GDateDay) info->day, (GDateMonth) info->month, (GDateYear) year);
      if (g_date_compare (&d, &t) > 0 || g_date_compare (&d, &oldest) < 0)
        continue;

      if (found == 0)
        info->birth_year = year;
      else
        info->other_birth_year = year;
      found++;
    }
}

/**
 * sp_codice_fiscale_check_character:
 * @first15: at least the first 15 characters of a code (upper-case letters
 *   and digits)
 *
 * Returns: the check character A–Z, or 0 when @first15 holds other
 *   characters or is shorter than 15.
 */
char
sp_codice_fiscale_check_character (const char *first15)
{
  guint sum = 0;

  g_return_val_if_fail (first15 != NULL, 0);

  for (guint i = 0; i < CF_LENGTH - 1; i++)
    {
      char c = first15[i];
      guint value;

      if (c >= '0' && c <= '9')
        value = (i % 2 == 0) ? odd_values_digits[c - '0'] : (guint) (c - '0');
      else if (c >= 'A' && c <= 'Z')
        value = (i % 2 == 0) ? odd_values_letters[c - 'A'] : (guint) (c - 'A');
      else
        return 0;

      sum += value;
    }

  return (char) ('A' + sum % 26);
}

/**
 * sp_codice_fiscale_apply_omocodia:
 * @code: a well-formed 16-character code
 * @mask: which of the seven positions (7 8 10 11 13 14 15, bit 0 = 7) to
 *   turn into letters; a position already a letter stays a letter
 *
 * Positions whose bit is clear are turned back into digits. Level n as
 * assigned by the Agenzia delle Entrate is the mask of the n rightmost
 * positions: `((1 << n) - 1) << (7 - n)`.
 *
 * Returns: the variant with its check character recomputed, or %NULL if
 *   @code is not readable.
 */
char *
sp_codice_fiscale_apply_omocodia (const char *code,
                                  guint       mask)
{
  g_autofree char *out = NULL;

  g_return_val_if_fail (code != NULL, NULL);

  if (strlen (code) != CF_LENGTH)
    return NULL;

  out = g_ascii_strup (code, -1);
  for (guint i = 0; i < G_N_ELEMENTS (omocodia_positions); i++)
    {
      guint pos = omocodia_positions[i];
      int digit = decode_omocodia_digit (out[pos]);

      if (digit < 0)
        return NULL;
      out[pos] = (mask & (1u << i)) ? omocodia_letters[digit] : (char) ('0' + digit);
    }

  out[CF_LENGTH - 1] = sp_codice_fiscale_check_character (out);
  if (out[CF_LENGTH - 1] == 0)
    return NULL;

  return g_steal_pointer (&out);
}

static gboolean
check_characters (SpCfInfo *info)
{
  gboolean ok = TRUE;
  guint pos = 0;

  for (const char *p = info->code; *p != '\0'; p = g_utf8_next_char (p), pos++)
    {
      gunichar ch = g_utf8_get_char_validated (p, -1);

      if (ch < 0x80 && g_ascii_isalnum ((char) ch))
        continue;

      ok = FALSE;
      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        {
          add_error (info, SP_CF_ERROR_CHARACTER,
                     _("The code contains an unreadable character at position %u"), pos + 1);
          break;
        }
      else if (g_unichar_isspace (ch))
        add_error (info, SP_CF_ERROR_CHARACTER,
                   _("The code contains a space at position %u"), pos + 1);
      else
        {
          char utf8[8] = { 0 };

          g_unichar_to_utf8 (ch, utf8);
          add_error (info, SP_CF_ERROR_CHARACTER,
                     /* Translators: %s is a character such as “-” */
                     _("The code contains “%s” at position %u: only letters and digits are allowed"),
                     utf8, pos + 1);
        }
    }

  return ok;
}

static gboolean
check_positions (SpCfInfo *info)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < CF_LENGTH; i++)
    {
      char c = info->code[i];

      if (is_omocodia_position (i))
        {
          if (decode_omocodia_digit (c) < 0)
            {
              ok = FALSE;
              add_error (info, SP_CF_ERROR_DIGIT_EXPECTED,
                         _("Character %u should be a digit or one of the letters L M N P Q R S T U V, not %c"),
                         i + 1, c);
            }
        }
      else if (i != 11 && !g_ascii_isalpha (c))
        {
          ok = FALSE;
          add_error (info, SP_CF_ERROR_LETTER_EXPECTED,
                     _("Character %u should be a letter, not %c"), i + 1, c);
        }
    }

  return ok;
}

static void
decode_fields (SpCfInfo    *info,
               SpPlaces    *places,
               const GDate *today)
{
  const char *code = info->code;
  const char *month;
  int y1 = decode_omocodia_digit (code[6]);
  int y2 = decode_omocodia_digit (code[7]);
  int d1 = decode_omocodia_digit (code[9]);
  int d2 = decode_omocodia_digit (code[10]);
  guint day_in_code;
  gboolean place_ok;
  char place[5];

  info->year_in_code = (guint) (y1 * 10 + y2);

  month = strchr (month_letters, code[8]);
  if (month == NULL)
    add_error (info, SP_CF_ERROR_MONTH, _("Month letter %c does not exist"), code[8]);
  else
    info->month = (guint) (month - month_letters) + 1;

  day_in_code = (guint) (d1 * 10 + d2);
  if (day_in_code >= 1 && day_in_code <= 31)
    {
      info->sex = 'M';
      info->day = day_in_code;
    }
  else if (day_in_code >= 41 && day_in_code <= 71)
    {
      info->sex = 'F';
      info->day = day_in_code - 40;
    }
  else
    add_error (info, SP_CF_ERROR_DAY,
               _("Day %02u does not exist: it is 01–31 for men and 41–71 for women"),
               day_in_code);

  if (info->month != 0 && info->day != 0)
    {
      guint max_days = MAX (days_in_month (info->month, 1900 + (int) info->year_in_code),
                            days_in_month (info->month, 2000 + (int) info->year_in_code));

      if (info->day > max_days)
        {
          add_error (info, SP_CF_ERROR_DATE,
                     _("Day %u does not exist in month %u of year %02u"),
                     info->day, info->month, info->year_in_code);
          info->day = 0;
        }
      else
        infer_birth_years (info, today);
    }

  /* Place code: a letter and three digits, the digits maybe substituted. */
  place[0] = code[11];
  place_ok = g_ascii_isalpha (code[11]);
  for (guint i = 12; i < 15; i++)
    {
      int digit = decode_omocodia_digit (code[i]);
      place[i - 11] = (char) ('0' + MAX (digit, 0));
    }
  place[4] = '\0';

  if (!place_ok)
    add_error (info, SP_CF_ERROR_PLACE_FORMAT,
               _("The place code %.4s is not a letter followed by three digits"), code + 11);
  else
    {
      info->place_code = g_strdup (place);
      if (places != NULL)
        {
          if (!sp_places_contains (places, place))
            add_error (info, SP_CF_ERROR_PLACE_UNKNOWN,
                       _("No comune or foreign state has the code %s"), place);
          else
            {
              GDate birth;

              g_date_clear (&birth, 1);
              if (sp_cf_info_get_birth_date (info, &birth))
                info->place = sp_places_lookup_at (places, place, &birth);
              else
                info->place = sp_places_lookup_at (places, place, NULL);
            }
        }
    }
}

/**
 * sp_codice_fiscale_check:
 * @input: the code as typed; case and surrounding spaces do not matter
 * @places: (nullable): places to check the place code against
 * @today: (nullable): the day the century is inferred from; %NULL for now
 *
 * Checks @input and decodes what can be read of it. Every problem is in
 * the result's @errors (empty when the code is valid); omocodia variants
 * are valid and report their base code and level.
 *
 * Returns: (transfer full): what was found; never %NULL
 */
SpCfInfo *
sp_codice_fiscale_check (const char  *input,
                         SpPlaces    *places,
                         const GDate *today)
{
  g_autoptr(SpCfInfo) info = g_new0 (SpCfInfo, 1);
  guint length;
  char expected;
  guint mask = 0;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (places == NULL || SP_IS_PLACES (places), NULL);

  info->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  info->code = g_strstrip (g_ascii_strup (input, -1));

  if (info->code[0] == '\0')
    {
      add_error (info, SP_CF_ERROR_EMPTY, _("No codice fiscale was entered"));
      return g_steal_pointer (&info);
    }

  if (!check_characters (info))
    return g_steal_pointer (&info);

  length = (guint) strlen (info->code);
  if (length != CF_LENGTH)
    {
      add_error (info, SP_CF_ERROR_LENGTH,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The code has %u character; a codice fiscale has 16",
                              "The code has %u characters; a codice fiscale has 16",
                              length),
                 length);
      return g_steal_pointer (&info);
    }

  if (!check_positions (info))
    return g_steal_pointer (&info);

  for (guint i = 0; i < G_N_ELEMENTS (omocodia_positions); i++)
    {
      if (g_ascii_isalpha (info->code[omocodia_positions[i]]))
        {
          mask |= 1u << i;
          info->omocodia_level++;
        }
    }
  info->omocodia_mask = mask;
  info->base_code = sp_codice_fiscale_apply_omocodia (info->code, 0);

  decode_fields (info, places, today);

  expected = sp_codice_fiscale_check_character (info->code);
  if (expected != info->code[CF_LENGTH - 1])
    add_error (info, SP_CF_ERROR_CHECK,
               _("The check character should be %c, not %c"),
               expected, info->code[CF_LENGTH - 1]);

  return g_steal_pointer (&info);
}

/**
 * sp_codice_fiscale_validate:
 * @input: the code as typed
 * @places: (nullable): places to check the place code against
 * @error: the first problem found
 *
 * Returns: %TRUE if @input is a valid code or omocodia variant
 */
gboolean
sp_codice_fiscale_validate (const char  *input,
                            SpPlaces    *places,
                            GError     **error)
{
  g_autoptr(SpCfInfo) info = NULL;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = sp_codice_fiscale_check (input, places, NULL);
  if (sp_cf_info_is_valid (info))
    return TRUE;

  g_propagate_error (error, g_error_copy (sp_cf_info_get_error (info)));
  return FALSE;
}

/* The strings an SpCfInfo owns. */
static const gsize string_members[] = {
  G_STRUCT_OFFSET (SpCfInfo, code),
  G_STRUCT_OFFSET (SpCfInfo, base_code),
  G_STRUCT_OFFSET (SpCfInfo, place_code),
};

SpCfInfo *
sp_cf_info_copy (const SpCfInfo *info)
{
  SpCfInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = sp_strings_copy_record (info, sizeof *info, string_members, G_N_ELEMENTS (string_members));
  copy->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  for (guint i = 0; i < info->errors->len; i++)
    g_ptr_array_add (copy->errors, g_error_copy (g_ptr_array_index (info->errors, i)));

  return copy;
}

void
sp_cf_info_free (SpCfInfo *info)
{
  if (info != NULL)
    g_clear_pointer (&info->errors, g_ptr_array_unref);
  sp_strings_free_record (info, string_members, G_N_ELEMENTS (string_members));
}

gboolean
sp_cf_info_is_valid (const SpCfInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return info->errors->len == 0;
}

/**
 * sp_cf_info_get_error:
 *
 * Returns: (nullable): the first problem, or %NULL if the code is valid
 */
const GError *
sp_cf_info_get_error (const SpCfInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return info->errors->len > 0 ? g_ptr_array_index (info->errors, 0) : NULL;
}

/**
 * sp_cf_info_get_birth_date:
 * @date: set to the birth date in the most recent plausible century
 *
 * Returns: %FALSE if no date can be read (see also @other_birth_year for
 *   an ambiguous century)
 */
gboolean
sp_cf_info_get_birth_date (const SpCfInfo *info,
                           GDate          *date)
{
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (info->birth_year == 0 || info->month == 0 || info->day == 0)
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) info->day, (GDateMonth) info->month,
                  (GDateYear) info->birth_year);
  return TRUE;
}

static char *
letters_only (const char *text)
{
  g_autofree char *folded = sp_text_fold_upper (text);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    if (*p >= 'A' && *p <= 'Z')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static gboolean
is_vowel (char c)
{
  return strchr ("AEIOU", c) != NULL;
}

/* Nothing but white space: the citizen has no such name. */
static gboolean
is_missing (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static char *
compose_part (const char *text,
              gboolean    is_name)
{
  g_autofree char *letters = NULL;
  GString *consonants;
  GString *vowels;
  GString *out;

  /* As the Agenzia delle Entrate does for the foreign citizens who have
   * no surname or no given name. */
  if (is_missing (text))
    return g_strdup ("XXX");

  letters = letters_only (text);
  consonants = g_string_new (NULL);
  vowels = g_string_new (NULL);
  out = g_string_new (NULL);

  if (letters[0] == '\0')
    {
      g_string_free (consonants, TRUE);
      g_string_free (vowels, TRUE);
      g_string_free (out, TRUE);
      return NULL;
    }

  for (const char *p = letters; *p != '\0'; p++)
    g_string_append_c (is_vowel (*p) ? vowels : consonants, *p);

  if (is_name && consonants->len >= 4)
    {
      g_string_append_c (out, consonants->str[0]);
      g_string_append_c (out, consonants->str[2]);
      g_string_append_c (out, consonants->str[3]);
    }
  else
    {
      g_string_append (out, consonants->str);
      g_string_append (out, vowels->str);
      g_string_append (out, "XXX");
      g_string_truncate (out, 3);
    }

  g_string_free (consonants, TRUE);
  g_string_free (vowels, TRUE);
  return g_string_free (out, FALSE);
}

/**
 * sp_codice_fiscale_surname_part:
 * @surname: the surname, any case, accents, spaces and apostrophes allowed;
 *   empty (or only spaces) when the citizen has none
 *
 * Returns: (nullable): the three letters of the code for @surname ("XXX"
 *   when there is none), or %NULL if it is typed with no letter at all
 */
char *
sp_codice_fiscale_surname_part (const char *surname)
{
  g_return_val_if_fail (surname != NULL, NULL);

  return compose_part (surname, FALSE);
}

/**
 * sp_codice_fiscale_name_part:
 * @name: the given name(s); empty when the citizen has none
 *
 * Returns: (nullable): the three letters of the code for @name (1st, 3rd
 *   and 4th consonant when there are four or more; "XXX" when there is
 *   none), or %NULL if it is typed with no letter at all
 */
char *
sp_codice_fiscale_name_part (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return compose_part (name, TRUE);
}

static gboolean
is_place_code (const char *code)
{
  return code != NULL && strlen (code) == 4 && g_ascii_isalpha (code[0]) &&
         g_ascii_isdigit (code[1]) && g_ascii_isdigit (code[2]) && g_ascii_isdigit (code[3]);
}

/**
 * sp_codice_fiscale_compute:
 * @surname: surname(s), or "" when the citizen has none
 * @name: given name(s), or "" when the citizen has none (not both)
 * @sex: 'M' or 'F'
 * @birth_date: birth date
 * @place_code: the comune's cadastral code or the state's Z code
 * @error: an SP_CF_ERROR_INPUT when data cannot make a code
 *
 * Returns: (nullable): the base code (no omocodia), 16 characters
 */
char *
sp_codice_fiscale_compute (const char   *surname,
                           const char   *name,
                           char          sex,
                           const GDate  *birth_date,
                           const char   *place_code,
                           GError      **error)
{
  g_autofree char *surname_part = NULL;
  g_autofree char *name_part = NULL;
  g_autofree char *place = NULL;
  char code[CF_LENGTH + 1];
  guint day;

  g_return_val_if_fail (surname != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (birth_date != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_missing (surname) && is_missing (name))
    {
      g_set_error (error, SP_CF_ERROR, SP_CF_ERROR_INPUT, _("Type the surname or the name"));
      return NULL;
    }

  surname_part = sp_codice_fiscale_surname_part (surname);
  if (surname_part == NULL)
    {
      g_set_error (error, SP_CF_ERROR, SP_CF_ERROR_INPUT, _("The surname has no letters"));
      return NULL;
    }

  name_part = sp_codice_fiscale_name_part (name);
  if (name_part == NULL)
    {
      g_set_error (error, SP_CF_ERROR, SP_CF_ERROR_INPUT, _("The name has no letters"));
      return NULL;
    }

  sex = g_ascii_toupper (sex);
  if (sex != 'M' && sex != 'F')
    {
      g_set_error (error, SP_CF_ERROR, SP_CF_ERROR_INPUT, _("Sex must be M or F"));
      return NULL;
    }

  if (!g_date_valid (birth_date))
    {
      g_set_error (error, SP_CF_ERROR, SP_CF_ERROR_INPUT, _("The birth date is not valid"));
      return NULL;
    }

  if (!is_place_code (place_code))
    {
      g_set_error (error, SP_CF_ERROR, SP_CF_ERROR_PLACE_FORMAT,
                   _("The place code %s is not a letter followed by three digits"),
                   place_code != NULL ? place_code : "");
      return NULL;
    }
  place = g_ascii_strup (place_code, -1);

  day = g_date_get_day (birth_date) + (sex == 'F' ? 40 : 0);
  g_snprintf (code, sizeof code, "%s%s%02u%c%02u%s",
              surname_part, name_part,
              (guint) g_date_get_year (birth_date) % 100,
              month_letters[g_date_get_month (birth_date) - 1],
              day, place);
  code[CF_LENGTH - 1] = sp_codice_fiscale_check_character (code);
  code[CF_LENGTH] = '\0';

  return g_strdup (code);
}

/**
 * sp_codice_fiscale_compare:
 * @code: a codice fiscale, maybe an omocodia variant
 * @surname: (nullable): surname to compare ("" when the citizen has
 *   none), or %NULL to skip
 * @name: (nullable): name to compare ("" when none), or %NULL to skip
 * @sex: 'M', 'F', or 0 to skip
 * @birth_date: (nullable): birth date to compare, or %NULL to skip
 * @place_code: (nullable): birth place code to compare, or %NULL to skip
 *
 * Tells which of the citizen's data disagree with @code. Real people have
 * codes that do not match their data: the desk shows the result and lets
 * the clerk confirm.
 *
 * Returns: the fields that disagree; SP_CF_MISMATCH_INVALID is added when
 *   @code is not valid (fields still compared when readable)
 */
SpCfMismatch
sp_codice_fiscale_compare (const char  *code,
                           const char  *surname,
                           const char  *name,
                           char         sex,
                           const GDate *birth_date,
                           const char  *place_code)
{
  g_autoptr(SpCfInfo) info = NULL;
  SpCfMismatch result = SP_CF_MISMATCH_NONE;

  g_return_val_if_fail (code != NULL, SP_CF_MISMATCH_INVALID);

  info = sp_codice_fiscale_check (code, NULL, NULL);
  if (!sp_cf_info_is_valid (info))
    result |= SP_CF_MISMATCH_INVALID;
  if (info->base_code == NULL)
    return result;

  /* Nobody is without both names: compute refuses them, so do we. */
  if (surname != NULL && name != NULL && is_missing (surname) && is_missing (name))
    result |= SP_CF_MISMATCH_SURNAME | SP_CF_MISMATCH_NAME;

  if (surname != NULL)
    {
      g_autofree char *part = sp_codice_fiscale_surname_part (surname);
      if (part == NULL || strncmp (part, info->base_code, 3) != 0)
        result |= SP_CF_MISMATCH_SURNAME;
    }

  if (name != NULL)
    {
      g_autofree char *part = sp_codice_fiscale_name_part (name);
      if (part == NULL || strncmp (part, info->base_code + 3, 3) != 0)
        result |= SP_CF_MISMATCH_NAME;
    }

  if (sex != 0 && g_ascii_toupper (sex) != info->sex)
    result |= SP_CF_MISMATCH_SEX;

  if (birth_date != NULL && g_date_valid (birth_date))
    {
      if (info->year_in_code != (guint) g_date_get_year (birth_date) % 100 ||
          info->month != (guint) g_date_get_month (birth_date) ||
          info->day != (guint) g_date_get_day (birth_date))
        result |= SP_CF_MISMATCH_BIRTH_DATE;
    }

  if (place_code != NULL &&
      (info->place_code == NULL || g_ascii_strcasecmp (place_code, info->place_code) != 0))
    result |= SP_CF_MISMATCH_PLACE;

  return result;
}
