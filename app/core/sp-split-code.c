/* sp-split-code.c — the RAO pubblico's 12-character split code */
#define G_LOG_DOMAIN "sp-split-code"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "sp-split-code.h"

G_DEFINE_QUARK (sp-split-code-error-quark, sp_split_code_error)

char *
sp_split_code_generate (void)
{
  const guint n = sizeof SP_SPLIT_CODE_ALPHABET - 1;
  char *code = g_malloc0 (SP_SPLIT_CODE_LENGTH + 1);

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");

  for (guint i = 0; i < SP_SPLIT_CODE_LENGTH; i++)
    code[i] = SP_SPLIT_CODE_ALPHABET[randombytes_uniform (n)];

  return code;
}

char *
sp_split_code_first_half (const char *code)
{
  g_return_val_if_fail (code != NULL && strlen (code) == SP_SPLIT_CODE_LENGTH, NULL);
  return g_strndup (code, SP_SPLIT_CODE_HALF);
}

char *
sp_split_code_second_half (const char *code)
{
  g_return_val_if_fail (code != NULL && strlen (code) == SP_SPLIT_CODE_LENGTH, NULL);
  return g_strdup (code + SP_SPLIT_CODE_HALF);
}

char *
sp_split_code_normalize (const char  *input,
                         GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = input != NULL ? input : ""; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-' || c == '\t')
        continue;
      if (strchr (SP_SPLIT_CODE_ALPHABET, c) == NULL || c == '\0')
        {
          g_set_error (error, SP_SPLIT_CODE_ERROR, SP_SPLIT_CODE_ERROR_CHARACTER,
                       _("“%c” is not a character of the code."), *p);
          return NULL;
        }
      g_string_append_c (out, c);
    }

  if (out->len != SP_SPLIT_CODE_LENGTH)
    {
      g_set_error (error, SP_SPLIT_CODE_ERROR, SP_SPLIT_CODE_ERROR_LENGTH,
                   _("The code has %d characters: both halves, from the receipt and from the email."),
                   SP_SPLIT_CODE_LENGTH);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
