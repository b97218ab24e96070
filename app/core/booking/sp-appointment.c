/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-appointment.c — booked appointments, walk-ins and the day's queue */
#define G_LOG_DOMAIN "sp-appointment"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sp-appointment.h"
#include "sp-calendar-private.h"
#include "sp-cie-wait.h"
#include "sp-desk.h"
#include "sp-enum.h"
#include "sp-error.h"
#include "sp-holidays.h"
#include "sp-record.h"
#include "sp-setting-keys.h"

G_DEFINE_QUARK (sp-appointment-error-quark, sp_appointment_error)

struct _SpAppointment
{
  GObject             parent_instance;

  gint64              id;
  char               *uuid;
  SpAppointmentKind   kind;
  gint64              service_id;
  char               *service_code;
  char               *service_name;
  gint64              desk_id;
  char               *desk_name;
  char               *day;
  int                 start_minute;
  int                 end_minute;
  int                 ticket;
  SpAppointmentState  state;
  char               *surname;
  char               *given_name;
  char               *codice_fiscale;
  char               *phone;
  char               *email;
  char               *notes;
  char               *cancel_reason;
  gint64              arrived_at;
  gint64              called_at;
  gint64              served_from;
  gint64              served_to;
  char               *called_desk_name;
  gint64              queue_key;   /* cached: slot start or arrival */
};

/* What a booking, a walk-in or a reschedule is given, and the new row's id. */
typedef struct
{
  SpActor                     actor;
  gint64                      service_id;
  gint64                      desk_id;
  const char                 *day;
  int                         start_minute;
  const SpAppointmentCitizen *citizen;
  const char                 *uuid;      /* the appointment moved */
  const char                 *new_uuid;  /* the new one's, or NULL */
  gint64                      now;
  gint64                      id;        /* out */
} Booking;

/* The changes of state of the diagram in sp-appointment.h. */
typedef enum
{
  CHANGE_CANCEL,
  CHANGE_CHECK_IN,
  CHANGE_CALL,
  CHANGE_CALL_NEXT,
  CHANGE_SERVE,
  CHANGE_FINISH,
  CHANGE_NO_SHOW,
  CHANGE_RESCHEDULE,
} Change;

#define BIT(s) (1u << (s))

/* For each change, the states it starts from, where it leads, the time
 * column it sets and the audit action it writes. */
static const struct
{
  guint               allowed_mask;
  SpAppointmentState  to;
  const char         *time_column;
  const char         *action;
  gboolean            today_only;
} transitions[] = {
  [CHANGE_CANCEL] = { BIT (SP_APPOINTMENT_BOOKED) | BIT (SP_APPOINTMENT_WAITING),
                      SP_APPOINTMENT_CANCELLED, NULL, SP_AUDIT_APPOINTMENT_CANCEL, FALSE },
  /* A citizen late beyond the grace period may still be let in. */
  [CHANGE_CHECK_IN] = { BIT (SP_APPOINTMENT_BOOKED) | BIT (SP_APPOINTMENT_NO_SHOW),
                        SP_APPOINTMENT_WAITING, "arrived_at", SP_AUDIT_APPOINTMENT_CHECK_IN, TRUE },
  [CHANGE_CALL] = { BIT (SP_APPOINTMENT_WAITING) | BIT (SP_APPOINTMENT_CALLED),
                    SP_APPOINTMENT_CALLED, "called_at", SP_AUDIT_APPOINTMENT_CALL, TRUE },
  [CHANGE_CALL_NEXT] = { BIT (SP_APPOINTMENT_WAITING),
                         SP_APPOINTMENT_CALLED, "called_at", SP_AUDIT_APPOINTMENT_CALL, FALSE },
  [CHANGE_SERVE] = { BIT (SP_APPOINTMENT_CALLED),
                     SP_APPOINTMENT_SERVING, "served_from", SP_AUDIT_APPOINTMENT_SERVE, FALSE },
  [CHANGE_FINISH] = { BIT (SP_APPOINTMENT_SERVING),
                      SP_APPOINTMENT_SERVED, "served_to", SP_AUDIT_APPOINTMENT_FINISH, FALSE },
  [CHANGE_NO_SHOW] = { BIT (SP_APPOINTMENT_BOOKED),
                       SP_APPOINTMENT_NO_SHOW, NULL, SP_AUDIT_APPOINTMENT_NO_SHOW, FALSE },
  [CHANGE_RESCHEDULE] = { BIT (SP_APPOINTMENT_BOOKED),
                          SP_APPOINTMENT_RESCHEDULED, NULL, SP_AUDIT_APPOINTMENT_RESCHEDULE, FALSE },
};

/* A change of state in its own transaction (one appointment, the next in
 * the queue, the no-shows), and what it changed. */
typedef struct
{
  SpActor      actor;
  const char  *uuid;
  Change       change;
  gint64       now;
  const char  *reason;
  gint64       id;                /* out */
  int          n_changed;         /* out */
} StateChange;

/* The citizen's data as stored: trimmed, NULL when empty, the codice
 * fiscale in capitals. */
typedef struct
{
  char *surname;
  char *given_name;
  char *codice_fiscale;
  char *phone;
  char *email;
  char *notes;
} CitizenRow;

G_DEFINE_FINAL_TYPE (SpAppointment, sp_appointment, G_TYPE_OBJECT)

static const char * const state_labels[] = {
  N_("Booked"), N_("Waiting"), N_("Called"), N_("Being served"), N_("Served"),
  N_("Cancelled"), N_("No-show"), N_("Rescheduled"),
};

/* The built-in lists of things to bring, as stored by the 0005 migration:
 * marked here so that receipts print them in the citizen's language. */
static const char * const builtin_bring[] G_GNUC_UNUSED = {
  N_("A recent passport-size photo (paper, or JPEG of at least 400 dpi and at most 500 KB)"),
  N_("The health card (tessera sanitaria)"),
  N_("The old identity card, or the police report of its loss or theft"),
  N_("For a first issue: another valid identity document, or two witnesses"),
  N_("Minors: both parents"),
  N_("A valid identity document"),
  N_("Your mobile phone and email address"),
};

const char *
sp_appointment_state_to_string (SpAppointmentState state)
{
  const char *nick = sp_enum_to_nick (SP_TYPE_APPOINTMENT_STATE, state);

  g_return_val_if_fail (nick != NULL, NULL);
  return nick;
}

gboolean
sp_appointment_state_from_string (const char         *text,
                                  SpAppointmentState *out)
{
  return sp_enum_from_nick (SP_TYPE_APPOINTMENT_STATE, text, (int *) out);
}

