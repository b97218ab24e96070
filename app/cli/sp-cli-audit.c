/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-audit.c — sportello-admin audit verify */
#define G_LOG_DOMAIN "sp-cli-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-audit.h"
#include "sp-cli-commands.h"

int
sp_cli_audit (SpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  guint64 checked = 0;
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
  return 0;
}
