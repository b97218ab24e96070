/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-settings.c — the comune's settings: each check accepts and refuses
 * what it should, a batch is all or nothing with one audit row naming the
 * keys and never the values, and the secrets stay out of reach. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "sp-audit.h"
#include "sp-error.h"
#include "sp-holidays.h"
#include "sp-mailer.h"
#include "sp-operator.h"
#include "sp-report.h"
#include "sp-retention.h"
#include "sp-settings.h"
#include "sp-test-util.h"

#define AUDIT_ROWS    "SELECT count(*) FROM audit"
#define SETTINGS_ROWS "SELECT count(*) FROM audit WHERE action = 'settings'"

typedef struct
{
  const char *key;
  const char *value;
  gboolean    accepted;
} Case;

static const Case cases[] = {
  { "export.csv_separator", ";", TRUE },
  { "export.csv_separator", ",", TRUE },
  { "export.csv_separator", "\t", FALSE },
  { "export.csv_separator", ";;", FALSE },
  { "export.csv_separator", "x", FALSE },
  { "export.csv_separator", NULL, TRUE },          /* back to ";" */
  { "retention.months", "0", TRUE },
  { "retention.months", "24", TRUE },
  { "retention.months", "120", TRUE },
  { "retention.months", "121", FALSE },
  { "retention.months", "-1", FALSE },
  { "retention.months", "12.5", FALSE },
  { "retention.months", "twelve", FALSE },
  { "auth.lockout_minutes", "1", TRUE },
  { "auth.lockout_minutes", "1440", TRUE },
  { "auth.lockout_minutes", "0", FALSE },
  { "auth.lockout_minutes", "1441", FALSE },
  { "calendar.patron_day", "10-04", TRUE },
  { "calendar.patron_day", "02-29", TRUE },
  { "calendar.patron_day", "02-30", FALSE },
  { "calendar.patron_day", "13-01", FALSE },
  { "calendar.patron_day", "1-4", FALSE },
  { "calendar.patron_day", "10-04x", FALSE },
  { "calendar.patron_name", "San Francesco", TRUE },
  { "calendar.patron_name", "San\nFrancesco", FALSE },
  { "appointments.no_show_grace_minutes", "0", TRUE },
  { "appointments.no_show_grace_minutes", "240", TRUE },
  { "appointments.no_show_grace_minutes", "241", FALSE },
  { "cie.fee_standard_cents", "2200", TRUE },
  { "cie.fee_standard_cents", "22.00", FALSE },
  { "cie.fee_duplicate_cents", "-1", FALSE },
  { "comune.name", "Cesena", TRUE },
  { "comune.name", "", FALSE },                    /* required */
  { "comune.name", NULL, FALSE },
  { "comune.ipa", "c_i304", TRUE },
  { "comune.ipa", "c-i304", FALSE },
  { "comune.ipa", "c_i304c_i304", FALSE },
  { "comune.address", NULL, TRUE },
  { "spid.minors_allowed", "1", TRUE },
  { "spid.minors_allowed", "yes", FALSE },
  { "smtp.server", "mail.comune.example", TRUE },
  { "smtp.server", "mail comune", FALSE },
  { "smtp.port", "1", TRUE },
  { "smtp.port", "65535", TRUE },
  { "smtp.port", "0", FALSE },
  { "smtp.port", "65536", FALSE },
  { "smtp.security", "smtps", TRUE },
  { "smtp.security", "tls", FALSE },
  { "smtp.sender", "spid@comune.example.it", TRUE },
  { "smtp.sender", "not an address", FALSE },
  { "smtp.username", "sportello", TRUE },
  { "service.cie.bring", "Old card\nPhoto", TRUE },
  { "service.nope.bring", "Photo", FALSE },        /* no such service */
  { "receipt.footer", "Comune di Cesena\nwww.comune.cesena.fc.it", TRUE },
  { "receipt.logo", "logo.png", FALSE },           /* not a full path */
  { "receipt.logo", "/nonexistent/logo.png", FALSE },
};

static void
test_validators (SpTestDb *db, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = sp_settings_validate (db->store, cases[i].key, cases[i].value, &error);

      g_test_message ("%s = %s", cases[i].key, cases[i].value != NULL ? cases[i].value : "(unset)");
      if (cases[i].accepted)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID);
          g_assert_cmpuint (strlen (error->message), >, 10);
        }
    }
}

