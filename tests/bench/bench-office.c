/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-office.c — an office's busy minute: 24 desks on one database
 *
 * Prints lines "name<TAB>value<TAB>unit<TAB>baseline". Twenty-four desks,
 * each a thread with a connection of its own (as each desk is a program of
 * its own), work for SECONDS seconds (60; SPORTELLO_BENCH_OFFICE_SECONDS
 * shortens it) without pause, in a round a desk of a busy day makes:
 * three bookings of the first free slot, two check-ins of its citizens
 * booked for today, two walk-in tickets, three calls of the next one, one
 * identification at a partner counter completed. Per action: how many a
 * second the office did, the median and the 99th percentile of the time
 * each took. A booking another desk got first (told, and booked on the
 * next slot) is a lost race, not an error; on PostgreSQL errors must be
 * none (the bench fails otherwise).
 */
#include "config.h"

#include <stdio.h>

#include "bench-util.h"
#include "sp-appointment.h"
#include "sp-booking-service.h"
#include "sp-calendar.h"
#include "sp-dates.h"
#include "sp-desk.h"
#include "sp-health-card.h"
#include "sp-identification.h"
#include "sp-opening-hours.h"
#include "sp-places-import.h"
#include "sp-slot.h"

#define N_DESKS 24
#define SECONDS 60

typedef enum
{
  ACT_BOOK,
  ACT_CHECK_IN,
  ACT_WALK_IN,
  ACT_CALL_NEXT,
  ACT_IDENTIFY,
  N_ACTIONS
} Action;

static const char *const action_names[N_ACTIONS] = { "book", "check_in", "walk_in", "call_next", "identify" };
/* A desk's round. */
static const Action round_of_work[] = {
  ACT_BOOK, ACT_WALK_IN, ACT_CALL_NEXT, ACT_CHECK_IN, ACT_BOOK,
  ACT_CALL_NEXT, ACT_IDENTIFY, ACT_WALK_IN, ACT_BOOK, ACT_CHECK_IN, ACT_CALL_NEXT,
};

typedef struct
{
  const char *location;
  gint64      desk_id;
  gint64      service_id;
  gint64      until;         /* monotonic µs */
  GArray     *ms[N_ACTIONS]; /* double */
  GQueue      booked_today;  /* uuids to check in */
  guint       lost_races;
  guint       errors;
  char       *first_error;
} Desk;

static void
note_error (Desk         *desk,
            const GError *error)
{
  desk->errors++;
  if (desk->first_error == NULL)
    desk->first_error = g_strdup (error->message);
}

static gboolean
book (Desk    *desk,
      SpStore *store,
      SpActor  actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSlot) slot = NULL;
  g_autoptr(SpAppointment) a = NULL;
  SpAppointmentCitizen citizen = { "Rossi", "Mario", "RSSMRA80A01H501U", NULL, NULL, NULL };
  g_autofree char *today = NULL;
  GDate day;

  slot = sp_slot_first_free (store, desk->service_id, desk->desk_id, sp_store_now (), &error);
  if (slot != NULL)
    a = sp_appointment_book (store, actor, NULL, desk->service_id, desk->desk_id, slot->day,
                             slot->start_minute, &citizen, sp_store_now (), &error);
  if (g_error_matches (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_SLOT_TAKEN) ||
      g_error_matches (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_PAST))
    {
      desk->lost_races++;
      return TRUE;
    }
  if (a == NULL)
    {
      note_error (desk, error);
      return FALSE;
    }
  sp_date_from_time (sp_store_now (), &day);
  today = sp_date_to_iso (&day);
  if (g_strcmp0 (sp_appointment_get_day (a), today) == 0)
    g_queue_push_tail (&desk->booked_today, g_strdup (sp_appointment_get_uuid (a)));
  return TRUE;
}

static gboolean
check_in (Desk    *desk,
          SpStore *store,
          SpActor  actor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_queue_pop_head (&desk->booked_today);

  /* Nobody of this desk's booked today yet: a walk-in instead. */
  if (uuid == NULL)
    return FALSE;
  if (!sp_appointment_check_in (store, actor, uuid, sp_store_now (), &error))
    note_error (desk, error);
  return TRUE;
}

static void
walk_in (Desk    *desk,
         SpStore *store,
         SpActor  actor)
{
  g_autoptr(GError) error = NULL;
  SpAppointmentCitizen citizen = { "Bianchi", "", NULL, NULL, NULL, NULL };
  g_autoptr(SpAppointment) a = sp_appointment_walk_in (store, actor, NULL, desk->service_id, &citizen,
                                                       sp_store_now (), &error);

  if (a == NULL)
    note_error (desk, error);
}

static void
call_next (Desk    *desk,
           SpStore *store,
           SpActor  actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = sp_appointment_call_next (store, actor, sp_store_now (), &error);

  if (a == NULL && !g_error_matches (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_QUEUE_EMPTY))
    note_error (desk, error);
}

static void
identify (Desk     *desk,
          SpStore  *store,
          SpActor   actor,
          SpPlaces *places)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = NULL;
  g_autofree char *code = NULL;
  const char *first19 = "8038000000000000001";
  g_autofree char *hc = g_strdup_printf ("%s%c", first19, sp_health_card_luhn_digit (first19));
  GDate today;

  id = sp_identification_new_draft (store, actor, SP_IDENTIFICATION_CHANNEL_PARTNER, &error);
  if (id != NULL)
    {
      sp_fixture_fill_citizen (id, "RSSMRA80A01H294E", hc);
      sp_identification_set_fields (id, SP_ID_MOBILE, "3331234567", SP_ID_MOBILE_CONFIRM, "3331234567",
                                    SP_ID_PROVIDER, "LepidaID", SP_ID_PROVIDER_REQUEST_CODE, "LEP-2026-0001",
                                    NULL);
      g_date_clear (&today, 1);
      sp_date_from_time (sp_store_now (), &today);
      if (sp_identification_save_draft (store, id, &error) &&
          sp_identification_complete (store, id, actor, places, &today, &code, &error))
        return;
    }
  note_error (desk, error);
}

