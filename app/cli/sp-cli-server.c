/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-server.c — sportello-admin server init: an office's PostgreSQL
 *
 *   server init --database postgresql://postgres@HOST/DATABASE [--json]
 *       Creates the database and its owner, desks' and reports' roles on a
 *       stock PostgreSQL 15, and prints what ~/.pgpass and pg_hba.conf need.
 */
#define G_LOG_DOMAIN "sp-cli-server"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "sp-cli-commands.h"
#include "sp-error.h"
#include "sp-store-server.h"

/* Translators: what each of the database's roles is for, in server init's summary. */
static const char * const role_purpose[SP_SERVER_N_ROLES] = {
  N_("owns the tables; sportello-admin runs a new version’s migrations with it"),
  N_("the desks’ programs: the records, not the tables’ shape; the audit trail only grows"),
  N_("reports and exports: reads, without keys, seals or password hashes"),
};
static const char * const role_key[SP_SERVER_N_ROLES] = { "owner", "desk", "reader" };

/* Whether the superuser reached the server on its own Unix socket (the
 * usual `su postgres`): the desks will come by network, under a name this
 * connection does not know. */
static gboolean
on_local_socket (const SpServerSetup *setup)
{
  return setup->host == NULL || setup->host[0] == '/';
}

/* A ~/.pgpass line: host:port:database:user:password; any host when the
 * server was reached on its socket. */
static char *
pgpass_line (const SpServerSetup *setup,
             SpServerRole         role)
{
  return g_strdup_printf ("%s:%s:%s:%s:%s", on_local_socket (setup) ? "*" : setup->host, setup->port,
                          setup->database, setup->role[role], setup->password[role]);
}

static char *
hba_line (const SpServerSetup *setup)
{
  return g_strdup_printf ("hostssl  %s  %s,%s,%s  192.168.1.0/24  scram-sha-256", setup->database,
                          setup->role[SP_SERVER_ROLE_OWNER], setup->role[SP_SERVER_ROLE_DESK],
                          setup->role[SP_SERVER_ROLE_READER]);
}

static void
print_json (const SpServerSetup *setup,
            const char          *location)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *hba = hba_line (setup);

  json_builder_begin_object (builder);
  sp_cli_json_add_string_or_null (builder, "database", setup->database);
  sp_cli_json_add_string_or_null (builder, "host", setup->host);
  sp_cli_json_add_string_or_null (builder, "port", setup->port);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_object (builder);
  for (int i = 0; i < SP_SERVER_N_ROLES; i++)
    {
      g_autofree char *uri = sp_server_setup_location (setup, location, i);
      g_autofree char *pgpass = pgpass_line (setup, i);

      json_builder_set_member_name (builder, role_key[i]);
      json_builder_begin_object (builder);
      sp_cli_json_add_string_or_null (builder, "name", setup->role[i]);
      sp_cli_json_add_string_or_null (builder, "location", uri);
      sp_cli_json_add_string_or_null (builder, "pgpass", pgpass);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  sp_cli_json_add_string_or_null (builder, "pg_hba", hba);
  json_builder_end_object (builder);
  sp_cli_print_builder (builder, FALSE);
}

static void
print_text (const SpServerSetup *setup,
            const char          *location)
{
  g_autofree char *hba = hba_line (setup);
  g_autofree char *desk = sp_server_setup_location (setup, location, SP_SERVER_ROLE_DESK);

  g_print (_("The database “%s” is set up, with three roles:\n"), setup->database);
  for (int i = 0; i < SP_SERVER_N_ROLES; i++)
    g_print ("  %-28s %s\n", setup->role[i], _(role_purpose[i]));

  g_print ("\n%s\n", _("Their passwords are shown only now. Put each line in the ~/.pgpass "
                       "(mode 0600) of the computers that use the role:"));
  for (int i = 0; i < SP_SERVER_N_ROLES; i++)
    {
      g_autofree char *line = pgpass_line (setup, i);

      g_print ("  %s\n", line);
    }

  g_print ("\n%s\n  %s\n", _("In pg_hba.conf, with the office’s network in place of 192.168.1.0/24 "
                             "(then reload the server):"), hba);
  g_print ("%s\n", _("and in postgresql.conf: ssl = on, with the server’s certificate and key, and "
                     "password_encryption = scram-sha-256."));
  if (on_local_socket (setup))
    {
      g_autofree char *remote = g_strdup_printf ("postgresql://%s@%s/%s?sslmode=verify-full",
                                                 setup->role[SP_SERVER_ROLE_DESK], g_get_host_name (),
                                                 setup->database);

      g_print ("\n%s\n  %s\n%s\n  %s\n", _("On this computer the desks’ role opens:"), desk,
               _("and each desk, by network (the server’s name as in its certificate):"), remote);
      return;
    }
  g_print ("\n%s\n  %s\n", _("Each desk then opens (with sslmode=verify-full and the server’s "
                             "certificate authority once TLS is on):"), desk);
}

static int
run_init (SpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autofree char *location = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_STRING, &location,
      N_("The new database, on the server, as its superuser: postgresql://postgres@HOST/NAME"), N_("URI") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("The roles, their ~/.pgpass lines and pg_hba.conf as JSON"),
      NULL },
    { NULL }
  };
  g_autoptr(SpServerSetup) setup = NULL;
  g_autoptr(GError) error = NULL;

  if (!sp_cli_parse_options (&argc, &argv, _("— set up an office’s database on a PostgreSQL server"),
                             _("On a stock PostgreSQL 15, as its superuser: creates the database and "
                               "three roles named after it (NAME_owner, NAME_desk, NAME_reader), each "
                               "with a new random password, migrates the database as its owner and "
                               "grants each role its part. Prints the lines for ~/.pgpass and "
                               "pg_hba.conf. The superuser's password comes from ~/.pgpass or a prompt."),
                             entries))
    return 2;
  if (location == NULL && sp_store_location_is_postgres (cli->database_path))
    location = g_strdup (cli->database_path);
  if (argc != 1 || location == NULL)
    return sp_cli_usage_error (_("Usage: sportello-admin server init --database postgresql://SUPERUSER@HOST/NAME "
                                 "[--json]"));

  setup = sp_store_server_init (location, NULL, &error);
  if (setup == NULL && g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_PASSWORD_NEEDED) &&
      isatty (STDIN_FILENO))
    {
      char *password = sp_cli_prompt_database_password (location);

      if (password == NULL)
        return 1;
      g_clear_error (&error);
      setup = sp_store_server_init (location, password, &error);
      memset (password, 0, strlen (password));
      g_free (password);
    }
  if (setup == NULL)
    return sp_cli_fail (error, 1);

  if (json)
    print_json (setup, location);
  else
    print_text (setup, location);
  return 0;
}

static const SpCliSubcommand subcommands[] = {
  { "init", run_init },
};

const SpCliGroup sp_cli_server_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin server init --database postgresql://SUPERUSER@HOST/NAME [--json]")
};
