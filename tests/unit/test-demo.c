/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-demo.c — sportello-admin demo: everything written by its owners as a
 * clerk's actions write it, RAO identifications sealed, with their e-mail
 * and receipt. */
#include "config.h"

#include <string.h>

#include "sp-demo.h"
#include "sp-seal.h"
#include "sp-setup.h"
#include "sp-spid-token.h"
#include "sp-test-cases.h"

#define P12_PASSWORD "test"
#define THIRTY_DAYS  ((gint64) SP_SPID_TOKEN_VALIDITY_SECONDS * G_USEC_PER_SEC)

/* Made once in main (): tests/seal/make-test-seals.sh's seals, and one of
 * its key's made valid since 60 days, to seal a whole demo period. */
static char *work_dir;

/* The demo's period ends yesterday, so that two runs see the same days. */
static void
demo_options (SpDemoOptions *options,
              guint          days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  *options = (SpDemoOptions) { .days = days, .desks = 2, .seed = 7 };
  g_date_clear (&options->last_day, 1);
  g_date_set_dmy (&options->last_day, g_date_time_get_day_of_month (yesterday),
                  g_date_time_get_month (yesterday), g_date_time_get_year (yesterday));
}

static gint64
demo_end (const SpDemoOptions *options)
{
  g_autoptr(GDateTime) end = g_date_time_new_local (g_date_get_year (&options->last_day),
                                                    g_date_get_month (&options->last_day),
                                                    g_date_get_day (&options->last_day), 23, 59, 59);
  return g_date_time_to_unix (end) * G_USEC_PER_SEC;
}

static void
generate (SpStore             *store,
          const SpDemoOptions *options,
          SpDemoResult        *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_demo_generate (store, SP_ACTOR_SYSTEM, options, NULL, NULL, result, &error));
  g_assert_no_error (error);
}

static gint64
count_bound (SpStore    *store,
             const char *sql,
             gint64      value)
{
  g_autoptr(GError) error = NULL;
  gint64 count = sp_store_query_int (store, -1, &error, sql, SP_INT (value), SP_END);

  g_assert_no_error (error);
  return count;
}

/* The counts the demo reports are the rows it wrote. */
static void
assert_counts (SpTestDb           *db,
               const SpDemoResult *result)
{
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM citizens"), ==, result->citizens);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications"), ==, result->identifications);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_requests"), ==, result->cie_requests);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM appointments"), ==, result->appointments);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM tallies"), ==, result->tallies);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox"), ==, result->emails);
  g_assert_cmpint (result->total, ==, result->citizens + result->identifications + result->cie_requests +
                                      result->appointments + result->tallies + result->emails);
}

static void
assert_audit_verifies (SpTestDb *db)
{
  g_autoptr(GError) error = NULL;
  guint64 checked = 0;
  gint64 broken = 0;

  g_assert_true (sp_audit_verify (db->store, &checked, &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
  g_assert_cmpint (checked, >, 0);
}

/* Everything is written by its owner, at the moment of the day it
 * happened, with the audit rows a clerk's actions leave: each citizen when
 * they first came; appointments in a calendar of their desk; every
 * completed identification with its receipt; and the store's clock is the
 * real one again. */
static void
assert_written_by_owners (SpTestDb           *db,
                          const SpDemoResult *result)
{
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'citizen-add'"), ==,
                   result->citizens);
  g_assert_cmpint (sp_test_count (db, "SELECT count(DISTINCT created_at) FROM citizens"), >, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM operators WHERE substr (username, 1, 4) = 'demo'"), ==, 5);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'operator-add'"), >=, 5);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM desks WHERE name = 'Sportello 2'"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM tallies WHERE at > (SELECT max(at) FROM tallies) "
                                      "- 86400000000 * 60"), ==, result->tallies);

  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM appointments a WHERE NOT EXISTS "
                                      "(SELECT 1 FROM calendars k WHERE k.desk_id = a.desk_id "
                                      " AND k.service_id = a.service_id)"), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action IN "
                                      "('appointment-book', 'appointment-walk-in')"), ==, result->appointments);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM appointments WHERE state = 'served'"), >, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM appointments WHERE state = 'no-show'"), >, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'appointment-finish'"), ==,
                   sp_test_count (db, "SELECT count(*) FROM appointments WHERE state = 'served'"));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'cie-request'"), ==,
                   result->cie_requests);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_requests c WHERE NOT EXISTS "
                                      "(SELECT 1 FROM appointments a WHERE a.id = c.appointment_id "
                                      " AND a.state = 'served')"), ==, 0);

  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE state = 'refused'"), >, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications i WHERE state <> 'refused' AND "
                                      "(SELECT count(*) FROM receipts r WHERE r.record_uuid = i.uuid) <> 1"), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action IN ('spid-complete', 'spid-refuse')"),
                   ==, result->identifications);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM cie_wait_snapshots"), >, 0);
  g_assert_cmpint (ABS (sp_store_now () - g_get_real_time ()), <, 60 * G_USEC_PER_SEC);
}

