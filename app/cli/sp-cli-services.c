/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-services.c — sportello-admin services …: the other counter
 * services counted from the home page */
#define G_LOG_DOMAIN "sp-cli-services"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sp-cli-commands.h"
#include "sp-counter-service.h"

static void
add_service (JsonBuilder *builder,
             gpointer     item)
{
  SpCounterService *s = item;
  int shortcut = sp_counter_service_get_shortcut (s);

  json_builder_begin_object (builder);
  sp_cli_json_add_string_or_null (builder, "code", sp_counter_service_get_code (s));
  sp_cli_json_add_string_or_null (builder, "name", sp_counter_service_get_display_name (s));
  json_builder_set_member_name (builder, "shortcut");
  if (shortcut > 0)
    json_builder_add_int_value (builder, shortcut);
  else
    json_builder_add_null_value (builder);
  sp_cli_json_add_boolean (builder, "active", sp_counter_service_get_active (s));
  json_builder_end_object (builder);
}

static void
print_service (gpointer item)
{
  SpCounterService *s = item;
  int shortcut = sp_counter_service_get_shortcut (s);
  g_autofree char *key = shortcut > 0 ? g_strdup_printf ("Ctrl+%d", shortcut) : g_strdup ("-");

  g_print ("%-20s %-7s %-8s %s\n", sp_counter_service_get_code (s), key,
           sp_counter_service_get_active (s) ? "active" : "inactive",
           sp_counter_service_get_display_name (s));
}

static int
list_services (SpStore  *store,
               gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sp_counter_service_list (store, TRUE, &error);

  if (list == NULL)
    return sp_cli_fail (error, 1);
  sp_cli_print_model (list, json, add_service, print_service);
  return 0;
}

/* "1" … "9", or "none"/"0" for no shortcut. */
static gboolean
parse_shortcut (const char *text,
                int        *out_shortcut)
{
  guint64 value;

  if (g_ascii_strcasecmp (text, "none") == 0)
    {
      *out_shortcut = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, SP_COUNTER_SERVICE_SHORTCUT_MAX, &value, NULL))
    return FALSE;
  *out_shortcut = (int) value;
  return TRUE;
}

/* The subcommands that edit one service, named by its code. */
typedef struct
{
  const char *name;
  const char *usage;
  int         n_args;   /* the code and what follows it */
} Edit;

static const Edit edits[] = {
  { "rename",   "rename CODE NAME",     2 },
  { "shortcut", "shortcut CODE N|none", 2 },
  { "move",     "move CODE up|down",    2 },
  { "disable",  "disable CODE",         1 },
  { "enable",   "enable CODE",          1 },
};

static int
usage_shortcut (void)
{
  return sp_cli_usage_error (_("The shortcut must be a number from 1 to 9, or “none”."));
}

int
sp_cli_services (SpCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) service = NULL;
  g_autofree char *shortcut_text = NULL;
  gboolean json = FALSE;
  int shortcut = 0;
  const char *sub;
  SpStore *store;
  gboolean ok;
  const Edit *edit;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("list: print JSON"), NULL },
    { "shortcut", 0, 0, G_OPTION_ARG_STRING, &shortcut_text, N_("add: Ctrl+N counts the service, N from 1 to 9"), N_("N") },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv,
                             _("list | add CODE NAME | rename CODE NAME | shortcut CODE N|none | "
                               "disable CODE | enable CODE | move CODE up|down"),
                             _("The other counter services, counted from the home page "
                               "with one click or Ctrl+1 … Ctrl+9. A service is never "
                               "deleted: disabled, it keeps its counts in the reports."),
                             entries))
    return 2;

  if (argc < 2)
    return sp_cli_usage_error (_("services needs a subcommand: list, add, rename, shortcut, disable, enable, move."));
  sub = argv[1];
  if (shortcut_text != NULL && !parse_shortcut (shortcut_text, &shortcut))
    return usage_shortcut ();

  if (g_str_equal (sub, "list"))
    {
      if (argc != 2)
        return sp_cli_usage_error (_("services list takes no arguments."));
      store = sp_cli_open_store (cli);
      return store != NULL ? list_services (store, json) : 1;
    }

  if (g_str_equal (sub, "add"))
    {
      if (argc != 4)
        return sp_cli_usage_error (_("services add needs a code and a name."));
      store = sp_cli_open_store (cli);
      if (store == NULL)
        return 1;
      service = sp_counter_service_add (store, SP_ACTOR_SYSTEM, argv[2], argv[3], shortcut, &error);
      if (service == NULL)
        return sp_cli_fail (error, 1);
      /* Translators: a service's name, then its code */
      g_print (_("Added “%s” (%s).\n"), sp_counter_service_get_display_name (service),
               sp_counter_service_get_code (service));
      return 0;
    }

  for (edit = edits; edit < edits + G_N_ELEMENTS (edits) && !g_str_equal (sub, edit->name); edit++)
    ;
  if (edit == edits + G_N_ELEMENTS (edits))
    return sp_cli_usage_error (_("Unknown subcommand “%s”."), sub);
  if (argc != 2 + edit->n_args)
    return sp_cli_usage_error (_("Usage: sportello-admin services %s"), edit->usage);
  if (g_str_equal (sub, "shortcut") && !parse_shortcut (argv[3], &shortcut))
    return usage_shortcut ();
  if (g_str_equal (sub, "move") && !g_str_equal (argv[3], "up") && !g_str_equal (argv[3], "down"))
    return sp_cli_usage_error (_("A service moves “up” or “down”."));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;
  service = sp_counter_service_lookup (store, argv[2], &error);
  if (service == NULL)
    return sp_cli_fail (error, 1);

  if (g_str_equal (sub, "rename"))
    ok = sp_counter_service_rename (store, SP_ACTOR_SYSTEM, service, argv[3], &error);
  else if (g_str_equal (sub, "shortcut"))
    ok = sp_counter_service_set_shortcut (store, SP_ACTOR_SYSTEM, service, shortcut, &error);
  else if (g_str_equal (sub, "move"))
    ok = sp_counter_service_move (store, SP_ACTOR_SYSTEM, service,
                                  g_str_equal (argv[3], "up") ? -1 : 1, &error);
  else
    ok = sp_counter_service_set_active (store, SP_ACTOR_SYSTEM, service,
                                        g_str_equal (sub, "enable"), &error);
  if (!ok)
    return sp_cli_fail (error, 1);

  g_print (_("Done: %s %s.\n"), sub, sp_counter_service_get_code (service));
  return 0;
}
