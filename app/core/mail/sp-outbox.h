/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-outbox.h — email waiting to leave the desk
 *
 * Messages are queued in the database in the same transaction as the case
 * that produced them, sent through sp-mailer, retried with backoff while
 * the desk is offline, and never deleted because a send failed: the desk
 * and the supervisor see what is still unsent.
 */
#pragma once

#include "sp-store-rows.h"
#include <gio/gio.h>

#include "sp-audit.h"
#include "sp-mailer.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_AUDIT_OUTBOX_SENT   "outbox-sent"
#define SP_AUDIT_OUTBOX_FAILED "outbox-failed"

/* First retry after a minute, doubling, never more than an hour apart. */
#define SP_OUTBOX_FIRST_RETRY_SECONDS 60
#define SP_OUTBOX_MAX_RETRY_SECONDS   3600
/* How long a desk holds a message it is sending: longer than the mailer's
 * timeouts, so that only a desk that died lets it go to another. */
#define SP_OUTBOX_CLAIM_SECONDS       600

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *subject_uuid;
  char   *recipient;
  char   *subject;
  gint64  created_at;
  guint   attempts;
  gint64  next_attempt_at;
  gint64  last_attempt_at;
  char   *last_error;
  gint64  sent_at;        /* 0 while unsent */
} SpOutboxMessage;

void             sp_outbox_message_free   (SpOutboxMessage *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOutboxMessage, sp_outbox_message_free)

/* Seconds to wait after the given number of failed attempts. */
gint64           sp_outbox_backoff        (guint        attempts);

/* Queues a message, due now. Joins the caller's transaction. */
char            *sp_outbox_enqueue        (SpStore     *store,
                                           const char  *subject_uuid,
                                           const char  *recipient,
                                           const char  *subject,
                                           const char  *body,
                                           const char  *attachment_name,
                                           GBytes      *attachment,
                                           GError     **error);
/* Queues again, due now, a copy of the first message sent about
 * subject_uuid (body and attachment as they were); returns the new
 * message's uuid. Joins the caller's transaction. Fails when there is
 * none, or retention has erased it. */
char            *sp_outbox_requeue_first  (SpStore     *store,
                                           const char  *subject_uuid,
                                           GError     **error);
/* GPtrArray of SpOutboxMessage, newest first. */
GPtrArray       *sp_outbox_list           (SpStore     *store,
                                           gboolean     include_sent,
                                           GError     **error);
guint            sp_outbox_count_unsent   (SpStore     *store);

/* Retention: empties the messages sent before cutoff (µs), keeping the
 * rows that count them. Rows changed, or -1; in the caller's transaction. */
gint64           sp_outbox_erase_sent_before (SpStore    *store,
                                              gint64      cutoff,
                                              const char *cutoff_day,
                                              GError    **error);

/* Sends every message due at "now" (all unsent ones if force), records
 * each outcome. Returns FALSE only when the database fails. */
gboolean         sp_outbox_send_due       (SpStore              *store,
                                           const SpMailerConfig *config,
                                           gint64                now,
                                           gboolean              force,
                                           guint                *n_sent,
                                           guint                *n_failed,
                                           GError              **error);

/* The same in a GTask thread with its own connection to the database at
 * db_path; the result is the number of messages sent. */
void             sp_outbox_send_async     (const char          *db_path,
                                           gboolean             force,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean         sp_outbox_send_finish    (GAsyncResult        *result,
                                           guint               *n_sent,
                                           guint               *n_failed,
                                           GError             **error);

/* How the e-mails not sent yet: they leave from the office travel from a pop-up desk to the office (sp-store-rows.h). */
const SpRowsTable *sp_outbox_travelling_rows (void);

G_END_DECLS