static gpointer
desk_thread (gpointer data)
{
  Desk *desk = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (desk->location, &error);
  g_autoptr(SpPlaces) places = NULL;
  SpActor actor = { desk->desk_id, 1 };  /* the administrator, at this desk */

  if (store == NULL)
    g_error ("%s", error->message);
  places = sp_places_new_for_store (store, &error);
  if (places == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; g_get_monotonic_time () < desk->until; i++)
    {
      Action action = round_of_work[i % G_N_ELEMENTS (round_of_work)];
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      switch (action)
        {
        case ACT_BOOK:
          book (desk, store, actor);
          break;
        case ACT_CHECK_IN:
          if (!check_in (desk, store, actor))
            continue;
          break;
        case ACT_WALK_IN:
          walk_in (desk, store, actor);
          break;
        case ACT_CALL_NEXT:
          call_next (desk, store, actor);
          break;
        case ACT_IDENTIFY:
        default:
          identify (desk, store, actor, places);
          break;
        }
      ms = bench_ms_since (t0);
      g_array_append_val (desk->ms[action], ms);
    }
  return NULL;
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  if (values->len == 0)
    return 0;
  bench_median ((double *) values->data, values->len);  /* sorts */
  index = MIN (values->len - 1, (guint) (p * values->len));
  return g_array_index (values, double, index);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBookingService) cie = NULL;
  g_autoptr(GArray) hours = NULL;
  const char *seconds_env = g_getenv ("SPORTELLO_BENCH_OFFICE_SECONDS");
  int seconds = seconds_env != NULL ? atoi (seconds_env) : SECONDS;
  Desk desks[N_DESKS] = { 0 };
  GThread *threads[N_DESKS];
  guint errors = 0, lost = 0, total = 0;
  const char *first_error = NULL;
  gint64 until;
  BenchDb db;

  bench_db_open (&db, "bench-office-XXXXXX");
  cie = sp_booking_service_lookup (db.store, "cie", &error);
  g_assert_no_error (error);
  /* Open round the clock: whenever the bench runs, today has slots. */
  hours = sp_opening_hours_parse ("mon-sun 00:00-24:00", &error);
  g_assert_no_error (error);
  for (int i = 0; i < N_DESKS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Sportello %d", i + 1);
      g_autoptr(SpDesk) desk = i == 0 ? sp_desk_lookup (db.store, name, &error)
                                      : sp_desk_add (db.store, SP_ACTOR_SYSTEM, name, SP_DESK_COUNTER, &error);
      g_autoptr(SpCalendar) calendar = NULL;

      g_assert_no_error (error);
      calendar = sp_calendar_set (db.store, SP_ACTOR_SYSTEM, sp_desk_get_id (desk), cie->id, 10, 1,
                                  NULL, NULL, hours, &error);
      g_assert_no_error (error);
      desks[i].location = db.location;
      desks[i].desk_id = sp_desk_get_id (desk);
      desks[i].service_id = cie->id;
      for (int a = 0; a < N_ACTIONS; a++)
        desks[i].ms[a] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  until = g_get_monotonic_time () + (gint64) MAX (seconds, 1) * G_USEC_PER_SEC;
  for (int i = 0; i < N_DESKS; i++)
    {
      desks[i].until = until;
      threads[i] = g_thread_new ("desk", desk_thread, &desks[i]);
    }
  for (int i = 0; i < N_DESKS; i++)
    g_thread_join (threads[i]);

  for (int a = 0; a < N_ACTIONS; a++)
    {
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));

      for (int i = 0; i < N_DESKS; i++)
        g_array_append_vals (all, desks[i].ms[a]->data, desks[i].ms[a]->len);
      total += all->len;
      printf ("office_%s_per_s\t%.1f\tper s\t\n", action_names[a], all->len / (double) MAX (seconds, 1));
      printf ("office_%s_p50_ms\t%.2f\tms\t\n", action_names[a], percentile (all, 0.50));
      printf ("office_%s_p99_ms\t%.2f\tms\t\n", action_names[a], percentile (all, 0.99));
    }
  for (int i = 0; i < N_DESKS; i++)
    {
      errors += desks[i].errors;
      lost += desks[i].lost_races;
      if (first_error == NULL)
        first_error = desks[i].first_error;
    }
  printf ("office_%d_desks_actions_per_s\t%.1f\tper s\t\n", N_DESKS, total / (double) MAX (seconds, 1));
  printf ("office_lost_booking_races\t%u\tcount\t\n", lost);
  printf ("office_errors\t%u\tcount\t0\n", errors);
  if (first_error != NULL)
    fprintf (stderr, "bench-office: first error: %s\n", first_error);

  for (int i = 0; i < N_DESKS; i++)
    {
      for (int a = 0; a < N_ACTIONS; a++)
        g_array_unref (desks[i].ms[a]);
      g_queue_clear_full (&desks[i].booked_today, g_free);
      g_free (desks[i].first_error);
    }
  bench_db_close (&db);
  /* An office's server must serve them all. One SQLite file, which one
   * computer's programs share, is not an office's database: there the
   * figure only shows why (writers queue up behind its lock). */
  return errors == 0 || bench_postgresql_server () == NULL ? 0 : 1;
}
