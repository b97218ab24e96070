/* sp-calendar.c — services, opening hours, closures and free slots */
#define G_LOG_DOMAIN "sp-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "sp-calendar.h"
#include "sp-cie-wait.h"
#include "sp-error.h"

G_DEFINE_QUARK (sp-calendar-error-quark, sp_calendar_error)

#define ALWAYS_FROM "0000-01-01"
#define ALWAYS_TO   "9999-12-31"

/* Services */

void
sp_booking_service_free (SpBookingService *service)
{
  if (service == NULL)
    return;
  g_free (service->uuid);
  g_free (service->code);
  g_free (service->name);
  g_free (service->bring);
  g_free (service);
}

static SpBookingService *
service_from_row (sqlite3_stmt *stmt)
{
  SpBookingService *s = g_new0 (SpBookingService, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->uuid = sp_store_column_dup (stmt, 1);
  s->code = sp_store_column_dup (stmt, 2);
  s->name = sp_store_column_dup (stmt, 3);
  s->bring = sp_store_column_dup (stmt, 4);
  return s;
}

#define SERVICE_COLUMNS "id, uuid, code, name, bring"

SpBookingService *
sp_booking_service_lookup (SpStore     *store,
                   const char  *code,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_prepare (store, "SELECT " SERVICE_COLUMNS " FROM services WHERE code = ?", error);
  if (stmt == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return service_from_row (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }
  g_set_error (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND,
               _("There is no service “%s”."), code != NULL ? code : "");
  return NULL;
}

SpBookingService *
sp_booking_service_lookup_by_id (SpStore  *store,
                         gint64    id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = sp_store_prepare (store, "SELECT " SERVICE_COLUMNS " FROM services WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return service_from_row (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }
  g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND,
                       _("The service does not exist."));
  return NULL;
}

GPtrArray *
sp_booking_service_list (SpStore  *store,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_booking_service_free);
  int rc;

  stmt = sp_store_prepare (store, "SELECT " SERVICE_COLUMNS " FROM services WHERE active = 1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, service_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

SpBookingService *
sp_booking_service_set (SpStore     *store,
                SpActor      actor,
                const char  *code,
                const char  *name,
                const char  *bring,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;
  gint64 now = sp_store_now ();

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (code == NULL || *code == '\0' || strlen (code) > 32 || name == NULL || *name == '\0')
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                           _("A service needs a short code and a name."));
      return NULL;
    }

  if (!sp_store_begin (store, error))
    return NULL;

  stmt = sp_store_prepare (store,
                           "INSERT INTO services (uuid, code, name, bring, created_at, updated_at) "
                           "VALUES (?, ?, ?, coalesce (?, ''), ?, ?) "
                           "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                           "  bring = CASE WHEN ?4 IS NULL THEN bring ELSE excluded.bring END, "
                           "  active = 1, updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    goto fail;
  sp_store_bind_text (stmt, 1, uuid);
  sp_store_bind_text (stmt, 2, code);
  sp_store_bind_text (stmt, 3, name);
  sp_store_bind_text (stmt, 4, bring);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, now);
  /* A NULL bring keeps the old list. */
  if (!sp_store_step_done (store, stmt, error))
    goto fail;

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "code");
    json_builder_add_string_value (builder, code);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    details = json_to_string (root, FALSE);
  }
  if (!sp_audit_append (store, actor, SP_AUDIT_SERVICE_SET, NULL, details, error))
    goto fail;
  if (!sp_store_commit (store, error))
    goto fail;

  return sp_booking_service_lookup (store, code, error);

fail:
  sp_store_rollback (store);
  return NULL;
}

/* Opening hours */

static const struct
{
  const char *name;
  int         weekday;
} day_names[] = {
  { "mon", 1 }, { "tue", 2 }, { "wed", 3 }, { "thu", 4 }, { "fri", 5 }, { "sat", 6 }, { "sun", 7 },
  { "lun", 1 }, { "mar", 2 }, { "mer", 3 }, { "gio", 4 }, { "ven", 5 }, { "sab", 6 }, { "dom", 7 },
};

