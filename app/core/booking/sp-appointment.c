/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-appointment.c — booked appointments, walk-ins and the day's queue */
#define G_LOG_DOMAIN "sp-appointment"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sp-appointment.h"
#include "sp-cie-wait.h"
#include "sp-enum.h"
#include "sp-error.h"
#include "sp-holidays.h"
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
  gint64              queue_key;   /* cached: slot start or arrival */
};

/* What a booking or a reschedule is given, and the new row's id. */
typedef struct
{
  SpActor                     actor;
  gint64                      service_id;
  gint64                      desk_id;
  const char                 *day;
  int                         start_minute;
  const SpAppointmentCitizen *citizen;
  const char                 *uuid;      /* the appointment moved */
  gint64                      now;
  gint64                      id;        /* out */
} Booking;

/* A change of state (one appointment, the next in the queue, the
 * no-shows), and how many it changed. */
typedef struct
{
  SpActor             actor;
  const char         *uuid;
  guint               allowed_mask;
  SpAppointmentState  to;
  const char         *time_column;
  gint64              now;
  const char         *action;
  const char         *reason;
  gboolean            today_only;
  gint64              id;                /* out */
  int                 n_changed;         /* out */
} StateChange;

G_DEFINE_FINAL_TYPE (SpAppointment, sp_appointment, G_TYPE_OBJECT)

#define BIT(s) (1u << (s))

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

static void
sp_appointment_finalize (GObject *object)
{
  SpAppointment *self = SP_APPOINTMENT (object);

  g_free (self->uuid);
  g_free (self->service_code);
  g_free (self->service_name);
  g_free (self->desk_name);
  g_free (self->day);
  g_free (self->surname);
  g_free (self->given_name);
  g_free (self->codice_fiscale);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->notes);
  g_free (self->cancel_reason);

  G_OBJECT_CLASS (sp_appointment_parent_class)->finalize (object);
}

