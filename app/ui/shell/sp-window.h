/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window.h — the main window: set-up, sign-in, sections */
#pragma once

#include <adwaita.h>

#include "sp-application.h"
#include "sp-context.h"

G_BEGIN_DECLS

#define SP_TYPE_WINDOW (sp_window_get_type ())

G_DECLARE_FINAL_TYPE (SpWindow, sp_window, SP, WINDOW, AdwApplicationWindow)

SpWindow  *sp_window_new              (SpApplication *application,
                                       SpContext     *context,
                                       GSettings     *settings);
SpContext *sp_window_get_context      (SpWindow      *self);
void       sp_window_show_toast       (SpWindow      *self,
                                       const char    *message);
/* Called by the actions: the lock button, Ctrl+L, the idle timer. */
void       sp_window_lock             (SpWindow      *self);
void       sp_window_focus_scanner    (SpWindow      *self);
/* The paper chosen in Preferences for this desk's receipts. */
int        sp_window_get_paper        (SpWindow      *self);
/* Prints a receipt on the chosen paper with the print dialog. For tests,
 * SPORTELLO_PRINT_TO_PDF=PATH writes the PDF there instead of asking. */
gboolean   sp_window_print_receipt    (SpWindow      *self,
                                       gpointer       receipt,
                                       GtkWindow     *parent,
                                       GError       **error);
void       sp_window_update_actions   (SpWindow      *self);
/* Shows a section (a widget made from the table in sp-sections.c). */
void       sp_window_show_section     (SpWindow      *self,
                                       GtkWidget     *section);
/* Shows the n-th section of the sidebar (1 is the first). */
void       sp_window_go_to_section    (SpWindow      *self,
                                       int            n);

G_END_DECLS
