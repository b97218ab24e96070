/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-operator.h — the people who work at the desks, and signing them in */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-audit.h"
#include "sp-setting-keys.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_ROLE_CLERK,      /*< nick=clerk >*/
  SP_ROLE_SUPERVISOR, /*< nick=supervisor >*/
  SP_ROLE_ADMIN,      /*< nick=admin >*/
} SpRole;

#define SP_DEFAULT_LOCKOUT_MINUTES 15
#define SP_MAX_FAILED_ATTEMPTS      3

#define SP_TYPE_OPERATOR (sp_operator_get_type ())

G_DECLARE_FINAL_TYPE (SpOperator, sp_operator, SP, OPERATOR, GObject)

gint64       sp_operator_get_id             (SpOperator *self);
const char  *sp_operator_get_uuid           (SpOperator *self);
const char  *sp_operator_get_username       (SpOperator *self);
const char  *sp_operator_get_display_name   (SpOperator *self);
const char  *sp_operator_get_codice_fiscale (SpOperator *self);
SpRole       sp_operator_get_role           (SpOperator *self);
gboolean     sp_operator_get_active         (SpOperator *self);
gint64       sp_operator_get_locked_until   (SpOperator *self);
/* Supervisors and admins see Supervision; only admins manage people. */
gboolean     sp_operator_can_supervise      (SpOperator *self);
gboolean     sp_operator_is_admin           (SpOperator *self);

const char  *sp_role_to_string              (SpRole      role);
gboolean     sp_role_from_string            (const char *text,
                                             SpRole     *out_role);
const char  *sp_role_get_label              (SpRole      role);

/* A GListModel of SpOperator, by display name. */
GListModel  *sp_operator_list               (SpStore     *store,
                                             gboolean     include_inactive,
                                             GError     **error);
SpOperator  *sp_operator_lookup             (SpStore     *store,
                                             const char  *username,
                                             GError     **error);
SpOperator  *sp_operator_lookup_by_id       (SpStore     *store,
                                             gint64       id,
                                             GError     **error);
/* The operator whose codice fiscale this is, if any (an operator cannot
 * identify themselves at the desk). */
SpOperator  *sp_operator_find_by_codice_fiscale (SpStore    *store,
                                                 const char *codice_fiscale);

/* Every operator as a pop-up desk's enrolment carries them: uuid,
 * username, names, role, whether active, and the password hash (never a
 * password): a JSON array of objects. */
JsonArray   *sp_operator_export_accounts    (SpStore     *store,
                                             GError     **error);
/* On a pop-up desk: the office's operators (sp_operator_export_accounts),
 * added or brought up to date by uuid, in one audited change. */
gboolean     sp_operator_import_accounts    (SpStore     *store,
                                             SpActor      actor,
                                             JsonArray   *accounts,
                                             GError     **error);

SpOperator  *sp_operator_add                (SpStore     *store,
                                             SpActor      actor,
                                             const char  *username,
                                             const char  *display_name,
                                             const char  *codice_fiscale,
                                             SpRole       role,
                                             const char  *password,
                                             GError     **error);
gboolean     sp_operator_set_active         (SpStore     *store,
                                             SpActor      actor,
                                             SpOperator  *self,
                                             gboolean     active,
                                             GError     **error);
gboolean     sp_operator_set_role           (SpStore     *store,
                                             SpActor      actor,
                                             SpOperator  *self,
                                             SpRole       role,
                                             GError     **error);
/* Also clears a lockout. */
gboolean     sp_operator_reset_password     (SpStore     *store,
                                             SpActor      actor,
                                             SpOperator  *self,
                                             const char  *password,
                                             GError     **error);

/* Checks the password, counting failures: the third wrong one locks the
 * account for the configured minutes. Every attempt is audited. */
SpOperator  *sp_operator_authenticate       (SpStore     *store,
                                             gint64       desk_id,
                                             const char  *username,
                                             const char  *password,
                                             GError     **error);

G_END_DECLS
