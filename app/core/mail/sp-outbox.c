/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-outbox.c — email waiting to leave the desk */
#define G_LOG_DOMAIN "sp-outbox"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-error.h"
#include "sp-outbox.h"

void
sp_outbox_message_free (SpOutboxMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->uuid);
  g_free (message->subject_uuid);
  g_free (message->recipient);
  g_free (message->subject);
  g_free (message->last_error);
  g_free (message);
}

gint64
sp_outbox_backoff (guint attempts)
{
  gint64 seconds = SP_OUTBOX_FIRST_RETRY_SECONDS;

  for (guint i = 1; i < attempts && seconds < SP_OUTBOX_MAX_RETRY_SECONDS; i++)
    seconds *= 2;

  return MIN (seconds, SP_OUTBOX_MAX_RETRY_SECONDS);
}

char *
sp_outbox_enqueue (SpStore     *store,
                   const char  *subject_uuid,
                   const char  *recipient,
                   const char  *subject,
                   const char  *body,
                   const char  *attachment_name,
                   GBytes      *attachment,
                   GError     **error)
{
  g_autofree char *uuid = sp_store_new_uuid ();

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (recipient == NULL || *recipient == '\0')
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("The email has no recipient."));
      return NULL;
    }

  if (sp_store_run (store, error,
                    "INSERT INTO outbox (uuid, subject_uuid, recipient, subject, body, "
                    "attachment_name, attachment, created_at, next_attempt_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                    SP_TEXT (uuid), SP_TEXT (subject_uuid), SP_TEXT (recipient), SP_TEXT (subject),
                    SP_TEXT (body), SP_TEXT (attachment_name), SP_BYTES (attachment),
                    SP_INT (sp_store_now ()), SP_END) < 0)
    return NULL;

  return g_steal_pointer (&uuid);
}

char *
sp_outbox_requeue_first (SpStore     *store,
                         const char  *subject_uuid,
                         GError     **error)
{
  g_autofree char *uuid = sp_store_new_uuid ();
  gint64 changed;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (subject_uuid != NULL, NULL);

  changed = sp_store_run (store, error,
                          "INSERT INTO outbox (uuid, subject_uuid, recipient, subject, body, "
                          "attachment_name, attachment, created_at, next_attempt_at) "
                          "SELECT ?1, subject_uuid, recipient, subject, body, attachment_name, attachment, ?3, ?3 "
                          "FROM outbox WHERE subject_uuid = ?2 AND body <> '' "
                          "ORDER BY created_at, id LIMIT 1",
                          SP_TEXT (uuid), SP_TEXT (subject_uuid), SP_INT (sp_store_now ()), SP_END);
  if (changed < 0)
    return NULL;
  if (changed != 1)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                           _("The e-mail to send again is no longer kept: the retention period erased it."));
      return NULL;
    }
  return g_steal_pointer (&uuid);
}

#define MESSAGE_COLUMNS \
  "id, uuid, subject_uuid, recipient, subject, created_at, attempts, " \
  "next_attempt_at, coalesce(last_attempt_at, 0), last_error, coalesce(sent_at, 0)"

static SpOutboxMessage *
message_from_row (SpStatement *stmt)
{
  SpOutboxMessage *m = g_new0 (SpOutboxMessage, 1);

  m->id = sp_statement_get_int (stmt, 0);
  m->uuid = sp_statement_dup_text (stmt, 1);
  m->subject_uuid = sp_statement_dup_text (stmt, 2);
  m->recipient = sp_statement_dup_text (stmt, 3);
  m->subject = sp_statement_dup_text (stmt, 4);
  m->created_at = sp_statement_get_int (stmt, 5);
  m->attempts = sp_statement_get_int (stmt, 6);
  m->next_attempt_at = sp_statement_get_int (stmt, 7);
  m->last_attempt_at = sp_statement_get_int (stmt, 8);
  m->last_error = sp_statement_dup_text (stmt, 9);
  m->sent_at = sp_statement_get_int (stmt, 10);
  return m;
}

GPtrArray *
sp_outbox_list (SpStore   *store,
                gboolean   include_sent,
                GError   **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_outbox_message_free);
  g_autoptr(GError) local_error = NULL;

  stmt = sp_store_query (store, error,
                         "SELECT " MESSAGE_COLUMNS " FROM outbox "
                         "WHERE sent_at IS NULL OR ?1 <> 0 ORDER BY created_at DESC, id DESC",
                         SP_INT (include_sent), SP_END);
  if (stmt == NULL)
    return NULL;

  while (sp_statement_next (stmt, &local_error))
    g_ptr_array_add (list, message_from_row (stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&list);
}

