/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-maintenance.h — the background jobs of a running desk
 *
 * A desk left open keeps a few things going that no clerk asks for: the
 * outbox is retried while anything is unsent, appointment reminders are
 * queued as they fall due, RAO identifications past their deadline expire,
 * and the wait for a CIE slot is read once a day. They belong to the
 * application, never to a view: SpApplication owns one SpMaintenance,
 * reachable through sp_context_get_maintenance(). Each job keeps its own
 * schedule; "job-done" tells whoever shows its effect (the outbox count…).
 */
#pragma once

#include "sp-core-enums.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_MAINTENANCE_OUTBOX,     /*< nick=outbox >*/
  SP_MAINTENANCE_REMINDERS,  /*< nick=reminders >*/
  SP_MAINTENANCE_RAO_EXPIRY, /*< nick=rao-expiry >*/
  SP_MAINTENANCE_CIE_WAIT,   /*< nick=cie-wait >*/
  /* Not a job that changes anything: a look, twice a second, at whether
   * another desk changed something, for the views to show it. */
  SP_MAINTENANCE_OTHER_DESKS, /*< nick=other-desks >*/
} SpMaintenanceJob;

#define SP_TYPE_MAINTENANCE (sp_maintenance_get_type ())

G_DECLARE_FINAL_TYPE (SpMaintenance, sp_maintenance, SP, MAINTENANCE, GObject)

SpMaintenance *sp_maintenance_new   (SpStore          *store);
/* Each job on its own schedule: the outbox every minute while anything is
 * unsent, reminders every minute, RAO expiry at once and every 10 minutes,
 * the CIE wait at once and then once a day; the other desks' changes
 * twice a second. */
void           sp_maintenance_start (SpMaintenance    *self);
/* Only the look at the other desks' changes: a waiting-room screen, which
 * sends and expires nothing. */
void           sp_maintenance_watch (SpMaintenance    *self);
void           sp_maintenance_stop  (SpMaintenance    *self);
/* Runs one job now (tests; "Send now", which sends every unsent message
 * whatever its backoff); the outbox one sends in a thread. "job-done"
 * (job, changed, error or NULL) follows each run. */
void           sp_maintenance_run   (SpMaintenance    *self,
                                     SpMaintenanceJob  job);

G_END_DECLS
