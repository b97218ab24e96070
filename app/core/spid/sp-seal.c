/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-seal.c — the comune's RAO seal: AgID's certificate and its key
 *
 * GnuTLS does the cryptography: it opens the PKCS#12 file, reaches a
 * PKCS#11 token through p11-kit, parses the certificate and signs with
 * RSA-SHA256. A key from a file is kept in the seals table as PKCS#8,
 * sealed with the installation secret by sp_store_encrypt_secret (), as
 * the SMTP password is, and so is a PKCS#11 PIN the administrator chose
 * to keep.
 */
#define G_LOG_DOMAIN "sp-seal"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs11.h>
#include <gnutls/pkcs12.h>
#include <gnutls/x509.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "sp-enum.h"
#include "sp-error.h"
#include "sp-holidays.h"
#include "sp-seal.h"

struct _SpSeal
{
  GObject              parent_instance;

  gint64               id;
  char                *uuid;
  SpSealKeyKind        kind;

  /* The certificate, and what people read of it. */
  gnutls_x509_crt_t    crt;
  GBytes              *certificate;
  char                *subject;
  char                *issuer;
  char                *serial;
  gint64               not_before;
  gint64               not_after;
  GStrv                policies;
  guint                key_bits;

  /* The key: for a file or demo seal both are set (x509_key to store it,
   * key to sign); for a PKCS#11 seal key is imported from url when it
   * first signs, with pin (NULL: p11-kit's PIN callback asks). */
  gnutls_x509_privkey_t x509_key;
  gnutls_privkey_t     key;
  char                *url;
  char                *pin;
};

G_DEFINE_FINAL_TYPE (SpSeal, sp_seal, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-seal-error-quark, sp_seal_error)

/* RAO-TOKEN.md §5: the policies under which AgID issues RAO seals, the
 * reference implementation's four and the 2019 draft's. */
static const char * const agid_policies[] = {
  "1.3.76.16.4.1.1",
  "1.3.76.16.4.5",
  "1.3.76.16.4.12",
  "1.3.76.16.4.2.4",
  "1.3.76.16.4.21",
};

#define MIN_KEY_BITS 2048

/* The demo seal: X.509's anyPolicy, never one of AgID's, so that no
 * identity provider takes a demo token for a real one. */
#define DEMO_POLICY      "2.5.29.32.0"
#define DEMO_NOTICE      "DEMO - Sportello demo seal, not issued by AgID"
#define DEMO_VALID_DAYS  365

#define SEAL_COLUMNS \
  "id, uuid, kind, certificate, private_key, pkcs11_url, pin"

/* Helpers */

static char *
format_date (gint64 usec)
{
  char *text = sp_date_format_local (usec, "%d/%m/%Y %H:%M");
  return text != NULL ? text : g_strdup ("?");
}

static gboolean
set_format_error (GError     **error,
                  const char  *what,
                  int          rc)
{
  /* Translators: the first %s says what could not be read, the second is
   * the library's reason. */
  g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FORMAT, _("%s (%s)."), what, gnutls_strerror (rc));
  return FALSE;
}

static char *
hex_encode (const guint8 *data,
            gsize         size)
{
  GString *out = g_string_sized_new (size * 2);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

/* The column's box opened with sp_store_decrypt_secret (): wiped memory. */
static GBytes *
open_column (SpStore      *store,
             SpStatement  *stmt,
             int           column,
             GError      **error)
{
  g_autoptr(GBytes) sealed = sp_statement_dup_bytes (stmt, column);
  g_autoptr(GError) local_error = NULL;
  GBytes *plain = NULL;

  if (sealed != NULL)
    plain = sp_store_decrypt_secret (store, sealed, &local_error);

  if (plain == NULL)
    g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FAILED,
                 _("The seal's key or PIN cannot be read with this installation's secret: "
                   "the database may come from another installation. Import the seal again."));
  return plain;
}

static void
clear_pin (char **pin)
{
  if (*pin == NULL)
    return;
  sodium_memzero (*pin, strlen (*pin));
  g_clear_pointer (pin, g_free);
}

