/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-bundle.c — sportello-admin bundle export | import: a pop-up desk's
 * records brought back to the office */
#define G_LOG_DOMAIN "sp-cli-bundle"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-bundle.h"
#include "sp-cli-commands.h"

static int
run_export (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *output = NULL;
  gboolean again = FALSE;
  GOptionEntry entries[] = {
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the bundle (a new file)"), N_("FILE") },
    { "again", 0, 0, G_OPTION_ARG_NONE, &again,
      N_("Make the last bundle again, up to now (its file was lost before the office imported it)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(SpBundleSummary) summary = NULL;
  g_autofree char *json = NULL;
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, _("— bring this pop-up desk's records back to the office"),
                             _("Writes everything recorded since the last bundle (citizens, identifications, "
                               "receipts, CIE requests, tallies, unsent e-mails, the audit trail) to a new "
                               "file, encrypted to the office and signed with this desk's key; prints what it "
                               "holds as JSON."),
                             entries))
    return 2;
  if (argc != 1 || output == NULL)
    return sp_cli_usage_error (_("Usage: sportello-admin bundle export --output FILE [--again]"));
  if (g_file_test (output, G_FILE_TEST_EXISTS))
    return sp_cli_usage_error (_("“%s” already exists. Choose a new file for the bundle."), output);

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  file = sp_bundle_export (store, SP_ACTOR_SYSTEM, again, &summary, &error);
  if (file == NULL)
    return sp_cli_fail (g_steal_pointer (&error), 1);
  if (!g_file_set_contents_full (output, g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    return sp_cli_fail (g_steal_pointer (&error), 1);
  json = sp_bundle_summary_to_json (summary);
  g_print ("%s\n", json);
  return 0;
}

static int
run_import (SpCli  *cli,
            int     argc,
            char  **argv)
{
  GOptionEntry entries[] = {
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(SpBundleSummary) summary = NULL;
  g_autofree char *json = NULL;
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, _("FILE — import a pop-up desk's bundle at the office"),
                             _("Imports a bundle exported on a pop-up desk's laptop, whole or not at all, "
                               "and prints the records imported as JSON. The same bundle again changes "
                               "nothing; an altered, cut, foreign or older one is refused."),
                             entries))
    return 2;
  if (argc != 2)
    return sp_cli_usage_error (_("Usage: sportello-admin bundle import FILE"));

  mapped = g_mapped_file_new (argv[1], FALSE, &error);
  if (mapped == NULL)
    return sp_cli_fail (g_steal_pointer (&error), 1);
  file = g_mapped_file_get_bytes (mapped);
  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  summary = sp_bundle_import (store, SP_ACTOR_SYSTEM, file, &error);
  if (summary == NULL)
    return sp_cli_fail (g_steal_pointer (&error), 1);
  if (summary->already_imported)
    g_printerr ("%s\n", _("This bundle was already imported: nothing changed."));
  json = sp_bundle_summary_to_json (summary);
  g_print ("%s\n", json);
  return 0;
}

static const SpCliSubcommand subcommands[] = {
  { "export", run_export },
  { "import", run_import },
};

const SpCliGroup sp_cli_bundle_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin bundle export --output FILE [--again] | import FILE")
};
