/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slot.h — the slots of a day, the first free one, and the wait
 *
 * From the calendars, closures and holidays: the slots of a day with how
 * many places are booked, and the first free slot with the wait in working
 * days — the figure every screen and report quotes. Errors are of
 * SP_CALENDAR_ERROR (sp-calendar.h).
 */
#pragma once

#include <glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* How far ahead the first free slot is looked for, in days. */
#define SP_SLOT_HORIZON_DAYS 366

typedef struct
{
  gint64  desk_id;
  char   *desk_name;
  char    day[11];        /* "YYYY-MM-DD" */
  int     start_minute;
  int     end_minute;
  int     capacity;
  int     booked;
} SpSlot;

void        sp_slot_free              (SpSlot       *slot);
SpSlot     *sp_slot_copy              (const SpSlot *slot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSlot, sp_slot_free)

/* Why a day has no slots, for the screens: NULL when it is open, else a
 * translated reason ("Easter Monday", "Closed: …", "No opening hours"). */
char       *sp_slot_day_closed_reason (SpStore      *store,
                                       gint64        service_id,
                                       gint64        desk_id,
                                       const char   *day,
                                       GError      **error);
/* Every slot of the day (desk_id 0: of every desk), with how many are
 * booked, sorted by time then desk: a GPtrArray of SpSlot. */
GPtrArray  *sp_slot_list_day          (SpStore      *store,
                                       gint64        service_id,
                                       gint64        desk_id,
                                       const char   *day,
                                       GError      **error);
/* The first slot with a free place that starts after now (µs since the
 * epoch), within the horizon; SP_CALENDAR_ERROR_NO_SLOT when none. */
SpSlot     *sp_slot_first_free        (SpStore      *store,
                                       gint64        service_id,
                                       gint64        desk_id,
                                       gint64        now,
                                       GError      **error);
/* The wait for a day in working days counted from today's date; -1 when
 * day is not a date. */
int         sp_slot_wait_working_days (SpStore      *store,
                                       const GDate  *today,
                                       const char   *day);

G_END_DECLS
