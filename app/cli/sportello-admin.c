/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sportello-admin.c — the command-line tool for the comune's IT office */
#define G_LOG_DOMAIN "sportello-admin"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sp-cli.h"
#include "sp-cli-commands.h"

static const SpCliSubcommand commands[] = {
  { "init",      sp_cli_init,      N_("Set up a new database: comune, first desk, first administrator") },
  { "operators", sp_cli_operators, N_("List, add, deactivate operators; reset passwords; change roles") },
  { "desks",     sp_cli_desks,     N_("List and add desks") },
  { "audit",     sp_cli_audit,     N_("Verify the audit trail’s hash chain") },
  { "backup",    sp_cli_backup,    N_("Copy the database to a new file, safely while desks use it") },
  { "check",     sp_cli_check,     N_("Check the database’s integrity and the audit trail") },
  { "db",        NULL,             N_("Copy a whole database between SQLite and PostgreSQL"), &sp_cli_db_group },
  { "server",    NULL,             N_("Set up an office’s database and its roles on a PostgreSQL server"),
    &sp_cli_server_group },
  { "popup",     NULL,             N_("Prepare a pop-up desk's laptop: its enrolment file, and joining with it"),
    &sp_cli_popup_group },
  { "bundle",    NULL,             N_("Bring a pop-up desk's records back: export on the laptop, import at the office"),
    &sp_cli_bundle_group },
  { "cf",        NULL,             N_("Check or compute codici fiscali"), &sp_cli_cf_group },
  { "mrz",       sp_cli_mrz,       N_("Read the machine-readable zone of a document from standard input") },
  { "places",    NULL,             N_("Find places of birth; import a newer ANPR list"), &sp_cli_places_group },
  { "receipt",   NULL,             N_("Verify a receipt code; render a receipt to PDF or PNG"), &sp_cli_receipt_group },
  { "calendar",  sp_cli_calendar,  N_("Holidays, opening hours and closures of the appointment calendars") },
  { "appointments", sp_cli_appointments, N_("First free slot; book and list appointments") },
  { "queue",     sp_cli_queue,     N_("The office’s queue: a walk-in’s ticket, call the next one, list") },
  { "spid",      NULL,             N_("SPID identifications: open an emailed attachment; the email outbox"),
    &sp_cli_spid_group },
  { "services",  sp_cli_services,  N_("List, add, rename, order and disable the other counter services") },
  { "report",    sp_cli_report,    N_("Counts of a period as CSV or JSON, by desk, operator, hour or day") },
  { "dayclose",  sp_cli_dayclose,  N_("The day-close report as PDF: a summary and a page per desk") },
  { "opendata",  sp_cli_opendata,  N_("Daily counts by service and outcome for the open-data portal") },
  { "retention", sp_cli_retention, N_("Erase personal data of cases closed before the retention period") },
  { "settings",  sp_cli_settings,  N_("List, read and change the comune’s settings (audited)") },
  { "demo",      sp_cli_demo,      N_("Fill the database with synthetic activity, deterministic for a seed") },
};

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: sportello-admin [--database PATH] COMMAND [ARGUMENTS…]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Each command has its own --help."));
}

int
main (int   argc,
      char *argv[])
{
  const SpCliSubcommand *command;
  SpCli cli = { 0 };
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SPORTELLO_LOCALEDIR") != NULL
                                   ? g_getenv ("SPORTELLO_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  while (first < argc && g_str_has_prefix (argv[first], "-"))
    {
      if (g_str_equal (argv[first], "--database") && first + 1 < argc)
        {
          cli.database_path = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--database="))
        {
          cli.database_path = g_strdup (argv[first] + strlen ("--database="));
          first++;
        }
      else if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h"))
        {
          print_help ();
          return 0;
        }
      else if (g_str_equal (argv[first], "--version"))
        {
          g_print ("sportello-admin %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        return sp_cli_usage_error (_("Unknown option “%s”."), argv[first]);
    }

  if (first >= argc)
    {
      print_help ();
      return 2;
    }

  if (cli.database_path == NULL)
    cli.database_path = sp_store_default_path ();

  command = sp_cli_lookup_subcommand (commands, G_N_ELEMENTS (commands), argv[first]);
  if (command == NULL)
    return sp_cli_usage_error (_("Unknown command “%s”."), argv[first]);

  status = sp_cli_run_subcommand (&cli, command, argc - first, argv + first);
  g_clear_object (&cli.store);
  g_free (cli.database_path);
  return status;
}
