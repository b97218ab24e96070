/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-settings.c — the known settings, their checks, and saving them with
 * one audit row */
#define G_LOG_DOMAIN "sp-settings"

#include "config.h"

#include "sp-setting-keys.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "sp-appointment.h"
#include "sp-calendar.h"
#include "sp-cie-request.h"
#include "sp-contact.h"
#include "sp-holidays.h"
#include "sp-identification.h"
#include "sp-mailer.h"
#include "sp-operator.h"
#include "sp-report.h"
#include "sp-retention.h"
#include "sp-settings.h"
#include "sp-setup.h"

G_DEFINE_QUARK (sp-settings-error-quark, sp_settings_error)

/* The one family of keys: what to bring, per service code. */
#define BRING_PREFIX SP_SETTING_BRING_PREFIX
#define BRING_SUFFIX SP_SETTING_BRING_SUFFIX
#define BRING_KEY    SP_SETTING_BRING_PATTERN

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID, message);
  return FALSE;
}

/* Names, addresses, user names: printed on one line of a receipt or sent
 * to a server, so no line breaks or control characters. */
static gboolean
validate_line (const SpSettingInfo  *info,
               const char           *value,
               GError              **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("The text contains unreadable characters."));
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return invalid (error, _("Write it on one line."));
  return TRUE;
}

static gboolean
validate_text (const SpSettingInfo  *info,
               const char           *value,
               GError              **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("The text contains unreadable characters."));
  return TRUE;
}

static gboolean
validate_integer (const SpSettingInfo  *info,
                  const char           *value,
                  GError              **error)
{
  if (!g_ascii_string_to_signed (value, 10, info->min, info->max, NULL, NULL))
    {
      /* Formatted apart: gettext cannot extract a msgid built with
       * G_GINT64_FORMAT. */
      g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, info->min);
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, info->max);

      g_set_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID,
                   /* Translators: e.g. "“abc” is not a whole number from 1 to 1440." */
                   _("“%s” is not a whole number from %s to %s."), value, min, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_boolean (const SpSettingInfo  *info,
                  const char           *value,
                  GError              **error)
{
  if (!g_str_equal (value, "0") && !g_str_equal (value, "1"))
    return invalid (error, _("Write 1 to allow it or 0 not to."));
  return TRUE;
}

static gboolean
validate_separator (const SpSettingInfo  *info,
                    const char           *value,
                    GError              **error)
{
  if (!g_str_equal (value, ";") && !g_str_equal (value, ","))
    return invalid (error, _("The CSV separator is either “;” (semicolon) or “,” (comma)."));
  return TRUE;
}

static gboolean
validate_patron_day (const SpSettingInfo  *info,
                     const char           *value,
                     GError              **error)
{
  g_autoptr(SpHolidayRules) rules = NULL;

  /* Exactly MM-DD, as the holidays read it back on every desk. */
  if (strlen (value) != 5 || value[2] != '-'
      || !g_ascii_isdigit (value[0]) || !g_ascii_isdigit (value[1])
      || !g_ascii_isdigit (value[3]) || !g_ascii_isdigit (value[4]))
    return invalid (error, _("Write the patron saint’s day as MM-DD, e.g. 10-04."));
  rules = sp_holiday_rules_new (value, NULL);
  if (rules->patron_month == 0)
    return invalid (error, _("Write the patron saint’s day as MM-DD, e.g. 10-04."));
  return TRUE;
}

static gboolean
validate_ipa (const SpSettingInfo  *info,
              const char           *value,
              GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!sp_setup_check_ipa (value, &local_error))
    return invalid (error, local_error->message);
  return TRUE;
}

static gboolean
validate_host (const SpSettingInfo  *info,
               const char           *value,
               GError              **error)
{
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return invalid (error, _("The mail server is a name or an address, without spaces."));
  return TRUE;
}

