/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-store.c — sportello-admin backup and check */
#define G_LOG_DOMAIN "sp-cli-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-audit.h"
#include "sp-audit-popup.h"
#include "sp-cli-commands.h"

int
sp_cli_backup (SpCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  SpStore *store;

  if (argc != 2)
    return sp_cli_usage_error (_("Usage: sportello-admin backup FILE"));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (!sp_store_backup (store, argv[1], &error))
    return sp_cli_fail (error, 1);

  g_print (_("Backed up to “%s”.\n"), argv[1]);
  return 0;
}

int
sp_cli_check (SpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  guint64 rows = 0, popup_rows = 0;
  SpStore *store;

  if (argc != 1)
    return sp_cli_usage_error (_("Usage: sportello-admin check"));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  /* The pop-up desks' trails too: a row changed there breaks their chain. */
  if (!sp_store_check (store, &error) ||
      !sp_audit_verify (store, &rows, NULL, &error) ||
      !sp_audit_popup_verify_all (store, &popup_rows, &error))
    return sp_cli_fail (error, 1);

  g_print (_("The database is sound: schema %d, audit trail of %llu rows intact.\n"),
           sp_store_get_schema_version (store), (unsigned long long) rows);
  return 0;
}
