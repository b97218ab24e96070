/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-page.h — the base of every view over the context
 *
 * A page of the main window (Today, Identify, CIE, Appointments, Records,
 * Supervision, sign-in and set-up) or a panel inside one holds the context
 * it was made with, reaches the store through it, says things with toasts
 * and prints receipts at the signed-in desk: here, once, for all of them
 * (as GNOME Calendar's GcalView does for its views).
 */
#pragma once

#include <adwaita.h>

#include "sp-context.h"
#include "sp-receipt.h"

G_BEGIN_DECLS

#define SP_TYPE_PAGE (sp_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (SpPage, sp_page, SP, PAGE, GtkWidget)

struct _SpPageClass
{
  GtkWidgetClass parent_class;

  /* Reads again what the page shows (after a change made elsewhere). */
  void (*reload) (SpPage *self);

  /* TRUE: reload each time the page is shown, for what others change
   * meanwhile (bookings, records, the audit trail, the day's counts). */
  gboolean reload_on_map;
  /* TRUE (with reload_on_map): also while it shows, whenever another desk
   * changes something (the day's queue, the week, the counts). Not for
   * lists a clerk works through row by row (records, operators): a list
   * rebuilt under the pointer loses a click. */
  gboolean reload_on_change;

  gpointer padding[7];
};

SpContext *sp_page_get_context             (SpPage      *self);
SpStore   *sp_page_get_store               (SpPage      *self);
void       sp_page_reload                  (SpPage      *self);

/* A toast in the window the page is in (the main window or Preferences). */
void       sp_page_show_toast              (SpPage      *self,
                                            const char  *message);
/* The error's message, or fallback when there is none. */
void       sp_page_show_error              (SpPage       *self,
                                            const GError *error,
                                            const char   *fallback);

/* The uuid for the new row of a write of input (what the clerk asked
 * for, as text): kept from an attempt at the same input whose outcome was
 * unknown (the server went during COMMIT), so that doing it again writes
 * nothing twice (sp-pending-write.h). end_write() after the attempt, with
 * its error or NULL. */
const char *sp_page_begin_write            (SpPage       *self,
                                            const char   *input);
void       sp_page_end_write               (SpPage       *self,
                                            const GError *error);

/* Issues a receipt at the signed-in desk, in the desk's language, and
 * prints it: see sp_receipt_print_issue(). */
gboolean   sp_page_issue_and_print_receipt (SpPage      *self,
                                            SpReceipt   *receipt,
                                            GError     **error);
/* Prints a duplicate of the latest receipt of a record. */
gboolean   sp_page_reprint_receipt         (SpPage        *self,
                                            SpReceiptKind  kind,
                                            const char    *record_uuid,
                                            GError       **error);

G_END_DECLS