static int
parse_weekday (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (day_names); i++)
    if (g_str_has_prefix (lower, day_names[i].name))
      return day_names[i].weekday;
  return 0;
}

gboolean
sp_minute_parse (const char *text,
                 int        *out_minute)
{
  unsigned h, m;
  char extra;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (sscanf (text, "%2u:%2u%c", &h, &m, &extra) != 2
      && sscanf (text, "%2u.%2u%c", &h, &m, &extra) != 2)
    return FALSE;
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;
  *out_minute = (int) (h * 60 + m);
  return TRUE;
}

char *
sp_minute_format (int minute)
{
  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const SpOpeningInterval *ia = a, *ib = b;

  if (ia->weekday != ib->weekday)
    return ia->weekday - ib->weekday;
  return ia->start_minute - ib->start_minute;
}

static gboolean
check_overlaps (GArray  *hours,
                GError **error)
{
  g_array_sort (hours, compare_intervals);
  for (guint i = 1; i < hours->len; i++)
    {
      SpOpeningInterval *prev = &g_array_index (hours, SpOpeningInterval, i - 1);
      SpOpeningInterval *cur = &g_array_index (hours, SpOpeningInterval, i);

      if (prev->weekday == cur->weekday && cur->start_minute < prev->end_minute)
        {
          g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                               _("Two opening intervals of the same day overlap."));
          return FALSE;
        }
    }
  return TRUE;
}

GArray *
sp_opening_hours_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(GArray) hours = g_array_new (FALSE, TRUE, sizeof (SpOpeningInterval));
  g_auto(GStrv) groups = NULL;

  if (text == NULL)
    text = "";
  groups = g_strsplit_set (text, ";\n", -1);

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_autofree char *group = g_strstrip (g_strdup (groups[g]));
      g_auto(GStrv) parts = NULL;
      g_auto(GStrv) days = NULL;
      g_auto(GStrv) intervals = NULL;
      int first, last;

      if (*group == '\0')
        continue;

      parts = g_strsplit_set (group, " \t", 2);
      if (parts[0] == NULL || parts[1] == NULL)
        goto invalid;

      days = g_strsplit (parts[0], "-", 2);
      first = parse_weekday (days[0]);
      last = days[1] != NULL ? parse_weekday (days[1]) : first;
      if (first == 0 || last == 0 || last < first)
        goto invalid;

      intervals = g_strsplit (parts[1], ",", -1);
      for (guint i = 0; intervals[i] != NULL; i++)
        {
          g_auto(GStrv) ends = g_strsplit (g_strstrip (intervals[i]), "-", 2);
          int start, end;

          if (ends[0] == NULL || ends[1] == NULL
              || !sp_minute_parse (ends[0], &start) || !sp_minute_parse (ends[1], &end)
              || end <= start || start >= 1440)
            goto invalid;

          for (int d = first; d <= last; d++)
            {
              SpOpeningInterval iv = { d, start, end };
              g_array_append_val (hours, iv);
            }
        }
    }

  if (!check_overlaps (hours, error))
    return NULL;

  return g_steal_pointer (&hours);

invalid:
  g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                       _("Write the opening hours like “mon-fri 08:30-12:30,14:30-17:00; sat 09:00-12:00”."));
  return NULL;
}

