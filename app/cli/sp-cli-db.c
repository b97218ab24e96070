/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-db.c — sportello-admin db copy: a whole database, SQLite ⇄ PostgreSQL
 *
 *   db copy --from A --to B [--json]
 *       Copies every row of A into B, which must be new (empty), in one
 *       transaction; a progress bar on a terminal, then the rows per table.
 */
#define G_LOG_DOMAIN "sp-cli-db"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sp-cli-commands.h"
#include "sp-store-copy.h"

#define BAR_WIDTH 30

typedef struct
{
  char   *table;
  gint64  rows;
} TableCount;

typedef struct
{
  gboolean   bar;       /* a progress bar on stderr */
  GArray    *counts;    /* of TableCount, in the order copied */
} CopyRun;

static void
clear_table_count (gpointer data)
{
  g_free (((TableCount *) data)->table);
}

static void
on_copy_progress (const char *table,
                  gint64      table_done,
                  gint64      table_total,
                  gint64      done,
                  gint64      total,
                  gpointer    user_data)
{
  CopyRun *run = user_data;
  TableCount *last = run->counts->len > 0
                     ? &g_array_index (run->counts, TableCount, run->counts->len - 1) : NULL;

  if (last == NULL || !g_str_equal (last->table, table))
    {
      TableCount count = { g_strdup (table), 0 };

      g_array_append_val (run->counts, count);
      last = &g_array_index (run->counts, TableCount, run->counts->len - 1);
    }
  last->rows = table_done;

  if (run->bar)
    {
      int percent = total > 0 ? (int) (done * 100 / total) : 100;
      int filled = percent * BAR_WIDTH / 100;
      char bar[BAR_WIDTH + 1];

      memset (bar, '#', filled);
      memset (bar + filled, ' ', BAR_WIDTH - filled);
      bar[BAR_WIDTH] = '\0';
      /* Padded, so that a shorter table name covers a longer one. */
      g_printerr ("\r[%s] %3d%% %-24s", bar, percent, table);
    }
}

static void
print_summary (const char *from,
               const char *to,
               GArray     *counts,
               gint64      total,
               gboolean    json)
{
  g_autofree char *from_text = sp_store_describe_location (from);
  g_autofree char *to_text = sp_store_describe_location (to);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      sp_cli_json_add_string_or_null (builder, "from", from_text);
      sp_cli_json_add_string_or_null (builder, "to", to_text);
      json_builder_set_member_name (builder, "tables");
      json_builder_begin_object (builder);
      for (guint i = 0; i < counts->len; i++)
        {
          const TableCount *count = &g_array_index (counts, TableCount, i);

          sp_cli_json_add_int (builder, count->table, count->rows);
        }
      json_builder_end_object (builder);
      sp_cli_json_add_int (builder, "total", total);
      json_builder_end_object (builder);
      sp_cli_print_builder (builder, FALSE);
      return;
    }

  g_print (_("Copied %s to %s:\n"), from_text, to_text);
  for (guint i = 0; i < counts->len; i++)
    {
      const TableCount *count = &g_array_index (counts, TableCount, i);

      g_print ("  %-24s %10" G_GINT64_FORMAT "\n", count->table, count->rows);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%lld row in all.\n", "%lld rows in all.\n", total),
           (long long) total);
}

/* A SQLite file the copy made and that should go when it fails. */
static void
remove_new_file (const char *path)
{
  const char *endings[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      g_autofree char *name = g_strconcat (path, endings[i], NULL);

      g_unlink (name);
    }
}

static int
run_copy (SpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The database to copy: a file, or a postgresql:// URI"), N_("LOCATION") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The new, empty database to copy into"), N_("LOCATION") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("The summary as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) source = NULL;
  g_autoptr(SpStore) target = NULL;
  g_autoptr(GArray) counts = NULL;
  gboolean target_is_new_file;
  CopyRun run;
  gint64 total = 0;

  if (!sp_cli_parse_options (&argc, &argv, _("— copy a whole database into a new one"),
                             _("Moves every row, with its ids and uuids, the settings, the keys "
                               "and the audit trail, from a SQLite file to a PostgreSQL database "
                               "or back, in one transaction. The target must be new: a database "
                               "that holds anything is refused and left as it was. Passwords "
                               "come from ~/.pgpass or a prompt. The global --database is not "
                               "used by this command."),
                             entries))
    return 2;
  if (argc != 1 || from == NULL || to == NULL)
    return sp_cli_usage_error (_("Usage: sportello-admin db copy --from LOCATION --to LOCATION [--json]"));

  /* Opening a missing file would make an empty database of it. */
  if (!sp_store_location_is_postgres (from) && !g_file_test (from, G_FILE_TEST_EXISTS))
    {
      g_printerr ("sportello-admin: ");
      g_printerr (_("There is no database “%s” to copy."), from);
      g_printerr ("\n");
      return 1;
    }

  source = sp_cli_open_database (from);
  if (source == NULL)
    return 1;

  target_is_new_file = !sp_store_location_is_postgres (to) && !g_file_test (to, G_FILE_TEST_EXISTS);
  target = sp_cli_open_database (to);
  if (target == NULL)
    return 1;

  counts = g_array_new (FALSE, FALSE, sizeof (TableCount));
  g_array_set_clear_func (counts, clear_table_count);
  run = (CopyRun) { json ? FALSE : isatty (fileno (stderr)), counts };
  if (!sp_store_copy (source, target, on_copy_progress, &run, &error))
    {
      if (run.bar)
        g_printerr ("\n");
      g_clear_object (&target);
      if (target_is_new_file)
        remove_new_file (to);
      return sp_cli_fail (error, 1);
    }
  if (run.bar)
    g_printerr ("\n");

  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, TableCount, i).rows;
  print_summary (from, to, counts, total, json);
  return 0;
}

static const SpCliSubcommand subcommands[] = {
  { "copy", run_copy },
};

const SpCliGroup sp_cli_db_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin db copy --from LOCATION --to LOCATION [--json]")
};
