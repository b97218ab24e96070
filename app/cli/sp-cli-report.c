/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-report.c — sportello-admin report, opendata, retention and demo */
#define G_LOG_DOMAIN "sp-cli-report"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "sp-cli-commands.h"
#include "sp-day-close.h"
#include "sp-demo.h"
#include "sp-report.h"
#include "sp-retention.h"
#include "sp-setup.h"

static gboolean
parse_period (const char *from_text,
              const char *to_text,
              GDate      *from,
              GDate      *to)
{
  if (from_text == NULL || !sp_report_parse_day (from_text, from))
    {
      sp_cli_usage_error (_("--from needs a date (YYYY-MM-DD)."));
      return FALSE;
    }
  if (to_text == NULL)
    *to = *from;
  else if (!sp_report_parse_day (to_text, to))
    {
      sp_cli_usage_error (_("--to needs a date (YYYY-MM-DD)."));
      return FALSE;
    }
  return TRUE;
}

static void
print_progress (double   fraction,
                gpointer user_data)
{
  if (GPOINTER_TO_INT (user_data))
    g_printerr ("\r%3d %%", (int) (fraction * 100));
}

int
sp_cli_report (SpCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *by_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  SpReportBy by = SP_REPORT_BY_NONE;
  gboolean records = FALSE;
  GDate from, to;
  SpStore *store;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, included (default: the first)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default csv)"), N_("FORMAT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_text, N_("Break down by desk, operator, hour or day"), N_("GROUP") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to a file instead of standard output"), N_("FILE") },
    { "records", 0, 0, G_OPTION_ARG_NONE, &records, N_("List the period’s cases (CSV, no personal data) instead of counting them"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("— counts of a period, without personal data"), NULL, entries))
    return 2;
  if (argc != 1)
    return sp_cli_usage_error (_("Usage: sportello-admin report --from DATE --to DATE --format csv|json [--by desk|operator|hour|day]"));
  if (!parse_period (from_text, to_text, &from, &to))
    return 2;
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return sp_cli_usage_error (_("--format is csv or json."));
  if (by_text != NULL && (!sp_report_by_from_string (by_text, &by) || by == SP_REPORT_BY_NONE))
    return sp_cli_usage_error (_("--by is desk, operator, hour or day."));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (records)
    {
      text = sp_report_records_csv (store, &from, &to, sp_report_csv_separator (store), &error);
      if (text == NULL)
        return sp_cli_fail (error, 1);
    }
  else if ((report = sp_report_compute (store, &from, &to, by, &error)) == NULL)
    return sp_cli_fail (error, 1);
  else if (format != NULL && g_str_equal (format, "json"))
    text = sp_report_to_json (report);
  else
    text = sp_report_to_csv (report, sp_report_csv_separator (store));

  if (output != NULL)
    {
      if (!g_file_set_contents (output, text, -1, &error))
        return sp_cli_fail (error, 1);
    }
  else
    {
      fputs (text, stdout);
      if (!g_str_has_suffix (text, "\n"))
        fputc ('\n', stdout);
    }
  return 0;
}

int
sp_cli_opendata (SpCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *output = NULL;
  GDate from, to;
  SpStore *store;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, included (default: the first)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The folder to write opendata.csv and opendata.json in"), N_("DIR") },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("— daily counts by service and outcome for the open-data portal"), NULL, entries))
    return 2;
  if (argc != 1 || output == NULL)
    return sp_cli_usage_error (_("Usage: sportello-admin opendata --from DATE --to DATE --output DIR"));
  if (!parse_period (from_text, to_text, &from, &to))
    return 2;

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  if (!sp_report_export_opendata (store, &from, &to, output, NULL, NULL, &error))
    return sp_cli_fail (error, 1);
  g_print (_("Wrote opendata.csv and opendata.json in %s.\n"), output);
  return 0;
}

int
sp_cli_retention (SpCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE;
  SpRetentionResult result;
  SpStore *store;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Only report what would be erased"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("apply — erase personal data of cases closed before the retention period"), NULL, entries))
    return 2;
  if (argc != 2 || !g_str_equal (argv[1], "apply"))
    return sp_cli_usage_error (_("Usage: sportello-admin retention apply [--dry-run]"));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  if (!sp_retention_apply (store, SP_ACTOR_SYSTEM, sp_store_now (), dry_run, &result, &error))
    return sp_cli_fail (error, 1);

  if (result.months == 0)
    {
      g_print ("%s\n", _("Retention is off (retention.months is 0): nothing erased."));
      return 0;
    }
  {
    g_autoptr(GDateTime) cutoff = g_date_time_new_from_unix_local (result.cutoff / G_USEC_PER_SEC);
    g_autofree char *day = g_date_time_format (cutoff, "%Y-%m-%d");

    g_print (dry_run ? _("Would erase the personal data of cases closed before %s (%d months):\n")
                     : _("Erased the personal data of cases closed before %s (%d months):\n"),
             day, result.months);
  }
  for (guint k = 0; k < SP_RETENTION_N_KINDS; k++)
    g_print ("  %-28s %u\n", _(sp_retention_kind_get_label (k)), result.counts[k]);
  return 0;
}

