/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-operators.c — sportello-admin operators … and desks … */
#define G_LOG_DOMAIN "sp-cli-operators"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sp-cli-commands.h"
#include "sp-desk.h"
#include "sp-operator.h"

static void
add_operator (JsonBuilder *builder,
              gpointer     item)
{
  SpOperator *op = item;

  json_builder_begin_object (builder);
  sp_cli_json_add_string_or_null (builder, "username", sp_operator_get_username (op));
  sp_cli_json_add_string_or_null (builder, "display_name", sp_operator_get_display_name (op));
  sp_cli_json_add_string_or_null (builder, "role", sp_role_to_string (sp_operator_get_role (op)));
  sp_cli_json_add_boolean (builder, "active", sp_operator_get_active (op));
  json_builder_end_object (builder);
}

static void
print_operator (gpointer item)
{
  SpOperator *op = item;

  g_print ("%-20s %-12s %-8s %s\n", sp_operator_get_username (op),
           sp_role_to_string (sp_operator_get_role (op)),
           sp_operator_get_active (op) ? "active" : "inactive",
           sp_operator_get_display_name (op));
}

static void
print_desk (gpointer item)
{
  SpDesk *desk = item;

  g_print ("%-24s %-8s %s\n", sp_desk_get_name (desk),
           sp_desk_kind_to_string (sp_desk_get_kind (desk)),
           sp_desk_get_active (desk) ? "active" : "inactive");
}

int
sp_cli_operators (SpCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOperator) op = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *cf = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  gboolean all = FALSE;
  gboolean json = FALSE;
  const char *sub;
  SpStore *store;
  SpRole role = SP_ROLE_CLERK;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("list: include deactivated operators"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("list: print JSON"), NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("add: full name"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("add, set-role: clerk, supervisor or admin"), N_("ROLE") },
    { "cf", 0, 0, G_OPTION_ARG_STRING, &cf, N_("add: codice fiscale"), N_("CODE") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("add, reset-password: read the password from standard input"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("list|add|deactivate|activate|reset-password|set-role [USER]"),
                             NULL, entries))
    return 2;

  if (argc < 2)
    return sp_cli_usage_error (_("operators needs a subcommand: list, add, deactivate, activate, reset-password, set-role."));
  sub = argv[1];

  if (role_text != NULL && !sp_role_from_string (role_text, &role))
    return sp_cli_usage_error (_("The role must be clerk, supervisor or admin."));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (g_str_equal (sub, "list"))
    {
      g_autoptr(GListModel) list = sp_operator_list (store, all, &error);

      if (list == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_model (list, json, add_operator, print_operator);
      return 0;
    }

  if (argc != 3)
    return sp_cli_usage_error (_("operators %s needs exactly one username."), sub);

  if (g_str_equal (sub, "add"))
    {
      if (!password_stdin)
        return sp_cli_usage_error (_("operators add needs --password-stdin."));
      password = sp_cli_read_password ();
      if (password == NULL)
        return 2;

      op = sp_operator_add (store, SP_ACTOR_SYSTEM, argv[2], name != NULL ? name : argv[2],
                            cf, role, password, &error);
      if (op == NULL)
        return sp_cli_fail (error, 1);
      g_print (_("Added %s (%s).\n"), argv[2], sp_role_to_string (role));
      return 0;
    }

  op = sp_operator_lookup (store, argv[2], &error);
  if (op == NULL)
    return sp_cli_fail (error, 1);

  if (g_str_equal (sub, "deactivate") || g_str_equal (sub, "activate"))
    {
      if (!sp_operator_set_active (store, SP_ACTOR_SYSTEM, op, g_str_equal (sub, "activate"), &error))
        return sp_cli_fail (error, 1);
    }
  else if (g_str_equal (sub, "reset-password"))
    {
      if (!password_stdin)
        return sp_cli_usage_error (_("operators reset-password needs --password-stdin."));
      password = sp_cli_read_password ();
      if (password == NULL)
        return 2;
      if (!sp_operator_reset_password (store, SP_ACTOR_SYSTEM, op, password, &error))
        return sp_cli_fail (error, 1);
    }
  else if (g_str_equal (sub, "set-role"))
    {
      if (role_text == NULL)
        return sp_cli_usage_error (_("operators set-role needs --role."));
      if (!sp_operator_set_role (store, SP_ACTOR_SYSTEM, op, role, &error))
        return sp_cli_fail (error, 1);
    }
  else
    return sp_cli_usage_error (_("Unknown subcommand “%s”."), sub);

  g_print (_("Done: %s %s.\n"), sub, argv[2]);
  return 0;
}

int
sp_cli_desks (SpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(SpDesk) desk = NULL;
  g_autofree char *kind_text = NULL;
  SpDeskKind kind = SP_DESK_COUNTER;
  SpStore *store;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("add: counter (default) or popup"), N_("KIND") },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("list|add|deactivate|activate [NAME]"), NULL, entries))
    return 2;

  if (argc < 2)
    return sp_cli_usage_error (_("desks needs a subcommand: list, add, deactivate, activate."));
  if (kind_text != NULL && !sp_desk_kind_from_string (kind_text, &kind))
    return sp_cli_usage_error (_("The desk kind must be “counter” or “popup”."));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (g_str_equal (argv[1], "list"))
    {
      list = sp_desk_list (store, TRUE, &error);
      if (list == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_model (list, FALSE, NULL, print_desk);
      return 0;
    }

  if (argc != 3)
    return sp_cli_usage_error (_("desks %s needs exactly one desk name."), argv[1]);

  if (g_str_equal (argv[1], "add"))
    {
      desk = sp_desk_add (store, SP_ACTOR_SYSTEM, argv[2], kind, &error);
      if (desk == NULL)
        return sp_cli_fail (error, 1);
      return 0;
    }

  if (g_str_equal (argv[1], "deactivate") || g_str_equal (argv[1], "activate"))
    {
      desk = sp_desk_lookup (store, argv[2], &error);
      if (desk == NULL ||
          !sp_desk_set_active (store, SP_ACTOR_SYSTEM, desk, g_str_equal (argv[1], "activate"), &error))
        return sp_cli_fail (error, 1);
      return 0;
    }

  return sp_cli_usage_error (_("Unknown subcommand “%s”."), argv[1]);
}
