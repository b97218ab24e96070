/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli.h — shared by the sportello-admin command groups
 *
 * Each group (operators, audit, cf, places, receipt, …) lives in its own
 * sp-cli-<group>.c and has one entry point registered in sportello-admin.c.
 * Exit codes: 0 success, 1 the thing checked is not valid / failed,
 * 2 usage error.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct
{
  char    *database_path;   /* --database, or the default path */
  SpStore *store;           /* opened lazily by sp_cli_open_store() */
} SpCli;

typedef int (*SpCliCommand) (SpCli *cli, int argc, char **argv);

/* Opens the database (migrating it) or prints the error; NULL on failure. */
SpStore *sp_cli_open_store (SpCli *cli);
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
/* One line from standard input without its newline (--password-stdin). */
char    *sp_cli_read_secret_line (void);

G_END_DECLS
