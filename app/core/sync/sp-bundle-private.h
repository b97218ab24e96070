/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle-private.h — the bundle's envelope and its tables, shared by
 * its export (sp-bundle-export.c) and its import (sp-bundle-import.c) */
#pragma once

#include "sp-bundle.h"
#include "sp-store-rows.h"

G_BEGIN_DECLS

#define SP_BUNDLE_FORMAT  "sportello-bundle"
#define SP_BUNDLE_VERSION 1

/* The tables a bundle carries, in the order they are imported (every
 * one after those it refers to), ended by NULL. */
typedef const SpRowsTable *(*SpBundleTableFunc) (void);
extern const SpBundleTableFunc sp_bundle_tables[];

typedef struct
{
  char   *desk_uuid;
  gint64  sequence;
  char   *office_key;   /* base64 */
  GBytes *file;
  gsize   header_end;   /* where the box starts; the signature ends the file */
} SpBundleEnvelope;

void              sp_bundle_envelope_free   (SpBundleEnvelope  *envelope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpBundleEnvelope, sp_bundle_envelope_free)

/* The file: payload sealed to office_key (base64), signed with
 * sign_secret. */
GBytes           *sp_bundle_envelope_seal   (const char        *desk_uuid,
                                             gint64             sequence,
                                             const char        *office_key,
                                             GBytes            *sign_secret,
                                             const char        *payload,
                                             GError           **error);
/* The header read, the sizes checked: TRUNCATED or ALTERED. */
SpBundleEnvelope *sp_bundle_envelope_read   (GBytes            *file,
                                             GError           **error);
/* ALTERED when the signature is not sign_public's. */
gboolean          sp_bundle_envelope_verify (SpBundleEnvelope  *envelope,
                                             GBytes            *sign_public,
                                             GError           **error);
/* The payload, or FOREIGN when the box is not for this key pair. */
char             *sp_bundle_envelope_open   (SpBundleEnvelope  *envelope,
                                             GBytes            *box_secret,
                                             GError           **error);

G_END_DECLS
