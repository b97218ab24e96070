/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-receipt.c — receipt payloads, signatures, storage, reprints and retention */
#include "config.h"

#include <libintl.h>
#include <string.h>

#include "sp-audit.h"
#include "sp-qr.h"
#include "sp-receipt.h"
#include "sp-receipt-signature.h"
#include "sp-test-util.h"

#define RECORD_UUID "0f8e5a3c-2b7d-4c1e-9a6f-3d2b1c0e9f87"

static GBytes *
make_secret (guint8 seed)
{
  guint8 key[32];

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) (seed * 31 + i * 7);

  return g_bytes_new (key, sizeof key);
}

static char *
sign (GBytes *secret, SpReceiptKind kind, const char *uuid)
{
  g_autoptr(GError) error = NULL;
  char *payload = sp_receipt_payload_sign (secret, kind, uuid, "20260123", &error);

  g_assert_no_error (error);
  g_assert_nonnull (payload);
  return payload;
}

static void
assert_rejected (GBytes *secret, const char *text, SpReceiptError expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReceiptPayload) payload = sp_receipt_payload_verify (secret, text, &error);

  g_assert_null (payload);
  g_assert_error (error, SP_RECEIPT_ERROR, (gint) expected);
  g_assert_nonnull (error->message);
}

static void
test_payload_round_trip (void)
{
  g_autoptr(GBytes) secret = make_secret (1);
  g_autoptr(GError) error = NULL;

  for (SpReceiptKind kind = SP_RECEIPT_KIND_FIRST; kind <= SP_RECEIPT_KIND_LAST; kind++)
    {
      g_autofree char *text = sign (secret, kind, RECORD_UUID);
      g_autofree char *lower = g_ascii_strdown (text, -1);
      g_autofree char *padded = g_strdup_printf ("  %s\n", lower);
      g_autoptr(SpReceiptPayload) payload = NULL;
      g_autoptr(SpReceiptPayload) typed = NULL;
      g_autoptr(SpQrMatrix) matrix = NULL;

      g_assert_cmpuint (strlen (text), ==, 63);
      g_assert_true (g_str_has_prefix (text, "SP1-"));
      g_assert_true (sp_receipt_payload_is_candidate (text));
      /* Only characters of the QR code's alphanumeric mode. */
      for (const char *p = text; *p; p++)
        g_assert_nonnull (strchr ("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:", *p));
      /* And no part of the uuid in clear. */
      g_assert_null (strstr (text, "0f8e5a3c"));
      g_assert_null (strstr (text, "0F8E5A3C"));

      payload = sp_receipt_payload_verify (secret, text, &error);
      g_assert_no_error (error);
      g_assert_cmpint (payload->version, ==, 1);
      g_assert_cmpint (payload->kind, ==, kind);
      g_assert_cmpstr (payload->record_uuid, ==, RECORD_UUID);
      g_assert_cmpstr (payload->date, ==, "20260123");

      /* As a scanner with caps lock on, and with blanks around it. */
      typed = sp_receipt_payload_verify (secret, padded, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (typed->record_uuid, ==, RECORD_UUID);

      /* Typed by a scanner set to the other keyboard layout. */
      {
        g_autofree char *apostrophes = g_strdup (text);
        g_autoptr(SpReceiptPayload) from_layout = NULL;

        g_strdelimit (apostrophes, "-", '\'');
        from_layout = sp_receipt_payload_verify (secret, apostrophes, &error);
        g_assert_no_error (error);
        g_assert_cmpint (from_layout->kind, ==, kind);
      }

      /* Small enough for a version 4 symbol at level M. */
      matrix = sp_qr_matrix_new (text, &error);
      g_assert_no_error (error);
      g_assert_cmpint (matrix->version, <=, 4);
      g_assert_cmpint (matrix->size, ==, 17 + 4 * matrix->version);
    }
}

static void
test_payload_deterministic (void)
{
  g_autoptr(GBytes) secret = make_secret (1);
  g_autofree char *a = sign (secret, SP_RECEIPT_KIND_CIE_REQUEST, RECORD_UUID);
  g_autofree char *b = sign (secret, SP_RECEIPT_KIND_CIE_REQUEST, RECORD_UUID);
  g_autofree char *other_kind = sign (secret, SP_RECEIPT_KIND_APPOINTMENT, RECORD_UUID);
  g_autofree char *short_a = sp_receipt_payload_short_code (a);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a + 47, !=, other_kind + 47);
  g_assert_cmpuint (strlen (short_a), ==, 11);
  g_assert_cmpint (short_a[5], ==, '-');
}