/* Reads crt into the fields people see. */
static gboolean
read_certificate (SpSeal  *self,
                  GError **error)
{
  gnutls_datum_t der = { NULL, 0 };
  gnutls_datum_t dn = { NULL, 0 };
  guint8 serial[64];
  size_t serial_size = sizeof serial;
  g_autoptr(GPtrArray) policies = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  unsigned int bits = 0;
  int rc;

  if ((rc = gnutls_x509_crt_export2 (self->crt, GNUTLS_X509_FMT_DER, &der)) < 0)
    return set_format_error (error, _("The seal certificate cannot be read"), rc);
  self->certificate = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);

  if ((rc = gnutls_x509_crt_get_dn3 (self->crt, &dn, 0)) < 0)
    return set_format_error (error, _("The seal certificate has no readable subject"), rc);
  self->subject = g_strndup ((const char *) dn.data, dn.size);
  gnutls_free (dn.data);

  if ((rc = gnutls_x509_crt_get_issuer_dn3 (self->crt, &dn, 0)) < 0)
    return set_format_error (error, _("The seal certificate has no readable issuer"), rc);
  self->issuer = g_strndup ((const char *) dn.data, dn.size);
  gnutls_free (dn.data);

  if ((rc = gnutls_x509_crt_get_serial (self->crt, serial, &serial_size)) < 0)
    return set_format_error (error, _("The seal certificate has no readable serial number"), rc);
  self->serial = hex_encode (serial, serial_size);

  self->not_before = (gint64) gnutls_x509_crt_get_activation_time (self->crt) * G_USEC_PER_SEC;
  self->not_after = (gint64) gnutls_x509_crt_get_expiration_time (self->crt) * G_USEC_PER_SEC;

  for (unsigned int i = 0;; i++)
    {
      struct gnutls_x509_policy_st policy;
      unsigned int critical;

      rc = gnutls_x509_crt_get_policy (self->crt, i, &policy, &critical);
      if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (rc < 0)
        return set_format_error (error, _("The seal certificate's policies cannot be read"), rc);
      g_ptr_array_add (policies, g_strdup (policy.oid));
      gnutls_x509_policy_release (&policy);
    }
  self->policies = (GStrv) g_ptr_array_steal (policies, NULL);

  rc = gnutls_x509_crt_get_pk_algorithm (self->crt, &bits);
  self->key_bits = rc == GNUTLS_PK_RSA ? bits : 0;

  return TRUE;
}

static gboolean
import_certificate (SpSeal  *self,
                    GBytes  *data,
                    GError **error)
{
  gsize size = 0;
  const char *bytes = g_bytes_get_data (data, &size);
  gnutls_datum_t datum = { (unsigned char *) bytes, (unsigned int) size };
  int rc;

  if ((rc = gnutls_x509_crt_init (&self->crt)) >= 0 &&
      (rc = gnutls_x509_crt_import (self->crt, &datum, GNUTLS_X509_FMT_DER)) < 0)
    rc = gnutls_x509_crt_import (self->crt, &datum, GNUTLS_X509_FMT_PEM);
  if (rc < 0)
    return set_format_error (error, _("The file is not an X.509 certificate in PEM or DER"), rc);

  return read_certificate (self, error);
}

/* What AgID requires of the key: RSA, 2048 bits or more. */
static gboolean
check_key_size (SpSeal  *self,
                GError **error)
{
  unsigned int bits = 0;

  if (gnutls_x509_crt_get_pk_algorithm (self->crt, &bits) != GNUTLS_PK_RSA)
    {
      g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_KEY_SIZE,
                   _("The seal certificate's key is not RSA: AgID's RAO seal is an RSA key "
                     "of at least %u bits."), MIN_KEY_BITS);
      return FALSE;
    }
  if (bits < MIN_KEY_BITS)
    {
      /* Translators: the first %u is the key's size, the second 2048. */
      g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_KEY_SIZE,
                   _("The seal certificate's key has %u bits: AgID's RAO seal needs at least %u."),
                   bits, MIN_KEY_BITS);
      return FALSE;
    }
  return TRUE;
}

/* As the reference implementation: the first of AgID's policies the
 * certificate holds must carry a user notice. */
static gboolean
check_policy (SpSeal  *self,
              GError **error)
{
  if (self->policies == NULL || self->policies[0] == NULL)
    {
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_POLICY,
                           _("The certificate names no policy, so it is not the RAO pubblico seal "
                             "AgID issues. Import the certificate AgID sent for the RAO."));
      return FALSE;
    }

  for (unsigned int i = 0;; i++)
    {
      struct gnutls_x509_policy_st policy;
      unsigned int critical;
      gboolean agid = FALSE;
      gboolean notice = FALSE;

      if (gnutls_x509_crt_get_policy (self->crt, i, &policy, &critical) < 0)
        break;
      for (guint j = 0; j < G_N_ELEMENTS (agid_policies); j++)
        agid = agid || g_strcmp0 (policy.oid, agid_policies[j]) == 0;
      for (unsigned int q = 0; q < policy.qualifiers; q++)
        notice = notice || policy.qualifier[q].type == GNUTLS_X509_QUALIFIER_NOTICE;
      gnutls_x509_policy_release (&policy);

      if (agid && notice)
        return TRUE;
      if (agid)
        {
          g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_POLICY,
                               _("The certificate has AgID's RAO policy but without the user notice "
                                 "AgID puts in RAO seals. Import the certificate AgID sent for the RAO."));
          return FALSE;
        }
    }

  g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_POLICY,
               _("The certificate is not a RAO pubblico seal issued by AgID: it holds none of "
                 "AgID's seal policies with a user notice. Import the certificate AgID sent."));
  return FALSE;
}

static int
on_token_pin_cb (void         *user_data,
                 int           attempt,
                 const char   *token_url,
                 const char   *token_label,
                 unsigned int  flags,
                 char         *pin,
                 size_t        pin_max)
{
  SpSeal *self = user_data;
  size_t length;

  /* The stored PIN is offered once: retrying a wrong one would only count
   * down to a locked card. */
  if (self->pin == NULL || attempt > 0 || (flags & GNUTLS_PIN_WRONG) != 0)
    return GNUTLS_E_PKCS11_PIN_ERROR;

  length = strlen (self->pin);
  if (length + 1 > pin_max)
    return GNUTLS_E_SHORT_MEMORY_BUFFER;
  memcpy (pin, self->pin, length + 1);
  return 0;
}

