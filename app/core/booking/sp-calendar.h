/* sp-calendar.h — services, opening hours, closures and free slots
 *
 * Each desk has, per service, a calendar: weekly opening intervals (several
 * a day), a slot length and how many citizens a slot takes, optionally for
 * a validity period (summer hours: on a given day the covering calendar
 * with the latest start of validity wins). Closures remove single days or
 * ranges for the whole office or one desk; national holidays and the
 * patron's day are never open. From these, the slots of a day and the
 * first free slot — with the wait in working days, the figure every screen
 * and report quotes.
 */
#pragma once

#include <glib.h>

#include "sp-audit.h"
#include "sp-holidays.h"
#include "sp-store.h"

G_BEGIN_DECLS

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
#define SP_AUDIT_CLOSURE_ADD      "closure-add"
#define SP_AUDIT_CLOSURE_REMOVE   "closure-remove"
#define SP_AUDIT_SERVICE_SET      "service-set"

/* How far ahead the first free slot is looked for, in days. */
#define SP_CALENDAR_HORIZON_DAYS 366

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *code;     /* "cie", "spid", … */
  char   *name;
  char   *bring;    /* what to bring, one item a line (English for the built-in ones) */
} SpBookingService;

void        sp_booking_service_free       (SpBookingService  *service);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpBookingService, sp_booking_service_free)

SpBookingService  *sp_booking_service_lookup     (SpStore     *store,
                                   const char  *code,
                                   GError     **error);
SpBookingService  *sp_booking_service_lookup_by_id (SpStore   *store,
                                   gint64       id,
                                   GError     **error);
/* Every active service: a GPtrArray of SpBookingService. */
GPtrArray  *sp_booking_service_list       (SpStore     *store,
                                   GError     **error);
/* Adds a service, or renames it and sets what to bring. */
SpBookingService  *sp_booking_service_set        (SpStore     *store,
                                   SpActor      actor,
                                   const char  *code,
                                   const char  *name,
                                   const char  *bring,
                                   GError     **error);

/* One weekly opening interval: minutes from local midnight. */
typedef struct
{
  int weekday;        /* 1 Monday … 7 Sunday */
  int start_minute;
  int end_minute;
} SpOpeningInterval;

/* "mon-fri 08:30-12:30,14:30-17:00; sat 09:00-12:00" (English or Italian
 * day abbreviations) into a GArray of SpOpeningInterval. */
GArray     *sp_opening_hours_parse  (const char   *text,
                                     GError      **error);
char       *sp_opening_hours_format (const GArray *hours);

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

void        sp_calendar_free      (SpCalendar *calendar);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCalendar, sp_calendar_free)

/* Creates or replaces the calendar of desk and service for the period
 * (valid_from/valid_to NULL: always). */
SpCalendar *sp_calendar_set       (SpStore                 *store,
                                   SpActor                  actor,
                                   gint64                   desk_id,
                                   gint64                   service_id,
                                   int                      slot_minutes,
                                   int                      capacity,
                                   const char              *valid_from,
                                   const char              *valid_to,
                                   const GArray            *hours,
                                   GError                 **error);
gboolean    sp_calendar_remove    (SpStore                 *store,
                                   SpActor                  actor,
                                   gint64                   calendar_id,
                                   GError                 **error);
/* All calendars (service_id 0: of every service): GPtrArray of SpCalendar. */
GPtrArray  *sp_calendar_list      (SpStore                 *store,
                                   gint64                   service_id,
                                   GError                 **error);

typedef struct
{
  gint64  id;
  char   *uuid;
  gint64  desk_id;      /* 0: the whole office */
  char   *desk_name;    /* NULL for the whole office */
  char   *first_day;
  char   *last_day;
  char   *reason;
} SpClosure;

void        sp_closure_free       (SpClosure *closure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpClosure, sp_closure_free)

SpClosure  *sp_closure_add        (SpStore     *store,
                                   SpActor      actor,
                                   gint64       desk_id,
                                   const char  *first_day,
                                   const char  *last_day,
                                   const char  *reason,
                                   GError     **error);
gboolean    sp_closure_remove     (SpStore     *store,
                                   SpActor      actor,
                                   gint64       closure_id,
                                   GError     **error);
/* Closures ending on or after from_day (NULL: all): GPtrArray of SpClosure. */
GPtrArray  *sp_closure_list       (SpStore     *store,
                                   const char  *from_day,
                                   GError     **error);

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

void        sp_slot_free          (SpSlot *slot);
SpSlot     *sp_slot_copy          (const SpSlot *slot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSlot, sp_slot_free)
/* "08:30" */
char       *sp_minute_format      (int minute);
gboolean    sp_minute_parse       (const char *text,
                                   int        *out_minute);

/* Why a day has no slots, for the screens: NULL when it is open, else a
 * translated reason ("Easter Monday", "Closed: …", "No opening hours"). */
char       *sp_calendar_day_closed_reason (SpStore     *store,
                                           gint64       service_id,
                                           gint64       desk_id,
                                           const char  *day,
                                           GError     **error);
/* Every slot of the day (desk_id 0: of every desk), with how many are
 * booked, sorted by time then desk: a GPtrArray of SpSlot. */
GPtrArray  *sp_calendar_day_slots (SpStore     *store,
                                   gint64       service_id,
                                   gint64       desk_id,
                                   const char  *day,
                                   GError     **error);
/* The first slot with a free place that starts after now (µs since the
 * epoch), within the horizon; SP_CALENDAR_ERROR_NO_SLOT when none. */
SpSlot     *sp_calendar_first_free (SpStore    *store,
                                    gint64      service_id,
                                    gint64      desk_id,
                                    gint64      now,
                                    GError    **error);
/* The wait for a day in working days counted from today's date. */
int         sp_calendar_wait_working_days (SpStore     *store,
                                           const GDate *today,
                                           const char  *day);

G_END_DECLS
