/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-tally.c — one click on a counter service: the tally row that counts it */

#define G_LOG_DOMAIN "sp-tally"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-counter-service.h"
#include "sp-tally.h"

typedef struct
{
  SpActor     actor;
  const char *uuid;
  const char *code;
} TallyAdd;

static gboolean
insert_tally (SpStore   *store,
              gpointer   user_data,
              GError   **error)
{
  TallyAdd *add = user_data;
  g_autoptr(SpCounterService) service = NULL;
  g_autofree char *uuid = NULL;

  /* Looked up in the transaction: a service deactivated meanwhile at
   * another desk is not counted. */
  service = sp_counter_service_lookup (store, add->code, error);
  if (service == NULL)
    return FALSE;
  if (!sp_counter_service_get_active (service))
    {
      g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INACTIVE,
                   /* Translators: %s is the name of a counter service */
                   _("“%s” is no longer in use and cannot be counted."),
                   sp_counter_service_get_display_name (service));
      return FALSE;
    }

  /* A click whose outcome the desk did not learn, made again, counts
   * once (sp-pending-write.h). */
  uuid = add->uuid != NULL ? g_strdup (add->uuid) : sp_store_new_uuid ();
  return sp_store_run (store, error,
                       "INSERT INTO tallies (uuid, counter_service_id, desk_id, operator_id, at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (uuid) DO NOTHING",
                       SP_TEXT (uuid), SP_INT (sp_counter_service_get_id (service)),
                       SP_ID (add->actor.desk_id), SP_ID (add->actor.operator_id),
                       SP_INT (sp_store_now ()), SP_END) >= 0;
}

gboolean
sp_tally_add (SpStore     *store,
              SpActor      actor,
              const char  *uuid,
              const char  *code,
              GError     **error)
{
  TallyAdd add = { actor, uuid, code };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  return sp_store_transaction (store, insert_tally, &add, error);
}

static const SpRowsColumn tally_travelling_columns[] = {
  SP_ROWS_COLUMN ("uuid", SP_ROWS_TEXT),
  { "counter_service_id", SP_ROWS_REF, "counter_services", "code", FALSE },
  SP_ROWS_DESK ("desk_id"),
  SP_ROWS_OPERATOR ("operator_id"),
  SP_ROWS_COLUMN ("at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("count", SP_ROWS_INT),
  SP_ROWS_END,
};

static const SpRowsTable tally_travelling_rows = {
  "tallies", "uuid", "at", NULL, "desk_id", SP_ROWS_MERGE_OWN_NEWER, tally_travelling_columns,
};

const SpRowsTable *
sp_tally_travelling_rows (void)
{
  return &tally_travelling_rows;
}
