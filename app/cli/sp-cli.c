/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli.c — helpers shared by the command groups of sportello-admin */
#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sp-cli.h"

SpStore *
sp_cli_open_store (SpCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->store != NULL)
    return cli->store;

  cli->store = sp_store_open (cli->database_path, &error);
  if (cli->store == NULL)
    g_printerr ("sportello-admin: %s\n", error->message);

  return cli->store;
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
