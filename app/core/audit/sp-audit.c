/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit.c — append and verify the hash-chained audit trail
 *
 * Each row's hash is SHA-256 over the previous row's hash and the row's own
 * content; the newest hash is also kept in settings ("audit.head"), so that
 * removing the last rows is detected as well as editing any row.
 */
#define G_LOG_DOMAIN "sp-audit"

#include "config.h"

#include "sp-setting-keys.h"

#include <glib/gi18n.h>

#include "sp-audit.h"
#include "sp-audit-private.h"
#include "sp-error.h"

#define GENESIS_HASH SP_AUDIT_GENESIS_HASH
#define HEAD_SETTING SP_SETTING_AUDIT_HEAD

char *
sp_audit_compute_hash (const char *prev_hash,
                       const char *uuid,
                       gint64      at,
                       gint64      desk_id,
                       gint64      operator_id,
                       const char *action,
                       const char *subject_uuid,
                       const char *details)
{
  g_autofree char *content = NULL;

  /* Fields are separated by newlines and none may contain a raw newline
   * that shifts another: details is JSON (newlines escaped), the rest are
   * identifiers. */
  content = g_strdup_printf ("v1\n%s\n%s\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT
                             "\n%" G_GINT64_FORMAT "\n%s\n%s\n%s",
                             prev_hash, uuid, at, desk_id, operator_id, action,
                             subject_uuid != NULL ? subject_uuid : "", details);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
}

typedef struct
{
  SpActor     actor;
  const char *action;
  const char *subject_uuid;
  const char *details;
} AuditRow;

static gboolean
append_row (SpStore   *store,
            gpointer   user_data,
            GError   **error)
{
  AuditRow *row = user_data;
  g_autoptr(SpStatement) last = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *hash = NULL;
  gint64 at = sp_store_now ();

  /* Another desk's append between reading the last hash and inserting
   * would fork the chain. */
  if (!sp_store_lock_chain (store, error))
    return FALSE;

  last = sp_store_query (store, error, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", SP_END);
  if (last == NULL)
    return FALSE;
  if (sp_statement_next (last, &local_error))
    prev_hash = sp_statement_dup_text (last, 0);
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  else
    prev_hash = g_strdup (GENESIS_HASH);

  hash = sp_audit_compute_hash (prev_hash, uuid, at, row->actor.desk_id, row->actor.operator_id,
                                row->action, row->subject_uuid, row->details);

  if (sp_store_run (store, error,
                    "INSERT INTO audit (uuid, at, desk_id, operator_id, action, "
                    "subject_uuid, details, prev_hash, hash) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    SP_TEXT (uuid), SP_INT (at), SP_ID (row->actor.desk_id), SP_ID (row->actor.operator_id),
                    SP_TEXT (row->action), SP_TEXT (row->subject_uuid), SP_TEXT (row->details),
                    SP_TEXT (prev_hash), SP_TEXT (hash), SP_END) < 0)
    return FALSE;

  return sp_store_set_setting (store, HEAD_SETTING, hash, error);
}

gboolean
sp_audit_append (SpStore     *store,
                 SpActor      actor,
                 const char  *action,
                 const char  *subject_uuid,
                 const char  *details_json,
                 GError     **error)
{
  AuditRow row = { actor, action, subject_uuid, details_json != NULL ? details_json : "{}" };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  /* Usually inside the change it records; alone, in a transaction of its
   * own, for the chain's lock. */
  if (sp_store_in_transaction (store))
    return append_row (store, &row, error);
  return sp_store_transaction (store, append_row, &row, error);
}

typedef struct
{
  AuditRow    row;
  const char *sql;      /* NULL: the audit row alone */
  gint64      id;
  const char *text;
  gint64      number;
} AuditedChange;

static gboolean
write_audited_change (SpStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  AuditedChange *change = user_data;

  if (change->sql != NULL &&
      sp_store_run (store, error, change->sql,
                    SP_INT (change->id), SP_TEXT (change->text), SP_INT (change->number),
                    SP_INT (sp_store_now ()), SP_END) < 0)
    return FALSE;

  return append_row (store, &change->row, error);
}

gboolean
sp_audit_record (SpStore     *store,
                 SpActor      actor,
                 const char  *action,
                 const char  *subject_uuid,
                 const char  *details_json,
                 GError     **error)
{
  return sp_audit_update (store, actor, action, subject_uuid, details_json, NULL, 0, NULL, 0, error);
}

gboolean
sp_audit_update (SpStore     *store,
                 SpActor      actor,
                 const char  *action,
                 const char  *subject_uuid,
                 const char  *details_json,
                 const char  *sql,
                 gint64       id,
                 const char  *text,
                 gint64       number,
                 GError     **error)
{
  AuditedChange change = { { actor, action, subject_uuid, details_json != NULL ? details_json : "{}" },
                           sql, id, text, number };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  return sp_store_transaction (store, write_audited_change, &change, error);
}

/* Sets *broken_id to the row where the chain breaks, and error. */
static gboolean report_broken (gint64      *broken_id,
                               gint64       row_id,
                               GError     **error,
                               const char  *format,
                               ...) G_GNUC_PRINTF (4, 5);

static gboolean
report_broken (gint64      *broken_id,
               gint64       row_id,
               GError     **error,
               const char  *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (broken_id != NULL)
    *broken_id = row_id;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN, message);
  return FALSE;
}

