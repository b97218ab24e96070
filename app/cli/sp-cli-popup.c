/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-popup.c — sportello-admin popup enrol | join: preparing a pop-up
 * desk's laptop at the office */
#define G_LOG_DOMAIN "sp-cli-popup"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "sp-cli-commands.h"
#include "sp-enrolment.h"

static int
run_enrol (SpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autofree char *desk = NULL;
  g_autofree char *output = NULL;
  g_autofree char *pkcs12_path = NULL;
  gboolean seal_card = FALSE, password_stdin = FALSE;
  GOptionEntry entries[] = {
    { "desk", 0, 0, G_OPTION_ARG_STRING, &desk, N_("The pop-up desk to enrol"), N_("NAME") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the enrolment file (a new file)"),
      N_("FILE") },
    { "seal-card", 0, 0, G_OPTION_ARG_NONE, &seal_card,
      N_("The laptop seals with the comune’s seal on its smart card, which goes with it"), NULL },
    { "seal-pkcs12", 0, 0, G_OPTION_ARG_FILENAME, &pkcs12_path,
      N_("The laptop seals with its own copy of the seal in this PKCS#12 file"), N_("FILE") },
    { "seal-password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the PKCS#12 file’s password from standard input"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) pkcs12 = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *password = NULL;
  SpEnrolmentSeal seal = { SP_ENROLMENT_SEAL_NONE, NULL, NULL };
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, _("— the enrolment file of a pop-up desk"),
                             _("Writes what the desk's laptop needs to work alone (the comune's settings, "
                               "the operators with their password hashes, the counter services, the lists "
                               "of places, the desk's keys and, if chosen, how it seals) to a new file, "
                               "sealed under a one-time passphrase printed on standard output: give the "
                               "file and the passphrase to the laptop by separate ways."),
                             entries))
    return 2;
  if (argc != 1 || desk == NULL || output == NULL || (seal_card && pkcs12_path != NULL) ||
      password_stdin != (pkcs12_path != NULL))
    return sp_cli_usage_error (_("Usage: sportello-admin popup enrol --desk NAME --output FILE "
                                 "[--seal-card | --seal-pkcs12 FILE --seal-password-stdin]"));
  if (g_file_test (output, G_FILE_TEST_EXISTS))
    return sp_cli_usage_error (_("“%s” already exists. Choose a new file for the enrolment."), output);

  if (pkcs12_path != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (pkcs12_path, &contents, &length, &error))
        return sp_cli_fail (g_steal_pointer (&error), 1);
      pkcs12 = g_bytes_new_take (g_steal_pointer (&contents), length);
      password = sp_cli_read_secret_line ();
      seal = (SpEnrolmentSeal) { SP_ENROLMENT_SEAL_PKCS12, pkcs12, password };
    }
  else if (seal_card)
    seal.kind = SP_ENROLMENT_SEAL_CARD;

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  file = sp_enrolment_create_with_seal (store, SP_ACTOR_SYSTEM, desk, &seal, &passphrase, &error);
  if (password != NULL)
    sodium_memzero (password, strlen (password));
  if (file == NULL)
    return sp_cli_fail (g_steal_pointer (&error), 1);
  if (!g_file_set_contents_full (output, g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    return sp_cli_fail (g_steal_pointer (&error), 1);
  g_print ("%s\n", passphrase);
  sodium_memzero (passphrase, strlen (passphrase));
  return 0;
}

static int
run_join (SpCli  *cli,
          int     argc,
          char  **argv)
{
  gboolean passphrase_stdin = FALSE;
  GOptionEntry entries[] = {
    { "passphrase-stdin", 0, 0, G_OPTION_ARG_NONE, &passphrase_stdin,
      N_("Read the enrolment's passphrase from standard input"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autofree char *passphrase = NULL;
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, _("FILE — set this laptop up as a pop-up desk of an office"),
                             _("Sets up a new database (--database) from an enrolment file made at the "
                               "office, or brings a pop-up desk's database up to date from a newer one: "
                               "its records stay."),
                             entries))
    return 2;
  if (argc != 2 || !passphrase_stdin)
    return sp_cli_usage_error (_("Usage: sportello-admin --database LAPTOP.db popup join FILE --passphrase-stdin"));

  mapped = g_mapped_file_new (argv[1], FALSE, &error);
  if (mapped == NULL)
    return sp_cli_fail (g_steal_pointer (&error), 1);
  file = g_mapped_file_get_bytes (mapped);
  passphrase = sp_cli_read_secret_line ();
  if (passphrase == NULL)
    return sp_cli_usage_error (_("No passphrase on standard input."));
  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  if (!sp_enrolment_join (store, file, passphrase, &error))
    return sp_cli_fail (g_steal_pointer (&error), 1);
  g_print ("%s\n", _("This database is now a pop-up desk of the office."));
  return 0;
}

static const SpCliSubcommand subcommands[] = {
  { "enrol", run_enrol },
  { "join", run_join },
};

const SpCliGroup sp_cli_popup_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin popup enrol --desk NAME --output FILE | join FILE --passphrase-stdin")
};
