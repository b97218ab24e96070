/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spid-token.c — AgID's sealed token for the RAO pubblico */
#define G_LOG_DOMAIN "sp-spid-token"

#include "config.h"

#include <cjose/cjose.h>
#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "sp-activation-code.h"
#include "sp-spid-token.h"

G_DEFINE_QUARK (sp-spid-token-error-quark, sp_spid_token_error)

#define FISCAL_PREFIX "TINIT-"
#define KEY_LENGTH    64   /* SHA-512 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cjose_jwk_t, cjose_jwk_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cjose_jwe_t, cjose_jwe_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cjose_header_t, cjose_header_release)

static void
cjose_free (void *data)
{
  if (data != NULL)
    cjose_get_dealloc () (data);
}

static gboolean
fail (GError           **error,
      SpSpidTokenError   code,
      const char        *message)
{
  g_set_error_literal (error, SP_SPID_TOKEN_ERROR, code, message);
  return FALSE;
}

static gboolean
fail_format (GError     **error,
             const char  *message)
{
  return fail (error, SP_SPID_TOKEN_ERROR_FORMAT, message);
}

static gboolean
check_code (const char  *code,
            GError     **error)
{
  return sp_activation_code_validate (code, NULL) ||
         fail (error, SP_SPID_TOKEN_ERROR_CODE, _("This is not an activation code."));
}

/* ---- base64 ---------------------------------------------------------- */

/* Base64url without padding (RFC 7515 §2). */
static char *
base64url_encode (const guint8 *data,
                  gsize         len)
{
  char *text = g_base64_encode (data, len);
  gsize n = strlen (text);

  while (n > 0 && text[n - 1] == '=')
    text[--n] = '\0';
  for (char *p = text; *p != '\0'; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';

  return text;
}

static char *
base64url_encode_string (const char *text)
{
  return base64url_encode ((const guint8 *) text, strlen (text));
}

/* Base64url without padding, strictly: NULL when text holds anything else. */
static GBytes *
base64url_decode (const char *text,
                  gsize       len)
{
  g_autoptr(GString) standard = g_string_sized_new (len + 3);
  guchar *data;
  gsize size;

  if (len == 0 || len % 4 == 1)
    return NULL;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      g_string_append_c (standard, c);
    }
  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');

  data = g_base64_decode (standard->str, &size);
  return g_bytes_new_take (data, size);
}

/* Standard base64 with padding, strictly. */
static GBytes *
base64_decode_strict (const char *text)
{
  gsize len = strlen (text);
  gsize pad = 0;
  guchar *data;
  gsize size;

  if (len == 0 || len % 4 != 0)
    return NULL;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          pad++;
          continue;
        }
      if (pad > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return NULL;
    }
  if (pad > 2)
    return NULL;

  data = g_base64_decode (text, &size);
  return g_bytes_new_take (data, size);
}

/* ---- the JWE ----------------------------------------------------------- */

/* The oct key: the 64 bytes of SHA-512 over the UTF-8 code. */
static cjose_jwk_t *
create_key (const char *code)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA512);
  guint8 digest[KEY_LENGTH];
  gsize digest_len = sizeof digest;
  cjose_jwk_t *jwk;

  g_checksum_update (checksum, (const guchar *) code, strlen (code));
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_assert (digest_len == KEY_LENGTH);

  jwk = cjose_jwk_create_oct_spec (digest, digest_len, NULL);
  memset (digest, 0, sizeof digest);
  return jwk;
}

char *
sp_spid_token_file_name (const char *uuid)
{
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_strconcat (uuid, "_tuo_token.txt", NULL);
}

char *
sp_spid_token_encrypt (const char  *code,
                       const char  *plaintext,
                       GError     **error)
{
  g_autoptr(cjose_jwk_t) jwk = NULL;
  g_autoptr(cjose_header_t) header = NULL;
  g_autoptr(cjose_jwe_t) jwe = NULL;
  char *compact;
  char *result;

  g_return_val_if_fail (plaintext != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_code (code, error))
    return NULL;

  jwk = create_key (code);
  header = cjose_header_new (NULL);
  if (jwk == NULL || header == NULL ||
      !cjose_header_set (header, CJOSE_HDR_ALG, CJOSE_HDR_ALG_DIR, NULL) ||
      !cjose_header_set (header, CJOSE_HDR_ENC, CJOSE_HDR_ENC_A256CBC_HS512, NULL) ||
      (jwe = cjose_jwe_encrypt (jwk, header, (const guint8 *) plaintext,
                                strlen (plaintext), NULL)) == NULL ||
      (compact = cjose_jwe_export (jwe, NULL)) == NULL)
    {
      fail (error, SP_SPID_TOKEN_ERROR_FAILED,
            _("The identification data could not be encrypted."));
      return NULL;
    }

  result = g_strdup (compact);
  cjose_free (compact);
  return result;
}

