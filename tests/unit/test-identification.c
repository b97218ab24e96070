/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-identification.c — SPID identifications: citizens, rules,
 * transitions, the outbox */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-activation-code.h"
#include "sp-audit.h"
#include "sp-citizen.h"
#include "sp-codice-fiscale.h"
#include "sp-contact.h"
#include "sp-draft-spool.h"
#include "sp-error.h"
#include "sp-health-card.h"
#include "sp-identification.h"
#include "sp-mailer.h"
#include "sp-operator.h"
#include "sp-outbox.h"
#include "sp-rao-request.h"
#include "sp-seal.h"
#include "sp-spid-token.h"
#include "sp-test-cases.h"

static SpPlaces *places;
/* Makes the PKCS#12 test seal name (tests/seal/make-test-seals.sh) the
 * comune's seal, imported as if at now. */
static void
set_seal (SpTestDb   *db,
          const char *name,
          gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (sp_test_seals_dir (), name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) p12 = NULL;
  g_autoptr(SpSeal) seal = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  p12 = g_bytes_new_take (g_steal_pointer (&contents), len);
  seal = sp_seal_new_from_pkcs12 (p12, "test", now, &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, seal, (SpActor) { 1, 1 }, FALSE, &error));
  g_assert_no_error (error);
}

static SpActor
actor (void)
{
  return (SpActor) { 1, 1 };
}

static void
today (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, 23, 11, 2026);
}

static char *
valid_health_card (void)
{
  const char *first19 = "8038000000000000001";
  return g_strdup_printf ("%s%c", first19, sp_health_card_luhn_digit (first19));
}

static char *
cf_for (const char *surname, const char *name, char sex, int d, int m, int y)
{
  g_autoptr(GError) error = NULL;
  GDate birth;
  char *code;

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, d, m, y);
  code = sp_codice_fiscale_compute (surname, name, sex, &birth, "H294", &error);
  g_assert_no_error (error);
  return code;
}

/* A draft with every field right: an adult born in Rimini. */
/* What the clerk ticks on the checks step. */
static const char * const check_flags[] = {
  SP_ID_FLAG_CHECK_PHOTO, SP_ID_FLAG_CHECK_DOCUMENT, SP_ID_FLAG_CHECK_PRIVACY, SP_ID_FLAG_CHECK_SIGNED,
};

static SpIdentification *
make_complete_draft (SpTestDb *db, SpIdentificationChannel channel)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cf = cf_for ("Rossi", "Mario", 'M', 1, 1, 1980);
  g_autofree char *hc = valid_health_card ();
  SpIdentification *id = sp_identification_new_draft (db->store, actor (), channel, &error);

  g_assert_no_error (error);
  sp_identification_set_fields (id,
                                SP_ID_CODICE_FISCALE, cf, SP_ID_SURNAME, "Rossi", SP_ID_NAME, "Mario",
                                SP_ID_SEX, "M", SP_ID_BIRTH_DATE, "01/01/1980", SP_ID_BIRTH_PLACE, "Rimini",
                                SP_ID_RESIDENCE_TYPE, "Via", SP_ID_RESIDENCE_STREET, "Roma",
                                SP_ID_RESIDENCE_NUMBER, "1", SP_ID_RESIDENCE_POSTCODE, "47822",
                                SP_ID_RESIDENCE_PLACE, "Santarcangelo di Romagna", SP_ID_DOCUMENT_TYPE, "cie",
                                SP_ID_DOCUMENT_NUMBER, "CA12345AB", SP_ID_DOCUMENT_ISSUER, "comune",
                                SP_ID_DOCUMENT_ISSUER_NAME, "Rimini", SP_ID_DOCUMENT_ISSUED, "10/03/2022",
                                SP_ID_DOCUMENT_EXPIRES, "10/03/2032", SP_ID_HEALTH_CARD_NUMBER, hc,
                                SP_ID_HEALTH_CARD_EXPIRES, "31/12/2029",
                                SP_ID_EMAIL, "mario.rossi@example.org",
                                SP_ID_EMAIL_CONFIRM, "mario.rossi@example.org", SP_ID_MOBILE_COUNTRY, "+39",
                                SP_ID_MOBILE, "333 123 4567", SP_ID_MOBILE_CONFIRM, "+393331234567",
                                NULL);
  sp_identification_set_flag (id, SP_ID_FLAG_CONSENT, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (check_flags); i++)
    sp_identification_set_flag (id, check_flags[i], TRUE);
  if (channel == SP_IDENTIFICATION_CHANNEL_PARTNER)
    sp_identification_set_fields (id, SP_ID_PROVIDER, "LepidaID", SP_ID_PROVIDER_REQUEST_CODE, "LEP-2026-0001",
                                  NULL);
  return id;
}

/* The same, at a comune that can seal RAO identifications. */
static SpIdentification *
make_sealed_draft (SpTestDb *db)
{
  if (!sp_identification_can_seal (db->store, NULL))
    set_seal (db, "good.p12", sp_store_now ());
  return make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_RAO);
}

static const SpIdentificationProblem *
find_rule (GPtrArray *problems, const char *rule)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((SpIdentificationProblem *) g_ptr_array_index (problems, i))->rule, rule))
      return g_ptr_array_index (problems, i);
  return NULL;
}

static gboolean
has_rule (GPtrArray *problems, const char *rule)
{
  return find_rule (problems, rule) != NULL;
}

static GPtrArray *
check (SpTestDb *db, SpIdentification *id)
{
  GDate d;
  today (&d);
  return sp_identification_check (id, db->store, places, &d);
}

/* One step of a rules test: the fields typed (pairs of key and value),
 * then what sp_identification_check () says. With rule NULL, nothing at
 * all; otherwise a problem of that rule, naming field, with message as
 * its text or part in it, where given. */
typedef struct
{
  const char *typed[8];
  const char *rule;
  const char *field;
  const char *message;
  const char *part;
} RuleStep;

static void
run_rule_steps (SpTestDb *db, SpIdentification *id, const RuleStep *steps, guint n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      const RuleStep *step = &steps[i];
      g_autoptr(GPtrArray) p = NULL;
      const SpIdentificationProblem *problem;

      for (guint k = 0; k < G_N_ELEMENTS (step->typed) && step->typed[k] != NULL; k += 2)
        sp_identification_set_field (id, step->typed[k], step->typed[k + 1]);
      p = check (db, id);
      if (step->rule == NULL)
        {
          for (guint j = 0; j < p->len; j++)
            g_test_message ("step %u, unexpected: %s", i, ((SpIdentificationProblem *) p->pdata[j])->message);
          g_assert_cmpuint (p->len, ==, 0);
          continue;
        }
      problem = find_rule (p, step->rule);
      g_assert_nonnull (problem);
      if (step->field != NULL)
        g_assert_cmpstr (problem->field, ==, step->field);
      if (step->message != NULL)
        g_assert_cmpstr (problem->message, ==, step->message);
      if (step->part != NULL)
        g_assert_nonnull (strstr (problem->message, step->part));
    }
}

