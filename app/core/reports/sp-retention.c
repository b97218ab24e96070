/* sp-retention.c — erasing personal data of closed cases after N months */
#define G_LOG_DOMAIN "sp-retention"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-retention.h"

/* Placeholders where a CHECK constraint wants a value: a codice fiscale of
 * 16 characters, a non-empty name. */
#define ERASED_CF   SP_ERASED_CODICE_FISCALE
#define ERASED_TEXT SP_ERASED_TEXT

typedef struct
{
  const char *id;
  const char *label;
  const char *sql;    /* ?1 cutoff µs, ?2 cutoff day 'YYYY-MM-DD' */
} Eraser;

static const Eraser erasers[SP_RETENTION_N_KINDS] = {
  [SP_RETENTION_IDENTIFICATIONS] = {
    "identifications", N_("SPID identifications"),
    "UPDATE identifications SET codice_fiscale = '', surname = '', name = '', data = '{}', "
    "citizen_id = NULL, code_first_half = NULL, refusal_note = NULL, token = NULL "
    "WHERE state IN ('completed', 'refused', 'expired') "
    "AND coalesce(expired_at, refused_at, completed_at, updated_at) < ?1 "
    "AND (codice_fiscale <> '' OR surname <> '' OR name <> '' OR data <> '{}' "
    "OR citizen_id IS NOT NULL OR code_first_half IS NOT NULL OR refusal_note IS NOT NULL "
    "OR token IS NOT NULL)" },
  [SP_RETENTION_CIE_REQUESTS] = {
    "cie_requests", N_("CIE requests"),
    "UPDATE cie_requests SET codice_fiscale = '" ERASED_CF "', surname = '" ERASED_TEXT "', "
    "given_name = '" ERASED_TEXT "', birth_date = '0000-00-00', "
    "police_report = CASE WHEN police_report IS NULL THEN NULL ELSE '" ERASED_TEXT "' END, "
    "payment_reference = CASE WHEN payment_reference IS NULL THEN NULL ELSE '" ERASED_TEXT "' END, "
    "old_card_expiry = NULL, card_number = '', delivery_address = NULL, delegate = NULL, citizen_id = NULL "
    "WHERE state IN ('handed-over', 'delivered') AND coalesce(closed_at, updated_at) < ?1 "
    "AND codice_fiscale <> '" ERASED_CF "'" },
  [SP_RETENTION_APPOINTMENTS] = {
    "appointments", N_("Appointments and walk-ins"),
    "UPDATE appointments SET surname = '', given_name = '', codice_fiscale = NULL, phone = NULL, "
    "email = NULL, notes = '', cancel_reason = NULL "
    "WHERE state IN ('served', 'cancelled', 'no-show', 'rescheduled') AND day < ?2 "
    "AND (surname <> '' OR given_name <> '' OR codice_fiscale IS NOT NULL OR phone IS NOT NULL "
    "OR email IS NOT NULL OR notes <> '' OR cancel_reason IS NOT NULL)" },
  [SP_RETENTION_EMAILS] = {
    "emails", N_("Sent emails"),
    "UPDATE outbox SET recipient = '" ERASED_TEXT "', subject = '', body = '', attachment = NULL, "
    "attachment_name = NULL, last_error = NULL "
    "WHERE sent_at IS NOT NULL AND sent_at < ?1 "
    "AND (recipient <> '" ERASED_TEXT "' OR body <> '' OR attachment IS NOT NULL)" },
  /* After the cases: the printed fields of their receipts. */
  [SP_RETENTION_RECEIPTS] = {
    "receipts", N_("Receipts"),
    "UPDATE receipts SET fields = '[]' WHERE issued_at < ?1 AND fields <> '[]' AND record_uuid IN ("
    "SELECT uuid FROM identifications WHERE state <> 'draft' AND codice_fiscale = '' "
    "UNION ALL SELECT uuid FROM cie_requests WHERE codice_fiscale = '" ERASED_CF "' "
    "UNION ALL SELECT uuid FROM appointments WHERE day < ?2 "
    "AND state IN ('served', 'cancelled', 'no-show', 'rescheduled'))" },
  /* Last: citizens no case refers to any more. */
  [SP_RETENTION_CITIZENS] = {
    "citizens", N_("Citizens"),
    "DELETE FROM citizens WHERE updated_at < ?1 "
    "AND id NOT IN (SELECT citizen_id FROM identifications WHERE citizen_id IS NOT NULL) "
    "AND id NOT IN (SELECT citizen_id FROM cie_requests WHERE citizen_id IS NOT NULL)" },
};

