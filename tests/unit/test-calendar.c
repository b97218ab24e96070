/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-calendar.c — holidays, working days, calendars, slots, appointments */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "sp-appointment.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-desk.h"
#include "sp-error.h"
#include "sp-holidays.h"
#include "sp-outbox.h"
#include "sp-reminder.h"
#include "sp-test-util.h"

static gint64
local_time (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) t = g_date_time_new_local (year, month, day, hour, minute, 0);
  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

static void
assert_date (const GDate *d, const char *iso)
{
  g_autofree char *text = sp_date_to_iso (d);
  g_assert_cmpstr (text, ==, iso);
}

static void
test_easter (void)
{
  static const struct { int year; const char *easter; } cases[] = {
    { 1818, "1818-03-22" }, { 1943, "1943-04-25" }, { 2000, "2000-04-23" },
    { 2008, "2008-03-23" }, { 2011, "2011-04-24" }, { 2019, "2019-04-21" },
    { 2024, "2024-03-31" }, { 2025, "2025-04-20" }, { 2026, "2026-04-05" },
    { 2027, "2027-03-28" }, { 2038, "2038-04-25" }, { 2285, "2285-03-22" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d;
      sp_holidays_easter (cases[i].year, &d);
      assert_date (&d, cases[i].easter);
    }

  /* Over many years Easter is a Sunday between 22 March and 25 April. */
  for (int y = 1600; y < 2600; y++)
    {
      GDate d, lo, hi;
      sp_holidays_easter (y, &d);
      g_assert_cmpint (g_date_get_weekday (&d), ==, G_DATE_SUNDAY);
      g_date_clear (&lo, 1);
      g_date_clear (&hi, 1);
      g_date_set_dmy (&lo, 22, 3, y);
      g_date_set_dmy (&hi, 25, 4, y);
      g_assert_cmpint (g_date_compare (&d, &lo), >=, 0);
      g_assert_cmpint (g_date_compare (&d, &hi), <=, 0);
    }
}

static void
test_holidays (void)
{
  g_autoptr(GArray) y2025 = sp_holidays_for_year (2025, NULL);
  g_autoptr(GArray) y2026 = sp_holidays_for_year (2026, NULL);
  g_autoptr(SpHolidayRules) rules = sp_holiday_rules_new ("10-04", "San Petronio");
  g_autoptr(SpHolidayRules) bologna = sp_holiday_rules_new ("10-04", "San Petronio");
  g_autoptr(SpHolidayRules) cesena = sp_holiday_rules_new ("06-24", NULL);
  g_autoptr(GArray) with_patron = sp_holidays_for_year (2027, cesena);
  GDate d;

  (void) rules;
  /* 11 national days plus Easter Sunday and Monday; 4 October from 2026. */
  g_assert_cmpuint (y2025->len, ==, 12);
  g_assert_cmpuint (y2026->len, ==, 13);
  assert_date (&g_array_index (y2026, SpHoliday, 0).date, "2026-01-01");
  g_assert_cmpuint (with_patron->len, ==, 14);

  sp_date_parse_iso ("2026-04-06", &d);
  g_assert_cmpstr (sp_holidays_lookup (&d, NULL), ==, "Easter Monday");
  sp_date_parse_iso ("2025-10-04", &d);
  g_assert_null (sp_holidays_lookup (&d, NULL));
  sp_date_parse_iso ("2026-10-04", &d);
  g_assert_cmpstr (sp_holidays_lookup (&d, NULL), ==, "Saint Francis of Assisi");
  /* A patron on a national holiday is not counted twice. */
  g_assert_cmpstr (sp_holidays_lookup (&d, bologna), ==, "Saint Francis of Assisi");
  sp_date_parse_iso ("2027-06-24", &d);
  g_assert_null (sp_holidays_lookup (&d, NULL));
  g_assert_cmpstr (sp_holidays_lookup (&d, cesena), ==, "Patron saint’s day");
  g_assert_false (sp_working_day_is (&d, cesena));
  g_assert_true (sp_working_day_is (&d, NULL));
}

static void
test_working_days (void)
{
  g_autoptr(SpHolidayRules) rules = sp_holiday_rules_new (NULL, NULL);
  GDate d, to;

  /* CIE delivery: 6 working days from Friday 18 December 2026 skips the
   * weekends and Christmas (Friday 25). */
  sp_date_parse_iso ("2026-12-18", &d);
  sp_working_days_add (&d, 6, rules);
  assert_date (&d, "2026-12-29");

  /* Over Easter: Thursday 2 April 2026 + 2 = Tuesday 7 (Monday 6 is Easter Monday). */
  sp_date_parse_iso ("2026-04-02", &d);
  sp_working_days_add (&d, 2, rules);
  assert_date (&d, "2026-04-07");

  sp_date_parse_iso ("2026-04-02", &d);
  sp_date_parse_iso ("2026-04-07", &to);
  g_assert_cmpint (sp_working_days_between (&d, &to, rules), ==, 2);
  g_assert_cmpint (sp_working_days_between (&to, &d, rules), ==, 0);
  g_assert_cmpint (sp_working_days_between (&d, &d, rules), ==, 0);
}

static void
test_opening_hours (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hours = NULL;
  g_autoptr(GArray) bad = NULL;
  g_autofree char *text = NULL;

  hours = sp_opening_hours_parse ("mon-fri 08:30-12:30,14:30-17:00; sab 09:00-12:00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 11);
  text = sp_opening_hours_format (hours);
  g_assert_cmpstr (text, ==, "mon-fri 08:30-12:30,14:30-17:00; sat 09:00-12:00");

  bad = sp_opening_hours_parse ("mon 09:00-12:00,11:00-13:00", &error);
  g_assert_error (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID);
  g_assert_null (bad);
  g_clear_error (&error);
  g_assert_null (sp_opening_hours_parse ("someday 9-12", &error));
  g_assert_error (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID);
}

static const SpAppointmentCitizen rossi = { "Rossi", "Mario", "RSSMRA80A01H501U", "+393331234567", "mario@example.org", NULL };

/* A fresh database with the setup's desk and the CIE service, and the
 * helpers that book and move appointments there, asserting that it works. */
typedef struct
{
  SpTestDb db;
  gint64   desk;
  gint64   cie;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDesk) desk = NULL;
  g_autoptr(SpBookingService) cie = NULL;

  sp_test_db_setup (&f->db, data);
  desk = sp_desk_lookup (f->db.store, "Sportello 1", &error);
  g_assert_no_error (error);
  cie = sp_booking_service_lookup (f->db.store, "cie", &error);
  g_assert_no_error (error);
  f->desk = sp_desk_get_id (desk);
  f->cie = cie->id;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sp_test_db_close (&f->db, data);
}

#define CALENDAR_TEST_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

static void
set_calendar (Fixture *f, const char *hours_text, int slot, int capacity, const char *from, const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hours = sp_opening_hours_parse (hours_text, &error);
  g_autoptr(SpCalendar) c = NULL;

  g_assert_no_error (error);
  c = sp_calendar_set (f->db.store, SP_ACTOR_SYSTEM, f->desk, f->cie, slot, capacity, from, to, hours, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
}

static SpAppointment *
book (Fixture *f, const char *day, int minute, const SpAppointmentCitizen *citizen, gint64 now)
{
  g_autoptr(GError) error = NULL;
  SpAppointment *a = sp_appointment_book (f->db.store, SP_ACTOR_SYSTEM, NULL, f->cie, f->desk, day, minute,
                                          citizen, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static void
assert_book_fails (Fixture *f, const char *day, int minute, gint64 now, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = sp_appointment_book (f->db.store, SP_ACTOR_SYSTEM, NULL, f->cie, f->desk, day,
                                                    minute, &rossi, now, &error);

  g_assert_error (error, SP_APPOINTMENT_ERROR, code);
  g_assert_null (a);
}

static void
cancel (Fixture *f, SpAppointment *a, const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_appointment_cancel (f->db.store, SP_ACTOR_SYSTEM, sp_appointment_get_uuid (a), reason, &error));
  g_assert_no_error (error);
}

typedef gboolean (*ChangeFunc) (SpStore *store, SpActor actor, const char *uuid, gint64 now, GError **error);

/* Check-in, call, start serving or finish. */
static void
change (Fixture *f, ChangeFunc func, SpAppointment *a, gint64 now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (func (f->db.store, SP_ACTOR_SYSTEM, sp_appointment_get_uuid (a), now, &error));
  g_assert_no_error (error);
}

static void
test_day_slots (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) summer = NULL;
  g_autoptr(GPtrArray) sunday = NULL;
  g_autoptr(GPtrArray) easter = NULL;

  /* Two intervals: 4 + 3 slots of 20 minutes (the last 10 minutes of the
   * morning make no slot). */
  set_calendar (f, "mon-fri 09:00-10:30,15:00-16:00", 20, 1, NULL, NULL);
  /* Summer hours: mornings only. */
  set_calendar (f, "mon-fri 08:00-09:00", 30, 1, "2026-07-01", "2026-08-31");

  slots = sp_slot_list_day (f->db.store, f->cie, 0, "2026-06-10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 7);
  g_assert_cmpint (((SpSlot *) slots->pdata[0])->start_minute, ==, 9 * 60);
  g_assert_cmpint (((SpSlot *) slots->pdata[3])->start_minute, ==, 10 * 60);
  g_assert_cmpint (((SpSlot *) slots->pdata[4])->start_minute, ==, 15 * 60);
  g_assert_cmpint (((SpSlot *) slots->pdata[6])->end_minute, ==, 16 * 60);

  summer = sp_slot_list_day (f->db.store, f->cie, 0, "2026-07-15", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summer->len, ==, 2);

  sunday = sp_slot_list_day (f->db.store, f->cie, 0, "2026-06-14", &error);
  g_assert_cmpuint (sunday->len, ==, 0);
  easter = sp_slot_list_day (f->db.store, f->cie, 0, "2026-04-06", &error);
  g_assert_cmpuint (easter->len, ==, 0);
  {
    g_autofree char *why = sp_slot_day_closed_reason (f->db.store, f->cie, 0, "2026-04-06", &error);
    g_assert_cmpstr (why, ==, "Easter Monday");
  }
}

static void
test_closures_and_first_free (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSlot) slot = NULL;
  g_autoptr(SpSlot) after = NULL;
  g_autoptr(SpClosure) closure = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(GPtrArray) none = NULL;
  GDate today;

  set_calendar (f, "mon-fri 09:00-10:00", 30, 1, NULL, NULL);

  /* Thursday 24 December 2026 at 12:00: closed on the afternoon, Christmas
   * and Saint Stephen, the weekend, and the office shut on the 28th. */
  closure = sp_closure_add (f->db.store, SP_ACTOR_SYSTEM, 0, "2026-12-28", NULL, "Inventory", &error);
  g_assert_no_error (error);
  slot = sp_slot_first_free (f->db.store, f->cie, 0, local_time (2026, 12, 24, 12, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (slot->day, ==, "2026-12-29");
  g_assert_cmpint (slot->start_minute, ==, 9 * 60);
  sp_date_parse_iso ("2026-12-24", &today);
  g_assert_cmpint (sp_slot_wait_working_days (f->db.store, &today, slot->day), ==, 2);

  none = sp_slot_list_day (f->db.store, f->cie, 0, "2026-12-28", &error);
  g_assert_cmpuint (none->len, ==, 0);

  /* Book both slots of the 29th: the first free moves to the 30th. */
  a = book (f, "2026-12-29", 9 * 60, &rossi, local_time (2026, 12, 24, 12, 0));
  g_clear_object (&a);
  a = book (f, "2026-12-29", 9 * 60 + 30, &rossi, local_time (2026, 12, 24, 12, 0));
  after = sp_slot_first_free (f->db.store, f->cie, f->desk, local_time (2026, 12, 24, 12, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->day, ==, "2026-12-30");

  /* A desk closure only closes that desk. */
  {
    g_autoptr(SpClosure) c2 = sp_closure_add (f->db.store, SP_ACTOR_SYSTEM, f->desk, "2026-12-30", "2026-12-31", "Training", &error);
    g_autoptr(SpSlot) s3 = NULL;
    g_assert_no_error (error);
    s3 = sp_slot_first_free (f->db.store, f->cie, 0, local_time (2026, 12, 24, 12, 0), &error);
    g_assert_no_error (error);
    /* 1 January is a holiday, then the weekend. */
    g_assert_cmpstr (s3->day, ==, "2027-01-04");
  }
}

static void
test_capacity_and_errors (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(SpAppointment) b = NULL;
  g_autoptr(SpAppointment) c = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  gint64 now = local_time (2026, 6, 1, 8, 0);

  set_calendar (f, "mon-fri 09:00-10:00", 20, 2, NULL, NULL);

  a = book (f, "2026-06-03", 9 * 60, &rossi, now);
  b = book (f, "2026-06-03", 9 * 60, &rossi, now);
  assert_book_fails (f, "2026-06-03", 9 * 60, now, SP_APPOINTMENT_ERROR_SLOT_TAKEN);

  slots = sp_slot_list_day (f->db.store, f->cie, f->desk, "2026-06-03", &error);
  g_assert_cmpint (((SpSlot *) slots->pdata[0])->booked, ==, 2);

  /* Cancelling frees a place. */
  g_assert_false (sp_appointment_cancel (f->db.store, SP_ACTOR_SYSTEM, sp_appointment_get_uuid (a), "", &error));
  g_assert_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_INVALID);
  g_clear_error (&error);
  cancel (f, a, "Ill");
  c = book (f, "2026-06-03", 9 * 60, &rossi, now);
  g_clear_object (&c);

  /* Not a slot; a past slot; a holiday. */
  assert_book_fails (f, "2026-06-03", 9 * 60 + 10, now, SP_APPOINTMENT_ERROR_NO_SUCH_SLOT);
  assert_book_fails (f, "2026-06-01", 9 * 60, local_time (2026, 6, 1, 9, 5), SP_APPOINTMENT_ERROR_PAST);
  assert_book_fails (f, "2026-06-02", 9 * 60, now, SP_APPOINTMENT_ERROR_NO_SUCH_SLOT);

  /* Reschedule into the same full slot's free place, and elsewhere. */
  c = sp_appointment_reschedule (f->db.store, SP_ACTOR_SYSTEM, sp_appointment_get_uuid (b), 0,
                                 "2026-06-04", 9 * 60 + 20, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_appointment_get_day (c), ==, "2026-06-04");
  g_assert_cmpstr (sp_appointment_get_surname (c), ==, "Rossi");
  g_clear_object (&b);
  b = sp_appointment_load (f->db.store, sp_appointment_get_uuid (a), &error);
  g_assert_cmpint (sp_appointment_get_state (b), ==, SP_APPOINTMENT_CANCELLED);
}

typedef struct
{
  const char *path;
  gint64      service;
  gint64      desk;
  GError     *error;
  gboolean    won;
  GMutex     *mutex;
  GCond      *cond;
  int        *ready;
} Racer;

static gpointer
race (gpointer data)
{
  Racer *r = data;
  g_autoptr(SpStore) store = sp_store_open (r->path, NULL);
  g_autoptr(SpAppointment) a = NULL;

  /* Both connections start booking at the same moment. */
  g_mutex_lock (r->mutex);
  (*r->ready)++;
  g_cond_broadcast (r->cond);
  while (*r->ready < 2)
    g_cond_wait (r->cond, r->mutex);
  g_mutex_unlock (r->mutex);

  a = sp_appointment_book (store, SP_ACTOR_SYSTEM, NULL, r->service, r->desk, "2026-06-03", 9 * 60, &rossi,
                           local_time (2026, 6, 1, 8, 0), &r->error);
  r->won = a != NULL;
  return NULL;
}

static void
test_concurrent_booking (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) other = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(SpAppointment) b = NULL;
  GMutex mutex;
  GCond cond;
  int ready = 0;
  Racer racers[2];
  GThread *threads[2];

  set_calendar (f, "mon-fri 09:00-10:00", 20, 1, NULL, NULL);

  /* Two connections on the same file, one after the other. */
  other = sp_store_open (f->db.path, &error);
  g_assert_no_error (error);
  a = book (f, "2026-06-03", 9 * 60 + 20, &rossi, local_time (2026, 6, 1, 8, 0));
  b = sp_appointment_book (other, SP_ACTOR_SYSTEM, NULL, f->cie, f->desk, "2026-06-03", 9 * 60 + 20, &rossi,
                           local_time (2026, 6, 1, 8, 0), &error);
  g_assert_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_SLOT_TAKEN);
  g_assert_true (strstr (error->message, "09:20") != NULL);
  g_assert_null (b);
  g_clear_error (&error);

  /* Two threads, each with its own connection, at the same moment. */
  g_mutex_init (&mutex);
  g_cond_init (&cond);
  for (int i = 0; i < 2; i++)
    {
      racers[i] = (Racer) { f->db.path, f->cie, f->desk, NULL, FALSE, &mutex, &cond, &ready };
      threads[i] = g_thread_new ("racer", race, &racers[i]);
    }
  for (int i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_assert_true (racers[0].won != racers[1].won);
  {
    Racer *loser = racers[0].won ? &racers[1] : &racers[0];
    g_assert_error (loser->error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_SLOT_TAKEN);
    g_clear_error (&loser->error);
  }
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);

  /* And the database itself refuses a second live row on the seat. */
  g_assert_false (sp_store_exec (f->db.store,
                                 "INSERT INTO appointments (uuid, kind, service_id, desk_id, day, start_minute, "
                                 " end_minute, seat, state, created_at, updated_at) "
                                 "SELECT 'x', kind, service_id, desk_id, day, start_minute, end_minute, seat, "
                                 " 'booked', 0, 0 FROM appointments LIMIT 1", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT);
}

static void
test_no_show_and_queue (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) early = NULL;
  g_autoptr(SpAppointment) late = NULL;
  g_autoptr(SpAppointment) walk = NULL;
  g_autoptr(SpAppointment) next = NULL;
  g_autoptr(SpAppointment) reloaded = NULL;
  g_autoptr(GListModel) day = NULL;
  gint64 t0 = local_time (2026, 6, 3, 8, 0);
  int n;

  set_calendar (f, "mon-fri 09:00-10:00", 20, 1, NULL, NULL);

  early = book (f, "2026-06-03", 9 * 60, &rossi, t0);
  late = book (f, "2026-06-03", 9 * 60 + 40, &rossi, t0);

  /* Check-in only on the day. */
  g_assert_false (sp_appointment_check_in (f->db.store, SP_ACTOR_SYSTEM, sp_appointment_get_uuid (late),
                                           local_time (2026, 6, 2, 9, 0), &error));
  g_assert_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_NOT_TODAY);
  g_clear_error (&error);
  change (f, sp_appointment_check_in, late, local_time (2026, 6, 3, 9, 10));

  /* A walk-in arrives at 9:05 and gets ticket 1. */
  walk = sp_appointment_walk_in (f->db.store, SP_ACTOR_SYSTEM, NULL, f->cie, NULL, local_time (2026, 6, 3, 9, 5), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_appointment_get_ticket (walk), ==, 1);

  /* Grace 15 minutes: at 9:14 the 9:00 citizen is not yet a no-show; at 9:16 they are. */
  n = sp_appointment_mark_no_shows (f->db.store, SP_ACTOR_SYSTEM, local_time (2026, 6, 3, 9, 14), &error);
  g_assert_cmpint (n, ==, 0);
  n = sp_appointment_mark_no_shows (f->db.store, SP_ACTOR_SYSTEM, local_time (2026, 6, 3, 9, 16), &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  reloaded = sp_appointment_load (f->db.store, sp_appointment_get_uuid (early), &error);
  g_assert_cmpint (sp_appointment_get_state (reloaded), ==, SP_APPOINTMENT_NO_SHOW);
  /* The setting changes the grace period. */
  g_assert_true (sp_store_set_setting (f->db.store, SP_SETTING_NO_SHOW_GRACE, "60", &error));

  /* Agenda and queue together, in order: 9:00 (no-show), walk-in 9:05, 9:40. */
  day = sp_appointment_list_day (f->db.store, "2026-06-03", 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (day), ==, 3);
  {
    g_autoptr(SpAppointment) second = g_list_model_get_item (day, 1);
    g_assert_true (sp_appointment_is_walk_in (second));
  }

  /* Ctrl+N: the walk-in (arrived 9:05) before the 9:40 booking. */
  next = sp_appointment_call_next (f->db.store, SP_ACTOR_SYSTEM, local_time (2026, 6, 3, 9, 20), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_appointment_get_uuid (next), ==, sp_appointment_get_uuid (walk));
  change (f, sp_appointment_finish, next, local_time (2026, 6, 3, 9, 35));
  g_clear_object (&next);
  next = sp_appointment_call_next (f->db.store, SP_ACTOR_SYSTEM, local_time (2026, 6, 3, 9, 36), &error);
  g_assert_cmpstr (sp_appointment_get_uuid (next), ==, sp_appointment_get_uuid (late));
  change (f, sp_appointment_start_serving, next, local_time (2026, 6, 3, 9, 37));
  change (f, sp_appointment_finish, next, local_time (2026, 6, 3, 9, 55));
  g_clear_object (&next);
  next = sp_appointment_load (f->db.store, sp_appointment_get_uuid (late), &error);
  g_assert_cmpint (sp_appointment_get_state (next), ==, SP_APPOINTMENT_SERVED);
  g_assert_cmpint (sp_appointment_get_arrived_at (next), ==, local_time (2026, 6, 3, 9, 10));
  g_assert_cmpint (sp_appointment_get_called_at (next), ==, local_time (2026, 6, 3, 9, 36));
  g_assert_cmpint (sp_appointment_get_served_from (next), ==, local_time (2026, 6, 3, 9, 37));
  g_assert_cmpint (sp_appointment_get_served_to (next), ==, local_time (2026, 6, 3, 9, 55));
  g_clear_object (&next);

  next = sp_appointment_call_next (f->db.store, SP_ACTOR_SYSTEM, local_time (2026, 6, 3, 10, 0), &error);
  g_assert_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_QUEUE_EMPTY);
  g_assert_null (next);
}

/* A write made again with its uuid, after an attempt whose outcome the
 * desk did not learn, writes nothing twice: the booking, the ticket, the
 * move and the changes of state are each there once. */
static void
test_idempotent_writes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *ticket_uuid = sp_store_new_uuid ();
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(SpAppointment) again = NULL;
  g_autoptr(SpAppointment) moved = NULL;
  g_autoptr(SpAppointment) moved_again = NULL;
  g_autoptr(SpAppointment) walk = NULL;
  g_autoptr(SpAppointment) walk_again = NULL;
  g_autoptr(SpAppointment) other = NULL;
  gint64 t0 = local_time (2026, 6, 3, 8, 0);

  set_calendar (f, "mon-fri 09:00-10:00", 20, 1, NULL, NULL);

  a = sp_appointment_book (f->db.store, SP_ACTOR_SYSTEM, uuid, f->cie, f->desk, "2026-06-03", 9 * 60,
                           &rossi, t0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_appointment_get_uuid (a), ==, uuid);
  /* The slot has one place, taken by the first attempt: the second is
   * told it is booked, not that the slot is full. */
  again = sp_appointment_book (f->db.store, SP_ACTOR_SYSTEM, uuid, f->cie, f->desk, "2026-06-03", 9 * 60,
                               &rossi, t0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_appointment_get_uuid (again), ==, uuid);
  g_assert_cmpint (sp_test_count (&f->db, "SELECT count(*) FROM appointments"), ==, 1);
  g_assert_cmpint (sp_test_count (&f->db, "SELECT count(*) FROM audit WHERE action = 'appointment-book'"), ==, 1);

  /* A move made twice moves once. */
  moved = sp_appointment_reschedule (f->db.store, SP_ACTOR_SYSTEM, uuid, 0, "2026-06-03", 9 * 60 + 20, t0, &error);
  g_assert_no_error (error);
  moved_again = sp_appointment_reschedule (f->db.store, SP_ACTOR_SYSTEM, uuid, 0, "2026-06-03", 9 * 60 + 20, t0,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_appointment_get_uuid (moved_again), ==, sp_appointment_get_uuid (moved));
  g_assert_cmpint (sp_test_count (&f->db, "SELECT count(*) FROM appointments"), ==, 2);
  /* Elsewhere is another move, which the first one's state refuses. */
  g_assert_null (sp_appointment_reschedule (f->db.store, SP_ACTOR_SYSTEM, uuid, 0, "2026-06-03", 9 * 60 + 40, t0,
                                            &error));
  g_assert_error (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_STATE);
  g_clear_error (&error);

  /* A check-in or a cancellation asked twice happened once. */
  change (f, sp_appointment_check_in, moved, local_time (2026, 6, 3, 9, 10));
  change (f, sp_appointment_check_in, moved, local_time (2026, 6, 3, 9, 11));
  g_assert_cmpint (sp_test_count (&f->db, "SELECT count(*) FROM audit WHERE action = 'appointment-check-in'"), ==, 1);

  /* The same ticket twice is one ticket; a new uuid is the next one. */
  walk = sp_appointment_walk_in (f->db.store, SP_ACTOR_SYSTEM, ticket_uuid, f->cie, NULL,
                                 local_time (2026, 6, 3, 9, 5), &error);
  g_assert_no_error (error);
  walk_again = sp_appointment_walk_in (f->db.store, SP_ACTOR_SYSTEM, ticket_uuid, f->cie, NULL,
                                       local_time (2026, 6, 3, 9, 6), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_appointment_get_ticket (walk_again), ==, sp_appointment_get_ticket (walk));
  other = sp_appointment_walk_in (f->db.store, SP_ACTOR_SYSTEM, NULL, f->cie, NULL, local_time (2026, 6, 3, 9, 7),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_appointment_get_ticket (other), ==, sp_appointment_get_ticket (walk) + 1);
}