static void
test_citizen_upsert (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCitizen) c = sp_citizen_new ();
  g_autoptr(SpCitizen) found = NULL;
  g_autoptr(SpCitizen) again = NULL;
  g_autofree char *cf = cf_for ("Rossi", "Mario", 'M', 1, 1, 1980);
  gint64 first_id;

  g_assert_null (sp_citizen_find_by_codice_fiscale (db->store, cf, &error));
  g_assert_no_error (error);

  g_free (c->codice_fiscale); c->codice_fiscale = g_ascii_strdown (cf, -1);
  g_free (c->surname); c->surname = g_strdup ("Rossi");
  g_free (c->name); c->name = g_strdup ("Mario");
  c->sex = 'M';
  g_free (c->birth_date); c->birth_date = g_strdup ("1980-01-01");
  g_assert_true (sp_citizen_upsert (db->store, actor (), c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c->id, >, 0);
  first_id = c->id;

  found = sp_citizen_find_by_codice_fiscale (db->store, cf, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->surname, ==, "Rossi");
  g_assert_cmpstr (found->email, ==, "");

  /* A second visit updates the same row. */
  g_free (found->email); found->email = g_strdup ("m@example.org");
  g_assert_true (sp_citizen_upsert (db->store, actor (), found, &error));
  g_assert_cmpint (found->id, ==, first_id);
  again = sp_citizen_lookup_by_id (db->store, first_id, &error);
  g_assert_cmpstr (again->email, ==, "m@example.org");

  /* Bad data is refused. */
  g_free (again->codice_fiscale); again->codice_fiscale = g_strdup ("RSS\"\"");
  g_assert_false (sp_citizen_upsert (db->store, actor (), again, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID);
}

static void
test_complete_draft_passes (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  g_autoptr(GPtrArray) problems = check (db, id);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("unexpected: %s", ((SpIdentificationProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_empty_draft_lists_everything (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = sp_identification_new_draft (db->store, actor (),
                                                                SP_IDENTIFICATION_CHANNEL_PARTNER, &error);
  g_autoptr(GPtrArray) problems = check (db, id);
  GDate d;

  g_assert_no_error (error);
  g_assert_true (has_rule (problems, "provider"));
  g_assert_true (has_rule (problems, "provider-request"));
  g_assert_true (has_rule (problems, "cf-invalid"));
  g_assert_true (has_rule (problems, "surname"));
  g_assert_true (has_rule (problems, "birth-date"));
  g_assert_true (has_rule (problems, "document-type"));
  g_assert_true (has_rule (problems, "health-card"));
  g_assert_true (has_rule (problems, "email"));
  g_assert_true (has_rule (problems, "mobile"));
  g_assert_true (has_rule (problems, "consent"));
  g_assert_true (has_rule (problems, "checklist"));

  /* Completing is refused in core, not only in the UI. */
  today (&d);
  g_assert_false (sp_identification_complete (db->store, id, actor (), places, &d, NULL, &error));
  g_assert_error (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_RULES);
  g_assert_cmpint (sp_identification_get_state (id), ==, SP_IDENTIFICATION_DRAFT);
}

static void
test_minor (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  g_autofree char *cf = cf_for ("Rossi", "Mario", 'M', 24, 11, 2008);
  g_autoptr(GPtrArray) p1 = NULL;
  g_autoptr(GPtrArray) p2 = NULL;
  g_autoptr(GPtrArray) p3 = NULL;
  g_autofree char *guardian = cf_for ("Rossi", "Paolo", 'M', 2, 2, 1970);

  /* 17 years old until tomorrow. */
  sp_identification_set_field (id, SP_ID_CODICE_FISCALE, cf);
  sp_identification_set_field (id, SP_ID_BIRTH_DATE, "24/11/2008");
  p1 = check (db, id);
  g_assert_true (has_rule (p1, "minor"));

  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_SPID_MINORS_ALLOWED, "1", NULL));
  p2 = check (db, id);
  g_assert_false (has_rule (p2, "minor"));
  g_assert_true (has_rule (p2, "guardian"));

  sp_identification_set_field (id, SP_ID_GUARDIAN_NAME, "Paolo Rossi");
  sp_identification_set_field (id, SP_ID_GUARDIAN_CF, guardian);
  p3 = check (db, id);
  g_assert_cmpuint (p3->len, ==, 0);

  /* Born exactly 18 years ago today: an adult. */
  {
    g_autofree char *cf18 = cf_for ("Rossi", "Mario", 'M', 23, 11, 2008);
    g_autoptr(GPtrArray) p4 = NULL;
    g_assert_true (sp_store_set_setting (db->store, SP_SETTING_SPID_MINORS_ALLOWED, "0", NULL));
    sp_identification_set_field (id, SP_ID_CODICE_FISCALE, cf18);
    sp_identification_set_field (id, SP_ID_BIRTH_DATE, "23/11/2008");
    p4 = check (db, id);
    g_assert_false (has_rule (p4, "minor"));
  }
}

static void
test_documents (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  /* Expired; from 3 August 2026 paper identity cards are refused; issued
   * in the future; a health card number that is not one. */
  static const RuleStep steps[] = {
    { { SP_ID_DOCUMENT_EXPIRES, "22/11/2026" }, "document" },
    { { SP_ID_DOCUMENT_TYPE, "identity-card", SP_ID_DOCUMENT_NUMBER, "AB1234567",
        SP_ID_DOCUMENT_EXPIRES, "10/03/2030" }, "document-not-accepted" },
    { { SP_ID_DOCUMENT_TYPE, "cie", SP_ID_DOCUMENT_NUMBER, "CA12345AB",
        SP_ID_DOCUMENT_ISSUED, "01/12/2026" }, "document" },
    { { SP_ID_DOCUMENT_ISSUED, "10/03/2022", SP_ID_HEALTH_CARD_NUMBER, "80380000000000000000" }, "health-card" },
  };

  run_rule_steps (db, id, steps, G_N_ELEMENTS (steps));
}

static void
test_mismatch_and_operator (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  g_autoptr(GPtrArray) p1 = NULL;
  g_autoptr(GPtrArray) p2 = NULL;
  g_autoptr(GPtrArray) p3 = NULL;
  g_autoptr(SpOperator) op = NULL;

  sp_identification_set_field (id, SP_ID_NAME, "Marco");
  p1 = check (db, id);
  g_assert_true (has_rule (p1, "cf-mismatch"));
  g_assert_cmpint (sp_identification_get_mismatches (id, places), ==, SP_CF_MISMATCH_NAME);

  sp_identification_set_acknowledged (id, SP_CF_MISMATCH_NAME);
  p2 = check (db, id);
  g_assert_false (has_rule (p2, "cf-mismatch"));

  op = sp_operator_add (db->store, SP_ACTOR_SYSTEM, "mrossi", "Mario Rossi",
                        sp_identification_get_field (id, SP_ID_CODICE_FISCALE),
                        SP_ROLE_CLERK, "Another-Horse-9", &error);
  g_assert_no_error (error);
  p3 = check (db, id);
  g_assert_true (has_rule (p3, "operator"));
}

static void
test_checklist (SpTestDb *db, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_flags); i++)
    {
      g_autoptr(SpIdentification) id = make_sealed_draft (db);
      g_autoptr(GPtrArray) problems = NULL;

      sp_identification_set_flag (id, check_flags[i], FALSE);
      problems = check (db, id);
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_cmpstr (((SpIdentificationProblem *) problems->pdata[0])->field, ==, check_flags[i]);

      g_assert_cmpint (((SpIdentificationProblem *) problems->pdata[0])->step, ==,
                       SP_IDENTIFICATION_STEP_CHECKS);
    }
}

/* No RAO without the comune's seal: none, the demo's, or one out of its
 * validity is refused; the partner counter needs none. */
static void
test_rules_seal (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) rao = sp_identification_new_draft (db->store, actor (),
                                                                 SP_IDENTIFICATION_CHANNEL_RAO, &error);
  g_autoptr(SpIdentification) partner = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_PARTNER);
  g_autoptr(SpSeal) demo = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) with_demo = NULL;
  g_autoptr(GPtrArray) expired = NULL;
  g_autoptr(GPtrArray) good = NULL;
  g_autoptr(GPtrArray) partner_problems = NULL;
  const SpIdentificationProblem *p;
  GDate d;

  g_assert_no_error (error);
  none = check (db, rao);
  p = find_rule (none, SP_ID_RULE_SEAL);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->field, ==, "channel");
  g_assert_cmpint (p->step, ==, SP_IDENTIFICATION_STEP_CITIZEN);
  g_assert_cmpstr (p->message, ==, "This desk cannot seal RAO identifications: the IT office must set "
                                   "the comune’s seal certificate.");
  g_assert_false (sp_identification_can_seal (db->store, &error));
  g_assert_error (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE);
  g_clear_error (&error);

  /* The partner counter is not held up. */
  partner_problems = check (db, partner);
  g_assert_cmpuint (partner_problems->len, ==, 0);

  /* The demo's seal never seals a real identification. */
  demo = sp_seal_new_demo ("Santarcangelo di Romagna", &error);
  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, demo, actor (), FALSE, &error));
  g_assert_no_error (error);
  with_demo = check (db, rao);
  g_assert_true (has_rule (with_demo, SP_ID_RULE_SEAL));

  /* A seal that was good when imported, expired since: the message says so. */
  set_seal (db, "expired.p12", sp_store_now () - 2 * G_TIME_SPAN_DAY);
  expired = check (db, rao);
  p = find_rule (expired, SP_ID_RULE_SEAL);
  g_assert_nonnull (p);
  g_assert_true (g_str_has_prefix (p->message, "This desk cannot seal RAO identifications: "));
  g_assert_null (strstr (p->message, "must set the comune’s seal certificate."));

  /* Core refuses to complete, not only the screen. */
  {
    g_autoptr(SpIdentification) full = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_PARTNER);

    sp_identification_set_channel (full, SP_IDENTIFICATION_CHANNEL_RAO);
    today (&d);
    g_assert_false (sp_identification_complete (db->store, full, actor (), places, &d, NULL, &error));
    g_assert_error (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_RULES);
    g_clear_error (&error);
    g_assert_cmpint (sp_identification_get_state (full), ==, SP_IDENTIFICATION_DRAFT);
  }

  set_seal (db, "good.p12", sp_store_now ());
  g_assert_true (sp_identification_can_seal (db->store, &error));
  g_assert_no_error (error);
  good = check (db, rao);
  g_assert_false (has_rule (good, SP_ID_RULE_SEAL));
}

