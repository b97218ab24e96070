/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle-export.c — the laptop's records since its last bundle, in one
 * file for the office; the only code that writes bundle_exports */
#define G_LOG_DOMAIN "sp-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sp-bundle-private.h"
#include "sp-error.h"
#include "sp-popup-desk.h"
#include "sp-setting-keys.h"

typedef struct
{
  SpActor          actor;
  gboolean         again;
  GBytes          *file;      /* out */
  SpBundleSummary *summary;   /* out */
} Export;

typedef struct
{
  gint64  sequence;
  gint64  from_at;
  gint64  until_at;
  gint64  from_audit_id;
  gint64  last_audit_id;
} Window;

/* The last bundle exported, or FALSE (no error) when there was none. */
static gboolean
last_export (SpStore  *store,
             Window   *last,
             GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  stmt = sp_store_query (store, error,
                         "SELECT sequence, from_at, until_at, from_audit_id, last_audit_id FROM bundle_exports "
                         "ORDER BY sequence DESC LIMIT 1", SP_END);
  if (stmt == NULL || !sp_statement_next (stmt, error))
    return FALSE;
  last->sequence = sp_statement_get_int (stmt, 0);
  last->from_at = sp_statement_get_int (stmt, 1);
  last->until_at = sp_statement_get_int (stmt, 2);
  last->from_audit_id = sp_statement_get_int (stmt, 3);
  last->last_audit_id = sp_statement_get_int (stmt, 4);
  return TRUE;
}

static const char *
audit_text (JsonArray  *audit,
            guint       index,
            const char *member)
{
  return json_object_get_string_member (json_array_get_object_element (audit, index), member);
}

