/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-spid.c — the time from "complete" to the receipt PDF ready
 *
 * What the clerk waits for after pressing Complete: the rules checked once
 * more in core, the citizen stored, the activation code drawn, the token
 * encrypted and sealed, the email queued,
 * the receipt issued and signed, and its PDF written. Prints one line per
 * figure: name<TAB>value<TAB>unit<TAB>baseline; the baseline of the whole
 * is issuing and rendering the same receipt alone (no identification).
 * Each figure is the median of RUNS runs on a fresh database.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-util.h"
#include "sp-health-card.h"
#include "sp-rao-request.h"
#include "sp-receipt-render.h"
#include "sp-spid-token.h"

#define RUNS 15

static SpIdentification *
make_draft (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  SpIdentification *id = sp_identification_new_draft (store, (SpActor) { 1, 1 },
                                                      SP_IDENTIFICATION_CHANNEL_RAO, &error);
  const char *first19 = "8038000000000000001";
  g_autofree char *hc = g_strdup_printf ("%s%c", first19, sp_health_card_luhn_digit (first19));

  if (id == NULL)
    g_error ("%s", error->message);
  sp_fixture_fill_citizen (id, "RSSMRA80A01H294E", hc);
  sp_identification_set_field (id, SP_ID_MOBILE, "3331234567");
  sp_identification_set_field (id, SP_ID_MOBILE_CONFIRM, "3331234567");
  sp_identification_set_field (id, SP_ID_LANGUAGE, "it");
  if (!sp_identification_save_draft (store, id, &error))
    g_error ("%s", error->message);
  return id;
}

