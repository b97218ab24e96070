/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-receipt.h — sportello-admin receipt verify | render */
#pragma once

#include "sp-cli.h"

G_BEGIN_DECLS

extern const SpCliGroup sp_cli_receipt_group;

G_END_DECLS
