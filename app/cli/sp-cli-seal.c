/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-seal.c — sportello-admin spid seal …: the comune's RAO seal
 *
 *   spid seal import FILE.p12 --password-stdin
 *       Makes the PKCS#12 file's certificate and key the comune's seal; the
 *       file's password is the first line of standard input.
 *   spid seal pkcs11 URI --certificate CERT [--pin-stdin] [--store-pin]
 *       Makes the key on a PKCS#11 token (smart card, HSM) at URI, with
 *       its certificate CERT (PEM or DER), the comune's seal; the PIN is
 *       the first line of standard input, kept encrypted with --store-pin.
 *   spid seal show [--demo] [--json]
 *       Subject, issuer, serial, validity, days left, policies and where
 *       the key is (never the key) of the comune's seal, or of the demo's.
 *       Exit 1 when none is set.
 *
 * Imports refuse what sp_seal_new_from_pkcs12 ()/_pkcs11 () refuse, with
 * their message, exit 1; each import is audited (sp_seal_save ()).
 */
#define G_LOG_DOMAIN "sp-cli-seal"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "sp-cli-commands.h"
#include "sp-holidays.h"
#include "sp-seal.h"

static void
clear_secret (char **secret)
{
  if (*secret == NULL)
    return;
  sodium_memzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static char *
format_local (gint64 usec)
{
  char *text = sp_date_format_local (usec, "%Y-%m-%d %H:%M");
  return text != NULL ? text : g_strdup ("-");
}

static char *
format_utc (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static const char *
kind_name (SpSeal *seal)
{
  switch (sp_seal_get_key_kind (seal))
    {
    case SP_SEAL_KEY_PKCS11:
      return "pkcs11";
    case SP_SEAL_KEY_DEMO:
      return "demo";
    case SP_SEAL_KEY_FILE:
    default:
      return "file";
    }
}

static void
print_json (SpSeal *seal,
            gint64  now)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) problem = NULL;
  g_autofree char *not_before = format_utc (sp_seal_get_not_before (seal));
  g_autofree char *not_after = format_utc (sp_seal_get_not_after (seal));
  g_autofree char *location = sp_seal_dup_key_location (seal);
  const char * const *policies = sp_seal_get_policies (seal);
  gboolean usable = sp_seal_check_usable (seal, now, &problem);

  json_builder_begin_object (b);
  sp_cli_json_add_string_or_null (b, "kind", kind_name (seal));
  sp_cli_json_add_boolean (b, "demo", sp_seal_is_demo (seal));
  sp_cli_json_add_string_or_null (b, "subject", sp_seal_get_subject (seal));
  sp_cli_json_add_string_or_null (b, "issuer", sp_seal_get_issuer (seal));
  sp_cli_json_add_string_or_null (b, "serial", sp_seal_get_serial (seal));
  sp_cli_json_add_string_or_null (b, "not_before", not_before);
  sp_cli_json_add_string_or_null (b, "not_after", not_after);
  sp_cli_json_add_int (b, "days_left", sp_seal_get_days_left (seal, now));
  json_builder_set_member_name (b, "policies");
  json_builder_begin_array (b);
  for (guint i = 0; policies != NULL && policies[i] != NULL; i++)
    json_builder_add_string_value (b, policies[i]);
  json_builder_end_array (b);
  sp_cli_json_add_string_or_null (b, "key_algorithm", "RSA");
  sp_cli_json_add_int (b, "key_bits", sp_seal_get_key_bits (seal));
  sp_cli_json_add_string_or_null (b, "key_location", location);
  sp_cli_json_add_boolean (b, "usable", usable);
  sp_cli_json_add_string_or_null (b, "problem", problem != NULL ? problem->message : NULL);
  json_builder_end_object (b);

  sp_cli_print_builder (b, FALSE);
}

static void
print_text (SpSeal *seal,
            gint64  now)
{
  g_autoptr(GError) problem = NULL;
  g_autofree char *not_before = format_local (sp_seal_get_not_before (seal));
  g_autofree char *not_after = format_local (sp_seal_get_not_after (seal));
  g_autofree char *location = sp_seal_dup_key_location (seal);
  g_autofree char *policies = g_strjoinv (", ", (char **) sp_seal_get_policies (seal));
  int days = sp_seal_get_days_left (seal, now);

  if (sp_seal_is_demo (seal))
    g_print ("%s\n", _("DEMO seal: made by Sportello for the demo, not issued by AgID. "
                       "It never seals a real identification."));
  /* Translators: the labels of "spid seal show", one per line. */
  g_print (_("Subject: %s\n"), sp_seal_get_subject (seal));
  g_print (_("Issuer: %s\n"), sp_seal_get_issuer (seal));
  g_print (_("Serial number: %s\n"), sp_seal_get_serial (seal));
  g_print (_("Valid from: %s\n"), not_before);
  g_print (_("Valid until: %s\n"), not_after);
  g_print (_("Days left: %d\n"), days);
  g_print (_("Policies: %s\n"), *policies != '\0' ? policies : "-");
  g_print (_("Key: RSA, %u bits\n"), sp_seal_get_key_bits (seal));
  g_print (_("Key location: %s\n"), location);

  if (!sp_seal_check_usable (seal, now, &problem))
    g_printerr ("sportello-admin: %s\n", problem->message);
  else if (days < SP_SEAL_WARNING_DAYS)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "sportello-admin: the seal certificate expires in %d day: "
                             "ask AgID for a new one now.\n",
                             "sportello-admin: the seal certificate expires in %d days: "
                             "ask AgID for a new one now.\n", days),
                days);
}