char *
sp_opening_hours_format (const GArray *hours)
{
  static const char *names[] = { NULL, "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *per_day[8] = { NULL };

  for (guint i = 0; i < hours->len; i++)
    {
      const SpOpeningInterval *iv = &g_array_index (hours, SpOpeningInterval, i);
      g_autofree char *a = sp_minute_format (iv->start_minute);
      g_autofree char *b = sp_minute_format (iv->end_minute);
      char *old = per_day[iv->weekday];

      per_day[iv->weekday] = g_strdup_printf ("%s%s%s-%s", old != NULL ? old : "",
                                              old != NULL ? "," : "", a, b);
      g_free (old);
    }

  /* Runs of days with the same intervals share one group. */
  for (int d = 1; d <= 7; d++)
    {
      int last = d;

      if (per_day[d] == NULL)
        continue;
      while (last < 7 && per_day[last + 1] != NULL && g_str_equal (per_day[last + 1], per_day[d]))
        last++;
      if (text->len > 0)
        g_string_append (text, "; ");
      if (last > d)
        g_string_append_printf (text, "%s-%s %s", names[d], names[last], per_day[d]);
      else
        g_string_append_printf (text, "%s %s", names[d], per_day[d]);
      d = last;
    }

  for (int d = 0; d < 8; d++)
    g_free (per_day[d]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Calendars */

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
      g_ptr_array_add (list, c);
    }
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

GPtrArray *
sp_calendar_list (SpStore  *store,
                  gint64    service_id,
                  GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return list_calendars (store, service_id, 0, 0, error);
}

static gboolean
check_day (const char  *day,
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;
  gint64 now = sp_store_now ();
  gint64 calendar_id;

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
  if ((valid_from != NULL && !check_day (valid_from, error))
      || (valid_to != NULL && !check_day (valid_to, error)))
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
  if (!check_overlaps (sorted, error))
    return NULL;

  if (!sp_store_begin (store, error))
    return NULL;

  stmt = sp_store_prepare (store,
                           "INSERT INTO calendars (uuid, desk_id, service_id, slot_minutes, capacity, "
                           "                       valid_from, valid_to, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (desk_id, service_id, valid_from, valid_to) DO UPDATE SET "
                           "  slot_minutes = excluded.slot_minutes, capacity = excluded.capacity, "
                           "  updated_at = excluded.updated_at "
                           "RETURNING id", error);
  if (stmt == NULL)
    goto fail;
  sp_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, desk_id);
  sqlite3_bind_int64 (stmt, 3, service_id);
  sqlite3_bind_int (stmt, 4, slot_minutes);
  sqlite3_bind_int (stmt, 5, capacity);
  sp_store_bind_text (stmt, 6, valid_from);
  sp_store_bind_text (stmt, 7, valid_to);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_int64 (stmt, 9, now);
  {
    int rc = sqlite3_step (stmt);

    if (rc != SQLITE_ROW)
      {
        sp_store_set_error (store, rc, error);
        goto fail;
      }
    calendar_id = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
  }

  del = sp_store_prepare (store, "DELETE FROM calendar_hours WHERE calendar_id = ?", error);
  if (del == NULL)
    goto fail;
  sqlite3_bind_int64 (del, 1, calendar_id);
  if (!sp_store_step_done (store, del, error))
    goto fail;

  for (guint i = 0; i < sorted->len; i++)
    {
      const SpOpeningInterval *iv = &g_array_index (sorted, SpOpeningInterval, i);
      g_autoptr(sqlite3_stmt) ins = NULL;

      ins = sp_store_prepare (store,
                              "INSERT INTO calendar_hours (calendar_id, weekday, start_minute, end_minute) "
                              "VALUES (?, ?, ?, ?)", error);
      if (ins == NULL)
        goto fail;
      sqlite3_bind_int64 (ins, 1, calendar_id);
      sqlite3_bind_int (ins, 2, iv->weekday);
      sqlite3_bind_int (ins, 3, iv->start_minute);
      sqlite3_bind_int (ins, 4, iv->end_minute);
      if (!sp_store_step_done (store, ins, error))
        goto fail;
    }

  {
    g_autofree char *text = sp_opening_hours_format (sorted);
    g_autoptr(GString) json = g_string_new (NULL);

    g_string_append_printf (json, "{\"desk_id\":%" G_GINT64_FORMAT ",\"service_id\":%" G_GINT64_FORMAT
                            ",\"slot_minutes\":%d,\"capacity\":%d,\"valid_from\":\"%s\",\"valid_to\":\"%s\",\"hours\":\"%s\"}",
                            desk_id, service_id, slot_minutes, capacity, valid_from, valid_to, text);
    details = g_string_free (g_steal_pointer (&json), FALSE);
  }
  if (!sp_audit_append (store, actor, SP_AUDIT_CALENDAR_SET, NULL, details, error))
    goto fail;
  if (!sp_store_commit (store, error))
    goto fail;
  sp_cie_wait_note (store, sp_store_now ());

  result = list_calendars (store, 0, 0, calendar_id, error);
  if (result == NULL)
    return NULL;
  if (result->len == 0)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND,
                           _("The desk is not active."));
      return NULL;
    }
  return g_ptr_array_steal_index (result, 0);