static void
sp_appointment_class_init (SpAppointmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_appointment_finalize;
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
  "coalesce (a.served_to, 0) " \
  "FROM appointments a JOIN services s ON s.id = a.service_id LEFT JOIN desks d ON d.id = a.desk_id "

static SpAppointment *
appointment_from_row (sqlite3_stmt *stmt)
{
  SpAppointment *self = g_object_new (SP_TYPE_APPOINTMENT, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = sp_store_column_dup (stmt, 1);
  if (!sp_enum_from_nick (SP_TYPE_APPOINTMENT_KIND, (const char *) sqlite3_column_text (stmt, 2), (int *) &self->kind))
    self->kind = SP_APPOINTMENT_KIND_BOOKED;
  self->service_id = sqlite3_column_int64 (stmt, 3);
  self->service_code = sp_store_column_dup (stmt, 4);
  self->service_name = sp_store_column_dup (stmt, 5);
  self->desk_id = sqlite3_column_int64 (stmt, 6);
  self->desk_name = sp_store_column_dup (stmt, 7);
  self->day = sp_store_column_dup (stmt, 8);
  self->start_minute = sqlite3_column_int (stmt, 9);
  self->end_minute = sqlite3_column_int (stmt, 10);
  self->ticket = sqlite3_column_int (stmt, 11);
  if (!sp_appointment_state_from_string ((const char *) sqlite3_column_text (stmt, 12), &self->state))
    self->state = SP_APPOINTMENT_BOOKED;
  self->surname = sp_store_column_dup (stmt, 13);
  self->given_name = sp_store_column_dup (stmt, 14);
  self->codice_fiscale = sp_store_column_dup (stmt, 15);
  self->phone = sp_store_column_dup (stmt, 16);
  self->email = sp_store_column_dup (stmt, 17);
  self->notes = sp_store_column_dup (stmt, 18);
  self->cancel_reason = sp_store_column_dup (stmt, 19);
  self->arrived_at = sqlite3_column_int64 (stmt, 20);
  self->called_at = sqlite3_column_int64 (stmt, 21);
  self->served_from = sqlite3_column_int64 (stmt, 22);
  self->served_to = sqlite3_column_int64 (stmt, 23);

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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  SpAppointment *appointment;

  stmt = sp_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sp_store_bind_text (stmt, 1, text);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  appointment = sp_store_fetch_one (store, stmt, (SpStoreRowFunc) appointment_from_row,
                                    _("The appointment does not exist."), &local_error);
  /* Callers tell a missing appointment by this module's own code. */
  if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_NOT_FOUND,
                         local_error->message);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return appointment;
}

SpAppointment *
sp_appointment_load (SpStore     *store,
                     const char  *uuid,
                     GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return load_where (store, "WHERE a.uuid = ?", uuid, 0, error);
}

static SpAppointment *
load_by_id (SpStore  *store,
            gint64    id,
            GError  **error)
{
  return load_where (store, "WHERE a.id = ?", NULL, id, error);
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
    {
      json_builder_set_member_name (builder, "codice_fiscale");
      json_builder_add_string_value (builder, codice_fiscale);
    }
  if (day != NULL)
    {
      json_builder_set_member_name (builder, "day");
      json_builder_add_string_value (builder, day);
    }
  if (start_minute >= 0)
    {
      g_autofree char *time = sp_minute_format (start_minute);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, time);
    }
  if (desk_id > 0)
    {
      json_builder_set_member_name (builder, "desk_id");
      json_builder_add_int_value (builder, desk_id);
    }
  if (extra_key != NULL)
    {
      json_builder_set_member_name (builder, extra_key);
      json_builder_add_string_value (builder, extra_value);
    }
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

/* Inside the caller's transaction: takes a free seat of the slot and
 * inserts the appointment. */
static gint64
insert_booking (SpStore                    *store,
                SpActor                     actor,
                gint64                      service_id,
                gint64                      desk_id,
                const char                 *day,
                int                         start_minute,
                const SpAppointmentCitizen *citizen,
                gint64                      now,
                GError                    **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(sqlite3_stmt) seats = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *cf = NULL;
  g_autofree char *details = NULL;
  g_autofree char *surname = normalize_optional (citizen->surname);
  g_autofree char *given_name = normalize_optional (citizen->given_name);
  g_autofree char *phone = normalize_optional (citizen->phone);
  g_autofree char *email = normalize_optional (citizen->email);
  g_autofree char *notes = normalize_optional (citizen->notes);
  const SpSlot *slot = NULL;
  gboolean used[51] = { FALSE };
  int seat = 0;
  int rc;

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
  if (slot_start_time (day, start_minute) < now)
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_PAST,
                           _("That slot has already started: choose a later one."));
      return 0;
    }
  if (slot->booked >= slot->capacity)
    goto taken;

  seats = sp_store_prepare (store,
                            "SELECT seat FROM appointments WHERE desk_id = ? AND service_id = ? "
                            "AND day = ? AND start_minute = ? AND state NOT IN ('cancelled', 'rescheduled')",
                            error);
  if (seats == NULL)
    return 0;
  sqlite3_bind_int64 (seats, 1, desk_id);
  sqlite3_bind_int64 (seats, 2, service_id);
  sp_store_bind_text (seats, 3, day);
  sqlite3_bind_int (seats, 4, start_minute);
  while ((rc = sqlite3_step (seats)) == SQLITE_ROW)
    {
      int s = sqlite3_column_int (seats, 0);
      if (s >= 1 && s <= 50)
        used[s] = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return 0;
    }
  for (int s = 1; s <= slot->capacity && seat == 0; s++)
    if (!used[s])
      seat = s;
  if (seat == 0)
    goto taken;

  if (citizen->codice_fiscale != NULL)
    {
      cf = g_ascii_strup (citizen->codice_fiscale, -1);
      g_strstrip (cf);
      if (*cf == '\0')
        g_clear_pointer (&cf, g_free);
    }

  insert = sp_store_prepare (store,
                             "INSERT INTO appointments (uuid, kind, service_id, desk_id, day, start_minute, "
                             "  end_minute, seat, state, surname, given_name, codice_fiscale, phone, email, "
                             "  notes, created_by, created_at, updated_at) "
                             "VALUES (?, 'booked', ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, coalesce (?, ''), ?, ?, ?)",
                             error);
  if (insert == NULL)
    return 0;
  sp_store_bind_text (insert, 1, uuid);
  sqlite3_bind_int64 (insert, 2, service_id);
  sqlite3_bind_int64 (insert, 3, desk_id);
  sp_store_bind_text (insert, 4, day);
  sqlite3_bind_int (insert, 5, start_minute);
  sqlite3_bind_int (insert, 6, slot->end_minute);
  sqlite3_bind_int (insert, 7, seat);
  sp_store_bind_text (insert, 8, surname);
  sp_store_bind_text (insert, 9, given_name);
  sp_store_bind_text (insert, 10, cf);
  sp_store_bind_text (insert, 11, phone);
  sp_store_bind_text (insert, 12, email);
  sp_store_bind_text (insert, 13, notes);
  if (actor.operator_id > 0)
    sqlite3_bind_int64 (insert, 14, actor.operator_id);
  else
    sqlite3_bind_null (insert, 14);
  sqlite3_bind_int64 (insert, 15, now);
  sqlite3_bind_int64 (insert, 16, now);
  if (!sp_store_step_done (store, insert, &local_error))
    {
      /* The unique index: another desk took the seat first. */
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT))
        goto taken;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  {
    gint64 id = sp_store_last_insert_id (store);

    details = audit_details (cf, day, start_minute, desk_id, NULL, NULL);
    if (!sp_audit_append (store, actor, SP_AUDIT_APPOINTMENT_BOOK, uuid, details, error))
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

/* Moves an appointment from one of the allowed states to another, setting
 * a time column; in the caller's transaction. */
static gboolean
transition (SpStore             *store,
            SpActor              actor,
            SpAppointment       *appointment,
            guint                allowed_mask,
            SpAppointmentState   to,
            const char          *time_column,
            gint64               now,
            const char          *action,
            const char          *reason,
            GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *details = NULL;

  if ((allowed_mask & BIT (appointment->state)) == 0)
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
  stmt = sp_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, sp_appointment_state_to_string (to));
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, appointment->id);
  sp_store_bind_text (stmt, 4, reason);
  if (actor.desk_id > 0)
    sqlite3_bind_int64 (stmt, 5, actor.desk_id);
  else
    sqlite3_bind_null (stmt, 5);
  sp_store_bind_text (stmt, 6, sp_appointment_state_to_string (appointment->state));
  if (!sp_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (sp_store_get_handle (store)) != 1)
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_STATE,
                           _("Another desk changed the appointment meanwhile: look at it again."));
      return FALSE;
    }

  details = audit_details (appointment->codice_fiscale, appointment->day,
                           appointment->start_minute, 0, "state", sp_appointment_state_to_string (to));
  if (!sp_audit_append (store, actor, action, appointment->uuid, details, error))
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
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sp_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, a);
  sp_store_bind_text (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, n1);
  sqlite3_bind_int64 (stmt, 4, n2);
  return sp_store_collect (store, stmt, SP_TYPE_APPOINTMENT, (SpStoreRowFunc) appointment_from_row, error);
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

  booking->id = insert_booking (store, booking->actor, booking->service_id, booking->desk_id,
                                booking->day, booking->start_minute, booking->citizen,
                                booking->now, error);
  return booking->id != 0;
}

