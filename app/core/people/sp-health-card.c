/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-health-card.c — the tessera sanitaria */

#define G_LOG_DOMAIN "sp-health-card"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-health-card.h"

/**
 * sp_health_card_luhn_digit:
 * @digits: the digits before the check digit
 *
 * Returns: the Luhn check digit ('0'–'9'), or 0 if @digits holds anything
 *   but digits or is empty
 */
char
sp_health_card_luhn_digit (const char *digits)
{
  gsize len;
  guint sum = 0;

  g_return_val_if_fail (digits != NULL, 0);

  len = strlen (digits);
  if (len == 0)
    return 0;

  /* From the right, every other digit starting with the last is doubled. */
  for (gsize i = 0; i < len; i++)
    {
      char c = digits[len - 1 - i];
      guint value;

      if (!g_ascii_isdigit (c))
        return 0;
      value = (guint) (c - '0');
      if (i % 2 == 0)
        {
          value *= 2;
          if (value > 9)
            value -= 9;
        }
      sum += value;
    }

  return (char) ('0' + (10 - sum % 10) % 10);
}

/**
 * sp_health_card_normalize:
 *
 * Returns: @number without spaces
 */
char *
sp_health_card_normalize (const char *number)
{
  GString *out;

  g_return_val_if_fail (number != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = number; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/**
 * sp_health_card_validate_number:
 * @number: the 20-digit number on the back of the card; spaces allowed
 */
gboolean
sp_health_card_validate_number (const char  *number,
                                GError     **error)
{
  g_autofree char *digits = NULL;
  gsize len;
  char expected;
  char given;

  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  digits = sp_health_card_normalize (number);
  len = strlen (digits);

  for (const char *p = digits; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_HEALTH_CARD,
                       _("The health-card number must contain only digits"));
          return FALSE;
        }
    }

  if (len != SP_HEALTH_CARD_LENGTH)
    {
      g_set_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_HEALTH_CARD,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The health-card number has %u digit; it should have 20",
                                "The health-card number has %u digits; it should have 20",
                                (gulong) len),
                   (guint) len);
      return FALSE;
    }

  if (!g_str_has_prefix (digits, SP_HEALTH_CARD_PREFIX))
    {
      g_set_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_HEALTH_CARD,
                   _("The health-card number should begin with 80380"));
      return FALSE;
    }

  given = digits[SP_HEALTH_CARD_LENGTH - 1];
  digits[SP_HEALTH_CARD_LENGTH - 1] = '\0';
  expected = sp_health_card_luhn_digit (digits);
  if (given != expected)
    {
      g_set_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_HEALTH_CARD,
                   _("The last digit of the health-card number should be %c, not %c: check the number"),
                   expected, given);
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_health_card_validate:
 * @number: the card number
 * @expires: (nullable): the card's expiry date
 * @today: the day of the check
 */
gboolean
sp_health_card_validate (const char   *number,
                         const GDate  *expires,
                         const GDate  *today,
                         GError      **error)
{
  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!sp_health_card_validate_number (number, error))
    return FALSE;

  if (expires == NULL || !g_date_valid (expires))
    {
      g_set_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_EXPIRY_DATE,
                   _("The health card’s expiry date is missing"));
      return FALSE;
    }

  if (g_date_compare (expires, today) < 0)
    {
      char text[32];

      g_date_strftime (text, sizeof text, "%d/%m/%Y", expires);
      g_set_error (error, SP_DOCUMENT_ERROR, SP_DOCUMENT_ERROR_EXPIRED,
                   _("The health card expired on %s"), text);
      return FALSE;
    }

  return TRUE;
}
