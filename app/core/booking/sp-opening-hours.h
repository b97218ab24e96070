/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-opening-hours.h — a calendar's weekly opening hours, as typed and shown
 *
 * The clerk writes the hours of a desk as one line, "mon-fri
 * 08:30-12:30,14:30-17:00; sat 09:00-12:00", with English or Italian day
 * abbreviations; the calendar keeps them as intervals of minutes from local
 * midnight, several a day, never overlapping.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One weekly opening interval: minutes from local midnight. */
typedef struct
{
  int weekday;        /* 1 Monday … 7 Sunday */
  int start_minute;
  int end_minute;
} SpOpeningInterval;

/* The line into a GArray of SpOpeningInterval, sorted; SP_CALENDAR_ERROR_INVALID
 * when it cannot be read or two intervals overlap. */
GArray   *sp_opening_hours_parse  (const char    *text,
                                   GError       **error);
/* The shortest line that reads back into the same intervals. */
char     *sp_opening_hours_format (const GArray  *hours);
/* Sorts hours (SpOpeningInterval) by weekday and time; FALSE with
 * SP_CALENDAR_ERROR_INVALID when two intervals of a day overlap. */
gboolean  sp_opening_hours_sort   (GArray        *hours,
                                   GError       **error);

/* "08:30" (or "8.30") ⇄ minutes from midnight. */
char     *sp_minute_format        (int            minute);
gboolean  sp_minute_parse         (const char    *text,
                                   int           *out_minute);

G_END_DECLS