static GBytes *
read_file (const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/* The test seals of tests/seal/make-test-seals.sh: the PKCS#12 file and
 * the same key on a SoftHSM2 token. */
static void
make_seals (const char  *dir,
            SpSeal     **file_seal,
            SpSeal     **token_seal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) p12 = NULL;
  g_autoptr(GBytes) url = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autofree char *config = g_build_filename (dir, "softhsm2.conf", NULL);
  g_autofree char *url_text = NULL;
  const char *argv[] = { "bash", SP_TEST_SEALS_SCRIPT, dir, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("make-test-seals.sh: %s", error->message);
  g_setenv ("SOFTHSM2_CONF", config, TRUE);

  p12 = read_file (dir, "good.p12");
  *file_seal = sp_seal_new_from_pkcs12 (p12, "test", sp_store_now (), &error);
  if (*file_seal == NULL)
    g_error ("%s", error->message);
  url = read_file (dir, "good.pkcs11-url");
  cert = read_file (dir, "good-cert.pem");
  url_text = g_strstrip (g_strndup (g_bytes_get_data (url, NULL), g_bytes_get_size (url)));
  *token_seal = sp_seal_new_from_pkcs11 (url_text, cert, "1234", sp_store_now (), &error);
  if (*token_seal == NULL)
    g_error ("%s", error->message);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *seals = NULL;
  g_autoptr(SpPlaces) places = NULL;
  BenchDb db = { 0 };
  double total[RUNS], complete[RUNS], receipt_ms[RUNS], render[RUNS], baseline[RUNS], token[RUNS];
  double total_pkcs11[RUNS], issue_file[RUNS], issue_pkcs11[RUNS], sign_file[RUNS], sign_pkcs11[RUNS];
  g_autoptr(SpSeal) file_seal = NULL;
  g_autoptr(SpSeal) token_seal = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(GBytes) input = NULL;
  GDate today;

  bench_db_open (&db, "sp-bench-spid-XXXXXX");
  pdf = g_build_filename (db.dir, "receipt.pdf", NULL);
  seals = g_build_filename (db.dir, "seals", NULL);
  places = sp_places_new_builtin (&error);
  if (places == NULL)
    g_error ("%s", error->message);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  make_seals (seals, &file_seal, &token_seal);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(SpIdentification) id = make_draft (db.store);
      g_autoptr(SpReceipt) receipt = NULL;
      g_autoptr(SpReceipt) alone = NULL;
      g_autofree char *sealed = NULL;
      g_autofree char *code = NULL;
      gint64 t0, t1, t2, t3;

      g_autoptr(SpIdentification) on_token = make_draft (db.store);
      g_autofree char *token_code = NULL;
      g_autofree char *issued = NULL;
      g_autoptr(GBytes) signature = NULL;

      if (i == 0 && !sp_seal_save (db.store, file_seal, (SpActor) { 1, 1 }, FALSE, &error))
        g_error ("%s", error->message);

      /* Complete → receipt issued → PDF written, with the key in the store. */
      t0 = g_get_monotonic_time ();
      if (!sp_identification_complete (db.store, id, (SpActor) { 1, 1 }, places, &today, &code, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      receipt = sp_identification_issue_receipt (db.store, id, (SpActor) { 1, 1 }, "Sportello 1",
                                                 "Anna Amministratrice", &error);
      if (receipt == NULL)
        g_error ("%s", error->message);
      t2 = g_get_monotonic_time ();
      if (!sp_receipt_render_to_pdf (receipt, SP_RECEIPT_PAPER_A4, pdf, &error))
        g_error ("%s", error->message);
      t3 = g_get_monotonic_time ();
      complete[i] = (t1 - t0) / 1000.0;
      receipt_ms[i] = (t2 - t1) / 1000.0;
      render[i] = (t3 - t2) / 1000.0;
      total[i] = (t3 - t0) / 1000.0;

      /* The same with the key on the PKCS#11 token. */
      t0 = g_get_monotonic_time ();
      if (!sp_identification_complete_sealed (db.store, on_token, (SpActor) { 1, 1 }, places, &today,
                                              token_seal, 0, &token_code, &error))
        g_error ("%s", error->message);
      g_clear_object (&receipt);
      receipt = sp_identification_issue_receipt (db.store, on_token, (SpActor) { 1, 1 }, "Sportello 1",
                                                 "Anna Amministratrice", &error);
      if (receipt == NULL || !sp_receipt_render_to_pdf (receipt, SP_RECEIPT_PAPER_A4, pdf, &error))
        g_error ("%s", error->message);
      total_pkcs11[i] = (g_get_monotonic_time () - t0) / 1000.0;

      /* The token alone, and the RS256 signature alone, with each key. */
      if (request == NULL)
        {
          request = sp_rao_request_build (id, places, "c_i304", 1, time (NULL), &error);
          if (request == NULL)
            g_error ("%s", error->message);
          input = g_bytes_new_static ("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJZMTlwTXpBMC5NUT09In0", 67);
        }
      t0 = g_get_monotonic_time ();
      issued = sp_spid_token_issue (file_seal, request, code, &error);
      issue_file[i] = (g_get_monotonic_time () - t0) / 1000.0;
      g_clear_pointer (&issued, g_free);
      t0 = g_get_monotonic_time ();
      issued = sp_spid_token_issue (token_seal, request, code, &error);
      issue_pkcs11[i] = (g_get_monotonic_time () - t0) / 1000.0;
      if (issued == NULL)
        g_error ("%s", error->message);
      t0 = g_get_monotonic_time ();
      signature = sp_seal_sign (file_seal, input, &error);
      sign_file[i] = (g_get_monotonic_time () - t0) / 1000.0;
      g_clear_pointer (&signature, g_bytes_unref);
      t0 = g_get_monotonic_time ();
      signature = sp_seal_sign (token_seal, input, &error);
      sign_pkcs11[i] = (g_get_monotonic_time () - t0) / 1000.0;
      if (signature == NULL)
        g_error ("%s", error->message);

      /* Baseline: the same receipt, issued and rendered with no case. */
      alone = bench_spid_receipt_new ("Rossi Mario");
      t0 = g_get_monotonic_time ();
      if (!sp_receipt_issue (db.store, alone, (SpActor) { 1, 1 }, &error) ||
          !sp_receipt_render_to_pdf (alone, SP_RECEIPT_PAPER_A4, pdf, &error))
        g_error ("%s", error->message);
      baseline[i] = (g_get_monotonic_time () - t0) / 1000.0;

      /* The JWE alone (SHA-512 of the code, A256CBC-HS512). */
      t0 = g_get_monotonic_time ();
      sealed = sp_spid_token_encrypt (code, "{}", &error);
      if (sealed == NULL)
        g_error ("%s", error->message);
      token[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  g_print ("%s\t%.1f\t%s\t%.1f\n", "spid-complete-to-receipt-pdf", bench_median (total, RUNS), "ms", bench_median (baseline, RUNS));
  g_print ("%s\t%.1f\t%s\t%.1f\n", "spid-complete-to-receipt-pdf-pkcs11", bench_median (total_pkcs11, RUNS), "ms",
           bench_median (baseline, RUNS));
  g_print ("%s\t%.1f\t%s\t%s\n", "spid-complete-transition", bench_median (complete, RUNS), "ms", "");
  g_print ("%s\t%.2f\t%s\t%.2f\n", "spid-token-issue-file-key", bench_median (issue_file, RUNS), "ms", bench_median (token, RUNS));
  g_print ("%s\t%.2f\t%s\t%.2f\n", "spid-token-issue-softhsm2", bench_median (issue_pkcs11, RUNS), "ms", bench_median (token, RUNS));
  g_print ("%s\t%.2f\t%s\t%s\n", "spid-seal-sign-file-key", bench_median (sign_file, RUNS), "ms", "");
  g_print ("%s\t%.2f\t%s\t%s\n", "spid-seal-sign-softhsm2", bench_median (sign_pkcs11, RUNS), "ms", "");
  g_print ("%s\t%.3f\t%s\t%s\n", "spid-token-jwe-encrypt", bench_median (token, RUNS), "ms", "");
  g_print ("%s\t%.1f\t%s\t%s\n", "spid-receipt-issue", bench_median (receipt_ms, RUNS), "ms", "");
  g_print ("%s\t%.1f\t%s\t%s\n", "spid-receipt-render-pdf-a4", bench_median (render, RUNS), "ms", "");

  {
    const char *rm[] = { "rm", "-rf", seals, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_remove (pdf);
  bench_db_close (&db);
  return 0;
}