static void
test_payload_one_char_changed (void)
{
  g_autoptr(GBytes) secret = make_secret (2);
  g_autofree char *text = sign (secret, SP_RECEIPT_KIND_SPID_IDENTIFICATION, RECORD_UUID);
  gsize length = strlen (text);

  /* Every position, every other character: never accepted. */
  for (gsize i = 0; i < length; i++)
    {
      const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567019-";

      for (const char *c = alphabet; *c; c++)
        {
          g_autofree char *changed = g_strdup (text);
          g_autoptr(GError) error = NULL;
          g_autoptr(SpReceiptPayload) payload = NULL;

          if (*c == text[i])
            continue;
          changed[i] = *c;
          payload = sp_receipt_payload_verify (secret, changed, &error);
          g_assert_null (payload);
          g_assert_nonnull (error);
          g_assert_true (error->domain == SP_RECEIPT_ERROR);
        }
    }

  /* Where it was changed decides what is reported. */
  {
    g_autofree char *in_uuid = g_strdup (text);
    g_autofree char *in_mac = g_strdup (text);
    g_autofree char *in_date = g_strdup (text);
    g_autofree char *in_key = g_strdup (text);
    g_autofree char *in_kind = g_strdup (text);

    in_uuid[25] = in_uuid[25] == 'A' ? 'B' : 'A';
    in_mac[50] = in_mac[50] == 'A' ? 'B' : 'A';
    in_date[13] = in_date[13] == '4' ? '5' : '4';       /* 20260124: a valid date */
    in_key[16] = in_key[16] == 'A' ? 'B' : 'A';
    in_kind[4] = 'C';

    assert_rejected (secret, in_uuid, SP_RECEIPT_ERROR_TAMPERED);
    assert_rejected (secret, in_mac, SP_RECEIPT_ERROR_TAMPERED);
    assert_rejected (secret, in_date, SP_RECEIPT_ERROR_TAMPERED);
    assert_rejected (secret, in_kind, SP_RECEIPT_ERROR_TAMPERED);
    assert_rejected (secret, in_key, SP_RECEIPT_ERROR_FOREIGN);
  }
}

static void
test_payload_truncated (void)
{
  g_autoptr(GBytes) secret = make_secret (3);
  g_autofree char *text = sign (secret, SP_RECEIPT_KIND_APPOINTMENT, RECORD_UUID);

  for (gsize n = 2; n < strlen (text); n++)
    {
      g_autofree char *cut = g_strndup (text, n);

      assert_rejected (secret, cut, SP_RECEIPT_ERROR_TRUNCATED);
    }

  /* One character too many is not a truncation. */
  {
    g_autofree char *longer = g_strconcat (text, "A", NULL);

    assert_rejected (secret, longer, SP_RECEIPT_ERROR_MALFORMED);
  }
}

static void
test_payload_foreign (void)
{
  g_autoptr(GBytes) ours = make_secret (4);
  g_autoptr(GBytes) theirs = make_secret (5);
  g_autofree char *text = sign (theirs, SP_RECEIPT_KIND_CIE_REQUEST, RECORD_UUID);
  g_autoptr(SpReceiptPayload) parsed = NULL;
  g_autoptr(GError) error = NULL;

  assert_rejected (ours, text, SP_RECEIPT_ERROR_FOREIGN);

  /* Still well formed: a desk can say which record it claims to be. */
  parsed = sp_receipt_payload_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->record_uuid, ==, RECORD_UUID);
}

