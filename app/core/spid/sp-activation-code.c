/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-activation-code.c — the RAO pubblico's activation code (passphrase) */
#define G_LOG_DOMAIN "sp-activation-code"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sp-activation-code.h"
#include "sp-receipt.h"

G_DEFINE_QUARK (sp-activation-code-error-quark, sp_activation_code_error)

/* How each symbol is read aloud, as a receipt names it. */
static const struct
{
  char        symbol;
  const char *name;
} symbol_names[] = {
  /* Translators: the symbols of the SPID activation code, spelled on the
   * receipt so that the citizen copies them right. */
  { '!', N_("exclamation mark") },
  { '$', N_("dollar sign") },
  { '?', N_("question mark") },
  { '#', N_("hash") },
  { '=', N_("equals sign") },
  { '*', N_("asterisk") },
  { '+', N_("plus sign") },
  { '-', N_("minus sign") },
  { '.', N_("full stop") },
  { ':', N_("colon") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (symbol_names) == sizeof SP_ACTIVATION_CODE_SYMBOLS - 1);
G_STATIC_ASSERT (sizeof SP_ACTIVATION_CODE_ALPHABET - 1 == 65);

static gboolean
is_code_character (char c)
{
  return c != '\0' && strchr (SP_ACTIVATION_CODE_ALPHABET, c) != NULL;
}

static gboolean
is_symbol (char c)
{
  return c != '\0' && strchr (SP_ACTIVATION_CODE_SYMBOLS, c) != NULL;
}

/* TRUE when code is 12 characters of the alphabet; else the rule it breaks. */
static gboolean
check_code (const char  *code,
            GError     **error)
{
  gsize len = strlen (code);

  for (gsize i = 0; i < len; i++)
    if (!is_code_character (code[i]))
      {
        if ((guchar) code[i] < 0x80 && g_ascii_isprint (code[i]))
          g_set_error (error, SP_ACTIVATION_CODE_ERROR, SP_ACTIVATION_CODE_ERROR_CHARACTER,
                       /* Translators: %c is the character typed (a letter such as O or l). */
                       _("“%c” is not a character of the activation code: check the receipt and the e-mail (it has no L, O, i, l, o, 0 or 1)."),
                       code[i]);
        else
          g_set_error_literal (error, SP_ACTIVATION_CODE_ERROR, SP_ACTIVATION_CODE_ERROR_CHARACTER,
                               _("The activation code holds a character that is not one of its letters, digits or symbols."));
        return FALSE;
      }

  if (len != SP_ACTIVATION_CODE_LENGTH)
    {
      g_set_error (error, SP_ACTIVATION_CODE_ERROR, SP_ACTIVATION_CODE_ERROR_LENGTH,
                   /* Translators: %d is 12, then the number of characters typed. */
                   _("The activation code has %d characters, not %d: the first part from the receipt, then the second from the e-mail."),
                   SP_ACTIVATION_CODE_LENGTH, (int) len);
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_all_classes (const char *code)
{
  gboolean digit = FALSE, lower = FALSE, upper = FALSE, symbol = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      digit |= g_ascii_isdigit (*p);
      lower |= g_ascii_islower (*p);
      upper |= g_ascii_isupper (*p);
      symbol |= is_symbol (*p);
    }

  return digit && lower && upper && symbol;
}

char *
sp_activation_code_generate (void)
{
  const guint32 n = sizeof SP_ACTIVATION_CODE_ALPHABET - 1;
  char *code = g_malloc0 (SP_ACTIVATION_CODE_LENGTH + 1);

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");

  do
    {
      for (guint i = 0; i < SP_ACTIVATION_CODE_LENGTH; i++)
        code[i] = SP_ACTIVATION_CODE_ALPHABET[randombytes_uniform (n)];
    }
  while (!has_all_classes (code));

  return code;
}

gboolean
sp_activation_code_validate (const char  *code,
                             GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (code == NULL)
    code = "";

  if (!check_code (code, error))
    return FALSE;

  if (!has_all_classes (code))
    {
      g_set_error_literal (error, SP_ACTIVATION_CODE_ERROR, SP_ACTIVATION_CODE_ERROR_CLASSES,
                           _("An activation code holds at least one digit, one lower-case letter, one upper-case letter and one symbol."));
      return FALSE;
    }

  return TRUE;
}

char *
sp_activation_code_first_half (const char *code)
{
  g_return_val_if_fail (code != NULL && strlen (code) == SP_ACTIVATION_CODE_LENGTH, NULL);

  return g_strndup (code, SP_ACTIVATION_CODE_HALF);
}

char *
sp_activation_code_second_half (const char *code)
{
  g_return_val_if_fail (code != NULL && strlen (code) == SP_ACTIVATION_CODE_LENGTH, NULL);

  return g_strdup (code + SP_ACTIVATION_CODE_HALF);
}

char *
sp_activation_code_parse (const char  *input,
                          GError     **error)
{
  g_autoptr(GString) code = g_string_new (NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (const char *p = input != NULL ? input : ""; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (code, *p);

  if (!sp_activation_code_validate (code->str, error))
    return NULL;

  return g_string_free (g_steal_pointer (&code), FALSE);
}

char *
sp_activation_code_spell_symbols (const char *text,
                                  const char *lang)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean seen[G_N_ELEMENTS (symbol_names)] = { FALSE, };

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    for (guint i = 0; i < G_N_ELEMENTS (symbol_names); i++)
      {
        const char *name;

        if (symbol_names[i].symbol != *p || seen[i])
          continue;

        seen[i] = TRUE;
        name = lang != NULL ? sp_catalogue_translate (lang, symbol_names[i].name)
                            : _(symbol_names[i].name);
        if (line->len > 0)
          g_string_append (line, " · ");
        g_string_append_printf (line, "%c %s", *p, name);
      }

  if (line->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&line), FALSE);
}
