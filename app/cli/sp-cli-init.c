/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-init.c — sportello-admin init: set up a database without a screen */
#define G_LOG_DOMAIN "sp-cli-init"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cli-commands.h"
#include "sp-setup.h"

int
sp_cli_init (SpCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *comune = NULL;
  g_autofree char *ipa = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *desk_kind = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *admin_name = NULL;
  g_autofree char *admin_cf = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  SpSetupData data = { 0 };
  SpStore *store;
  GOptionEntry entries[] = {
    { "comune", 0, 0, G_OPTION_ARG_STRING, &comune, N_("Name of the comune"), N_("NAME") },
    { "ipa", 0, 0, G_OPTION_ARG_STRING, &ipa, N_("IPA code of the comune (optional)"), N_("CODE") },
    { "desk", 0, 0, G_OPTION_ARG_STRING, &desk, N_("Name of the first desk"), N_("NAME") },
    { "desk-kind", 0, 0, G_OPTION_ARG_STRING, &desk_kind, N_("counter (default) or popup"), N_("KIND") },
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin, N_("Username of the first administrator"), N_("USER") },
    { "admin-name", 0, 0, G_OPTION_ARG_STRING, &admin_name, N_("Full name of the administrator"), N_("NAME") },
    { "admin-cf", 0, 0, G_OPTION_ARG_STRING, &admin_cf, N_("Codice fiscale of the administrator"), N_("CODE") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the administrator’s password from standard input"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, NULL, _("Set up a new Sportello database."), entries))
    return 2;

  if (comune == NULL || desk == NULL || admin == NULL || !password_stdin)
    return sp_cli_usage_error (_("init needs --comune, --desk, --admin and --password-stdin."));

  data.desk_kind = SP_DESK_COUNTER;
  if (desk_kind != NULL && !sp_desk_kind_from_string (desk_kind, &data.desk_kind))
    return sp_cli_usage_error (_("The desk kind must be “counter” or “popup”."));

  password = sp_cli_read_password ();
  if (password == NULL)
    return 2;

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  data.comune_name = comune;
  data.comune_ipa = ipa;
  data.desk_name = desk;
  data.admin_username = admin;
  data.admin_display_name = admin_name != NULL ? admin_name : admin;
  data.admin_codice_fiscale = admin_cf;
  data.admin_password = password;

  if (!sp_setup_run (store, &data, &error))
    return sp_cli_fail (error, 1);

  g_print (_("Set up “%s” with desk “%s” and administrator “%s”.\n"), comune, desk, admin);
  return 0;
}
