/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-appointment.h — booked appointments, walk-ins and the day's queue
 *
 * A booked appointment holds one place ("seat") of a calendar slot; the
 * database refuses a second live appointment on the same seat (a unique
 * index) and booking runs in one BEGIN IMMEDIATE transaction that checks
 * the slot's capacity, so two desks booking at the same moment cannot both
 * win. This module is the only one that writes the appointments table. Walk-ins join the same day's queue with a ticket number.
 *
 *   booked ─check in→ waiting ─call→ called ─serve→ serving ─finish→ served
 *     │                 (walk-ins start waiting)
 *     ├─cancel→ cancelled      ├─reschedule→ rescheduled (a new booking)
 *     └─(grace period passed, not arrived)→ no-show
 *
 * Functions that depend on the time take "now" (µs since the epoch).
 */
#pragma once

#include <gio/gio.h>

#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-receipt.h"
#include "sp-setting-keys.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_APPOINTMENT_ERROR (sp_appointment_error_quark ())

typedef enum
{
  SP_APPOINTMENT_ERROR_INVALID,      /* the citizen's data or the slot is not acceptable */
  SP_APPOINTMENT_ERROR_NOT_FOUND,
  SP_APPOINTMENT_ERROR_NO_SUCH_SLOT, /* the calendar has no such slot that day */
  SP_APPOINTMENT_ERROR_SLOT_TAKEN,   /* every place of the slot is booked */
  SP_APPOINTMENT_ERROR_PAST,         /* the slot already started */
  SP_APPOINTMENT_ERROR_STATE,        /* not possible in the appointment's state */
  SP_APPOINTMENT_ERROR_NOT_TODAY,    /* check-in on another day */
  SP_APPOINTMENT_ERROR_QUEUE_EMPTY,  /* nobody is waiting */
} SpAppointmentError;

GQuark sp_appointment_error_quark (void);

#define SP_AUDIT_APPOINTMENT_BOOK       "appointment-book"
#define SP_AUDIT_APPOINTMENT_WALK_IN    "appointment-walk-in"
#define SP_AUDIT_APPOINTMENT_CANCEL     "appointment-cancel"
#define SP_AUDIT_APPOINTMENT_RESCHEDULE "appointment-reschedule"
#define SP_AUDIT_APPOINTMENT_CHECK_IN   "appointment-check-in"
#define SP_AUDIT_APPOINTMENT_CALL       "appointment-call"
#define SP_AUDIT_APPOINTMENT_SERVE      "appointment-serve"
#define SP_AUDIT_APPOINTMENT_FINISH     "appointment-finish"
#define SP_AUDIT_APPOINTMENT_NO_SHOW    "appointment-no-show"

/* Settings. */
#define SP_NO_SHOW_GRACE_DEFAULT  15
/* What to bring for a service: the setting SP_SETTING_BRING_PREFIX "<code>"
 * SP_SETTING_BRING_SUFFIX overrides the table. */

/* The nicks are the states stored in the database. */
typedef enum
{
  SP_APPOINTMENT_BOOKED,      /*< nick=booked >*/
  SP_APPOINTMENT_WAITING,     /*< nick=waiting >*/
  SP_APPOINTMENT_CALLED,      /*< nick=called >*/
  SP_APPOINTMENT_SERVING,     /*< nick=serving >*/
  SP_APPOINTMENT_SERVED,      /*< nick=served >*/
  SP_APPOINTMENT_CANCELLED,   /*< nick=cancelled >*/
  SP_APPOINTMENT_NO_SHOW,     /*< nick=no-show >*/
  SP_APPOINTMENT_RESCHEDULED, /*< nick=rescheduled >*/
} SpAppointmentState;

/* Booked in a slot, or come without one (a ticket of the day's queue). */
typedef enum
{
  SP_APPOINTMENT_KIND_BOOKED,  /*< nick=booked >*/
  SP_APPOINTMENT_KIND_WALK_IN, /*< nick=walk-in >*/
} SpAppointmentKind;

const char *sp_appointment_state_to_string   (SpAppointmentState state);
gboolean    sp_appointment_state_from_string (const char         *text,
                                              SpAppointmentState *out);
/* Translated, for the screens. */
const char *sp_appointment_state_get_label   (SpAppointmentState state);

/* What the clerk types when booking. */
typedef struct
{
  const char *surname;
  const char *given_name;
  const char *codice_fiscale;  /* optional */
  const char *phone;           /* optional */
  const char *email;           /* optional */
  const char *notes;           /* optional */
} SpAppointmentCitizen;