fail:
  sp_store_rollback (store);
  return NULL;
}

/* Deletes one row by id with its audit record; both removals below. */
static gboolean
delete_row (SpStore    *store,
            SpActor     actor,
            const char *sql,
            gint64      id,
            const char *action,
            const char *not_found,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!sp_store_begin (store, error))
    return FALSE;
  stmt = sp_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!sp_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (sp_store_get_handle (store)) == 0)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND, not_found);
      goto fail;
    }
  if (!sp_audit_append (store, actor, action, NULL, NULL, error)
      || !sp_store_commit (store, error))
    goto fail;
  sp_cie_wait_note (store, sp_store_now ());
  return TRUE;

fail:
  sp_store_rollback (store);
  return FALSE;
}

gboolean
sp_calendar_remove (SpStore  *store,
                    SpActor   actor,
                    gint64    calendar_id,
                    GError  **error)
{
  return delete_row (store, actor, "DELETE FROM calendars WHERE id = ?", calendar_id,
                     SP_AUDIT_CALENDAR_REMOVE, _("The calendar does not exist."), error);
}

/* Closures */

void
sp_closure_free (SpClosure *closure)
{
  if (closure == NULL)
    return;
  g_free (closure->uuid);
  g_free (closure->desk_name);
  g_free (closure->first_day);
  g_free (closure->last_day);
  g_free (closure->reason);
  g_free (closure);
}

GPtrArray *
sp_closure_list (SpStore     *store,
                 const char  *from_day,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_closure_free);
  int rc;

  stmt = sp_store_prepare (store,
                           "SELECT c.id, c.uuid, coalesce (c.desk_id, 0), d.name, c.first_day, c.last_day, c.reason "
                           "FROM closures c LEFT JOIN desks d ON d.id = c.desk_id "
                           "WHERE ?1 IS NULL OR c.last_day >= ?1 ORDER BY c.first_day, c.id", error);
  if (stmt == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, from_day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpClosure *c = g_new0 (SpClosure, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->uuid = sp_store_column_dup (stmt, 1);
      c->desk_id = sqlite3_column_int64 (stmt, 2);
      c->desk_name = sp_store_column_dup (stmt, 3);
      c->first_day = sp_store_column_dup (stmt, 4);
      c->last_day = sp_store_column_dup (stmt, 5);
      c->reason = sp_store_column_dup (stmt, 6);
      g_ptr_array_add (list, c);
    }
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

SpClosure *
sp_closure_add (SpStore     *store,
                SpActor      actor,
                gint64       desk_id,
                const char  *first_day,
                const char  *last_day,
                const char  *reason,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 id;

  if (last_day == NULL)
    last_day = first_day;
  if (!check_day (first_day, error) || !check_day (last_day, error))
    return NULL;
  if (strcmp (last_day, first_day) < 0)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                           _("The closure ends before it starts."));
      return NULL;
    }

  if (!sp_store_begin (store, error))
    return NULL;
  stmt = sp_store_prepare (store,
                           "INSERT INTO closures (uuid, desk_id, first_day, last_day, reason, created_at) "
                           "VALUES (?, ?, ?, ?, coalesce (?, ''), ?)", error);
  if (stmt == NULL)
    goto fail;
  sp_store_bind_text (stmt, 1, uuid);
  if (desk_id > 0)
    sqlite3_bind_int64 (stmt, 2, desk_id);
  else
    sqlite3_bind_null (stmt, 2);
  sp_store_bind_text (stmt, 3, first_day);
  sp_store_bind_text (stmt, 4, last_day);
  sp_store_bind_text (stmt, 5, reason);
  sqlite3_bind_int64 (stmt, 6, sp_store_now ());
  if (!sp_store_step_done (store, stmt, error))
    goto fail;
  id = sp_store_last_insert_id (store);
  details = g_strdup_printf ("{\"desk_id\":%" G_GINT64_FORMAT ",\"first_day\":\"%s\",\"last_day\":\"%s\"}",
                             desk_id, first_day, last_day);
  if (!sp_audit_append (store, actor, SP_AUDIT_CLOSURE_ADD, uuid, details, error))
    goto fail;
  if (!sp_store_commit (store, error))
    goto fail;
  sp_cie_wait_note (store, sp_store_now ());

  all = sp_closure_list (store, NULL, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (((SpClosure *) g_ptr_array_index (all, i))->id == id)
      return g_ptr_array_steal_index (all, i);
  g_assert_not_reached ();

fail:
  sp_store_rollback (store);
  return NULL;
}

