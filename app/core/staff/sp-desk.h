/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-desk.h — the counters (and pop-up points) where operators work */
#pragma once

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_DESK_COUNTER, /*< nick=counter >*/
  SP_DESK_POPUP,   /*< nick=popup >*/
} SpDeskKind;

#define SP_TYPE_DESK (sp_desk_get_type ())

G_DECLARE_FINAL_TYPE (SpDesk, sp_desk, SP, DESK, GObject)

gint64       sp_desk_get_id         (SpDesk      *self);
const char  *sp_desk_get_uuid       (SpDesk      *self);
const char  *sp_desk_get_name       (SpDesk      *self);
SpDeskKind   sp_desk_get_kind       (SpDesk      *self);
gboolean     sp_desk_get_active     (SpDesk      *self);

const char  *sp_desk_kind_to_string (SpDeskKind   kind);
gboolean     sp_desk_kind_from_string (const char *text,
                                       SpDeskKind *out_kind);
const char  *sp_desk_kind_get_label (SpDeskKind   kind);

GListModel  *sp_desk_list           (SpStore     *store,
                                     gboolean     include_inactive,
                                     GError     **error);
SpDesk      *sp_desk_lookup         (SpStore     *store,
                                     const char  *name,
                                     GError     **error);
/* SP_STORE_ERROR_NOT_FOUND when no desk has that uuid. */
SpDesk      *sp_desk_lookup_by_uuid (SpStore     *store,
                                     const char  *uuid,
                                     GError     **error);
SpDesk      *sp_desk_lookup_by_id   (SpStore     *store,
                                     gint64       id,
                                     GError     **error);
SpDesk      *sp_desk_add            (SpStore     *store,
                                     SpActor      actor,
                                     const char  *name,
                                     SpDeskKind   kind,
                                     GError     **error);
/* The same desk as the office's, on a pop-up laptop: with its uuid, so
 * that the records the laptop brings back name it. */
SpDesk      *sp_desk_import         (SpStore     *store,
                                     SpActor      actor,
                                     const char  *uuid,
                                     const char  *name,
                                     SpDeskKind   kind,
                                     GError     **error);
gboolean     sp_desk_set_active     (SpStore     *store,
                                     SpActor      actor,
                                     SpDesk      *self,
                                     gboolean     active,
                                     GError     **error);

G_END_DECLS