static gboolean
walk_in_in_transaction (SpStore   *store,
                        gpointer   user_data,
                        GError   **error)
{
  Booking *walk_in = user_data;
  const SpAppointmentCitizen *citizen = walk_in->citizen;
  g_autoptr(sqlite3_stmt) next = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *day = today_iso (walk_in->now);
  g_autofree char *details = NULL;
  g_autofree char *ticket_text = NULL;
  g_autofree char *cf = normalize_optional (citizen->codice_fiscale);
  g_autofree char *surname = normalize_optional (citizen->surname);
  g_autofree char *given_name = normalize_optional (citizen->given_name);
  g_autofree char *phone = normalize_optional (citizen->phone);
  g_autofree char *email = normalize_optional (citizen->email);
  g_autofree char *notes = normalize_optional (citizen->notes);
  SpActor actor = walk_in->actor;
  int ticket;

  if (cf != NULL)
    {
      char *up = g_ascii_strup (cf, -1);
      g_free (cf);
      cf = up;
    }

  next = sp_store_prepare (store, "SELECT coalesce (max (ticket), 0) + 1 FROM appointments WHERE day = ?", error);
  if (next == NULL)
    return FALSE;
  sp_store_bind_text (next, 1, day);
  if (sqlite3_step (next) != SQLITE_ROW)
    return sp_store_set_error (store, sqlite3_errcode (sp_store_get_handle (store)), error);
  ticket = sqlite3_column_int (next, 0);

  insert = sp_store_prepare (store,
                             "INSERT INTO appointments (uuid, kind, service_id, desk_id, day, ticket, state, "
                             "  surname, given_name, codice_fiscale, phone, email, notes, arrived_at, "
                             "  created_by, created_at, updated_at) "
                             "VALUES (?, 'walk-in', ?, ?, ?, ?, 'waiting', coalesce (?, ''), coalesce (?, ''), "
                             "  ?, ?, ?, coalesce (?, ''), ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sp_store_bind_text (insert, 1, uuid);
  sqlite3_bind_int64 (insert, 2, walk_in->service_id);
  if (actor.desk_id > 0)
    sqlite3_bind_int64 (insert, 3, actor.desk_id);
  else
    sqlite3_bind_null (insert, 3);
  sp_store_bind_text (insert, 4, day);
  sqlite3_bind_int (insert, 5, ticket);
  sp_store_bind_text (insert, 6, surname);
  sp_store_bind_text (insert, 7, given_name);
  sp_store_bind_text (insert, 8, cf);
  sp_store_bind_text (insert, 9, phone);
  sp_store_bind_text (insert, 10, email);
  sp_store_bind_text (insert, 11, notes);
  sqlite3_bind_int64 (insert, 12, walk_in->now);
  if (actor.operator_id > 0)
    sqlite3_bind_int64 (insert, 13, actor.operator_id);
  else
    sqlite3_bind_null (insert, 13);
  sqlite3_bind_int64 (insert, 14, walk_in->now);
  sqlite3_bind_int64 (insert, 15, walk_in->now);
  if (!sp_store_step_done (store, insert, error))
    return FALSE;
  walk_in->id = sp_store_last_insert_id (store);

  ticket_text = g_strdup_printf ("%d", ticket);
  details = audit_details (cf, day, -1, actor.desk_id, "ticket", ticket_text);
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
  if (change->today_only)
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
  return transition (store, change->actor, appointment, change->allowed_mask, change->to,
                     change->time_column, change->now, change->action, change->reason, error);
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
  next = g_list_model_get_item (list, 0);
  if (!transition (store, change->actor, next, BIT (SP_APPOINTMENT_WAITING), SP_APPOINTMENT_CALLED,
                   "called_at", change->now, SP_AUDIT_APPOINTMENT_CALL, NULL, error))
    return FALSE;
  change->id = next->id;
  return TRUE;
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
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SpAppointment) a = g_list_model_get_item (list, i);

      if (slot_start_time (a->day, a->start_minute) + grace * 60 * G_USEC_PER_SEC >= change->now)
        continue;
      if (!transition (store, change->actor, a, BIT (SP_APPOINTMENT_BOOKED), SP_APPOINTMENT_NO_SHOW,
                       NULL, change->now, SP_AUDIT_APPOINTMENT_NO_SHOW, NULL, error))
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
  g_autoptr(sqlite3_stmt) link = NULL;
  SpAppointmentCitizen citizen;

  old = sp_appointment_load (store, move->uuid, error);
  if (old == NULL)
    return FALSE;
  if (sp_appointment_is_walk_in (old))
    {
      g_set_error_literal (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_STATE,
                           _("A walk-in has no slot to move."));
      return FALSE;
    }
  /* Frees the old seat first, so a move within the same slot works. */
  if (!transition (store, move->actor, old, BIT (SP_APPOINTMENT_BOOKED), SP_APPOINTMENT_RESCHEDULED,
                   NULL, move->now, SP_AUDIT_APPOINTMENT_RESCHEDULE, NULL, error))
    return FALSE;
  citizen = (SpAppointmentCitizen) {
    old->surname, old->given_name, old->codice_fiscale, old->phone, old->email, old->notes,
  };
  move->id = insert_booking (store, move->actor, old->service_id,
                             move->desk_id > 0 ? move->desk_id : old->desk_id,
                             move->day, move->start_minute, &citizen, move->now, error);
  if (move->id == 0)
    return FALSE;
  link = sp_store_prepare (store, "UPDATE appointments SET rescheduled_to = (SELECT uuid FROM appointments WHERE id = ?) WHERE id = ?", error);
  if (link == NULL)
    return FALSE;
  sqlite3_bind_int64 (link, 1, move->id);
  sqlite3_bind_int64 (link, 2, old->id);
  return sp_store_step_done (store, link, error);
}