int
sp_cli_demo (SpCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last_text = NULL;
  SpDemoOptions options = { .days = 30, .desks = 3, .seed = 1 };
  SpDemoResult result;
  int days = 30, desks = 3, seed = 1, citizens = 0;
  gboolean quiet = FALSE;
  SpStore *store;
  GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Days of activity (default 30)"), N_("N") },
    { "desks", 0, 0, G_OPTION_ARG_INT, &desks, N_("Desks (default 3)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed: the same seed gives the same data (default 1)"), N_("S") },
    { "last-day", 0, 0, G_OPTION_ARG_STRING, &last_text, N_("Last day of activity (default today)"), N_("DATE") },
    { "citizens", 0, 0, G_OPTION_ARG_INT, &citizens, N_("Population to draw citizens from"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("No progress"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("— fill the database with synthetic activity"), NULL, entries))
    return 2;
  if (argc != 1 || days < 1 || days > 36600 || desks < 1 || desks > 200 || citizens < 0)
    return sp_cli_usage_error (_("Usage: sportello-admin demo --days N --desks N --seed S"));
  options.days = days;
  options.desks = desks;
  options.seed = (guint32) seed;
  options.citizens = citizens;
  if (last_text != NULL && !sp_report_parse_day (last_text, &options.last_day))
    return sp_cli_usage_error (_("--last-day needs a date (YYYY-MM-DD)."));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  if (sp_setup_is_needed (store))
    {
      g_printerr ("sportello-admin: %s\n", _("Set up the database first with “sportello-admin init”."));
      return 1;
    }
  if (!sp_demo_generate (store, SP_ACTOR_SYSTEM, &options, print_progress,
                         GINT_TO_POINTER (!quiet && isatty (fileno (stderr))), &result, &error))
    return sp_cli_fail (error, 1);
  if (!quiet && isatty (fileno (stderr)))
    g_printerr ("\n");

  g_print (_("Demo data: %llu records (%llu citizens, %llu identifications, %llu CIE requests, "
             "%llu appointments, %llu tallies, %llu emails).\n"),
           (unsigned long long) result.total, (unsigned long long) result.citizens,
           (unsigned long long) result.identifications, (unsigned long long) result.cie_requests,
           (unsigned long long) result.appointments, (unsigned long long) result.tallies,
           (unsigned long long) result.emails);
  if (result.sealed > 0 && result.demo_seal)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%llu RAO identification of the last 30 days is sealed with the demo’s own "
                          "seal, marked DEMO: no identity provider accepts its token.\n",
                          "%llu RAO identifications of the last 30 days are sealed with the demo’s own "
                          "seal, marked DEMO: no identity provider accepts their tokens.\n",
                          result.sealed),
             (unsigned long long) result.sealed);
  else if (result.sealed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%llu RAO identification of the last 30 days is sealed with the comune’s seal.\n",
                          "%llu RAO identifications of the last 30 days are sealed with the comune’s seal.\n",
                          result.sealed),
             (unsigned long long) result.sealed);
  /* Translators: a RAO identification needs the comune's seal valid at
   * its time and the comune's IPA code. */
  if (result.unsealed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%llu identification of the last 30 days went through the partner counter: no "
                          "seal could seal it at its time, or the comune’s IPA code is not set.\n",
                          "%llu identifications of the last 30 days went through the partner counter: no "
                          "seal could seal them at their time, or the comune’s IPA code is not set.\n",
                          result.unsealed),
             (unsigned long long) result.unsealed);
  if (result.popup)
    g_print (_("The work is the pop-up desk’s, by the clerks enrolled there: no desk or account was added.\n"));
  else
    g_print (_("Demo operators demo1, demo2 … and demo-supervisor sign in with the password %s.\n"),
             SP_DEMO_PASSWORD);
  return 0;
}

int
sp_cli_dayclose (SpCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDayClose) report = NULL;
  g_autofree char *date = NULL;
  g_autofree char *output = NULL;
  GDate day;
  SpStore *store;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (YYYY-MM-DD)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("— the day-close report as PDF"), NULL, entries))
    return 2;
  if (argc != 1 || date == NULL || output == NULL || !sp_report_parse_day (date, &day))
    return sp_cli_usage_error (_("Usage: sportello-admin dayclose --date DATE --output FILE.pdf"));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  report = sp_day_close_new (store, &day, &error);
  if (report == NULL || !sp_day_close_export_pdf (report, output, &error))
    return sp_cli_fail (error, 1);
  return 0;
}