static gboolean
set_token_error (SpSeal  *self,
                 GError **error,
                 int      rc)
{
  switch (rc)
    {
    case GNUTLS_E_PKCS11_PIN_ERROR:
    case GNUTLS_E_PKCS11_USER_ERROR:
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_TOKEN,
                           self->pin != NULL
                           ? _("The token refused the PIN: type it again. Too many wrong PINs lock the card.")
                           : _("The token asks for its PIN: give it when you set the seal, and keep it "
                               "if sealing must ask for nothing."));
      break;
    case GNUTLS_E_PKCS11_PIN_LOCKED:
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_TOKEN,
                           _("The token's PIN is locked: unlock it with the card's PUK or its "
                             "administration tool, then set the seal again."));
      break;
    case GNUTLS_E_PKCS11_PIN_EXPIRED:
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_TOKEN,
                           _("The token's PIN has expired: change it with the card's tool, then set "
                             "the seal again."));
      break;
    case GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE:
    case GNUTLS_E_PKCS11_REQUESTED_OBJECT_NOT_AVAILBLE:
    case GNUTLS_E_PKCS11_SLOT_ERROR:
    case GNUTLS_E_PKCS11_TOKEN_ERROR:
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_TOKEN,
                           _("No key on a connected token answers to the seal's PKCS#11 URI: check "
                             "that the smart card or HSM is connected and that the URI is right."));
      break;
    default:
      /* Translators: %s is the library's reason. */
      g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_TOKEN,
                   _("The seal's token did not sign: check that the smart card or HSM is connected, "
                     "and that the PIN is right (%s)."), gnutls_strerror (rc));
      break;
    }
  return FALSE;
}

/* The PKCS#11 key, imported the first time it is needed. */
static gboolean
ensure_key (SpSeal  *self,
            GError **error)
{
  int rc;

  if (self->key != NULL)
    return TRUE;

  g_assert (self->kind == SP_SEAL_KEY_PKCS11 && self->url != NULL);

  if ((rc = gnutls_privkey_init (&self->key)) < 0)
    return set_token_error (self, error, rc);
  /* Without a PIN of ours, GnuTLS asks the application's PIN callback. */
  if (self->pin != NULL)
    gnutls_privkey_set_pin_function (self->key, on_token_pin_cb, self);
  if ((rc = gnutls_privkey_import_url (self->key, self->url, 0)) < 0)
    {
      g_clear_pointer (&self->key, gnutls_privkey_deinit);
      return set_token_error (self, error, rc);
    }
  return TRUE;
}

static GBytes *
sign_data (SpSeal        *self,
           const guint8  *data,
           gsize          size,
           GError       **error)
{
  gnutls_datum_t datum = { (unsigned char *) data, (unsigned int) size };
  gnutls_datum_t signature = { NULL, 0 };
  GBytes *out;
  int rc;

  if (!ensure_key (self, error))
    return NULL;

  rc = gnutls_privkey_sign_data (self->key, GNUTLS_DIG_SHA256, 0, &datum, &signature);
  if (rc < 0)
    {
      if (self->kind == SP_SEAL_KEY_PKCS11)
        set_token_error (self, error, rc);
      else
        g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FAILED,
                     _("The seal could not sign (%s)."), gnutls_strerror (rc));
      return NULL;
    }

  out = g_bytes_new (signature.data, signature.size);
  gnutls_free (signature.data);
  return out;
}

/* Signs a random challenge and verifies it with the certificate: the key
 * is the certificate's (and, on a token, the PIN works). */
static gboolean
check_key_matches (SpSeal  *self,
                   GError **error)
{
  guint8 challenge[32];
  g_autoptr(GBytes) signature = NULL;
  gnutls_pubkey_t pubkey = NULL;
  gnutls_datum_t data = { challenge, sizeof challenge };
  gnutls_datum_t sig;
  int rc;

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");
  randombytes_buf (challenge, sizeof challenge);

  signature = sign_data (self, challenge, sizeof challenge, error);
  if (signature == NULL)
    return FALSE;

  sig.data = (unsigned char *) g_bytes_get_data (signature, NULL);
  sig.size = (unsigned int) g_bytes_get_size (signature);
  rc = gnutls_pubkey_init (&pubkey);
  if (rc >= 0)
    rc = gnutls_pubkey_import_x509 (pubkey, self->crt, 0);
  if (rc >= 0)
    rc = gnutls_pubkey_verify_data2 (pubkey, GNUTLS_SIGN_RSA_SHA256, 0, &data, &sig);
  gnutls_pubkey_deinit (pubkey);

  if (rc < 0)
    {
      g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_KEY_MISMATCH,
                   _("The private key does not belong to the seal certificate."));
      return FALSE;
    }
  return TRUE;
}