static void
test_receipt_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(SpReceipt) r = NULL;
  gboolean has_bring = FALSE;

  set_calendar (f, "mon-fri 09:00-10:00", 20, 1, NULL, NULL);
  a = book (f, "2026-06-03", 9 * 60, &rossi, local_time (2026, 6, 1, 8, 0));
  r = sp_appointment_build_receipt (f->db.store, a, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sp_receipt_get_n_fields (r); i++)
    if (g_str_equal (sp_receipt_get_field (r, i)->label, "Bring"))
      has_bring = TRUE;
  g_assert_true (has_bring);
  g_assert_true (sp_receipt_issue (f->db.store, r, SP_ACTOR_SYSTEM, &error));
  g_assert_no_error (error);
}

static void
test_services_and_removal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBookingService) added = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) calendars = NULL;
  g_autoptr(GPtrArray) closures = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(SpClosure) closure = NULL;

  added = sp_booking_service_set (f->db.store, SP_ACTOR_SYSTEM, "anagrafe", "Certificati \"anagrafici\"", "Documento", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->name, ==, "Certificati \"anagrafici\"");
  services = sp_booking_service_list (f->db.store, &error);
  g_assert_cmpuint (services->len, ==, 3);
  {
    guint64 n = 0;
    g_assert_true (sp_audit_verify (f->db.store, &n, NULL, &error));
  }

  set_calendar (f, "mon-fri 09:00-10:00", 20, 1, NULL, NULL);
  a = book (f, "2026-06-03", 9 * 60, &rossi, local_time (2026, 6, 1, 8, 0));
  found = sp_appointment_search (f->db.store, "rssmra80a01h501u", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = sp_appointment_search (f->db.store, "rossi", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  calendars = sp_calendar_list (f->db.store, f->cie, &error);
  g_assert_cmpuint (calendars->len, ==, 1);
  g_assert_true (sp_calendar_remove (f->db.store, SP_ACTOR_SYSTEM, ((SpCalendar *) calendars->pdata[0])->id, &error));
  g_assert_false (sp_calendar_remove (f->db.store, SP_ACTOR_SYSTEM, 999, &error));
  g_assert_error (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  closure = sp_closure_add (f->db.store, SP_ACTOR_SYSTEM, 0, "2026-08-10", "2026-08-14", "Summer", &error);
  g_assert_no_error (error);
  g_assert_null (sp_closure_add (f->db.store, SP_ACTOR_SYSTEM, 0, "2026-08-14", "2026-08-10", NULL, &error));
  g_assert_error (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sp_closure_remove (f->db.store, SP_ACTOR_SYSTEM, closure->id, &error));
  closures = sp_closure_list (f->db.store, NULL, &error);
  g_assert_cmpuint (closures->len, ==, 0);
}

/* Today's reading of the wait, as the trend of Supervision draws it. */
static char *
wait_reading (Fixture *f, gint64 *recorded_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  stmt = sp_store_query (f->db.store, &error,
                         "SELECT first_free_day, recorded_at FROM cie_wait_snapshots WHERE day = ?1",
                         SP_TEXT (today), SP_END);
  g_assert_no_error (error);
  if (!sp_statement_next (stmt, &error))
    {
      g_assert_no_error (error);
      return NULL;
    }
  if (recorded_at != NULL)
    *recorded_at = sp_statement_get_int (stmt, 1);
  return sp_statement_dup_text (stmt, 0);
}

static char *
first_free_day (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSlot) slot = sp_slot_first_free (f->db.store, f->cie, 0, sp_store_now (), &error);

  g_assert_no_error (error);
  return g_strdup (slot->day);
}

static void
test_wait_readings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) first = NULL;
  g_autoptr(SpAppointment) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *full_day = NULL;
  g_autofree char *reading = NULL;
  gint64 recorded_at = 0, again_at = 0;

  g_assert_null (wait_reading (f, NULL));

  /* Opening the calendar takes the first reading. */
  set_calendar (f, "mon-fri 09:00-10:00", 30, 1, NULL, NULL);
  before = first_free_day (f);
  reading = wait_reading (f, &recorded_at);
  g_assert_cmpstr (reading, ==, before);
  g_clear_pointer (&reading, g_free);

  /* Filling the first free day moves the reading to the next one. */
  first = book (f, before, 9 * 60, &rossi, sp_store_now ());
  reading = wait_reading (f, &again_at);
  g_assert_cmpstr (reading, ==, before);
  /* Nothing moved: nothing was written. */
  g_assert_cmpint (again_at, ==, recorded_at);
  g_clear_pointer (&reading, g_free);

  second = book (f, before, 9 * 60 + 30, &rossi, sp_store_now ());
  full_day = g_strdup (before);
  g_clear_pointer (&before, g_free);
  before = first_free_day (f);
  g_assert_cmpstr (before, >, full_day);
  reading = wait_reading (f, NULL);
  g_assert_cmpstr (reading, ==, before);
  g_clear_pointer (&reading, g_free);

  /* A cancellation frees the seat again. */
  cancel (f, second, "Changed plans");
  reading = wait_reading (f, NULL);
  g_assert_cmpstr (reading, ==, full_day);
}

