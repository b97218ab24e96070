/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spid-token.h — AgID's sealed token for the RAO pubblico
 *
 * RAO-TOKEN.md §3–4: the ICRequestData (JSON) encrypted as a compact JWE
 * (dir, A256CBC-HS512) under the 64 bytes of SHA-512 of the activation
 * code, by libcjose; put in the encryptedData claim of a JWT whose other
 * claims say who issued it, for whom and until when; the JWT sealed with
 * RS256 by the comune's seal (GnuTLS, file key or PKCS#11 token), its
 * certificate in the x5c header. The token is that JWS in compact form,
 * one line, e-mailed to the citizen as "<uuid>_tuo_token.txt".
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-seal.h"

G_BEGIN_DECLS

#define SP_SPID_TOKEN_ERROR (sp_spid_token_error_quark ())

typedef enum
{
  SP_SPID_TOKEN_ERROR_FORMAT,      /* not a sealed token, or a claim is missing or wrong */
  SP_SPID_TOKEN_ERROR_SIGNATURE,   /* the seal does not verify */
  SP_SPID_TOKEN_ERROR_WRONG_CODE,  /* the code does not open it (or it was altered) */
  SP_SPID_TOKEN_ERROR_CODE,        /* not an activation code */
  SP_SPID_TOKEN_ERROR_FAILED,      /* encryption failed */
} SpSpidTokenError;

/* exp − iat: 30 days. */
#define SP_SPID_TOKEN_VALIDITY_SECONDS 2592000
#define SP_SPID_TOKEN_CONTENT_TYPE     "text/plain"

GQuark    sp_spid_token_error_quark (void);

/* "<uuid>_tuo_token.txt", the attachment's name. */
char     *sp_spid_token_file_name   (const char  *uuid);

/* The compact JWE of plaintext under code, and back. */
char     *sp_spid_token_encrypt     (const char  *code,
                                     const char  *plaintext,
                                     GError     **error);
char     *sp_spid_token_decrypt     (const char  *code,
                                     const char  *jwe,
                                     GError     **error);

/* The whole token for an ICRequestData object (sp-rao-request.h): its
 * info.id, info.issueInstant, info.issuer and fiscal number give the
 * claims; a fresh uuid the jti. Fails with SP_SPID_TOKEN_ERROR_CODE for a
 * code that is not an activation code, or with the seal's SpSealError
 * when the seal cannot sign (a PKCS#11 token or PIN that fails). */
char     *sp_spid_token_issue       (SpSeal      *seal,
                                     JsonNode    *request,
                                     const char  *code,
                                     GError     **error);

/* What a token holds, as an identity provider reads it. */
typedef struct
{
  JsonNode *header;        /* typ, alg, x5c */
  JsonNode *claims;        /* iss, sub, jti, iat, exp, fiscalNumber, encryptedData */
  JsonNode *request;       /* the ICRequestData, when a code was given */
  GBytes   *certificate;   /* x5c[0], DER */
} SpSpidTokenContents;

void      sp_spid_token_contents_free (SpSpidTokenContents *contents);

/* Checks the header, the claims and the RS256 signature with the x5c
 * certificate, then (code not NULL) opens encryptedData. */
SpSpidTokenContents *sp_spid_token_open (const char  *token,
                                         const char  *code,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSpidTokenContents, sp_spid_token_contents_free)

G_END_DECLS
