/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-settings.c — sportello-admin settings …
 *
 *   settings list              every setting: its value (or default) and meaning
 *   settings get KEY           the value, or the default when unset
 *   settings set KEY VALUE     checked, written and audited
 *   settings unset KEY         back to the default, audited
 *
 * Only the settings of sp-settings.c's table: the secrets are not there.
 */
#define G_LOG_DOMAIN "sp-cli-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cli-commands.h"
#include "sp-settings.h"

#define USAGE N_("Usage: sportello-admin settings list | get KEY | set KEY VALUE | unset KEY")

/* A bring list is several lines: shown on one, as Preferences shows it. */
static char *
dup_one_line (const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

  return g_strjoinv ("; ", lines);
}

static int
list_settings (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = sp_settings_list_keys (store, &error);

  if (keys == NULL)
    return sp_cli_fail (error, 1);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const SpSettingInfo *info = sp_settings_lookup (key);
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;
      gboolean is_default = FALSE;

      if (!sp_settings_get (store, key, &value, &is_default, &error))
        return sp_cli_fail (error, 1);

      if (value == NULL)
        shown = g_strdup (_("(not set)"));
      else if (is_default)
        /* Translators: a setting's value that is its default, e.g. "24 (default)" */
        shown = g_strdup_printf (_("%s (default)"), value);
      else
        shown = dup_one_line (value);
      g_print ("%s: %s\n    %s\n", key, shown, _(info->description));
    }
  return 0;
}

static int
save_one (SpStore    *store,
          const char *key,
          const char *value)
{
  g_autoptr(GError) error = NULL;
  const char *keys[] = { key, NULL };
  const char *values[] = { value, NULL };

  if (!sp_settings_save (store, SP_ACTOR_SYSTEM, keys, values, &error))
    return sp_cli_fail (error, 1);
  return 0;
}

int
sp_cli_settings (SpCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  const char *sub;
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv,
                             _("list | get KEY | set KEY VALUE | unset KEY — the comune’s settings, shared by every desk"),
                             _("Changes are checked, and recorded in the audit trail."), NULL))
    return 2;
  if (argc < 2)
    return sp_cli_usage_error ("%s", _(USAGE));
  sub = argv[1];
  if (!((g_str_equal (sub, "list") && argc == 2) ||
        (g_str_equal (sub, "get") && argc == 3) ||
        (g_str_equal (sub, "set") && argc == 4) ||
        (g_str_equal (sub, "unset") && argc == 3)))
    return sp_cli_usage_error ("%s", _(USAGE));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (g_str_equal (sub, "list"))
    return list_settings (store);

  if (g_str_equal (sub, "get"))
    {
      g_autofree char *value = NULL;

      if (!sp_settings_get (store, argv[2], &value, NULL, &error))
        return sp_cli_fail (error, 1);
      if (value != NULL)
        g_print ("%s\n", value);
      return 0;
    }

  /* "set KEY ''" unsets too: sp_settings_save treats "" as unset. */
  return save_one (store, argv[2], g_str_equal (sub, "set") ? argv[3] : NULL);
}