/* Everything import checks after reading the certificate and the key. */
static gboolean
check_import (SpSeal  *self,
              gint64   now,
              GError **error)
{
  return check_key_size (self, error) &&
         sp_seal_check_usable (self, now, error) &&
         check_policy (self, error) &&
         check_key_matches (self, error);
}

/* A file key: the signing key made from x509_key. */
static gboolean
take_file_key (SpSeal                *self,
               gnutls_x509_privkey_t  x509_key,
               GError               **error)
{
  int rc;

  self->x509_key = x509_key;
  if ((rc = gnutls_privkey_init (&self->key)) < 0 ||
      (rc = gnutls_privkey_import_x509 (self->key, self->x509_key, GNUTLS_PRIVKEY_IMPORT_COPY)) < 0)
    return set_format_error (error, _("The seal's private key cannot be read"), rc);
  return TRUE;
}

/* Splits the PIN out of a PKCS#11 URI: p11-kit's pin-value query
 * attribute (RFC 7512 §2.4), which must never be stored or shown. */
static char *
strip_pin_value (const char  *url,
                 char       **out_pin)
{
  const char *query = strchr (url, '?');
  g_auto(GStrv) attributes = NULL;
  g_autoptr(GString) out = NULL;
  guint kept = 0;

  *out_pin = NULL;
  if (query == NULL)
    return g_strdup (url);

  out = g_string_new_len (url, query - url);
  attributes = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; attributes[i] != NULL; i++)
    {
      if (g_str_has_prefix (attributes[i], "pin-value="))
        {
          clear_pin (out_pin);
          *out_pin = g_uri_unescape_string (attributes[i] + strlen ("pin-value="), NULL);
          sodium_memzero (attributes[i], strlen (attributes[i]));
          continue;
        }
      if (*attributes[i] == '\0')
        continue;
      g_string_append_c (out, kept++ == 0 ? '?' : '&');
      g_string_append (out, attributes[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static SpSeal *
seal_from_row (SpStore      *store,
               SpStatement  *stmt,
               GError      **error)
{
  g_autoptr(SpSeal) self = g_object_new (SP_TYPE_SEAL, NULL);
  g_autoptr(GBytes) certificate = NULL;
  gboolean known;

  self->id = sp_statement_get_int (stmt, 0);
  self->uuid = sp_statement_dup_text (stmt, 1);
  known = sp_enum_from_nick (SP_TYPE_SEAL_KEY_KIND, sp_statement_get_text (stmt, 2), (int *) &self->kind);
  g_assert (known);  /* CHECK constraint of 0009 */

  /* NOT NULL in 0009. */
  certificate = sp_statement_dup_bytes (stmt, 3);
  if (!import_certificate (self, certificate, error))
    return NULL;

  if (self->kind == SP_SEAL_KEY_PKCS11)
    {
      self->url = sp_statement_dup_text (stmt, 5);
      if (!sp_statement_is_null (stmt, 6))
        {
          g_autoptr(GBytes) pin = open_column (store, stmt, 6, error);

          if (pin == NULL)
            return NULL;
          self->pin = g_strndup (g_bytes_get_data (pin, NULL), g_bytes_get_size (pin));
        }
    }
  else
    {
      gnutls_x509_privkey_t x509_key = NULL;
      g_autoptr(GBytes) pkcs8 = open_column (store, stmt, 4, error);
      gnutls_datum_t datum;
      gsize size = 0;
      int rc;

      if (pkcs8 == NULL)
        return NULL;
      datum.data = (unsigned char *) g_bytes_get_data (pkcs8, &size);
      datum.size = (unsigned int) size;
      rc = gnutls_x509_privkey_init (&x509_key);
      if (rc >= 0)
        rc = gnutls_x509_privkey_import_pkcs8 (x509_key, &datum, GNUTLS_X509_FMT_DER,
                                               NULL, GNUTLS_PKCS_PLAIN);
      if (rc < 0)
        {
          gnutls_x509_privkey_deinit (x509_key);
          set_format_error (error, _("The seal's stored key cannot be read"), rc);
          return NULL;
        }
      if (!take_file_key (self, x509_key, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

static SpSeal *
load_current (SpStore   *store,
              gboolean   demo,
              GError   **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  GError *local_error = NULL;

  stmt = sp_store_query (store, error,
                         "SELECT " SEAL_COLUMNS " FROM seals "
                         "WHERE retired_at IS NULL AND (kind = 'demo') = (?1 <> 0)",
                         SP_INT (demo), SP_END);
  if (stmt == NULL)
    return NULL;

  if (sp_statement_next (stmt, &local_error))
    return seal_from_row (store, stmt, error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE,
                       demo ? _("The demo has no seal yet.")
                            : _("No RAO seal is set: an administrator imports the seal "
                                "certificate AgID issued to the comune, in Preferences or with "
                                "“sportello-admin spid seal import”."));
  return NULL;
}

/* The audit row's details: what the seal is, never its key or PIN. */
static char *
details_new (SpSeal   *self,
             gboolean  pin_kept)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, sp_enum_to_nick (SP_TYPE_SEAL_KEY_KIND, self->kind));
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, self->subject);
  json_builder_set_member_name (builder, "issuer");
  json_builder_add_string_value (builder, self->issuer);
  json_builder_set_member_name (builder, "serial");
  json_builder_add_string_value (builder, self->serial);
  json_builder_set_member_name (builder, "not_before");
  json_builder_add_int_value (builder, self->not_before);
  json_builder_set_member_name (builder, "not_after");
  json_builder_add_int_value (builder, self->not_after);
  if (self->kind == SP_SEAL_KEY_PKCS11)
    {
      json_builder_set_member_name (builder, "pkcs11_url");
      json_builder_add_string_value (builder, self->url);
      json_builder_set_member_name (builder, "pin_kept");
      json_builder_add_boolean_value (builder, pin_kept);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The blob for the private_key column: PKCS#8, boxed. */
static GBytes *
box_file_key (SpStore  *store,
              SpSeal   *self,
              GError  **error)
{
  gnutls_datum_t pkcs8 = { NULL, 0 };
  g_autoptr(GBytes) plain = NULL;
  GBytes *blob;
  int rc;

  rc = gnutls_x509_privkey_export2_pkcs8 (self->x509_key, GNUTLS_X509_FMT_DER, NULL,
                                          GNUTLS_PKCS_PLAIN, &pkcs8);
  if (rc < 0)
    {
      g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FAILED,
                   _("The seal's key could not be stored (%s)."), gnutls_strerror (rc));
      return NULL;
    }
  plain = g_bytes_new_static (pkcs8.data, pkcs8.size);
  blob = sp_store_encrypt_secret (store, plain, error);
  sodium_memzero (pkcs8.data, pkcs8.size);
  gnutls_free (pkcs8.data);
  return blob;
}

/* GObject */

static void
sp_seal_finalize (GObject *object)
{
  SpSeal *self = (SpSeal *) object;

  g_clear_pointer (&self->key, gnutls_privkey_deinit);
  g_clear_pointer (&self->x509_key, gnutls_x509_privkey_deinit);
  g_clear_pointer (&self->crt, gnutls_x509_crt_deinit);
  clear_pin (&self->pin);
  g_clear_pointer (&self->certificate, g_bytes_unref);
  g_clear_pointer (&self->policies, g_strfreev);
  g_free (self->uuid);
  g_free (self->subject);
  g_free (self->issuer);
  g_free (self->serial);
  g_free (self->url);

  G_OBJECT_CLASS (sp_seal_parent_class)->finalize (object);
}

static void
sp_seal_class_init (SpSealClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_seal_finalize;
}

static void
sp_seal_init (SpSeal *self)
{
}

/* Public API */

/* Takes from the file's bags its one private key and its certificates:
 * GnuTLS decrypts them. gnutls_pkcs12_simple_parse () would fail alike on
 * a file without certificate and on one whose certificate is not the
 * key's; the second deserves its own message, which check_key_matches ()
 * gives. */
static gboolean
read_pkcs12_bags (gnutls_pkcs12_t         p12,
                  const char             *password,
                  gnutls_x509_privkey_t  *out_key,
                  GPtrArray              *crts,
                  GError                **error)
{
  gnutls_x509_privkey_t key = NULL;
  int rc = 0;

  for (int i = 0;; i++)
    {
      gnutls_pkcs12_bag_t bag = NULL;
      int count;

      if ((rc = gnutls_pkcs12_bag_init (&bag)) < 0)
        break;
      rc = gnutls_pkcs12_get_bag (p12, i, bag);
      if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        {
          gnutls_pkcs12_bag_deinit (bag);
          rc = 0;
          break;
        }
      if (rc >= 0 && gnutls_pkcs12_bag_get_type (bag, 0) == GNUTLS_BAG_ENCRYPTED)
        rc = gnutls_pkcs12_bag_decrypt (bag, password);
      count = rc >= 0 ? gnutls_pkcs12_bag_get_count (bag) : rc;
      if (count < 0)
        rc = count;

      for (int j = 0; rc >= 0 && j < count; j++)
        {
          int type = gnutls_pkcs12_bag_get_type (bag, j);
          gnutls_datum_t data;

          if ((rc = gnutls_pkcs12_bag_get_data (bag, j, &data)) < 0)
            break;

          if (type == GNUTLS_BAG_PKCS8_KEY || type == GNUTLS_BAG_PKCS8_ENCRYPTED_KEY)
            {
              if (key != NULL)
                {
                  gnutls_pkcs12_bag_deinit (bag);
                  gnutls_x509_privkey_deinit (key);
                  g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FORMAT,
                                       _("The PKCS#12 file holds more than one private key: "
                                         "export the seal's key alone, with its certificate."));
                  return FALSE;
                }
              if ((rc = gnutls_x509_privkey_init (&key)) < 0)
                break;
              rc = gnutls_x509_privkey_import_pkcs8 (key, &data, GNUTLS_X509_FMT_DER,
                                                     type == GNUTLS_BAG_PKCS8_KEY ? NULL : password,
                                                     type == GNUTLS_BAG_PKCS8_KEY ? GNUTLS_PKCS_PLAIN : 0);
            }
          else if (type == GNUTLS_BAG_CERTIFICATE)
            {
              gnutls_x509_crt_t crt = NULL;

              if ((rc = gnutls_x509_crt_init (&crt)) < 0)
                break;
              if ((rc = gnutls_x509_crt_import (crt, &data, GNUTLS_X509_FMT_DER)) < 0)
                gnutls_x509_crt_deinit (crt);
              else
                g_ptr_array_add (crts, crt);
            }
        }
      gnutls_pkcs12_bag_deinit (bag);
      if (rc < 0)
        break;
    }

  if (rc < 0)
    {
      g_clear_pointer (&key, gnutls_x509_privkey_deinit);
      return set_format_error (error, _("The PKCS#12 file cannot be read"), rc);
    }
  if (key == NULL)
    {
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FORMAT,
                           _("The PKCS#12 file holds no private key: export the seal with its key."));
      return FALSE;
    }
  if (crts->len == 0)
    {
      gnutls_x509_privkey_deinit (key);
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FORMAT,
                           _("The PKCS#12 file holds no certificate: export the seal with its certificate."));
      return FALSE;
    }

  *out_key = key;
  return TRUE;
}

/* The seal's certificate among a PKCS#12 file's: the key's own (same
 * public key), else the first that is not a CA's, which then fails
 * check_key_matches (). Removed from crts. */
static gnutls_x509_crt_t
pick_certificate (GPtrArray             *crts,
                  gnutls_x509_privkey_t  key)
{
  guint8 key_id[64], crt_id[64];
  size_t key_id_size = sizeof key_id;
  guint pick = 0;

  if (gnutls_x509_privkey_get_key_id (key, GNUTLS_KEYID_USE_SHA256, key_id, &key_id_size) < 0)
    key_id_size = 0;

  for (guint i = crts->len; i-- > 0;)
    {
      gnutls_x509_crt_t crt = g_ptr_array_index (crts, i);
      size_t crt_id_size = sizeof crt_id;
      unsigned int critical;

      if (key_id_size > 0 &&
          gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA256, crt_id, &crt_id_size) >= 0 &&
          crt_id_size == key_id_size && memcmp (crt_id, key_id, key_id_size) == 0)
        {
          pick = i;
          break;
        }
      if (gnutls_x509_crt_get_basic_constraints (crt, &critical, NULL, NULL) <= 0)
        pick = i;
    }

  return g_ptr_array_steal_index (crts, pick);
}

SpSeal *
sp_seal_new_from_pkcs12 (GBytes      *pkcs12,
                         const char  *password,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(SpSeal) self = NULL;
  g_autoptr(GPtrArray) crts = g_ptr_array_new_with_free_func ((GDestroyNotify) gnutls_x509_crt_deinit);
  gnutls_pkcs12_t p12 = NULL;
  gnutls_x509_privkey_t x509_key = NULL;
  gnutls_datum_t datum;
  gsize size = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (pkcs12 != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (password == NULL)
    password = "";
  datum.data = (unsigned char *) g_bytes_get_data (pkcs12, &size);
  datum.size = (unsigned int) size;

  rc = gnutls_pkcs12_init (&p12);
  if (rc >= 0)
    {
      rc = gnutls_pkcs12_import (p12, &datum, GNUTLS_X509_FMT_DER, 0);
      if (rc < 0)
        rc = gnutls_pkcs12_import (p12, &datum, GNUTLS_X509_FMT_PEM, 0);
    }
  if (rc < 0)
    {
      gnutls_pkcs12_deinit (p12);
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FORMAT,
                           _("The file is not a PKCS#12 seal (.p12 or .pfx)."));
      return NULL;
    }

  if (gnutls_pkcs12_verify_mac (p12, password) < 0)
    {
      gnutls_pkcs12_deinit (p12);
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FORMAT,
                           _("The password of the PKCS#12 file is wrong."));
      return NULL;
    }

  ok = read_pkcs12_bags (p12, password, &x509_key, crts, error);
  gnutls_pkcs12_deinit (p12);
  if (!ok)
    return NULL;

  self = g_object_new (SP_TYPE_SEAL, NULL);
  self->kind = SP_SEAL_KEY_FILE;
  self->uuid = sp_store_new_uuid ();
  self->crt = pick_certificate (crts, x509_key);
  if (!take_file_key (self, x509_key, error))
    return NULL;

  if (!read_certificate (self, error) ||
      !check_import (self, now, error))
    return NULL;

  return g_steal_pointer (&self);
}

