/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-document.c — identity documents shown at the counter */

#define G_LOG_DOMAIN "sp-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-document.h"
#include "sp-enum.h"

G_DEFINE_QUARK (sp-document-error-quark, sp_document_error)

/* The rules: one row per type, in SpDocumentType order. Sources in
 * DOMAIN.md: CIE 2 letters 5 digits 2 letters (CIE 2.0: 7 digits + 2
 * letters); paper card and passport 2 letters + 7 digits; driving licence
 * "U1" + 8; paper cards refused from 3 August 2026 (EU Regulation
 * 2019/1157, Interior circular 76/2025). */
static const SpDocumentRule rules[SP_DOCUMENT_N_TYPES] = {
  {
    SP_DOCUMENT_CIE, N_("Electronic identity card (CIE)"),
    { "AA99999AA", "9999999AA", NULL },
    SP_DOCUMENT_OTHER_REFUSE,
    SP_ISSUER_COMUNE | SP_ISSUER_CONSOLATO | SP_ISSUER_MINISTERO,
    0, TRUE,
  },
  {
    SP_DOCUMENT_IDENTITY_CARD, N_("Paper identity card"),
    { "AA9999999", NULL },
    SP_DOCUMENT_OTHER_CONFIRM,
    SP_ISSUER_COMUNE | SP_ISSUER_CONSOLATO,
    20260803, FALSE,
  },
  {
    SP_DOCUMENT_PASSPORT, N_("Passport"),
    { "AA9999999", NULL },
    SP_DOCUMENT_OTHER_REFUSE,
    SP_ISSUER_QUESTURA | SP_ISSUER_CONSOLATO | SP_ISSUER_AMBASCIATA | SP_ISSUER_MINISTERO,
    0, TRUE,
  },
  {
    SP_DOCUMENT_DRIVING_LICENCE, N_("Driving licence"),
    { "U1XXXXXXXX", NULL },
    SP_DOCUMENT_OTHER_CONFIRM,
    SP_ISSUER_MOTORIZZAZIONE | SP_ISSUER_PREFETTURA | SP_ISSUER_MINISTERO,
    0, FALSE,
  },
  {
    SP_DOCUMENT_FIREARMS_LICENCE, N_("Firearms licence (porto d’armi)"),
    { NULL },
    SP_DOCUMENT_OTHER_ACCEPT,
    SP_ISSUER_QUESTURA | SP_ISSUER_PREFETTURA,
    0, FALSE,
  },
  {
    SP_DOCUMENT_STATE_CARD, N_("State employee identity card (AT/BT)"),
    { NULL },
    SP_DOCUMENT_OTHER_ACCEPT,
    SP_ISSUER_AMMINISTRAZIONE | SP_ISSUER_MINISTERO,
    0, FALSE,
  },
};

/* The issuers' names; their stored strings are the flags' nicks. */
static const struct
{
  SpIssuerType  issuer;
  const char   *name;
} issuers[SP_ISSUER_N_TYPES] = {
  { SP_ISSUER_COMUNE, N_("Comune") },
  { SP_ISSUER_QUESTURA, N_("Questura") },
  { SP_ISSUER_PREFETTURA, N_("Prefettura") },
  { SP_ISSUER_MOTORIZZAZIONE, N_("Motorizzazione") },
  { SP_ISSUER_CONSOLATO, N_("Consolato") },
  { SP_ISSUER_AMBASCIATA, N_("Ambasciata") },
  { SP_ISSUER_MINISTERO, N_("Ministero") },
  { SP_ISSUER_AMMINISTRAZIONE, N_("State administration") },
};

static void
add_problem (GPtrArray       *array,
             SpDocumentError  code,
             const char      *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray       *array,
             SpDocumentError  code,
             const char      *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (array, g_error_new_valist (SP_DOCUMENT_ERROR, code, format, args));
  va_end (args);
}

static guint32
date_number (const GDate *date)
{
  return (guint32) g_date_get_year (date) * 10000 +
         (guint32) g_date_get_month (date) * 100 +
         (guint32) g_date_get_day (date);
}

static char *
format_date (guint32 number)
{
  return g_strdup_printf ("%02u/%02u/%04u", number % 100, (number / 100) % 100, number / 10000);
}

const SpDocumentRule *
sp_document_get_rule (SpDocumentType type)
{
  g_return_val_if_fail (type < SP_DOCUMENT_N_TYPES, NULL);

  return &rules[type];
}

const char *
sp_document_type_to_string (SpDocumentType type)
{
  g_return_val_if_fail (type < SP_DOCUMENT_N_TYPES, NULL);

  return sp_enum_to_nick (SP_TYPE_DOCUMENT_TYPE, type);
}

gboolean
sp_document_type_from_string (const char     *text,
                              SpDocumentType *type)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return sp_enum_from_nick (SP_TYPE_DOCUMENT_TYPE, text, (int *) type);
}

