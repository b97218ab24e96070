/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-signature.c — GLib's HMAC-SHA256 over a fixed domain and the
 * payload body
 *
 *   key id     20 bits of HMAC(secret, fixed text), which tells a receipt
 *              from another installation from a tampered one
 *   signature  HMAC-SHA256(secret, domain ‖ everything before it),
 *              truncated to 80 bits, in base32
 */
#define G_LOG_DOMAIN "sp-receipt-signature"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "sp-receipt-payload-private.h"
#include "sp-receipt-signature.h"

#define MAC_DOMAIN         "sportello-receipt-v1\n"
#define KEY_ID_DOMAIN      "sportello-receipt-key-id"

static void
hmac_sha256 (GBytes     *secret,
             const char *domain,
             const char *message,
             guint8      out[32])
{
  g_autoptr(GHmac) hmac = NULL;
  gsize key_length = 0;
  const guint8 *key = g_bytes_get_data (secret, &key_length);
  gsize out_length = 32;

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  g_hmac_update (hmac, (const guchar *) domain, -1);
  if (message != NULL)
    g_hmac_update (hmac, (const guchar *) message, -1);
  g_hmac_get_digest (hmac, out, &out_length);
  g_assert (out_length == 32);
}

char *
sp_receipt_key_id (GBytes *secret)
{
  guint8 digest[32];
  g_autofree char *encoded = NULL;

  hmac_sha256 (secret, KEY_ID_DOMAIN, NULL, digest);
  encoded = sp_receipt_base32_encode (digest, 5);
  sodium_memzero (digest, sizeof digest);
  return g_strndup (encoded, SP_RECEIPT_KEY_ID_CHARS);
}

static gboolean
check_secret (GBytes  *secret,
              GError **error)
{
  if (secret == NULL || g_bytes_get_size (secret) < 16)
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID,
                           _("The installation has no signing key: receipts cannot be signed or checked."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
authenticate (GBytes                  *secret,
              const SpReceiptPayload  *payload,
              const char              *body,
              const guint8             mac[SP_RECEIPT_MAC_BYTES],
              GError                 **error)
{
  g_autofree char *key_id = NULL;
  guint8 digest[32];
  int cmp;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  key_id = sp_receipt_key_id (secret);
  if (!g_str_equal (key_id, payload->key_id))
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_FOREIGN,
                           _("This receipt was issued by another Sportello installation, not by this office."));
      return FALSE;
    }

  hmac_sha256 (secret, MAC_DOMAIN, body, digest);
  cmp = sodium_memcmp (digest, mac, SP_RECEIPT_MAC_BYTES);
  sodium_memzero (digest, sizeof digest);

  if (cmp != 0)
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_TAMPERED,
                           _("This receipt is not authentic: its code was altered or copied wrongly."));
      return FALSE;
    }

  return TRUE;
}

char *
sp_receipt_payload_sign (GBytes        *secret,
                         SpReceiptKind  kind,
                         const char    *record_uuid,
                         const char    *date,
                         GError       **error)
{
  guint8 digest[32];
  g_autofree char *key_id = NULL;
  g_autofree char *mac_text = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_secret (secret, error))
    return NULL;

  key_id = sp_receipt_key_id (secret);
  body = sp_receipt_payload_encode_body (kind, record_uuid, date, key_id, error);
  if (body == NULL)
    return NULL;

  hmac_sha256 (secret, MAC_DOMAIN, body, digest);
  mac_text = sp_receipt_base32_encode (digest, SP_RECEIPT_MAC_BYTES);
  sodium_memzero (digest, sizeof digest);

  return g_strdup_printf ("%s-%s", body, mac_text);
}

SpReceiptPayload *
sp_receipt_payload_verify (GBytes      *secret,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autofree char *body = NULL;
  guint8 mac[SP_RECEIPT_MAC_BYTES];

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_secret (secret, error))
    return NULL;

  payload = sp_receipt_payload_decode (text, &body, mac, error);
  if (payload == NULL || !authenticate (secret, payload, body, mac, error))
    return NULL;

  return g_steal_pointer (&payload);
}
