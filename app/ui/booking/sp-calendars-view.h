/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-calendars-view.h — the administrators' view of calendars and closures
 *
 * Every desk's calendars with their opening hours, slot length, capacity
 * and validity period; the form for the chosen desk and service; the
 * closures to come and the form to add one.
 */
#pragma once

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_CALENDARS_VIEW (sp_calendars_view_get_type ())

G_DECLARE_FINAL_TYPE (SpCalendarsView, sp_calendars_view, SP, CALENDARS_VIEW, SpPage)

GtkWidget *sp_calendars_view_new        (SpContext       *context);
/* The service (0: none chosen) and desk the form is for. */
void       sp_calendars_view_set_filter (SpCalendarsView *self,
                                         gint64           service_id,
                                         gint64           desk_id);
/* Puts the chosen desk's usual calendar for the service in the form. */
void       sp_calendars_view_fill_form  (SpCalendarsView *self);

G_END_DECLS