static gboolean
validate_security (const SpSettingInfo  *info,
                   const char           *value,
                   GError              **error)
{
  SpMailerSecurity security;

  if (!sp_mailer_security_from_string (value, &security))
    return invalid (error, _("The mail security is “none”, “starttls” or “smtps”."));
  return TRUE;
}

static gboolean
validate_email (const SpSettingInfo  *info,
                const char           *value,
                GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *normalized = sp_contact_normalize_email (value, &local_error);

  if (normalized == NULL)
    return invalid (error, local_error->message);
  return TRUE;
}

static gboolean
validate_png (const SpSettingInfo  *info,
              const char           *value,
              GError              **error)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guchar head[sizeof signature] = { 0 };
  gboolean png = FALSE;
  FILE *file;

  /* The renderer opens the path itself: it must name a PNG file. */
  if (g_path_is_absolute (value) && (file = g_fopen (value, "rb")) != NULL)
    {
      png = fread (head, 1, sizeof head, file) == sizeof head
            && memcmp (head, signature, sizeof signature) == 0;
      fclose (file);
    }
  if (!png)
    return invalid (error, _("The logo is the full path of a PNG image that can be read on this computer."));
  return TRUE;
}

static const SpSettingInfo known[] = {
  { .key = SP_SETTING_COMUNE_NAME,
    .description = N_("Name of the comune, printed on every receipt"),
    .validate = validate_line, .required = TRUE },
  { .key = SP_SETTING_COMUNE_IPA,
    .description = N_("IPA code of the comune (up to 11 letters and digits, e.g. c_h501)"),
    .validate = validate_ipa },
  { .key = SP_SETTING_COMUNE_ADDRESS,
    .description = N_("Address of the office, printed on receipts"),
    .validate = validate_line },
  { .key = SP_SETTING_LOCKOUT_MINUTES,
    .description = N_("Minutes an account stays locked after three wrong passwords (1 to 1440)"),
    .default_value = G_STRINGIFY (SP_DEFAULT_LOCKOUT_MINUTES),
    .validate = validate_integer, .min = 1, .max = 1440 },
  { .key = SP_SETTING_PATRON_DAY,
    .description = N_("The patron saint’s day, MM-DD: a holiday for appointments"),
    .validate = validate_patron_day },
  { .key = SP_SETTING_PATRON_NAME,
    .description = N_("The patron saint’s name, shown among the holidays"),
    .validate = validate_line },
  { .key = SP_SETTING_NO_SHOW_GRACE,
    .description = N_("Minutes late after which an appointment is a no-show (0 to 240)"),
    .default_value = G_STRINGIFY (SP_NO_SHOW_GRACE_DEFAULT),
    .validate = validate_integer, .min = 0, .max = 240 },
  { .key = SP_SETTING_OFFICE_ADDRESS,
    .description = N_("Address printed on appointment receipts (unset: the comune’s address)"),
    .validate = validate_line },
  { .key = SP_SETTING_CIE_FEE_STANDARD,
    .description = N_("CIE fee in euro cents (e.g. 2200 for 22.00 €)"),
    .default_value = G_STRINGIFY (SP_CIE_FEE_STANDARD_DEFAULT),
    .validate = validate_integer, .min = 0, .max = 100000 },
  { .key = SP_SETTING_CIE_FEE_DUPLICATE,
    .description = N_("CIE fee for a lost, stolen or damaged card, in euro cents"),
    .default_value = G_STRINGIFY (SP_CIE_FEE_DUPLICATE_DEFAULT),
    .validate = validate_integer, .min = 0, .max = 100000 },
  { .key = SP_SETTING_CIE_AT_POPUP,
    .description = N_("1 to record CIE requests at pop-up desks too, 0 only at the office"),
    .default_value = "0", .validate = validate_boolean },
  { .key = BRING_KEY,
    .description = N_("What to bring to an appointment for the service, one item a line (unset: the usual list)"),
    .validate = validate_text },
  { .key = SP_SETTING_SPID_MINORS_ALLOWED,
    .description = N_("1 to identify minors for SPID with a parent or guardian present, 0 not to"),
    .default_value = "0", .validate = validate_boolean },
  { .key = SP_SETTING_SMTP_SERVER,
    .description = N_("Outgoing mail server, which sends citizens the second half of their code"),
    .validate = validate_host },
  { .key = SP_SETTING_SMTP_PORT,
    .description = N_("Port of the mail server, 1 to 65535 (unset: 587, or 465 with smtps)"),
    .validate = validate_integer, .min = 1, .max = 65535 },
  { .key = SP_SETTING_SMTP_SECURITY,
    .description = N_("Mail security: none (a relay on this network only), starttls or smtps"),
    .default_value = "starttls", .validate = validate_security },
  { .key = SP_SETTING_SMTP_USERNAME,
    .description = N_("User name on the mail server (the password: sportello-admin spid smtp)"),
    .validate = validate_line },
  { .key = SP_SETTING_SMTP_SENDER,
    .description = N_("Sender address of the emails to citizens"),
    .validate = validate_email },
  { .key = SP_SETTING_CSV_SEPARATOR,
    .description = N_("Separator of CSV exports: “;” for Italian spreadsheets, or “,”"),
    .default_value = ";", .validate = validate_separator },
  { .key = SP_SETTING_RETENTION_MONTHS,
    .description = N_("Months after which the personal data of closed cases is erased by “retention apply” (0 to 120; 0: never)"),
    .default_value = G_STRINGIFY (SP_RETENTION_DEFAULT_MONTHS),
    .validate = validate_integer, .min = 0, .max = 120 },
  { .key = SP_SETTING_RECEIPT_FOOTER,
    .description = N_("Text printed at the foot of every receipt"),
    .validate = validate_text },
  { .key = SP_SETTING_RECEIPT_LOGO,
    .description = N_("Full path of a PNG logo printed on receipts"),
    .validate = validate_png },
};

