/* sp-spid-token.h — the encrypted attachment sent to the citizen
 *
 * The identification data travel by email encrypted with a key derived
 * from the full 12-character split code: Argon2id (crypto_pwhash) with a
 * random salt stored in the file, then XSalsa20-Poly1305
 * (crypto_secretbox_easy). Only someone holding both halves of the code —
 * the receipt and the email — can open it.
 *
 * File layout: "SPTOKEN1" | opslimit (u32 BE) | memlimit KiB (u32 BE) |
 * salt (16) | nonce (24) | ciphertext.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_SPID_TOKEN_ERROR (sp_spid_token_error_quark ())

typedef enum
{
  SP_SPID_TOKEN_ERROR_FORMAT,      /* not a Sportello attachment */
  SP_SPID_TOKEN_ERROR_WRONG_CODE,  /* the code does not open it (or it was altered) */
  SP_SPID_TOKEN_ERROR_CODE,        /* the code is not a valid split code */
  SP_SPID_TOKEN_ERROR_FAILED,      /* the key could not be derived (memory) */
} SpSpidTokenError;

#define SP_SPID_TOKEN_MAGIC "SPTOKEN1"
#define SP_SPID_TOKEN_CONTENT_TYPE "application/octet-stream"
#define SP_SPID_TOKEN_FILE_NAME "identificazione-spid.sptoken"

GQuark   sp_spid_token_error_quark (void);

GBytes  *sp_spid_token_encrypt     (const char  *code,
                                    GBytes      *plaintext,
                                    GError     **error);
GBytes  *sp_spid_token_decrypt     (const char  *code,
                                    GBytes      *token,
                                    GError     **error);

G_END_DECLS