static guint
remind (Fixture *f, gint64 now, gboolean dry_run)
{
  g_autoptr(GError) error = NULL;
  guint n = 99;

  g_assert_true (sp_reminder_queue_due (f->db.store, SP_ACTOR_SYSTEM, now, dry_run, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
test_reminders (Fixture *f, gconstpointer data)
{
  static const SpAppointmentCitizen bianchi = { "Bianchi", "Anna", NULL, "+393339876543", NULL, NULL };
  static const SpAppointmentCitizen verdi = { "Verdi", "Luca", NULL, NULL, "luca@example.org", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(SpAppointment) gone = NULL;
  g_autoptr(SpAppointment) b = NULL;
  g_autoptr(SpAppointment) later = NULL;
  g_autoptr(SpStatement) stmt = NULL;
  gint64 booked_at = local_time (2026, 6, 1, 8, 0);
  guint64 n_checked = 0;

  set_calendar (f, "mon-fri 09:00-10:00", 30, 2, NULL, NULL);

  /* Wednesday 3 June at 9:00 with an email, at 9:30 without, one
   * cancelled, and Friday 5 June at 9:00. */
  a = book (f, "2026-06-03", 9 * 60, &rossi, booked_at);
  b = book (f, "2026-06-03", 9 * 60 + 30, &bianchi, booked_at);
  gone = book (f, "2026-06-03", 9 * 60, &verdi, booked_at);
  cancel (f, gone, "Ill");
  later = book (f, "2026-06-05", 9 * 60, &verdi, booked_at);

  /* Within 48 hours but booked two hours ago: the receipt is fresh. */
  g_assert_cmpuint (remind (f, local_time (2026, 6, 1, 10, 0), FALSE), ==, 0);
  g_assert_cmpuint (sp_outbox_count_unsent (f->db.store), ==, 0);

  /* A day later: Rossi only (Bianchi has no email, Verdi cancelled, Friday
   * is 72 hours away). A dry run writes nothing. */
  g_assert_cmpuint (remind (f, local_time (2026, 6, 2, 8, 30), TRUE), ==, 1);
  g_assert_cmpuint (sp_outbox_count_unsent (f->db.store), ==, 0);
  g_assert_cmpuint (remind (f, local_time (2026, 6, 2, 8, 30), FALSE), ==, 1);
  g_assert_cmpuint (sp_outbox_count_unsent (f->db.store), ==, 1);

  stmt = sp_store_query (f->db.store, &error, "SELECT recipient, subject, body, subject_uuid FROM outbox", SP_END);
  g_assert_no_error (error);
  g_assert_true (sp_statement_next (stmt, &error));
  g_assert_cmpstr (sp_statement_get_text (stmt, 0), ==, "mario@example.org");
  g_assert_nonnull (strstr (sp_statement_get_text (stmt, 1), "03/06/2026"));
  g_assert_nonnull (strstr (sp_statement_get_text (stmt, 2), "Rossi Mario"));
  g_assert_nonnull (strstr (sp_statement_get_text (stmt, 2), "03/06/2026"));
  g_assert_nonnull (strstr (sp_statement_get_text (stmt, 2), "09:00"));
  g_assert_cmpstr (sp_statement_get_text (stmt, 3), ==, sp_appointment_get_uuid (a));

  /* Never twice, whoever asks again. */
  g_assert_cmpuint (remind (f, local_time (2026, 6, 2, 9, 0), FALSE), ==, 0);

  /* Friday's comes due 48 hours before; once the slot has begun, no more. */
  g_assert_cmpuint (remind (f, local_time (2026, 6, 3, 8, 59), TRUE), ==, 0);
  g_assert_cmpuint (remind (f, local_time (2026, 6, 5, 9, 1), TRUE), ==, 0);
  g_assert_cmpuint (remind (f, local_time (2026, 6, 3, 9, 0), FALSE), ==, 1);
  g_assert_cmpuint (sp_outbox_count_unsent (f->db.store), ==, 2);

  g_assert_true (sp_audit_verify (f->db.store, &n_checked, NULL, &error));
  g_assert_no_error (error);
}

/* What retention erases of appointments: the citizen's data of the closed
 * ones before the cutoff day, nothing of the live or later ones. */
static void
test_erase_closed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) served = NULL;
  g_autoptr(SpAppointment) cancelled = NULL;
  g_autoptr(SpAppointment) live = NULL;
  g_autoptr(SpAppointment) later = NULL;
  g_autoptr(SpAppointment) reloaded = NULL;
  gint64 booked_at = local_time (2026, 6, 1, 8, 0);
  gint64 cutoff = local_time (2026, 6, 4, 0, 0);

  set_calendar (f, "mon-fri 09:00-10:00", 20, 2, NULL, NULL);

  served = book (f, "2026-06-03", 9 * 60, &rossi, booked_at);
  change (f, sp_appointment_check_in, served, local_time (2026, 6, 3, 8, 55));
  change (f, sp_appointment_call, served, local_time (2026, 6, 3, 9, 0));
  change (f, sp_appointment_finish, served, local_time (2026, 6, 3, 9, 15));
  cancelled = book (f, "2026-06-03", 9 * 60 + 20, &rossi, booked_at);
  cancel (f, cancelled, "Ill");
  /* Still booked on a past day, and closed but on the cutoff day. */
  live = book (f, "2026-06-03", 9 * 60 + 40, &rossi, booked_at);
  later = book (f, "2026-06-04", 9 * 60, &rossi, booked_at);
  cancel (f, later, "Moved away");

  g_assert_cmpint (sp_appointment_erase_closed_before (f->db.store, cutoff, "2026-06-04", &error), ==, 2);
  g_assert_no_error (error);
  /* Erased rows are not erased twice. */
  g_assert_cmpint (sp_appointment_erase_closed_before (f->db.store, cutoff, "2026-06-04", &error), ==, 0);
  g_assert_no_error (error);

  reloaded = sp_appointment_load (f->db.store, sp_appointment_get_uuid (served), &error);
  g_assert_cmpstr (sp_appointment_get_surname (reloaded), ==, "");
  g_assert_cmpstr (sp_appointment_get_given_name (reloaded), ==, "");
  g_assert_null (sp_appointment_get_codice_fiscale (reloaded));
  g_assert_null (sp_appointment_get_phone (reloaded));
  g_assert_null (sp_appointment_get_email (reloaded));
  g_assert_cmpint (sp_appointment_get_state (reloaded), ==, SP_APPOINTMENT_SERVED);
  g_clear_object (&reloaded);
  reloaded = sp_appointment_load (f->db.store, sp_appointment_get_uuid (cancelled), &error);
  g_assert_cmpstr (sp_appointment_get_surname (reloaded), ==, "");
  g_assert_null (sp_appointment_get_cancel_reason (reloaded));
  g_clear_object (&reloaded);
  reloaded = sp_appointment_load (f->db.store, sp_appointment_get_uuid (live), &error);
  g_assert_cmpstr (sp_appointment_get_surname (reloaded), ==, "Rossi");
  g_assert_cmpstr (sp_appointment_get_email (reloaded), ==, "mario@example.org");
  g_clear_object (&reloaded);
  reloaded = sp_appointment_load (f->db.store, sp_appointment_get_uuid (later), &error);
  g_assert_cmpstr (sp_appointment_get_surname (reloaded), ==, "Rossi");
  g_assert_cmpstr (sp_appointment_get_cancel_reason (reloaded), ==, "Moved away");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/holidays/easter", test_easter);
  g_test_add_func ("/holidays/list", test_holidays);
  g_test_add_func ("/holidays/working-days", test_working_days);
  g_test_add_func ("/calendar/opening-hours", test_opening_hours);
  CALENDAR_TEST_ADD ("/calendar/day-slots", test_day_slots);
  CALENDAR_TEST_ADD ("/calendar/closures-first-free", test_closures_and_first_free);
  CALENDAR_TEST_ADD ("/appointments/capacity", test_capacity_and_errors);
  CALENDAR_TEST_ADD ("/appointments/concurrent", test_concurrent_booking);
  CALENDAR_TEST_ADD ("/appointments/no-show-queue", test_no_show_and_queue);
  CALENDAR_TEST_ADD ("/appointments/idempotent", test_idempotent_writes);
  CALENDAR_TEST_ADD ("/appointments/receipt", test_receipt_fields);
  CALENDAR_TEST_ADD ("/calendar/services-removal", test_services_and_removal);
  CALENDAR_TEST_ADD ("/calendar/wait-readings", test_wait_readings);
  CALENDAR_TEST_ADD ("/appointments/reminders", test_reminders);
  CALENDAR_TEST_ADD ("/appointments/erase-closed", test_erase_closed);

  return g_test_run ();
}
