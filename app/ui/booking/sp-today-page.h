/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-today-page.h — the Today section: the day's agenda and queue together
 *
 * Booked citizens (by time) and walk-ins (by arrival) in one list, with the
 * time waited so far; check-in, call (Ctrl+N calls the next one), finish.
 * A scanned appointment receipt checks its citizen in on the day.
 */
#pragma once

#include "sp-page.h"
#include "sp-window.h"

G_BEGIN_DECLS

#define SP_TYPE_TODAY_PAGE (sp_today_page_get_type ())

G_DECLARE_FINAL_TYPE (SpTodayPage, sp_today_page, SP, TODAY_PAGE, SpPage)

GtkWidget   *sp_today_page_new          (SpContext   *context);

/* The scanner's handler for appointment receipts: checks the citizen in
 * when the appointment is today, else opens it in the Appointments section. */
gboolean     sp_today_page_scan_open    (SpWindow    *window,
                                         const char  *appointment_uuid);

/* Shows the first section widget of the given type in the window (the
 * sections of issue 6 use it to open each other's records). */
GtkWidget   *sp_today_page_show_section (SpWindow    *window,
                                         GType        type);

G_END_DECLS
