/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-maintenance.c — the background jobs of a running desk, each on its schedule */
#define G_LOG_DOMAIN "sp-maintenance"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cie-wait.h"
#include "sp-enum.h"
#include "sp-identification.h"
#include "sp-mailer.h"
#include "sp-maintenance.h"
#include "sp-outbox.h"
#include "sp-reminder.h"

/* Each message waits its own backoff in core, so a minute is only how
 * soon a message that is due leaves. */
#define OUTBOX_SECONDS     60
#define REMINDERS_SECONDS  60
#define RAO_EXPIRY_SECONDS (10 * 60)
/* The CIE wait is read once a day: an hourly look at the date notices a
 * new day soon enough on a desk left open overnight. */
#define CIE_WAIT_SECONDS   (60 * 60)
/* Twice a second: what another desk did shows here within a second. */
#define OTHER_DESKS_MS     500

struct _SpMaintenance
{
  GObject       parent_instance;

  /* owned references */
  SpStore      *store;
  GCancellable *cancellable;

  /* schedule */
  guint         outbox_id;
  guint         reminders_id;
  guint         rao_expiry_id;
  guint         cie_wait_id;
  guint         other_desks_id;
  gboolean      unreachable;
  char         *cie_wait_day;
  guint         n_sending;
};

G_DEFINE_FINAL_TYPE (SpMaintenance, sp_maintenance, G_TYPE_OBJECT)

enum {
  JOB_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_job_done (SpMaintenance    *self,
               SpMaintenanceJob  job,
               guint             changed,
               const GError     *error)
{
  if (error != NULL)
    g_message ("Background job “%s” failed: %s",
               sp_enum_to_nick (SP_TYPE_MAINTENANCE_JOB, job), error->message);
  g_signal_emit (self, signals[JOB_DONE], 0, job, changed, error);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (sp_store_now () / G_USEC_PER_SEC);

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Why messages stayed in the outbox, in words a clerk can act on. */
static GError *
new_unsent_error (SpMaintenance *self,
                  guint          n_failed)
{
  g_autoptr(SpMailerConfig) config = sp_mailer_config_load (self->store, NULL);

  if (!sp_mailer_config_is_complete (config))
    return g_error_new (SP_MAILER_ERROR, SP_MAILER_ERROR_NOT_CONFIGURED,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%u email stays in the outbox: no outgoing mail server is set up (Preferences, SPID).",
                                     "%u emails stay in the outbox: no outgoing mail server is set up (Preferences, SPID).",
                                     n_failed),
                        n_failed);

  return g_error_new (SP_MAILER_ERROR, SP_MAILER_ERROR_FAILED,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "%u email could not be sent: it stays in the outbox and will be retried.",
                                   "%u emails could not be sent: they stay in the outbox and will be retried.",
                                   n_failed),
                      n_failed);
}

static void
on_outbox_sent_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SpMaintenance) self = user_data;
  g_autoptr(GError) error = NULL;
  guint sent = 0, failed = 0;

  self->n_sending--;
  if (!sp_outbox_send_finish (result, &sent, &failed, &error))
    {
      /* Stopped at shutdown: nobody is left to tell. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
    }
  else if (failed > 0)
    error = new_unsent_error (self, failed);

  emit_job_done (self, SP_MAINTENANCE_OUTBOX, sent, error);
}

static void
send_outbox (SpMaintenance *self,
             gboolean       force)
{
  /* Off the main thread, with its own connection to the database. */
  self->n_sending++;
  sp_outbox_send_async (sp_store_get_path (self->store), force, self->cancellable,
                        on_outbox_sent_cb, g_object_ref (self));
}

static void
queue_reminders (SpMaintenance *self)
{
  g_autoptr(GError) error = NULL;
  guint queued = 0;

  sp_reminder_queue_due (self->store, SP_ACTOR_SYSTEM, sp_store_now (), FALSE, &queued, &error);
  emit_job_done (self, SP_MAINTENANCE_REMINDERS, queued, error);
}

static void
expire_rao (SpMaintenance *self)
{
  g_autoptr(GError) error = NULL;
  guint expired;

  expired = sp_identification_expire_due (self->store, sp_store_now (), &error);
  emit_job_done (self, SP_MAINTENANCE_RAO_EXPIRY, expired, error);
}

static void
read_cie_wait (SpMaintenance *self)
{
  g_autoptr(GError) error = NULL;
  gint64 changed;

  changed = sp_cie_wait_record_changes (self->store, sp_store_now (), &error);
  if (changed >= 0)
    {
      g_free (self->cie_wait_day);
      self->cie_wait_day = dup_today ();
    }
  emit_job_done (self, SP_MAINTENANCE_CIE_WAIT, MAX (changed, 0), error);
}

