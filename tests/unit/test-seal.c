/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-seal.c — the comune's RAO seal: certificates made by openssl are
 * accepted or refused for the reason AgID's rules give, signatures verify
 * with openssl (not with the code that made them), a file key is stored
 * only encrypted, a PKCS#11 key signs from a real SoftHSM2 token, and a
 * refused import leaves the database as it was. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sp-audit.h"
#include "sp-error.h"
#include "sp-seal.h"
#include "sp-test-util.h"

#define P12_PASSWORD "test"
#define TOKEN_PIN    "1234"
/* tests/seal/make-test-seals.sh's token and keys. */
#define TOKEN_URL    "pkcs11:token=sportello-test;object=sportello-seal;type=private"
#define OTHER_URL    "pkcs11:token=sportello-test;object=sportello-other;type=private"
#define DAY          G_TIME_SPAN_DAY

/* Set-up's desk and administrator. */
static const SpActor admin = { 1, 1 };

/* Made once in main () by tests/seal/make-test-seals.sh: a test CA, seals
 * good and bad, and the SoftHSM2 token holding the good seal's key. */
static char *work_dir;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

/* Runs a tool; the test fails, never skips, when it is missing or fails. */
static void
run (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (work_dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", first, err);
}

static GBytes *
read_work_file (const char *name)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

static void
write_work_file (const char *name,
                 GBytes     *bytes)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* What openssl says of signature over data with the certificate's key. */
static gboolean
openssl_verifies (GBytes *certificate,
                  GBytes *data,
                  GBytes *signature)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *der_to_pub =
    "openssl x509 -inform DER -in seal.der -pubkey -noout > seal.pub && "
    "openssl dgst -sha256 -verify seal.pub -signature seal.sig seal.data";
  const char *argv[] = { "sh", "-c", der_to_pub, NULL };

  write_work_file ("seal.der", certificate);
  write_work_file ("seal.data", data);
  write_work_file ("seal.sig", signature);
  g_spawn_sync (work_dir, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

/* Signs a JWS-like input with seal and checks it the way an IdP would:
 * openssl accepts it, and refuses it once a byte is flipped. */
static void
assert_signs (SpSeal *seal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0", 35);
  g_autoptr(GBytes) signature = sp_seal_sign (seal, data, &error);
  g_autoptr(GBytes) flipped = NULL;
  guint8 *bytes;
  gsize size;

  g_assert_no_error (error);
  g_assert_nonnull (signature);
  g_assert_cmpuint (g_bytes_get_size (signature), ==, 256);  /* RSA-2048 */
  g_assert_true (openssl_verifies (sp_seal_get_certificate (seal), data, signature));

  bytes = g_bytes_unref_to_data (g_bytes_ref (signature), &size);
  bytes[size / 2] ^= 0x01;
  flipped = g_bytes_new_take (bytes, size);
  g_assert_false (openssl_verifies (sp_seal_get_certificate (seal), data, flipped));
}

static SpSeal *
import_pkcs12 (const char  *name,
               const char  *password,
               gint64       now,
               GError     **error)
{
  g_autofree char *file = g_strconcat (name, ".p12", NULL);
  g_autoptr(GBytes) bytes = read_work_file (file);

  return sp_seal_new_from_pkcs12 (bytes, password, now, error);
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

/* The seal rows and the audit's size: what a refused import must not
 * change. */
static char *
snapshot (SpTestDb *db)
{
  return sp_test_snapshot (db->store, "SELECT id, uuid, kind, retired_at FROM seals ORDER BY id", TRUE);
}

static gboolean
blob_contains (GBytes *haystack,
               GBytes *needle)
{
  gsize size = 0, blob_size = 0;
  const guint8 *data = g_bytes_get_data (needle, &size);
  const guint8 *blob = g_bytes_get_data (haystack, &blob_size);

  for (gsize i = 0; i + size <= blob_size; i++)
    if (memcmp (blob + i, data, size) == 0)
      return TRUE;
  return FALSE;
}

/* Tests */

static void
test_pkcs12_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = import_pkcs12 ("good", P12_PASSWORD, sp_store_now (), &error);
  g_autoptr(GBytes) der = NULL;
  g_autofree char *location = NULL;
  gint64 now = sp_store_now ();

  g_assert_no_error (error);
  g_assert_nonnull (seal);
  g_assert_cmpint (sp_seal_get_key_kind (seal), ==, SP_SEAL_KEY_FILE);
  g_assert_false (sp_seal_is_demo (seal));
  g_assert_cmpint (sp_seal_get_id (seal), ==, 0);
  g_assert_cmpuint (sp_seal_get_key_bits (seal), ==, 2048);
  g_assert_nonnull (strstr (sp_seal_get_subject (seal), "CN=SPID-Adesione RAO pubblico"));
  g_assert_nonnull (strstr (sp_seal_get_issuer (seal), "CN=Sportello Test CA"));
  g_assert_true (strv_has (sp_seal_get_policies (seal), "1.3.76.16.4.1.1"));
  g_assert_true (g_regex_match_simple ("^[0-9a-f]+$", sp_seal_get_serial (seal), 0, 0));

  /* The seal's own certificate, not the CA's the file also holds: the
   * same bytes as openssl's. */
  der = read_work_file ("good-cert.der");
  g_assert_true (g_bytes_equal (der, sp_seal_get_certificate (seal)));

  /* Valid from yesterday for two years. */
  g_assert_cmpint (sp_seal_get_not_before (seal), <, now - 23 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (sp_seal_get_not_before (seal), >, now - 25 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (sp_seal_get_days_left (seal, now), >=, 2 * 365 - 3);
  g_assert_cmpint (sp_seal_get_days_left (seal, now), <=, 2 * 366);
  g_assert_cmpint (sp_seal_get_days_left (seal, sp_seal_get_not_after (seal) - G_TIME_SPAN_HOUR), ==, 0);
  g_assert_cmpint (sp_seal_get_days_left (seal, sp_seal_get_not_after (seal) + G_TIME_SPAN_HOUR), ==, -1);
  g_assert_cmpint (sp_seal_get_days_left (seal, sp_seal_get_not_after (seal) - 10 * DAY), ==, 10);

  g_assert_true (sp_seal_check_usable (seal, now, &error));
  g_assert_no_error (error);
  g_assert_false (sp_seal_check_usable (seal, sp_seal_get_not_after (seal), &error));
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_EXPIRED);
  g_clear_error (&error);
  g_assert_false (sp_seal_check_usable (seal, sp_seal_get_not_before (seal) - 1, &error));
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NOT_YET_VALID);
  g_clear_error (&error);

  location = sp_seal_dup_key_location (seal);
  g_assert_null (strstr (location, P12_PASSWORD));

  assert_signs (seal);
}

typedef struct
{
  const char  *file;
  const char  *password;
  gint64       shift;     /* added to now */
  SpSealError  code;
} Refusal;

static const Refusal refusals[] = {
  { "good",          "wrong password", 0,          SP_SEAL_ERROR_FORMAT },
  { "good",          NULL,             0,          SP_SEAL_ERROR_FORMAT },
  { "cut",           P12_PASSWORD,     0,          SP_SEAL_ERROR_FORMAT },
  { "flipped",       P12_PASSWORD,     0,          SP_SEAL_ERROR_FORMAT },
  { "good-cert.pem", P12_PASSWORD,     0,          SP_SEAL_ERROR_FORMAT },
  { "mismatch",      P12_PASSWORD,     0,          SP_SEAL_ERROR_KEY_MISMATCH },
  { "rsa1024",       P12_PASSWORD,     0,          SP_SEAL_ERROR_KEY_SIZE },
  { "ec",            P12_PASSWORD,     0,          SP_SEAL_ERROR_KEY_SIZE },
  { "no-policy",     P12_PASSWORD,     0,          SP_SEAL_ERROR_POLICY },
  { "no-notice",     P12_PASSWORD,     0,          SP_SEAL_ERROR_POLICY },
  { "wrong-policy",  P12_PASSWORD,     0,          SP_SEAL_ERROR_POLICY },
  { "expired",       P12_PASSWORD,     0,          SP_SEAL_ERROR_EXPIRED },
  { "not-yet-valid", P12_PASSWORD,     0,          SP_SEAL_ERROR_NOT_YET_VALID },
  /* The good seal, on a clock set wrong. */
  { "good",          P12_PASSWORD,     -2 * DAY,   SP_SEAL_ERROR_NOT_YET_VALID },
  { "good",          P12_PASSWORD,     800 * DAY,  SP_SEAL_ERROR_EXPIRED },
};

static void
test_pkcs12_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *r = &refusals[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SpSeal) seal = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_test_message ("%s, password %s, now %+" G_GINT64_FORMAT " days", r->file,
                      r->password != NULL ? r->password : "(none)", r->shift / DAY);
      if (g_str_has_suffix (r->file, ".pem"))
        bytes = read_work_file (r->file);
      else
        {
          g_autofree char *name = g_strconcat (r->file, ".p12", NULL);
          bytes = read_work_file (name);
        }
      seal = sp_seal_new_from_pkcs12 (bytes, r->password, sp_store_now () + r->shift, &error);
      g_assert_error (error, SP_SEAL_ERROR, (int) r->code);
      g_assert_null (seal);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_none (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = sp_seal_load (db->store, &error);

  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE);
  g_assert_null (seal);
  g_clear_error (&error);
  seal = sp_seal_load_demo (db->store, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE);
  g_assert_null (seal);
}

static void
test_save_load (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) first = import_pkcs12 ("good", P12_PASSWORD, sp_store_now (), &error);
  g_autoptr(SpSeal) second = NULL;
  g_autoptr(SpSeal) loaded = NULL;
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GBytes) key_der = NULL;
  g_autoptr(GBytes) exponent = NULL;
  g_autoptr(GBytes) private_key = NULL;
  g_autofree char *details = NULL;
  gint64 audit_before = sp_test_count (db, "SELECT count(*) FROM audit");
  guint64 n_checked = 0;
  gint64 broken_id = 0;

  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, first, admin, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_seal_get_id (first), >, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM seals"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit"), ==, audit_before + 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'spid-seal-import'"), ==, 1);

  /* The key is in the row only encrypted: no stretch of its private
   * exponent (as openssl writes the key) is there in clear. */
  key_der = read_work_file ("good-key.der");
  /* In a PKCS#8 RSA key the modulus comes first, then the private
   * exponent and the primes: 64 bytes from its middle are private. */
  exponent = g_bytes_new_from_bytes (key_der, g_bytes_get_size (key_der) / 2, 64);
  stmt = sp_store_query (db->store, &error,
                         "SELECT private_key, pkcs11_url, pin, kind, created_by, subject "
                         "FROM seals WHERE id = ?1", SP_INT (sp_seal_get_id (first)), SP_END);
  g_assert_no_error (error);
  g_assert_true (sp_statement_next (stmt, &error));
  g_assert_cmpint (sp_statement_get_column_type (stmt, 0), ==, SP_COLUMN_BLOB);
  private_key = sp_statement_dup_bytes (stmt, 0);
  g_assert_false (blob_contains (private_key, exponent));
  g_assert_true (sp_statement_is_null (stmt, 1));
  g_assert_true (sp_statement_is_null (stmt, 2));
  g_assert_cmpstr (sp_statement_get_text (stmt, 3), ==, "file");
  g_assert_cmpint (sp_statement_get_int (stmt, 4), ==, admin.operator_id);
  g_assert_cmpstr (sp_statement_get_text (stmt, 5), ==, sp_seal_get_subject (first));
  g_clear_pointer (&stmt, sp_statement_free);

  /* The audit names the seal, never the key. */
  stmt = sp_store_query (db->store, &error, "SELECT details FROM audit WHERE action = 'spid-seal-import'", SP_END);
  g_assert_no_error (error);
  g_assert_true (sp_statement_next (stmt, &error));
  details = sp_statement_dup_text (stmt, 0);
  g_assert_nonnull (strstr (details, sp_seal_get_serial (first)));
  g_assert_null (strstr (details, "PRIVATE"));
  g_clear_pointer (&stmt, sp_statement_free);

  loaded = sp_seal_load (db->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_seal_get_id (loaded), ==, sp_seal_get_id (first));
  g_assert_cmpint (sp_seal_get_key_kind (loaded), ==, SP_SEAL_KEY_FILE);
  g_assert_true (g_bytes_equal (sp_seal_get_certificate (loaded), sp_seal_get_certificate (first)));
  g_assert_cmpstr (sp_seal_get_serial (loaded), ==, sp_seal_get_serial (first));
  g_assert_cmpint (sp_seal_get_not_after (loaded), ==, sp_seal_get_not_after (first));
  assert_signs (loaded);
  g_clear_object (&loaded);

  /* A new seal (here the same file again) retires the old one, which
   * stays. */
  second = import_pkcs12 ("good", P12_PASSWORD, sp_store_now (), &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, second, admin, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM seals"), ==, 2);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM seals WHERE retired_at IS NULL"), ==, 1);
  loaded = sp_seal_load (db->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_seal_get_id (loaded), ==, sp_seal_get_id (second));
  g_assert_cmpstr (sp_seal_get_serial (loaded), ==, sp_seal_get_serial (second));

  /* The demo's seal is another slot: still none. */
  g_clear_object (&loaded);
  loaded = sp_seal_load_demo (db->store, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE);
  g_clear_error (&error);

  g_assert_true (sp_audit_verify (db->store, &n_checked, &broken_id, &error));
  g_assert_no_error (error);
}