char *
sp_spid_token_decrypt (const char  *code,
                       const char  *jwe_text,
                       GError     **error)
{
  g_autoptr(cjose_jwk_t) jwk = NULL;
  g_autoptr(cjose_jwe_t) jwe = NULL;
  cjose_header_t *header;
  const char *alg;
  const char *enc;
  guint8 *plain;
  size_t plain_len = 0;
  char *result;

  g_return_val_if_fail (jwe_text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_code (code, error))
    return NULL;

  jwe = cjose_jwe_import (jwe_text, strlen (jwe_text), NULL);
  if (jwe == NULL ||
      (header = cjose_jwe_get_protected (jwe)) == NULL ||
      (alg = cjose_header_get (header, CJOSE_HDR_ALG, NULL)) == NULL ||
      (enc = cjose_header_get (header, CJOSE_HDR_ENC, NULL)) == NULL ||
      !g_str_equal (alg, CJOSE_HDR_ALG_DIR) || !g_str_equal (enc, CJOSE_HDR_ENC_A256CBC_HS512))
    {
      fail_format (error, _("The encrypted data of the token are not a JWE with dir and A256CBC-HS512."));
      return NULL;
    }

  jwk = create_key (code);
  if (jwk == NULL)
    {
      fail (error, SP_SPID_TOKEN_ERROR_FAILED, _("The key of the activation code could not be made."));
      return NULL;
    }

  plain = cjose_jwe_decrypt (jwe, jwk, &plain_len, NULL);
  if (plain == NULL)
    {
      fail (error, SP_SPID_TOKEN_ERROR_WRONG_CODE,
            _("The activation code does not open this token: check both parts, the case of each letter and the symbols; or the token was altered."));
      return NULL;
    }

  if (!g_utf8_validate ((const char *) plain, plain_len, NULL) ||
      memchr (plain, '\0', plain_len) != NULL)
    {
      memset (plain, 0, plain_len);
      cjose_free (plain);
      fail_format (error, _("The encrypted data of the token are not text."));
      return NULL;
    }

  result = g_strndup ((const char *) plain, plain_len);
  memset (plain, 0, plain_len);
  cjose_free (plain);
  return result;
}

/* ---- issuing ------------------------------------------------------------ */

