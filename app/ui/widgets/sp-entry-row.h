/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-entry-row.h — a form row: a title, a text entry, and room for an error
 *
 * Used instead of AdwEntryRow because libadwaita 1.2 hides that row's text
 * from screen readers' focus tracking; here the entry itself carries the
 * row's title as its accessible name and reports focus and text.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_ENTRY_ROW (sp_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (SpEntryRow, sp_entry_row, SP, ENTRY_ROW, AdwActionRow)

GtkWidget *sp_entry_row_get_entry (SpEntryRow *self);
/* Shows a message under the title (and as the entry's description), or
 * clears it with NULL. */
void       sp_entry_row_set_error (SpEntryRow *self,
                                   const char *message);

G_END_DECLS
