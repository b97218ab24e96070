/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-commands.h — the entry points of sportello-admin's commands */
#pragma once

#include "sp-cli.h"
#include "sp-cli-identity.h"
#include "sp-cli-receipt.h"

G_BEGIN_DECLS

int sp_cli_init      (SpCli *cli, int argc, char **argv);
int sp_cli_operators (SpCli *cli, int argc, char **argv);
int sp_cli_desks     (SpCli *cli, int argc, char **argv);
int sp_cli_audit     (SpCli *cli, int argc, char **argv);
int sp_cli_backup    (SpCli *cli, int argc, char **argv);
int sp_cli_check     (SpCli *cli, int argc, char **argv);
int sp_cli_calendar  (SpCli *cli, int argc, char **argv);
int sp_cli_appointments (SpCli *cli, int argc, char **argv);
int sp_cli_queue     (SpCli *cli, int argc, char **argv);
int sp_cli_report    (SpCli *cli, int argc, char **argv);
int sp_cli_services  (SpCli *cli, int argc, char **argv);
int sp_cli_opendata  (SpCli *cli, int argc, char **argv);
int sp_cli_dayclose  (SpCli *cli, int argc, char **argv);
int sp_cli_retention (SpCli *cli, int argc, char **argv);
int sp_cli_settings  (SpCli *cli, int argc, char **argv);
int sp_cli_demo      (SpCli *cli, int argc, char **argv);

extern const SpCliGroup sp_cli_db_group;
extern const SpCliGroup sp_cli_server_group;
extern const SpCliGroup sp_cli_popup_group;
extern const SpCliGroup sp_cli_bundle_group;
extern const SpCliGroup sp_cli_spid_group;
extern const SpCliGroup sp_cli_spid_seal_group;

G_END_DECLS