static JsonObject *
get_object_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int_member (JsonObject *object,
                const char *member,
                gint64     *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

/* What the claims take from an ICRequestData. */
typedef struct
{
  const char *id;
  gint64      issue_instant;
  const char *issuer_code;
  const char *issuer_reference;
  const char *fiscal_number;   /* with TINIT- */
} RequestSummary;

static gboolean
summarize_request (JsonNode       *request,
                   RequestSummary *summary)
{
  JsonObject *root = request != NULL && JSON_NODE_HOLDS_OBJECT (request)
                     ? json_node_get_object (request) : NULL;
  JsonObject *info = get_object_member (root, "info");
  JsonObject *issuer = get_object_member (info, "issuer");
  JsonObject *mandatory = get_object_member (get_object_member (root, "spidAttributes"),
                                             "mandatoryAttributes");

  summary->id = get_string_member (info, "id");
  summary->issuer_code = get_string_member (issuer, "issuerCode");
  summary->issuer_reference = get_string_member (issuer, "issuerInternalReference");
  summary->fiscal_number = get_string_member (mandatory, "fiscalNumber");

  return get_int_member (info, "issueInstant", &summary->issue_instant) &&
         summary->id != NULL && g_uuid_string_is_valid (summary->id) &&
         summary->issuer_code != NULL && *summary->issuer_code != '\0' &&
         summary->issuer_reference != NULL && *summary->issuer_reference != '\0' &&
         summary->fiscal_number != NULL &&
         g_str_has_prefix (summary->fiscal_number, FISCAL_PREFIX) &&
         summary->fiscal_number[strlen (FISCAL_PREFIX)] != '\0';
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* "c_i304" and "7" → "Y19pMzA0.Nw==". */
static char *
format_iss (const char *issuer_code,
            const char *reference)
{
  g_autofree char *code = g_base64_encode ((const guchar *) issuer_code, strlen (issuer_code));
  g_autofree char *ref = g_base64_encode ((const guchar *) reference, strlen (reference));

  return g_strconcat (code, ".", ref, NULL);
}

char *
sp_spid_token_issue (SpSeal      *seal,
                     JsonNode    *request,
                     const char  *code,
                     GError     **error)
{
  g_autoptr(JsonBuilder) header = json_builder_new ();
  g_autoptr(JsonBuilder) claims = json_builder_new ();
  g_autoptr(JsonNode) header_node = NULL;
  g_autoptr(JsonNode) claims_node = NULL;
  g_autoptr(GBytes) input_bytes = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *plaintext = NULL;
  g_autofree char *jwe = NULL;
  g_autofree char *x5c = NULL;
  g_autofree char *iss = NULL;
  g_autofree char *jti = NULL;
  g_autofree char *header_json = NULL;
  g_autofree char *claims_json = NULL;
  g_autofree char *header_b64 = NULL;
  g_autofree char *claims_b64 = NULL;
  g_autofree char *input = NULL;
  g_autofree char *signature_b64 = NULL;
  RequestSummary summary;
  GBytes *certificate;
  const guint8 *signature_data;
  gsize signature_len;

  g_return_val_if_fail (SP_IS_SEAL (seal), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!summarize_request (request, &summary))
    {
      fail_format (error, _("The identification data lack the identification’s id, time, comune, operator or codice fiscale."));
      return NULL;
    }

  plaintext = node_to_string (request);
  jwe = sp_spid_token_encrypt (code, plaintext, error);
  if (jwe == NULL)
    return NULL;

  certificate = sp_seal_get_certificate (seal);
  x5c = g_base64_encode (g_bytes_get_data (certificate, NULL), g_bytes_get_size (certificate));

  json_builder_begin_object (header);
  json_builder_set_member_name (header, "typ");
  json_builder_add_string_value (header, "JWT");
  json_builder_set_member_name (header, "alg");
  json_builder_add_string_value (header, "RS256");
  json_builder_set_member_name (header, "x5c");
  json_builder_begin_array (header);
  json_builder_add_string_value (header, x5c);
  json_builder_end_array (header);
  json_builder_end_object (header);
  header_node = json_builder_get_root (header);

  iss = format_iss (summary.issuer_code, summary.issuer_reference);
  jti = g_uuid_string_random ();

  json_builder_begin_object (claims);
  json_builder_set_member_name (claims, "iss");
  json_builder_add_string_value (claims, iss);
  json_builder_set_member_name (claims, "sub");
  json_builder_add_string_value (claims, summary.id);
  json_builder_set_member_name (claims, "jti");
  json_builder_add_string_value (claims, jti);
  json_builder_set_member_name (claims, "iat");
  json_builder_add_int_value (claims, summary.issue_instant);
  json_builder_set_member_name (claims, "exp");
  json_builder_add_int_value (claims, summary.issue_instant + SP_SPID_TOKEN_VALIDITY_SECONDS);
  json_builder_set_member_name (claims, "fiscalNumber");
  json_builder_add_string_value (claims, summary.fiscal_number + strlen (FISCAL_PREFIX));
  json_builder_set_member_name (claims, "encryptedData");
  json_builder_add_string_value (claims, jwe);
  json_builder_end_object (claims);
  claims_node = json_builder_get_root (claims);

  header_json = node_to_string (header_node);
  claims_json = node_to_string (claims_node);
  header_b64 = base64url_encode_string (header_json);
  claims_b64 = base64url_encode_string (claims_json);
  input = g_strconcat (header_b64, ".", claims_b64, NULL);

  input_bytes = g_bytes_new_static (input, strlen (input));
  signature = sp_seal_sign (seal, input_bytes, error);
  if (signature == NULL)
    return NULL;

  signature_data = g_bytes_get_data (signature, &signature_len);
  signature_b64 = base64url_encode (signature_data, signature_len);

  return g_strconcat (input, ".", signature_b64, NULL);
}

/* ---- reading ------------------------------------------------------------ */

void
sp_spid_token_contents_free (SpSpidTokenContents *contents)
{
  if (contents == NULL)
    return;

  g_clear_pointer (&contents->header, json_node_unref);
  g_clear_pointer (&contents->claims, json_node_unref);
  g_clear_pointer (&contents->request, json_node_unref);
  g_clear_pointer (&contents->certificate, g_bytes_unref);
  g_free (contents);
}

/* A JSON object from UTF-8 bytes, or NULL. */
static JsonNode *
parse_object (const char *text,
              gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!g_utf8_validate (text, len, NULL) || !json_parser_load_from_data (parser, text, len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_node_copy (root);
}

static JsonNode *
decode_json_part (const char *part,
                  gsize       len)
{
  g_autoptr(GBytes) bytes = base64url_decode (part, len);

  if (bytes == NULL)
    return NULL;

  return parse_object (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The DER certificate of a header with typ JWT, alg RS256 and one x5c. */
static GBytes *
check_header (JsonNode  *header,
              GError   **error)
{
  JsonObject *object = json_node_get_object (header);
  const char *typ = get_string_member (object, "typ");
  const char *alg = get_string_member (object, "alg");
  JsonNode *x5c = json_object_get_member (object, "x5c");
  JsonArray *chain;
  JsonNode *first;
  GBytes *der;

  if (g_strcmp0 (typ, "JWT") != 0)
    {
      fail_format (error, _("The token’s header does not say typ JWT."));
      return NULL;
    }
  if (g_strcmp0 (alg, "RS256") != 0)
    {
      fail_format (error, _("The token is not sealed with RS256."));
      return NULL;
    }
  if (x5c == NULL || !JSON_NODE_HOLDS_ARRAY (x5c) ||
      json_array_get_length (chain = json_node_get_array (x5c)) != 1 ||
      !JSON_NODE_HOLDS_VALUE (first = json_array_get_element (chain, 0)) ||
      json_node_get_value_type (first) != G_TYPE_STRING ||
      (der = base64_decode_strict (json_node_get_string (first))) == NULL)
    {
      fail_format (error, _("The token’s header does not hold the seal certificate alone (x5c) in base64."));
      return NULL;
    }

  return der;
}

static gboolean
check_iss (const char *iss)
{
  g_auto(GStrv) parts = NULL;

  if (iss == NULL)
    return FALSE;

  parts = g_strsplit (iss, ".", -1);
  if (g_strv_length (parts) != 2)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) decoded = base64_decode_strict (parts[i]);
      gsize len;
      const char *text;

      if (decoded == NULL)
        return FALSE;
      text = g_bytes_get_data (decoded, &len);
      if (len == 0 || !g_utf8_validate (text, len, NULL) || memchr (text, '\0', len) != NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_claims (JsonNode  *claims,
              GError   **error)
{
  JsonObject *object = json_node_get_object (claims);
  const char *sub = get_string_member (object, "sub");
  const char *jti = get_string_member (object, "jti");
  const char *fiscal_number = get_string_member (object, "fiscalNumber");
  const char *encrypted = get_string_member (object, "encryptedData");
  gint64 iat, exp;

  if (!check_iss (get_string_member (object, "iss")))
    return fail_format (error, _("The token’s issuer (iss) is not the comune’s IPA code and the operator in base64."));
  if (sub == NULL || !g_uuid_string_is_valid (sub))
    return fail_format (error, _("The token does not name its identification (sub)."));
  if (jti == NULL || !g_uuid_string_is_valid (jti))
    return fail_format (error, _("The token has no id (jti)."));
  if (!get_int_member (object, "iat", &iat) || !get_int_member (object, "exp", &exp))
    return fail_format (error, _("The token does not say when it was issued (iat) and when it expires (exp) in seconds."));
  if (exp - iat != SP_SPID_TOKEN_VALIDITY_SECONDS)
    return fail_format (error, _("The token does not expire 30 days after it was issued."));
  if (fiscal_number == NULL || *fiscal_number == '\0' || g_str_has_prefix (fiscal_number, FISCAL_PREFIX))
    return fail_format (error, _("The token does not hold the codice fiscale (fiscalNumber)."));
  if (encrypted == NULL || *encrypted == '\0')
    return fail_format (error, _("The token does not hold the encrypted data (encryptedData)."));

  return TRUE;
}

/* RSASSA-PKCS1-v1_5 with SHA-256 over input, with der's public key. */
static gboolean
verify_signature (GBytes      *der,
                  const char  *input,
                  gsize        input_len,
                  GBytes      *signature,
                  GError     **error)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_pubkey_t pubkey = NULL;
  gnutls_datum_t cert_datum = { (unsigned char *) g_bytes_get_data (der, NULL), g_bytes_get_size (der) };
  gnutls_datum_t data = { (unsigned char *) input, input_len };
  gnutls_datum_t sig = { (unsigned char *) g_bytes_get_data (signature, NULL), g_bytes_get_size (signature) };
  gboolean ok = FALSE;

  if (gnutls_x509_crt_init (&crt) < 0 ||
      gnutls_x509_crt_import (crt, &cert_datum, GNUTLS_X509_FMT_DER) < 0 ||
      gnutls_pubkey_init (&pubkey) < 0 ||
      gnutls_pubkey_import_x509 (pubkey, crt, 0) < 0)
    fail_format (error, _("The certificate in the token’s header is not an X.509 certificate."));
  else if (gnutls_pubkey_get_pk_algorithm (pubkey, NULL) != GNUTLS_PK_RSA)
    fail (error, SP_SPID_TOKEN_ERROR_SIGNATURE, _("The certificate in the token’s header has no RSA key."));
  else if (gnutls_pubkey_verify_data2 (pubkey, GNUTLS_SIGN_RSA_SHA256, 0, &data, &sig) < 0)
    fail (error, SP_SPID_TOKEN_ERROR_SIGNATURE,
          _("The seal does not verify: the token was altered or not sealed with the certificate it carries."));
  else
    ok = TRUE;

  if (pubkey != NULL)
    gnutls_pubkey_deinit (pubkey);
  if (crt != NULL)
    gnutls_x509_crt_deinit (crt);
  return ok;
}

/* The ICRequestData must be the one the claims speak of. */
static gboolean
check_request (JsonNode  *request,
               JsonNode  *claims,
               GError   **error)
{
  JsonObject *object = json_node_get_object (claims);
  RequestSummary summary;
  g_autofree char *iss = NULL;
  gint64 iat = 0;

  get_int_member (object, "iat", &iat);
  if (!summarize_request (request, &summary))
    return fail_format (error, _("The encrypted data lack the identification’s id, time, comune, operator or codice fiscale."));

  iss = format_iss (summary.issuer_code, summary.issuer_reference);
  if (g_strcmp0 (summary.id, get_string_member (object, "sub")) != 0 ||
      summary.issue_instant != iat ||
      g_strcmp0 (iss, get_string_member (object, "iss")) != 0 ||
      g_strcmp0 (summary.fiscal_number + strlen (FISCAL_PREFIX),
                 get_string_member (object, "fiscalNumber")) != 0)
    return fail_format (error, _("The encrypted data do not match the token’s claims (identification, time, issuer or codice fiscale)."));

  return TRUE;
}

SpSpidTokenContents *
sp_spid_token_open (const char  *token,
                    const char  *code,
                    GError     **error)
{
  g_autoptr(SpSpidTokenContents) contents = g_new0 (SpSpidTokenContents, 1);
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *clean = NULL;
  const char *first_dot;
  const char *second_dot;
  const char *encrypted;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One line; a trailing newline from a file is not part of it. */
  clean = g_strdup (token);
  g_strchomp (clean);

  first_dot = strchr (clean, '.');
  second_dot = first_dot != NULL ? strchr (first_dot + 1, '.') : NULL;
  if (first_dot == NULL || second_dot == NULL || strchr (second_dot + 1, '.') != NULL)
    {
      fail_format (error, _("This is not a sealed token: it does not have three parts separated by dots."));
      return NULL;
    }

  contents->header = decode_json_part (clean, first_dot - clean);
  contents->claims = decode_json_part (first_dot + 1, second_dot - first_dot - 1);
  signature = base64url_decode (second_dot + 1, strlen (second_dot + 1));
  if (contents->header == NULL || contents->claims == NULL || signature == NULL)
    {
      fail_format (error, _("This is not a sealed token: its parts are not base64url JSON and a signature."));
      return NULL;
    }

  contents->certificate = check_header (contents->header, error);
  if (contents->certificate == NULL ||
      !check_claims (contents->claims, error) ||
      !verify_signature (contents->certificate, clean, second_dot - clean, signature, error))
    return NULL;

  if (code == NULL)
    return g_steal_pointer (&contents);

  encrypted = get_string_member (json_node_get_object (contents->claims), "encryptedData");
  {
    g_autofree char *plain = sp_spid_token_decrypt (code, encrypted, error);

    if (plain == NULL)
      return NULL;

    contents->request = parse_object (plain, strlen (plain));
    memset (plain, 0, strlen (plain));
  }
  if (contents->request == NULL)
    {
      fail_format (error, _("The encrypted data of the token are not an ICRequestData object."));
      return NULL;
    }
  if (!check_request (contents->request, contents->claims, error))
    return NULL;

  return g_steal_pointer (&contents);
}
