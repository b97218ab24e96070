/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-booking-service.c — the services a citizen books an appointment for */
#define G_LOG_DOMAIN "sp-booking-service"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sp-booking-service.h"
#include "sp-calendar-private.h"

#define SERVICE_COLUMNS "id, uuid, code, name, bring"

typedef struct
{
  SpActor     actor;
  const char *code;
  const char *name;
  const char *bring;
} ServiceSet;

static gpointer
service_from_row (SpStatement *stmt)
{
  SpBookingService *s = g_new0 (SpBookingService, 1);

  s->id = sp_statement_get_int (stmt, 0);
  s->uuid = sp_statement_dup_text (stmt, 1);
  s->code = sp_statement_dup_text (stmt, 2);
  s->name = sp_statement_dup_text (stmt, 3);
  s->bring = sp_statement_dup_text (stmt, 4);
  return s;
}

/* The service whose code (or, when code is NULL, id) is the key. */
static SpBookingService *
lookup_service (SpStore     *store,
                const char  *sql,
                const char  *code,
                gint64       id,
                const char  *not_found,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SpBookingService *service;

  service = sp_store_lookup (store, sql, code, id, service_from_row, not_found, &local_error);
  sp_calendar_propagate_not_found (error, g_steal_pointer (&local_error),
                                   SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NOT_FOUND);
  return service;
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
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;

  /* A NULL bring keeps the old list. */
  if (sp_store_run (store, error,
                    "INSERT INTO services (uuid, code, name, bring, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, coalesce (?4, ''), ?5, ?5) "
                    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                    "  bring = CASE WHEN ?4 IS NULL THEN services.bring ELSE excluded.bring END, "
                    "  active = 1, updated_at = excluded.updated_at",
                    SP_TEXT (uuid), SP_TEXT (set->code), SP_TEXT (set->name), SP_TEXT (set->bring),
                    SP_INT (sp_store_now ()), SP_END) < 0)
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
  g_autofree char *not_found = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  /* No service has an empty code: a NULL one finds nothing. */
  if (code == NULL)
    code = "";
  not_found = g_strdup_printf (_("There is no service “%s”."), code);
  return lookup_service (store, "SELECT " SERVICE_COLUMNS " FROM services WHERE code = ?1",
                         code, 0, not_found, error);
}

SpBookingService *
sp_booking_service_lookup_by_id (SpStore  *store,
                                 gint64    id,
                                 GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return lookup_service (store, "SELECT " SERVICE_COLUMNS " FROM services WHERE id = ?1",
                         NULL, id, _("The service does not exist."), error);
}

GPtrArray *
sp_booking_service_list (SpStore  *store,
                         GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error,
                         "SELECT " SERVICE_COLUMNS " FROM services WHERE active = 1 ORDER BY id", SP_END);
  if (stmt == NULL)
    return NULL;
  return sp_calendar_collect_rows (stmt, service_from_row, (GDestroyNotify) sp_booking_service_free, error);
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
