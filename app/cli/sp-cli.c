/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli.c — helpers shared by the command groups of sportello-admin */
#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sp-cli.h"
#include "sp-error.h"

char *
sp_cli_prompt_database_password (const char *location)
{
  g_autofree char *description = sp_store_describe_location (location);
  struct termios saved, quiet;
  gboolean echo_off;
  char *password;

  /* Echo off before the prompt: TCSAFLUSH drops what was typed until then. */
  echo_off = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (echo_off)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  /* Translators: %s says which database, as in “database “sportello” on “server” as “desk””. */
  g_printerr (_("Password for the %s: "), description);
  password = sp_cli_read_secret_line ();
  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");
  return password;
}

SpStore *
sp_cli_open_database (const char *location)
{
  g_autoptr(GError) error = NULL;
  SpStore *store;

  store = sp_store_open (location, &error);
  if (store == NULL && g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_PASSWORD_NEEDED))
    {
      char *password;

      if (!isatty (STDIN_FILENO))
        {
          g_printerr ("sportello-admin: %s\n",
                      _("The database server asks for a password. Put it in ~/.pgpass (or in the file "
                        "PGPASSFILE names); it is never taken from the command line."));
          return NULL;
        }

      password = sp_cli_prompt_database_password (location);
      if (password == NULL)
        return NULL;
      g_clear_error (&error);
      store = sp_store_open_with_password (location, password, &error);
      memset (password, 0, strlen (password));
      g_free (password);
    }

  if (store == NULL)
    g_printerr ("sportello-admin: %s\n", error->message);

  return store;
}

SpStore *
sp_cli_open_store (SpCli *cli)
{
  if (cli->store == NULL)
    cli->store = sp_cli_open_database (cli->database_path);

  return cli->store;
}

const SpCliSubcommand *
sp_cli_lookup_subcommand (const SpCliSubcommand *table,
                          gsize                  n_entries,
                          const char            *name)
{
  for (gsize i = 0; i < n_entries; i++)
    {
      if (g_str_equal (table[i].name, name))
        return &table[i];
    }
  return NULL;
}

int
sp_cli_run_subcommand (SpCli                 *cli,
                       const SpCliSubcommand *command,
                       int                    argc,
                       char                 **argv)
{
  const SpCliGroup *group = command->group;
  const SpCliSubcommand *subcommand = NULL;

  if (command->run != NULL)
    return command->run (cli, argc, argv);

  if (argc >= 2)
    subcommand = sp_cli_lookup_subcommand (group->subcommands, group->n_subcommands, argv[1]);
  if (subcommand == NULL)
    return sp_cli_usage_error ("%s", _(group->usage));

  return sp_cli_run_subcommand (cli, subcommand, argc - 1, argv + 1);
}

gboolean
sp_cli_parse_options (int                 *argc,
                      char              ***argv,
                      const char          *parameter_string,
                      const char          *summary,
                      const GOptionEntry  *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sp_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
sp_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("sportello-admin: %s\n", message);
  g_printerr ("%s\n", _("Run “sportello-admin --help” for the list of commands."));
  return 2;
}

int
sp_cli_fail (GError *error,
             int     exit_code)
{
  g_printerr ("sportello-admin: %s\n", error != NULL ? error->message : _("failed"));
  return exit_code;
}

void
sp_cli_print_json (gpointer json_node,
                   gboolean pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, json_node);
  json_generator_set_pretty (generator, pretty);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
sp_cli_print_builder (JsonBuilder *builder,
                      gboolean     pretty)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  sp_cli_print_json (root, pretty);
}

void
sp_cli_json_add_string_or_null (JsonBuilder *builder,
                                const char  *name,
                                const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
sp_cli_json_add_date (JsonBuilder *builder,
                      const char  *name,
                      const GDate *date)
{
  char text[16];

  if (date == NULL || !g_date_valid (date))
    {
      sp_cli_json_add_string_or_null (builder, name, NULL);
      return;
    }

  g_snprintf (text, sizeof text, "%04u-%02u-%02u",
              (guint) g_date_get_year (date), (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
  sp_cli_json_add_string_or_null (builder, name, text);
}

void
sp_cli_json_add_int (JsonBuilder *builder,
                     const char  *name,
                     gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
sp_cli_json_add_boolean (JsonBuilder *builder,
                         const char  *name,
                         gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
sp_cli_json_add_error (JsonBuilder        *builder,
                       const GError       *error,
                       const char * const *names,
                       gsize               n_names)
{
  gboolean known = error->code >= 0 && (gsize) error->code < n_names && names[error->code] != NULL;

  sp_cli_json_add_string_or_null (builder, "error", known ? names[error->code] : "unknown");
  sp_cli_json_add_string_or_null (builder, "message", error->message);
}

void
sp_cli_print_items (GPtrArray          *items,
                    gboolean            json,
                    SpCliAddItemFunc    add_item,
                    SpCliPrintItemFunc  print_item)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (!json)
    {
      for (guint i = 0; i < items->len; i++)
        print_item (g_ptr_array_index (items, i));
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    add_item (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
  sp_cli_print_builder (builder, FALSE);
}

void
sp_cli_print_item (SpCliAddItemFunc add_item,
                   gpointer         item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_item (builder, item);
  sp_cli_print_builder (builder, FALSE);
}

void
sp_cli_print_model (GListModel         *model,
                    gboolean            json,
                    SpCliAddItemFunc    add_item,
                    SpCliPrintItemFunc  print_item)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  sp_cli_print_items (items, json, add_item, print_item);
}

char *
sp_cli_read_secret_line (void)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (0);
  g_autofree char *line = NULL;
  gsize terminator = 0;

  if (g_io_channel_read_line (channel, &line, NULL, &terminator, NULL) != G_IO_STATUS_NORMAL ||
      line == NULL)
    return NULL;

  line[terminator] = '\0';
  return g_steal_pointer (&line);
}

char *
sp_cli_read_password (void)
{
  char *password = sp_cli_read_secret_line ();

  if (password == NULL)
    sp_cli_usage_error (_("No password was given on standard input."));
  return password;
}