const char *
sp_appointment_state_get_label (SpAppointmentState state)
{
  g_return_val_if_fail (state <= SP_APPOINTMENT_RESCHEDULED, NULL);
  return _(state_labels[state]);
}

/* In the order of APPOINTMENT_COLUMNS. */
static const SpRecordField appointment_fields[] = {
  SP_RECORD_FIELD ("id", SP_RECORD_INT64, SpAppointment, id),
  SP_RECORD_FIELD ("uuid", SP_RECORD_STRING, SpAppointment, uuid),
  SP_RECORD_ENUM_FIELD ("kind", SpAppointment, kind, sp_appointment_kind_get_type),
  SP_RECORD_FIELD ("service-id", SP_RECORD_INT64, SpAppointment, service_id),
  SP_RECORD_FIELD ("service-code", SP_RECORD_STRING, SpAppointment, service_code),
  SP_RECORD_FIELD ("service-name", SP_RECORD_STRING, SpAppointment, service_name),
  SP_RECORD_FIELD ("desk-id", SP_RECORD_INT64, SpAppointment, desk_id),
  SP_RECORD_FIELD ("desk-name", SP_RECORD_STRING, SpAppointment, desk_name),
  SP_RECORD_FIELD ("day", SP_RECORD_STRING, SpAppointment, day),
  SP_RECORD_FIELD ("start-minute", SP_RECORD_INT, SpAppointment, start_minute),
  SP_RECORD_FIELD ("end-minute", SP_RECORD_INT, SpAppointment, end_minute),
  SP_RECORD_FIELD ("ticket", SP_RECORD_INT, SpAppointment, ticket),
  SP_RECORD_ENUM_FIELD ("state", SpAppointment, state, sp_appointment_state_get_type),
  SP_RECORD_FIELD ("surname", SP_RECORD_STRING, SpAppointment, surname),
  SP_RECORD_FIELD ("given-name", SP_RECORD_STRING, SpAppointment, given_name),
  SP_RECORD_FIELD ("codice-fiscale", SP_RECORD_STRING, SpAppointment, codice_fiscale),
  SP_RECORD_FIELD ("phone", SP_RECORD_STRING, SpAppointment, phone),
  SP_RECORD_FIELD ("email", SP_RECORD_STRING, SpAppointment, email),
  SP_RECORD_FIELD ("notes", SP_RECORD_STRING, SpAppointment, notes),
  SP_RECORD_FIELD ("cancel-reason", SP_RECORD_STRING, SpAppointment, cancel_reason),
  SP_RECORD_FIELD ("arrived-at", SP_RECORD_INT64, SpAppointment, arrived_at),
  SP_RECORD_FIELD ("called-at", SP_RECORD_INT64, SpAppointment, called_at),
  SP_RECORD_FIELD ("served-from", SP_RECORD_INT64, SpAppointment, served_from),
  SP_RECORD_FIELD ("served-to", SP_RECORD_INT64, SpAppointment, served_to),
  SP_RECORD_FIELD ("called-desk-name", SP_RECORD_STRING, SpAppointment, called_desk_name),
};

static void
sp_appointment_class_init (SpAppointmentClass *klass)
{
  sp_record_class_install (G_OBJECT_CLASS (klass), appointment_fields, G_N_ELEMENTS (appointment_fields));
}

static void
sp_appointment_init (SpAppointment *self)
{
  self->start_minute = -1;
  self->end_minute = -1;
}

gint64 sp_appointment_get_id (SpAppointment *self) { return self->id; }
const char *sp_appointment_get_uuid (SpAppointment *self) { return self->uuid; }
SpAppointmentKind sp_appointment_get_kind (SpAppointment *self) { return self->kind; }
gboolean sp_appointment_is_walk_in (SpAppointment *self) { return self->kind == SP_APPOINTMENT_KIND_WALK_IN; }
gint64 sp_appointment_get_service_id (SpAppointment *self) { return self->service_id; }
const char *sp_appointment_get_service_code (SpAppointment *self) { return self->service_code; }
const char *sp_appointment_get_service_name (SpAppointment *self) { return self->service_name; }
gint64 sp_appointment_get_desk_id (SpAppointment *self) { return self->desk_id; }
const char *sp_appointment_get_desk_name (SpAppointment *self) { return self->desk_name != NULL ? self->desk_name : ""; }
const char *sp_appointment_get_called_desk_name (SpAppointment *self) { return self->called_desk_name != NULL ? self->called_desk_name : ""; }
const char *sp_appointment_get_day (SpAppointment *self) { return self->day; }
int sp_appointment_get_start_minute (SpAppointment *self) { return self->start_minute; }
int sp_appointment_get_end_minute (SpAppointment *self) { return self->end_minute; }
int sp_appointment_get_ticket (SpAppointment *self) { return self->ticket; }
SpAppointmentState sp_appointment_get_state (SpAppointment *self) { return self->state; }
const char *sp_appointment_get_surname (SpAppointment *self) { return self->surname; }
const char *sp_appointment_get_given_name (SpAppointment *self) { return self->given_name; }
const char *sp_appointment_get_codice_fiscale (SpAppointment *self) { return self->codice_fiscale; }
const char *sp_appointment_get_phone (SpAppointment *self) { return self->phone; }
const char *sp_appointment_get_email (SpAppointment *self) { return self->email; }
const char *sp_appointment_get_notes (SpAppointment *self) { return self->notes; }
const char *sp_appointment_get_cancel_reason (SpAppointment *self) { return self->cancel_reason; }
gint64 sp_appointment_get_arrived_at (SpAppointment *self) { return self->arrived_at; }
gint64 sp_appointment_get_called_at (SpAppointment *self) { return self->called_at; }
gint64 sp_appointment_get_served_from (SpAppointment *self) { return self->served_from; }
gint64 sp_appointment_get_served_to (SpAppointment *self) { return self->served_to; }

char *
sp_appointment_dup_display_name (SpAppointment *self)
{
  g_return_val_if_fail (SP_IS_APPOINTMENT (self), NULL);

  if (*self->surname != '\0' || *self->given_name != '\0')
    return g_strstrip (g_strdup_printf ("%s %s", self->surname, self->given_name));
  /* Translators: a walk-in citizen who gave no name, by ticket number. */
  return g_strdup_printf (_("Ticket %d"), self->ticket);
}

