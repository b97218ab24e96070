/* sp-appointments-page.h — the Appointments section
 *
 * A week view per desk and service with free and booked slots, the first
 * free slot and the wait in working days, booking by keyboard (a slot,
 * then the citizen's details, then Enter), cancel, reschedule, reprint;
 * and, for administrators, a Calendars view: opening hours, slot length,
 * capacity, validity periods and closures.
 */
#pragma once

#include <adwaita.h>

#include "sp-context.h"
#include "sp-receipt.h"

G_BEGIN_DECLS

#define SP_TYPE_APPOINTMENTS_PAGE (sp_appointments_page_get_type ())

G_DECLARE_FINAL_TYPE (SpAppointmentsPage, sp_appointments_page, SP, APPOINTMENTS_PAGE, GtkWidget)

GtkWidget          *sp_appointments_page_new    (SpContext          *context);
void                sp_appointments_page_reload (SpAppointmentsPage *self);
/* Shows the week of an appointment with it selected. */
void                sp_appointments_page_open   (SpAppointmentsPage *self,
                                                 const char         *appointment_uuid);

/* Issues a receipt at the signed-in desk and prints it (the print dialog,
 * or SPORTELLO_PRINT_TO_PDF); shared by the issue-6 screens. */
gboolean            sp_issue_and_print_receipt  (GtkWidget          *widget,
                                                 SpContext          *context,
                                                 SpReceipt          *receipt,
                                                 GError            **error);

G_END_DECLS