const SpSettingInfo *
sp_settings_get_known (guint *n_settings)
{
  g_return_val_if_fail (n_settings != NULL, NULL);

  *n_settings = G_N_ELEMENTS (known);
  return known;
}

/* "service.cie.bring" → "cie"; NULL when the key is not of the family. */
static char *
dup_bring_code (const char *key)
{
  gsize length = strlen (key);
  gsize code_length;
  const char *code;

  if (length <= strlen (BRING_PREFIX) + strlen (BRING_SUFFIX)
      || !g_str_has_prefix (key, BRING_PREFIX) || !g_str_has_suffix (key, BRING_SUFFIX))
    return NULL;
  code = key + strlen (BRING_PREFIX);
  code_length = length - strlen (BRING_PREFIX) - strlen (BRING_SUFFIX);
  for (gsize i = 0; i < code_length; i++)
    if (!g_ascii_isalnum (code[i]) && code[i] != '_' && code[i] != '-')
      return NULL;
  return g_strndup (code, code_length);
}

const SpSettingInfo *
sp_settings_lookup (const char *key)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  code = dup_bring_code (key);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      /* The family's pattern itself, "service.*.bring", is not a key. */
      gboolean family = g_str_equal (known[i].key, BRING_KEY);

      if (family ? code != NULL : g_str_equal (known[i].key, key))
        return &known[i];
    }
  return NULL;
}

static const SpSettingInfo *
lookup_or_fail (const char  *key,
                GError     **error)
{
  const SpSettingInfo *info = sp_settings_lookup (key);

  if (info == NULL)
    g_set_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_UNKNOWN,
                 _("“%s” is not a setting that can be read or changed here. "
                   "“sportello-admin settings list” shows them all."), key);
  return info;
}