gboolean
sp_closure_remove (SpStore  *store,
                   SpActor   actor,
                   gint64    closure_id,
                   GError  **error)
{
  return delete_row (store, actor, "DELETE FROM closures WHERE id = ?", closure_id,
                     SP_AUDIT_CLOSURE_REMOVE, _("The closure does not exist."), error);
}

/* Slots */

void
sp_slot_free (SpSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->desk_name);
  g_free (slot);
}

SpSlot *
sp_slot_copy (const SpSlot *slot)
{
  SpSlot *copy = g_memdup2 (slot, sizeof *slot);

  copy->desk_name = g_strdup (slot->desk_name);
  return copy;
}

/* Everything needed to lay out days, loaded once per query. */
typedef struct
{
  SpStore        *store;
  GPtrArray      *calendars;   /* SpCalendar */
  GPtrArray      *closures;    /* SpClosure */
  SpHolidayRules *rules;
  sqlite3_stmt   *counts;
} SlotPlan;

static void
slot_plan_clear (SlotPlan *plan)
{
  g_clear_pointer (&plan->calendars, g_ptr_array_unref);
  g_clear_pointer (&plan->closures, g_ptr_array_unref);
  g_clear_pointer (&plan->rules, sp_holiday_rules_free);
  g_clear_pointer (&plan->counts, sqlite3_finalize);
}

static gboolean
slot_plan_init (SlotPlan    *plan,
                SpStore     *store,
                gint64       service_id,
                gint64       desk_id,
                const char  *from_day,
                GError     **error)
{
  memset (plan, 0, sizeof *plan);
  plan->store = store;
  plan->rules = sp_holiday_rules_load (store);
  plan->calendars = list_calendars (store, service_id, desk_id, 0, error);
  if (plan->calendars == NULL)
    return FALSE;
  plan->closures = sp_closure_list (store, from_day, error);
  if (plan->closures == NULL)
    return FALSE;
  plan->counts = sp_store_prepare (store,
                                   "SELECT desk_id, start_minute, count(*) FROM appointments "
                                   "WHERE service_id = ? AND day = ? AND start_minute IS NOT NULL "
                                   "  AND state NOT IN ('cancelled', 'rescheduled') "
                                   "GROUP BY desk_id, start_minute", error);
  if (plan->counts == NULL)
    return FALSE;
  sqlite3_bind_int64 (plan->counts, 1, service_id);
  return TRUE;
}