gboolean
sp_audit_has_action (SpStore     *store,
                     const char  *action,
                     GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  return sp_store_query_int (store, 0, error, "SELECT 1 FROM audit WHERE action = ?1 LIMIT 1",
                             SP_TEXT (action), SP_END) == 1;
}

gint64
sp_audit_desk_of (SpStore    *store,
                  const char *action,
                  const char *subject_uuid)
{
  g_return_val_if_fail (SP_IS_STORE (store), 0);

  return sp_store_query_int (store, 0, NULL,
                             "SELECT coalesce (desk_id, 0) FROM audit WHERE subject_uuid = ?1 AND action = ?2 "
                             "ORDER BY id DESC LIMIT 1",
                             SP_TEXT (subject_uuid), SP_TEXT (action), SP_END);
}

gboolean
sp_audit_verify (SpStore  *store,
                 guint64  *n_checked,
                 gint64   *broken_id,
                 GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  g_autofree char *head = NULL;
  guint64 count = 0;
  gint64 last_id = 0;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (broken_id != NULL)
    *broken_id = 0;

  stmt = sp_store_query (store, error,
                         "SELECT id, uuid, at, coalesce (desk_id, 0), coalesce (operator_id, 0), "
                         "action, subject_uuid, details, prev_hash, hash FROM audit ORDER BY id",
                         SP_END);
  if (stmt == NULL)
    return FALSE;

  while (sp_statement_next (stmt, &local_error))
    {
      gint64 id = sp_statement_get_int (stmt, 0);
      const char *prev_hash = sp_statement_get_text (stmt, 8);
      const char *hash = sp_statement_get_text (stmt, 9);
      g_autofree char *computed = NULL;

      computed = sp_audit_compute_hash (expected_prev,
                                        sp_statement_get_text (stmt, 1),
                                        sp_statement_get_int (stmt, 2),
                                        sp_statement_get_int (stmt, 3),
                                        sp_statement_get_int (stmt, 4),
                                        sp_statement_get_text (stmt, 5),
                                        sp_statement_get_text (stmt, 6),
                                        sp_statement_get_text (stmt, 7));

      if (g_strcmp0 (prev_hash, expected_prev) != 0)
        return report_broken (broken_id, id, error,
                              _("The audit trail is broken at row %lld: the row before it was changed or removed."),
                              (long long) id);

      if (g_strcmp0 (hash, computed) != 0)
        return report_broken (broken_id, id, error,
                              _("The audit trail is broken at row %lld: its content was changed after it was written."),
                              (long long) id);

      g_free (expected_prev);
      expected_prev = g_strdup (hash);
      last_id = id;
      count++;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  head = sp_store_get_setting (store, HEAD_SETTING);
  if (head != NULL && g_strcmp0 (head, expected_prev) != 0)
    return report_broken (broken_id, last_id + 1, error,
                          _("The audit trail is broken after row %lld: its last rows were removed."),
                          (long long) last_id);

  if (n_checked != NULL)
    *n_checked = count;

  return TRUE;
}

static void
set_text_member (JsonObject *row,
                 const char *name,
                 const char *text_or_null)
{
  if (text_or_null != NULL)
    json_object_set_string_member (row, name, text_or_null);
  else
    json_object_set_null_member (row, name);
}

JsonArray *
sp_audit_export_rows (SpStore  *store,
                      gint64    after_id,
                      gint64    up_to_id,
                      GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonArray) rows = json_array_new ();

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error,
                         "SELECT a.id, a.uuid, a.at, coalesce (a.desk_id, 0), coalesce (a.operator_id, 0), "
                         "(SELECT o.uuid FROM operators o WHERE o.id = a.operator_id), a.action, a.subject_uuid, "
                         "a.details, a.prev_hash, a.hash FROM audit a WHERE a.id > ?1 AND (?2 = 0 OR a.id <= ?2) "
                         "ORDER BY a.id", SP_INT (after_id), SP_INT (up_to_id), SP_END);
  if (stmt == NULL)
    return NULL;
  while (sp_statement_next (stmt, &local_error))
    {
      JsonObject *row = json_object_new ();

      json_object_set_int_member (row, "id", sp_statement_get_int (stmt, 0));
      json_object_set_string_member (row, "uuid", sp_statement_get_text (stmt, 1));
      json_object_set_int_member (row, "at", sp_statement_get_int (stmt, 2));
      json_object_set_int_member (row, "desk_id", sp_statement_get_int (stmt, 3));
      json_object_set_int_member (row, "operator_id", sp_statement_get_int (stmt, 4));
      set_text_member (row, "operator_uuid", sp_statement_get_text (stmt, 5));
      json_object_set_string_member (row, "action", sp_statement_get_text (stmt, 6));
      set_text_member (row, "subject_uuid", sp_statement_get_text (stmt, 7));
      json_object_set_string_member (row, "details", sp_statement_get_text (stmt, 8));
      json_object_set_string_member (row, "prev_hash", sp_statement_get_text (stmt, 9));
      json_object_set_string_member (row, "hash", sp_statement_get_text (stmt, 10));
      json_array_add_object_element (rows, row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
