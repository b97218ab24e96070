/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-wait.c — the daily reading of the wait for a CIE slot */
#define G_LOG_DOMAIN "sp-cie-wait"

#include "config.h"

#include "sp-calendar.h"
#include "sp-cie-wait.h"

gboolean
sp_cie_wait_record (SpStore  *store,
                    gint64    now,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpBookingService) service = NULL;
  g_autoptr(SpSlot) slot = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *day = NULL;
  GDate today;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  service = sp_booking_service_lookup (store, "cie", &local_error);
  if (service == NULL)
    {
      if (g_error_matches (local_error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  sp_date_from_time (now, &today);
  day = sp_date_to_iso (&today);

  slot = sp_slot_first_free (store, service->id, 0, now, &local_error);
  if (slot == NULL && !g_error_matches (local_error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NO_SLOT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* An unchanged reading writes nothing: most bookings do not move the
   * first free day, and a write costs a sync to disk. */
  upsert = sp_store_prepare (store,
                             "INSERT INTO cie_wait_snapshots (uuid, day, first_free_day, wait_days, recorded_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (day) DO UPDATE SET "
                             "first_free_day = excluded.first_free_day, wait_days = excluded.wait_days, "
                             "recorded_at = excluded.recorded_at "
                             "WHERE first_free_day IS NOT excluded.first_free_day "
                             "OR wait_days IS NOT excluded.wait_days", error);
  if (upsert == NULL)
    return FALSE;
  uuid = sp_store_new_uuid ();
  sqlite3_bind_text (upsert, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (upsert, 2, day, -1, SQLITE_TRANSIENT);
  if (slot != NULL)
    {
      sqlite3_bind_text (upsert, 3, slot->day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (upsert, 4, MAX (0, sp_slot_wait_working_days (store, &today, slot->day)));
    }
  sqlite3_bind_int64 (upsert, 5, now);
  return sp_store_step_done (store, upsert, error);
}

void
sp_cie_wait_note (SpStore *store,
                  gint64   now)
{
  g_autoptr(GError) error = NULL;

  if (!sp_cie_wait_record (store, now, &error))
    g_debug ("Cannot record the wait for a CIE slot: %s", error->message);
}