static void
test_payload_garbage (void)
{
  g_autoptr(GBytes) secret = make_secret (6);
  g_autofree char *text = sign (secret, SP_RECEIPT_KIND_SPID_IDENTIFICATION, RECORD_UUID);
  g_autofree char *newer = g_strdup (text);
  g_autofree char *unknown_kind = g_strdup (text);
  g_autofree char *bad_date = g_strdup (text);
  g_autofree char *huge = g_strnfill (100000, 'A');
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const char *alphabet = "SP1-ABCDEFGHIJKLMNOPQRSTUVWXYZ234567890 \t:/";

  newer[2] = '2';
  unknown_kind[4] = 'Z';
  memcpy (bad_date + 10, "1399", 4);              /* 13th month, 99th day */

  assert_rejected (secret, newer, SP_RECEIPT_ERROR_VERSION);
  assert_rejected (secret, unknown_kind, SP_RECEIPT_ERROR_UNKNOWN_KIND);
  assert_rejected (secret, bad_date, SP_RECEIPT_ERROR_MALFORMED);
  assert_rejected (secret, "", SP_RECEIPT_ERROR_MALFORMED);
  assert_rejected (secret, "RSSMRA80A01H501U", SP_RECEIPT_ERROR_MALFORMED);
  assert_rejected (secret, "https://example.org/", SP_RECEIPT_ERROR_MALFORMED);
  assert_rejected (secret, huge, SP_RECEIPT_ERROR_MALFORMED);
  g_assert_false (sp_receipt_payload_is_candidate ("RSSMRA80A01H501U"));

  /* Random text shaped like a payload never passes and never crashes. */
  for (guint i = 0; i < 20000; i++)
    {
      guint length = g_rand_int_range (rand, 0, 80);
      g_autofree char *random = g_malloc (MAX (length, 4) + 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(SpReceiptPayload) payload = NULL;

      memcpy (random, "SP1-", 4);
      for (guint j = 4; j < length; j++)
        random[j] = alphabet[g_rand_int_range (rand, 0, strlen (alphabet))];
      random[MAX (length, 4)] = '\0';

      payload = sp_receipt_payload_verify (secret, random, &error);
      g_assert_null (payload);
      g_assert_nonnull (error);
    }
}

static SpReceipt *
issue_spid (SpTestDb *db, const char *record_uuid)
{
  g_autoptr(GError) error = NULL;
  SpReceipt *receipt = sp_receipt_new (SP_RECEIPT_KIND_SPID_IDENTIFICATION, record_uuid);

  sp_receipt_set_language (receipt, "en");
  sp_receipt_set_desk (receipt, 1, "Sportello 1");
  sp_receipt_set_operator (receipt, 1, "Anna Amministratrice");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, "Citizen", "Mario Rossi");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, "First half of the code", "K7QD4M");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, "Complete the activation by", "2026-02-22");

  g_assert_true (sp_receipt_issue (db->store, receipt, (SpActor) { 1, 1 }, &error));
  g_assert_no_error (error);
  return receipt;
}

