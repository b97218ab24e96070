/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-mrz.c — machine-readable zones of identity documents (ICAO Doc 9303) */

#define G_LOG_DOMAIN "sp-mrz"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-enum.h"
#include "sp-mrz.h"
#include "sp-strings-private.h"

G_DEFINE_QUARK (sp-mrz-error-quark, sp_mrz_error)

G_DEFINE_BOXED_TYPE (SpMrz, sp_mrz, sp_mrz_copy, sp_mrz_free)

static const struct
{
  SpMrzFormat  format;      /* its nick is the name: "TD1" */
  guint        n_lines;
  guint        line_length;
} formats[] = {
  { SP_MRZ_TD1, 3, 30 },
  { SP_MRZ_TD2, 2, 36 },
  { SP_MRZ_TD3, 2, 44 },
};

const char *
sp_mrz_format_to_string (SpMrzFormat format)
{
  g_return_val_if_fail (format <= SP_MRZ_TD3, NULL);

  return sp_enum_to_nick (SP_TYPE_MRZ_FORMAT, format);
}

static int
char_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c == '<')
    return 0;
  return -1;
}

/**
 * sp_mrz_check_digit:
 * @field: characters of the MRZ
 * @length: how many, or -1 for all
 *
 * Returns: the ICAO check digit (weights 7 3 1) as 0–9, or -1 if @field
 *   holds characters outside A–Z 0–9 <
 */
int
sp_mrz_check_digit (const char *field,
                    gssize      length)
{
  static const int weights[3] = { 7, 3, 1 };
  int sum = 0;

  g_return_val_if_fail (field != NULL, -1);

  if (length < 0)
    length = (gssize) strlen (field);

  for (gssize i = 0; i < length; i++)
    {
      int value = char_value (field[i]);

      if (value < 0)
        return -1;
      sum += value * weights[i % 3];
    }

  return sum % 10;
}

/* A field's text with trailing fillers removed and inner fillers as spaces. */
static char *
dup_field (const char *start,
           gsize       length)
{
  char *text = g_strndup (start, length);

  g_strdelimit (text, "<", ' ');
  return g_strstrip (text);
}

static gboolean
verify_digit (const char  *field,
              gsize        length,
              char         digit,
              gboolean     filler_ok,
              SpMrzError   code,
              const char  *what,
              GError     **error)
{
  int expected = sp_mrz_check_digit (field, (gssize) length);

  if (filler_ok && digit == '<')
    {
      gboolean all_fillers = TRUE;

      for (gsize i = 0; i < length; i++)
        if (field[i] != '<')
          all_fillers = FALSE;
      if (all_fillers)
        return TRUE;
    }

  if (expected >= 0 && digit == '0' + expected)
    return TRUE;

  g_set_error (error, SP_MRZ_ERROR, code,
               /* Translators: "The check digit of the birth date is wrong: it should be 2, not 3" */
               _("The check digit of the %s is wrong: it should be %d, not %c"),
               what, expected, digit);
  return FALSE;
}

/* YYMMDD; for birth dates the century keeps the date not after today,
 * for expiry dates the 2000s unless that is more than 50 years ahead. */
static gboolean
parse_date (const char  *text,
            gboolean     is_birth,
            const GDate *today,
            GDate       *out,
            const char  *what,
            GError     **error)
{
  int yy, mm, dd, year;
  int this_year = g_date_get_year (today);

  g_date_clear (out, 1);

  if (strncmp (text, "<<<<<<", 6) == 0)
    return TRUE;

  for (guint i = 0; i < 6; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        {
          g_set_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_DATE,
                       _("The %s %.6s is not a date"), what, text);
          return FALSE;
        }
    }

  yy = (text[0] - '0') * 10 + (text[1] - '0');
  mm = (text[2] - '0') * 10 + (text[3] - '0');
  dd = (text[4] - '0') * 10 + (text[5] - '0');

  year = (this_year / 100) * 100 + yy;
  if (is_birth)
    {
      if (year > this_year)
        year -= 100;
    }
  else if (year > this_year + 50)
    year -= 100;

  if (!g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) year))
    {
      g_set_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_DATE,
                   _("The %s %.6s is not a date"), what, text);
      return FALSE;
    }

  g_date_set_dmy (out, (GDateDay) dd, (GDateMonth) mm, (GDateYear) year);

  /* Born later this year than today: the previous century. */
  if (is_birth && g_date_compare (out, today) > 0)
    {
      if (!g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) (year - 100)))
        {
          g_set_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_DATE,
                       _("The %s %.6s is not a date"), what, text);
          return FALSE;
        }
      g_date_set_dmy (out, (GDateDay) dd, (GDateMonth) mm, (GDateYear) (year - 100));
    }

  return TRUE;
}

