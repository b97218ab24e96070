/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reminder.c — the email that reminds a citizen of an appointment */
#define G_LOG_DOMAIN "sp-reminder"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-appointment.h"
#include "sp-contact.h"
#include "sp-holidays.h"
#include "sp-outbox.h"
#include "sp-receipt.h"
#include "sp-reminder.h"
#include "sp-setup.h"

#define HOUR_US ((gint64) 3600 * G_USEC_PER_SEC)

/* The reminder is in Italian, like every email to citizens that has no
 * language of its own: the appointment does not record one. */
#define REMINDER_LANGUAGE "it"

typedef struct
{
  SpActor     actor;
  gint64      now;
  GPtrArray  *due;      /* SpAppointment */
  guint       queued;   /* out */
} Reminders;

static char *
format_day (const char *iso)
{
  GDate date;
  char text[32] = "";

  if (!sp_date_parse_iso (iso, &date))
    return g_strdup (iso);
  g_date_strftime (text, sizeof text, "%d/%m/%Y", &date);
  return g_strdup (text);
}

static gboolean
queue_one (SpStore        *store,
           SpAppointment  *a,
           GError        **error)
{
  g_autofree char *recipient = sp_contact_normalize_email (sp_appointment_get_email (a), NULL);
  g_autofree char *comune = sp_store_get_setting (store, SP_SETTING_COMUNE_NAME);
  g_autofree char *address = sp_store_get_setting (store, SP_SETTING_OFFICE_ADDRESS);
  g_autofree char *name = sp_appointment_dup_display_name (a);
  g_autofree char *day = format_day (sp_appointment_get_day (a));
  g_autofree char *time = sp_minute_format (sp_appointment_get_start_minute (a));
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *uuid = NULL;

  if (address == NULL || *address == '\0')
    {
      g_free (address);
      address = sp_store_get_setting (store, SP_SETTING_COMUNE_ADDRESS);
    }

  body = g_strdup_printf (sp_catalogue_translate (REMINDER_LANGUAGE,
                            N_("Dear %s,\n\n"
                               "we remind you of your appointment at the comune of %s:\n\n"
                               "%s\n"
                               "%s at %s, %s\n"
                               "%s\n\n"
                               "Bring the receipt you were given when you booked.\n\n"
                               "If you cannot come, call or write to the comune to cancel, "
                               "so that someone else can have the slot.\n")),
                          name, comune != NULL ? comune : "",
                          sp_appointment_get_service_name (a), day, time,
                          sp_appointment_get_desk_name (a), address != NULL ? address : "");
  /* Translators: the subject of the reminder email; %s is a date */
  subject = g_strdup_printf (sp_catalogue_translate (REMINDER_LANGUAGE, N_("Reminder of your appointment on %s")),
                             day);
  uuid = sp_outbox_enqueue (store, sp_appointment_get_uuid (a), recipient, subject, body,
                            NULL, NULL, error);
  return uuid != NULL;
}

/* The appointments due a reminder at now, read without locking the
 * database: most minutes there are none. */
static GPtrArray *
list_due (SpStore  *store,
          gint64    now,
          GError  **error)
{
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  GDate day;

  sp_date_from_time (now, &day);
  first_day = sp_date_to_iso (&day);
  sp_date_from_time (now + SP_REMINDER_HOURS_BEFORE * HOUR_US, &day);
  last_day = sp_date_to_iso (&day);

  /* The days cut the search short; the exact hours are checked below. */
  candidates = sp_appointment_list_unreminded (store, first_day, last_day,
                                               now - SP_REMINDER_QUIET_HOURS * HOUR_US, error);
  if (candidates == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(SpAppointment) a = g_list_model_get_item (candidates, i);
      g_autofree char *recipient = sp_contact_normalize_email (sp_appointment_get_email (a), NULL);
      gint64 start = sp_appointment_get_start_time (a);

      /* An address the desk could not use is not an error: nothing to send. */
      if (start > now && start - now <= SP_REMINDER_HOURS_BEFORE * HOUR_US && recipient != NULL)
        g_ptr_array_add (due, g_steal_pointer (&a));
    }
  return g_steal_pointer (&due);
}

static gboolean
queue_in_transaction (SpStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  Reminders *reminders = user_data;
  g_autofree char *details = NULL;

  /* A run may be a retry (sp_store_transaction): it counts afresh. */
  reminders->queued = 0;
  for (guint i = 0; i < reminders->due->len; i++)
    {
      SpAppointment *a = g_ptr_array_index (reminders->due, i);
      gboolean marked;

      /* Marked first: a reminder another desk queued meanwhile is skipped. */
      if (!sp_appointment_mark_reminder_queued (store, a, reminders->now, &marked, error))
        return FALSE;
      if (!marked)
        continue;
      if (!queue_one (store, a, error))
        return FALSE;
      reminders->queued++;
    }

  if (reminders->queued == 0)
    return TRUE;
  details = g_strdup_printf ("{\"count\":%u}", reminders->queued);
  return sp_audit_append (store, reminders->actor, SP_AUDIT_APPOINTMENT_REMINDERS, NULL, details, error);
}

gboolean
sp_reminder_queue_due (SpStore   *store,
                       SpActor    actor,
                       gint64     now,
                       gboolean   dry_run,
                       guint     *n_queued,
                       GError   **error)
{
  g_autoptr(GPtrArray) due = NULL;
  Reminders reminders;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  *n_queued = 0;
  due = list_due (store, now, error);
  if (due == NULL)
    return FALSE;
  if (dry_run || due->len == 0)
    {
      *n_queued = due->len;
      return TRUE;
    }

  reminders = (Reminders) { actor, now, due, 0 };
  if (!sp_store_transaction (store, queue_in_transaction, &reminders, error))
    return FALSE;
  *n_queued = reminders.queued;
  return TRUE;
}