static void
test_logo (SpTestDb *db, gconstpointer data)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autoptr(GError) error = NULL;
  g_autofree char *logo = sp_test_db_path ("logo.png");
  g_autofree char *text = sp_test_db_path ("logo.txt");

  g_file_set_contents (logo, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
  g_file_set_contents (text, "not an image", -1, &error);
  g_assert_no_error (error);

  g_assert_true (sp_settings_validate (db->store, "receipt.logo", logo, &error));
  g_assert_no_error (error);
  g_assert_false (sp_settings_validate (db->store, "receipt.logo", text, &error));
  g_assert_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID);
}

/* Every default of the table is a value its own check accepts, and what
 * the modules read when the key is unset. */
static void
test_defaults (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gboolean is_default = FALSE;
  guint n = 0;
  const SpSettingInfo *known = sp_settings_get_known (&n);

  g_assert_cmpuint (n, >, 10);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (known[i].description);
      g_assert_nonnull (known[i].validate);
      if (known[i].default_value == NULL || strchr (known[i].key, '*') != NULL)
        continue;
      g_test_message ("%s = %s", known[i].key, known[i].default_value);
      g_assert_true (sp_settings_validate (db->store, known[i].key, known[i].default_value, &error));
      g_assert_no_error (error);
    }

  sp_settings_get (db->store, SP_SETTING_CSV_SEPARATOR, &value, &is_default, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, ";");
  g_assert_true (is_default);
  g_assert_cmpint (sp_report_csv_separator (db->store), ==, ';');
  g_clear_pointer (&value, g_free);

  sp_settings_get (db->store, SP_SETTING_RETENTION_MONTHS, &value, &is_default, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atoi (value), ==, sp_retention_get_months (db->store));
  g_clear_pointer (&value, g_free);

  sp_settings_get (db->store, SP_SETTING_LOCKOUT_MINUTES, &value, &is_default, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atoi (value), ==, SP_DEFAULT_LOCKOUT_MINUTES);
  g_clear_pointer (&value, g_free);

  /* Set at set-up: not a default. */
  sp_settings_get (db->store, "comune.name", &value, &is_default, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "Santarcangelo di Romagna");
  g_assert_false (is_default);
}

