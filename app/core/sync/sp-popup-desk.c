/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-popup-desk.c — the office's record of its pop-up desks and their keys */
#define G_LOG_DOMAIN "sp-popup-desk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sp-error.h"
#include "sp-popup-desk.h"
#include "sp-receipt-key-ring.h"
#include "sp-receipt-signature.h"
#include "sp-setting-keys.h"
#include "sp-statement.h"

#define RECEIPT_SECRET_BYTES 32

void
sp_popup_desk_keys_free (SpPopupDeskKeys *keys)
{
  if (keys == NULL)
    return;
  g_clear_pointer (&keys->sign_public_key, g_bytes_unref);
  g_clear_pointer (&keys->sign_secret_key, g_bytes_unref);
  g_clear_pointer (&keys->receipt_secret, g_bytes_unref);
  g_free (keys->receipt_key_id);
  g_free (keys);
}

static SpPopupDeskKeys *
load_keys (SpStore  *store,
           gint64    desk_id,
           GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) sealed_sign = NULL;
  g_autoptr(SpPopupDeskKeys) keys = g_new0 (SpPopupDeskKeys, 1);
  g_autofree guchar *public_key = NULL;
  gsize len = 0;

  stmt = sp_store_query (store, error,
                         "SELECT sign_public_key, sign_secret_key FROM popup_desks WHERE desk_id = ?1",
                         SP_INT (desk_id), SP_END);
  if (stmt == NULL)
    return NULL;
  if (!sp_statement_next (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  keys->desk_id = desk_id;
  public_key = g_base64_decode (sp_statement_get_text (stmt, 0), &len);
  keys->sign_public_key = g_bytes_new (public_key, len);
  sealed_sign = sp_statement_dup_bytes (stmt, 1);
  keys->sign_secret_key = sp_store_decrypt_secret (store, sealed_sign, error);
  if (keys->sign_secret_key == NULL)
    return NULL;
  keys->receipt_secret = sp_receipt_key_ring_for_desk (store, desk_id, &local_error);
  if (keys->receipt_secret == NULL)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                             _("The pop-up desk’s receipt key is missing from the key ring."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  keys->receipt_key_id = sp_receipt_key_id (keys->receipt_secret);
  return g_steal_pointer (&keys);
}

SpPopupDeskKeys *
sp_popup_desk_ensure_keys (SpStore  *store,
                           gint64    desk_id,
                           GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpPopupDeskKeys) keys = NULL;
  g_autoptr(GBytes) sealed_sign = NULL;
  g_autofree char *public_text = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 *sk, *receipt;
  gint64 now = sp_store_now ();

  g_return_val_if_fail (sp_store_in_transaction (store), NULL);

  keys = load_keys (store, desk_id, &local_error);
  if (keys != NULL)
    return g_steal_pointer (&keys);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (sodium_init () < 0)
    g_error ("libsodium cannot start");
  keys = g_new0 (SpPopupDeskKeys, 1);
  keys->desk_id = desk_id;
  sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair (pk, sk);
  keys->sign_public_key = g_bytes_new (pk, sizeof pk);
  keys->sign_secret_key = g_bytes_new_with_free_func (sk, crypto_sign_SECRETKEYBYTES, sodium_free, sk);
  receipt = sodium_malloc (RECEIPT_SECRET_BYTES);
  randombytes_buf (receipt, RECEIPT_SECRET_BYTES);
  keys->receipt_secret = g_bytes_new_with_free_func (receipt, RECEIPT_SECRET_BYTES, sodium_free, receipt);
  keys->receipt_key_id = sp_receipt_key_id (keys->receipt_secret);

  sealed_sign = sp_store_encrypt_secret (store, keys->sign_secret_key, error);
  if (sealed_sign == NULL || !sp_receipt_key_ring_add (store, desk_id, keys->receipt_secret, error))
    return NULL;
  public_text = g_base64_encode (pk, sizeof pk);
  if (sp_store_run (store, error,
                    "INSERT INTO popup_desks (desk_id, sign_public_key, sign_secret_key, enrolled_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?4)",
                    SP_INT (desk_id), SP_TEXT (public_text), SP_BYTES (sealed_sign), SP_INT (now), SP_END) < 0)
    return NULL;
  return g_steal_pointer (&keys);
}

char *
sp_popup_office_public_key (SpStore  *store,
                            GError  **error)
{
  g_autofree char *public_text = NULL;
  g_autofree char *sealed_text = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GBytes) sealed = NULL;
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 *sk;

  g_return_val_if_fail (sp_store_in_transaction (store), NULL);

  public_text = sp_store_get_setting (store, SP_SETTING_POPUP_BOX_PUBLIC);
  if (public_text != NULL)
    return g_steal_pointer (&public_text);

  if (sodium_init () < 0)
    g_error ("libsodium cannot start");
  sk = sodium_malloc (crypto_box_SECRETKEYBYTES);
  crypto_box_keypair (pk, sk);
  secret = g_bytes_new_with_free_func (sk, crypto_box_SECRETKEYBYTES, sodium_free, sk);
  sealed = sp_store_encrypt_secret (store, secret, error);
  if (sealed == NULL)
    return NULL;
  sealed_text = g_base64_encode (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  public_text = g_base64_encode (pk, sizeof pk);
  if (!sp_store_set_setting (store, SP_SETTING_POPUP_BOX_SECRET, sealed_text, error) ||
      !sp_store_set_setting (store, SP_SETTING_POPUP_BOX_PUBLIC, public_text, error))
    return NULL;
  return g_steal_pointer (&public_text);
}

GBytes *
sp_popup_desk_sign_public_key (SpStore  *store,
                               gint64    desk_id,
                               GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guchar *key = NULL;
  gsize len = 0;

  stmt = sp_store_query (store, error, "SELECT sign_public_key FROM popup_desks WHERE desk_id = ?1",
                         SP_INT (desk_id), SP_END);
  if (stmt == NULL)
    return NULL;
  if (!sp_statement_next (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  key = g_base64_decode (sp_statement_get_text (stmt, 0), &len);
  return g_bytes_new_take (g_steal_pointer (&key), len);
}

/* A secret kept in a setting, sealed under the installation secret and
 * base64-encoded; NULL (no error) when the setting is not set. */
static GBytes *
sealed_setting (SpStore     *store,
                const char  *key,
                GError     **error)
{
  g_autofree char *sealed_text = sp_store_get_setting (store, key);
  g_autofree guchar *sealed = NULL;
  g_autoptr(GBytes) box = NULL;
  gsize len = 0;

  if (sealed_text == NULL)
    return NULL;
  sealed = g_base64_decode (sealed_text, &len);
  box = g_bytes_new_take (g_steal_pointer (&sealed), len);
  return sp_store_decrypt_secret (store, box, error);
}

GBytes *
sp_popup_office_secret_key (SpStore  *store,
                            GError  **error)
{
  return sealed_setting (store, SP_SETTING_POPUP_BOX_SECRET, error);
}

GBytes *
sp_popup_laptop_sign_secret_key (SpStore  *store,
                                 GError  **error)
{
  return sealed_setting (store, SP_SETTING_POPUP_SIGN_SECRET, error);
}