/* A stored key altered by one byte, or read by another installation
 * (another installation secret), is refused with what to do. */
static void
test_other_installation (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = import_pkcs12 ("good", P12_PASSWORD, sp_store_now (), &error);
  g_autoptr(SpSeal) loaded = NULL;
  g_autoptr(SpStatement) read = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autofree guint8 *blob = NULL;
  g_autofree char *other_secret = NULL;
  guint8 fresh[32];
  gsize size;

  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, seal, admin, FALSE, &error));
  g_assert_no_error (error);

  read = sp_store_query (db->store, &error, "SELECT private_key FROM seals", SP_END);
  g_assert_no_error (error);
  g_assert_true (sp_statement_next (read, &error));
  stored = sp_statement_dup_bytes (read, 0);
  blob = g_bytes_unref_to_data (g_bytes_ref (stored), &size);
  blob[size / 2] ^= 0x01;
  flipped = g_bytes_new_static (blob, size);
  g_assert_cmpint (sp_store_run (db->store, &error, "UPDATE seals SET private_key = ?1",
                                 SP_BYTES (flipped), SP_END), ==, 1);
  g_assert_no_error (error);

  loaded = sp_seal_load (db->store, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FAILED);
  g_assert_null (loaded);
  g_clear_error (&error);

  /* Flipped back, it loads; under another secret, it does not. */
  g_assert_cmpint (sp_store_run (db->store, &error, "UPDATE seals SET private_key = ?1",
                                 SP_BYTES (stored), SP_END), ==, 1);
  g_assert_no_error (error);

  loaded = sp_seal_load (db->store, &error);
  g_assert_no_error (error);
  g_clear_object (&loaded);

  for (guint i = 0; i < sizeof fresh; i++)
    fresh[i] = (guint8) g_random_int ();
  other_secret = g_base64_encode (fresh, sizeof fresh);
  g_assert_true (sp_store_set_setting (db->store, "installation.secret", other_secret, &error));
  g_assert_no_error (error);
  loaded = sp_seal_load (db->store, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FAILED);
  g_assert_null (loaded);
}