/* Every completed RAO identification is one of the last 30 days, with its
 * token sealed by seal_id, its receipt, and its e-mail waiting in the
 * outbox with the token attached; the older ones were sealed just the
 * same, and the expiry job expired them after their deadline. */
static void
assert_sealed (SpTestDb           *db,
               const SpDemoResult *result,
               gint64              end,
               gint64              seal_id)
{
  const char *sealed =
    "SELECT count(*) FROM identifications i WHERE channel = 'rao' AND state IN ('completed', 'expired') "
    "AND token IS NOT NULL AND code_first_half IS NOT NULL AND expires_at = completed_at + 2592000000000 "
    "AND seal_id = ?1 "
    "AND EXISTS (SELECT 1 FROM receipts r WHERE r.record_uuid = i.uuid) "
    "AND (SELECT count(*) FROM outbox o WHERE o.subject_uuid = i.uuid "
    "     AND o.attachment_name = i.uuid || '_tuo_token.txt' "
    "     AND o.attachment IS NOT NULL) = 1";

  g_assert_cmpint (result->sealed, >, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications "
                                      "WHERE state = 'completed' AND channel = 'rao'"), ==, result->sealed);
  g_assert_cmpint (count_bound (db->store,
                                "SELECT count(*) FROM identifications WHERE state = 'completed' "
                                "AND channel = 'rao' AND completed_at > ?1", end - THIRTY_DAYS), ==, result->sealed);
  g_assert_cmpint (count_bound (db->store, sealed, seal_id), ==,
                   sp_test_count (db, "SELECT count(*) FROM identifications WHERE channel = 'rao' "
                                      "AND state <> 'refused'"));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL"), ==, result->emails);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox WHERE subject_uuid NOT IN "
                                      "(SELECT uuid FROM identifications WHERE token IS NOT NULL)"), ==, 0);
  /* The attachment is the token itself, compared as bytes: the two
   * engines turn a blob into text differently. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStatement) stmt = sp_store_query (db->store, &error,
      "SELECT o.attachment, i.token FROM outbox o JOIN identifications i ON i.uuid = o.subject_uuid "
      "WHERE o.attachment IS NOT NULL", SP_END);
    guint n = 0;

    while (sp_statement_next (stmt, &error))
      {
        g_autoptr(GBytes) attachment = sp_statement_dup_bytes (stmt, 0);
        const char *token = sp_statement_get_text (stmt, 1);
        gsize size = 0;
        const char *data = g_bytes_get_data (attachment, &size);

        g_assert_cmpmem (data, size, token, strlen (token));
        n++;
      }
    g_assert_no_error (error);
    g_assert_cmpuint (n, >, 0);
  }

  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE state = 'expired'"), >, 0);
  g_assert_cmpint (count_bound (db->store,
                                "SELECT count(*) FROM identifications WHERE state = 'expired' AND (channel <> 'rao' "
                                "OR completed_at IS NULL OR completed_at > ?1 OR expired_at < expires_at "
                                "OR token IS NULL)",
                                end - THIRTY_DAYS), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'spid-expire'"), ==,
                   sp_test_count (db, "SELECT count(*) FROM identifications WHERE state = 'expired'"));
}

static void
test_demo_seal (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) comune = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  SpDemoOptions options;
  SpDemoResult result;

  demo_options (&options, 45);
  generate (db->store, &options, &result);

  /* No comune seal: the demo made its own, valid over the whole period
   * (its days are past), kept in the demo's slot. */
  g_assert_cmpint (result.unsealed, ==, 0);
  g_assert_true (result.demo_seal);
  comune = sp_seal_load (db->store, &error);
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE);
  g_assert_null (comune);
  g_clear_error (&error);
  seal = sp_seal_load_demo (db->store, &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_is_demo (seal));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM seals"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM seals WHERE kind = 'demo'"), ==, 1);

  assert_sealed (db, &result, demo_end (&options), sp_seal_get_id (seal));
  assert_counts (db, &result);
  assert_audit_verifies (db);
  assert_written_by_owners (db, &result);

  /* Its e-mails and receipts say they are a demo's. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox WHERE body NOT LIKE '%DEMO%'"), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM receipts WHERE kind = 'spid-identification'"), >, 0);
  /* (A partner counter's receipt has no seal to name.) */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM receipts r JOIN identifications i "
                                      "ON i.uuid = r.record_uuid WHERE i.channel = 'rao' "
                                      "AND r.fields NOT LIKE '%\"label\":\"DEMO\"%'"), ==, 0);
  subject = sp_test_query_text (db, "SELECT subject FROM outbox LIMIT 1");
  g_assert_true (g_str_has_prefix (subject, "[DEMO]"));
  body = sp_test_query_text (db, "SELECT body FROM outbox LIMIT 1");
  g_assert_nonnull (strstr (body, "_tuo_token.txt"));

  /* A second run keeps the demo seal it made. */
  options.seed = 8;
  generate (db->store, &options, &result);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM seals"), ==, 1);
  assert_audit_verifies (db);
}