static const SpClosure *
find_closure (SlotPlan   *plan,
              gint64      desk_id,
              const char *day)
{
  for (guint i = 0; i < plan->closures->len; i++)
    {
      const SpClosure *c = g_ptr_array_index (plan->closures, i);

      if ((c->desk_id == 0 || c->desk_id == desk_id)
          && strcmp (c->first_day, day) <= 0 && strcmp (day, c->last_day) <= 0)
        return c;
    }
  return NULL;
}

/* The calendar of a desk that applies on a day: the latest start of
 * validity that covers it. */
static const SpCalendar *
calendar_for_day (SlotPlan   *plan,
                  gint64      desk_id,
                  const char *day)
{
  const SpCalendar *best = NULL;

  for (guint i = 0; i < plan->calendars->len; i++)
    {
      const SpCalendar *c = g_ptr_array_index (plan->calendars, i);

      if (c->desk_id != desk_id
          || strcmp (c->valid_from, day) > 0 || strcmp (day, c->valid_to) > 0)
        continue;
      if (best == NULL || strcmp (c->valid_from, best->valid_from) > 0)
        best = c;
    }
  return best;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const SpSlot *sa = *(SpSlot **) a, *sb = *(SpSlot **) b;

  if (sa->start_minute != sb->start_minute)
    return sa->start_minute - sb->start_minute;
  return g_strcmp0 (sa->desk_name, sb->desk_name);
}

/* Appends the day's slots starting at or after min_minute; FALSE on a
 * database error. */
static gboolean
plan_day (SlotPlan    *plan,
          const GDate *date,
          int          min_minute,
          GPtrArray   *out,
          GError     **error)
{
  g_autoptr(GArray) desks = g_array_new (FALSE, FALSE, sizeof (gint64));
  char day[11];
  int weekday = g_date_get_weekday (date);
  guint first_new = out->len;
  int rc;

  if (sp_holidays_lookup (date, plan->rules) != NULL)
    return TRUE;

  g_snprintf (day, sizeof day, "%04u-%02u-%02u", g_date_get_year (date),
              g_date_get_month (date), g_date_get_day (date));

  for (guint i = 0; i < plan->calendars->len; i++)
    {
      const SpCalendar *any = g_ptr_array_index (plan->calendars, i);
      const SpCalendar *c;
      gboolean seen = FALSE;

      for (guint k = 0; k < desks->len; k++)
        if (g_array_index (desks, gint64, k) == any->desk_id)
          seen = TRUE;
      if (seen)
        continue;
      g_array_append_val (desks, any->desk_id);

      c = calendar_for_day (plan, any->desk_id, day);
      if (c == NULL || find_closure (plan, c->desk_id, day) != NULL)
        continue;

      for (guint h = 0; h < c->hours->len; h++)
        {
          const SpOpeningInterval *iv = &g_array_index (c->hours, SpOpeningInterval, h);

          if (iv->weekday != weekday)
            continue;
          for (int start = iv->start_minute; start + c->slot_minutes <= iv->end_minute;
               start += c->slot_minutes)
            {
              SpSlot *slot;

              if (start < min_minute)
                continue;
              slot = g_new0 (SpSlot, 1);
              slot->desk_id = c->desk_id;
              slot->desk_name = g_strdup (c->desk_name);
              memcpy (slot->day, day, sizeof day);
              slot->start_minute = start;
              slot->end_minute = start + c->slot_minutes;
              slot->capacity = c->capacity;
              g_ptr_array_add (out, slot);
            }
        }
    }

  if (out->len == first_new)
    return TRUE;

  sqlite3_reset (plan->counts);
  sqlite3_bind_text (plan->counts, 2, day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (plan->counts)) == SQLITE_ROW)
    {
      gint64 desk_id = sqlite3_column_int64 (plan->counts, 0);
      int start = sqlite3_column_int (plan->counts, 1);
      int n = sqlite3_column_int (plan->counts, 2);

      for (guint i = first_new; i < out->len; i++)
        {
          SpSlot *slot = g_ptr_array_index (out, i);

          if (slot->desk_id == desk_id && slot->start_minute == start)
            slot->booked = n;
        }
    }
  if (rc != SQLITE_DONE)
    return sp_store_set_error (plan->store, rc, error);

  return TRUE;
}

