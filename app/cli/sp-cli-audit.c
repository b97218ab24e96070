/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-audit.c — sportello-admin audit verify: the office's trail and
 * the pop-up desks' trails brought back with their bundles */
#define G_LOG_DOMAIN "sp-cli-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-audit.h"
#include "sp-audit-popup.h"
#include "sp-cli-commands.h"

int
sp_cli_audit (SpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  guint64 checked = 0, popup_checked = 0;
  gint64 broken = 0;
  SpStore *store;

  if (argc != 2 || !g_str_equal (argv[1], "verify"))
    return sp_cli_usage_error (_("Usage: sportello-admin audit verify"));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (!sp_audit_verify (store, &checked, &broken, &error))
    return sp_cli_fail (error, 1);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "The audit trail holds: %llu row checked.\n",
                        "The audit trail holds: %llu rows checked.\n",
                        checked),
           (unsigned long long) checked);
  /* The pop-up desks' trails their bundles brought, each its own chain. */
  if (!sp_audit_popup_verify_all (store, &popup_checked, &error))
    return sp_cli_fail (error, 1);
  if (popup_checked > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "The pop-up desks’ audit trails hold: %llu row checked.\n",
                          "The pop-up desks’ audit trails hold: %llu rows checked.\n",
                          popup_checked),
             (unsigned long long) popup_checked);
  return 0;
}