static void
split_names (SpMrz      *mrz,
             const char *field,
             gsize       length)
{
  g_autofree char *text = g_strndup (field, length);
  char *separator = strstr (text, "<<");

  if (separator != NULL)
    {
      *separator = '\0';
      mrz->surname = dup_field (text, strlen (text));
      mrz->given_names = dup_field (separator + 2, strlen (separator + 2));
    }
  else
    {
      mrz->surname = dup_field (text, strlen (text));
      mrz->given_names = g_strdup ("");
    }
}

/* Splits the input into the format's lines; NULL with an error if the
 * shape fits no format. */
static gboolean
normalize_lines (const char  *text,
                 SpMrz       *mrz,
                 GError     **error)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GPtrArray) typed = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) raw_lines = NULL;
  gssize format = -1;

  raw_lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; raw_lines[i] != NULL; i++)
    {
      GString *line = g_string_new (NULL);

      for (const char *p = raw_lines[i]; *p != '\0'; p++)
        {
          if (*p == ' ' || *p == '\t')
            continue;
          g_string_append_c (line, g_ascii_toupper (*p));
        }

      if (line->len > 0)
        {
          g_string_append (all, line->str);
          g_ptr_array_add (typed, g_string_free (line, FALSE));
        }
      else
        g_string_free (line, TRUE);
    }

  for (gsize i = 0; i < all->len; i++)
    {
      if (char_value (all->str[i]) < 0)
        {
          g_set_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_CHARACTER,
                       _("The MRZ contains a character that is not a letter, a digit or <"));
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (all->len == formats[i].n_lines * formats[i].line_length)
      format = (gssize) i;

  if (format < 0)
    {
      g_set_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_FORMAT,
                   _("The MRZ has %u characters: a card has 3 lines of 30 (90), "
                     "a TD2 document 2 lines of 36 (72), a passport 2 lines of 44 (88)"),
                   (guint) all->len);
      return FALSE;
    }

  /* Lines typed separately must each have the right length. */
  if (typed->len > 1)
    {
      for (guint i = 0; i < typed->len; i++)
        {
          gsize len = strlen (g_ptr_array_index (typed, i));

          if (len != formats[format].line_length)
            {
              g_set_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_FORMAT,
                           _("Line %u of the MRZ has %u characters instead of %u"),
                           i + 1, (guint) len, formats[format].line_length);
              return FALSE;
            }
        }
    }

  mrz->format = (SpMrzFormat) format;
  for (guint i = 0; i < formats[format].n_lines; i++)
    mrz->lines[i] = g_strndup (all->str + i * formats[format].line_length,
                               formats[format].line_length);

  return TRUE;
}

/* The document number, maybe longer than 9 characters: then the check
 * digit position holds '<' and the rest of the number, its check digit
 * and a filler begin the optional data (ICAO 9303 part 5 and 6). */
static gboolean
read_document_number (SpMrz       *mrz,
                      const char  *number,
                      char         digit,
                      const char  *optional,
                      gsize        optional_length,
                      const char **optional_rest,
                      GError     **error)
{
  *optional_rest = optional;

  if (digit == '<' && optional[0] != '<')
    {
      g_autofree char *full = NULL;
      const char *end = memchr (optional, '<', optional_length);
      gsize rest_length = end != NULL ? (gsize) (end - optional) : optional_length;

      if (rest_length < 2)
        {
          g_set_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_CHECK_NUMBER,
                       _("The document number is longer than 9 characters but its check digit is missing"));
          return FALSE;
        }

      full = g_strdup_printf ("%.9s%.*s", number, (int) (rest_length - 1), optional);
      if (!verify_digit (full, strlen (full), optional[rest_length - 1], FALSE,
                         SP_MRZ_ERROR_CHECK_NUMBER, _("document number"), error))
        return FALSE;

      mrz->document_number = dup_field (full, strlen (full));
      *optional_rest = optional + rest_length;
      return TRUE;
    }

  if (!verify_digit (number, 9, digit, FALSE, SP_MRZ_ERROR_CHECK_NUMBER,
                     _("document number"), error))
    return FALSE;

  mrz->document_number = dup_field (number, 9);
  return TRUE;
}

