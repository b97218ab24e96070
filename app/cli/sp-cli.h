/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli.h — shared by the sportello-admin command groups
 *
 * Each group (operators, audit, cf, places, receipt, …) lives in its own
 * sp-cli-<group>.c and has one entry point registered in sportello-admin.c;
 * a group of subcommands runs them from a table (sp_cli_run_subcommand).
 * Exit codes: 0 success, 1 the thing checked is not valid / failed,
 * 2 usage error.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct
{
  char    *database_path;   /* --database, or the default path */
  SpStore *store;           /* opened lazily by sp_cli_open_store() */
} SpCli;

typedef int (*SpCliCommand) (SpCli *cli, int argc, char **argv);

typedef struct _SpCliGroup SpCliGroup;

/* A command, or a subcommand of a group: it runs with its own name as
 * argv[0], or when run is NULL names a group of subcommands. The summary
 * is for the list of commands of --help. */
typedef struct
{
  const char       *name;
  SpCliCommand      run;
  const char       *summary;
  const SpCliGroup *group;
} SpCliSubcommand;

/* Subcommands chosen by the word after the group's name; usage (N_())
 * when that word names none. */
struct _SpCliGroup
{
  const SpCliSubcommand *subcommands;
  gsize                  n_subcommands;
  const char            *usage;
};

/* The entry of the table named name, or NULL. */
const SpCliSubcommand *sp_cli_lookup_subcommand (const SpCliSubcommand *table,
                                                 gsize                  n_entries,
                                                 const char            *name);
/* Runs a command, or the subcommand of its group that argv[1] names with
 * the arguments after it; prints the group's usage and returns 2 when
 * argv[1] names none. */
int      sp_cli_run_subcommand (SpCli                 *cli,
                                const SpCliSubcommand *command,
                                int                    argc,
                                char                 **argv);
/* Parses a command's options into the variables of entries (which may be
 * NULL), leaving the arguments in argc/argv; --help prints and exits 0.
 * On a wrong option prints it and returns FALSE: the command returns 2. */
gboolean sp_cli_parse_options  (int                 *argc,
                                char              ***argv,
                                const char          *parameter_string,
                                const char          *summary,
                                const GOptionEntry  *entries);

/* Opens the database (migrating it) or prints the error; NULL on failure. */
SpStore *sp_cli_open_store (SpCli *cli);
/* The same for any location. When a PostgreSQL server asks for a password
 * that ~/.pgpass does not give, asks for it on a terminal (without echo)
 * and fails elsewhere. */
SpStore *sp_cli_open_database (const char *location);
/* Asks on the terminal, without echo, for the password of location;
 * NULL at the end of input. */
char    *sp_cli_prompt_database_password (const char *location);
/* Prints "sportello-admin: <message>" on stderr; returns 2. */
int      sp_cli_usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Prints a GError on stderr; returns the given exit code. */
int      sp_cli_fail        (GError *error, int exit_code);
/* Prints a JsonNode (object or array) on one line, or pretty, on stdout. */
void     sp_cli_print_json  (gpointer json_node, gboolean pretty);
/* Prints what a builder built, as sp_cli_print_json does. */
void     sp_cli_print_builder (JsonBuilder *builder, gboolean pretty);
/* JSON members every command prints alike: a string, or null when it is
 * NULL; a date as "YYYY-MM-DD", or null when it is not valid. */
void     sp_cli_json_add_string_or_null (JsonBuilder *builder,
                                         const char  *name,
                                         const char  *value);
void     sp_cli_json_add_date           (JsonBuilder *builder,
                                         const char  *name,
                                         const GDate *date);
void     sp_cli_json_add_int            (JsonBuilder *builder,
                                         const char  *name,
                                         gint64       value);
void     sp_cli_json_add_boolean        (JsonBuilder *builder,
                                         const char  *name,
                                         gboolean     value);
/* "error": the stable name of error->code in names (or "unknown"), and
 * "message": what it says, for scripts that check codes and documents. */
void     sp_cli_json_add_error          (JsonBuilder        *builder,
                                         const GError       *error,
                                         const char * const *names,
                                         gsize               n_names);

/* Prints a list: when json, one JSON array of an object per item, which
 * add_item builds; else print_item prints each (a line, say). */
typedef void (*SpCliAddItemFunc)   (JsonBuilder *builder,
                                    gpointer     item);
typedef void (*SpCliPrintItemFunc) (gpointer     item);
void     sp_cli_print_items (GPtrArray          *items,
                             gboolean            json,
                             SpCliAddItemFunc    add_item,
                             SpCliPrintItemFunc  print_item);
/* One item alone, as the object add_item builds. */
void     sp_cli_print_item  (SpCliAddItemFunc    add_item,
                             gpointer            item);
/* The same for the items of a list model. */
void     sp_cli_print_model (GListModel         *model,
                             gboolean            json,
                             SpCliAddItemFunc    add_item,
                             SpCliPrintItemFunc  print_item);

/* One line from standard input without its newline (--password-stdin). */
char    *sp_cli_read_secret_line (void);
/* The same for a password that must be there: prints the usage error and
 * returns NULL when there is none (the command then returns 2). */
char    *sp_cli_read_password    (void);

G_END_DECLS