static void
test_refused_leaves_database (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = import_pkcs12 ("good", P12_PASSWORD, sp_store_now (), &error);
  g_autoptr(SpSeal) refused = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, seal, admin, FALSE, &error));
  g_assert_no_error (error);
  before = snapshot (db);

  refused = import_pkcs12 ("no-policy", P12_PASSWORD, sp_store_now (), &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_POLICY);
  g_assert_null (refused);
  g_clear_error (&error);

  /* A save that fails inside its transaction, after retiring the
   * current seal, rolls the retirement back too. */
  sp_test_refuse_inserts (db->store, "seals");
  g_clear_object (&refused);
  refused = import_pkcs12 ("good", P12_PASSWORD, sp_store_now (), &error);
  g_assert_no_error (error);
  g_assert_false (sp_seal_save (db->store, refused, admin, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (sp_seal_get_id (refused), ==, 0);

  after = snapshot (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_demo (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) demo = sp_seal_new_demo ("Santarcangelo di Romagna", &error);
  g_autoptr(SpSeal) loaded = NULL;
  g_autofree char *text = NULL;
  gint64 now = sp_store_now ();
  const char *argv[] = { "openssl", "x509", "-inform", "DER", "-in", "seal.der", "-noout", "-text", NULL };
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (sp_seal_is_demo (demo));
  g_assert_cmpint (sp_seal_get_key_kind (demo), ==, SP_SEAL_KEY_DEMO);
  g_assert_cmpuint (sp_seal_get_key_bits (demo), ==, 2048);
  g_assert_nonnull (strstr (sp_seal_get_subject (demo), "DEMO"));
  g_assert_nonnull (strstr (sp_seal_get_subject (demo), "Santarcangelo di Romagna"));
  /* Never one of AgID's policies. */
  g_assert_true (strv_has (sp_seal_get_policies (demo), "2.5.29.32.0"));
  g_assert_false (strv_has (sp_seal_get_policies (demo), "1.3.76.16.4.5"));
  g_assert_true (sp_seal_check_usable (demo, now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_seal_get_days_left (demo, now), >=, 364);
  assert_signs (demo);

  /* openssl reads it as a self-signed certificate with the notice. */
  write_work_file ("seal.der", sp_seal_get_certificate (demo));
  g_spawn_sync (work_dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "DEMO - Sportello demo seal, not issued by AgID"));

  g_assert_true (sp_seal_save (db->store, demo, SP_ACTOR_SYSTEM, FALSE, &error));
  g_assert_no_error (error);
  loaded = sp_seal_load_demo (db->store, &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_is_demo (loaded));
  assert_signs (loaded);
  g_clear_object (&loaded);

  /* The comune still has no seal: the demo's never seals for real. */
  loaded = sp_seal_load (db->store, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE);
  g_assert_null (loaded);
}

static void
test_pkcs11 (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pem = read_work_file ("good-cert.pem");
  g_autoptr(GBytes) der = read_work_file ("good-cert.der");
  g_autoptr(GBytes) full_url = read_work_file ("good.pkcs11-url");
  g_autofree char *url = g_strstrip (g_strndup (g_bytes_get_data (full_url, NULL),
                                                 g_bytes_get_size (full_url)));
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(SpSeal) loaded = NULL;
  g_autoptr(SpSeal) refused = NULL;
  g_autofree char *location = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 now = sp_store_now ();

  /* Wrong PIN, a certificate that is not the token key's, not a URI. */
  before = snapshot (db);
  refused = sp_seal_new_from_pkcs11 (TOKEN_URL, pem, "0000", now, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_TOKEN);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = sp_seal_new_from_pkcs11 (OTHER_URL, pem, TOKEN_PIN, now, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_KEY_MISMATCH);
  g_clear_error (&error);
  refused = sp_seal_new_from_pkcs11 ("/dev/sc0", pem, TOKEN_PIN, now, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_FORMAT);
  g_clear_error (&error);
  refused = sp_seal_new_from_pkcs11 ("pkcs11:token=no-such-token;object=seal;type=private",
                                     pem, TOKEN_PIN, now, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_TOKEN);
  g_clear_error (&error);
  refused = sp_seal_new_from_pkcs11 (TOKEN_URL, pem, TOKEN_PIN, now + 800 * DAY, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_EXPIRED);
  g_clear_error (&error);
  after = snapshot (db);
  g_assert_cmpstr (before, ==, after);

  /* A PIN in the URI is used, and then forgotten by the URI. */
  seal = sp_seal_new_from_pkcs11 (TOKEN_URL "?pin-value=" TOKEN_PIN, der, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_seal_get_key_kind (seal), ==, SP_SEAL_KEY_PKCS11);
  location = sp_seal_dup_key_location (seal);
  g_assert_cmpstr (location, ==, TOKEN_URL);
  assert_signs (seal);
  g_clear_object (&seal);

  /* The full URI p11tool lists; kept with its PIN: signs after loading
   * without asking. */
  seal = sp_seal_new_from_pkcs11 (url, pem, TOKEN_PIN, now, &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, seal, admin, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SpStatement) row = sp_test_query_row (db, "SELECT pin FROM seals WHERE kind = 'pkcs11' "
                                                        "AND private_key IS NULL AND pin IS NOT NULL");
    g_autoptr(GBytes) pin = sp_statement_dup_bytes (row, 0);
    g_autoptr(GBytes) clear = g_bytes_new_static (TOKEN_PIN, strlen (TOKEN_PIN));

    /* Kept, but never in clear. */
    g_assert_false (blob_contains (pin, clear));
  }
  loaded = sp_seal_load (db->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_seal_get_key_kind (loaded), ==, SP_SEAL_KEY_PKCS11);
  g_free (location);
  location = sp_seal_dup_key_location (loaded);
  g_assert_cmpstr (location, ==, url);
  assert_signs (loaded);
  g_clear_object (&loaded);
  g_clear_object (&seal);

  /* Kept without: the PIN is not in the database. This process is
   * logged in to the token now (PKCS#11 login is per application), so a
   * fresh one, which has no PIN callback, tries to sign with it. */
  seal = sp_seal_new_from_pkcs11 (TOKEN_URL, pem, TOKEN_PIN, now, &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, seal, admin, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM seals WHERE retired_at IS NULL "
                                      "AND kind = 'pkcs11' AND pin IS NULL"), ==, 1);
  g_setenv ("SP_TEST_SEAL_DB", db->path, TRUE);
  g_test_trap_subprocess ("/seal/pkcs11/without-pin", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*token refused, as it should*");
}

/* In the subprocess of test_pkcs11: the seal kept without PIN, loaded in
 * a process that never logged in, does not sign. */
static void
test_pkcs11_without_pin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(GBytes) input = g_bytes_new_static ("a.b", 3);
  g_autoptr(GBytes) signature = NULL;

  if (!g_test_subprocess ())
    return;

  store = sp_store_open (g_getenv ("SP_TEST_SEAL_DB"), &error);
  g_assert_no_error (error);
  seal = sp_seal_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_seal_get_key_kind (seal), ==, SP_SEAL_KEY_PKCS11);
  signature = sp_seal_sign (seal, input, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_TOKEN);
  g_assert_null (signature);
  g_print ("token refused, as it should\n");
}