/* One appointment from the allowed states to another, in its own
 * transaction. */
static gboolean
change_state (SpStore             *store,
              SpActor              actor,
              const char          *uuid,
              guint                allowed_mask,
              SpAppointmentState   to,
              const char          *time_column,
              gint64               now,
              const char          *action,
              const char          *reason,
              gboolean             today_only,
              GError             **error)
{
  StateChange change = {
    actor, uuid, allowed_mask, to, time_column, now, action, reason, today_only, 0, 0,
  };

  return sp_store_transaction (store, change_in_transaction, &change, error);
}

SpAppointment *
sp_appointment_book (SpStore                    *store,
                     SpActor                     actor,
                     gint64                      service_id,
                     gint64                      desk_id,
                     const char                 *day,
                     int                         start_minute,
                     const SpAppointmentCitizen *citizen,
                     gint64                      now,
                     GError                    **error)
{
  Booking booking = { actor, service_id, desk_id, day, start_minute, citizen, NULL, now, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!check_citizen (citizen, error))
    return NULL;
  if (!sp_store_transaction (store, book_in_transaction, &booking, error))
    return NULL;
  sp_cie_wait_note (store, now);
  return load_by_id (store, booking.id, error);
}

SpAppointment *
sp_appointment_walk_in (SpStore                    *store,
                        SpActor                     actor,
                        gint64                      service_id,
                        const SpAppointmentCitizen *citizen,
                        gint64                      now,
                        GError                    **error)
{
  static const SpAppointmentCitizen nobody = { NULL };
  Booking walk_in = { actor, service_id, 0, NULL, -1, citizen != NULL ? citizen : &nobody, NULL, now, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_store_transaction (store, walk_in_in_transaction, &walk_in, error))
    return NULL;
  return load_by_id (store, walk_in.id, error);
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
  if (!change_state (store, actor, uuid, BIT (SP_APPOINTMENT_BOOKED) | BIT (SP_APPOINTMENT_WAITING),
                     SP_APPOINTMENT_CANCELLED, NULL, sp_store_now (),
                     SP_AUDIT_APPOINTMENT_CANCEL, why, FALSE, error))
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
  /* A citizen late beyond the grace period may still be let in. */
  return change_state (store, actor, uuid, BIT (SP_APPOINTMENT_BOOKED) | BIT (SP_APPOINTMENT_NO_SHOW),
                       SP_APPOINTMENT_WAITING, "arrived_at", now,
                       SP_AUDIT_APPOINTMENT_CHECK_IN, NULL, TRUE, error);
}