guint
sp_outbox_count_unsent (SpStore *store)
{
  return (guint) sp_store_query_int (store, 0, NULL,
                                     "SELECT count(*) FROM outbox WHERE sent_at IS NULL", SP_END);
}

gint64
sp_outbox_erase_sent_before (SpStore     *store,
                             gint64       cutoff,
                             const char  *cutoff_day,
                             GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), -1);

  return sp_store_run_eraser (store,
                              "UPDATE outbox SET recipient = '" SP_ERASED_TEXT "', subject = '', body = '', "
                              "attachment = NULL, attachment_name = NULL, last_error = NULL "
                              "WHERE sent_at IS NOT NULL AND sent_at < ?1 "
                              "AND (recipient <> '" SP_ERASED_TEXT "' OR body <> '' OR attachment IS NOT NULL)",
                              cutoff, cutoff_day, error);
}

typedef struct
{
  gint64        id;
  const char   *uuid;
  gint64        now;
  guint         attempts;
  const GError *send_error;   /* NULL: sent */
} SendOutcome;

static gboolean
write_outcome (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  SendOutcome *outcome = user_data;
  g_autofree char *details = NULL;
  gint64 changed;

  if (outcome->send_error == NULL)
    changed = sp_store_run (store, error,
                            "UPDATE outbox SET attempts = ?2, last_attempt_at = ?3, sent_at = ?3, "
                            "last_error = NULL, claimed_until = NULL WHERE id = ?1",
                            SP_INT (outcome->id), SP_INT (outcome->attempts), SP_INT (outcome->now), SP_END);
  else
    changed = sp_store_run (store, error,
                            "UPDATE outbox SET attempts = ?2, last_attempt_at = ?3, "
                            "next_attempt_at = ?4, last_error = ?5, claimed_until = NULL WHERE id = ?1",
                            SP_INT (outcome->id), SP_INT (outcome->attempts), SP_INT (outcome->now),
                            SP_INT (outcome->now + sp_outbox_backoff (outcome->attempts) * G_USEC_PER_SEC),
                            SP_TEXT (outcome->send_error->message), SP_END);
  if (changed < 0)
    return FALSE;

  details = g_strdup_printf ("{\"attempts\":%u}", outcome->attempts);
  return sp_audit_append (store, SP_ACTOR_SYSTEM,
                          outcome->send_error == NULL ? SP_AUDIT_OUTBOX_SENT : SP_AUDIT_OUTBOX_FAILED,
                          outcome->uuid, details, error);
}

static gboolean
record_outcome (SpStore      *store,
                gint64        id,
                const char   *uuid,
                gint64        now,
                guint         attempts,
                const GError *send_error,
                GError      **error)
{
  SendOutcome outcome = { id, uuid, now, attempts, send_error };

  return sp_store_transaction (store, write_outcome, &outcome, error);
}

/* One sender at a time in a process: the timer, the Send button and a
 * completion may all ask at once, and a message must leave only once. */
static GMutex sending;

/* Takes the message for this desk until its claim runs out: FALSE in
 * *claimed when it was sent meanwhile, or another desk is sending it. One
 * UPDATE, so that of two desks asking at once one wins on either engine. */
static gboolean
claim_message (SpStore   *store,
               gint64     id,
               gint64     now,
               gboolean  *claimed,
               GError   **error)
{
  gint64 changed;

  changed = sp_store_run (store, error,
                          "UPDATE outbox SET claimed_until = ?2 "
                          "WHERE id = ?1 AND sent_at IS NULL AND coalesce (claimed_until, 0) < ?3",
                          SP_INT (id), SP_INT (now + SP_OUTBOX_CLAIM_SECONDS * G_USEC_PER_SEC),
                          SP_INT (now), SP_END);
  *claimed = changed == 1;
  return changed >= 0;
}

