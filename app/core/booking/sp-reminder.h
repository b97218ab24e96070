/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-reminder.h — the email that reminds a citizen of an appointment
 *
 * No-shows cost a slot someone else could have had; comuni answer with a
 * reminder 48 hours before, saying how to cancel. A booked appointment with
 * an email address gets one, queued in the outbox (sent, retried and
 * counted like every other email), at most once whichever desk queues it.
 * A citizen who booked in the last day has the receipt fresh in hand: they
 * are reminded only once a day has passed, if the appointment is still
 * ahead.
 */
#pragma once

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_REMINDER_HOURS_BEFORE       48
#define SP_REMINDER_QUIET_HOURS        24
#define SP_AUDIT_APPOINTMENT_REMINDERS "appointment-reminders"

/* Queues the reminders due at now, all in one transaction with one audit
 * row; *n_queued says how many (with dry_run, how many would be, and
 * nothing is written). */
gboolean sp_reminder_queue_due (SpStore     *store,
                                SpActor      actor,
                                gint64       now,
                                gboolean     dry_run,
                                guint       *n_queued,
                                GError     **error);

G_END_DECLS