static void
make_fixtures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "seal", "make-test-seals.sh", NULL);
  g_autofree char *config = work_path ("softhsm2.conf");
  g_autofree char *cut = work_path ("cut.p12");
  g_autofree char *flipped = work_path ("flipped.p12");
  guint8 *bytes;
  gsize size;

  run ("bash", script, work_dir, NULL);
  /* Before GnuTLS first loads p11-kit's modules, so SoftHSM2 reads it. */
  g_setenv ("SOFTHSM2_CONF", config, TRUE);

  run ("openssl", "pkey", "-in", "good-key.pem", "-outform", "DER", "-out", "good-key.der", NULL);

  good = read_work_file ("good.p12");
  g_file_set_contents (cut, g_bytes_get_data (good, NULL), g_bytes_get_size (good) / 2, &error);
  g_assert_no_error (error);
  bytes = g_bytes_unref_to_data (g_steal_pointer (&good), &size);
  bytes[size - 40] ^= 0x01;
  g_file_set_contents (flipped, (const char *) bytes, size, &error);
  g_assert_no_error (error);
  g_free (bytes);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *rm[] = { "rm", "-rf", NULL, NULL };
  int result;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* A subprocess (g_test_trap_subprocess) uses its parent's fixtures,
   * and its SOFTHSM2_CONF. */
  if (g_test_subprocess ())
    work_dir = g_strdup (g_getenv ("SP_TEST_SEAL_WORK_DIR"));
  else
    {
      work_dir = g_dir_make_tmp ("test-seal-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("SP_TEST_SEAL_WORK_DIR", work_dir, TRUE);
      make_fixtures ();
    }

  g_test_add_func ("/seal/pkcs12/import", test_pkcs12_import);
  g_test_add_func ("/seal/pkcs12/refusals", test_pkcs12_refusals);
  SP_TEST_ADD_SETUP ("/seal/none", test_none);
  SP_TEST_ADD_SETUP ("/seal/save-load", test_save_load);
  SP_TEST_ADD_SETUP ("/seal/other-installation", test_other_installation);
  SP_TEST_ADD_SETUP ("/seal/refused-leaves-database", test_refused_leaves_database);
  SP_TEST_ADD_SETUP ("/seal/demo", test_demo);
  SP_TEST_ADD_SETUP ("/seal/pkcs11", test_pkcs11);
  g_test_add_func ("/seal/pkcs11/without-pin", test_pkcs11_without_pin);

  result = g_test_run ();

  if (g_test_subprocess ())
    {
      g_free (work_dir);
      return result;
    }
  rm[2] = work_dir;
  g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free (work_dir);
  return result;
}