/**
 * sp_document_type_get_name:
 *
 * Returns: the translated name of @type
 */
const char *
sp_document_type_get_name (SpDocumentType type)
{
  g_return_val_if_fail (type < SP_DOCUMENT_N_TYPES, NULL);

  return _(rules[type].name);
}

const char *
sp_issuer_type_to_string (SpIssuerType issuer)
{
  g_return_val_if_fail (issuer != SP_ISSUER_NONE, NULL);

  return sp_flags_to_nick (SP_TYPE_ISSUER_TYPE, issuer);
}

gboolean
sp_issuer_type_from_string (const char   *text,
                            SpIssuerType *issuer)
{
  guint value;

  g_return_val_if_fail (text != NULL, FALSE);

  /* "none" is no issuer: never stored, never read. */
  if (!sp_flags_from_nick (SP_TYPE_ISSUER_TYPE, text, &value) || value == SP_ISSUER_NONE)
    return FALSE;
  if (issuer != NULL)
    *issuer = value;
  return TRUE;
}

const char *
sp_issuer_type_get_name (SpIssuerType issuer)
{
  for (guint i = 0; i < SP_ISSUER_N_TYPES; i++)
    if (issuers[i].issuer == issuer)
      return _(issuers[i].name);

  g_return_val_if_reached (NULL);
}

/**
 * sp_document_normalize_number:
 * @number: a document number as typed
 *
 * Returns: @number in upper case without spaces
 */
char *
sp_document_normalize_number (const char *number)
{
  GString *out;

  g_return_val_if_fail (number != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = number; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      g_string_append_c (out, g_ascii_toupper (*p));
    }

  return g_string_free (out, FALSE);
}

/**
 * sp_document_number_matches:
 * @format: A for a letter, 9 for a digit, X for either, others literal
 * @number: a normalised number
 */
gboolean
sp_document_number_matches (const char *format,
                            const char *number)
{
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  for (; *format != '\0'; format++, number++)
    {
      switch (*format)
        {
        case 'A':
          if (!g_ascii_isupper (*number))
            return FALSE;
          break;
        case '9':
          if (!g_ascii_isdigit (*number))
            return FALSE;
          break;
        case 'X':
          if (!g_ascii_isupper (*number) && !g_ascii_isdigit (*number))
            return FALSE;
          break;
        default:
          if (*number != *format)
            return FALSE;
        }
    }

  return *number == '\0';
}

static gboolean
is_plausible_number (const char *number)
{
  gsize len = strlen (number);
  gboolean has_digit = FALSE;

  if (len < 4 || len > 20)
    return FALSE;

  for (const char *p = number; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        has_digit = TRUE;
      else if (!g_ascii_isupper (*p) && *p != '/' && *p != '-')
        return FALSE;
    }

  return has_digit;
}