gboolean
sp_outbox_send_due (SpStore              *store,
                    const SpMailerConfig *config,
                    gint64                now,
                    gboolean              force,
                    guint                *n_sent,
                    guint                *n_failed,
                    GError              **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sending);
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  guint sent = 0, failed = 0;

  stmt = sp_store_query (store, error,
                         "SELECT id FROM outbox WHERE sent_at IS NULL AND (next_attempt_at <= ?1 OR ?2 <> 0) "
                         "ORDER BY created_at, id",
                         SP_INT (now), SP_INT (force), SP_END);
  if (stmt == NULL)
    return FALSE;
  while (sp_statement_next (stmt, &local_error))
    {
      gint64 id = sp_statement_get_int (stmt, 0);
      g_array_append_val (due, id);
    }
  g_clear_pointer (&stmt, sp_statement_free);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < due->len; i++)
    {
      g_autoptr(SpStatement) row = NULL;
      g_autoptr(GError) send_error = NULL;
      g_autoptr(GBytes) attachment = NULL;
      g_autofree char *uuid = NULL;
      g_autofree char *recipient = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;
      g_autofree char *attachment_name = NULL;
      guint attempts;
      gboolean claimed = FALSE;

      if (!claim_message (store, g_array_index (due, gint64, i), sp_store_now (), &claimed, error))
        return FALSE;
      /* Sent meanwhile, or being sent, by another desk: passed over. */
      if (!claimed)
        continue;

      row = sp_store_query (store, error,
                            "SELECT uuid, recipient, subject, body, attachment_name, attachment, attempts "
                            "FROM outbox WHERE id = ?1 AND sent_at IS NULL",
                            SP_INT (g_array_index (due, gint64, i)), SP_END);
      if (row == NULL)
        return FALSE;
      if (!sp_statement_next (row, NULL))
        continue;

      uuid = sp_statement_dup_text (row, 0);
      recipient = sp_statement_dup_text (row, 1);
      subject = sp_statement_dup_text (row, 2);
      body = sp_statement_dup_text (row, 3);
      attachment_name = sp_statement_dup_text (row, 4);
      attachment = sp_statement_dup_bytes (row, 5);
      attempts = sp_statement_get_int (row, 6) + 1;
      g_clear_pointer (&row, sp_statement_free);

      if (sp_mailer_send (config, recipient, subject, body, attachment_name, attachment, &send_error))
        sent++;
      else
        {
          failed++;
          g_message ("Outbox message %s not sent (attempt %u): %s", uuid, attempts, send_error->message);
        }

      if (!record_outcome (store, g_array_index (due, gint64, i), uuid, sp_store_now (),
                           attempts, send_error, error))
        return FALSE;
    }

  if (n_sent != NULL)
    *n_sent = sent;
  if (n_failed != NULL)
    *n_failed = failed;
  return TRUE;
}

typedef struct
{
  char     *db_path;
  gboolean  force;
  guint     n_sent;
  guint     n_failed;
} SendData;

static void
send_data_free (SendData *data)
{
  g_free (data->db_path);
  g_free (data);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendData *data = task_data;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpMailerConfig) config = NULL;
  GError *error = NULL;

  store = sp_store_open (data->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  config = sp_mailer_config_load (store, NULL);
  if (!sp_outbox_send_due (store, config, sp_store_now (), data->force,
                           &data->n_sent, &data->n_failed, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
sp_outbox_send_async (const char          *db_path,
                      gboolean             force,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SendData *data = g_new0 (SendData, 1);

  data->db_path = g_strdup (db_path);
  data->force = force;
  g_task_set_source_tag (task, sp_outbox_send_async);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  g_task_run_in_thread (task, send_thread);
}

gboolean
sp_outbox_send_finish (GAsyncResult  *result,
                       guint         *n_sent,
                       guint         *n_failed,
                       GError       **error)
{
  SendData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_sent != NULL)
    *n_sent = data->n_sent;
  if (n_failed != NULL)
    *n_failed = data->n_failed;
  return TRUE;
}

static const SpRowsColumn outbox_travelling_columns[] = {
  SP_ROWS_COLUMN ("uuid", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("subject_uuid", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("recipient", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("subject", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("body", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("attachment_name", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("attachment", SP_ROWS_BYTES),
  SP_ROWS_COLUMN ("created_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("next_attempt_at", SP_ROWS_INT),
  SP_ROWS_END,
};

static const SpRowsTable outbox_travelling_rows = {
  "outbox", "uuid", "created_at", "sent_at IS NULL", NULL, SP_ROWS_MERGE_OWN_NEWER, outbox_travelling_columns,
};

const SpRowsTable *
sp_outbox_travelling_rows (void)
{
  return &outbox_travelling_rows;
}
