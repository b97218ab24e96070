/* sp-spid-token.c — the encrypted attachment sent to the citizen */
#define G_LOG_DOMAIN "sp-spid-token"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "sp-split-code.h"
#include "sp-spid-token.h"

G_DEFINE_QUARK (sp-spid-token-error-quark, sp_spid_token_error)

#define MAGIC_LEN  8
#define HEADER_LEN (MAGIC_LEN + 4 + 4 + crypto_pwhash_SALTBYTES + crypto_secretbox_NONCEBYTES)

static void
put_u32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
derive_key (guint8       *key,
            const char   *code,
            const guint8 *salt,
            guint32       opslimit,
            guint32       memlimit_kib,
            GError      **error)
{
  if (crypto_pwhash (key, crypto_secretbox_KEYBYTES, code, strlen (code), salt,
                     opslimit, (size_t) memlimit_kib * 1024,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_FAILED,
                           _("The key could not be derived: not enough memory."));
      return FALSE;
    }
  return TRUE;
}

GBytes *
sp_spid_token_encrypt (const char  *code,
                       GBytes      *plaintext,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  guint8 key[crypto_secretbox_KEYBYTES];
  const guint8 *data;
  gsize len;
  guint8 *out;
  gsize out_len;
  guint32 ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  guint32 mem = crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024;

  g_return_val_if_fail (plaintext != NULL, NULL);

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");

  clean = sp_split_code_normalize (code, NULL);
  if (clean == NULL)
    {
      g_set_error_literal (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_CODE,
                           _("The code is not a valid 12-character code."));
      return NULL;
    }

  data = g_bytes_get_data (plaintext, &len);
  out_len = HEADER_LEN + crypto_secretbox_MACBYTES + len;
  out = g_malloc (out_len);
  memcpy (out, SP_SPID_TOKEN_MAGIC, MAGIC_LEN);
  put_u32 (out + MAGIC_LEN, ops);
  put_u32 (out + MAGIC_LEN + 4, mem);
  randombytes_buf (out + MAGIC_LEN + 8, crypto_pwhash_SALTBYTES);
  randombytes_buf (out + MAGIC_LEN + 8 + crypto_pwhash_SALTBYTES, crypto_secretbox_NONCEBYTES);

  if (!derive_key (key, clean, out + MAGIC_LEN + 8, ops, mem, error))
    {
      g_free (out);
      return NULL;
    }

  crypto_secretbox_easy (out + HEADER_LEN, data, len,
                         out + MAGIC_LEN + 8 + crypto_pwhash_SALTBYTES, key);
  sodium_memzero (key, sizeof key);

  return g_bytes_new_take (out, out_len);
}

GBytes *
sp_spid_token_decrypt (const char  *code,
                       GBytes      *token,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  guint8 key[crypto_secretbox_KEYBYTES];
  const guint8 *data;
  gsize len;
  guint32 ops, mem;
  guint8 *out;
  gsize out_len;

  g_return_val_if_fail (token != NULL, NULL);

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");

  data = g_bytes_get_data (token, &len);
  if (len < HEADER_LEN + crypto_secretbox_MACBYTES ||
      memcmp (data, SP_SPID_TOKEN_MAGIC, MAGIC_LEN) != 0)
    {
      g_set_error_literal (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_FORMAT,
                           _("This file is not a Sportello identification attachment."));
      return NULL;
    }

  ops = get_u32 (data + MAGIC_LEN);
  mem = get_u32 (data + MAGIC_LEN + 4);
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > 16 ||
      mem < crypto_pwhash_MEMLIMIT_MIN / 1024 || mem > 1024 * 1024)
    {
      g_set_error_literal (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_FORMAT,
                           _("This file is not a Sportello identification attachment."));
      return NULL;
    }

  clean = sp_split_code_normalize (code, NULL);
  if (clean == NULL)
    {
      g_set_error_literal (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_CODE,
                           _("The code is not a valid 12-character code."));
      return NULL;
    }

  if (!derive_key (key, clean, data + MAGIC_LEN + 8, ops, mem, error))
    return NULL;

  out_len = len - HEADER_LEN - crypto_secretbox_MACBYTES;
  out = g_malloc (out_len + 1);
  if (crypto_secretbox_open_easy (out, data + HEADER_LEN, len - HEADER_LEN,
                                  data + MAGIC_LEN + 8 + crypto_pwhash_SALTBYTES, key) != 0)
    {
      sodium_memzero (key, sizeof key);
      g_free (out);
      g_set_error_literal (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_WRONG_CODE,
                           _("The code does not open this attachment."));
      return NULL;
    }
  sodium_memzero (key, sizeof key);
  out[out_len] = '\0';

  return g_bytes_new_take (out, out_len);
}
