/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-table.h — a breakdown of a report (by desk, by
 * operator) as a table: one row a group, one column a figure, each cell
 * named "Sportello 1, CIE requests: 3" for a screen reader */
#pragma once

#include <gtk/gtk.h>

#include "sp-report.h"

G_BEGIN_DECLS

#define SP_TYPE_SUPERVISION_TABLE (sp_supervision_table_get_type ())

G_DECLARE_FINAL_TYPE (SpSupervisionTable, sp_supervision_table, SP, SUPERVISION_TABLE, GtkWidget)

/* Shows report's rows under the "first-column" heading ("Desk", "Operator",
 * set once); NULL empties the table. */
void sp_supervision_table_show (SpSupervisionTable *self,
                                const SpReport     *report);

G_END_DECLS
