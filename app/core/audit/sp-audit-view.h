/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-view.h — reading the audit trail for the supervisors' viewer */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  at;            /* µs since the epoch */
  char   *desk;          /* desk name, or "" */
  char   *operator;      /* operator's username, or "" */
  char   *action;
  char   *subject_uuid;  /* or NULL */
  char   *details;       /* JSON */
} SpAuditEntry;

void       sp_audit_entry_free (SpAuditEntry *entry);

/* The newest rows first, at most limit; each filter may be NULL or empty:
 * operator (username, exact), action (exact), day (local, inclusive). */
GPtrArray *sp_audit_view_list  (SpStore      *store,
                                const char   *operator_username,
                                const char   *action,
                                const GDate  *day,
                                guint         limit,
                                GError      **error);

/* The distinct actions recorded, sorted. */
GStrv      sp_audit_view_actions (SpStore    *store,
                                  GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpAuditEntry, sp_audit_entry_free)

G_END_DECLS
