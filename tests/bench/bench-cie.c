/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-cie.c — figures for the CIE counter's calendar and appointments
 *
 * Prints lines "name<TAB>value<TAB>unit<TAB>baseline". A busy office: four
 * desks open Monday to Friday 08:30–12:30 and 14:30–17:00 in 20-minute
 * slots, every slot of the next 60 days booked (by sp_appointment_book,
 * whose rate is the booking throughput). Then the first free slot (a year's
 * horizon, found past the 60 full days) and the day's agenda query.
 * Baselines, measured in the same run on the same database: a bare INSERT of
 * an appointment row per transaction (no slot check, no audit); a bare
 * COUNT over the 60 days' appointments; a bare SELECT of one day's rows.
 */
#include "config.h"

#include <stdio.h>

#include "bench-util.h"
#include "sp-appointment.h"
#include "sp-calendar.h"
#include "sp-desk.h"
#include "sp-holidays.h"

#define N_DESKS 4
#define N_DAYS  60
#define RUNS    30

/* The baseline's bare insert: one row, in its own transaction. */
typedef struct
{
  SpStatement  *stmt;
  gint64        service_id;
  gint64        desk_id;
  int           minute;
} BareInsert;

static gboolean
insert_bare (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  BareInsert *bare = user_data;
  g_autofree char *uuid = sp_store_new_uuid ();

  sp_statement_bind (bare->stmt, SP_TEXT (uuid), SP_INT (bare->service_id), SP_INT (bare->desk_id),
                     SP_INT (bare->minute), SP_INT (bare->minute + 1), SP_END);
  return sp_statement_run (bare->stmt, error);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  SpStore *store;
  BenchDb db;
  g_autoptr(SpBookingService) cie = NULL;
  g_autoptr(GArray) hours = NULL;
  gint64 desks[N_DESKS];
  gint64 now, t0;
  guint booked = 0;
  double booking_seconds, bare_seconds;
  double first_free[RUNS], bare_count[RUNS], agenda[RUNS], bare_agenda[RUNS];
  g_autofree char *busy_day = NULL;
  GDate day;

  bench_db_open (&db, "bench-cie-XXXXXX");
  store = db.store;
  cie = sp_booking_service_lookup (store, "cie", &error);
  hours = sp_opening_hours_parse ("mon-fri 08:30-12:30,14:30-17:00", &error);
  g_assert_no_error (error);

  for (int i = 0; i < N_DESKS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Sportello %d", i + 1);
      g_autoptr(SpDesk) desk = i == 0 ? sp_desk_lookup (store, name, &error)
                                      : sp_desk_add (store, SP_ACTOR_SYSTEM, name, SP_DESK_COUNTER, &error);
      g_autoptr(SpCalendar) c = NULL;

      g_assert_no_error (error);
      desks[i] = sp_desk_get_id (desk);
      c = sp_calendar_set (store, SP_ACTOR_SYSTEM, desks[i], cie->id, 20, 1, NULL, NULL, hours, &error);
      g_assert_no_error (error);
    }

  /* Book every slot of the next 60 days, from today's that have not started. */
  now = sp_store_now ();
  sp_date_from_time (now, &day);
  t0 = g_get_monotonic_time ();
  for (int d = 0; d < N_DAYS; d++)
    {
      g_autoptr(GPtrArray) slots = NULL;
      g_autofree char *iso = NULL;
      GDate date = day;

      g_date_add_days (&date, d);
      iso = sp_date_to_iso (&date);
      slots = sp_slot_list_day (store, cie->id, 0, iso, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < slots->len; i++)
        {
          SpSlot *slot = g_ptr_array_index (slots, i);
          SpAppointmentCitizen citizen = { "Rossi", "Mario", "RSSMRA80A01H501U", NULL, NULL, NULL };
          g_autoptr(SpAppointment) a = sp_appointment_book (store, SP_ACTOR_SYSTEM, NULL, cie->id, slot->desk_id,
                                                             slot->day, slot->start_minute, &citizen, now, &error);
          if (d == 0 && g_error_matches (error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_PAST))
            {
              g_clear_error (&error);
              continue;
            }
          g_assert_no_error (error);
          booked++;
          if (busy_day == NULL)
            busy_day = g_strdup (slot->day);
        }
    }
  booking_seconds = (g_get_monotonic_time () - t0) / 1e6;

  /* Baseline: the same number of bare inserts, one transaction each. */
  {
    g_autoptr(SpStatement) stmt = sp_store_query (store, &error,
      "INSERT INTO appointments (uuid, kind, service_id, desk_id, day, start_minute, end_minute, seat, "
      " state, surname, given_name, created_at, updated_at) "
      "VALUES (?1, 'booked', ?2, ?3, '1999-01-01', ?4, ?5, 1, 'booked', 'Rossi', 'Mario', 0, 0)", SP_END);
    g_assert_no_error (error);
    t0 = g_get_monotonic_time ();
    for (guint i = 0; i < booked; i++)
      {
        BareInsert bare = { stmt, cie->id, desks[i % N_DESKS], (int) (i / N_DESKS) % 1400 };

        sp_store_transaction (store, insert_bare, &bare, &error);
        g_assert_no_error (error);
      }
    bare_seconds = (g_get_monotonic_time () - t0) / 1e6;
  }

  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(SpSlot) slot = NULL;
      g_autoptr(GListModel) list = NULL;
      g_autoptr(SpStatement) rows = NULL;

      t0 = g_get_monotonic_time ();
      slot = sp_slot_first_free (store, cie->id, 0, now, &error);
      first_free[r] = (g_get_monotonic_time () - t0) / 1e3;
      g_assert_no_error (error);
      if (r == 0)
        {
          GDate free_day;
          sp_date_parse_iso (slot->day, &free_day);
          fprintf (stderr, "first free slot: %s (%d days ahead, %u appointments booked)\n",
                   slot->day, g_date_days_between (&day, &free_day), booked);
        }

      t0 = g_get_monotonic_time ();
      sp_store_query_int (store, 0, NULL,
                          "SELECT count(*) FROM appointments WHERE service_id = ?1 AND day BETWEEN ?2 AND ?3 "
                          "AND state NOT IN ('cancelled', 'rescheduled')",
                          SP_INT (cie->id), SP_TEXT ("2000-01-01"), SP_TEXT ("9999-12-31"), SP_END);
      bare_count[r] = (g_get_monotonic_time () - t0) / 1e3;

      t0 = g_get_monotonic_time ();
      list = sp_appointment_list_day (store, busy_day, 0, &error);
      agenda[r] = (g_get_monotonic_time () - t0) / 1e3;
      g_assert_no_error (error);

      t0 = g_get_monotonic_time ();
      rows = sp_store_query (store, NULL, "SELECT * FROM appointments WHERE day = ?1", SP_TEXT (busy_day), SP_END);
      while (sp_statement_next (rows, NULL))
        ;
      bare_agenda[r] = (g_get_monotonic_time () - t0) / 1e3;
    }

  printf ("booking_throughput\t%.0f\tbookings/s\t%.0f\n", booked / booking_seconds, booked / bare_seconds);
  printf ("first_free_slot_60_days_full_median\t%.2f\tms\t%.2f\n",
          bench_median (first_free, RUNS), bench_median (bare_count, RUNS));
  printf ("day_agenda_median\t%.2f\tms\t%.2f\n", bench_median (agenda, RUNS), bench_median (bare_agenda, RUNS));

  bench_db_close (&db);
  return 0;
}