static gboolean
read_sex (SpMrz       *mrz,
          char         c,
          GError     **error)
{
  if (c == 'M' || c == 'F')
    mrz->sex = c;
  else if (c == '<' || c == 'X')
    mrz->sex = 'X';
  else
    {
      g_set_error (error, SP_MRZ_ERROR, SP_MRZ_ERROR_SEX,
                   _("The sex %c is not M, F or <"), c);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_td1 (SpMrz       *mrz,
           const GDate *today,
           GError     **error)
{
  const char *l1 = mrz->lines[0];
  const char *l2 = mrz->lines[1];
  const char *l3 = mrz->lines[2];
  const char *optional_rest;
  g_autoptr(GString) composite = g_string_new (NULL);

  mrz->document_code = dup_field (l1, 2);
  mrz->issuing_state = dup_field (l1 + 2, 3);

  if (!read_document_number (mrz, l1 + 5, l1[14], l1 + 15, 15, &optional_rest, error))
    return FALSE;
  mrz->optional_data = dup_field (optional_rest, (gsize) (l1 + 30 - optional_rest));

  if (!verify_digit (l2, 6, l2[6], FALSE, SP_MRZ_ERROR_CHECK_BIRTH, _("birth date"), error) ||
      !verify_digit (l2 + 8, 6, l2[14], FALSE, SP_MRZ_ERROR_CHECK_EXPIRY, _("expiry date"), error))
    return FALSE;

  g_string_append_len (composite, l1 + 5, 25);
  g_string_append_len (composite, l2, 7);
  g_string_append_len (composite, l2 + 8, 7);
  g_string_append_len (composite, l2 + 18, 11);
  if (!verify_digit (composite->str, composite->len, l2[29], FALSE,
                     SP_MRZ_ERROR_CHECK_COMPOSITE, _("whole MRZ (composite)"), error))
    return FALSE;

  if (!parse_date (l2, TRUE, today, &mrz->birth_date, _("birth date"), error) ||
      !read_sex (mrz, l2[7], error) ||
      !parse_date (l2 + 8, FALSE, today, &mrz->expiry_date, _("expiry date"), error))
    return FALSE;

  mrz->nationality = dup_field (l2 + 15, 3);
  mrz->optional_data_2 = dup_field (l2 + 18, 11);
  split_names (mrz, l3, 30);

  return TRUE;
}

static gboolean
parse_td2_td3 (SpMrz       *mrz,
               const GDate *today,
               GError     **error)
{
  const char *l1 = mrz->lines[0];
  const char *l2 = mrz->lines[1];
  gboolean td3 = mrz->format == SP_MRZ_TD3;
  gsize line_length = td3 ? 44 : 36;
  gsize optional_length = td3 ? 14 : 7;
  const char *optional_rest;
  g_autoptr(GString) composite = g_string_new (NULL);

  mrz->document_code = dup_field (l1, 2);
  mrz->issuing_state = dup_field (l1 + 2, 3);
  split_names (mrz, l1 + 5, line_length - 5);

  if (td3)
    {
      if (!verify_digit (l2, 9, l2[9], FALSE, SP_MRZ_ERROR_CHECK_NUMBER,
                         _("document number"), error))
        return FALSE;
      mrz->document_number = dup_field (l2, 9);
      optional_rest = l2 + 28;
    }
  else if (!read_document_number (mrz, l2, l2[9], l2 + 28, optional_length, &optional_rest, error))
    return FALSE;

  if (!verify_digit (l2 + 13, 6, l2[19], FALSE, SP_MRZ_ERROR_CHECK_BIRTH, _("birth date"), error) ||
      !verify_digit (l2 + 21, 6, l2[27], FALSE, SP_MRZ_ERROR_CHECK_EXPIRY, _("expiry date"), error))
    return FALSE;

  if (td3 && !verify_digit (l2 + 28, 14, l2[42], TRUE, SP_MRZ_ERROR_CHECK_OPTIONAL,
                            _("personal number"), error))
    return FALSE;

  g_string_append_len (composite, l2, 10);
  g_string_append_len (composite, l2 + 13, 7);
  g_string_append_len (composite, l2 + 21, td3 ? 22 : 14);
  if (!verify_digit (composite->str, composite->len, l2[line_length - 1], FALSE,
                     SP_MRZ_ERROR_CHECK_COMPOSITE, _("whole MRZ (composite)"), error))
    return FALSE;

  if (!parse_date (l2 + 13, TRUE, today, &mrz->birth_date, _("birth date"), error) ||
      !read_sex (mrz, l2[20], error) ||
      !parse_date (l2 + 21, FALSE, today, &mrz->expiry_date, _("expiry date"), error))
    return FALSE;

  mrz->nationality = dup_field (l2 + 10, 3);
  mrz->optional_data = dup_field (optional_rest, (gsize) (l2 + 28 + optional_length - optional_rest));

  return TRUE;
}

/**
 * sp_mrz_parse:
 * @text: the MRZ lines, separated by newlines or not; spaces and lower
 *   case are tolerated
 * @today: (nullable): the day that decides the century of the birth date;
 *   %NULL for today
 * @error: an SP_MRZ_ERROR naming the failing field
 *
 * Returns: (transfer full) (nullable): the decoded MRZ
 */
SpMrz *
sp_mrz_parse (const char   *text,
              const GDate  *today,
              GError      **error)
{
  g_autoptr(SpMrz) mrz = NULL;
  GDate now;
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_date_clear (&now, 1);
  if (today != NULL && g_date_valid (today))
    now = *today;
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();
      g_date_set_dmy (&now, (GDateDay) g_date_time_get_day_of_month (dt),
                      (GDateMonth) g_date_time_get_month (dt),
                      (GDateYear) g_date_time_get_year (dt));
    }

  mrz = g_new0 (SpMrz, 1);
  g_date_clear (&mrz->birth_date, 1);
  g_date_clear (&mrz->expiry_date, 1);

  if (!normalize_lines (text, mrz, error))
    return NULL;

  if (mrz->format == SP_MRZ_TD1)
    ok = parse_td1 (mrz, &now, error);
  else
    ok = parse_td2_td3 (mrz, &now, error);

  return ok ? g_steal_pointer (&mrz) : NULL;
}

/* The strings an SpMrz owns. */
static const gsize string_members[] = {
  G_STRUCT_OFFSET (SpMrz, document_code),
  G_STRUCT_OFFSET (SpMrz, issuing_state),
  G_STRUCT_OFFSET (SpMrz, document_number),
  G_STRUCT_OFFSET (SpMrz, nationality),
  G_STRUCT_OFFSET (SpMrz, surname),
  G_STRUCT_OFFSET (SpMrz, given_names),
  G_STRUCT_OFFSET (SpMrz, optional_data),
  G_STRUCT_OFFSET (SpMrz, optional_data_2),
  G_STRUCT_OFFSET (SpMrz, lines[0]),
  G_STRUCT_OFFSET (SpMrz, lines[1]),
  G_STRUCT_OFFSET (SpMrz, lines[2]),
};
G_STATIC_ASSERT (G_N_ELEMENTS (((SpMrz *) NULL)->lines) == 3);

SpMrz *
sp_mrz_copy (const SpMrz *mrz)
{
  g_return_val_if_fail (mrz != NULL, NULL);

  return sp_strings_copy_record (mrz, sizeof *mrz, string_members, G_N_ELEMENTS (string_members));
}

void
sp_mrz_free (SpMrz *mrz)
{
  sp_strings_free_record (mrz, string_members, G_N_ELEMENTS (string_members));
}
