/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-closure.h — days the office or one desk takes no appointments
 *
 * A closure removes a single day or a range (inventory, training, the
 * August week) for the whole office or one desk; national holidays and the
 * patron's day need none, they are never open.
 */
#pragma once

#include <glib.h>

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_AUDIT_CLOSURE_ADD    "closure-add"
#define SP_AUDIT_CLOSURE_REMOVE "closure-remove"

typedef struct
{
  gint64  id;
  char   *uuid;
  gint64  desk_id;      /* 0: the whole office */
  char   *desk_name;    /* NULL for the whole office */
  char   *first_day;
  char   *last_day;
  char   *reason;
} SpClosure;

void        sp_closure_free   (SpClosure   *closure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpClosure, sp_closure_free)

/* From first_day to last_day (NULL: that day only), desk_id 0 for the
 * whole office. */
SpClosure  *sp_closure_add    (SpStore     *store,
                               SpActor      actor,
                               gint64       desk_id,
                               const char  *first_day,
                               const char  *last_day,
                               const char  *reason,
                               GError     **error);
gboolean    sp_closure_remove (SpStore     *store,
                               SpActor      actor,
                               gint64       closure_id,
                               GError     **error);
/* Closures ending on or after from_day (NULL: all): GPtrArray of SpClosure. */
GPtrArray  *sp_closure_list   (SpStore     *store,
                               const char  *from_day,
                               GError     **error);

G_END_DECLS
