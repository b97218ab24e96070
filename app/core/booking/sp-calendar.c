/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-calendar.c — a desk's calendar for a service: when it takes bookings */
#define G_LOG_DOMAIN "sp-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-calendar-private.h"
#include "sp-cie-wait.h"

#define ALWAYS_FROM "0000-01-01"
#define ALWAYS_TO   "9999-12-31"

typedef struct
{
  SpActor       actor;
  gint64        desk_id;
  gint64        service_id;
  int           slot_minutes;
  int           capacity;
  const char   *valid_from;
  const char   *valid_to;
  const GArray *hours;        /* sorted */
  gint64        calendar_id;  /* out */
} CalendarSet;

typedef struct
{
  SpActor     actor;
  const char *sql;
  gint64      id;
  const char *action;
  const char *not_found;
} RowDelete;

G_DEFINE_QUARK (sp-calendar-error-quark, sp_calendar_error)

static gboolean
load_hours (SpStore     *store,
            SpCalendar  *calendar,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = sp_store_prepare (store,
                           "SELECT weekday, start_minute, end_minute FROM calendar_hours "
                           "WHERE calendar_id = ? ORDER BY weekday, start_minute", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, calendar->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpOpeningInterval iv = {
        sqlite3_column_int (stmt, 0),
        sqlite3_column_int (stmt, 1),
        sqlite3_column_int (stmt, 2),
      };
      g_array_append_val (calendar->hours, iv);
    }
  if (rc != SQLITE_DONE)
    return sp_store_set_error (store, rc, error);
  return TRUE;
}

static SpCalendar *
calendar_from_row (sqlite3_stmt *stmt)
{
  SpCalendar *c = g_new0 (SpCalendar, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->uuid = sp_store_column_dup (stmt, 1);
  c->desk_id = sqlite3_column_int64 (stmt, 2);
  c->desk_name = sp_store_column_dup (stmt, 3);
  c->service_id = sqlite3_column_int64 (stmt, 4);
  c->service_code = sp_store_column_dup (stmt, 5);
  c->slot_minutes = sqlite3_column_int (stmt, 6);
  c->capacity = sqlite3_column_int (stmt, 7);
  c->valid_from = sp_store_column_dup (stmt, 8);
  c->valid_to = sp_store_column_dup (stmt, 9);
  c->hours = g_array_new (FALSE, TRUE, sizeof (SpOpeningInterval));
  return c;
}

static GPtrArray *
list_calendars (SpStore     *store,
                gint64       service_id,
                gint64       desk_id,
                gint64       calendar_id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_calendar_free);
  int rc;

  stmt = sp_store_prepare (store,
                           "SELECT c.id, c.uuid, c.desk_id, d.name, c.service_id, s.code, "
                           "       c.slot_minutes, c.capacity, c.valid_from, c.valid_to "
                           "FROM calendars c JOIN desks d ON d.id = c.desk_id "
                           "JOIN services s ON s.id = c.service_id "
                           "WHERE d.active = 1 AND (?1 = 0 OR c.service_id = ?1) "
                           "  AND (?2 = 0 OR c.desk_id = ?2) AND (?3 = 0 OR c.id = ?3) "
                           "ORDER BY s.id, d.name, c.valid_from, c.valid_to", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, service_id);
  sqlite3_bind_int64 (stmt, 2, desk_id);
  sqlite3_bind_int64 (stmt, 3, calendar_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, calendar_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_hours (store, g_ptr_array_index (list, i), error))
      return NULL;

  return g_steal_pointer (&list);
}

static char *
describe_set (const CalendarSet *set)
{
  g_autofree char *text = sp_opening_hours_format (set->hours);

  return g_strdup_printf ("{\"desk_id\":%" G_GINT64_FORMAT ",\"service_id\":%" G_GINT64_FORMAT
                          ",\"slot_minutes\":%d,\"capacity\":%d,\"valid_from\":\"%s\",\"valid_to\":\"%s\",\"hours\":\"%s\"}",
                          set->desk_id, set->service_id, set->slot_minutes, set->capacity,
                          set->valid_from, set->valid_to, text);
}

