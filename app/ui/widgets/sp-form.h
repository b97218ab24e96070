/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-form.h — small helpers for form rows: names for screen readers and
 * errors shown next to the field */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Gives the text inside an entry row the row's title as accessible name,
 * so a screen reader (and the UI tests) find "Username", not "text". */
void      sp_form_name_entry_row (AdwEntryRow *row);
/* Marks a row as wrong (red, message as subtitle-like tooltip and
 * accessible description) or clears it with message NULL. */
void      sp_form_set_row_error  (GtkWidget   *row,
                                  const char  *message);
/* The trimmed text of an editable, newly allocated. */
char     *sp_form_dup_text       (GtkEditable *editable);

/* A dialog over widget's window asking for one line of text: entry (named
 * entry_name for screen readers) under the heading, Cancel, and a
 * suggested response that Enter in a GtkEntry gives. The entry is kept on
 * the dialog as "entry"; connect its "changed" to enable the response as
 * it is typed. */
AdwMessageDialog *sp_form_entry_dialog_new     (GtkWidget        *widget,
                                                const char       *heading,
                                                GtkWidget        *entry,
                                                const char       *entry_name,
                                                const char       *response,
                                                const char       *response_label);
/* Enter in a GtkPasswordEntry answers the dialog's default response from
 * an idle, and the focus leaves the entry before the dialog closes: GTK
 * 4.8's password entry goes on using itself after "activate" and after
 * its disposal, and crashed when the dialog went with it. */
void              sp_form_answer_on_activate   (GtkWidget        *entry,
                                                AdwMessageDialog *dialog);
/* Checks the entry once ("changed"), shows the dialog, focuses the entry. */
void              sp_form_entry_dialog_present (AdwMessageDialog *dialog);

G_END_DECLS
