/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-week-view.h — a week of slots, booking by keyboard, the chosen appointment
 *
 * The week of one service at one desk (or every desk): free slots and
 * booked places, day by day. Choosing a free slot then typing the citizen's
 * details and Enter books it and prints the receipt; choosing a booked
 * place selects the appointment, to cancel it, move it to another slot or
 * print its receipt again.
 */
#pragma once

#include "sp-appointment.h"
#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_WEEK_VIEW (sp_week_view_get_type ())

G_DECLARE_FINAL_TYPE (SpWeekView, sp_week_view, SP, WEEK_VIEW, SpPage)

GtkWidget *sp_week_view_new                  (SpContext     *context);
/* The service (0: none chosen) and desk (0: every desk) shown; drops the
 * chosen slot and appointment. */
void       sp_week_view_set_filter           (SpWeekView    *self,
                                              gint64         service_id,
                                              gint64         desk_id);
/* Goes to the appointment's week with it selected (reload to show it). */
void       sp_week_view_select_appointment   (SpWeekView    *self,
                                              SpAppointment *appointment);
/* "First free slot: …, wait N working days", or why there is none; NULL
 * when no service is chosen. */
char      *sp_week_view_dup_first_free_text  (SpWeekView    *self);

G_END_DECLS