#define APPOINTMENT_COLUMNS \
  "a.id, a.uuid, a.kind, a.service_id, s.code, s.name, coalesce (a.desk_id, 0), d.name, a.day, " \
  "coalesce (a.start_minute, -1), coalesce (a.end_minute, -1), coalesce (a.ticket, 0), a.state, " \
  "a.surname, a.given_name, a.codice_fiscale, a.phone, a.email, a.notes, a.cancel_reason, " \
  "coalesce (a.arrived_at, 0), coalesce (a.called_at, 0), coalesce (a.served_from, 0), " \
  "coalesce (a.served_to, 0), cd.name " \
  "FROM appointments a JOIN services s ON s.id = a.service_id LEFT JOIN desks d ON d.id = a.desk_id " \
  "LEFT JOIN desks cd ON cd.id = a.called_desk_id "

static gpointer
appointment_from_row (SpStatement *stmt)
{
  SpAppointment *self = sp_record_new_from_row (SP_TYPE_APPOINTMENT, stmt);

  if (self->surname == NULL) self->surname = g_strdup ("");
  if (self->given_name == NULL) self->given_name = g_strdup ("");
  if (self->notes == NULL) self->notes = g_strdup ("");

  return self;
}

static SpAppointment *
load_where (SpStore     *store,
            const char  *where,
            const char  *text,
            gint64       id,
            GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " APPOINTMENT_COLUMNS, where, NULL);
  g_autoptr(GError) local_error = NULL;
  SpAppointment *appointment;

  appointment = sp_store_lookup (store, sql, text, id, appointment_from_row,
                                 _("The appointment does not exist."), &local_error);
  sp_calendar_propagate_not_found (error, g_steal_pointer (&local_error),
                                   SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_NOT_FOUND);
  return appointment;
}

SpAppointment *
sp_appointment_load (SpStore     *store,
                     const char  *uuid,
                     GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return load_where (store, "WHERE a.uuid = ?1", uuid, 0, error);
}

static SpAppointment *
load_by_id (SpStore  *store,
            gint64    id,
            GError  **error)
{
  return load_where (store, "WHERE a.id = ?1", NULL, id, error);
}

/* The local start of a slot, in µs since the epoch. */
static gint64
slot_start_time (const char *day,
                 int         minute)
{
  GDate date;
  g_autoptr(GDateTime) local = NULL;

  if (!sp_date_parse_iso (day, &date) || minute < 0)
    return 0;
  local = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), minute / 60, minute % 60, 0);
  return g_date_time_to_unix (local) * G_USEC_PER_SEC;
}

gint64
sp_appointment_get_start_time (SpAppointment *self)
{
  g_return_val_if_fail (SP_IS_APPOINTMENT (self), 0);

  return sp_appointment_is_walk_in (self) ? 0 : slot_start_time (self->day, self->start_minute);
}

static char *
today_iso (gint64 now)
{
  GDate today;

  sp_date_from_time (now, &today);
  return sp_date_to_iso (&today);
}

static gboolean
check_citizen (const SpAppointmentCitizen *citizen,
               GError                    **error)
{
  if (citizen == NULL || citizen->surname == NULL || *citizen->surname == '\0'
      || citizen->given_name == NULL || *citizen->given_name == '\0')
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_INVALID,
                           _("Type the citizen’s surname and name."));
      return FALSE;
    }
  return TRUE;
}

