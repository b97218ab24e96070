/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-context.h — what every view needs: the store and the session
 *
 * One SpContext is passed to each window and page as a construct-only
 * property, instead of globals. The session is the desk and the signed-in
 * operator; "locked" hides personal data until the same operator signs in
 * again.
 */
#pragma once

#include "sp-audit.h"
#include "sp-desk.h"
#include "sp-maintenance.h"
#include "sp-operator.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_CONTEXT (sp_context_get_type ())

G_DECLARE_FINAL_TYPE (SpContext, sp_context, SP, CONTEXT, GObject)

SpContext  *sp_context_new            (SpStore     *store);
SpStore    *sp_context_get_store      (SpContext   *self);
SpDesk     *sp_context_get_desk       (SpContext   *self);
SpOperator *sp_context_get_operator   (SpContext   *self);
gboolean    sp_context_get_locked     (SpContext   *self);
/* The desk and operator doing things now, for the audit trail. */
SpActor     sp_context_get_actor      (SpContext   *self);
/* The application's background jobs; NULL without an application (tests). */
SpMaintenance *sp_context_get_maintenance (SpContext     *self);
void           sp_context_set_maintenance (SpContext     *self,
                                           SpMaintenance *maintenance);

/* Whether the database was filled by the demo (sportello-admin demo): its
 * audit trail says so. The sign-in then names the demo's operators. */
gboolean    sp_context_get_demo       (SpContext   *self);

/* Signs in at a desk. While locked, the same operator unlocks; another
 * operator ends the first one's session and starts their own. */
gboolean    sp_context_sign_in        (SpContext   *self,
                                       SpDesk      *desk,
                                       const char  *username,
                                       const char  *password,
                                       GError     **error);
void        sp_context_lock           (SpContext   *self);
void        sp_context_sign_out       (SpContext   *self);

/* Tells every view that shared data was edited, so that it reloads:
 * emits "changed" with what as its detail ("changed::counter-services"). */
void        sp_context_notify_changed (SpContext   *self,
                                       const char  *what);

/* The details of "changed". */
#define SP_CONTEXT_CHANGED_COUNTER_SERVICES "counter-services"

G_END_DECLS
