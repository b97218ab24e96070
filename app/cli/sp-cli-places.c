/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-places.c — sportello-admin places find|show|import */
#define G_LOG_DOMAIN "sp-cli-places"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sp-cli-identity.h"
#include "sp-places-import.h"

static const char *
get_database_path (SpCli *cli)
{
  if (cli->database_path == NULL)
    cli->database_path = sp_store_default_path ();
  return cli->database_path;
}

SpPlaces *
sp_cli_load_places (SpCli *cli)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = NULL;
  SpPlaces *places;

  /* Never create a database just to look a place up. */
  if (cli->store != NULL || g_file_test (get_database_path (cli), G_FILE_TEST_EXISTS))
    {
      store = sp_cli_open_store (cli);
      if (store == NULL)
        return NULL;
    }

  places = sp_places_new_for_store (store, &error);
  if (places == NULL)
    sp_cli_fail (error, 1);

  return places;
}

static void
add_place_members (JsonBuilder   *builder,
                   const SpPlace *place)
{
  g_autofree char *from = sp_place_date_to_iso (place->valid_from);
  g_autofree char *to = sp_place_date_to_iso (place->valid_to);
  g_autofree char *label = sp_place_dup_label (place);

  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, place->code);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, place->kind == SP_PLACE_COMUNE ? "comune" : "state");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, place->name);
  sp_cli_json_add_string_or_null (builder, "other_name", place->other_name);
  sp_cli_json_add_string_or_null (builder, "province", place->province);
  json_builder_set_member_name (builder, "ceased");
  json_builder_add_boolean_value (builder, place->ceased);
  sp_cli_json_add_string_or_null (builder, "valid_from", from);
  sp_cli_json_add_string_or_null (builder, "valid_to", to);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, label);
}

static void
print_rows (GPtrArray *rows,
            gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          json_builder_begin_object (builder);
          add_place_members (builder, g_ptr_array_index (rows, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      sp_cli_print_builder (builder, FALSE);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const SpPlace *place = g_ptr_array_index (rows, i);
      g_autofree char *label = sp_place_dup_label (place);

      g_print ("%s\t%s\n", place->code, label);
    }
}

static int
run_find (SpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPlaces) places = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  int limit = 20;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N places (0: all)"), "N" },
    { NULL }
  };

  context = g_option_context_new (_("TEXT — find places whose name starts with TEXT"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sp_cli_usage_error ("%s", error->message);
  if (argc < 2 || limit < 0)
    return sp_cli_usage_error (_("Usage: sportello-admin places find [--json] [--limit N] TEXT"));

  places = sp_cli_load_places (cli);
  if (places == NULL)
    return 1;

  text = g_strjoinv (" ", argv + 1);
  rows = sp_places_search (places, text, (guint) limit);
  print_rows (rows, json);

  return rows->len > 0 ? 0 : 1;
}

static int
run_show (SpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(SpPlaces) places = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean json = argc == 3 && g_str_equal (argv[1], "--json");

  if (argc != 2 && !json)
    return sp_cli_usage_error (_("Usage: sportello-admin places show [--json] CODE"));

  places = sp_cli_load_places (cli);
  if (places == NULL)
    return 1;

  rows = sp_places_lookup (places, argv[argc - 1]);
  print_rows (rows, json);

  return rows->len > 0 ? 0 : 1;
}

static void
print_codes (const char *title,
             GPtrArray  *codes)
{
  if (codes->len == 0)
    return;

  g_print ("%s", title);
  for (guint i = 0; i < codes->len; i++)
    g_print ("%s%s", i == 0 ? " " : ", ", (const char *) g_ptr_array_index (codes, i));
  g_print ("\n");
}

static void
add_codes (JsonBuilder *builder,
           const char  *name,
           GPtrArray   *codes)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < codes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (codes, i));
  json_builder_end_array (builder);
}

static int
run_import (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPlacesImport) import = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;
  gboolean json = FALSE;
  gboolean dry_run = FALSE;
  SpStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check and compare only; change nothing"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE — replace a list of places with a newer ANPR file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sp_cli_usage_error ("%s", error->message);
  if (argc != 2)
    return sp_cli_usage_error (_("Usage: sportello-admin places import [--dry-run] [--json] FILE"));

  file = g_file_new_for_commandline_arg (argv[1]);
  content = g_file_load_bytes (file, NULL, NULL, &error);
  if (content == NULL)
    return sp_cli_fail (error, 1);

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  basename = g_file_get_basename (file);
  import = sp_places_import (store, content, basename, dry_run, &error);
  if (import == NULL)
    return sp_cli_fail (error, 1);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "list");
      json_builder_add_string_value (builder, sp_place_list_to_string (import->list));
      json_builder_set_member_name (builder, "codes");
      json_builder_add_int_value (builder, import->n_codes);
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, dry_run);
      add_codes (builder, "added", import->added);
      add_codes (builder, "changed", import->changed);
      add_codes (builder, "removed", import->removed);
      json_builder_end_object (builder);

      sp_cli_print_builder (builder, FALSE);
      return 0;
    }

  g_print (dry_run ? _("%s: %u codes, nothing changed (dry run).\n")
                   : _("%s: %u codes imported.\n"),
           sp_place_list_to_string (import->list), import->n_codes);
  g_print (_("Added: %u, changed: %u, removed: %u.\n"),
           import->added->len, import->changed->len, import->removed->len);
  print_codes (_("Added:"), import->added);
  print_codes (_("Changed:"), import->changed);
  print_codes (_("Removed:"), import->removed);

  return 0;
}

int
sp_cli_places (SpCli  *cli,
               int     argc,
               char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "find"))
    return run_find (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return run_show (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return run_import (cli, argc - 1, argv + 1);

  return sp_cli_usage_error (_("Usage: sportello-admin places find|show|import …"));
}