SpSeal *
sp_seal_new_from_pkcs11 (const char  *url,
                         GBytes      *certificate,
                         const char  *pin,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(SpSeal) self = NULL;
  g_autofree char *url_pin = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (certificate != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_str_has_prefix (url, "pkcs11:"))
    {
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FORMAT,
                           _("The key's address is not a PKCS#11 URI (it begins with “pkcs11:”)."));
      return NULL;
    }

  self = g_object_new (SP_TYPE_SEAL, NULL);
  self->kind = SP_SEAL_KEY_PKCS11;
  self->uuid = sp_store_new_uuid ();
  self->url = strip_pin_value (url, &url_pin);
  if (pin != NULL)
    self->pin = g_strdup (pin);
  else
    self->pin = g_steal_pointer (&url_pin);
  clear_pin (&url_pin);

  if (!import_certificate (self, certificate, error) ||
      !check_import (self, now, error))
    return NULL;

  return g_steal_pointer (&self);
}

SpSeal *
sp_seal_new_demo (const char  *comune_name,
                  GError     **error)
{
  g_autoptr(SpSeal) self = NULL;
  g_autofree char *common_name = NULL;
  gnutls_x509_privkey_t x509_key = NULL;
  gnutls_x509_crt_t crt = NULL;
  struct gnutls_x509_policy_st policy = { 0 };
  guint8 serial[16];
  guint8 key_id[64];
  size_t key_id_size = sizeof key_id;
  time_t now = time (NULL);
  int rc;

  g_return_val_if_fail (comune_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");
  randombytes_buf (serial, sizeof serial);
  serial[0] &= 0x7f;  /* a positive INTEGER */
  serial[0] |= 0x40;  /* of the full length */

  /* Translators: the subject of the demo's throwaway seal; %s is the
   * comune's name. */
  common_name = g_strdup_printf (_("DEMO seal of %s"), comune_name);

  policy.oid = (char *) DEMO_POLICY;
  policy.qualifiers = 1;
  policy.qualifier[0].type = GNUTLS_X509_QUALIFIER_NOTICE;
  policy.qualifier[0].data = (char *) DEMO_NOTICE;
  policy.qualifier[0].size = strlen (DEMO_NOTICE);

  if ((rc = gnutls_x509_privkey_init (&x509_key)) < 0 ||
      (rc = gnutls_x509_privkey_generate (x509_key, GNUTLS_PK_RSA, MIN_KEY_BITS, 0)) < 0 ||
      (rc = gnutls_x509_crt_init (&crt)) < 0 ||
      (rc = gnutls_x509_crt_set_version (crt, 3)) < 0 ||
      (rc = gnutls_x509_crt_set_serial (crt, serial, sizeof serial)) < 0 ||
      (rc = gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                           common_name, strlen (common_name))) < 0 ||
      (rc = gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0,
                                           "DEMO", strlen ("DEMO"))) < 0 ||
      (rc = gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COUNTRY_NAME, 0, "IT", 2)) < 0 ||
      (rc = gnutls_x509_crt_set_activation_time (crt, now - DEMO_VALID_DAYS * 24 * 3600)) < 0 ||
      (rc = gnutls_x509_crt_set_expiration_time (crt, now + DEMO_VALID_DAYS * 24 * 3600)) < 0 ||
      (rc = gnutls_x509_crt_set_key (crt, x509_key)) < 0 ||
      (rc = gnutls_x509_crt_set_basic_constraints (crt, 0, -1)) < 0 ||
      (rc = gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE |
                                                GNUTLS_KEY_NON_REPUDIATION)) < 0 ||
      (rc = gnutls_x509_crt_set_policy (crt, &policy, 0)) < 0 ||
      (rc = gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA1, key_id, &key_id_size)) < 0 ||
      (rc = gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_size)) < 0 ||
      (rc = gnutls_x509_crt_sign2 (crt, crt, x509_key, GNUTLS_DIG_SHA256, 0)) < 0)
    {
      g_clear_pointer (&crt, gnutls_x509_crt_deinit);
      g_clear_pointer (&x509_key, gnutls_x509_privkey_deinit);
      g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FAILED,
                   _("The demo seal could not be made (%s)."), gnutls_strerror (rc));
      return NULL;
    }

  self = g_object_new (SP_TYPE_SEAL, NULL);
  self->kind = SP_SEAL_KEY_DEMO;
  self->uuid = sp_store_new_uuid ();
  self->crt = crt;
  if (!take_file_key (self, x509_key, error) ||
      !read_certificate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  SpSeal   *seal;
  SpActor   actor;
  gboolean  keep_pin;
  gint64    id;       /* out */
} SealSave;