static void
test_issue_and_verify (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpReceipt) issued = issue_spid (db, RECORD_UUID);
  g_autoptr(SpReceipt) found = NULL;
  g_autoptr(SpReceipt) loaded = NULL;
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autoptr(GError) error = NULL;
  const SpReceiptField *field;

  g_assert_cmpint (sp_receipt_get_id (issued), >, 0);
  g_assert_true (g_uuid_string_is_valid (sp_receipt_get_uuid (issued)));
  g_assert_nonnull (sp_receipt_get_payload (issued));
  g_assert_cmpuint (sp_receipt_get_copy (issued), ==, 1);
  g_assert_false (sp_receipt_is_duplicate (issued));
  g_assert_cmpstr (sp_receipt_get_comune_name (issued), ==, "Santarcangelo di Romagna");
  /* No personal data in the QR. */
  g_assert_null (strstr (sp_receipt_get_payload (issued), "ROSSI"));
  g_assert_null (strstr (sp_receipt_get_payload (issued), "K7QD4M"));

  found = sp_receipt_verify (db->store, sp_receipt_get_payload (issued), &payload, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (sp_receipt_get_uuid (found), ==, sp_receipt_get_uuid (issued));
  g_assert_cmpstr (payload->record_uuid, ==, RECORD_UUID);

  /* Everything needed to print it again came back from the database. */
  loaded = sp_receipt_load (db->store, sp_receipt_get_uuid (issued), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_receipt_get_payload (loaded), ==, sp_receipt_get_payload (issued));
  g_assert_cmpstr (sp_receipt_get_short_code (loaded), ==, sp_receipt_get_short_code (issued));
  g_assert_cmpstr (sp_receipt_get_language (loaded), ==, "en");
  g_assert_cmpstr (sp_receipt_get_desk_name (loaded), ==, "Sportello 1");
  g_assert_cmpstr (sp_receipt_get_operator_name (loaded), ==, "Anna Amministratrice");
  g_assert_cmpint (sp_receipt_get_issued_at (loaded), ==, sp_receipt_get_issued_at (issued));
  g_assert_cmpuint (sp_receipt_get_n_fields (loaded), ==, 3);
  field = sp_receipt_get_field (loaded, 1);
  g_assert_cmpstr (field->label, ==, "First half of the code");
  g_assert_cmpstr (field->value, ==, "K7QD4M");
  g_assert_cmpint (field->type, ==, SP_RECEIPT_FIELD_CODE);
  field = sp_receipt_get_field (loaded, 2);
  g_assert_cmpint (field->type, ==, SP_RECEIPT_FIELD_DATE);
  g_assert_cmpuint (sp_receipt_get_print_count (loaded), ==, 1);

  /* The record's latest receipt. */
  g_clear_object (&loaded);
  loaded = sp_receipt_load_for_record (db->store, SP_RECEIPT_KIND_SPID_IDENTIFICATION,
                                       RECORD_UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_receipt_get_uuid (loaded), ==, sp_receipt_get_uuid (issued));
}

static void
test_verify_in_store_rejects (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpReceipt) issued = issue_spid (db, RECORD_UUID);
  g_autoptr(GBytes) secret = sp_store_get_installation_secret (db->store, NULL);
  g_autoptr(GBytes) other = make_secret (9);
  g_autofree char *tampered = g_strdup (sp_receipt_get_payload (issued));
  g_autofree char *truncated = g_strndup (sp_receipt_get_payload (issued), 40);
  g_autofree char *missing = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  struct { const char *text; SpReceiptError code; } cases[4];

  tampered[30] = tampered[30] == 'Q' ? 'R' : 'Q';
  today = g_date_time_format (now, "%Y%m%d");
  /* Authentic, but for a record this database does not have. */
  missing = sp_receipt_payload_sign (secret, SP_RECEIPT_KIND_SPID_IDENTIFICATION,
                                     "11111111-2222-4333-8444-555555555555", today, NULL);
  foreign = sp_receipt_payload_sign (other, SP_RECEIPT_KIND_SPID_IDENTIFICATION,
                                     RECORD_UUID, today, NULL);

  cases[0].text = tampered;  cases[0].code = SP_RECEIPT_ERROR_TAMPERED;
  cases[1].text = truncated; cases[1].code = SP_RECEIPT_ERROR_TRUNCATED;
  cases[2].text = missing;   cases[2].code = SP_RECEIPT_ERROR_NOT_FOUND;
  cases[3].text = foreign;   cases[3].code = SP_RECEIPT_ERROR_FOREIGN;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpReceiptPayload) payload = NULL;
      g_autoptr(SpReceipt) receipt = NULL;

      receipt = sp_receipt_verify (db->store, cases[i].text, &payload, &error);
      g_assert_null (receipt);
      g_assert_error (error, SP_RECEIPT_ERROR, (gint) cases[i].code);
      /* Parsed whenever well formed, so the desk can name the record. */
      if (cases[i].code == SP_RECEIPT_ERROR_TRUNCATED)
        g_assert_null (payload);
      else
        g_assert_nonnull (payload);
    }
}