static void
add_text_member (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The audit record's details: what identifies the appointment, and the
 * change (extra_key, extra_value) when there is one. */
static char *
audit_details (const char *codice_fiscale,
               const char *day,
               int         start_minute,
               gint64      desk_id,
               const char *extra_key,
               const char *extra_value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (codice_fiscale != NULL && *codice_fiscale != '\0')
    add_text_member (builder, "codice_fiscale", codice_fiscale);
  if (day != NULL)
    add_text_member (builder, "day", day);
  if (start_minute >= 0)
    {
      g_autofree char *time = sp_minute_format (start_minute);
      add_text_member (builder, "time", time);
    }
  if (desk_id > 0)
    {
      json_builder_set_member_name (builder, "desk_id");
      json_builder_add_int_value (builder, desk_id);
    }
  if (extra_key != NULL)
    add_text_member (builder, extra_key, extra_value);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
normalize_optional (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static void
citizen_row_init (CitizenRow                 *row,
                  const SpAppointmentCitizen *citizen)
{
  g_autofree char *cf = normalize_optional (citizen->codice_fiscale);

  row->surname = normalize_optional (citizen->surname);
  row->given_name = normalize_optional (citizen->given_name);
  row->codice_fiscale = cf != NULL ? g_ascii_strup (cf, -1) : NULL;
  row->phone = normalize_optional (citizen->phone);
  row->email = normalize_optional (citizen->email);
  row->notes = normalize_optional (citizen->notes);
}

static void
citizen_row_clear (CitizenRow *row)
{
  g_free (row->surname);
  g_free (row->given_name);
  g_free (row->codice_fiscale);
  g_free (row->phone);
  g_free (row->email);
  g_free (row->notes);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CitizenRow, citizen_row_clear)

/* A seat of the slot on day that no live appointment holds: 0 when all
 * are, -1 with error set. */
static int
find_free_seat (SpStore       *store,
                gint64         service_id,
                const SpSlot  *slot,
                const char    *day,
                GError       **error)
{
  g_autoptr(SpStatement) seats = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean used[51] = { FALSE };

  seats = sp_store_query (store, error,
                          "SELECT seat FROM appointments WHERE desk_id = ?1 AND service_id = ?2 "
                          "AND day = ?3 AND start_minute = ?4 AND state NOT IN ('cancelled', 'rescheduled')",
                          SP_INT (slot->desk_id), SP_INT (service_id), SP_TEXT (day),
                          SP_INT (slot->start_minute), SP_END);
  if (seats == NULL)
    return -1;
  while (sp_statement_next (seats, &local_error))
    {
      gint64 s = sp_statement_get_int (seats, 0);
      if (s >= 1 && s <= 50)
        used[s] = TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  for (int s = 1; s <= slot->capacity; s++)
    if (!used[s])
      return s;
  return 0;
}

/* The id of the appointment with uuid, already written by an attempt
 * whose outcome the desk did not learn; 0 when there is none, -1 on an
 * error. */
static gint64
written_before (SpStore     *store,
                const char  *uuid,
                GError     **error)
{
  if (uuid == NULL)
    return 0;
  return sp_store_query_int (store, 0, error, "SELECT id FROM appointments WHERE uuid = ?1",
                             SP_TEXT (uuid), SP_END);
}

/* Inside the caller's transaction: takes a free seat of the slot and
 * inserts the appointment. */
static gint64
insert_booking (SpStore        *store,
                const Booking  *booking,
                GError        **error)
{
  gint64 service_id = booking->service_id, desk_id = booking->desk_id;
  const char *day = booking->day;
  int start_minute = booking->start_minute;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(CitizenRow) row = { NULL };
  g_autofree char *uuid = NULL;
  g_autofree char *details = NULL;
  const SpSlot *slot = NULL;
  gint64 before;
  int seat = 0;

  before = written_before (store, booking->new_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (before != 0)
    return before;
  uuid = booking->new_uuid != NULL ? g_strdup (booking->new_uuid) : sp_store_new_uuid ();

  slots = sp_slot_list_day (store, service_id, desk_id, day, error);
  if (slots == NULL)
    return 0;
  for (guint i = 0; i < slots->len; i++)
    {
      const SpSlot *s = g_ptr_array_index (slots, i);
      if (s->desk_id == desk_id && s->start_minute == start_minute)
        slot = s;
    }
  if (slot == NULL)
    {
      g_autofree char *time = sp_minute_format (start_minute);
      g_set_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_NO_SUCH_SLOT,
                   _("The desk has no slot at %s on %s."), time, day);
      return 0;
    }
  if (slot_start_time (day, start_minute) < booking->now)
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_PAST,
                           _("That slot has already started: choose a later one."));
      return 0;
    }
  if (slot->booked >= slot->capacity)
    goto taken;

  seat = find_free_seat (store, service_id, slot, day, error);
  if (seat < 0)
    return 0;
  if (seat == 0)
    goto taken;

  citizen_row_init (&row, booking->citizen);
  if (sp_store_run (store, &local_error,
                    "INSERT INTO appointments (uuid, kind, service_id, desk_id, day, start_minute, "
                    "  end_minute, seat, state, surname, given_name, codice_fiscale, phone, email, "
                    "  notes, created_by, created_at, updated_at) "
                    "VALUES (?1, 'booked', ?2, ?3, ?4, ?5, ?6, ?7, 'booked', ?8, ?9, ?10, ?11, ?12, "
                    "  coalesce (?13, ''), ?14, ?15, ?15)",
                    SP_TEXT (uuid), SP_INT (service_id), SP_INT (desk_id), SP_TEXT (day),
                    SP_INT (start_minute), SP_INT (slot->end_minute), SP_INT (seat),
                    SP_TEXT (row.surname), SP_TEXT (row.given_name), SP_TEXT (row.codice_fiscale),
                    SP_TEXT (row.phone), SP_TEXT (row.email), SP_TEXT (row.notes),
                    SP_ID (booking->actor.operator_id), SP_INT (booking->now), SP_END) < 0)
    {
      /* The unique index: another desk took the seat first. */
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT))
        goto taken;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  {
    gint64 id = sp_store_last_insert_id (store);

    details = audit_details (row.codice_fiscale, day, start_minute, desk_id, NULL, NULL);
    if (!sp_audit_append (store, booking->actor, SP_AUDIT_APPOINTMENT_BOOK, uuid, details, error))
      return 0;
    return id;
  }

taken:
  {
    g_autofree char *time = sp_minute_format (start_minute);
    g_set_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_SLOT_TAKEN,
                 _("The slot at %s on %s has just been booked by someone else: choose another one."),
                 time, day);
  }
  return 0;
}

/* Moves an appointment by one of the changes, in the caller's transaction. */
static gboolean
transition (SpStore        *store,
            SpActor         actor,
            SpAppointment  *appointment,
            Change          change,
            gint64          now,
            const char     *reason,
            GError        **error)
{
  const char *time_column = transitions[change].time_column;
  SpAppointmentState to = transitions[change].to;
  g_autofree char *sql = NULL;
  g_autofree char *details = NULL;
  gint64 changed;

  /* Asked again after an attempt whose outcome the desk did not learn
   * (sp-pending-write.h), or by two desks at once: it is done. (A call
   * again calls the citizen again; a move makes a new appointment.) */
  if (appointment->state == to &&
      (change == CHANGE_CHECK_IN || change == CHANGE_CANCEL || change == CHANGE_SERVE ||
       change == CHANGE_FINISH))
    return TRUE;
  if ((transitions[change].allowed_mask & BIT (appointment->state)) == 0)
    {
      g_set_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_STATE,
                   /* Translators: %s is a state such as "Served" or "Cancelled". */
                   _("Not possible: the appointment is “%s”."),
                   sp_appointment_state_get_label (appointment->state));
      return FALSE;
    }

  sql = g_strdup_printf ("UPDATE appointments SET state = ?1, updated_at = ?2%s%s%s, "
                         "  cancel_reason = coalesce (?4, cancel_reason), "
                         "  called_desk_id = CASE WHEN ?1 = 'called' THEN ?5 ELSE called_desk_id END "
                         "WHERE id = ?3 AND state = ?6",
                         time_column != NULL ? ", " : "",
                         time_column != NULL ? time_column : "",
                         time_column != NULL ? " = ?2" : "");
  changed = sp_store_run (store, error, sql,
                          SP_TEXT (sp_appointment_state_to_string (to)), SP_INT (now),
                          SP_INT (appointment->id), SP_TEXT (reason), SP_ID (actor.desk_id),
                          SP_TEXT (sp_appointment_state_to_string (appointment->state)), SP_END);
  if (changed < 0)
    return FALSE;
  if (changed != 1)
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_STATE,
                           _("Another desk changed the appointment meanwhile: look at it again."));
      return FALSE;
    }

  details = audit_details (appointment->codice_fiscale, appointment->day,
                           appointment->start_minute, 0, "state", sp_appointment_state_to_string (to));
  if (!sp_audit_append (store, actor, transitions[change].action, appointment->uuid, details, error))
    return FALSE;

  appointment->state = to;
  return TRUE;
}

static gint64
queue_key (SpAppointment *a)
{
  if (sp_appointment_is_walk_in (a))
    return a->arrived_at;
  if (a->queue_key == 0)
    a->queue_key = slot_start_time (a->day, a->start_minute);
  return a->queue_key;
}

/* Booked citizens by their slot's time, walk-ins by arrival. */
static int
compare_queue (gconstpointer pa,
               gconstpointer pb,
               gpointer      user_data)
{
  SpAppointment *a = (SpAppointment *) pa, *b = (SpAppointment *) pb;
  gint64 ka = queue_key (a), kb = queue_key (b);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return a->id < b->id ? -1 : (a->id > b->id);
}