static gboolean
insert_seal (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  SealSave *save = user_data;
  SpSeal *seal = save->seal;
  g_autoptr(GBytes) private_key = NULL;
  g_autoptr(GBytes) pin = NULL;
  g_autofree char *details = NULL;
  gint64 now;

  if (seal->kind == SP_SEAL_KEY_PKCS11)
    {
      if (save->keep_pin)
        {
          g_autoptr(GBytes) plain = g_bytes_new_static (seal->pin, strlen (seal->pin));

          pin = sp_store_encrypt_secret (store, plain, error);
          if (pin == NULL)
            return FALSE;
        }
    }
  else
    {
      private_key = box_file_key (store, seal, error);
      if (private_key == NULL)
        return FALSE;
    }

  now = sp_store_now ();
  if (sp_store_run (store, error,
                    "UPDATE seals SET retired_at = ?1 "
                    "WHERE retired_at IS NULL AND (kind = 'demo') = (?2 <> 0)",
                    SP_INT (now), SP_INT (seal->kind == SP_SEAL_KEY_DEMO), SP_END) < 0 ||
      sp_store_run (store, error,
                    "INSERT INTO seals (uuid, kind, certificate, subject, issuer, "
                    "not_before, not_after, private_key, pkcs11_url, pin, created_at, "
                    "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                    "nullif(?12, 0))",
                    SP_TEXT (seal->uuid), SP_TEXT (sp_enum_to_nick (SP_TYPE_SEAL_KEY_KIND, seal->kind)),
                    SP_BYTES (seal->certificate), SP_TEXT (seal->subject), SP_TEXT (seal->issuer),
                    SP_INT (seal->not_before), SP_INT (seal->not_after), SP_BYTES (private_key),
                    SP_TEXT (seal->url), SP_BYTES (pin), SP_INT (now), SP_INT (save->actor.operator_id),
                    SP_END) < 0)
    return FALSE;

  /* Before the audit row takes the last insert id. */
  save->id = sp_store_last_insert_id (store);

  details = details_new (seal, save->keep_pin);
  return sp_audit_append (store, save->actor, SP_AUDIT_SEAL_IMPORT, seal->uuid, details, error);
}