static void
test_reprint_recorded (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpReceipt) issued = issue_spid (db, RECORD_UUID);
  g_autoptr(SpReceipt) second = NULL;
  g_autoptr(SpReceipt) third = NULL;
  g_autoptr(SpReceipt) reloaded = NULL;
  g_autoptr(GPtrArray) prints = NULL;
  g_autoptr(GError) error = NULL;
  SpReceiptPrint *print;
  guint64 checked = 0;
  guint reprints = 0;

  second = sp_receipt_reprint (db->store, sp_receipt_get_uuid (issued), (SpActor) { 1, 1 },
                               "Anna Amministratrice", &error);
  g_assert_no_error (error);
  third = sp_receipt_reprint (db->store, sp_receipt_get_uuid (issued), SP_ACTOR_SYSTEM,
                              "sportello-admin", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (sp_receipt_get_copy (second), ==, 2);
  g_assert_true (sp_receipt_is_duplicate (second));
  g_assert_cmpuint (sp_receipt_get_copy (third), ==, 3);
  g_assert_cmpuint (sp_receipt_get_print_count (third), ==, 3);
  /* The same receipt: same code, so it verifies like the original. */
  g_assert_cmpstr (sp_receipt_get_payload (third), ==, sp_receipt_get_payload (issued));

  reloaded = sp_receipt_load (db->store, sp_receipt_get_uuid (issued), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_receipt_get_print_count (reloaded), ==, 3);
  g_assert_false (sp_receipt_is_duplicate (reloaded));

  prints = sp_receipt_list_prints (db->store, reloaded, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prints->len, ==, 3);
  print = g_ptr_array_index (prints, 1);
  g_assert_cmpuint (print->copy, ==, 2);
  g_assert_cmpint (print->operator_id, ==, 1);
  g_assert_cmpint (print->desk_id, ==, 1);
  g_assert_cmpstr (print->printed_by, ==, "Anna Amministratrice");
  g_assert_cmpint (print->printed_at, >=, sp_receipt_get_issued_at (issued));
  print = g_ptr_array_index (prints, 2);
  g_assert_cmpint (print->operator_id, ==, 0);
  g_assert_cmpstr (print->printed_by, ==, "sportello-admin");

  /* Audited, and the chain still holds. */
  reprints = (guint) sp_store_query_int (db->store, 0, &error,
                                         "SELECT count(*) FROM audit WHERE action = 'receipt-reprint' "
                                         "AND subject_uuid = ?1", SP_TEXT (sp_receipt_get_uuid (issued)), SP_END);
  g_assert_no_error (error);
  g_assert_cmpuint (reprints, ==, 2);
  g_assert_true (sp_audit_verify (db->store, &checked, NULL, &error));
  g_assert_no_error (error);

  /* A receipt that does not exist cannot be reprinted. */
  g_clear_object (&second);
  second = sp_receipt_reprint (db->store, "11111111-2222-4333-8444-555555555555",
                               SP_ACTOR_SYSTEM, "x", &error);
  g_assert_null (second);
  g_assert_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND);
}

static void
test_short_code_lookup (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpReceipt) issued = issue_spid (db, RECORD_UUID);
  g_autoptr(SpReceipt) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = g_ascii_strdown (sp_receipt_get_short_code (issued), -1);

  /* As a clerk might type it: lower case, O as 0, I as 1, B as 8. */
  g_strdelimit (typed, "o", '0');
  g_strdelimit (typed, "i", '1');
  g_strdelimit (typed, "b", '8');

  found = sp_receipt_lookup_short_code (db->store, typed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_receipt_get_uuid (found), ==, sp_receipt_get_uuid (issued));

  g_clear_object (&found);
  found = sp_receipt_lookup_short_code (db->store, "AAAAA-AAAAA", &error);
  g_assert_null (found);
  g_assert_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND);
}