/* The address: its type for the token, a comune or a foreign state. */
static void
test_rules_residence (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  g_autoptr(SpIdentification) partner = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_PARTNER);
  const char *name = NULL;

  /* The type a street is written with. */
  g_assert_cmpstr (sp_identification_split_street ("Via Roma", &name), ==, "Via");
  g_assert_cmpstr (name, ==, "Roma");
  g_assert_cmpstr (sp_identification_split_street ("  piazza Maggiore", &name), ==, "Piazza");
  g_assert_cmpstr (name, ==, "Maggiore");
  g_assert_cmpstr (sp_identification_split_street ("Viale dei Mille", &name), ==, "Viale");
  g_assert_cmpstr (name, ==, "dei Mille");
  g_assert_cmpstr (sp_identification_split_street ("Piazzale Roma", &name), ==, "Piazzale");
  g_assert_cmpstr (sp_identification_split_street ("P.zza Garibaldi", &name), ==, "Piazza");
  g_assert_cmpstr (name, ==, "Garibaldi");
  g_assert_cmpstr (sp_identification_split_street ("C.so Vittorio Emanuele II", &name), ==, "Corso");
  g_assert_cmpstr (sp_identification_split_street ("Via.Emilia", &name), ==, "Via");
  g_assert_cmpstr (name, ==, "Emilia");
  g_assert_null (sp_identification_split_street ("Viareggio", NULL));
  g_assert_null (sp_identification_split_street ("Via", NULL));
  g_assert_null (sp_identification_split_street ("Borgo San Giuliano", NULL));

  /* RAO needs one of the token's types; the partner counter does not. An
   * Italian postcode has 5 digits. Abroad: the state is the place, the
   * postcode is the other country's. Last, a place that does not exist,
   * or no longer does. */
  static const RuleStep steps[] = {
    { { SP_ID_RESIDENCE_TYPE, "" }, "residence-type", SP_ID_RESIDENCE_TYPE },
    { { SP_ID_RESIDENCE_TYPE, "Boulevard" }, "residence-type" },
    { { SP_ID_RESIDENCE_TYPE, "Altro" } },
    { { SP_ID_RESIDENCE_POSTCODE, "4782" }, "residence", .message = "The postcode (CAP) has 5 digits." },
    { { SP_ID_RESIDENCE_PLACE, "Regno Unito", SP_ID_RESIDENCE_STREET, "Downing Street, London",
        SP_ID_RESIDENCE_POSTCODE, "SW1A 2AA" } },
    { { SP_ID_RESIDENCE_PLACE, "Francia", SP_ID_RESIDENCE_POSTCODE, "75001", SP_ID_RESIDENCE_STREET, "" },
      "residence", .message = "Type the street and the town of residence." },
    { { SP_ID_RESIDENCE_STREET, "Rue de Rivoli 1, Paris", SP_ID_RESIDENCE_POSTCODE, "75001/" },
      "residence", SP_ID_RESIDENCE_POSTCODE },
    { { SP_ID_RESIDENCE_POSTCODE, "" }, "residence" },
    { { SP_ID_RESIDENCE_POSTCODE, "47822", SP_ID_RESIDENCE_PLACE, "Atlantide" }, "residence", SP_ID_RESIDENCE_PLACE },
    { { SP_ID_RESIDENCE_PLACE, "Jugoslavia" }, "residence", .part = "no longer exists" },
  };
  static const RuleStep partner_steps[] = {
    { { SP_ID_RESIDENCE_TYPE, "" } },
  };

  run_rule_steps (db, partner, partner_steps, G_N_ELEMENTS (partner_steps));
  run_rule_steps (db, id, steps, G_N_ELEMENTS (steps));
}

