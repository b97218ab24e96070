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

  body = g_strdup_printf (sp_receipt_translate (REMINDER_LANGUAGE,
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
  subject = g_strdup_printf (sp_receipt_translate (REMINDER_LANGUAGE, N_("Reminder of your appointment on %s")),
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
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  GDate day;
  int rc;

  sp_date_from_time (now, &day);
  first_day = sp_date_to_iso (&day);
  sp_date_from_time (now + SP_REMINDER_HOURS_BEFORE * HOUR_US, &day);
  last_day = sp_date_to_iso (&day);

  /* The days cut the search short; the exact hours are checked below. */
  select = sp_store_prepare (store,
                             "SELECT uuid FROM appointments WHERE day >= ?1 AND day <= ?2 "
                             "AND kind = 'booked' AND state = 'booked' AND reminder_queued_at IS NULL "
                             "AND coalesce(email, '') <> '' AND created_at <= ?3 ORDER BY day, start_minute",
                             error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_text (select, 1, first_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (select, 2, last_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (select, 3, now - SP_REMINDER_QUIET_HOURS * HOUR_US);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(SpAppointment) a = sp_appointment_load (store, (const char *) sqlite3_column_text (select, 0), error);
      g_autofree char *recipient = NULL;
      gint64 start;

      if (a == NULL)
        return NULL;
      start = sp_appointment_get_start_time (a);
      recipient = sp_contact_normalize_email (sp_appointment_get_email (a), NULL);
      /* An address the desk could not use is not an error: nothing to send. */
      if (start > now && start - now <= SP_REMINDER_HOURS_BEFORE * HOUR_US && recipient != NULL)
        g_ptr_array_add (due, g_steal_pointer (&a));
    }
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&due);
}

gboolean
sp_reminder_queue_due (SpStore   *store,
                       SpActor    actor,
                       gint64     now,
                       gboolean   dry_run,
                       guint     *n_queued,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *details = NULL;
  guint queued = 0;

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

  if (!sp_store_begin (store, error))
    return FALSE;
  /* Marked first, and only if still unmarked: another desk may have
   * queued the same reminder since the list was read. */
  mark = sp_store_prepare (store, "UPDATE appointments SET reminder_queued_at = ?1 "
                                  "WHERE uuid = ?2 AND reminder_queued_at IS NULL", error);
  if (mark == NULL)
    goto fail;
  for (guint i = 0; i < due->len; i++)
    {
      SpAppointment *a = g_ptr_array_index (due, i);

      sqlite3_reset (mark);
      sqlite3_bind_int64 (mark, 1, now);
      sqlite3_bind_text (mark, 2, sp_appointment_get_uuid (a), -1, SQLITE_TRANSIENT);
      if (!sp_store_step_done (store, mark, error))
        goto fail;
      if (sqlite3_changes (sp_store_get_handle (store)) == 0)
        continue;
      if (!queue_one (store, a, error))
        goto fail;
      queued++;
    }

  if (queued > 0)
    {
      details = g_strdup_printf ("{\"count\":%u}", queued);
      if (!sp_audit_append (store, actor, SP_AUDIT_APPOINTMENT_REMINDERS, NULL, details, error))
        goto fail;
    }
  if (!sp_store_commit (store, error))
    goto fail;
  *n_queued = queued;
  return TRUE;

fail:
  sp_store_rollback (store);
  return FALSE;
}
