/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-popup.c — the office's copy of its pop-up desks' audit trails */
#define G_LOG_DOMAIN "sp-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-audit-popup.h"
#include "sp-audit-private.h"
#include "sp-error.h"

char *
sp_audit_popup_last_hash (SpStore  *store,
                          gint64    popup_desk_id,
                          GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error,
                         "SELECT hash FROM popup_audit WHERE popup_desk_id = ?1 ORDER BY id DESC LIMIT 1",
                         SP_INT (popup_desk_id), SP_END);
  if (stmt == NULL)
    return NULL;
  if (sp_statement_next (stmt, &local_error))
    return sp_statement_dup_text (stmt, 0);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_strdup (SP_AUDIT_GENESIS_HASH);
}

static const char *
text_member (JsonObject *row,
             const char *name)
{
  return json_object_get_string_member_with_default (row, name, NULL);
}

/* Whether row links to prev and its hash is its content's. */
static gboolean
check_row (JsonObject  *row,
           const char  *prev,
           guint        index,
           GError     **error)
{
  g_autofree char *computed = NULL;

  if (text_member (row, "uuid") == NULL || text_member (row, "action") == NULL ||
      text_member (row, "details") == NULL || text_member (row, "hash") == NULL ||
      g_strcmp0 (text_member (row, "prev_hash"), prev) != 0)
    {
      g_set_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN,
                   _("The pop-up desk’s audit trail is broken at its row %u: it does not follow the row before."),
                   index + 1);
      return FALSE;
    }
  computed = sp_audit_compute_hash (prev, text_member (row, "uuid"),
                                    json_object_get_int_member_with_default (row, "at", 0),
                                    json_object_get_int_member_with_default (row, "desk_id", 0),
                                    json_object_get_int_member_with_default (row, "operator_id", 0),
                                    text_member (row, "action"), text_member (row, "subject_uuid"),
                                    text_member (row, "details"));
  if (!g_str_equal (computed, text_member (row, "hash")))
    {
      g_set_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN,
                   _("The pop-up desk’s audit trail is broken at its row %u: its content was changed after it was "
                     "written."), index + 1);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_audit_popup_import (SpStore     *store,
                       gint64       popup_desk_id,
                       gint64       sequence,
                       const char  *prev_hash,
                       JsonArray   *rows,
                       GError     **error)
{
  g_autoptr(SpStatement) insert = NULL;
  const char *prev = prev_hash;

  g_return_val_if_fail (sp_store_in_transaction (store), FALSE);

  insert = sp_store_prepare (store,
                             "INSERT INTO popup_audit (popup_desk_id, sequence, uuid, at, laptop_desk_id, "
                             "laptop_operator_id, operator_id, action, subject_uuid, details, prev_hash, hash) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM operators WHERE uuid = ?7), ?8, ?9, "
                             "?10, ?11, ?12)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (row == NULL)
        {
          g_set_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN,
                       _("The pop-up desk’s audit trail is broken at its row %u: it does not follow the row before."),
                       i + 1);
          return FALSE;
        }
      if (!check_row (row, prev, i, error))
        return FALSE;
      sp_statement_bind (insert, SP_INT (popup_desk_id), SP_INT (sequence), SP_TEXT (text_member (row, "uuid")),
                         SP_INT (json_object_get_int_member_with_default (row, "at", 0)),
                         SP_INT (json_object_get_int_member_with_default (row, "desk_id", 0)),
                         SP_INT (json_object_get_int_member_with_default (row, "operator_id", 0)),
                         SP_TEXT (text_member (row, "operator_uuid")), SP_TEXT (text_member (row, "action")),
                         SP_TEXT (text_member (row, "subject_uuid")), SP_TEXT (text_member (row, "details")),
                         SP_TEXT (prev), SP_TEXT (text_member (row, "hash")), SP_END);
      if (!sp_statement_run (insert, error))
        return FALSE;
      prev = text_member (row, "hash");
    }
  return TRUE;
}

gboolean
sp_audit_popup_verify (SpStore  *store,
                       gint64    popup_desk_id,
                       guint64  *n_checked,
                       GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *prev = g_strdup (SP_AUDIT_GENESIS_HASH);
  guint count = 0;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  stmt = sp_store_query (store, error,
                         "SELECT uuid, at, laptop_desk_id, laptop_operator_id, action, subject_uuid, details, "
                         "prev_hash, hash FROM popup_audit WHERE popup_desk_id = ?1 ORDER BY id",
                         SP_INT (popup_desk_id), SP_END);
  if (stmt == NULL)
    return FALSE;
  while (sp_statement_next (stmt, &local_error))
    {
      g_autofree char *computed = sp_audit_compute_hash (prev, sp_statement_get_text (stmt, 0),
                                                         sp_statement_get_int (stmt, 1),
                                                         sp_statement_get_int (stmt, 2),
                                                         sp_statement_get_int (stmt, 3),
                                                         sp_statement_get_text (stmt, 4),
                                                         sp_statement_get_text (stmt, 5),
                                                         sp_statement_get_text (stmt, 6));

      if (g_strcmp0 (sp_statement_get_text (stmt, 7), prev) != 0 ||
          g_strcmp0 (sp_statement_get_text (stmt, 8), computed) != 0)
        {
          g_set_error (error, SP_AUDIT_ERROR, SP_AUDIT_ERROR_BROKEN,
                       _("The pop-up desk’s audit trail is broken at its row %u: its content was changed after it "
                         "was written."), count + 1);
          return FALSE;
        }
      g_free (prev);
      prev = g_steal_pointer (&computed);
      count++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (n_checked != NULL)
    *n_checked = count;
  return TRUE;
}

gboolean
sp_audit_popup_verify_all (SpStore  *store,
                           guint64  *n_checked,
                           GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GArray) desks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  guint64 total = 0;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  stmt = sp_store_query (store, error, "SELECT DISTINCT popup_desk_id FROM popup_audit ORDER BY popup_desk_id",
                         SP_END);
  if (stmt == NULL)
    return FALSE;
  while (sp_statement_next (stmt, &local_error))
    {
      gint64 desk_id = sp_statement_get_int (stmt, 0);

      g_array_append_val (desks, desk_id);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < desks->len; i++)
    {
      guint64 checked = 0;

      if (!sp_audit_popup_verify (store, g_array_index (desks, gint64, i), &checked, error))
        return FALSE;
      total += checked;
    }
  if (n_checked != NULL)
    *n_checked = total;
  return TRUE;
}
