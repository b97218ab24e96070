/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-calendar-private.h — what the booking calendar's files share */
#pragma once

#include "sp-calendar.h"

G_BEGIN_DECLS

/* Steps stmt to its end, every row made by row_func into a GPtrArray
 * that frees them with free_func: the lists of services, calendars and
 * closures. NULL with error set when the store failed. */
GPtrArray  *sp_calendar_collect_rows  (SpStatement         *stmt,
                                       SpStatementRowFunc   row_func,
                                       GDestroyNotify       free_func,
                                       GError             **error);
/* Takes local_error (or NULL) into error, a missing row
 * (SP_STORE_ERROR_NOT_FOUND) as the module's own error: callers tell a
 * missing service or appointment by its module's code. */
void        sp_calendar_propagate_not_found (GError  **error,
                                             GError   *local_error,
                                             GQuark    domain,
                                             int       not_found_code);
/* SP_CALENDAR_ERROR_INVALID unless day is a "YYYY-MM-DD" date. */
gboolean    sp_calendar_check_day     (const char  *day,
                                       GError     **error);
/* The calendars of a service (0: every one) at a desk (0: every one). */
GPtrArray  *sp_calendar_list_for_desk (SpStore     *store,
                                       gint64       service_id,
                                       gint64       desk_id,
                                       GError     **error);
/* In its own transaction: deletes the row of sql ("… WHERE id = ?1") with
 * its audit record, SP_CALENDAR_ERROR_NOT_FOUND when there is none; then
 * the CIE wait is noted again. The removals of calendars and closures. */
gboolean    sp_calendar_delete_row    (SpStore     *store,
                                       SpActor      actor,
                                       const char  *sql,
                                       gint64       id,
                                       const char  *action,
                                       const char  *not_found,
                                       GError     **error);

G_END_DECLS