gboolean
sp_appointment_call (SpStore     *store,
                     SpActor      actor,
                     const char  *uuid,
                     gint64       now,
                     GError     **error)
{
  return change_state (store, actor, uuid, BIT (SP_APPOINTMENT_WAITING) | BIT (SP_APPOINTMENT_CALLED),
                       SP_APPOINTMENT_CALLED, "called_at", now,
                       SP_AUDIT_APPOINTMENT_CALL, NULL, TRUE, error);
}

gboolean
sp_appointment_start_serving (SpStore     *store,
                              SpActor      actor,
                              const char  *uuid,
                              gint64       now,
                              GError     **error)
{
  return change_state (store, actor, uuid, BIT (SP_APPOINTMENT_CALLED),
                       SP_APPOINTMENT_SERVING, "served_from", now,
                       SP_AUDIT_APPOINTMENT_SERVE, NULL, FALSE, error);
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
      && !sp_appointment_start_serving (store, actor, uuid, now, error))
    return FALSE;
  return change_state (store, actor, uuid, BIT (SP_APPOINTMENT_SERVING),
                       SP_APPOINTMENT_SERVED, "served_to", now,
                       SP_AUDIT_APPOINTMENT_FINISH, NULL, FALSE, error);
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
  g_autoptr(sqlite3_stmt) mark = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_APPOINTMENT (self), FALSE);
  g_return_val_if_fail (marked != NULL, FALSE);

  *marked = FALSE;
  /* Only if still unmarked: another desk may have queued the same
   * reminder since the list was read. */
  mark = sp_store_prepare (store, "UPDATE appointments SET reminder_queued_at = ?1 "
                                  "WHERE id = ?2 AND reminder_queued_at IS NULL", error);
  if (mark == NULL)
    return FALSE;
  sqlite3_bind_int64 (mark, 1, now);
  sqlite3_bind_int64 (mark, 2, self->id);
  if (!sp_store_step_done (store, mark, error))
    return FALSE;
  *marked = sqlite3_changes (sp_store_get_handle (store)) > 0;
  return TRUE;
}