/* The appointments matching where, whose ?1 ?2 are text and ?3 ?4
 * numbers, in a GListStore. */
static GListModel *
list_where (SpStore     *store,
            const char  *where,
            const char  *a,
            const char  *b,
            gint64       n1,
            gint64       n2,
            GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " APPOINTMENT_COLUMNS, where, NULL);
  g_autoptr(SpStatement) stmt = NULL;

  stmt = sp_store_query (store, error, sql, SP_TEXT (a), SP_TEXT (b), SP_INT (n1), SP_INT (n2), SP_END);
  if (stmt == NULL)
    return NULL;
  return sp_statement_collect (stmt, SP_TYPE_APPOINTMENT, appointment_from_row, error);
}

/* The queue's order, which SQL cannot sort by: slot times are local. */
static void
sort_queue (GListModel *list)
{
  g_list_store_sort (G_LIST_STORE (list), compare_queue, NULL);
}

static gboolean
book_in_transaction (SpStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  Booking *booking = user_data;

  booking->id = insert_booking (store, booking, error);
  return booking->id != 0;
}

static gboolean
walk_in_in_transaction (SpStore   *store,
                        gpointer   user_data,
                        GError   **error)
{
  Booking *walk_in = user_data;
  SpActor actor = walk_in->actor;
  g_auto(CitizenRow) row = { NULL };
  g_autofree char *uuid = NULL;
  g_autofree char *day = today_iso (walk_in->now);
  g_autofree char *details = NULL;
  g_autofree char *ticket_text = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 ticket;

  walk_in->id = written_before (store, walk_in->new_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (walk_in->id != 0)
    return TRUE;
  uuid = walk_in->new_uuid != NULL ? g_strdup (walk_in->new_uuid) : sp_store_new_uuid ();

  /* Kiosks and desks hand out tickets at once: the day's numbers are one
   * line, like the audit trail, whose lock the audit row below takes
   * anyway; taken now, no two walk-ins read the same last number. */
  if (!sp_store_lock_chain (store, error))
    return FALSE;
  /* The aggregate always gives a row: 0 only on an error. */
  ticket = sp_store_query_int (store, 0, error,
                               "SELECT coalesce (max (ticket), 0) + 1 FROM appointments WHERE day = ?1",
                               SP_TEXT (day), SP_END);
  if (ticket == 0)
    return FALSE;

  citizen_row_init (&row, walk_in->citizen);
  if (sp_store_run (store, error,
                    "INSERT INTO appointments (uuid, kind, service_id, desk_id, day, ticket, state, "
                    "  surname, given_name, codice_fiscale, phone, email, notes, arrived_at, "
                    "  created_by, created_at, updated_at) "
                    "VALUES (?1, 'walk-in', ?2, ?3, ?4, ?5, 'waiting', coalesce (?6, ''), coalesce (?7, ''), "
                    "  ?8, ?9, ?10, coalesce (?11, ''), ?12, ?13, ?12, ?12)",
                    SP_TEXT (uuid), SP_INT (walk_in->service_id), SP_ID (actor.desk_id), SP_TEXT (day),
                    SP_INT (ticket), SP_TEXT (row.surname), SP_TEXT (row.given_name),
                    SP_TEXT (row.codice_fiscale), SP_TEXT (row.phone), SP_TEXT (row.email),
                    SP_TEXT (row.notes), SP_INT (walk_in->now), SP_ID (actor.operator_id), SP_END) < 0)
    return FALSE;
  walk_in->id = sp_store_last_insert_id (store);

  ticket_text = g_strdup_printf ("%" G_GINT64_FORMAT, ticket);
  details = audit_details (row.codice_fiscale, day, -1, actor.desk_id, "ticket", ticket_text);
  return sp_audit_append (store, actor, SP_AUDIT_APPOINTMENT_WALK_IN, uuid, details, error);
}

static gboolean
change_in_transaction (SpStore   *store,
                       gpointer   user_data,
                       GError   **error)
{
  StateChange *change = user_data;
  g_autoptr(SpAppointment) appointment = NULL;

  appointment = sp_appointment_load (store, change->uuid, error);
  if (appointment == NULL)
    return FALSE;
  if (transitions[change->change].today_only)
    {
      g_autofree char *today = today_iso (change->now);

      if (g_strcmp0 (today, appointment->day) != 0)
        {
          GDate date;
          char shown[64] = "";

          sp_date_parse_iso (appointment->day, &date);
          g_date_strftime (shown, sizeof shown, "%x", &date);
          g_set_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_NOT_TODAY,
                       _("The appointment is on %s, not today."), shown);
          return FALSE;
        }
    }
  return transition (store, change->actor, appointment, change->change, change->now,
                     change->reason, error);
}

static gboolean
call_next_in_transaction (SpStore   *store,
                          gpointer   user_data,
                          GError   **error)
{
  StateChange *change = user_data;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(SpAppointment) next = NULL;
  g_autofree char *day = today_iso (change->now);

  list = list_where (store, "WHERE a.day = ?1 AND a.state = 'waiting'", day, NULL, 0, 0, error);
  if (list == NULL)
    return FALSE;
  if (g_list_model_get_n_items (list) == 0)
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_QUEUE_EMPTY,
                           _("Nobody is waiting."));
      return FALSE;
    }
  sort_queue (list);
  /* Desks calling at the same moment each take a different citizen: one
   * another desk holds is passed over, not waited for. */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      gboolean claimed = FALSE;

      next = g_list_model_get_item (list, i);
      if (!sp_store_claim (store, "appointments", next->id, "state = 'waiting'", &claimed, error))
        return FALSE;
      if (claimed)
        {
          if (!transition (store, change->actor, next, CHANGE_CALL_NEXT, change->now, NULL, error))
            return FALSE;
          change->id = next->id;
          return TRUE;
        }
      g_clear_object (&next);
    }
  g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_QUEUE_EMPTY,
                       _("Nobody is waiting."));
  return FALSE;
}

static gboolean
no_shows_in_transaction (SpStore   *store,
                         gpointer   user_data,
                         GError   **error)
{
  StateChange *change = user_data;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *today = today_iso (change->now);
  gint64 grace = sp_store_get_setting_int (store, SP_SETTING_NO_SHOW_GRACE, SP_NO_SHOW_GRACE_DEFAULT);

  list = list_where (store, "WHERE a.day <= ?1 AND a.state = 'booked'", today, NULL, 0, 0, error);
  if (list == NULL)
    return FALSE;
  /* A run may be a retry (sp_store_transaction): it counts afresh. */
  change->n_changed = 0;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SpAppointment) a = g_list_model_get_item (list, i);

      if (slot_start_time (a->day, a->start_minute) + grace * 60 * G_USEC_PER_SEC >= change->now)
        continue;
      if (!transition (store, change->actor, a, CHANGE_NO_SHOW, change->now, NULL, error))
        return FALSE;
      change->n_changed++;
    }
  return TRUE;
}

