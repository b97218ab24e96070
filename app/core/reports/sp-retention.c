/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-retention.c — erasing personal data of closed cases after N months */
#define G_LOG_DOMAIN "sp-retention"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-appointment.h"
#include "sp-cie-request.h"
#include "sp-citizen.h"
#include "sp-enum.h"
#include "sp-identification.h"
#include "sp-outbox.h"
#include "sp-receipt-store.h"
#include "sp-retention.h"

/* Each table's owner erases its own rows: cutoff in µs, cutoff_day
 * 'YYYY-MM-DD'; it answers the rows changed, or -1 with error set, and
 * runs in the transaction retention opens. */
typedef gint64 (*EraseFunc) (SpStore     *store,
                             gint64       cutoff,
                             const char  *cutoff_day,
                             GError     **error);

static const struct
{
  const char *label;
  EraseFunc   erase;
} erasers[SP_RETENTION_N_KINDS] = {
  [SP_RETENTION_IDENTIFICATIONS] = { N_("SPID identifications"), sp_identification_erase_closed_before },
  [SP_RETENTION_CIE_REQUESTS]    = { N_("CIE requests"), sp_cie_request_erase_closed_before },
  [SP_RETENTION_APPOINTMENTS]    = { N_("Appointments and walk-ins"), sp_appointment_erase_closed_before },
  [SP_RETENTION_EMAILS]          = { N_("Sent emails"), sp_outbox_erase_sent_before },
  /* After the cases: the printed fields of the receipts of erased records. */
  [SP_RETENTION_RECEIPTS]        = { N_("Receipts"), sp_receipt_erase_fields_before },
  /* Last: citizens no case refers to any more. */
  [SP_RETENTION_CITIZENS]        = { N_("Citizens"), sp_citizen_delete_unreferenced_before },
};

/* What the transaction works with and hands back. */
typedef struct
{
  SpActor            actor;
  gboolean           dry_run;
  const char        *cutoff_day;
  SpRetentionResult  result;
} Apply;

/* The error a dry run fails its transaction with, so that the store rolls
 * back what it erased: recognised and cleared, never shown. */
static GQuark
dry_run_quark (void)
{
  return g_quark_from_static_string ("sp-retention-dry-run-quark");
}

const char *
sp_retention_kind_get_id (SpRetentionKind kind)
{
  g_return_val_if_fail (kind < SP_RETENTION_N_KINDS, NULL);
  return sp_enum_to_nick (SP_TYPE_RETENTION_KIND, kind);
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
      json_builder_set_member_name (b, sp_retention_kind_get_id (k));
      json_builder_add_int_value (b, result->counts[k]);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
apply_in_transaction (SpStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  Apply *apply = user_data;
  g_autofree char *details = NULL;

  for (guint k = 0; k < SP_RETENTION_N_KINDS; k++)
    {
      gint64 changed = erasers[k].erase (store, apply->result.cutoff, apply->cutoff_day, error);

      if (changed < 0)
        return FALSE;
      apply->result.counts[k] = changed;
    }

  /* A dry run did the same work and now takes it back: exact counts. */
  if (apply->dry_run)
    {
      g_set_error_literal (error, dry_run_quark (), 0, "dry run");
      return FALSE;
    }

  details = describe (&apply->result, apply->cutoff_day);
  return sp_audit_append (store, apply->actor, SP_AUDIT_RETENTION, NULL, details, error);
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
  g_autoptr(GError) local_error = NULL;
  Apply apply = { .actor = actor, .dry_run = dry_run };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  apply.result.months = sp_retention_get_months (store);
  if (apply.result.months == 0)
    {
      if (result != NULL)
        *result = apply.result;
      return TRUE;  /* never erase */
    }

  local_now = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  cutoff = g_date_time_add_months (local_now, -apply.result.months);
  apply.result.cutoff = g_date_time_to_unix (cutoff) * G_USEC_PER_SEC;
  cutoff_day = g_date_time_format (cutoff, "%Y-%m-%d");
  apply.cutoff_day = cutoff_day;

  if (!sp_store_transaction (store, apply_in_transaction, &apply, &local_error) &&
      !g_error_matches (local_error, dry_run_quark (), 0))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (result != NULL)
    *result = apply.result;
  return TRUE;
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
