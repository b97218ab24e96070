/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-seal-group.h — Preferences → SPID: the comune's seal certificate
 *
 * Shows the seal AgID issued to the comune (subject, issuer, validity and
 * days left, policies, where the key is; the demo generator's seal marked
 * DEMO) and lets an administrator import a new one from a PKCS#12 file or
 * use a key on a PKCS#11 token. Administrators only.
 */
#pragma once

#include <adwaita.h>

#include "sp-context.h"

G_BEGIN_DECLS

/* The detail of SpContext::changed after a new seal was saved. */
#define SP_CONTEXT_CHANGED_SEAL "seal"

#define SP_TYPE_SEAL_GROUP (sp_seal_group_get_type ())

G_DECLARE_FINAL_TYPE (SpSealGroup, sp_seal_group, SP, SEAL_GROUP, AdwPreferencesGroup)

GtkWidget *sp_seal_group_new    (SpContext   *context);
/* Reads the seal from the store again. */
void       sp_seal_group_reload (SpSealGroup *self);

G_END_DECLS
