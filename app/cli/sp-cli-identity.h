/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-identity.h — sportello-admin cf, mrz and places */
#pragma once

#include "sp-cli.h"
#include "sp-places.h"

G_BEGIN_DECLS

int       sp_cli_mrz         (SpCli *cli, int argc, char **argv);

extern const SpCliGroup sp_cli_cf_group;
extern const SpCliGroup sp_cli_places_group;

/* The places in use: the database's imported lists when the database
 * exists, else the built-in ones. Prints the error; NULL on failure. */
SpPlaces *sp_cli_load_places (SpCli *cli);

G_END_DECLS
