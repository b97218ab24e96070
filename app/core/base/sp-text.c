/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text.c — folding of names for codes and searches */

#define G_LOG_DOMAIN "sp-text"

#include "config.h"

#include <string.h>

#include "sp-text.h"

/* Letters that g_str_to_ascii() does not transliterate. */
static const struct
{
  gunichar    ch;
  const char *ascii;
} extra_letters[] = {
  { 0x00D0, "D" },  /* Ð */
  { 0x00F0, "D" },  /* ð */
  { 0x0110, "D" },  /* Đ */
  { 0x0111, "D" },  /* đ */
  { 0x00DE, "TH" }, /* Þ */
  { 0x00FE, "TH" }, /* þ */
  { 0x0126, "H" },  /* Ħ */
  { 0x0127, "H" },  /* ħ */
  { 0x0131, "I" },  /* ı */
  { 0x2018, "'" },  /* ‘ */
  { 0x2019, "'" },  /* ’ */
  { 0x02BC, "'" },  /* ʼ */
  { 0x0060, "'" },  /* ` */
  { 0x00B4, "'" },  /* ´ */
};

static char *
replace_extra_letters (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      gboolean replaced = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (extra_letters); i++)
        {
          if (extra_letters[i].ch == ch)
            {
              g_string_append (out, extra_letters[i].ascii);
              replaced = TRUE;
              break;
            }
        }

      if (!replaced)
        g_string_append_unichar (out, ch);
    }

  return g_string_free (out, FALSE);
}

/**
 * sp_text_fold_upper:
 * @text: UTF-8 text (invalid UTF-8 is treated as empty)
 *
 * Returns: @text in upper-case ASCII, accents removed and ligatures
 *   expanded; characters with no ASCII form are dropped. Punctuation and
 *   spaces are kept.
 */
char *
sp_text_fold_upper (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *ascii = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normal == NULL)
    return g_strdup ("");

  replaced = replace_extra_letters (normal);
  ascii = g_str_to_ascii (replaced, "C");

  out = g_string_sized_new (strlen (ascii));
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (*p == '?' && strchr (replaced, '?') == NULL)
        continue;
      g_string_append_c (out, g_ascii_toupper (*p));
    }

  return g_string_free (out, FALSE);
}

/**
 * sp_text_fold_key:
 * @text: UTF-8 text
 *
 * Returns: the search key of @text: folded to upper-case ASCII with only
 *   letters and digits kept, so "Sant’Angelo", "sant angelo" and
 *   "SANTANGELO" share one key.
 */
char *
sp_text_fold_key (const char *text)
{
  g_autofree char *upper = NULL;
  char *out;
  gsize n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  upper = sp_text_fold_upper (text);
  out = g_malloc (strlen (upper) + 1);
  for (const char *p = upper; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        out[n++] = *p;
    }
  out[n] = '\0';

  return out;
}