static gboolean
reschedule_in_transaction (SpStore   *store,
                           gpointer   user_data,
                           GError   **error)
{
  Booking *move = user_data;
  g_autoptr(SpAppointment) old = NULL;
  SpAppointmentCitizen citizen;
  Booking booking;

  old = sp_appointment_load (store, move->uuid, error);
  if (old == NULL)
    return FALSE;
  /* Moved there already, by an attempt whose outcome the desk did not
   * learn: the move is done. */
  if (old->state == SP_APPOINTMENT_RESCHEDULED)
    {
      g_autoptr(SpStatement) to = NULL;
      g_autoptr(SpAppointment) moved = NULL;

      to = sp_store_query (store, error, "SELECT rescheduled_to FROM appointments WHERE id = ?1",
                           SP_INT (old->id), SP_END);
      if (to == NULL || !sp_statement_next (to, error))
        return FALSE;
      moved = sp_appointment_load (store, sp_statement_get_text (to, 0), error);
      if (moved == NULL)
        return FALSE;
      if (g_strcmp0 (moved->day, move->day) == 0 && moved->start_minute == move->start_minute &&
          (move->desk_id <= 0 || moved->desk_id == move->desk_id))
        {
          move->id = moved->id;
          return TRUE;
        }
    }
  if (sp_appointment_is_walk_in (old))
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_STATE,
                           _("A walk-in has no slot to move."));
      return FALSE;
    }
  /* Frees the old seat first, so a move within the same slot works. */
  if (!transition (store, move->actor, old, CHANGE_RESCHEDULE, move->now, NULL, error))
    return FALSE;
  citizen = (SpAppointmentCitizen) {
    old->surname, old->given_name, old->codice_fiscale, old->phone, old->email, old->notes,
  };
  booking = (Booking) {
    .actor = move->actor, .service_id = old->service_id,
    .desk_id = move->desk_id > 0 ? move->desk_id : old->desk_id,
    .day = move->day, .start_minute = move->start_minute, .citizen = &citizen, .now = move->now,
  };
  move->id = insert_booking (store, &booking, error);
  if (move->id == 0)
    return FALSE;
  return sp_store_run (store, error,
                       "UPDATE appointments SET rescheduled_to = (SELECT uuid FROM appointments WHERE id = ?1) "
                       "WHERE id = ?2",
                       SP_INT (move->id), SP_INT (old->id), SP_END) >= 0;
}

/* Runs func, one of the transactions above that write an appointment, and
 * loads the appointment written (*id). Bookings and moves change the first
 * free slot: note_wait takes a new reading of the CIE wait. */
static SpAppointment *
write_and_load (SpStore                 *store,
                SpStoreTransactionFunc   func,
                gpointer                 user_data,
                const gint64            *id,
                gboolean                 note_wait,
                gint64                   now,
                GError                 **error)
{
  if (!sp_store_transaction (store, func, user_data, error))
    return NULL;
  if (note_wait)
    sp_cie_wait_note (store, now);
  return load_by_id (store, *id, error);
}

/* One appointment changed, in its own transaction. */
static gboolean
change_state (SpStore      *store,
              SpActor       actor,
              const char   *uuid,
              Change        change,
              gint64        now,
              const char   *reason,
              GError      **error)
{
  StateChange state_change = { actor, uuid, change, now, reason, 0, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  return sp_store_transaction (store, change_in_transaction, &state_change, error);
}

/* A slot another desk took first, told in words once the transaction is
 * over: which desk booked it, and the first free slot now. */
static void
explain_taken (SpStore       *store,
               const Booking *booking,
               GError        *error)
{
  g_autofree char *time = sp_minute_format (booking->start_minute);
  g_autofree char *winner = NULL;
  g_autofree char *where = NULL;
  g_autofree char *next = NULL;
  g_autoptr(SpSlot) free_slot = NULL;
  g_autoptr(SpDesk) desk = NULL;
  g_autoptr(SpStatement) taken = NULL;

  taken = sp_store_query (store, NULL,
                          "SELECT uuid FROM appointments WHERE service_id = ?1 AND desk_id = ?2 "
                          "AND day = ?3 AND start_minute = ?4 AND state = 'booked' "
                          "ORDER BY created_at DESC LIMIT 1",
                          SP_INT (booking->service_id), SP_INT (booking->desk_id),
                          SP_TEXT (booking->day), SP_INT (booking->start_minute), SP_END);
  if (taken != NULL && sp_statement_next (taken, NULL))
    desk = sp_desk_lookup_by_id (store, sp_audit_desk_of (store, SP_AUDIT_APPOINTMENT_BOOK,
                                                          sp_statement_get_text (taken, 0)), NULL);

  free_slot = sp_slot_first_free (store, booking->service_id, booking->desk_id, booking->now, NULL);
  if (free_slot != NULL)
    {
      g_autofree char *free_time = sp_minute_format (free_slot->start_minute);

      /* Translators: the first free slot, as in “the next free one is on 2026-12-11 at 09:20”. */
      next = g_strdup_printf (_("the next free one is on %s at %s"), free_slot->day, free_time);
    }
  else
    next = g_strdup (_("there is no free one left in the calendar"));

  if (desk != NULL)
    /* Translators: the slot's time and day, the desk that booked it, then “the next free one is …”. */
    where = g_strdup_printf (_("The slot at %s on %s was just booked at %s; %s."),
                             time, booking->day, sp_desk_get_name (desk), next);
  else
    /* Translators: the slot's time and day, then “the next free one is …”. */
    where = g_strdup_printf (_("The slot at %s on %s was just booked by someone else; %s."),
                             time, booking->day, next);

  g_free (error->message);
  error->message = g_steal_pointer (&where);
}

SpAppointment *
sp_appointment_book (SpStore                    *store,
                     SpActor                     actor,
                     const char                 *uuid,
                     gint64                      service_id,
                     gint64                      desk_id,
                     const char                 *day,
                     int                         start_minute,
                     const SpAppointmentCitizen *citizen,
                     gint64                      now,
                     GError                    **error)
{
  Booking booking = {
    .actor = actor, .service_id = service_id, .desk_id = desk_id, .day = day,
    .start_minute = start_minute, .citizen = citizen, .new_uuid = uuid, .now = now,
  };
  g_autoptr(GError) local_error = NULL;
  SpAppointment *appointment;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!check_citizen (citizen, error))
    return NULL;
  appointment = write_and_load (store, book_in_transaction, &booking, &booking.id, TRUE, now, &local_error);
  if (appointment == NULL)
    {
      if (g_error_matches (local_error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_SLOT_TAKEN))
        explain_taken (store, &booking, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return appointment;
}

SpAppointment *
sp_appointment_walk_in (SpStore                    *store,
                        SpActor                     actor,
                        const char                 *uuid,
                        gint64                      service_id,
                        const SpAppointmentCitizen *citizen,
                        gint64                      now,
                        GError                    **error)
{
  static const SpAppointmentCitizen nobody = { NULL };
  Booking walk_in = {
    .actor = actor, .service_id = service_id, .start_minute = -1,
    .citizen = citizen != NULL ? citizen : &nobody, .new_uuid = uuid, .now = now,
  };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return write_and_load (store, walk_in_in_transaction, &walk_in, &walk_in.id, FALSE, now, error);
}

SpAppointment *
sp_appointment_reschedule (SpStore     *store,
                           SpActor      actor,
                           const char  *uuid,
                           gint64       desk_id,
                           const char  *day,
                           int          start_minute,
                           gint64       now,
                           GError     **error)
{
  Booking move = {
    .actor = actor, .desk_id = desk_id, .day = day, .start_minute = start_minute,
    .uuid = uuid, .now = now,
  };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return write_and_load (store, reschedule_in_transaction, &move, &move.id, TRUE, now, error);
}

SpAppointment *
sp_appointment_call_next (SpStore  *store,
                          SpActor   actor,
                          gint64    now,
                          GError  **error)
{
  StateChange change = { .actor = actor, .change = CHANGE_CALL_NEXT, .now = now };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return write_and_load (store, call_next_in_transaction, &change, &change.id, FALSE, now, error);
}

int
sp_appointment_mark_no_shows (SpStore  *store,
                              SpActor   actor,
                              gint64    now,
                              GError  **error)
{
  StateChange change = { .actor = actor, .change = CHANGE_NO_SHOW, .now = now };

  g_return_val_if_fail (SP_IS_STORE (store), -1);

  if (!sp_store_transaction (store, no_shows_in_transaction, &change, error))
    return -1;
  return change.n_changed;
}

gboolean
sp_appointment_cancel (SpStore     *store,
                       SpActor      actor,
                       const char  *uuid,
                       const char  *reason,
                       GError     **error)
{
  g_autofree char *why = normalize_optional (reason);

  if (why == NULL)
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_INVALID,
                           _("Give the reason for the cancellation."));
      return FALSE;
    }
  if (!change_state (store, actor, uuid, CHANGE_CANCEL, sp_store_now (), why, error))
    return FALSE;
  sp_cie_wait_note (store, sp_store_now ());
  return TRUE;
}