gboolean
sp_seal_save (SpStore   *store,
              SpSeal    *seal,
              SpActor    actor,
              gboolean   store_pin,
              GError   **error)
{
  SealSave save = { seal, actor, FALSE, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_SEAL (seal), FALSE);
  g_return_val_if_fail (seal->id == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  save.keep_pin = seal->kind == SP_SEAL_KEY_PKCS11 && store_pin && seal->pin != NULL;
  if (!sp_store_transaction (store, insert_seal, &save, error))
    return FALSE;

  seal->id = save.id;
  return TRUE;
}

SpSeal *
sp_seal_load (SpStore  *store,
              GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_current (store, FALSE, error);
}

SpSeal *
sp_seal_load_demo (SpStore  *store,
                   GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_current (store, TRUE, error);
}

gboolean
sp_seal_check_usable (SpSeal  *self,
                      gint64   now,
                      GError **error)
{
  g_return_val_if_fail (SP_IS_SEAL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (now < self->not_before)
    {
      g_autofree char *when = format_date (self->not_before);

      /* Translators: %s is a date and time, 31/12/2025 09:00. */
      g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NOT_YET_VALID,
                   _("The seal certificate is valid only from %s: check the computer's clock, "
                     "or wait until then."), when);
      return FALSE;
    }
  if (now >= self->not_after)
    {
      g_autofree char *when = format_date (self->not_after);

      /* Translators: %s is a date and time, 31/12/2025 09:00. */
      g_set_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_EXPIRED,
                   _("The seal certificate expired on %s: ask AgID for a new one and import it."),
                   when);
      return FALSE;
    }
  return TRUE;
}

