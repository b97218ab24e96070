/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-contact.c — email addresses and phone numbers taken at the counter */

#define G_LOG_DOMAIN "sp-contact"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-contact.h"

#define EMAIL_MAX_LENGTH 254
#define EMAIL_LOCAL_MAX_LENGTH 64
#define E164_MAX_DIGITS 15

G_DEFINE_QUARK (sp-contact-error-quark, sp_contact_error)

static gboolean
fail_email (GError    **error,
            const char *message)
{
  g_set_error_literal (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_EMAIL_INVALID, message);
  return FALSE;
}

static gboolean
check_domain (const char  *domain,
              GError     **error)
{
  g_auto(GStrv) labels = NULL;
  guint n;
  const char *tld;

  if (strchr (domain, '.') == NULL)
    return fail_email (error, _("The part after @ should be a domain with a dot, such as example.it"));

  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  for (guint i = 0; i < n; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0)
        return fail_email (error, _("The domain has an empty part: check the dots after @"));
      if (len > 63 || label[0] == '-' || label[len - 1] == '-')
        return fail_email (error, _("The domain after @ is not valid"));

      for (const char *p = label; *p != '\0'; p++)
        {
          if (!g_ascii_isalnum (*p) && *p != '-' && (guchar) *p < 0x80)
            return fail_email (error, _("The domain after @ contains a character that is not allowed"));
        }
    }

  tld = labels[n - 1];
  if (strlen (tld) < 2)
    return fail_email (error, _("The domain should end with at least two letters, such as .it"));
  for (const char *p = tld; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return fail_email (error, _("The domain should end with letters, such as .it"));

  return TRUE;
}

/**
 * sp_contact_normalize_email:
 * @email: the address as typed
 *
 * Returns: (nullable): the address without surrounding spaces and with
 *   its domain in lower case, or %NULL with an SP_CONTACT_ERROR
 */
char *
sp_contact_normalize_email (const char  *email,
                            GError     **error)
{
  g_autofree char *text = NULL;
  const char *at;
  g_autofree char *domain = NULL;

  g_return_val_if_fail (email != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (email));
  if (text[0] == '\0')
    {
      g_set_error_literal (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_EMAIL_EMPTY,
                           _("The email address is missing"));
      return NULL;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      fail_email (error, _("The email address contains unreadable characters"));
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        {
          fail_email (error, _("The email address contains a space"));
          return NULL;
        }
      if (strchr ("\",;:<>()[]\\", *p) != NULL)
        {
          fail_email (error, _("The email address contains a character that is not allowed"));
          return NULL;
        }
    }

  at = strchr (text, '@');
  if (at == NULL)
    {
      fail_email (error, _("The email address has no @"));
      return NULL;
    }
  if (strchr (at + 1, '@') != NULL)
    {
      fail_email (error, _("The email address has more than one @"));
      return NULL;
    }
  if (at == text)
    {
      fail_email (error, _("The email address has nothing before @"));
      return NULL;
    }
  if (at - text > EMAIL_LOCAL_MAX_LENGTH || strlen (text) > EMAIL_MAX_LENGTH)
    {
      fail_email (error, _("The email address is too long"));
      return NULL;
    }
  if (text[0] == '.' || at[-1] == '.' || g_strstr_len (text, at - text, "..") != NULL)
    {
      fail_email (error, _("The part before @ cannot begin or end with a dot or have two dots in a row"));
      return NULL;
    }

  domain = g_utf8_strdown (at + 1, -1);
  if (!check_domain (domain, error))
    return NULL;

  return g_strdup_printf ("%.*s@%s", (int) (at - text), text, domain);
}

/**
 * sp_contact_confirm_email:
 * @email: the address typed the first time
 * @again: the address typed the second time
 *
 * Returns: (nullable): the normalised address if both are valid and the
 *   same (case aside), else %NULL with an SP_CONTACT_ERROR
 */
char *
sp_contact_confirm_email (const char  *email,
                          const char  *again,
                          GError     **error)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_return_val_if_fail (email != NULL, NULL);
  g_return_val_if_fail (again != NULL, NULL);

  first = sp_contact_normalize_email (email, error);
  if (first == NULL)
    return NULL;

  second = sp_contact_normalize_email (again, NULL);
  if (second == NULL || g_ascii_strcasecmp (first, second) != 0)
    {
      g_set_error_literal (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_EMAIL_MISMATCH,
                           _("The two email addresses are different"));
      return NULL;
    }

  return g_steal_pointer (&first);
}