gboolean
sp_appointment_check_in (SpStore     *store,
                         SpActor      actor,
                         const char  *uuid,
                         gint64       now,
                         GError     **error)
{
  return change_state (store, actor, uuid, CHANGE_CHECK_IN, now, NULL, error);
}

gboolean
sp_appointment_call (SpStore     *store,
                     SpActor      actor,
                     const char  *uuid,
                     gint64       now,
                     GError     **error)
{
  return change_state (store, actor, uuid, CHANGE_CALL, now, NULL, error);
}

gboolean
sp_appointment_start_serving (SpStore     *store,
                              SpActor      actor,
                              const char  *uuid,
                              gint64       now,
                              GError     **error)
{
  return change_state (store, actor, uuid, CHANGE_SERVE, now, NULL, error);
}

gboolean
sp_appointment_finish (SpStore     *store,
                       SpActor      actor,
                       const char  *uuid,
                       gint64       now,
                       GError     **error)
{
  g_autoptr(SpAppointment) appointment = sp_appointment_load (store, uuid, error);

  if (appointment == NULL)
    return FALSE;
  /* Called and served straight away: the service starts at the call. */
  if (appointment->state == SP_APPOINTMENT_CALLED
      && !change_state (store, actor, uuid, CHANGE_SERVE, now, NULL, error))
    return FALSE;
  return change_state (store, actor, uuid, CHANGE_FINISH, now, NULL, error);
}

GListModel *
sp_appointment_list_day (SpStore     *store,
                         const char  *day,
                         gint64       desk_id,
                         GError     **error)
{
  GListModel *list;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  list = list_where (store,
                     "WHERE a.day = ?1 AND a.state NOT IN ('cancelled', 'rescheduled') "
                     "  AND (?3 = 0 OR a.desk_id = ?3 OR a.kind = 'walk-in')",
                     day, NULL, desk_id, 0, error);
  if (list != NULL)
    sort_queue (list);
  return list;
}

GListModel *
sp_appointment_list_called (SpStore     *store,
                            const char  *day,
                            guint        limit,
                            GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return list_where (store,
                     "WHERE a.day = ?1 AND a.called_at IS NOT NULL "
                     "  AND a.state IN ('called', 'serving', 'served') "
                     "ORDER BY a.called_at DESC, a.id DESC LIMIT ?3",
                     day, NULL, limit, 0, error);
}

GListModel *
sp_appointment_list_range (SpStore     *store,
                           gint64       service_id,
                           gint64       desk_id,
                           const char  *first_day,
                           const char  *last_day,
                           GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return list_where (store,
                     "WHERE a.day BETWEEN ?1 AND ?2 AND a.kind = 'booked' "
                     "  AND a.state NOT IN ('cancelled', 'rescheduled') "
                     "  AND (?3 = 0 OR a.service_id = ?3) AND (?4 = 0 OR a.desk_id = ?4) "
                     "ORDER BY a.day, a.start_minute, d.name, a.seat",
                     first_day, last_day, service_id, desk_id, error);
}

GListModel *
sp_appointment_search (SpStore     *store,
                       const char  *text,
                       GError     **error)
{
  g_autofree char *pattern = NULL;
  g_autofree char *up = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  up = g_utf8_strup (text != NULL ? text : "", -1);
  g_strstrip (up);
  pattern = g_strdup_printf ("%%%s%%", up);
  return list_where (store,
                     "WHERE a.codice_fiscale = ?2 OR upper (a.surname || ' ' || a.given_name) LIKE ?1 "
                     "   OR a.uuid = lower (?2) "
                     "ORDER BY a.day DESC, a.start_minute DESC LIMIT 200",
                     pattern, up, 0, 0, error);
}

