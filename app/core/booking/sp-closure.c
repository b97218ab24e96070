/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-closure.c — days the office or one desk takes no appointments */
#define G_LOG_DOMAIN "sp-closure"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-calendar-private.h"
#include "sp-cie-wait.h"
#include "sp-closure.h"

typedef struct
{
  SpActor     actor;
  gint64      desk_id;
  const char *first_day;
  const char *last_day;
  const char *reason;
  gint64      id;         /* out */
} ClosureAdd;

#define CLOSURE_SELECT \
  "SELECT c.id, c.uuid, coalesce (c.desk_id, 0), d.name, c.first_day, c.last_day, c.reason " \
  "FROM closures c LEFT JOIN desks d ON d.id = c.desk_id "

static gpointer
closure_from_row (SpStatement *stmt)
{
  SpClosure *c = g_new0 (SpClosure, 1);

  c->id = sp_statement_get_int (stmt, 0);
  c->uuid = sp_statement_dup_text (stmt, 1);
  c->desk_id = sp_statement_get_int (stmt, 2);
  c->desk_name = sp_statement_dup_text (stmt, 3);
  c->first_day = sp_statement_dup_text (stmt, 4);
  c->last_day = sp_statement_dup_text (stmt, 5);
  c->reason = sp_statement_dup_text (stmt, 6);
  return c;
}

static gboolean
add_closure (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  ClosureAdd *add = user_data;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;

  if (sp_store_run (store, error,
                    "INSERT INTO closures (uuid, desk_id, first_day, last_day, reason, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, coalesce (?5, ''), ?6)",
                    SP_TEXT (uuid), SP_ID (add->desk_id), SP_TEXT (add->first_day),
                    SP_TEXT (add->last_day), SP_TEXT (add->reason), SP_INT (sp_store_now ()), SP_END) < 0)
    return FALSE;
  add->id = sp_store_last_insert_id (store);

  details = g_strdup_printf ("{\"desk_id\":%" G_GINT64_FORMAT ",\"first_day\":\"%s\",\"last_day\":\"%s\"}",
                             add->desk_id, add->first_day, add->last_day);
  return sp_audit_append (store, add->actor, SP_AUDIT_CLOSURE_ADD, uuid, details, error);
}

void
sp_closure_free (SpClosure *closure)
{
  if (closure == NULL)
    return;
  g_free (closure->uuid);
  g_free (closure->desk_name);
  g_free (closure->first_day);
  g_free (closure->last_day);
  g_free (closure->reason);
  g_free (closure);
}

GPtrArray *
sp_closure_list (SpStore     *store,
                 const char  *from_day,
                 GError     **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error,
                         CLOSURE_SELECT "WHERE ?1 IS NULL OR c.last_day >= ?1 ORDER BY c.first_day, c.id",
                         SP_TEXT (from_day), SP_END);
  if (stmt == NULL)
    return NULL;
  return sp_calendar_collect_rows (stmt, closure_from_row, (GDestroyNotify) sp_closure_free, error);
}

SpClosure *
sp_closure_add (SpStore     *store,
                SpActor      actor,
                gint64       desk_id,
                const char  *first_day,
                const char  *last_day,
                const char  *reason,
                GError     **error)
{
  ClosureAdd add = { actor, desk_id, first_day, last_day != NULL ? last_day : first_day, reason, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_calendar_check_day (add.first_day, error) || !sp_calendar_check_day (add.last_day, error))
    return NULL;
  if (strcmp (add.last_day, add.first_day) < 0)
    {
      g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                           _("The closure ends before it starts."));
      return NULL;
    }

  if (!sp_store_transaction (store, add_closure, &add, error))
    return NULL;
  sp_cie_wait_note (store, sp_store_now ());

  return sp_store_lookup (store, CLOSURE_SELECT "WHERE c.id = ?1", NULL, add.id, closure_from_row,
                          _("The closure does not exist."), error);
}

gboolean
sp_closure_remove (SpStore  *store,
                   SpActor   actor,
                   gint64    closure_id,
                   GError  **error)
{
  return sp_calendar_delete_row (store, actor, "DELETE FROM closures WHERE id = ?1", closure_id,
                                 SP_AUDIT_CLOSURE_REMOVE, _("The closure does not exist."), error);
}
