/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-cases.h — hand-built cases for the report and retention tests:
 * rows written straight into the tables the SPID and CIE modules own, so
 * that every count can be checked against a known set. */
#pragma once

#include <time.h>

#include "sp-report.h"
#include "sp-test-util.h"

/* Call first in main(): day boundaries are Italian ones. */
static inline void
sp_test_use_rome_time (void)
{
  g_setenv ("TZ", "Europe/Rome", TRUE);
  tzset ();
}

/* Local wall-clock time in Rome, as µs since the epoch. */
static inline gint64
sp_test_local (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static inline void
sp_test_exec (SpTestDb *db, const char *sql)
{
  g_autoptr(GError) error = NULL;

  sp_store_exec (db->store, sql, &error);
  g_assert_no_error (error);
}

static inline gint64
sp_test_add_desk (SpTestDb *db, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  sp_store_run (db->store, &error,
                "INSERT INTO desks (uuid, name, kind, created_at, updated_at) "
                "VALUES (?2, ?1, 'counter', 0, 0)",
                SP_TEXT (name), SP_TEXT (uuid), SP_END);
  g_assert_no_error (error);
  return sp_store_last_insert_id (db->store);
}

static inline gint64
sp_test_add_operator (SpTestDb *db, const char *username, const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  sp_store_run (db->store, &error,
                "INSERT INTO operators (uuid, username, display_name, role, password_hash, created_at, updated_at) "
                "VALUES (?3, ?1, ?1, ?2, 'x', 0, 0)",
                SP_TEXT (username), SP_TEXT (role), SP_TEXT (uuid), SP_END);
  g_assert_no_error (error);
  return sp_store_last_insert_id (db->store);
}

/* state "completed" (at = completed_at) or "refused" (at = refused_at). */
static inline gint64
sp_test_add_identification (SpTestDb *db, const char *state, const char *channel,
                            const char *reason, gint64 desk, gint64 op, gint64 at,
                            const char *cf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  sp_store_run (db->store, &error,
                "INSERT INTO identifications (uuid, state, channel, codice_fiscale, surname, name, data, "
                "desk_id, operator_id, created_at, updated_at, completed_at, refused_at, refusal_reason, "
                "code_first_half, completed_by) VALUES (?1, ?2, ?3, ?4, 'ROSSI', 'MARIO', "
                "'{\"email\": \"mario@example.org\", \"birth_date\": \"1980-01-01\"}', ?5, ?6, ?7 - 600000000, ?7, "
                "CASE WHEN ?2 = 'completed' THEN ?7 END, CASE WHEN ?2 = 'refused' THEN ?7 END, ?8, "
                "CASE WHEN ?2 = 'completed' THEN 'ABCDEF' END, CASE WHEN ?2 = 'completed' THEN ?6 END)",
                SP_TEXT (uuid), SP_TEXT (state), SP_TEXT (channel), SP_TEXT (cf), SP_INT (desk),
                SP_INT (op), SP_INT (at), SP_TEXT (reason), SP_END);
  g_assert_no_error (error);
  return sp_store_last_insert_id (db->store);
}

static inline gint64
sp_test_add_cie (SpTestDb *db, const char *reason, const char *state, gint64 desk,
                 gint64 op, gint64 at, const char *cf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  sp_store_run (db->store, &error,
                "INSERT INTO cie_requests (uuid, codice_fiscale, surname, given_name, birth_date, reason, "
                "police_report, ministry_number, card_number, fee_cents, payment_method, fingerprints, "
                "organ_donation, delivery, delivery_address, validity_years, expected_delivery, state, desk_id, "
                "operator_id, created_at, updated_at, closed_at) VALUES (?1, ?2, 'BIANCHI', 'LUCIA', '1975-05-05', ?3, "
                "CASE WHEN ?3 IN ('lost', 'stolen') THEN 'Report 12/2026' END, 'M123', 'CA00000AA', 2200, 'card', "
                "'taken', 'yes', 'home', 'Via Roma 1', 10, '2026-12-31', ?4, ?5, ?6, ?7, ?7, "
                "CASE WHEN ?4 IN ('handed-over', 'delivered') THEN ?7 END)",
                SP_TEXT (uuid), SP_TEXT (cf), SP_TEXT (reason), SP_TEXT (state), SP_INT (desk),
                SP_INT (op), SP_INT (at), SP_END);
  g_assert_no_error (error);
  return sp_store_last_insert_id (db->store);
}

/* A booked (start_minute ≥ 0) or walk-in (ticket) appointment of the cie
 * service; arrived/called/from/to 0 when not reached. */
static inline gint64
sp_test_add_appointment (SpTestDb *db, const char *day, int start_minute, int ticket,
                         const char *state, gint64 desk, gint64 op,
                         gint64 arrived, gint64 called, gint64 from, gint64 to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  sp_store_run (db->store, &error,
                "INSERT INTO appointments (uuid, kind, service_id, desk_id, day, start_minute, end_minute, ticket, "
                "state, surname, given_name, codice_fiscale, phone, email, arrived_at, called_at, called_desk_id, "
                "served_from, served_to, created_by, created_at, updated_at) VALUES (?1, "
                "CASE WHEN ?3 >= 0 THEN 'booked' ELSE 'walk-in' END, (SELECT id FROM services WHERE code = 'cie'), "
                "?5, ?2, CASE WHEN ?3 >= 0 THEN ?3 END, CASE WHEN ?3 >= 0 THEN ?3 + 20 END, "
                "CASE WHEN ?4 > 0 THEN ?4 END, ?6, 'VERDI', 'ANNA', 'VRDNNA80A41H294X', '3331234567', "
                "'anna@example.org', nullif(?7, 0), nullif(?8, 0), CASE WHEN ?8 > 0 THEN ?5 END, nullif(?9, 0), "
                "nullif(?10, 0), ?11, 0, 0)",
                SP_TEXT (uuid), SP_TEXT (day), SP_INT (start_minute), SP_INT (ticket),
                SP_INT (desk), SP_TEXT (state), SP_INT (arrived), SP_INT (called), SP_INT (from),
                SP_INT (to), SP_INT (op), SP_END);
  g_assert_no_error (error);
  return sp_store_last_insert_id (db->store);
}

static inline void
sp_test_add_tally (SpTestDb *db, const char *code, gint64 desk, gint64 op, gint64 at, int count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  sp_store_run (db->store, &error,
                "INSERT INTO tallies (uuid, counter_service_id, desk_id, operator_id, at, count) "
                "SELECT ?1, id, ?2, ?3, ?4, ?5 FROM counter_services WHERE code = ?6",
                SP_TEXT (uuid), SP_INT (desk), SP_INT (op), SP_INT (at), SP_INT (count),
                SP_TEXT (code), SP_END);
  g_assert_no_error (error);
}

static inline void
sp_test_add_email (SpTestDb *db, gint64 created, gint64 sent)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  sp_store_run (db->store, &error,
                "INSERT INTO outbox (uuid, recipient, subject, body, created_at, next_attempt_at, sent_at) "
                "VALUES (?1, 'mario@example.org', 'SPID', 'Codice', ?2, ?2, nullif(?3, 0))",
                SP_TEXT (uuid), SP_INT (created), SP_INT (sent), SP_END);
  g_assert_no_error (error);
}

static inline GDate
sp_test_day (int y, int m, int d)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);
  return day;
}

/* The entry of this id in one of a report's breakdowns, or NULL. */
static inline SpReportCount *
sp_test_find_count (GPtrArray *counts, const char *id)
{
  for (guint i = 0; i < counts->len; i++)
    {
      SpReportCount *c = g_ptr_array_index (counts, i);
      if (g_str_equal (c->id, id))
        return c;
    }
  return NULL;
}