static void
print_seal (SpSeal   *seal,
            gboolean  json)
{
  if (json)
    print_json (seal, sp_store_now ());
  else
    print_text (seal, sp_store_now ());
}

static int
run_show (SpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = NULL;
  gboolean json = FALSE, demo = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("The demo’s seal instead of the comune’s"), NULL },
    { NULL }
  };
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, NULL, NULL, entries))
    return 2;
  if (argc != 1)
    return sp_cli_usage_error (_("Usage: sportello-admin spid seal show [--demo] [--json]"));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  seal = demo ? sp_seal_load_demo (store, &error) : sp_seal_load (store, &error);
  if (seal == NULL && !demo && g_error_matches (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE))
    {
      /* No seal of the comune: say so, and show the demo's if there is
       * one, marked DEMO, so nobody mistakes it for the comune's. */
      g_autoptr(SpSeal) demo_seal = sp_seal_load_demo (store, NULL);

      if (demo_seal == NULL)
        return sp_cli_fail (error, 1);
      g_printerr ("%s\n", error->message);
      g_printerr ("%s\n", _("Only the demo’s seal is set, which seals training data and nothing else:"));
      print_seal (demo_seal, json);
      return 1;
    }
  if (seal == NULL)
    return sp_cli_fail (error, 1);

  print_seal (seal, json);
  return 0;
}

/* Saves a seal that passed the import's checks, audited, and shows it. */
static int
save_and_show (SpCli    *cli,
               SpSeal   *seal,
               gboolean  store_pin)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_cli_open_store (cli);

  if (store == NULL)
    return 1;
  if (!sp_seal_save (store, seal, SP_ACTOR_SYSTEM, store_pin, &error))
    return sp_cli_fail (error, 1);

  g_printerr ("%s\n", _("The seal is set: RAO identifications are sealed with it from now on."));
  print_text (seal, sp_store_now ());
  return 0;
}

static int
run_import (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  GOptionEntry entries[] = {
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the PKCS#12 file’s password from standard input"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, "FILE.p12", NULL, entries))
    return 2;
  if (argc != 2 || !password_stdin)
    return sp_cli_usage_error (_("Usage: sportello-admin spid seal import FILE.p12 --password-stdin"));

  file = g_mapped_file_new (argv[1], FALSE, &error);
  if (file == NULL)
    return sp_cli_fail (error, 1);
  contents = g_mapped_file_get_bytes (file);

  password = sp_cli_read_secret_line ();
  seal = sp_seal_new_from_pkcs12 (contents, password != NULL ? password : "", sp_store_now (), &error);
  clear_secret (&password);
  if (seal == NULL)
    return sp_cli_fail (error, 1);

  return save_and_show (cli, seal, FALSE);
}

static int
run_pkcs11 (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autofree char *certificate_path = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *pin = NULL;
  g_autoptr(GBytes) certificate_bytes = NULL;
  gboolean pin_stdin = FALSE, store_pin = FALSE;
  gsize len = 0;
  GOptionEntry entries[] = {
    { "certificate", 0, 0, G_OPTION_ARG_FILENAME, &certificate_path,
      N_("The seal certificate AgID issued, PEM or DER"), "CERT" },
    { "pin-stdin", 0, 0, G_OPTION_ARG_NONE, &pin_stdin, N_("Read the token’s PIN from standard input"), NULL },
    { "store-pin", 0, 0, G_OPTION_ARG_NONE, &store_pin,
      N_("Keep the PIN, encrypted, so that sealing asks for nothing"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, "URI", NULL, entries))
    return 2;
  if (argc != 2 || certificate_path == NULL || (store_pin && !pin_stdin))
    return sp_cli_usage_error (_("Usage: sportello-admin spid seal pkcs11 URI --certificate CERT "
                                 "[--pin-stdin [--store-pin]]"));

  if (!g_file_get_contents (certificate_path, &certificate, &len, &error))
    return sp_cli_fail (error, 1);
  certificate_bytes = g_bytes_new_take (g_steal_pointer (&certificate), len);

  if (pin_stdin)
    pin = sp_cli_read_secret_line ();
  seal = sp_seal_new_from_pkcs11 (argv[1], certificate_bytes, pin, sp_store_now (), &error);
  clear_secret (&pin);
  if (seal == NULL)
    return sp_cli_fail (error, 1);

  return save_and_show (cli, seal, store_pin);
}

static const SpCliSubcommand subcommands[] = {
  { "import", run_import },
  { "pkcs11", run_pkcs11 },
  { "show",   run_show },
};

const SpCliGroup sp_cli_spid_seal_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin spid seal import FILE.p12 --password-stdin | "
     "pkcs11 URI --certificate CERT [--pin-stdin [--store-pin]] | "
     "show [--demo] [--json]")
};