const char *
sp_retention_kind_get_id (SpRetentionKind kind)
{
  g_return_val_if_fail (kind < SP_RETENTION_N_KINDS, NULL);
  return erasers[kind].id;
}

const char *
sp_retention_kind_get_label (SpRetentionKind kind)
{
  g_return_val_if_fail (kind < SP_RETENTION_N_KINDS, NULL);
  return erasers[kind].label;
}

int
sp_retention_get_months (SpStore *store)
{
  gint64 months = sp_store_get_setting_int (store, SP_SETTING_RETENTION_MONTHS,
                                            SP_RETENTION_DEFAULT_MONTHS);

  return (int) CLAMP (months, 0, 1200);
}

static char *
describe (const SpRetentionResult *result,
          const char              *cutoff_day)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "months");
  json_builder_add_int_value (b, result->months);
  json_builder_set_member_name (b, "closed_before");
  json_builder_add_string_value (b, cutoff_day);
  json_builder_set_member_name (b, "erased");
  json_builder_begin_object (b);
  for (guint k = 0; k < SP_RETENTION_N_KINDS; k++)
    {
      json_builder_set_member_name (b, erasers[k].id);
      json_builder_add_int_value (b, result->counts[k]);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
sp_retention_apply (SpStore            *store,
                    SpActor             actor,
                    gint64              now,
                    gboolean            dry_run,
                    SpRetentionResult  *result,
                    GError            **error)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) cutoff = NULL;
  g_autofree char *cutoff_day = NULL;
  g_autofree char *details = NULL;
  SpRetentionResult r = { 0 };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  r.months = sp_retention_get_months (store);
  if (r.months == 0)
    {
      if (result != NULL)
        *result = r;
      return TRUE;  /* never erase */
    }

  local_now = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  cutoff = g_date_time_add_months (local_now, -r.months);
  r.cutoff = g_date_time_to_unix (cutoff) * G_USEC_PER_SEC;
  cutoff_day = g_date_time_format (cutoff, "%Y-%m-%d");

  if (!sp_store_begin (store, error))
    return FALSE;

  for (guint k = 0; k < SP_RETENTION_N_KINDS; k++)
    {
      g_autoptr(sqlite3_stmt) stmt = sp_store_prepare (store, erasers[k].sql, error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, r.cutoff);
      sqlite3_bind_text (stmt, 2, cutoff_day, -1, SQLITE_TRANSIENT);
      if (!sp_store_step_done (store, stmt, error))
        goto failed;
      r.counts[k] = sqlite3_changes (sp_store_get_handle (store));
    }

  if (result != NULL)
    *result = r;

  /* A dry run did the same work and now takes it back: exact counts. */
  if (dry_run)
    {
      sp_store_rollback (store);
      return TRUE;
    }

  details = describe (&r, cutoff_day);
  if (!sp_audit_append (store, actor, SP_AUDIT_RETENTION, NULL, details, error) ||
      !sp_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  sp_store_rollback (store);
  return FALSE;
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  const char *db_path = data;
  g_autoptr(SpStore) store = NULL;
  g_autofree SpRetentionResult *result = g_new0 (SpRetentionResult, 1);
  GError *error = NULL;

  store = sp_store_open (db_path, &error);
  if (store == NULL ||
      !sp_retention_apply (store, SP_ACTOR_SYSTEM, sp_store_now (), TRUE, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&result), g_free);
}

void
sp_retention_count_async (const char          *db_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_retention_count_async);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, count_thread);
}

gboolean
sp_retention_count_finish (GAsyncResult       *result,
                           SpRetentionResult  *counted,
                           GError            **error)
{
  g_autofree SpRetentionResult *r = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return FALSE;
  if (counted != NULL)
    *counted = *r;
  return TRUE;
}