GPtrArray *
sp_calendar_day_slots (SpStore     *store,
                       gint64       service_id,
                       gint64       desk_id,
                       const char  *day,
                       GError     **error)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_slot_free);
  SlotPlan plan;
  GDate date;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!check_day (day, error))
    return NULL;
  sp_date_parse_iso (day, &date);

  ok = slot_plan_init (&plan, store, service_id, desk_id, day, error)
       && plan_day (&plan, &date, 0, slots, error);
  slot_plan_clear (&plan);
  if (!ok)
    return NULL;

  g_ptr_array_sort (slots, compare_slots);
  return g_steal_pointer (&slots);
}

char *
sp_calendar_day_closed_reason (SpStore     *store,
                               gint64       service_id,
                               gint64       desk_id,
                               const char  *day,
                               GError     **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(SpHolidayRules) rules = NULL;
  const char *holiday;
  SlotPlan plan;
  const SpClosure *closure;
  GDate date;
  char *reason = NULL;

  if (!check_day (day, error))
    return NULL;
  sp_date_parse_iso (day, &date);
  rules = sp_holiday_rules_load (store);
  holiday = sp_holidays_lookup (&date, rules);
  if (holiday != NULL)
    return g_strdup (rules->patron_name != NULL && holiday == rules->patron_name ? holiday : _(holiday));

  if (!slot_plan_init (&plan, store, service_id, desk_id, day, error))
    {
      slot_plan_clear (&plan);
      return NULL;
    }
  closure = find_closure (&plan, desk_id, day);
  if (closure != NULL)
    reason = *closure->reason != '\0'
             ? g_strdup_printf (_("Closed: %s"), closure->reason)
             : g_strdup (_("Closed"));
  slot_plan_clear (&plan);
  if (reason != NULL)
    return reason;

  slots = sp_calendar_day_slots (store, service_id, desk_id, day, error);
  if (slots == NULL)
    return NULL;
  if (slots->len == 0)
    return g_strdup (_("No opening hours"));

  return NULL;
}

SpSlot *
sp_calendar_first_free (SpStore  *store,
                        gint64    service_id,
                        gint64    desk_id,
                        gint64    now,
                        GError  **error)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_slot_free);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *from_day = NULL;
  SpSlot *found = NULL;
  SlotPlan plan;
  GDate date;
  int min_minute;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  /* A slot that already started cannot be booked. */
  min_minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local) + 1;
  from_day = sp_date_to_iso (&date);

  if (!slot_plan_init (&plan, store, service_id, desk_id, from_day, error))
    {
      slot_plan_clear (&plan);
      return NULL;
    }

  for (int i = 0; i < SP_CALENDAR_HORIZON_DAYS && found == NULL; i++)
    {
      if (!plan_day (&plan, &date, i == 0 ? min_minute : 0, slots, error))
        {
          slot_plan_clear (&plan);
          return NULL;
        }
      g_ptr_array_sort (slots, compare_slots);
      for (guint k = 0; k < slots->len && found == NULL; k++)
        {
          SpSlot *slot = g_ptr_array_index (slots, k);

          if (slot->booked < slot->capacity)
            found = sp_slot_copy (slot);
        }
      g_ptr_array_set_size (slots, 0);
      g_date_add_days (&date, 1);
    }
  slot_plan_clear (&plan);

  if (found == NULL)
    g_set_error (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NO_SLOT,
                 _("No slot is free in the next %d days."), SP_CALENDAR_HORIZON_DAYS);
  return found;
}

int
sp_calendar_wait_working_days (SpStore     *store,
                               const GDate *today,
                               const char  *day)
{
  g_autoptr(SpHolidayRules) rules = sp_holiday_rules_load (store);
  GDate d;

  if (!sp_date_parse_iso (day, &d))
    return -1;
  return sp_working_days_between (today, &d, rules);
}