/* The mobile with its country calling code, +39 unless typed. */
static void
test_rules_mobile_country (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = NULL;
  static const char * const bad_codes[] = { "+", "+0", "+1234", "+3a", "tre", NULL };

  e164 = sp_identification_normalize_mobile (id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e164, ==, "+393331234567");
  g_clear_pointer (&e164, g_free);

  /* A draft from before the field: Italy. */
  sp_identification_set_field (id, SP_ID_MOBILE_COUNTRY, "");
  e164 = sp_identification_normalize_mobile (id, &error);
  g_assert_cmpstr (e164, ==, "+393331234567");
  g_clear_pointer (&e164, g_free);

  for (guint i = 0; bad_codes[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) p = NULL;

      sp_identification_set_field (id, SP_ID_MOBILE_COUNTRY, bad_codes[i]);
      p = check (db, id);
      g_assert_cmpstr (find_rule (p, "mobile")->field, ==, SP_ID_MOBILE_COUNTRY);
    }

  /* A British mobile, typed and confirmed without its prefix or with it. */
  sp_identification_set_fields (id,
                                SP_ID_MOBILE_COUNTRY, "+44", SP_ID_MOBILE, "7700 900123",
                                SP_ID_MOBILE_CONFIRM, "+44 7700 900123",
                                NULL);
  {
    g_autoptr(GPtrArray) p = check (db, id);
    g_assert_cmpuint (p->len, ==, 0);
  }
  e164 = sp_identification_normalize_mobile (id, &error);
  g_assert_cmpstr (e164, ==, "+447700900123");
  g_clear_pointer (&e164, g_free);

  /* Typed with another prefix than the code chosen: an error that says so. */
  sp_identification_set_field (id, SP_ID_MOBILE_COUNTRY, "+39");
  sp_identification_set_field (id, SP_ID_MOBILE, "+44 7700 900123");
  {
    g_autoptr(GPtrArray) p = check (db, id);
    const SpIdentificationProblem *mobile = find_rule (p, "mobile");
    g_assert_cmpstr (mobile->field, ==, SP_ID_MOBILE);
    g_assert_nonnull (strstr (mobile->message, "+39"));
    g_assert_nonnull (strstr (mobile->message, "another country prefix"));
  }
  g_assert_null (sp_identification_normalize_mobile (id, &error));
  g_assert_error (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_INVALID);
}

/* What AgID's token can carry of the document and its issuer. */
static void
test_rules_document_for_token (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  g_autoptr(SpIdentification) partner = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_PARTNER);
  static const struct { const char *type, *number, *issuer; } unknown[] = {
    { "firearms-licence", "123456A", "questura" },
    { "state-card", "AT1234567", "amministrazione" },
  };

  /* Documents the token has no type for: refused for RAO, in words. */
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr(GPtrArray) p = NULL;
      g_autoptr(GPtrArray) q = NULL;
      const SpIdentificationProblem *refused;

      sp_identification_set_fields (id,
                                    SP_ID_DOCUMENT_TYPE, unknown[i].type,
                                    SP_ID_DOCUMENT_NUMBER, unknown[i].number,
                                    SP_ID_DOCUMENT_ISSUER, unknown[i].issuer,
                                    NULL);
      sp_identification_set_fields (partner,
                                    SP_ID_DOCUMENT_TYPE, unknown[i].type,
                                    SP_ID_DOCUMENT_NUMBER, unknown[i].number,
                                    SP_ID_DOCUMENT_ISSUER, unknown[i].issuer,
                                    NULL);
      p = check (db, id);
      refused = find_rule (p, "document-rao");
      g_assert_nonnull (refused);
      g_assert_cmpstr (refused->field, ==, SP_ID_DOCUMENT_TYPE);
      g_assert_nonnull (strstr (refused->message, "accepts only an identity card, a passport or a driving licence"));
      q = check (db, partner);
      g_assert_false (has_rule (q, "document-rao"));
    }

  /* Passport, driving licence: known; the Ministry is the MIT, no place.
   * A CIE "issued by the Ministry" is not the MIT's. Any other issuer
   * needs its place, alone. The health card's expiry: required, and not
   * passed. */
  static const RuleStep steps[] = {
    { { SP_ID_DOCUMENT_TYPE, "driving-licence", SP_ID_DOCUMENT_NUMBER, "U1ABC2345D",
        SP_ID_DOCUMENT_ISSUER, "ministero", SP_ID_DOCUMENT_ISSUER_NAME, "" } },
    { { SP_ID_DOCUMENT_TYPE, "cie", SP_ID_DOCUMENT_NUMBER, "CA12345AB" }, "document-rao", SP_ID_DOCUMENT_ISSUER },
    { { SP_ID_DOCUMENT_ISSUER, "comune" }, "document-issuer-name", SP_ID_DOCUMENT_ISSUER_NAME },
    { { SP_ID_DOCUMENT_ISSUER_NAME, "Comune di Rimini" }, "document-issuer-name", .part = "Type only the place" },
    { { SP_ID_DOCUMENT_ISSUER_NAME, "Rimini 2" }, "document-issuer-name" },
    { { SP_ID_DOCUMENT_ISSUER_NAME, "Reggio nell’Emilia" } },
    { { SP_ID_HEALTH_CARD_EXPIRES, "" }, "health-card", SP_ID_HEALTH_CARD_EXPIRES },
    { { SP_ID_HEALTH_CARD_EXPIRES, "22/11/2026" }, "health-card", SP_ID_HEALTH_CARD_EXPIRES },
  };
  /* The partner counter keeps its rule: who issued it, in any words. */
  static const RuleStep partner_steps[] = {
    { { SP_ID_DOCUMENT_TYPE, "cie", SP_ID_DOCUMENT_NUMBER, "CA12345AB",
        SP_ID_DOCUMENT_ISSUER, "comune", SP_ID_DOCUMENT_ISSUER_NAME, "Comune di Rimini" } },
  };

  run_rule_steps (db, id, steps, G_N_ELEMENTS (steps));
  run_rule_steps (db, partner, partner_steps, G_N_ELEMENTS (partner_steps));
}

/* The new fields live in the draft and, the address type, with the citizen. */
static void
test_draft_new_fields (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  g_autoptr(SpIdentification) again = NULL;
  g_autoptr(SpIdentification) second = NULL;
  g_autoptr(SpCitizen) citizen = sp_citizen_new ();
  g_autoptr(SpCitizen) found = NULL;

  sp_identification_set_field (id, SP_ID_RESIDENCE_TYPE, "Piazza");
  sp_identification_set_field (id, SP_ID_MOBILE_COUNTRY, "+44");
  g_assert_true (sp_identification_save_draft (db->store, id, &error));
  g_assert_no_error (error);
  again = sp_identification_load (db->store, sp_identification_get_uuid (id), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_identification_get_field (again, SP_ID_RESIDENCE_TYPE), ==, "Piazza");
  g_assert_cmpstr (sp_identification_get_field (again, SP_ID_MOBILE_COUNTRY), ==, "+44");

  g_free (citizen->codice_fiscale);
  citizen->codice_fiscale = g_strdup ("RSSMRA80A01H294E");
  g_free (citizen->surname);
  citizen->surname = g_strdup ("Rossi");
  g_free (citizen->name);
  citizen->name = g_strdup ("Mario");
  citizen->sex = 'M';
  g_free (citizen->birth_date);
  citizen->birth_date = g_strdup ("1980-01-01");
  g_free (citizen->residence_type);
  citizen->residence_type = g_strdup ("Corso");
  g_free (citizen->residence_street);
  citizen->residence_street = g_strdup ("Matteotti");
  g_assert_true (sp_citizen_upsert (db->store, actor (), citizen, &error));
  g_assert_no_error (error);

  found = sp_citizen_find_by_codice_fiscale (db->store, "RSSMRA80A01H294E", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->residence_type, ==, "Corso");
  second = sp_identification_new_draft (db->store, actor (), SP_IDENTIFICATION_CHANNEL_RAO, &error);
  sp_identification_prefill (second, found, places);
  g_assert_cmpstr (sp_identification_get_field (second, SP_ID_RESIDENCE_TYPE), ==, "Corso");
  g_assert_cmpstr (sp_identification_get_field (second, SP_ID_RESIDENCE_STREET), ==, "Matteotti");

  /* Updated on the next visit. */
  g_free (citizen->residence_type);
  citizen->residence_type = g_strdup ("Via");
  g_assert_true (sp_citizen_upsert (db->store, actor (), citizen, &error));
  g_clear_pointer (&found, sp_citizen_free);
  found = sp_citizen_find_by_codice_fiscale (db->store, "RSSMRA80A01H294E", &error);
  g_assert_cmpstr (found->residence_type, ==, "Via");
}