/* Without an IPA code nothing can be sealed: the RAO ones went through
 * the partner counter (the recent ones are counted), and everything else
 * is the same data: the same citizens identified or refused at the same
 * desks and times. */
static void
test_no_ipa_same_data (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sp_test_db_location ("no-ipa.db");
  g_autoptr(SpStore) other = NULL;
  g_autofree char *with_seal = NULL;
  g_autofree char *without = NULL;
  SpSetupData setup = {
    .comune_name = "Santarcangelo di Romagna",
    .desk_name = "Sportello 1",
    .desk_kind = SP_DESK_COUNTER,
    .admin_username = "admin",
    .admin_display_name = "Anna Amministratrice",
    .admin_password = SP_TEST_PASSWORD,
  };
  const char *digest =
    "SELECT codice_fiscale, CASE WHEN state = 'refused' THEN 1 ELSE 0 END, coalesce(completed_at, refused_at), desk_id, operator_id "
    "FROM identifications ORDER BY coalesce(completed_at, refused_at), codice_fiscale";
  SpDemoOptions options;
  SpDemoResult sealed, unsealed;

  other = sp_store_open (path, &error);
  g_assert_no_error (error);
  sp_setup_run (other, &setup, &error);
  g_assert_no_error (error);

  demo_options (&options, 40);
  generate (db->store, &options, &sealed);
  generate (other, &options, &unsealed);

  g_assert_cmpint (sealed.sealed, >, 0);
  g_assert_cmpint (unsealed.sealed, ==, 0);
  g_assert_cmpint (unsealed.unsealed, ==, sealed.sealed);
  g_assert_cmpint (unsealed.emails, ==, 0);
  g_assert_cmpint (unsealed.identifications, ==, sealed.identifications);
  g_assert_cmpint (unsealed.citizens, ==, sealed.citizens);
  g_assert_cmpint (unsealed.cie_requests, ==, sealed.cie_requests);
  g_assert_cmpint (unsealed.appointments, ==, sealed.appointments);
  g_assert_cmpint (unsealed.tallies, ==, sealed.tallies);

  with_seal = sp_test_snapshot (db->store, digest, FALSE);
  without = sp_test_snapshot (other, digest, FALSE);
  g_assert_cmpstr (with_seal, ==, without);
  g_assert_cmpint (count_bound (other, "SELECT count(*) FROM identifications WHERE state = 'completed' "
                                       "AND channel = 'rao' AND ?1 IS NOT NULL", 1), ==, 0);
  g_assert_cmpint (count_bound (other, "SELECT count(*) FROM seals WHERE ?1 IS NOT NULL", 1), ==, 0);
  g_assert_cmpint (count_bound (other, "SELECT count(*) FROM identifications WHERE channel = 'rao' "
                                       "AND ?1 IS NOT NULL", 1), ==, 0);
  assert_counts (db, &sealed);
  assert_written_by_owners (db, &sealed);
  assert_audit_verifies (db);
}

