/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-private.h — how an audit row's hash is made, for the office's
 * copy of its pop-up desks' trails (sp-audit-popup.c) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the first row of a trail links to. */
#define SP_AUDIT_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* SHA-256 (hex) over the previous row's hash and the row's content. */
char *sp_audit_compute_hash (const char *prev_hash,
                             const char *uuid,
                             gint64      at,
                             gint64      desk_id,
                             gint64      operator_id,
                             const char *action,
                             const char *subject_uuid,
                             const char *details);

G_END_DECLS
