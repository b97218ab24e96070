/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit.h — the append-only, hash-chained audit trail */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* Who did something: either may be 0 (the command-line tool, a failed
 * sign-in by an unknown name). */
typedef struct
{
  gint64 desk_id;
  gint64 operator_id;
} SpActor;

#define SP_ACTOR_SYSTEM ((SpActor) { 0, 0 })

/* Actions recorded from the foundation on. */
#define SP_AUDIT_SETUP               "setup"
#define SP_AUDIT_SIGN_IN             "sign-in"
#define SP_AUDIT_SIGN_IN_FAILED      "sign-in-failed"
#define SP_AUDIT_ACCOUNT_LOCKED      "account-locked"
#define SP_AUDIT_SIGN_OUT            "sign-out"
#define SP_AUDIT_LOCK                "lock"
#define SP_AUDIT_UNLOCK              "unlock"
#define SP_AUDIT_OPERATOR_ADD        "operator-add"
#define SP_AUDIT_OPERATOR_DEACTIVATE "operator-deactivate"
#define SP_AUDIT_OPERATOR_ACTIVATE   "operator-activate"
#define SP_AUDIT_OPERATOR_ROLE       "operator-role"
#define SP_AUDIT_OPERATOR_PASSWORD   "operator-password"
#define SP_AUDIT_DESK_ADD            "desk-add"
#define SP_AUDIT_OPERATORS_IMPORT    "operators-import"
#define SP_AUDIT_POPUP_ENROL         "popup-enrol"
#define SP_AUDIT_POPUP_JOIN          "popup-join"
#define SP_AUDIT_BUNDLE_EXPORT       "bundle-export"
#define SP_AUDIT_BUNDLE_IMPORT       "bundle-import"
#define SP_AUDIT_DESK_DEACTIVATE     "desk-deactivate"
#define SP_AUDIT_DESK_ACTIVATE       "desk-activate"
/* The other counter services: rename, shortcut and order are edits. */
#define SP_AUDIT_COUNTER_SERVICE_ADD        "counter-service-add"
#define SP_AUDIT_COUNTER_SERVICE_EDIT       "counter-service-edit"
#define SP_AUDIT_COUNTER_SERVICE_DEACTIVATE "counter-service-deactivate"
#define SP_AUDIT_COUNTER_SERVICE_ACTIVATE   "counter-service-activate"
#define SP_AUDIT_SETTINGS            "settings"

/* Appends one row. Must run inside the caller's transaction, so that the
 * action and its record commit together. details_json may be NULL. */
gboolean sp_audit_append (SpStore     *store,
                          SpActor      actor,
                          const char  *action,
                          const char  *subject_uuid,
                          const char  *details_json,
                          GError     **error);

/* Appends one row in a transaction of its own (joining the caller's, as
 * a savepoint, when there is one): for an action that changes nothing else. */
gboolean sp_audit_record (SpStore     *store,
                          SpActor      actor,
                          const char  *action,
                          const char  *subject_uuid,
                          const char  *details_json,
                          GError     **error);

/* One UPDATE of a record and its audit row, committed together or not at
 * all (sql NULL: the audit row alone, as sp_audit_record). The statement finds ?1 the record's id, ?2 text, ?3 number and ?4
 * the time (µs), and uses those it needs (binding a number it does not
 * use is harmless). */
gboolean sp_audit_update (SpStore     *store,
                          SpActor      actor,
                          const char  *action,
                          const char  *subject_uuid,
                          const char  *details_json,
                          const char  *sql,
                          gint64       id,
                          const char  *text,
                          gint64       number,
                          GError     **error);

/* Whether any row records this action (audit_action makes it a lookup,
 * not a scan); FALSE with error set when the trail cannot be read. */
gboolean sp_audit_has_action (SpStore     *store,
                              const char  *action,
                              GError     **error);

/* The desk of the last row recording action on subject_uuid (0 when none):
 * where a record was made, for a message to another desk. */
gint64   sp_audit_desk_of    (SpStore     *store,
                              const char  *action,
                              const char  *subject_uuid);

/* Walks the chain from the first row. On success sets *n_checked; on a
 * break returns FALSE with SP_AUDIT_ERROR_BROKEN naming the first broken
 * row, and sets *broken_id to it. */
gboolean sp_audit_verify (SpStore     *store,
                          guint64     *n_checked,
                          gint64      *broken_id,
                          GError     **error);

/* A pop-up laptop's rows after after_id (up to up_to_id, 0: the last), oldest first, as they are
 * written (its own desk and operator ids, which its hashes cover) with
 * each operator's uuid, for its bundle (sp-audit-popup.h keeps them at
 * the office). */
JsonArray *sp_audit_export_rows (SpStore     *store,
                                 gint64       after_id,
                                 gint64       up_to_id,
                                 GError     **error);

G_END_DECLS
