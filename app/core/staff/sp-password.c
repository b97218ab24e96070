/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-password.c — strength rule and hashing of operator passwords */
#define G_LOG_DOMAIN "sp-password"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "sp-error.h"
#include "sp-password.h"

#define PASSPHRASE_LENGTH 16

/* A few passwords that pass the character-class rule yet are the first
 * ones an attacker tries. */
static const char * const common_passwords[] = {
  "password1!", "Password1!", "Password123", "Password123!", "Qwerty123!",
  "Passw0rd!", "Sportello1!", "Sportello123", "Comune123!", "Admin1234!",
};

gboolean
sp_password_check_strength (const char  *password,
                            const char  *username,
                            GError     **error)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, symbol = FALSE;
  glong length;
  int classes;

  g_return_val_if_fail (password != NULL, FALSE);

  if (!g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD,
                           _("The password contains characters that are not valid text."));
      return FALSE;
    }

  length = g_utf8_strlen (password, -1);
  if (length < SP_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD,
                   _("The password must be at least %d characters long."),
                   SP_PASSWORD_MIN_LENGTH);
      return FALSE;
    }

  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        symbol = TRUE;
    }

  classes = lower + upper + digit + symbol;
  if (classes < 3 && length < PASSPHRASE_LENGTH)
    {
      g_set_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD,
                   _("The password must mix three of: lower-case letters, capital letters, digits and symbols (or be a phrase of at least %d characters)."),
                   PASSPHRASE_LENGTH);
      return FALSE;
    }

  if (username != NULL && strlen (username) >= 3)
    {
      g_autofree char *folded_password = g_utf8_casefold (password, -1);
      g_autofree char *folded_username = g_utf8_casefold (username, -1);

      if (strstr (folded_password, folded_username) != NULL)
        {
          g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD,
                               _("The password must not contain the username."));
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (common_passwords); i++)
    {
      if (g_ascii_strcasecmp (password, common_passwords[i]) == 0)
        {
          g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WEAK_PASSWORD,
                               _("This password is too common. Choose another one."));
          return FALSE;
        }
    }

  return TRUE;
}

char *
sp_password_hash (const char  *password,
                  GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (sodium_init () < 0 ||
      crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INVALID,
                           _("There is not enough memory to protect the password."));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
sp_password_verify (const char *hash,
                    const char *password)
{
  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (sodium_init () < 0)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}
