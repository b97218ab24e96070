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
add_place (JsonBuilder *builder,
           gpointer     item)
{
  const SpPlace *place = item;
  g_autofree char *from = sp_place_date_to_iso (place->valid_from);
  g_autofree char *to = sp_place_date_to_iso (place->valid_to);
  g_autofree char *label = sp_place_dup_label (place);

  json_builder_begin_object (builder);
  sp_cli_json_add_string_or_null (builder, "code", place->code);
  sp_cli_json_add_string_or_null (builder, "kind", place->kind == SP_PLACE_COMUNE ? "comune" : "state");
  sp_cli_json_add_string_or_null (builder, "name", place->name);
  sp_cli_json_add_string_or_null (builder, "other_name", place->other_name);
  sp_cli_json_add_string_or_null (builder, "province", place->province);
  sp_cli_json_add_boolean (builder, "ceased", place->ceased);
  sp_cli_json_add_string_or_null (builder, "valid_from", from);
  sp_cli_json_add_string_or_null (builder, "valid_to", to);
  sp_cli_json_add_string_or_null (builder, "label", label);
  json_builder_end_object (builder);
}

static void
print_place (gpointer item)
{
  const SpPlace *place = item;
  g_autofree char *label = sp_place_dup_label (place);

  g_print ("%s\t%s\n", place->code, label);
}

static int
run_find (SpCli  *cli,
          int     argc,
          char  **argv)
{
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

  if (!sp_cli_parse_options (&argc, &argv, _("TEXT — find places whose name starts with TEXT"),
                             NULL, entries))
    return 2;
  if (argc < 2 || limit < 0)
    return sp_cli_usage_error (_("Usage: sportello-admin places find [--json] [--limit N] TEXT"));

  places = sp_cli_load_places (cli);
  if (places == NULL)
    return 1;

  text = g_strjoinv (" ", argv + 1);
  rows = sp_places_search (places, text, (guint) limit);
  sp_cli_print_items (rows, json, add_place, print_place);

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
  sp_cli_print_items (rows, json, add_place, print_place);

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

  if (!sp_cli_parse_options (&argc, &argv, _("FILE — replace a list of places with a newer ANPR file"),
                             NULL, entries))
    return 2;
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
      sp_cli_json_add_string_or_null (builder, "list", sp_place_list_to_string (import->list));
      sp_cli_json_add_int (builder, "codes", import->n_codes);
      sp_cli_json_add_boolean (builder, "dry_run", dry_run);
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

static const SpCliSubcommand subcommands[] = {
  { "find",   run_find },
  { "show",   run_show },
  { "import", run_import },
};

const SpCliGroup sp_cli_places_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin places find|show|import …")
};