GListModel *
sp_appointment_list_unreminded (SpStore     *store,
                                const char  *first_day,
                                const char  *last_day,
                                gint64       booked_before,
                                GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return list_where (store,
                     "WHERE a.day >= ?1 AND a.day <= ?2 AND a.kind = 'booked' AND a.state = 'booked' "
                     "  AND a.reminder_queued_at IS NULL AND coalesce (a.email, '') <> '' "
                     "  AND a.created_at <= ?3 "
                     "ORDER BY a.day, a.start_minute",
                     first_day, last_day, booked_before, 0, error);
}

gboolean
sp_appointment_mark_reminder_queued (SpStore        *store,
                                     SpAppointment  *self,
                                     gint64          now,
                                     gboolean       *marked,
                                     GError        **error)
{
  gint64 changed;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_APPOINTMENT (self), FALSE);
  g_return_val_if_fail (marked != NULL, FALSE);

  /* Only if still unmarked: another desk may have queued the same
   * reminder since the list was read. */
  changed = sp_store_run (store, error,
                          "UPDATE appointments SET reminder_queued_at = ?1 "
                          "WHERE id = ?2 AND reminder_queued_at IS NULL",
                          SP_INT (now), SP_INT (self->id), SP_END);
  *marked = changed > 0;
  return changed >= 0;
}

gboolean
sp_appointment_count_booked (SpStore     *store,
                             gint64       service_id,
                             const char  *day,
                             GPtrArray   *slots,
                             GError     **error)
{
  g_autoptr(SpStatement) counts = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (slots != NULL, FALSE);

  counts = sp_store_query (store, error,
                           "SELECT desk_id, start_minute, count(*) FROM appointments "
                           "WHERE service_id = ?1 AND day = ?2 AND start_minute IS NOT NULL "
                           "  AND state NOT IN ('cancelled', 'rescheduled') "
                           "GROUP BY desk_id, start_minute",
                           SP_INT (service_id), SP_TEXT (day), SP_END);
  if (counts == NULL)
    return FALSE;
  while (sp_statement_next (counts, &local_error))
    {
      gint64 desk_id = sp_statement_get_int (counts, 0);
      int start = sp_statement_get_int (counts, 1);
      int n = sp_statement_get_int (counts, 2);

      for (guint i = 0; i < slots->len; i++)
        {
          SpSlot *slot = g_ptr_array_index (slots, i);

          if (slot->desk_id == desk_id && slot->start_minute == start)
            slot->booked = n;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The list a comune wrote for a service, overriding the table's; NULL
 * when there is none. */
static char *
dup_bring_setting (SpStore    *store,
                   const char *service_code)
{
  g_autofree char *key = g_strconcat (SP_SETTING_BRING_PREFIX, service_code, SP_SETTING_BRING_SUFFIX, NULL);

  return sp_store_get_setting (store, key);
}

gint64
sp_appointment_erase_closed_before (SpStore     *store,
                                    gint64       cutoff,
                                    const char  *cutoff_day,
                                    GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), -1);
  g_return_val_if_fail (cutoff_day != NULL, -1);

  /* The rows stay, emptied, for the statistics of the days. */
  return sp_store_run_eraser (store,
                              "UPDATE appointments SET surname = '', given_name = '', codice_fiscale = NULL, "
                              "  phone = NULL, email = NULL, notes = '', cancel_reason = NULL "
                              "WHERE state IN ('served', 'cancelled', 'no-show', 'rescheduled') AND day < ?2 "
                              "  AND (surname <> '' OR given_name <> '' OR codice_fiscale IS NOT NULL "
                              "       OR phone IS NOT NULL OR email IS NOT NULL OR notes <> '' "
                              "       OR cancel_reason IS NOT NULL)",
                              cutoff, cutoff_day, error);
}

char *
sp_appointment_dup_bring (SpStore *store,
                          gint64   service_id)
{
  g_autoptr(SpBookingService) service = sp_booking_service_lookup_by_id (store, service_id, NULL);
  char *setting;

  if (service == NULL)
    return g_strdup ("");
  setting = dup_bring_setting (store, service->code);
  if (setting != NULL)
    return setting;
  return g_strdup (service->bring);
}

SpReceipt *
sp_appointment_build_receipt (SpStore        *store,
                              SpAppointment  *self,
                              GError        **error)
{
  g_autoptr(SpReceipt) receipt = NULL;
  g_autoptr(SpBookingService) service = NULL;
  g_autofree char *name = NULL;
  g_autofree char *time = NULL;
  g_autofree char *address = NULL;
  g_autofree char *bring = NULL;
  g_autofree char *custom = NULL;
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (SP_IS_APPOINTMENT (self), NULL);

  if (sp_appointment_is_walk_in (self))
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_STATE,
                           _("A walk-in has no appointment receipt."));
      return NULL;
    }

  receipt = sp_receipt_new (SP_RECEIPT_KIND_APPOINTMENT, self->uuid);
  name = sp_appointment_dup_display_name (self);
  time = sp_minute_format (self->start_minute);

  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Name"), name);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Service"), self->service_name);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, N_("Appointment date"), self->day);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, N_("Time"), time);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Appointment desk"), sp_appointment_get_desk_name (self));

  address = sp_store_get_setting (store, SP_SETTING_OFFICE_ADDRESS);
  if (address == NULL)
    address = sp_store_get_setting (store, SP_SETTING_COMUNE_ADDRESS);
  if (address != NULL && *address != '\0')
    sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Address"), address);

  /* The built-in lists are English msgids, printed in the citizen's
   * language; a list the comune wrote is printed as written. */
  service = sp_booking_service_lookup_by_id (store, self->service_id, NULL);
  custom = dup_bring_setting (store, self->service_code);
  bring = custom != NULL ? g_strdup (custom) : g_strdup (service != NULL ? service->bring : "");
  items = g_strsplit (bring, "\n", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (*items[i] == '\0')
        continue;
      sp_receipt_add_field (receipt, custom != NULL ? SP_RECEIPT_FIELD_TEXT : SP_RECEIPT_FIELD_MESSAGE,
                            N_("Bring"), items[i]);
    }

  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("On arrival"),
                        N_("Show this receipt at the desk: its code checks you in."));
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Cannot come?"),
                        N_("Call or write to the comune to cancel, so that someone else can have the slot."));

  return g_steal_pointer (&receipt);
}