GBytes *
sp_seal_sign (SpSeal   *self,
              GBytes   *data,
              GError  **error)
{
  gsize size = 0;
  const guint8 *bytes;

  g_return_val_if_fail (SP_IS_SEAL (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  return sign_data (self, bytes, size, error);
}

gint64
sp_seal_get_id (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), 0);
  return self->id;
}

SpSealKeyKind
sp_seal_get_key_kind (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), SP_SEAL_KEY_FILE);
  return self->kind;
}

gboolean
sp_seal_is_demo (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), FALSE);
  return self->kind == SP_SEAL_KEY_DEMO;
}

GBytes *
sp_seal_get_certificate (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), NULL);
  return self->certificate;
}

const char *
sp_seal_get_subject (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), NULL);
  return self->subject;
}

const char *
sp_seal_get_issuer (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), NULL);
  return self->issuer;
}

const char *
sp_seal_get_serial (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), NULL);
  return self->serial;
}

gint64
sp_seal_get_not_before (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), 0);
  return self->not_before;
}

gint64
sp_seal_get_not_after (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), 0);
  return self->not_after;
}

const char * const *
sp_seal_get_policies (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), NULL);
  return (const char * const *) self->policies;
}

guint
sp_seal_get_key_bits (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), 0);
  return self->key_bits;
}

char *
sp_seal_dup_pin (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), NULL);

  return self->kind == SP_SEAL_KEY_PKCS11 ? g_strdup (self->pin) : NULL;
}

char *
sp_seal_dup_key_location (SpSeal *self)
{
  g_return_val_if_fail (SP_IS_SEAL (self), NULL);

  switch (self->kind)
    {
    case SP_SEAL_KEY_PKCS11:
      return g_strdup (self->url);
    case SP_SEAL_KEY_DEMO:
      return g_strdup (_("A demo key, kept in the Sportello database"));
    case SP_SEAL_KEY_FILE:
    default:
      return g_strdup (_("Imported from a PKCS#12 file, kept encrypted in the Sportello database"));
    }
}

int
sp_seal_get_days_left (SpSeal *self,
                       gint64  now)
{
  gint64 left;

  g_return_val_if_fail (SP_IS_SEAL (self), 0);

  left = self->not_after - now;
  /* Rounded down: an hour after expiry is day −1, an hour before is 0. */
  if (left < 0)
    return (int) -((-left + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
  return (int) (left / G_TIME_SPAN_DAY);
}
