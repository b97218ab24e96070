/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-receipt.h — sportello-admin receipt verify | render */
#pragma once

#include "sp-cli.h"

G_BEGIN_DECLS

int sp_cli_receipt (SpCli *cli, int argc, char **argv);

G_END_DECLS
