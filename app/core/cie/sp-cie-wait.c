/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-wait.c — the daily reading of the wait for a CIE slot */
#define G_LOG_DOMAIN "sp-cie-wait"

#include "config.h"

#include "sp-calendar.h"
#include "sp-cie-wait.h"

gint64
sp_cie_wait_record_changes (SpStore  *store,
                            gint64    now,
                            GError  **error)
{
  g_autoptr(SpStatement) upsert = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpBookingService) service = NULL;
  g_autoptr(SpSlot) slot = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *day = NULL;
  GDate today;

  g_return_val_if_fail (SP_IS_STORE (store), -1);

  service = sp_booking_service_lookup (store, "cie", &local_error);
  if (service == NULL)
    {
      if (g_error_matches (local_error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND))
        return 0;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  sp_date_from_time (now, &today);
  day = sp_date_to_iso (&today);

  slot = sp_slot_first_free (store, service->id, 0, now, &local_error);
  if (slot == NULL && !g_error_matches (local_error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NO_SLOT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  /* An unchanged reading writes nothing: most bookings do not move the
   * first free day, and a write costs a sync to disk. */
  uuid = sp_store_new_uuid ();
  upsert = sp_store_query (store, error,
                           "INSERT INTO cie_wait_snapshots (uuid, day, first_free_day, wait_days, recorded_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (day) DO UPDATE SET "
                           "first_free_day = excluded.first_free_day, wait_days = excluded.wait_days, "
                           "recorded_at = excluded.recorded_at "
                           "WHERE cie_wait_snapshots.first_free_day IS DISTINCT FROM excluded.first_free_day "
                           "OR cie_wait_snapshots.wait_days IS DISTINCT FROM excluded.wait_days",
                           SP_TEXT (uuid), SP_TEXT (day), SP_TEXT (slot != NULL ? slot->day : NULL), SP_NULL,
                           SP_INT (now), SP_END);
  if (upsert == NULL)
    return -1;
  /* No free slot: no wait either. */
  if (slot != NULL)
    sp_statement_bind_int (upsert, 4, MAX (0, sp_slot_wait_working_days (store, &today, slot->day)));
  if (!sp_statement_run (upsert, error))
    return -1;
  return sp_statement_get_changes (upsert);
}

gboolean
sp_cie_wait_record (SpStore  *store,
                    gint64    now,
                    GError  **error)
{
  return sp_cie_wait_record_changes (store, now, error) >= 0;
}

void
sp_cie_wait_note (SpStore *store,
                  gint64   now)
{
  g_autoptr(GError) error = NULL;

  if (!sp_cie_wait_record (store, now, &error))
    g_debug ("Cannot record the wait for a CIE slot: %s", error->message);
}