gboolean
sp_settings_validate (SpStore     *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  const SpSettingInfo *info;
  g_autofree char *code = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  info = lookup_or_fail (key, error);
  if (info == NULL)
    return FALSE;

  /* A bring list of a service that does not exist would never be read. */
  code = dup_bring_code (key);
  if (code != NULL)
    {
      g_autoptr(SpBookingService) service = NULL;
      g_autoptr(GError) local_error = NULL;

      service = sp_booking_service_lookup (store, code, &local_error);
      if (service == NULL)
        return invalid (error, local_error->message);
    }

  if (value == NULL || *value == '\0')
    {
      if (info->required)
        {
          g_set_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID,
                       _("“%s” cannot be left empty."), key);
          return FALSE;
        }
      return TRUE;
    }

  return info->validate (info, value, error);
}

GPtrArray *
sp_settings_list_keys (SpStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autoptr(GPtrArray) services = NULL;

      if (!g_str_equal (known[i].key, BRING_KEY))
        {
          g_ptr_array_add (keys, g_strdup (known[i].key));
          continue;
        }
      services = sp_booking_service_list (store, error);
      if (services == NULL)
        return NULL;
      for (guint k = 0; k < services->len; k++)
        {
          SpBookingService *service = g_ptr_array_index (services, k);

          g_ptr_array_add (keys, g_strconcat (BRING_PREFIX, service->code, BRING_SUFFIX, NULL));
        }
    }

  return g_steal_pointer (&keys);
}

gboolean
sp_settings_get (SpStore     *store,
                 const char  *key,
                 char       **value,
                 gboolean    *is_default,
                 GError     **error)
{
  const SpSettingInfo *info;
  char *stored;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  info = lookup_or_fail (key, error);
  if (info == NULL)
    return FALSE;

  stored = sp_store_get_setting (store, key);
  if (is_default != NULL)
    *is_default = stored == NULL;
  *value = stored != NULL ? stored : g_strdup (info->default_value);
  return TRUE;
}

static char *
describe_keys (GPtrArray *keys)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "keys");
  json_builder_begin_array (builder);
  for (guint i = 0; i < keys->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (keys, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static const char *
null_if_empty (const char *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
}

typedef struct
{
  SpActor             actor;
  const char * const *keys;
  const char * const *values;
  const char * const *also_written;
} SettingsSave;

static gboolean
write_settings (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  SettingsSave *save = user_data;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autofree char *details = NULL;

  for (guint i = 0; save->keys[i] != NULL; i++)
    {
      g_autofree char *current = sp_store_get_setting (store, save->keys[i]);
      const char *value = null_if_empty (save->values[i]);

      /* The audit row names what changed, not what was shown on a form. */
      if (g_strcmp0 (current, value) == 0)
        continue;
      if (!sp_store_set_setting (store, save->keys[i], value, error))
        return FALSE;
      if (!g_ptr_array_find_with_equal_func (changed, save->keys[i], g_str_equal, NULL))
        g_ptr_array_add (changed, (gpointer) save->keys[i]);
    }
  for (guint i = 0; save->also_written != NULL && save->also_written[i] != NULL; i++)
    g_ptr_array_add (changed, (gpointer) save->also_written[i]);

  if (changed->len == 0)
    return TRUE;

  details = describe_keys (changed);
  return sp_audit_append (store, save->actor, SP_AUDIT_SETTINGS, NULL, details, error);
}

gboolean
sp_settings_save_full (SpStore            *store,
                       SpActor             actor,
                       const char * const *keys,
                       const char * const *values,
                       const char * const *also_written,
                       GError            **error)
{
  SettingsSave save = { actor, keys, values, also_written };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (keys != NULL && values != NULL, FALSE);

  /* Every value first: one wrong value refuses the whole batch. */
  for (guint i = 0; keys[i] != NULL; i++)
    if (!sp_settings_validate (store, keys[i], values[i], error))
      return FALSE;

  return sp_store_transaction (store, write_settings, &save, error);
}

gboolean
sp_settings_save (SpStore            *store,
                  SpActor             actor,
                  const char * const *keys,
                  const char * const *values,
                  GError            **error)
{
  return sp_settings_save_full (store, actor, keys, values, NULL, error);
}