static void
test_secrets_refused (SpTestDb *db, gconstpointer data)
{
  static const char *refused[] = {
    "smtp.password", "installation.secret", "audit.head", "nonsense",
    "service..bring", "service.cie.extra.bring", "service.*.bring", "",
    /* Gone: a RAO citizen has the 30 days the token gives, AgID's rule. */
    "spid.expiry_days", NULL
  };
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *secret_before = NULL;
  g_autofree char *secret_after = NULL;
  gint64 audit_rows;

  secret = sp_store_get_installation_secret (db->store, &error);
  g_assert_no_error (error);
  secret_before = sp_store_get_setting (db->store, "installation.secret");
  g_assert_nonnull (secret_before);
  audit_rows = sp_test_count (db, AUDIT_ROWS);

  for (guint i = 0; refused[i] != NULL; i++)
    {
      const char *batch_keys[] = { SP_SETTING_RETENTION_MONTHS, refused[i], NULL };
      const char *batch_values[] = { "12", "x", NULL };
      char *value = NULL;

      g_test_message ("%s", refused[i]);
      g_assert_null (sp_settings_lookup (refused[i]));
      g_assert_false (sp_settings_validate (db->store, refused[i], "x", &error));
      g_assert_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_UNKNOWN);
      g_clear_error (&error);

      g_assert_false (sp_settings_get (db->store, refused[i], &value, NULL, &error));
      g_assert_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_UNKNOWN);
      g_assert_null (value);
      g_clear_error (&error);

      g_assert_false (sp_settings_save (db->store, SP_ACTOR_SYSTEM, batch_keys, batch_values, &error));
      g_assert_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_UNKNOWN);
      g_clear_error (&error);
    }

  secret_after = sp_store_get_setting (db->store, "installation.secret");
  g_assert_cmpstr (secret_after, ==, secret_before);
  g_assert_null (sp_store_get_setting (db->store, SP_SETTING_SMTP_PASSWORD));
  g_assert_null (sp_store_get_setting (db->store, SP_SETTING_RETENTION_MONTHS));
  g_assert_cmpint (sp_test_count (db, AUDIT_ROWS), ==, audit_rows);

  /* Nor does the list show them. */
  keys = sp_settings_list_keys (db->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_find_with_equal_func (keys, "export.csv_separator", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (keys, "retention.months", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (keys, "service.cie.bring", g_str_equal, NULL));
  for (guint i = 0; refused[i] != NULL; i++)
    g_assert_false (g_ptr_array_find_with_equal_func (keys, refused[i], g_str_equal, NULL));
  for (guint i = 0; i < keys->len; i++)
    g_assert_nonnull (sp_settings_lookup (g_ptr_array_index (keys, i)));
}

static void
test_bad_batch_writes_nothing (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *keys[] = { SP_SETTING_RETENTION_MONTHS, SP_SETTING_LOCKOUT_MINUTES, SP_SETTING_CSV_SEPARATOR, NULL };
  const char *values[] = { "12", "30", "|", NULL };
  gint64 audit_rows = sp_test_count (db, AUDIT_ROWS);
  gint64 settings_rows = sp_test_count (db, "SELECT count(*) FROM settings");

  g_assert_false (sp_settings_save (db->store, SP_ACTOR_SYSTEM, keys, values, &error));
  g_assert_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“;”"));

  g_assert_null (sp_store_get_setting (db->store, SP_SETTING_RETENTION_MONTHS));
  g_assert_null (sp_store_get_setting (db->store, SP_SETTING_LOCKOUT_MINUTES));
  g_assert_null (sp_store_get_setting (db->store, SP_SETTING_CSV_SEPARATOR));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM settings"), ==, settings_rows);
  g_assert_cmpint (sp_test_count (db, AUDIT_ROWS), ==, audit_rows);
}

static void
assert_last_audit_keys (SpTestDb           *db,
                        const char * const *expected,
                        const char * const *values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *details = NULL;
  JsonObject *object;
  JsonArray *keys;

  stmt = sp_test_query_row (db, "SELECT action, details FROM audit ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (sp_statement_get_text (stmt, 0), ==, SP_AUDIT_SETTINGS);
  details = sp_statement_dup_text (stmt, 1);

  json_parser_load_from_data (parser, details, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  /* The keys, and nothing else: no value, old or new. */
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  keys = json_object_get_array_member (object, "keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (json_array_get_string_element (keys, i), ==, expected[i]);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    g_assert_null (strstr (details, values[i]));
}

static void
test_good_batch_one_audit_row (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *keys[] = { SP_SETTING_CSV_SEPARATOR, SP_SETTING_RETENTION_MONTHS, SP_SETTING_LOCKOUT_MINUTES,
                         SP_SETTING_PATRON_NAME, NULL };
  const char *values[] = { ",", "12", "30", "San Giovanni Battista", NULL };
  const char *unset_keys[] = { SP_SETTING_RETENTION_MONTHS, NULL };
  const char *unset_values[] = { "", NULL };
  SpActor actor = { 1, 1 };
  gint64 audit_rows = sp_test_count (db, AUDIT_ROWS);
  guint64 checked = 0;
  gint64 broken = 0;

  g_assert_true (sp_settings_save (db->store, actor, keys, values, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, AUDIT_ROWS), ==, audit_rows + 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'settings' "
                                      "AND desk_id = 1 AND operator_id = 1"), ==, 1);
  assert_last_audit_keys (db, keys, (const char * const []) { "12", "30", "Giovanni", NULL });

  /* Written, and read back by the modules that use them. */
  g_assert_cmpint (sp_report_csv_separator (db->store), ==, ',');
  g_assert_cmpint (sp_retention_get_months (db->store), ==, 12);
  g_assert_cmpint (sp_store_get_setting_int (db->store, SP_SETTING_LOCKOUT_MINUTES, 0), ==, 30);

  /* The same again changes nothing and records nothing. */
  g_assert_true (sp_settings_save (db->store, actor, keys, values, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, AUDIT_ROWS), ==, audit_rows + 1);

  /* Unsetting is a change: back to the default, recorded. */
  g_assert_true (sp_settings_save (db->store, actor, unset_keys, unset_values, &error));
  g_assert_no_error (error);
  g_assert_null (sp_store_get_setting (db->store, SP_SETTING_RETENTION_MONTHS));
  g_assert_cmpint (sp_retention_get_months (db->store), ==, SP_RETENTION_DEFAULT_MONTHS);
  g_assert_cmpint (sp_test_count (db, SETTINGS_ROWS), ==, 2);
  assert_last_audit_keys (db, unset_keys, NULL);

  sp_audit_verify (db->store, &checked, &broken, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checked, ==, audit_rows + 2);
}

static gboolean
save_then_fail (SpStore *store, gpointer user_data, GError **error)
{
  const char *keys[] = { SP_SETTING_CSV_SEPARATOR, NULL };
  const char *values[] = { ",", NULL };

  g_assert_true (sp_settings_save (store, SP_ACTOR_SYSTEM, keys, values, error));
  g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED, "the caller gives up");
  return FALSE;
}

/* Inside a caller's transaction the batch joins it: rolled back with it. */
static void
test_nested (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 audit_rows = sp_test_count (db, AUDIT_ROWS);

  g_assert_false (sp_store_transaction (db->store, save_then_fail, NULL, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED);

  g_assert_null (sp_store_get_setting (db->store, SP_SETTING_CSV_SEPARATOR));
  g_assert_cmpint (sp_test_count (db, AUDIT_ROWS), ==, audit_rows);
}

/* The SMTP password is stored encrypted beside the settings, in the same
 * transaction and audit row, which names its key and never the password. */
static void
test_mail_password (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMailerConfig) config = NULL;
  g_autofree char *stored = NULL;
  const char *keys[] = { SP_SETTING_SMTP_SERVER, SP_SETTING_SMTP_SENDER, NULL };
  const char *values[] = { "mail.comune.example", "spid@comune.example.it", NULL };
  const char *bad_values[] = { "mail comune", "spid@comune.example.it", NULL };
  const char *audited[] = { SP_SETTING_SMTP_SERVER, SP_SETTING_SMTP_SENDER, SP_SETTING_SMTP_PASSWORD, NULL };
  gint64 audit_rows = sp_test_count (db, AUDIT_ROWS);

  /* One bad value: not even the password is written. */
  g_assert_false (sp_mailer_save_settings (db->store, SP_ACTOR_SYSTEM, keys, bad_values, "Segreto-1", &error));
  g_assert_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sp_store_get_setting (db->store, SP_SETTING_SMTP_PASSWORD));
  g_assert_cmpint (sp_test_count (db, AUDIT_ROWS), ==, audit_rows);

  g_assert_true (sp_mailer_save_settings (db->store, SP_ACTOR_SYSTEM, keys, values, "Segreto-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, AUDIT_ROWS), ==, audit_rows + 1);
  assert_last_audit_keys (db, audited, (const char * const []) { "Segreto", "mail.comune", NULL });
  stored = sp_store_get_setting (db->store, SP_SETTING_SMTP_PASSWORD);
  g_assert_nonnull (stored);
  g_assert_null (strstr (stored, "Segreto"));

  config = sp_mailer_config_load (db->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (config->password, ==, "Segreto-1");
  g_assert_cmpstr (config->server, ==, "mail.comune.example");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD_SETUP ("/settings/validators", test_validators);
  SP_TEST_ADD_SETUP ("/settings/logo", test_logo);
  SP_TEST_ADD_SETUP ("/settings/defaults", test_defaults);
  SP_TEST_ADD_SETUP ("/settings/secrets-refused", test_secrets_refused);
  SP_TEST_ADD_SETUP ("/settings/bad-batch-writes-nothing", test_bad_batch_writes_nothing);
  SP_TEST_ADD_SETUP ("/settings/good-batch-one-audit-row", test_good_batch_one_audit_row);
  SP_TEST_ADD_SETUP ("/settings/nested", test_nested);
  SP_TEST_ADD_SETUP ("/settings/mail-password", test_mail_password);
  return g_test_run ();
}