static gboolean
insert_hours (SpStore       *store,
              gint64         calendar_id,
              const GArray  *hours,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;

  del = sp_store_prepare (store, "DELETE FROM calendar_hours WHERE calendar_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, calendar_id);
  if (!sp_store_step_done (store, del, error))
    return FALSE;

  for (guint i = 0; i < hours->len; i++)
    {
      const SpOpeningInterval *iv = &g_array_index (hours, SpOpeningInterval, i);
      g_autoptr(sqlite3_stmt) ins = NULL;

      ins = sp_store_prepare (store,
                              "INSERT INTO calendar_hours (calendar_id, weekday, start_minute, end_minute) "
                              "VALUES (?, ?, ?, ?)", error);
      if (ins == NULL)
        return FALSE;
      sqlite3_bind_int64 (ins, 1, calendar_id);
      sqlite3_bind_int (ins, 2, iv->weekday);
      sqlite3_bind_int (ins, 3, iv->start_minute);
      sqlite3_bind_int (ins, 4, iv->end_minute);
      if (!sp_store_step_done (store, ins, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_calendar (SpStore   *store,
              gpointer   user_data,
              GError   **error)
{
  CalendarSet *set = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;
  gint64 now = sp_store_now ();
  int rc;

  stmt = sp_store_prepare (store,
                           "INSERT INTO calendars (uuid, desk_id, service_id, slot_minutes, capacity, "
                           "                       valid_from, valid_to, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (desk_id, service_id, valid_from, valid_to) DO UPDATE SET "
                           "  slot_minutes = excluded.slot_minutes, capacity = excluded.capacity, "
                           "  updated_at = excluded.updated_at "
                           "RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, set->desk_id);
  sqlite3_bind_int64 (stmt, 3, set->service_id);
  sqlite3_bind_int (stmt, 4, set->slot_minutes);
  sqlite3_bind_int (stmt, 5, set->capacity);
  sp_store_bind_text (stmt, 6, set->valid_from);
  sp_store_bind_text (stmt, 7, set->valid_to);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_int64 (stmt, 9, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return sp_store_set_error (store, rc, error);
  set->calendar_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!insert_hours (store, set->calendar_id, set->hours, error))
    return FALSE;

  details = describe_set (set);
  return sp_audit_append (store, set->actor, SP_AUDIT_CALENDAR_SET, NULL, details, error);
}

static gboolean
delete_row (SpStore   *store,
            gpointer   user_data,
            GError   **error)
{
  RowDelete *del = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sp_store_prepare (store, del->sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, del->id);
  if (!sp_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (sp_store_get_handle (store)) == 0)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND, del->not_found);
      return FALSE;
    }
  return sp_audit_append (store, del->actor, del->action, NULL, NULL, error);
}

gboolean
sp_calendar_check_day (const char  *day,
                       GError     **error)
{
  GDate d;

  if (!sp_date_parse_iso (day, &d))
    {
      g_set_error (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD."), day != NULL ? day : "");
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
sp_calendar_list_for_desk (SpStore  *store,
                           gint64    service_id,
                           gint64    desk_id,
                           GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return list_calendars (store, service_id, desk_id, 0, error);
}

gboolean
sp_calendar_delete_row (SpStore     *store,
                        SpActor      actor,
                        const char  *sql,
                        gint64       id,
                        const char  *action,
                        const char  *not_found,
                        GError     **error)
{
  RowDelete del = { actor, sql, id, action, not_found };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!sp_store_transaction (store, delete_row, &del, error))
    return FALSE;
  sp_cie_wait_note (store, sp_store_now ());
  return TRUE;
}

void
sp_calendar_free (SpCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_free (calendar->uuid);
  g_free (calendar->desk_name);
  g_free (calendar->service_code);
  g_free (calendar->valid_from);
  g_free (calendar->valid_to);
  g_clear_pointer (&calendar->hours, g_array_unref);
  g_free (calendar);
}

GPtrArray *
sp_calendar_list (SpStore  *store,
                  gint64    service_id,
                  GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return list_calendars (store, service_id, 0, 0, error);
}

SpCalendar *
sp_calendar_set (SpStore       *store,
                 SpActor        actor,
                 gint64         desk_id,
                 gint64         service_id,
                 int            slot_minutes,
                 int            capacity,
                 const char    *valid_from,
                 const char    *valid_to,
                 const GArray  *hours,
                 GError       **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GArray) sorted = NULL;
  CalendarSet set;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (hours != NULL, NULL);

  if (slot_minutes < 5 || slot_minutes > 480)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                           _("A slot lasts from 5 minutes to 8 hours."));
      return NULL;
    }
  if (capacity < 1 || capacity > 50)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                           _("A slot takes from 1 to 50 citizens."));
      return NULL;
    }
  if ((valid_from != NULL && !sp_calendar_check_day (valid_from, error))
      || (valid_to != NULL && !sp_calendar_check_day (valid_to, error)))
    return NULL;
  if (valid_from == NULL)
    valid_from = ALWAYS_FROM;
  if (valid_to == NULL)
    valid_to = ALWAYS_TO;
  if (strcmp (valid_to, valid_from) < 0)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                           _("The validity period ends before it starts."));
      return NULL;
    }

  sorted = g_array_sized_new (FALSE, TRUE, sizeof (SpOpeningInterval), hours->len);
  g_array_append_vals (sorted, hours->data, hours->len);
  if (!sp_opening_hours_sort (sorted, error))
    return NULL;

  set = (CalendarSet) {
    actor, desk_id, service_id, slot_minutes, capacity, valid_from, valid_to, sorted, 0,
  };
  if (!sp_store_transaction (store, set_calendar, &set, error))
    return NULL;
  sp_cie_wait_note (store, sp_store_now ());

  result = list_calendars (store, 0, 0, set.calendar_id, error);
  if (result == NULL)
    return NULL;
  if (result->len == 0)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND,
                           _("The desk is not active."));
      return NULL;
    }
  return g_ptr_array_steal_index (result, 0);
}

gboolean
sp_calendar_remove (SpStore  *store,
                    SpActor   actor,
                    gint64    calendar_id,
                    GError  **error)
{
  return sp_calendar_delete_row (store, actor, "DELETE FROM calendars WHERE id = ?", calendar_id,
                                 SP_AUDIT_CALENDAR_REMOVE, _("The calendar does not exist."), error);
}
