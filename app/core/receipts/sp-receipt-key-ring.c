/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-key-ring.c — receipt keys other than this installation's own */
#define G_LOG_DOMAIN "sp-receipt-key-ring"

#include "config.h"

#include "sp-receipt-key-ring.h"
#include "sp-receipt-signature.h"
#include "sp-statement.h"

gboolean
sp_receipt_key_ring_add (SpStore  *store,
                         gint64    desk_id,
                         GBytes   *secret,
                         GError  **error)
{
  g_autofree char *key_id = sp_receipt_key_id (secret);
  g_autoptr(GBytes) sealed = NULL;

  g_return_val_if_fail (sp_store_in_transaction (store), FALSE);

  if (sp_store_query_int (store, 0, NULL, "SELECT count(*) FROM receipt_keys WHERE key_id = ?1",
                          SP_TEXT (key_id), SP_END) > 0)
    return TRUE;
  sealed = sp_store_encrypt_secret (store, secret, error);
  return sealed != NULL &&
         sp_store_run (store, error,
                       "INSERT INTO receipt_keys (key_id, desk_id, secret, added_at) VALUES (?1, ?2, ?3, ?4)",
                       SP_TEXT (key_id), SP_INT (desk_id), SP_BYTES (sealed), SP_INT (sp_store_now ()),
                       SP_END) >= 0;
}

static GBytes *
lookup (SpStore     *store,
        const char  *where,
        const char  *key_id,
        gint64       desk_id_in,
        gint64      *desk_id,
        GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT secret, desk_id FROM receipt_keys WHERE ", where, NULL);
  g_autoptr(SpStatement) stmt = sp_store_query (store, error, sql, SP_TEXT (key_id), SP_INT (desk_id_in), SP_END);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return NULL;
  if (!sp_statement_next (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (desk_id != NULL)
    *desk_id = sp_statement_get_int (stmt, 1);
  sealed = sp_statement_dup_bytes (stmt, 0);
  return sp_store_decrypt_secret (store, sealed, error);
}

GBytes *
sp_receipt_key_ring_lookup (SpStore     *store,
                            const char  *key_id,
                            gint64      *desk_id,
                            GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return lookup (store, "key_id = ?1", key_id, 0, desk_id, error);
}

GBytes *
sp_receipt_key_ring_for_desk (SpStore  *store,
                              gint64    desk_id,
                              GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return lookup (store, "desk_id = ?2 ORDER BY added_at LIMIT 1", NULL, desk_id, NULL, error);
}