/* With the comune's seal set, the demo seals with it and makes none. */
static void
test_comune_seal (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(SpSeal) loaded = NULL;
  g_autofree char *path = g_build_filename (work_dir, "backdated.p12", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) p12 = NULL;
  SpDemoOptions options;
  SpDemoResult result;
  gsize size;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  p12 = g_bytes_new_take (g_steal_pointer (&contents), size);
  seal = sp_seal_new_from_pkcs12 (p12, P12_PASSWORD, sp_store_now (), &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, seal, (SpActor) { 1, 1 }, FALSE, &error));
  g_assert_no_error (error);

  demo_options (&options, 35);
  generate (db->store, &options, &result);

  g_assert_false (result.demo_seal);
  loaded = sp_seal_load (db->store, &error);
  g_assert_no_error (error);
  g_assert_false (sp_seal_is_demo (loaded));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM seals WHERE kind = 'demo'"), ==, 0);
  assert_sealed (db, &result, demo_end (&options), sp_seal_get_id (loaded));
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox WHERE subject LIKE '%DEMO%'"), ==, 0);
  assert_counts (db, &result);
  assert_audit_verifies (db);
  assert_written_by_owners (db, &result);
}

/* Runs a command in work_dir; the test fails, never skips, when it is
 * missing or fails. */
static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (work_dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

/* make-test-seals.sh's good seal is valid from yesterday only; the same
 * key with a certificate valid since 60 days, like the script's (AgID's
 * policy with a user notice), covers a whole demo period. */
static const char backdate_script[] =
  "import datetime\n"
  "from cryptography import x509\n"
  "from cryptography.x509.oid import NameOID\n"
  "from cryptography.hazmat.primitives import hashes, serialization\n"
  "from cryptography.hazmat.primitives.serialization import pkcs12\n"
  "key = serialization.load_pem_private_key(open('good-key.pem', 'rb').read(), None)\n"
  "name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'SPID-Adesione RAO pubblico'),\n"
  "                  x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'Comune di Prova (backdated)'),\n"
  "                  x509.NameAttribute(NameOID.COUNTRY_NAME, 'IT')])\n"
  "now = datetime.datetime.utcnow()\n"
  "notice = x509.UserNotice(None, 'Sigillo di prova per RAO pubblico: non rilasciato da AgID')\n"
  "policy = x509.PolicyInformation(x509.ObjectIdentifier('1.3.76.16.4.1.1'), [notice])\n"
  "usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,\n"
  "                      data_encipherment=False, key_agreement=False, key_cert_sign=False,\n"
  "                      crl_sign=False, encipher_only=False, decipher_only=False)\n"
  "cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)\n"
  "        .public_key(key.public_key()).serial_number(x509.random_serial_number())\n"
  "        .not_valid_before(now - datetime.timedelta(days=60))\n"
  "        .not_valid_after(now + datetime.timedelta(days=365))\n"
  "        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)\n"
  "        .add_extension(usage, critical=True)\n"
  "        .add_extension(x509.CertificatePolicies([policy]), critical=False)\n"
  "        .sign(key, hashes.SHA256()))\n"
  "open('backdated.p12', 'wb').write(pkcs12.serialize_key_and_certificates(\n"
  "    b'backdated', key, cert, None, serialization.BestAvailableEncryption(b'test')))\n";

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  int result;

  sp_test_use_rome_time ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  work_dir = g_dir_make_tmp ("test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_test_build_filename (G_TEST_DIST, "seal", "make-test-seals.sh", NULL);
  run ((const char *[]) { "bash", script, work_dir, NULL });
  /* Debian's python3, which has python3-cryptography. */
  run ((const char *[]) { "/usr/bin/python3", "-c", backdate_script, NULL });

  SP_TEST_ADD_SETUP ("/demo/demo-seal", test_demo_seal);
  SP_TEST_ADD_SETUP ("/demo/no-ipa-same-data", test_no_ipa_same_data);
  SP_TEST_ADD_SETUP ("/demo/comune-seal", test_comune_seal);

  result = g_test_run ();

  run ((const char *[]) { "rm", "-rf", work_dir, NULL });
  g_free (work_dir);
  return result;
}