#define SP_TYPE_APPOINTMENT (sp_appointment_get_type ())

G_DECLARE_FINAL_TYPE (SpAppointment, sp_appointment, SP, APPOINTMENT, GObject)

gint64              sp_appointment_get_id            (SpAppointment *self);
const char         *sp_appointment_get_uuid          (SpAppointment *self);
SpAppointmentKind   sp_appointment_get_kind          (SpAppointment *self);
gboolean            sp_appointment_is_walk_in        (SpAppointment *self);
gint64              sp_appointment_get_service_id    (SpAppointment *self);
const char         *sp_appointment_get_service_code  (SpAppointment *self);
const char         *sp_appointment_get_service_name  (SpAppointment *self);
gint64              sp_appointment_get_desk_id       (SpAppointment *self);
const char         *sp_appointment_get_desk_name     (SpAppointment *self);
/* The desk that called the citizen ("" until called). */
const char         *sp_appointment_get_called_desk_name (SpAppointment *self);
const char         *sp_appointment_get_day           (SpAppointment *self);
/* -1 for walk-ins. */
int                 sp_appointment_get_start_minute  (SpAppointment *self);
int                 sp_appointment_get_end_minute    (SpAppointment *self);
/* The local start of the slot in µs since the epoch; 0 for walk-ins. */
gint64              sp_appointment_get_start_time    (SpAppointment *self);
/* 0 for booked appointments. */
int                 sp_appointment_get_ticket        (SpAppointment *self);
SpAppointmentState  sp_appointment_get_state         (SpAppointment *self);
const char         *sp_appointment_get_surname       (SpAppointment *self);
const char         *sp_appointment_get_given_name    (SpAppointment *self);
const char         *sp_appointment_get_codice_fiscale (SpAppointment *self);
const char         *sp_appointment_get_phone         (SpAppointment *self);
const char         *sp_appointment_get_email         (SpAppointment *self);
const char         *sp_appointment_get_notes         (SpAppointment *self);
const char         *sp_appointment_get_cancel_reason (SpAppointment *self);
/* Times in µs since the epoch, 0 when not yet. */
gint64              sp_appointment_get_arrived_at    (SpAppointment *self);
gint64              sp_appointment_get_called_at     (SpAppointment *self);
gint64              sp_appointment_get_served_from   (SpAppointment *self);
gint64              sp_appointment_get_served_to     (SpAppointment *self);
/* "Rossi Mario", or "Ticket 7" for a walk-in without a name. */
char               *sp_appointment_dup_display_name  (SpAppointment *self);

SpAppointment *sp_appointment_load          (SpStore                    *store,
                                             const char                 *uuid,
                                             GError                    **error);
/* Books a place in the slot of desk and service starting at start_minute
 * on day. SLOT_TAKEN when full, NO_SUCH_SLOT, PAST when it started before
 * now. uuid: the new appointment's (NULL: a new one); given again, after
 * an attempt whose outcome was unknown, it returns the appointment that
 * attempt wrote, if it did (sp-pending-write.h). */
SpAppointment *sp_appointment_book          (SpStore                    *store,
                                             SpActor                     actor,
                                             const char                 *uuid,
                                             gint64                      service_id,
                                             gint64                      desk_id,
                                             const char                 *day,
                                             int                         start_minute,
                                             const SpAppointmentCitizen *citizen,
                                             gint64                      now,
                                             GError                    **error);
/* A walk-in joins today's queue with the next ticket number. The citizen
 * may be NULL (a ticket only); uuid as for sp_appointment_book(). */
SpAppointment *sp_appointment_walk_in       (SpStore                    *store,
                                             SpActor                     actor,
                                             const char                 *uuid,
                                             gint64                      service_id,
                                             const SpAppointmentCitizen *citizen,
                                             gint64                      now,
                                             GError                    **error);
/* Moves a booked appointment to another slot: a new appointment with the
 * same citizen; the old one ends as rescheduled. */
SpAppointment *sp_appointment_reschedule    (SpStore                    *store,
                                             SpActor                     actor,
                                             const char                 *uuid,
                                             gint64                      desk_id,
                                             const char                 *day,
                                             int                         start_minute,
                                             gint64                      now,
                                             GError                    **error);
gboolean       sp_appointment_cancel        (SpStore                    *store,
                                             SpActor                     actor,
                                             const char                 *uuid,
                                             const char                 *reason,
                                             GError                    **error);