static void
test_issue_rejects_bad_record (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpReceipt) receipt = sp_receipt_new (SP_RECEIPT_KIND_APPOINTMENT, "not-a-uuid");
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_receipt_issue (db->store, receipt, SP_ACTOR_SYSTEM, &error));
  g_assert_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID);

  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM receipts"), ==, 0);
}

/* The receipt's language comes from the installed catalogue, whatever the
 * process's own language (the tests run with LANGUAGE=C). */
static void
test_translate_from_catalogue (void)
{
  /* Isolated per test by G_TEST_OPTION_ISOLATE_DIRS, and removed after. */
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "locale", NULL);
  g_autofree char *messages = g_build_filename (dir, "it", "LC_MESSAGES", NULL);
  g_autofree char *po = g_build_filename (dir, "it.po", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *po_text =
    "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
    "msgid \"Desk\"\nmsgstr \"Sportello\"\n\n"
    "msgid \"Operator\"\nmsgstr \"Operatore\"\n\n"
    "msgctxt \"receipt date\"\nmsgid \"%d/%m/%Y\"\nmsgstr \"%d.%m.%Y\"\n\n"
    "msgid \"Untranslated\"\nmsgstr \"\"\n";
  const char *argv[] = { "msgfmt", "-o", mo, po, NULL };

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_assert_true (g_file_set_contents (po, po_text, -1, NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  bindtextdomain (GETTEXT_PACKAGE, dir);

  g_assert_cmpstr (sp_catalogue_translate ("it", "Desk"), ==, "Sportello");
  g_assert_cmpstr (sp_catalogue_translate ("it_IT", "Operator"), ==, "Operatore");
  g_assert_cmpstr (sp_catalogue_translate ("it", "Untranslated"), ==, "Untranslated");
  g_assert_cmpstr (sp_catalogue_translate ("it", "Not in the catalogue"), ==, "Not in the catalogue");
  g_assert_cmpstr (sp_catalogue_translate_context ("it", "receipt date", "%d/%m/%Y"), ==, "%d.%m.%Y");
  g_assert_cmpstr (sp_catalogue_translate ("en", "Desk"), ==, "Desk");
  g_assert_cmpstr (sp_catalogue_translate ("xx", "Desk"), ==, "Desk");
  /* The process itself still speaks the source language. */
  g_assert_cmpstr (dgettext (GETTEXT_PACKAGE, "Desk"), ==, "Desk");
}

/* Retention's eraser for receipts: the printed fields of old receipts
 * whose records were erased go; everything else stays. */
static void
insert_record (SpTestDb   *db,
               const char *sql,
               const char *uuid)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_store_run (db->store, &error, sql, SP_TEXT (uuid), SP_END), >=, 0);
  g_assert_no_error (error);
}


static guint
count_fields (SpTestDb *db, SpReceipt *receipt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReceipt) loaded = sp_receipt_load (db->store, sp_receipt_get_uuid (receipt), &error);

  g_assert_no_error (error);
  return sp_receipt_get_n_fields (loaded);
}

