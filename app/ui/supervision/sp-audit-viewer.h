/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-viewer.h — the audit trail for supervisors: the newest rows,
 * filtered by operator, action and day, and a check that the hash chain
 * still holds */
#pragma once

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_AUDIT_VIEWER (sp_audit_viewer_get_type ())

G_DECLARE_FINAL_TYPE (SpAuditViewer, sp_audit_viewer, SP, AUDIT_VIEWER, SpPage)

GtkWidget *sp_audit_viewer_new (SpContext *context);

G_END_DECLS