static gboolean
export_in_transaction (SpStore   *store,
                       gpointer   user_data,
                       GError   **error)
{
  Export *export = user_data;
  g_autofree char *desk_uuid = sp_store_get_setting (store, SP_SETTING_POPUP_DESK);
  g_autofree char *office_key = sp_store_get_setting (store, SP_SETTING_POPUP_OFFICE_BOX_PUBLIC);
  g_autofree char *details = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) manifest = json_object_new ();
  g_autoptr(JsonObject) tables = json_object_new ();
  g_autoptr(JsonObject) counts = json_object_new ();
  g_autoptr(JsonArray) audit = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SpBundleSummary) summary = g_new0 (SpBundleSummary, 1);
  Window last = { 0, }, window = { 0, };
  gboolean had_last;
  guint n_audit;

  /* A run again after crossing another transaction starts afresh. */
  g_clear_pointer (&export->file, g_bytes_unref);
  g_clear_pointer (&export->summary, sp_bundle_summary_free);
  if (desk_uuid == NULL || office_key == NULL)
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_NOT_ENROLLED,
                           _("This database is not a pop-up desk’s: only a laptop that joined an office brings "
                             "records back."));
      return FALSE;
    }
  had_last = last_export (store, &last, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (export->again && !had_last)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                           _("No bundle was exported yet, so there is none to make again."));
      return FALSE;
    }
  if (export->again)
    {
      /* The same window: the same records and audit rows, the same
       * payload, which the office recognises. */
      window = last;
    }
  else
    {
      window = (Window) { last.sequence + 1, last.until_at, sp_store_now (), last.last_audit_id, 0 };
      /* The export is in the laptop's trail, and that row in the bundle. */
      details = g_strdup_printf ("{\"sequence\":%" G_GINT64_FORMAT "}", window.sequence);
      if (!sp_audit_append (store, export->actor, SP_AUDIT_BUNDLE_EXPORT, desk_uuid, details, error))
        return FALSE;
    }

  for (guint i = 0; sp_bundle_tables[i] != NULL; i++)
    {
      const SpRowsTable *table = sp_bundle_tables[i] ();
      JsonArray *rows = sp_store_rows_export (store, table, window.from_at, window.until_at, error);

      if (rows == NULL)
        return FALSE;
      json_object_set_int_member (counts, table->table, json_array_get_length (rows));
      json_object_set_array_member (tables, table->table, rows);
    }
  audit = sp_audit_export_rows (store, window.from_audit_id, window.last_audit_id, error);
  if (audit == NULL)
    return FALSE;
  n_audit = json_array_get_length (audit);
  g_assert (n_audit > 0);
  json_object_set_int_member (counts, "audit", n_audit);
  window.last_audit_id = json_object_get_int_member (json_array_get_object_element (audit, n_audit - 1), "id");

  summary->desk_uuid = g_strdup (desk_uuid);
  summary->sequence = window.sequence;
  summary->previous_hash = g_strdup (audit_text (audit, 0, "prev_hash"));
  summary->first_hash = g_strdup (audit_text (audit, 0, "hash"));
  summary->last_hash = g_strdup (audit_text (audit, n_audit - 1, "hash"));
  summary->counts = json_object_ref (counts);

  json_object_set_string_member (manifest, "desk", desk_uuid);
  json_object_set_int_member (manifest, "sequence", window.sequence);
  json_object_set_int_member (manifest, "from", window.from_at);
  json_object_set_int_member (manifest, "until", window.until_at);
  json_object_set_string_member (manifest, "previous_hash", summary->previous_hash);
  json_object_set_string_member (manifest, "first_hash", summary->first_hash);
  json_object_set_string_member (manifest, "last_hash", summary->last_hash);
  json_object_set_object_member (manifest, "counts", g_steal_pointer (&counts));
  json_object_set_string_member (root, "format", SP_BUNDLE_FORMAT);
  json_object_set_int_member (root, "version", SP_BUNDLE_VERSION);
  json_object_set_object_member (root, "manifest", g_steal_pointer (&manifest));
  json_object_set_object_member (root, "tables", g_steal_pointer (&tables));
  json_object_set_array_member (root, "audit", g_steal_pointer (&audit));
  node = json_node_init_object (json_node_alloc (), root);
  payload = json_to_string (node, FALSE);

  secret = sp_popup_laptop_sign_secret_key (store, &local_error);
  if (secret == NULL)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_NOT_ENROLLED,
                             _("The keys this laptop joined with are damaged: join again with a new enrolment "
                               "file."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  export->file = sp_bundle_envelope_seal (desk_uuid, window.sequence, office_key, secret, payload, error);
  /* The payload holds citizens' data in clear. */
  sodium_memzero (payload, strlen (payload));
  if (export->file == NULL)
    return FALSE;

  if (!export->again &&
      sp_store_run (store, error,
                    "INSERT INTO bundle_exports (sequence, from_at, until_at, from_audit_id, last_audit_id, "
                    "last_hash, exported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    SP_INT (window.sequence), SP_INT (window.from_at), SP_INT (window.until_at),
                    SP_INT (window.from_audit_id), SP_INT (window.last_audit_id), SP_TEXT (summary->last_hash),
                    SP_INT (sp_store_now ()), SP_END) < 0)
    return FALSE;

  export->summary = g_steal_pointer (&summary);
  return TRUE;
}

GBytes *
sp_bundle_export (SpStore           *laptop,
                  SpActor            actor,
                  gboolean           again,
                  SpBundleSummary  **out_summary,
                  GError           **error)
{
  Export export = { actor, again, NULL, NULL };

  g_return_val_if_fail (SP_IS_STORE (laptop), NULL);

  if (!sp_store_transaction (laptop, export_in_transaction, &export, error))
    {
      g_clear_pointer (&export.file, g_bytes_unref);
      g_clear_pointer (&export.summary, sp_bundle_summary_free);
      return NULL;
    }
  if (out_summary != NULL)
    *out_summary = g_steal_pointer (&export.summary);
  sp_bundle_summary_free (export.summary);
  return export.file;
}