static void
look_at_other_desks (SpMaintenance *self)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  if (!sp_store_poll_changes (self->store, &changed, &error))
    {
      /* Said once, not twice a second. */
      if (!self->unreachable)
        emit_job_done (self, SP_MAINTENANCE_OTHER_DESKS, 0, error);
      self->unreachable = TRUE;
      return;
    }
  /* Back after being unreachable: the window says so, the views reload. */
  if (changed || self->unreachable)
    emit_job_done (self, SP_MAINTENANCE_OTHER_DESKS, 1, NULL);
  self->unreachable = FALSE;
}

static gboolean
on_other_desks_timeout_cb (gpointer user_data)
{
  look_at_other_desks (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_outbox_timeout_cb (gpointer user_data)
{
  SpMaintenance *self = user_data;

  /* A slow server must not pile up senders behind the lock. */
  if (self->n_sending == 0 && sp_outbox_count_unsent (self->store) > 0)
    send_outbox (self, FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_reminders_timeout_cb (gpointer user_data)
{
  queue_reminders (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_rao_expiry_timeout_cb (gpointer user_data)
{
  expire_rao (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_cie_wait_timeout_cb (gpointer user_data)
{
  SpMaintenance *self = user_data;
  g_autofree char *today = dup_today ();

  if (g_strcmp0 (today, self->cie_wait_day) != 0)
    read_cie_wait (self);
  return G_SOURCE_CONTINUE;
}

static void
sp_maintenance_dispose (GObject *object)
{
  SpMaintenance *self = (SpMaintenance *)object;

  sp_maintenance_stop (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_maintenance_parent_class)->dispose (object);
}

static void
sp_maintenance_finalize (GObject *object)
{
  SpMaintenance *self = (SpMaintenance *)object;

  g_free (self->cie_wait_day);

  G_OBJECT_CLASS (sp_maintenance_parent_class)->finalize (object);
}

static void
sp_maintenance_class_init (SpMaintenanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_maintenance_dispose;
  object_class->finalize = sp_maintenance_finalize;

  /* A job ran: how many things it changed (messages sent, reminders
   * queued, identifications expired, readings written) and, when it
   * failed or left work undone, why. */
  signals[JOB_DONE] =
    g_signal_new ("job-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  SP_TYPE_MAINTENANCE_JOB, G_TYPE_UINT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
sp_maintenance_init (SpMaintenance *self)
{
  self->cancellable = g_cancellable_new ();
}

SpMaintenance *
sp_maintenance_new (SpStore *store)
{
  SpMaintenance *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_MAINTENANCE, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
sp_maintenance_start (SpMaintenance *self)
{
  g_return_if_fail (SP_IS_MAINTENANCE (self));

  if (self->outbox_id != 0)
    return;

  /* A stopped maintenance may start again; what it sent before is done. */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }

  self->outbox_id = g_timeout_add_seconds (OUTBOX_SECONDS, on_outbox_timeout_cb, self);
  self->reminders_id = g_timeout_add_seconds (REMINDERS_SECONDS, on_reminders_timeout_cb, self);
  self->rao_expiry_id = g_timeout_add_seconds (RAO_EXPIRY_SECONDS, on_rao_expiry_timeout_cb, self);
  self->cie_wait_id = g_timeout_add_seconds (CIE_WAIT_SECONDS, on_cie_wait_timeout_cb, self);
  sp_maintenance_watch (self);

  /* The day's first reading of the wait, even on a day when nothing is
   * booked, and what expired while no desk was open. */
  expire_rao (self);
  read_cie_wait (self);
}

void
sp_maintenance_watch (SpMaintenance *self)
{
  g_return_if_fail (SP_IS_MAINTENANCE (self));

  if (self->other_desks_id == 0)
    self->other_desks_id = g_timeout_add (OTHER_DESKS_MS, on_other_desks_timeout_cb, self);
}

void
sp_maintenance_stop (SpMaintenance *self)
{
  g_return_if_fail (SP_IS_MAINTENANCE (self));

  g_clear_handle_id (&self->outbox_id, g_source_remove);
  g_clear_handle_id (&self->reminders_id, g_source_remove);
  g_clear_handle_id (&self->rao_expiry_id, g_source_remove);
  g_clear_handle_id (&self->cie_wait_id, g_source_remove);
  g_clear_handle_id (&self->other_desks_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
sp_maintenance_run (SpMaintenance    *self,
                    SpMaintenanceJob  job)
{
  g_return_if_fail (SP_IS_MAINTENANCE (self));

  switch (job)
    {
    case SP_MAINTENANCE_OUTBOX:
      send_outbox (self, TRUE);
      break;
    case SP_MAINTENANCE_REMINDERS:
      queue_reminders (self);
      break;
    case SP_MAINTENANCE_RAO_EXPIRY:
      expire_rao (self);
      break;
    case SP_MAINTENANCE_CIE_WAIT:
      read_cie_wait (self);
      break;
    case SP_MAINTENANCE_OTHER_DESKS:
      look_at_other_desks (self);
      break;
    default:
      g_return_if_reached ();
    }
}
