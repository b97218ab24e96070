/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-appointments-page.h — the Appointments section
 *
 * A week view per desk and service with free and booked slots, the first
 * free slot and the wait in working days, booking by keyboard (a slot,
 * then the citizen's details, then Enter), cancel, reschedule, reprint
 * (sp-week-view.h); and, for administrators, a Calendars view: opening
 * hours, slot length, capacity, validity periods and closures
 * (sp-calendars-view.h). The page holds the choice of service and desk.
 */
#pragma once

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_APPOINTMENTS_PAGE (sp_appointments_page_get_type ())

G_DECLARE_FINAL_TYPE (SpAppointmentsPage, sp_appointments_page, SP, APPOINTMENTS_PAGE, SpPage)

GtkWidget *sp_appointments_page_new  (SpContext          *context);
/* Shows the week of an appointment with it selected. */
void       sp_appointments_page_open (SpAppointmentsPage *self,
                                      const char         *appointment_uuid);

G_END_DECLS
