/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-booking-service.c — the services a citizen books an appointment for */
#define G_LOG_DOMAIN "sp-booking-service"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sp-booking-service.h"
#include "sp-calendar.h"

#define SERVICE_COLUMNS "id, uuid, code, name, bring"

typedef struct
{
  SpActor     actor;
  const char *code;
  const char *name;
  const char *bring;
} ServiceSet;

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

/* Steps the lookup once: the service, or SP_CALENDAR_ERROR_NOT_FOUND. */
static SpBookingService *
fetch_service (SpStore       *store,
               sqlite3_stmt  *stmt,
               const char    *not_found,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return service_from_row (stmt);
  if (rc != SQLITE_DONE)
    sp_store_set_error (store, rc, error);
  else
    g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND, not_found);
  return NULL;
}

static char *
describe_set (const char *code)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
set_service (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  ServiceSet *set = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;
  gint64 now = sp_store_now ();

  /* A NULL bring keeps the old list. */
  stmt = sp_store_prepare (store,
                           "INSERT INTO services (uuid, code, name, bring, created_at, updated_at) "
                           "VALUES (?, ?, ?, coalesce (?, ''), ?, ?) "
                           "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                           "  bring = CASE WHEN ?4 IS NULL THEN bring ELSE excluded.bring END, "
                           "  active = 1, updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, uuid);
  sp_store_bind_text (stmt, 2, set->code);
  sp_store_bind_text (stmt, 3, set->name);
  sp_store_bind_text (stmt, 4, set->bring);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!sp_store_step_done (store, stmt, error))
    return FALSE;

  details = describe_set (set->code);
  return sp_audit_append (store, set->actor, SP_AUDIT_SERVICE_SET, NULL, details, error);
}

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

SpBookingService *
sp_booking_service_lookup (SpStore     *store,
                           const char  *code,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *not_found = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_prepare (store, "SELECT " SERVICE_COLUMNS " FROM services WHERE code = ?", error);
  if (stmt == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, code);
  not_found = g_strdup_printf (_("There is no service “%s”."), code != NULL ? code : "");
  return fetch_service (store, stmt, not_found, error);
}

SpBookingService *
sp_booking_service_lookup_by_id (SpStore  *store,
                                 gint64    id,
                                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_prepare (store, "SELECT " SERVICE_COLUMNS " FROM services WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return fetch_service (store, stmt, _("The service does not exist."), error);
}

GPtrArray *
sp_booking_service_list (SpStore  *store,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_booking_service_free);
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

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
  ServiceSet set = { actor, code, name, bring };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (code == NULL || *code == '\0' || strlen (code) > 32 || name == NULL || *name == '\0')
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                           _("A service needs a short code and a name."));
      return NULL;
    }

  if (!sp_store_transaction (store, set_service, &set, error))
    return NULL;
  return sp_booking_service_lookup (store, code, error);
}
