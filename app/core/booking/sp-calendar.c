/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-calendar.c — a desk's calendar for a service: when it takes bookings */
#define G_LOG_DOMAIN "sp-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-calendar-private.h"
#include "sp-cie-wait.h"
#include "sp-error.h"

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
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = sp_store_query (store, error,
                         "SELECT weekday, start_minute, end_minute FROM calendar_hours "
                         "WHERE calendar_id = ?1 ORDER BY weekday, start_minute",
                         SP_INT (calendar->id), SP_END);
  if (stmt == NULL)
    return FALSE;
  while (sp_statement_next (stmt, &local_error))
    {
      SpOpeningInterval iv = {
        sp_statement_get_int (stmt, 0),
        sp_statement_get_int (stmt, 1),
        sp_statement_get_int (stmt, 2),
      };
      g_array_append_val (calendar->hours, iv);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gpointer
calendar_from_row (SpStatement *stmt)
{
  SpCalendar *c = g_new0 (SpCalendar, 1);

  c->id = sp_statement_get_int (stmt, 0);
  c->uuid = sp_statement_dup_text (stmt, 1);
  c->desk_id = sp_statement_get_int (stmt, 2);
  c->desk_name = sp_statement_dup_text (stmt, 3);
  c->service_id = sp_statement_get_int (stmt, 4);
  c->service_code = sp_statement_dup_text (stmt, 5);
  c->slot_minutes = sp_statement_get_int (stmt, 6);
  c->capacity = sp_statement_get_int (stmt, 7);
  c->valid_from = sp_statement_dup_text (stmt, 8);
  c->valid_to = sp_statement_dup_text (stmt, 9);
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
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;

  stmt = sp_store_query (store, error,
                         "SELECT c.id, c.uuid, c.desk_id, d.name, c.service_id, s.code, "
                         "       c.slot_minutes, c.capacity, c.valid_from, c.valid_to "
                         "FROM calendars c JOIN desks d ON d.id = c.desk_id "
                         "JOIN services s ON s.id = c.service_id "
                         "WHERE d.active = 1 AND (?1 = 0 OR c.service_id = ?1) "
                         "  AND (?2 = 0 OR c.desk_id = ?2) AND (?3 = 0 OR c.id = ?3) "
                         "ORDER BY s.id, d.name, c.valid_from, c.valid_to",
                         SP_INT (service_id), SP_INT (desk_id), SP_INT (calendar_id), SP_END);
  if (stmt == NULL)
    return NULL;
  list = sp_calendar_collect_rows (stmt, calendar_from_row, (GDestroyNotify) sp_calendar_free, error);
  if (list == NULL)
    return NULL;
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
  g_autoptr(SpStatement) ins = NULL;

  if (sp_store_run (store, error, "DELETE FROM calendar_hours WHERE calendar_id = ?1",
                    SP_INT (calendar_id), SP_END) < 0)
    return FALSE;

  ins = sp_store_query (store, error,
                        "INSERT INTO calendar_hours (calendar_id, weekday, start_minute, end_minute) "
                        "VALUES (?1, ?2, ?3, ?4)", SP_END);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < hours->len; i++)
    {
      const SpOpeningInterval *iv = &g_array_index (hours, SpOpeningInterval, i);

      sp_statement_bind (ins, SP_INT (calendar_id), SP_INT (iv->weekday), SP_INT (iv->start_minute),
                         SP_INT (iv->end_minute), SP_END);
      if (!sp_statement_run (ins, error))
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
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;

  /* RETURNING always gives the row written: 0 only on an error. */
  set->calendar_id = sp_store_query_int (store, 0, error,
                                         "INSERT INTO calendars (uuid, desk_id, service_id, slot_minutes, capacity, "
                                         "                       valid_from, valid_to, created_at, updated_at) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
                                         "ON CONFLICT (desk_id, service_id, valid_from, valid_to) DO UPDATE SET "
                                         "  slot_minutes = excluded.slot_minutes, capacity = excluded.capacity, "
                                         "  updated_at = excluded.updated_at "
                                         "RETURNING id",
                                         SP_TEXT (uuid), SP_INT (set->desk_id), SP_INT (set->service_id),
                                         SP_INT (set->slot_minutes), SP_INT (set->capacity),
                                         SP_TEXT (set->valid_from), SP_TEXT (set->valid_to),
                                         SP_INT (sp_store_now ()), SP_END);
  if (set->calendar_id == 0)
    return FALSE;

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
  gint64 changed = sp_store_run (store, error, del->sql, SP_INT (del->id), SP_END);

  if (changed < 0)
    return FALSE;
  if (changed == 0)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND, del->not_found);
      return FALSE;
    }
  return sp_audit_append (store, del->actor, del->action, NULL, NULL, error);
}

void
sp_calendar_propagate_not_found (GError  **error,
                                 GError   *local_error,
                                 GQuark    domain,
                                 int       not_found_code)
{
  if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_set_error_literal (error, domain, not_found_code, local_error->message);
      g_error_free (local_error);
    }
  else if (local_error != NULL)
    g_propagate_error (error, local_error);
}

GPtrArray *
sp_calendar_collect_rows (SpStatement         *stmt,
                          SpStatementRowFunc   row_func,
                          GDestroyNotify       free_func,
                          GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_func);
  g_autoptr(GError) local_error = NULL;

  while (sp_statement_next (stmt, &local_error))
    g_ptr_array_add (list, row_func (stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&list);
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
  return sp_calendar_delete_row (store, actor, "DELETE FROM calendars WHERE id = ?1", calendar_id,
                                 SP_AUDIT_CALENDAR_REMOVE, _("The calendar does not exist."), error);
}
