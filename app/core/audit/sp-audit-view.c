/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-view.c — filtered reading of the audit trail */
#define G_LOG_DOMAIN "sp-audit-view"

#include "config.h"

#include "sp-audit-view.h"
#include "sp-report.h"

void
sp_audit_entry_free (SpAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->desk);
  g_free (entry->operator);
  g_free (entry->action);
  g_free (entry->subject_uuid);
  g_free (entry->details);
  g_free (entry);
}

GPtrArray *
sp_audit_view_list (SpStore      *store,
                    const char   *operator_username,
                    const char   *action,
                    const GDate  *day,
                    guint         limit,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_audit_entry_free);
  gint64 start = G_MININT64, end = G_MAXINT64;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (day != NULL && g_date_valid (day))
    {
      GDate next = *day;

      g_date_add_days (&next, 1);
      start = sp_report_day_start (day);
      end = sp_report_day_start (&next);
    }

  stmt = sp_store_prepare (store,
                           "SELECT a.id, a.at, coalesce(d.name, ''), coalesce(o.username, ''), a.action, "
                           "a.subject_uuid, a.details FROM audit a "
                           "LEFT JOIN desks d ON d.id = a.desk_id "
                           "LEFT JOIN operators o ON o.id = a.operator_id "
                           "WHERE a.at >= ?1 AND a.at < ?2 "
                           "AND (?3 IS NULL OR o.username = ?3 COLLATE NOCASE) "
                           "AND (?4 IS NULL OR a.action = ?4) "
                           "ORDER BY a.id DESC LIMIT ?5", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  if (operator_username != NULL && *operator_username != '\0')
    sqlite3_bind_text (stmt, 3, operator_username, -1, SQLITE_TRANSIENT);
  if (action != NULL && *action != '\0')
    sqlite3_bind_text (stmt, 4, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpAuditEntry *e = g_new0 (SpAuditEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->at = sqlite3_column_int64 (stmt, 1);
      e->desk = sp_store_column_dup (stmt, 2);
      e->operator = sp_store_column_dup (stmt, 3);
      e->action = sp_store_column_dup (stmt, 4);
      e->subject_uuid = sp_store_column_dup (stmt, 5);
      e->details = sp_store_column_dup (stmt, 6);
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GStrv
sp_audit_view_actions (SpStore  *store,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = sp_store_prepare (store, "SELECT DISTINCT action FROM audit ORDER BY 1", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  return g_strv_builder_end (builder);
}