static void
test_erase_fields_before (SpTestDb *db, gconstpointer data)
{
  const char *erased_id = "00000000-0000-4000-8000-000000000001";
  const char *kept_id = "00000000-0000-4000-8000-000000000002";
  const char *draft_id = "00000000-0000-4000-8000-000000000003";
  const char *recent_id = "00000000-0000-4000-8000-000000000004";
  const char *erased_cie = "00000000-0000-4000-8000-000000000005";
  const gint64 day = G_USEC_PER_SEC * G_GINT64_CONSTANT (86400);
  gint64 now = sp_store_now ();
  gint64 cutoff = now - 30 * day;
  g_autoptr(GDateTime) cutoff_time = g_date_time_new_from_unix_local (cutoff / G_USEC_PER_SEC);
  g_autofree char *cutoff_day = g_date_time_format (cutoff_time, "%Y-%m-%d");
  g_autoptr(SpReceipt) erased = NULL;
  g_autoptr(SpReceipt) kept = NULL;
  g_autoptr(SpReceipt) draft = NULL;
  g_autoptr(SpReceipt) cie = NULL;
  g_autoptr(SpReceipt) recent = NULL;
  g_autoptr(GError) error = NULL;

  /* Identifications as their eraser leaves them (no codice fiscale), one
   * still holding its data, and a draft not yet filled in. */
  insert_record (db, "INSERT INTO identifications (uuid, state, codice_fiscale, created_at, updated_at) "
                 "VALUES (?1, 'completed', '', 0, 0)", erased_id);
  insert_record (db, "INSERT INTO identifications (uuid, state, codice_fiscale, created_at, updated_at) "
                 "VALUES (?1, 'completed', 'RSSMRA80A01H501U', 0, 0)", kept_id);
  insert_record (db, "INSERT INTO identifications (uuid, state, codice_fiscale, created_at, updated_at) "
                 "VALUES (?1, 'draft', '', 0, 0)", draft_id);
  insert_record (db, "INSERT INTO identifications (uuid, state, codice_fiscale, created_at, updated_at) "
                 "VALUES (?1, 'completed', '', 0, 0)", recent_id);
  /* A CIE request with the marks its eraser writes. */
  insert_record (db, "INSERT INTO cie_requests (uuid, codice_fiscale, surname, given_name, birth_date, "
                 "reason, ministry_number, card_number, fee_cents, payment_method, fingerprints, "
                 "organ_donation, delivery, validity_years, expected_delivery, state, created_at, updated_at) "
                 "VALUES (?1, '" SP_ERASED_CODICE_FISCALE "', '" SP_ERASED_TEXT "', '" SP_ERASED_TEXT "', "
                 "'0000-00-00', 'first', 'X1', '', 0, 'cash', 'taken', 'no', 'comune', 10, "
                 "'2026-01-01', 'delivered', 0, 0)", erased_cie);

  sp_store_set_simulated_clock (now - 60 * day);
  erased = issue_spid (db, erased_id);
  kept = issue_spid (db, kept_id);
  draft = issue_spid (db, draft_id);
  cie = issue_spid (db, erased_cie);
  sp_store_set_simulated_clock (0);
  recent = issue_spid (db, recent_id);

  g_assert_cmpint (sp_receipt_erase_fields_before (db->store, cutoff, cutoff_day, &error), ==, 2);
  g_assert_no_error (error);

  g_assert_cmpuint (count_fields (db, erased), ==, 0);
  g_assert_cmpuint (count_fields (db, cie), ==, 0);
  g_assert_cmpuint (count_fields (db, kept), ==, 3);
  g_assert_cmpuint (count_fields (db, draft), ==, 3);
  g_assert_cmpuint (count_fields (db, recent), ==, 3);

  /* Nothing left to erase the second time. */
  g_assert_cmpint (sp_receipt_erase_fields_before (db->store, cutoff, cutoff_day, &error), ==, 0);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/receipt/payload/round-trip", test_payload_round_trip);
  g_test_add_func ("/receipt/payload/deterministic", test_payload_deterministic);
  g_test_add_func ("/receipt/payload/one-char-changed", test_payload_one_char_changed);
  g_test_add_func ("/receipt/payload/truncated", test_payload_truncated);
  g_test_add_func ("/receipt/payload/foreign", test_payload_foreign);
  g_test_add_func ("/receipt/payload/garbage", test_payload_garbage);
  g_test_add_func ("/receipt/translate/catalogue", test_translate_from_catalogue);
  SP_TEST_ADD_SETUP ("/receipt/store/issue-and-verify", test_issue_and_verify);
  SP_TEST_ADD_SETUP ("/receipt/store/verify-rejects", test_verify_in_store_rejects);
  SP_TEST_ADD_SETUP ("/receipt/store/reprint-recorded", test_reprint_recorded);
  SP_TEST_ADD_SETUP ("/receipt/store/short-code", test_short_code_lookup);
  SP_TEST_ADD_SETUP ("/receipt/store/bad-record", test_issue_rejects_bad_record);
  SP_TEST_ADD_SETUP ("/receipt/store/erase-fields-before", test_erase_fields_before);

  return g_test_run ();
}