static guint
count_audit (SpTestDb *db, const char *action)
{
  g_autoptr(GError) error = NULL;
  gint64 count = sp_store_query_int (db->store, -1, &error, "SELECT count(*) FROM audit WHERE action = ?1",
                                     SP_TEXT (action), SP_END);

  g_assert_no_error (error);
  return (guint) count;
}

/* Reads a token the way an identity provider does, with
 * tests/idp/idp_read_token.py (jwcrypto, not our code). */
static gboolean
idp_reads (const char *token, const char *first, const char *second)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reader = g_test_build_filename (G_TEST_DIST, "idp", "idp_read_token.py", NULL);
  g_autofree char *ca = g_build_filename (sp_test_seals_dir (), "ca.pem", NULL);
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "token.txt", NULL);
  const char *argv[] = { "/usr/bin/python3", reader, file, "--first", first, "--second", second,
                         "--ca", ca, NULL };
  int status = 0;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_file_set_contents (file, token, -1, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_complete_rao (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = sp_test_install_seal (db->store);
  g_autoptr(SpIdentification) id = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_RAO);
  g_autoptr(SpIdentification) loaded = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(SpCitizen) citizen = NULL;
  g_autoptr(SpSpidTokenContents) contents = NULL;
  g_autofree char *code = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *token = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *file_name = NULL;
  guint64 n = 0;
  GDate d;

  g_assert_true (sp_identification_save_draft (db->store, id, &error));
  g_assert_no_error (error);
  today (&d);
  g_assert_true (sp_identification_complete (db->store, id, actor (), places, &d, &code, &error));
  g_assert_no_error (error);
  g_assert_true (sp_activation_code_validate (code, &error));
  first = sp_activation_code_first_half (code);
  second = sp_activation_code_second_half (code);
  g_assert_cmpstr (sp_identification_get_code_first_half (id), ==, first);
  g_assert_cmpint (sp_identification_get_state (id), ==, SP_IDENTIFICATION_COMPLETED);

  loaded = sp_identification_load (db->store, sp_identification_get_uuid (id), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_identification_get_state (loaded), ==, SP_IDENTIFICATION_COMPLETED);
  g_assert_cmpstr (sp_identification_get_code_first_half (loaded), ==, first);
  /* The deadline is the token's exp: iat + 30 days. */
  g_assert_cmpint (sp_identification_get_expires_at (loaded), ==,
                   (sp_identification_get_completed_at (loaded) / G_USEC_PER_SEC + 30 * 86400) * G_USEC_PER_SEC);

  /* The second half is stored nowhere but in the e-mail. */
  {
    g_autofree char *body = sp_test_query_text (db, "SELECT body FROM outbox");
    g_autofree char *fields = sp_test_query_text (db, "SELECT data FROM identifications");
    const char *colon = strchr (body, ':');
    g_autofree char *mailed = colon != NULL ? g_strndup (colon + 2, 6) : NULL;

    g_assert_nonnull (mailed);
    g_assert_null (strstr (fields, mailed));
  }

  citizen = sp_citizen_find_by_codice_fiscale (db->store, sp_identification_get_field (id, SP_ID_CODICE_FISCALE), &error);
  g_assert_nonnull (citizen);
  g_assert_cmpstr (citizen->birth_place_code, ==, "H294");
  g_assert_cmpstr (citizen->mobile, ==, "+393331234567");
  g_assert_cmpstr (citizen->birth_date, ==, "1980-01-01");

  outbox = sp_outbox_list (db->store, FALSE, &error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((SpOutboxMessage *) outbox->pdata[0])->recipient, ==, "mario.rossi@example.org");
  g_assert_cmpuint (sp_outbox_count_unsent (db->store), ==, 1);

  /* The e-mail: AgID's subject, the second half (not the first), the token
   * attached as <uuid>_tuo_token.txt, the same that is kept. */
  token = sp_identification_dup_token (db->store, loaded, &error);
  g_assert_no_error (error);
  file_name = g_strdup_printf ("%s_tuo_token.txt", sp_identification_get_uuid (id));
  {
    g_autoptr(SpStatement) stmt = sp_store_query (db->store, NULL,
        "SELECT attachment, body, attachment_name, subject FROM outbox", SP_END);
    g_autoptr(GBytes) attachment = NULL;
    const char *body;

    g_assert_true (sp_statement_next (stmt, NULL));
    attachment = sp_statement_dup_bytes (stmt, 0);
    g_assert_cmpmem (g_bytes_get_data (attachment, NULL), g_bytes_get_size (attachment), token, strlen (token));
    body = sp_statement_get_text (stmt, 1);
    g_assert_nonnull (strstr (body, second));
    g_assert_null (strstr (body, code));
    g_assert_nonnull (strstr (body, "spid.gov.it"));
    g_assert_cmpstr (sp_statement_get_text (stmt, 2), ==, file_name);
    /* The citizen's language is Italian unless chosen: AgID's subject. */
    g_assert_cmpstr (sp_statement_get_text (stmt, 3), ==, "SPID - Identificazione presso Sportello Pubblico");
  }

  /* Sealed with the comune's seal; opens with both halves, in order. */
  contents = sp_spid_token_open (token, code, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (contents->certificate, sp_seal_get_certificate (seal)));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (
                     json_object_get_object_member (json_node_get_object (contents->request), "spidAttributes"),
                     "mandatoryAttributes"), "idCard"), "idCardIssuer"), ==, "comuneRimini");
  swapped = g_strconcat (second, first, NULL);
  g_assert_null (sp_spid_token_open (token, swapped, &error));
  g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_WRONG_CODE);
  g_clear_error (&error);
  /* And an identity provider reads it. */
  g_assert_true (idp_reads (token, first, second));
  g_assert_false (idp_reads (token, second, first));

  /* A citizen who lost the e-mail gets the same one again. */
  g_assert_true (sp_identification_resend_email (db->store, loaded, actor (), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_cmpint (sp_test_count (db, "SELECT count(DISTINCT body || attachment) FROM outbox"), ==, 1);
  g_assert_cmpuint (count_audit (db, SP_AUDIT_SPID_RESEND), ==, 1);

  /* A closed case cannot change, be completed again or refused. */
  g_assert_false (sp_identification_refuse (db->store, id, actor (), "other", "x", &error));
  g_assert_error (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (sp_identification_complete (db->store, id, actor (), places, &d, NULL, &error));
  g_assert_error (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE);
  g_clear_error (&error);

  receipt = sp_identification_issue_receipt (db->store, id, actor (), "Sportello 1", "Anna", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sp_receipt_get_payload (receipt));
  {
    gboolean found = FALSE;
    for (guint i = 0; i < sp_receipt_get_n_fields (receipt); i++)
      found |= g_strcmp0 (sp_receipt_get_field (receipt, i)->value, first) == 0;
    g_assert_true (found);
  }

  g_assert_cmpuint (count_audit (db, SP_AUDIT_SPID_START), ==, 1);
  g_assert_cmpuint (count_audit (db, SP_AUDIT_SPID_COMPLETE), ==, 1);
  g_assert_true (sp_audit_verify (db->store, &n, NULL, &error));

  /* Thirty days later the unused code expires, and is not sent again. */
  g_assert_cmpuint (sp_identification_expire_due (db->store, sp_store_now (), &error), ==, 0);
  g_assert_cmpuint (sp_identification_expire_due (db->store, sp_store_now () + 31 * G_TIME_SPAN_DAY, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = sp_identification_load (db->store, sp_identification_get_uuid (id), &error);
  g_assert_cmpint (sp_identification_get_state (loaded), ==, SP_IDENTIFICATION_EXPIRED);
  g_assert_cmpuint (count_audit (db, SP_AUDIT_SPID_EXPIRE), ==, 1);
  g_assert_false (sp_identification_resend_email (db->store, loaded, actor (), &error));
  g_assert_error (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE);
}

/* Without the comune's seal (a demo seal does not count) a RAO
 * identification is not completed and nothing is written. */
static void
test_complete_rao_without_seal (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_RAO);
  g_autoptr(SpSeal) demo = sp_seal_new_demo ("Santarcangelo di Romagna", &error);
  g_autofree char *code = NULL;
  GDate d;

  g_assert_no_error (error);
  g_assert_true (sp_seal_save (db->store, demo, actor (), FALSE, &error));
  g_assert_no_error (error);
  today (&d);
  g_assert_false (sp_identification_complete (db->store, id, actor (), places, &d, &code, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (code);
  g_assert_cmpint (sp_identification_get_state (id), ==, SP_IDENTIFICATION_DRAFT);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE state <> 'draft'"), ==, 0);
}

/* The desk asks again to complete an identification whose first
 * completion's outcome it did not learn (the server went during COMMIT,
 * and had committed): the desk's draft takes what was stored, and nothing
 * is sealed, queued or audited twice. */
static void
test_complete_idempotent (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = sp_test_install_seal (db->store);
  g_autoptr(SpIdentification) id = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_RAO);
  g_autoptr(SpIdentification) unaware = NULL;
  g_autofree char *code = NULL;
  g_autofree char *again = NULL;
  GDate d;

  g_assert_true (sp_identification_save_draft (db->store, id, &error));
  g_assert_no_error (error);
  /* The desk's object as it was before the lost reply. */
  unaware = sp_identification_load (db->store, sp_identification_get_uuid (id), &error);
  g_assert_no_error (error);
  today (&d);
  g_assert_true (sp_identification_complete (db->store, id, actor (), places, &d, &code, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sp_identification_get_state (unaware), ==, SP_IDENTIFICATION_DRAFT);
  g_assert_true (sp_identification_complete (db->store, unaware, actor (), places, &d, &again, &error));
  g_assert_no_error (error);
  g_assert_null (again);
  g_assert_cmpint (sp_identification_get_state (unaware), ==, SP_IDENTIFICATION_COMPLETED);
  g_assert_cmpstr (sp_identification_get_code_first_half (unaware), ==, sp_identification_get_code_first_half (id));
  g_assert_cmpuint (sp_outbox_count_unsent (db->store), ==, 1);
  g_assert_cmpuint (count_audit (db, SP_AUDIT_SPID_COMPLETE), ==, 1);
}

static void
test_complete_partner (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_PARTNER);
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *code = NULL;
  GDate d;

  today (&d);
  g_assert_true (sp_identification_complete (db->store, id, actor (), places, &d, &code, &error));
  g_assert_no_error (error);
  /* No split code and no email for a partner counter. */
  g_assert_null (code);
  g_assert_cmpuint (sp_outbox_count_unsent (db->store), ==, 0);
  receipt = sp_identification_issue_receipt (db->store, id, actor (), "Sportello 1", "Anna", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_receipt_get_field (receipt, 2)->value, ==, "LEP-2026-0001");
  g_assert_cmpuint (sp_identification_expire_due (db->store, sp_store_now () + 365 * G_TIME_SPAN_DAY, &error), ==, 0);
}

static void
test_refuse (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_RAO);
  g_autoptr(SpIdentification) loaded = NULL;

  g_assert_false (sp_identification_refuse (db->store, id, actor (), "no-such-reason", NULL, &error));
  g_assert_error (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_REASON);
  g_clear_error (&error);
  g_assert_false (sp_identification_refuse (db->store, id, actor (), "other", "  ", &error));
  g_assert_error (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_REASON);
  g_clear_error (&error);

  g_assert_true (sp_identification_refuse (db->store, id, actor (), "document-deficient",
                                           "Torn photo page", &error));
  g_assert_no_error (error);
  loaded = sp_identification_load (db->store, sp_identification_get_uuid (id), &error);
  g_assert_cmpint (sp_identification_get_state (loaded), ==, SP_IDENTIFICATION_REFUSED);
  g_assert_cmpstr (sp_identification_get_refusal_reason (loaded), ==, "document-deficient");
  g_assert_cmpstr (sp_identification_get_refusal_note (loaded), ==, "Torn photo page");
  g_assert_cmpuint (count_audit (db, SP_AUDIT_SPID_REFUSE), ==, 1);
  g_assert_cmpuint (sp_outbox_count_unsent (db->store), ==, 0);
  /* The free text stays out of the audit trail. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE details LIKE '%Torn%'"), ==, 0);

}

static void
test_draft_resume_and_search (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_RAO);
  g_autoptr(SpIdentification) resumed = NULL;
  g_autoptr(GListModel) by_cf = NULL;
  g_autoptr(GListModel) by_name = NULL;
  g_autoptr(GListModel) refused = NULL;
  g_autoptr(GListModel) by_date = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");

  sp_identification_set_acknowledged (id, SP_CF_MISMATCH_NAME);
  sp_identification_mark_step (id, SP_IDENTIFICATION_STEP_DOCUMENT, 1234);
  sp_identification_mark_step (id, SP_IDENTIFICATION_STEP_DOCUMENT, 9999);
  g_assert_true (sp_identification_is_dirty (id));
  g_assert_true (sp_identification_save_draft (db->store, id, &error));
  g_assert_false (sp_identification_is_dirty (id));

  resumed = sp_identification_find_draft (db->store, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resumed);
  g_assert_cmpstr (sp_identification_get_uuid (resumed), ==, sp_identification_get_uuid (id));
  g_assert_cmpstr (sp_identification_get_field (resumed, SP_ID_HEALTH_CARD_EXPIRES), ==, "31/12/2029");
  g_assert_true (sp_identification_get_flag (resumed, SP_ID_FLAG_CHECK_SIGNED));
  g_assert_cmpint (sp_identification_get_acknowledged (resumed), ==, SP_CF_MISMATCH_NAME);
  g_assert_cmpint (sp_identification_get_step_time (resumed, SP_IDENTIFICATION_STEP_DOCUMENT), ==, 1234);
  g_assert_null (sp_identification_find_draft (db->store, 2, &error));

  by_cf = sp_identification_search (db->store, "rssmra", -1, NULL, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_cf), ==, 1);
  by_name = sp_identification_search (db->store, "mario ross", -1, NULL, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_name), ==, 1);
  refused = sp_identification_search (db->store, NULL, SP_IDENTIFICATION_REFUSED, NULL, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (refused), ==, 0);
  by_date = sp_identification_search (db->store, NULL, -1, iso, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_date), ==, 1);
  g_clear_object (&by_date);
  by_date = sp_identification_search (db->store, NULL, -1, "01/01/2001", 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_date), ==, 0);
}

static void
test_second_visit_prefills (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) first = make_sealed_draft (db);
  g_autoptr(SpIdentification) second = NULL;
  g_autoptr(SpCitizen) citizen = NULL;
  GDate d;

  today (&d);
  g_assert_true (sp_identification_complete (db->store, first, actor (), places, &d, NULL, &error));
  g_assert_no_error (error);

  /* Next visit: found by code, the stored data fill the form. */
  citizen = sp_citizen_find_by_codice_fiscale (db->store, "rssmra80a01h294e", &error);
  g_assert_nonnull (citizen);
  second = sp_identification_new_draft (db->store, actor (), SP_IDENTIFICATION_CHANNEL_RAO, &error);
  sp_identification_prefill (second, citizen, places);
  g_assert_cmpstr (sp_identification_get_field (second, SP_ID_SURNAME), ==, "Rossi");
  g_assert_cmpstr (sp_identification_get_field (second, SP_ID_BIRTH_DATE), ==, "01/01/1980");
  g_assert_cmpstr (sp_identification_get_field (second, SP_ID_BIRTH_PLACE), ==, "RIMINI");
  g_assert_cmpstr (sp_identification_get_field (second, SP_ID_RESIDENCE_POSTCODE), ==, "47822");
  g_assert_cmpint (sp_identification_get_mismatches (second, places), ==, SP_CF_MISMATCH_NONE);
}

static void
test_outbox_retry (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMailerConfig) config = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *port = NULL;
  guint sent = 9, failed = 9;
  gint64 now = sp_store_now ();
  SpOutboxMessage *m;

  g_assert_cmpint (sp_outbox_backoff (1), ==, 60);
  g_assert_cmpint (sp_outbox_backoff (2), ==, 120);
  g_assert_cmpint (sp_outbox_backoff (3), ==, 240);
  g_assert_cmpint (sp_outbox_backoff (30), ==, 3600);

  /* A port that was free a moment ago: nobody listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, NULL);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  g_socket_close (socket, NULL);

  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_SMTP_SERVER, "127.0.0.1", NULL));
  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_SMTP_PORT, port, NULL));
  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_SMTP_SECURITY, "none", NULL));
  g_assert_true (sp_store_set_setting (db->store, SP_SETTING_SMTP_SENDER, "spid@comune.example", NULL));
  g_assert_true (sp_mailer_store_password (db->store, "s3cret-pw", &error));
  g_assert_no_error (error);
  /* The password is not stored in clear, and reads back. */
  {
    g_autofree char *stored = sp_store_get_setting (db->store, SP_SETTING_SMTP_PASSWORD);
    g_assert_null (strstr (stored, "s3cret"));
  }
  config = sp_mailer_config_load (db->store, &error);
  g_assert_cmpstr (config->password, ==, "s3cret-pw");
  g_assert_cmpuint (config->port, ==, (guint) atoi (port));
  config->timeout_seconds = 5;

  uuid = sp_outbox_enqueue (db->store, NULL, "a@example.org", "Hello", "Body", NULL, NULL, &error);
  g_assert_no_error (error);
  now = sp_store_now ();

  g_assert_true (sp_outbox_send_due (db->store, config, now, FALSE, &sent, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, 0);
  g_assert_cmpuint (failed, ==, 1);

  list = sp_outbox_list (db->store, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  m = list->pdata[0];
  g_assert_cmpuint (m->attempts, ==, 1);
  g_assert_cmpint (m->sent_at, ==, 0);
  g_assert_nonnull (m->last_error);
  g_assert_null (strstr (m->last_error, "s3cret"));
  g_assert_cmpint (m->next_attempt_at, >=, now + 60 * G_USEC_PER_SEC);

  /* Not due yet: nothing is tried. */
  g_assert_true (sp_outbox_send_due (db->store, config, m->last_attempt_at + 1, FALSE, &sent, &failed, &error));
  g_assert_cmpuint (failed, ==, 0);
  /* Due again: a second failure doubles the wait; the message stays. */
  g_assert_true (sp_outbox_send_due (db->store, config, m->next_attempt_at, FALSE, &sent, &failed, &error));
  g_assert_cmpuint (failed, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sp_outbox_list (db->store, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  m = list->pdata[0];
  g_assert_cmpuint (m->attempts, ==, 2);
  g_assert_cmpint (m->next_attempt_at - m->last_attempt_at, ==, 120 * G_USEC_PER_SEC);
  g_assert_cmpuint (sp_outbox_count_unsent (db->store), ==, 1);
}

/* Retention erases the personal data of closed identifications, and
 * only of those closed before the cutoff; drafts are never touched. */
static void
test_erase_closed_before (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) completed = make_sealed_draft (db);
  g_autoptr(SpIdentification) refused = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_RAO);
  g_autoptr(SpIdentification) draft = make_complete_draft (db, SP_IDENTIFICATION_CHANNEL_RAO);
  g_autoptr(SpIdentification) recent = NULL;
  gint64 year = G_GINT64_CONSTANT (365) * G_TIME_SPAN_DAY;
  gint64 cutoff = sp_store_now () - year;
  GDate d;

  today (&d);
  g_assert_true (sp_identification_complete (db->store, completed, actor (), places, &d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sp_identification_refuse (db->store, refused, actor (), "other", "Torn page", &error));
  g_assert_no_error (error);
  g_assert_true (sp_identification_save_draft (db->store, draft, &error));
  g_assert_no_error (error);
  /* Closed, or last touched, more than a year ago. */
  sp_test_exec (db, "UPDATE identifications SET created_at = created_at - 400 * 86400000000, "
                    "updated_at = updated_at - 400 * 86400000000, "
                    "completed_at = completed_at - 400 * 86400000000, "
                    "refused_at = refused_at - 400 * 86400000000");
  recent = make_sealed_draft (db);
  g_assert_true (sp_identification_complete (db->store, recent, actor (), places, &d, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sp_identification_erase_closed_before (db->store, cutoff, "2025-01-01", &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE codice_fiscale = '' "
                                      "AND surname = '' AND name = '' AND data = '{}' AND citizen_id IS NULL "
                                      "AND code_first_half IS NULL AND refusal_note IS NULL AND token IS NULL "
                                      "AND state IN ('completed', 'refused')"), ==, 2);
  /* The outcome and its reason stay, for the counts. */
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE state = 'refused' "
                                      "AND refusal_reason = 'other'"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE state = 'draft' "
                                      "AND codice_fiscale <> '' AND data <> '{}'"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM identifications WHERE state = 'completed' "
                                      "AND codice_fiscale <> '' AND token IS NOT NULL"), ==, 1);

  /* What is erased once is not counted again. */
  g_assert_cmpint (sp_identification_erase_closed_before (db->store, cutoff, "2025-01-01", &error), ==, 0);
  g_assert_no_error (error);
}

/* The codice fiscale of a citizen without a surname (or a given name). */
static char *
cf_with_one_name (const char *parts, const char *rest)
{
  g_autofree char *first15 = g_strconcat (parts, rest, NULL);
  return g_strdup_printf ("%s%c", first15, sp_codice_fiscale_check_character (first15));
}

static const char *
token_name (JsonNode *request, const char *member)
{
  JsonObject *o = json_node_get_object (request);

  o = json_object_get_object_member (o, "spidAttributes");
  o = json_object_get_object_member (o, "mandatoryAttributes");
  return json_object_get_string_member (o, member);
}

/* Some foreign citizens have one name only: the missing part is ticked,
 * empty, XXX in the codice fiscale and "" in AgID's token; never both. */
static void
test_rules_one_name (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_sealed_draft (db);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *no_surname_cf = cf_with_one_name ("XXXMRA", "80A01H294");
  g_autofree char *no_name_cf = cf_with_one_name ("RSSXXX", "80A01H294");

  /* Not ticked: an empty surname is a missing one. */
  sp_identification_set_field (id, SP_ID_CODICE_FISCALE, no_surname_cf);
  sp_identification_set_field (id, SP_ID_SURNAME, "");
  problems = check (db, id);
  g_assert_true (has_rule (problems, "surname"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  sp_identification_set_flag (id, SP_ID_FLAG_NO_SURNAME, TRUE);
  problems = check (db, id);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_cmpint (sp_identification_get_mismatches (id, places), ==, SP_CF_MISMATCH_NONE);
  request = sp_rao_request_build (id, places, "c_h294", 1, 1790000000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_name (request, "familyName"), ==, "");
  g_assert_cmpstr (token_name (request, "name"), ==, "Mario");
  g_clear_pointer (&request, json_node_unref);

  /* Both ticked: nobody has no name at all. */
  sp_identification_set_flag (id, SP_ID_FLAG_NO_NAME, TRUE);
  sp_identification_set_field (id, SP_ID_NAME, "");
  problems = check (db, id);
  g_assert_true (has_rule (problems, "no-names"));
  g_assert_false (has_rule (problems, "surname"));
  g_assert_false (has_rule (problems, "name"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_null (sp_rao_request_build (id, places, "c_h294", 1, 1790000000, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* No given name. */
  sp_identification_set_flag (id, SP_ID_FLAG_NO_SURNAME, FALSE);
  sp_identification_set_field (id, SP_ID_SURNAME, "Rossi");
  sp_identification_set_field (id, SP_ID_CODICE_FISCALE, no_name_cf);
  problems = check (db, id);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  request = sp_rao_request_build (id, places, "c_h294", 1, 1790000000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_name (request, "familyName"), ==, "Rossi");
  g_assert_cmpstr (token_name (request, "name"), ==, "");
}

/* The server went away while the clerk typed: the form kept on the desk,
 * sealed, comes back on resuming after a crash, and goes once saved. */
static void
test_draft_spool (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) draft = sp_identification_new_draft (db->store, (SpActor) { 1, 1 },
                                                                   SP_IDENTIFICATION_CHANNEL_RAO, &error);
  g_autoptr(SpIdentification) after_crash = NULL;
  g_autoptr(SpIdentification) saved = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gboolean restored = TRUE;
  GStatBuf st;

  g_assert_no_error (error);
  sp_identification_set_fields (draft, SP_ID_SURNAME, "Rossi", NULL);
  g_assert_true (sp_identification_save_draft (db->store, draft, &error));

  /* Nothing kept: nothing restored. */
  after_crash = sp_identification_load (db->store, sp_identification_get_uuid (draft), &error);
  g_assert_true (sp_draft_spool_restore (db->store, after_crash, &restored, &error));
  g_assert_false (restored);
  g_clear_object (&after_crash);

  /* Typed on while the database could not be written. */
  sp_identification_set_fields (draft, SP_ID_NAME, "Mario", SP_ID_CODICE_FISCALE, "RSSMRA80A01H294E", NULL);
  sp_identification_set_flag (draft, SP_ID_FLAG_CONSENT, TRUE);
  g_assert_true (sp_draft_spool_keep (db->store, draft, &error));
  g_assert_no_error (error);

  /* Only this user reads it, and not in clear. */
  path = g_build_filename (g_get_user_state_dir (), "sportello", "drafts",
                           sp_identification_get_uuid (draft), NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Mario"));
  g_assert_null (strstr (contents, "RSSMRA"));

  /* The program dies; started again, the draft in the database is the
   * older one, the kept form the newer. */
  after_crash = sp_identification_load (db->store, sp_identification_get_uuid (draft), &error);
  g_assert_cmpstr (sp_identification_get_field (after_crash, SP_ID_NAME), ==, "");
  g_assert_true (sp_draft_spool_restore (db->store, after_crash, &restored, &error));
  g_assert_no_error (error);
  g_assert_true (restored);
  g_assert_cmpstr (sp_identification_get_field (after_crash, SP_ID_SURNAME), ==, "Rossi");
  g_assert_cmpstr (sp_identification_get_field (after_crash, SP_ID_NAME), ==, "Mario");
  g_assert_true (sp_identification_get_flag (after_crash, SP_ID_FLAG_CONSENT));
  g_assert_true (sp_identification_is_dirty (after_crash));

  /* Saved to the database: the kept form goes. */
  g_assert_true (sp_identification_save_draft (db->store, after_crash, &error));
  sp_draft_spool_forget (after_crash);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  saved = sp_identification_load (db->store, sp_identification_get_uuid (draft), &error);
  g_assert_cmpstr (sp_identification_get_field (saved, SP_ID_NAME), ==, "Mario");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  places = sp_places_new_builtin (&error);
  g_assert_no_error (error);

  SP_TEST_ADD_SETUP ("/spid/citizen/upsert", test_citizen_upsert);
  SP_TEST_ADD_SETUP ("/spid/rules/complete-draft-passes", test_complete_draft_passes);
  SP_TEST_ADD_SETUP ("/spid/rules/empty-draft", test_empty_draft_lists_everything);
  SP_TEST_ADD_SETUP ("/spid/rules/minor", test_minor);
  SP_TEST_ADD_SETUP ("/spid/rules/documents", test_documents);
  SP_TEST_ADD_SETUP ("/spid/rules/mismatch-and-operator", test_mismatch_and_operator);
  SP_TEST_ADD_SETUP ("/spid/rules/checklist", test_checklist);
  SP_TEST_ADD_SETUP ("/spid/rules/seal", test_rules_seal);
  SP_TEST_ADD_SETUP ("/spid/rules/residence", test_rules_residence);
  SP_TEST_ADD_SETUP ("/spid/rules/mobile-country", test_rules_mobile_country);
  SP_TEST_ADD_SETUP ("/spid/rules/document-for-token", test_rules_document_for_token);
  SP_TEST_ADD_SETUP ("/spid/rules/one-name", test_rules_one_name);
  SP_TEST_ADD_SETUP ("/spid/draft/new-fields", test_draft_new_fields);
  SP_TEST_ADD_SETUP ("/spid/complete/rao", test_complete_rao);
  SP_TEST_ADD_SETUP ("/spid/complete/rao-without-seal", test_complete_rao_without_seal);
  SP_TEST_ADD_SETUP ("/spid/complete/partner", test_complete_partner);
  SP_TEST_ADD_SETUP ("/spid/complete/idempotent", test_complete_idempotent);
  SP_TEST_ADD_SETUP ("/spid/refuse", test_refuse);
  SP_TEST_ADD_SETUP ("/spid/draft-and-search", test_draft_resume_and_search);
  SP_TEST_ADD_SETUP ("/spid/citizen/second-visit", test_second_visit_prefills);
  SP_TEST_ADD_SETUP ("/spid/outbox/retry", test_outbox_retry);
  SP_TEST_ADD_SETUP ("/spid/draft/kept-on-the-desk", test_draft_spool);
  SP_TEST_ADD_SETUP ("/spid/retention/erase-closed-before", test_erase_closed_before);

  rc = g_test_run ();
  g_clear_object (&places);

  return rc;
}