static char *
describe_formats (const SpDocumentRule *rule)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; rule->formats[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, _(" or "));
      g_string_append (text, rule->formats[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
check_number (const SpDocumentRule *rule,
              SpDocumentCheck      *check)
{
  g_autofree char *formats = NULL;

  if (check->number[0] == '\0')
    {
      add_problem (check->errors, SP_DOCUMENT_ERROR_NUMBER_EMPTY,
                   _("The document number is missing"));
      return;
    }

  for (guint i = 0; rule->formats[i] != NULL; i++)
    if (sp_document_number_matches (rule->formats[i], check->number))
      return;

  formats = describe_formats (rule);

  switch (rule->other_numbers)
    {
    case SP_DOCUMENT_OTHER_REFUSE:
      add_problem (check->errors, SP_DOCUMENT_ERROR_NUMBER_FORMAT,
                   /* Translators: "Passport: YA12 is not a valid number; it should
                    * look like AA9999999 (A a letter, 9 a digit)" */
                   _("%s: %s is not a valid number; it should look like %s (A a letter, 9 a digit)"),
                   _(rule->name), check->number, formats);
      break;

    case SP_DOCUMENT_OTHER_CONFIRM:
      if (is_plausible_number (check->number))
        add_problem (check->warnings, SP_DOCUMENT_ERROR_NUMBER_UNUSUAL,
                     _("%s: %s is not in the current format (%s); check it on the document and confirm"),
                     _(rule->name), check->number, formats);
      else
        add_problem (check->errors, SP_DOCUMENT_ERROR_NUMBER_FORMAT,
                     _("%s: %s is not a valid number"), _(rule->name), check->number);
      break;

    case SP_DOCUMENT_OTHER_ACCEPT:
    default:
      if (!is_plausible_number (check->number))
        add_problem (check->errors, SP_DOCUMENT_ERROR_NUMBER_FORMAT,
                     _("%s: %s is not a valid number"), _(rule->name), check->number);
      break;
    }
}

static void
check_issuer (const SpDocumentRule *rule,
              SpIssuerType          issuer,
              SpDocumentCheck      *check)
{
  if (issuer == SP_ISSUER_NONE)
    {
      add_problem (check->errors, SP_DOCUMENT_ERROR_ISSUER, _("The issuing body is missing"));
      return;
    }

  if ((rule->issuers & issuer) == 0 || (issuer & (issuer - 1)) != 0)
    add_problem (check->errors, SP_DOCUMENT_ERROR_ISSUER,
                 /* Translators: "Passport: not issued by a Motorizzazione" */
                 _("%s: not issued by a %s"),
                 _(rule->name),
                 (issuer & (issuer - 1)) == 0 ? sp_issuer_type_get_name (issuer) : "?");
}

static void
check_dates (const SpDocumentRule *rule,
             const GDate          *issued,
             const GDate          *expires,
             const GDate          *today,
             SpDocumentCheck      *check)
{
  guint32 t = date_number (today);
  gboolean have_issued = issued != NULL && g_date_valid (issued);
  gboolean have_expires = expires != NULL && g_date_valid (expires);

  if (!have_issued)
    add_problem (check->errors, SP_DOCUMENT_ERROR_ISSUE_DATE, _("The issue date is missing"));
  else if (date_number (issued) > t)
    {
      g_autofree char *text = format_date (date_number (issued));
      add_problem (check->errors, SP_DOCUMENT_ERROR_ISSUE_DATE,
                   _("The issue date %s is in the future"), text);
    }

  if (!have_expires)
    add_problem (check->errors, SP_DOCUMENT_ERROR_EXPIRY_DATE, _("The expiry date is missing"));
  else if (have_issued && date_number (expires) <= date_number (issued))
    add_problem (check->errors, SP_DOCUMENT_ERROR_EXPIRY_DATE,
                 _("The expiry date is not after the issue date"));
  else if (date_number (expires) < t)
    {
      g_autofree char *text = format_date (date_number (expires));
      add_problem (check->errors, SP_DOCUMENT_ERROR_EXPIRED,
                   _("The document expired on %s"), text);
    }

  if (rule->refused_from != 0 && t >= rule->refused_from)
    {
      g_autofree char *text = format_date (rule->refused_from);
      add_problem (check->errors, SP_DOCUMENT_ERROR_NOT_ACCEPTED,
                   /* Translators: "Paper identity card: not accepted as identification from 03/08/2026" */
                   _("%s: not accepted as identification from %s"),
                   _(rule->name), text);
    }
}

/**
 * sp_document_check:
 * @type: the type the clerk chose (never guessed from the number)
 * @number: the number as typed
 * @issuer: the issuing body type
 * @issued: (nullable): issue date
 * @expires: (nullable): expiry date (the document is valid through it)
 * @today: the day of the identification
 *
 * Returns: (transfer full): the refusal reasons and the warnings the clerk
 *   must confirm
 */
SpDocumentCheck *
sp_document_check (SpDocumentType  type,
                   const char     *number,
                   SpIssuerType    issuer,
                   const GDate    *issued,
                   const GDate    *expires,
                   const GDate    *today)
{
  const SpDocumentRule *rule;
  SpDocumentCheck *check;

  g_return_val_if_fail (type < SP_DOCUMENT_N_TYPES, NULL);
  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  rule = &rules[type];
  check = g_new0 (SpDocumentCheck, 1);
  check->number = sp_document_normalize_number (number);
  check->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  check->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  check_number (rule, check);
  check_issuer (rule, issuer, check);
  check_dates (rule, issued, expires, today, check);

  return check;
}

/**
 * sp_document_validate:
 *
 * Like sp_document_check(), with the first refusal reason as @error.
 * Warnings do not make it fail.
 */
gboolean
sp_document_validate (SpDocumentType   type,
                      const char      *number,
                      SpIssuerType     issuer,
                      const GDate     *issued,
                      const GDate     *expires,
                      const GDate     *today,
                      GError         **error)
{
  g_autoptr(SpDocumentCheck) check = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  check = sp_document_check (type, number, issuer, issued, expires, today);
  g_return_val_if_fail (check != NULL, FALSE);

  if (check->errors->len == 0)
    return TRUE;

  g_propagate_error (error, g_error_copy (g_ptr_array_index (check->errors, 0)));
  return FALSE;
}

gboolean
sp_document_check_is_valid (const SpDocumentCheck *check)
{
  g_return_val_if_fail (check != NULL, FALSE);

  return check->errors->len == 0;
}

void
sp_document_check_free (SpDocumentCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->number);
  g_clear_pointer (&check->errors, g_ptr_array_unref);
  g_clear_pointer (&check->warnings, g_ptr_array_unref);
  g_free (check);
}