gboolean
sp_appointment_count_booked (SpStore     *store,
                             gint64       service_id,
                             const char  *day,
                             GPtrArray   *slots,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) counts = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (slots != NULL, FALSE);

  counts = sp_store_prepare (store,
                             "SELECT desk_id, start_minute, count(*) FROM appointments "
                             "WHERE service_id = ? AND day = ? AND start_minute IS NOT NULL "
                             "  AND state NOT IN ('cancelled', 'rescheduled') "
                             "GROUP BY desk_id, start_minute", error);
  if (counts == NULL)
    return FALSE;
  sqlite3_bind_int64 (counts, 1, service_id);
  sp_store_bind_text (counts, 2, day);
  while ((rc = sqlite3_step (counts)) == SQLITE_ROW)
    {
      gint64 desk_id = sqlite3_column_int64 (counts, 0);
      int start = sqlite3_column_int (counts, 1);
      int n = sqlite3_column_int (counts, 2);

      for (guint i = 0; i < slots->len; i++)
        {
          SpSlot *slot = g_ptr_array_index (slots, i);

          if (slot->desk_id == desk_id && slot->start_minute == start)
            slot->booked = n;
        }
    }
  if (rc != SQLITE_DONE)
    return sp_store_set_error (store, rc, error);
  return TRUE;
}

SpAppointment *
sp_appointment_call_next (SpStore  *store,
                          SpActor   actor,
                          gint64    now,
                          GError  **error)
{
  StateChange change = { .actor = actor, .now = now };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_store_transaction (store, call_next_in_transaction, &change, error))
    return NULL;
  return load_by_id (store, change.id, error);
}

int
sp_appointment_mark_no_shows (SpStore  *store,
                              SpActor   actor,
                              gint64    now,
                              GError  **error)
{
  StateChange change = { .actor = actor, .now = now };

  g_return_val_if_fail (SP_IS_STORE (store), -1);

  if (!sp_store_transaction (store, no_shows_in_transaction, &change, error))
    return -1;
  return change.n_changed;
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
  Booking move = { actor, 0, desk_id, day, start_minute, NULL, uuid, now, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_store_transaction (store, reschedule_in_transaction, &move, error))
    return NULL;
  sp_cie_wait_note (store, now);
  return load_by_id (store, move.id, error);
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