static gboolean
fail_phone (GError    **error,
            const char *message)
{
  g_set_error_literal (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_INVALID, message);
  return FALSE;
}

/**
 * sp_contact_normalize_phone:
 * @phone: the number as typed: spaces, dots, dashes, slashes and
 *   parentheses are allowed
 * @default_country: (nullable): the country code for numbers typed
 *   without one; %NULL for Italy ("39")
 *
 * Italian numbers must be mobiles (3…, 9–10 digits) or landlines (0…,
 * 6–11 digits); foreign numbers need their prefix (+ or 00).
 *
 * Returns: (nullable): the number in E.164 (+393331234567), or %NULL with
 *   an SP_CONTACT_ERROR
 */
char *
sp_contact_normalize_phone (const char  *phone,
                            const char  *default_country,
                            GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *text = NULL;
  gboolean international = FALSE;
  const char *p;
  const char *national;

  g_return_val_if_fail (phone != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (default_country == NULL)
    default_country = SP_CONTACT_DEFAULT_COUNTRY;

  text = g_strstrip (g_strdup (phone));
  if (text[0] == '\0')
    {
      g_set_error_literal (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_EMPTY,
                           _("The phone number is missing"));
      return NULL;
    }

  p = text;
  if (*p == '+')
    {
      international = TRUE;
      p++;
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (strchr (" .-/()", *p) == NULL)
        {
          fail_phone (error, _("The phone number may contain only digits, spaces and a leading +"));
          return NULL;
        }
    }

  if (!international && g_str_has_prefix (digits->str, "00"))
    {
      international = TRUE;
      g_string_erase (digits, 0, 2);
    }

  if (!international)
    g_string_prepend (digits, default_country);

  if (digits->len == 0 || digits->str[0] == '0')
    {
      fail_phone (error, _("The country prefix of the phone number is not valid"));
      return NULL;
    }

  if (digits->len > E164_MAX_DIGITS)
    {
      fail_phone (error, _("The phone number is too long"));
      return NULL;
    }

  if (g_str_has_prefix (digits->str, "39"))
    {
      gsize len;

      national = digits->str + 2;
      len = strlen (national);
      if (national[0] == '3')
        {
          if (len < 9 || len > 10)
            {
              fail_phone (error, _("An Italian mobile number has 9 or 10 digits after +39"));
              return NULL;
            }
        }
      else if (national[0] == '0')
        {
          if (len < 6 || len > 11)
            {
              fail_phone (error, _("An Italian landline number has 6 to 11 digits after +39"));
              return NULL;
            }
        }
      else
        {
          fail_phone (error, _("An Italian number begins with 3 (mobile) or 0 (landline)"));
          return NULL;
        }
    }
  else if (digits->len < 8)
    {
      fail_phone (error, _("The phone number is too short"));
      return NULL;
    }

  return g_strconcat ("+", digits->str, NULL);
}

/**
 * sp_contact_confirm_phone:
 *
 * Returns: (nullable): the E.164 number if both are valid and the same
 *   number, else %NULL with an SP_CONTACT_ERROR
 */
char *
sp_contact_confirm_phone (const char  *phone,
                          const char  *again,
                          const char  *default_country,
                          GError     **error)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_return_val_if_fail (phone != NULL, NULL);
  g_return_val_if_fail (again != NULL, NULL);

  first = sp_contact_normalize_phone (phone, default_country, error);
  if (first == NULL)
    return NULL;

  second = sp_contact_normalize_phone (again, default_country, NULL);
  if (second == NULL || strcmp (first, second) != 0)
    {
      g_set_error_literal (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_MISMATCH,
                           _("The two phone numbers are different"));
      return NULL;
    }

  return g_steal_pointer (&first);
}

/**
 * sp_contact_phone_is_mobile:
 * @e164: a normalised number
 *
 * Returns: %TRUE for an Italian mobile number (+393…); foreign numbers
 *   cannot be told apart and count as mobile
 */
gboolean
sp_contact_phone_is_mobile (const char *e164)
{
  g_return_val_if_fail (e164 != NULL, FALSE);

  if (g_str_has_prefix (e164, "+39"))
    return e164[3] == '3';

  return e164[0] == '+';
}
