/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-popup-desk.h — the office's record of its pop-up desks and their keys
 *
 * The only module that writes popup_desks, and the office's key pair that
 * bundles are encrypted to. Each enrolled desk has a signing key pair
 * (crypto_sign: its bundles), sealed under the office's installation
 * secret, and a receipt key (its receipts' HMAC) in the office's key ring
 * (sp-receipt-key-ring.h): a newer enrolment file carries the same ones,
 * and every office desk verifies the laptop's receipts.
 */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  desk_id;
  GBytes *sign_public_key;   /* crypto_sign_PUBLICKEYBYTES */
  GBytes *sign_secret_key;   /* crypto_sign_SECRETKEYBYTES, wiped when freed */
  GBytes *receipt_secret;    /* 32 bytes, wiped when freed */
  char   *receipt_key_id;
} SpPopupDeskKeys;

void             sp_popup_desk_keys_free     (SpPopupDeskKeys *keys);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPopupDeskKeys, sp_popup_desk_keys_free)

/* Inside a transaction: the keys of desk_id, made and recorded the first
 * time it is enrolled. */
SpPopupDeskKeys *sp_popup_desk_ensure_keys   (SpStore          *store,
                                              gint64            desk_id,
                                              GError          **error);
/* Inside a transaction: the office's public key for bundles (base64),
 * the pair made the first time. */
char            *sp_popup_office_public_key  (SpStore          *store,
                                              GError          **error);

/* The public key desk_id signs its bundles with, or NULL (no error)
 * when it was never enrolled. */
GBytes          *sp_popup_desk_sign_public_key (SpStore        *store,
                                                gint64          desk_id,
                                                GError        **error);
/* The office's secret key for bundles (wiped when freed), or NULL (no
 * error) when it never enrolled a desk. */
GBytes          *sp_popup_office_secret_key    (SpStore        *store,
                                                GError        **error);

/* On a pop-up laptop: the key it signs its bundles with (wiped when
 * freed), or NULL (no error) when it never joined. */
GBytes          *sp_popup_laptop_sign_secret_key (SpStore      *store,
                                                  GError      **error);

G_END_DECLS
