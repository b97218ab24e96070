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
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_audit_entry_free);
  g_autoptr(GError) local_error = NULL;
  gint64 start = G_MININT64, end = G_MAXINT64;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (day != NULL && g_date_valid (day))
    {
      GDate next = *day;

      g_date_add_days (&next, 1);
      start = sp_report_day_start (day);
      end = sp_report_day_start (&next);
    }

  /* An empty filter is no filter: bound as NULL. */
  if (operator_username != NULL && *operator_username == '\0')
    operator_username = NULL;
  if (action != NULL && *action == '\0')
    action = NULL;

  stmt = sp_store_query (store, error,
                         "SELECT a.id, a.at, coalesce(d.name, ''), coalesce(o.username, ''), a.action, "
                         "a.subject_uuid, a.details FROM audit a "
                         "LEFT JOIN desks d ON d.id = a.desk_id "
                         "LEFT JOIN operators o ON o.id = a.operator_id "
                         "WHERE a.at >= ?1 AND a.at < ?2 "
                         "AND (?3 IS NULL OR o.username = ?3 COLLATE NOCASE) "
                         "AND (?4 IS NULL OR a.action = ?4) "
                         "ORDER BY a.id DESC LIMIT ?5",
                         SP_INT (start), SP_INT (end), SP_TEXT (operator_username), SP_TEXT (action),
                         SP_INT (limit), SP_END);
  if (stmt == NULL)
    return NULL;

  while (sp_statement_next (stmt, &local_error))
    {
      SpAuditEntry *e = g_new0 (SpAuditEntry, 1);

      e->id = sp_statement_get_int (stmt, 0);
      e->at = sp_statement_get_int (stmt, 1);
      e->desk = sp_statement_dup_text (stmt, 2);
      e->operator = sp_statement_dup_text (stmt, 3);
      e->action = sp_statement_dup_text (stmt, 4);
      e->subject_uuid = sp_statement_dup_text (stmt, 5);
      e->details = sp_statement_dup_text (stmt, 6);
      g_ptr_array_add (list, e);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

GStrv
sp_audit_view_actions (SpStore  *store,
                       GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;

  stmt = sp_store_query (store, error, "SELECT DISTINCT action FROM audit ORDER BY 1", SP_END);
  if (stmt == NULL)
    return NULL;
  while (sp_statement_next (stmt, &local_error))
    g_strv_builder_add (builder, sp_statement_get_text (stmt, 0));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_strv_builder_end (builder);
}