/* Arrival at the desk, only on the appointment's day. */
gboolean       sp_appointment_check_in      (SpStore                    *store,
                                             SpActor                     actor,
                                             const char                 *uuid,
                                             gint64                      now,
                                             GError                    **error);
/* Calls a waiting citizen to the actor's desk. */
gboolean       sp_appointment_call          (SpStore                    *store,
                                             SpActor                     actor,
                                             const char                 *uuid,
                                             gint64                      now,
                                             GError                    **error);
/* Calls the next waiting citizen of today (booked ones by their slot time,
 * walk-ins by arrival, interleaved): QUEUE_EMPTY when nobody waits. */
SpAppointment *sp_appointment_call_next     (SpStore                    *store,
                                             SpActor                     actor,
                                             gint64                      now,
                                             GError                    **error);
gboolean       sp_appointment_start_serving (SpStore                    *store,
                                             SpActor                     actor,
                                             const char                 *uuid,
                                             gint64                      now,
                                             GError                    **error);
gboolean       sp_appointment_finish        (SpStore                    *store,
                                             SpActor                     actor,
                                             const char                 *uuid,
                                             gint64                      now,
                                             GError                    **error);
/* Marks as no-show every booked appointment not checked in whose slot
 * started more than the grace period (setting) before now. Returns how
 * many, or -1 on error. */
int            sp_appointment_mark_no_shows (SpStore                    *store,
                                             SpActor                     actor,
                                             gint64                      now,
                                             GError                    **error);

/* The day's last limit calls, the latest first (the waiting-room screen):
 * called, being served or served since. */
GListModel    *sp_appointment_list_called   (SpStore                    *store,
                                             const char                 *day,
                                             guint                       limit,
                                             GError                    **error);
/* The day's agenda and queue together, in order (desk_id 0: every desk):
 * booked appointments by time, walk-ins by arrival. */
GListModel    *sp_appointment_list_day      (SpStore                    *store,
                                             const char                 *day,
                                             gint64                      desk_id,
                                             GError                    **error);
/* Live appointments of a service in [first_day, last_day] (week view). */
GListModel    *sp_appointment_list_range    (SpStore                    *store,
                                             gint64                      service_id,
                                             gint64                      desk_id,
                                             const char                 *first_day,
                                             const char                 *last_day,
                                             GError                    **error);
/* Upcoming and past appointments of a citizen, newest first. */
GListModel    *sp_appointment_search        (SpStore                    *store,
                                             const char                 *text,
                                             GError                    **error);

/* Sets the booked count of each slot of slots (SpSlot, all of day) from
 * the live appointments of the service (the slots' own query). */
gboolean       sp_appointment_count_booked  (SpStore                    *store,
                                             gint64                      service_id,
                                             const char                 *day,
                                             GPtrArray                  *slots,
                                             GError                    **error);

/* Reminders (sp-reminder.h): booked appointments of [first_day, last_day]
 * with an email and no reminder queued yet, booked at or before
 * booked_before, by day and time. Read without locking the database. */
GListModel    *sp_appointment_list_unreminded (SpStore                  *store,
                                               const char               *first_day,
                                               const char               *last_day,
                                               gint64                    booked_before,
                                               GError                  **error);
/* In the caller's transaction: notes that the reminder is queued, unless
 * it already was (another desk got there first): *marked says whether
 * this call did. */
gboolean       sp_appointment_mark_reminder_queued (SpStore             *store,
                                                    SpAppointment       *self,
                                                    gint64               now,
                                                    gboolean            *marked,
                                                    GError             **error);

/* Retention: empties the citizen's data of appointments closed (served,
 * cancelled, no-show, rescheduled) whose day is before cutoff_day, in the
 * caller's transaction. cutoff (µs) is unused, for the erasers' common
 * signature. Returns how many rows changed, or -1 with error set. */
gint64         sp_appointment_erase_closed_before (SpStore              *store,
                                                   gint64                cutoff,
                                                   const char           *cutoff_day,
                                                   GError              **error);

/* The receipt of a booked appointment (not issued yet): date, time, desk,
 * address, what to bring. */
SpReceipt     *sp_appointment_build_receipt (SpStore                    *store,
                                             SpAppointment              *self,
                                             GError                    **error);
/* The list of things to bring for a service: the setting, else the
 * service's own list. */
char          *sp_appointment_dup_bring     (SpStore                    *store,
                                             gint64                      service_id);

G_END_DECLS
