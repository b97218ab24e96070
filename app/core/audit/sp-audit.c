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
#include "sp-error.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define HEAD_SETTING SP_SETTING_AUDIT_HEAD

static char *
compute_hash (const char *prev_hash,
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

gboolean
sp_audit_append (SpStore     *store,
                 SpActor      actor,
                 const char  *action,
                 const char  *subject_uuid,
                 const char  *details_json,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) last = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *hash = NULL;
  const char *details = details_json != NULL ? details_json : "{}";
  gint64 at = sp_store_now ();

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  last = sp_store_prepare (store, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", error);
  if (last == NULL)
    return FALSE;
  if (sqlite3_step (last) == SQLITE_ROW)
    prev_hash = sp_store_column_dup (last, 0);
  else
    prev_hash = g_strdup (GENESIS_HASH);

  hash = compute_hash (prev_hash, uuid, at, actor.desk_id, actor.operator_id,
                       action, subject_uuid, details);

  insert = sp_store_prepare (store,
                             "INSERT INTO audit (uuid, at, desk_id, operator_id, action, "
                             "subject_uuid, details, prev_hash, hash) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                             error);
  if (insert == NULL)
    return FALSE;

  sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 2, at);
  if (actor.desk_id > 0)
    sqlite3_bind_int64 (insert, 3, actor.desk_id);
  if (actor.operator_id > 0)
    sqlite3_bind_int64 (insert, 4, actor.operator_id);
  sqlite3_bind_text (insert, 5, action, -1, SQLITE_STATIC);
  sp_store_bind_text (insert, 6, subject_uuid);
  sqlite3_bind_text (insert, 7, details, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 8, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 9, hash, -1, SQLITE_STATIC);

  if (!sp_store_step_done (store, insert, error))
    return FALSE;

  return sp_store_set_setting (store, HEAD_SETTING, hash, error);
}

typedef struct
{
  SpActor     actor;
  const char *action;
  const char *subject_uuid;
  const char *details;
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

  if (change->sql != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = sp_store_prepare (store, change->sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, change->id);
      sp_store_bind_text (stmt, 2, change->text);
      sqlite3_bind_int64 (stmt, 3, change->number);
      sqlite3_bind_int64 (stmt, 4, sp_store_now ());
      if (!sp_store_step_done (store, stmt, error))
        return FALSE;
    }

  return sp_audit_append (store, change->actor, change->action, change->subject_uuid,
                          change->details, error);
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
  AuditedChange change = { actor, action, subject_uuid, details_json, sql, id, text, number };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  return sp_store_transaction (store, write_audited_change, &change, error);
}

gboolean
sp_audit_verify (SpStore  *store,
                 guint64  *n_checked,
                 gint64   *broken_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  g_autofree char *head = NULL;
  guint64 count = 0;
  gint64 last_id = 0;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (broken_id != NULL)
    *broken_id = 0;

  stmt = sp_store_prepare (store,
                           "SELECT id, uuid, at, coalesce (desk_id, 0), coalesce (operator_id, 0), "
                           "action, subject_uuid, details, prev_hash, hash FROM audit ORDER BY id",
                           error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 8);
      const char *hash = (const char *) sqlite3_column_text (stmt, 9);
      g_autofree char *computed = NULL;

      computed = compute_hash (expected_prev,
                               (const char *) sqlite3_column_text (stmt, 1),
                               sqlite3_column_int64 (stmt, 2),
                               sqlite3_column_int64 (stmt, 3),
                               sqlite3_column_int64 (stmt, 4),
                               (const char *) sqlite3_column_text (stmt, 5),
                               (const char *) sqlite3_column_text (stmt, 6),
                               (const char *) sqlite3_column_text (stmt, 7));

      if (g_strcmp0 (prev_hash, expected_prev) != 0)
        {
          if (broken_id != NULL)
            *broken_id = id;
          g_set_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN,
                       _("The audit trail is broken at row %lld: the row before it was changed or removed."),
                       (long long) id);
          return FALSE;
        }

      if (g_strcmp0 (hash, computed) != 0)
        {
          if (broken_id != NULL)
            *broken_id = id;
          g_set_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN,
                       _("The audit trail is broken at row %lld: its content was changed after it was written."),
                       (long long) id);
          return FALSE;
        }

      g_free (expected_prev);
      expected_prev = g_strdup (hash);
      last_id = id;
      count++;
    }

  if (rc != SQLITE_DONE)
    return sp_store_set_error (store, rc, error);

  head = sp_store_get_setting (store, HEAD_SETTING);
  if (head != NULL && g_strcmp0 (head, expected_prev) != 0)
    {
      if (broken_id != NULL)
        *broken_id = last_id + 1;
      g_set_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN,
                   _("The audit trail is broken after row %lld: its last rows were removed."),
                   (long long) last_id);
      return FALSE;
    }

  if (n_checked != NULL)
    *n_checked = count;

  return TRUE;
}
