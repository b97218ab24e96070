/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-calendar.h — a desk's calendar for a service: when it takes bookings
 *
 * Each desk has, per service, a calendar: weekly opening intervals (several
 * a day), a slot length and how many citizens a slot takes, optionally for
 * a validity period (summer hours: on a given day the covering calendar
 * with the latest start of validity wins). The rest of the booking
 * calendar has its own files: the services (sp-booking-service.h), the
 * hours as typed (sp-opening-hours.h), closures (sp-closure.h), and the
 * slots with the first free one (sp-slot.h); this header brings them all,
 * for the modules that book.
 */
#pragma once

#include <glib.h>

#include "sp-audit.h"
#include "sp-booking-service.h"
#include "sp-closure.h"
#include "sp-holidays.h"
#include "sp-opening-hours.h"
#include "sp-slot.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* The errors of the whole booking calendar: services, hours, closures,
 * slots. */
#define SP_CALENDAR_ERROR (sp_calendar_error_quark ())

typedef enum
{
  SP_CALENDAR_ERROR_INVALID,      /* hours, dates or numbers not acceptable */
  SP_CALENDAR_ERROR_NOT_FOUND,    /* no such service, desk or calendar */
  SP_CALENDAR_ERROR_NO_SLOT,      /* nothing free within the horizon */
} SpCalendarError;

GQuark sp_calendar_error_quark (void);

#define SP_AUDIT_CALENDAR_SET     "calendar-set"
#define SP_AUDIT_CALENDAR_REMOVE  "calendar-remove"

typedef struct
{
  gint64   id;
  char    *uuid;
  gint64   desk_id;
  char    *desk_name;
  gint64   service_id;
  char    *service_code;
  int      slot_minutes;
  int      capacity;
  char    *valid_from;    /* "YYYY-MM-DD", "0000-01-01" when always */
  char    *valid_to;      /* "9999-12-31" when open-ended */
  GArray  *hours;         /* SpOpeningInterval, by weekday and time */
} SpCalendar;

void        sp_calendar_free   (SpCalendar    *calendar);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCalendar, sp_calendar_free)

/* Creates or replaces the calendar of desk and service for the period
 * (valid_from/valid_to NULL: always). */
SpCalendar *sp_calendar_set    (SpStore       *store,
                                SpActor        actor,
                                gint64         desk_id,
                                gint64         service_id,
                                int            slot_minutes,
                                int            capacity,
                                const char    *valid_from,
                                const char    *valid_to,
                                const GArray  *hours,
                                GError       **error);
gboolean    sp_calendar_remove (SpStore       *store,
                                SpActor        actor,
                                gint64         calendar_id,
                                GError       **error);
/* All calendars of active desks (service_id 0: of every service): a
 * GPtrArray of SpCalendar. */
GPtrArray  *sp_calendar_list   (SpStore       *store,
                                gint64         service_id,
                                GError       **error);

G_END_DECLS
