/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-demo.c — synthetic activity for the screens and the benchmarks */
#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sp-appointment.h"
#include "sp-calendar.h"
#include "sp-cie-request.h"
#include "sp-cie-wait.h"
#include "sp-citizen.h"
#include "sp-codice-fiscale.h"
#include "sp-counter-service.h"
#include "sp-dates.h"
#include "sp-error.h"
#include "sp-demo.h"
#include "sp-desk.h"
#include "sp-health-card.h"
#include "sp-identification.h"
#include "sp-operator.h"
#include "sp-places-import.h"
#include "sp-seal.h"
#include "sp-setting-keys.h"
#include "sp-setup.h"
#include "sp-spid-token.h"
#include "sp-tally.h"

static const char * const surnames[] = {
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
  "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
  "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani",
  "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile",
  "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti",
  "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini",
  "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo",
  "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli", "Amato", "Silvestri",
  "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani", "Benedetti", "Barone",
  "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino", "Fiore",
};

static const char * const male_names[] = {
  "Francesco", "Alessandro", "Lorenzo", "Andrea", "Leonardo", "Mattia", "Matteo", "Gabriele",
  "Riccardo", "Tommaso", "Davide", "Giuseppe", "Antonio", "Federico", "Marco", "Luca",
  "Giovanni", "Pietro", "Paolo", "Stefano", "Roberto", "Massimo", "Giorgio", "Nicolò",
  "Luigi", "Salvatore", "Mario", "Fabio", "Simone", "Emanuele",
};

static const char * const female_names[] = {
  "Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Emma", "Giorgia", "Greta",
  "Beatrice", "Anna", "Chiara", "Martina", "Francesca", "Sara", "Maria", "Laura",
  "Elena", "Valentina", "Paola", "Federica", "Silvia", "Roberta", "Alessandra", "Lucia",
  "Giovanna", "Rosa", "Angela", "Caterina", "Noemi", "Ilaria",
};

/* Mostly Romagna, some elsewhere in Italy, some abroad. */
static const char * const places[] = {
  "H294", "H294", "H294", "I304", "I304", "C573", "C573", "D704", "A944", "G482",
  "H501", "F205", "F839", "L219", "G273", "Z112", "Z129", "Z100", "Z330", "Z210",
};

static const char * const streets[] = {
  "Via Roma", "Via Garibaldi", "Corso d'Augusto", "Via Mazzini", "Via Emilia",
  "Piazza Cavour", "Via Verdi", "Via Marecchiese", "Viale Vespucci", "Via dei Mille",
};

/* Where the citizens identified for SPID live, and the city of the
 * questura and motorizzazione that serve it. */
static const struct
{
  const char *comune;
  const char *postcode;
  const char *office;
} residences[] = {
  { "Rimini", "47921", "Rimini" },
  { "Rimini", "47923", "Rimini" },
  { "Santarcangelo di Romagna", "47822", "Rimini" },
  { "Riccione", "47838", "Rimini" },
  { "Cattolica", "47841", "Rimini" },
  { "Bellaria-Igea Marina", "47814", "Rimini" },
  { "Verucchio", "47826", "Rimini" },
  { "Cesena", "47521", "Forlì" },
  { "Cesenatico", "47042", "Forlì" },
};

static const char * const providers[] = {
  "Poste Italiane", "Aruba", "InfoCert", "Namirial", "Lepida", "Sielte", "TIM", "Register.it",
};

typedef struct
{
  gint64 id;       /* 0 until written */
  char   cf[17];
  guint8 surname;
  guint8 name;
  guint8 place;    /* of birth, in places[] */
  char   sex;
  char   birth[11];
} Citizen;

/* What the demo writes with: every row goes through its owner's
 * functions, at the moment it happened (the store's simulated clock). */
typedef struct
{
  SpStore        *store;
  SpActor         actor;        /* who asked for the demo */
  GRand          *rand;
  GArray         *citizens;     /* Citizen */
  GHashTable     *codes;        /* cf → TRUE, to keep them unique */
  gint64          now;
  SpDemoResult    result;
  SpHolidayRules *holidays;

  /* RAO identifications are sealed with seal (NULL when none can be: no
   * IPA code) when it is valid at their time; those after window_start
   * are still within their activation period. */
  SpSeal         *seal;
  gint64          period_start;
  gint64          window_start;
  SpPlaces       *places;

  gint64         *desk_ids;
  gint64         *clerk_ids;    /* two a desk */
  char          **desk_names;
  char          **clerk_names;
  gint64          service_cie;
  gint64          service_spid;
  char           *counter_services[6];   /* codes, NULL-terminated */
  guint           n_counter_services;
  /* A pop-up desk's laptop: its own desk and operators, identifications
   * and tallies only (no calendars, no queue). */
  gboolean        popup;
} Demo;

static int
pick_weighted_with (GRand     *rand,
                    const int *weights,
                    guint      n)
{
  int total = 0, r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static int
pick_weighted (Demo      *demo,
               const int *weights,
               guint      n)
{
  return pick_weighted_with (demo->rand, weights, n);
}

static const char *
citizen_name (const Citizen *c)
{
  return c->sex == 'M' ? male_names[c->name] : female_names[c->name];
}

/* A citizen of the population, written the first time they show up, at
 * the store's (simulated) time. */
static Citizen *
get_citizen (Demo    *demo,
             GError **error)
{
  guint index = g_rand_int_range (demo->rand, 0, demo->citizens->len);
  Citizen *c = &g_array_index (demo->citizens, Citizen, index);

  if (c->id != 0)
    return c;

  for (int attempt = 0; attempt < 8 && c->cf[0] == '\0'; attempt++)
    {
      g_autofree char *cf = NULL;
      GDate birth;
      gboolean male = g_rand_boolean (demo->rand);

      c->sex = male ? 'M' : 'F';
      c->surname = g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (surnames));
      c->name = g_rand_int_range (demo->rand, 0, male ? G_N_ELEMENTS (male_names)
                                                      : G_N_ELEMENTS (female_names));
      g_date_clear (&birth, 1);
      g_date_set_dmy (&birth, g_rand_int_range (demo->rand, 1, 29),
                      g_rand_int_range (demo->rand, 1, 13),
                      g_rand_int_range (demo->rand, 1935, 1998));
      c->place = g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (places));
      cf = sp_codice_fiscale_compute (surnames[c->surname],
                                      male ? male_names[c->name] : female_names[c->name],
                                      c->sex, &birth, places[c->place], NULL);
      if (cf == NULL || g_hash_table_contains (demo->codes, cf))
        continue;
      g_strlcpy (c->cf, cf, sizeof c->cf);
      g_snprintf (c->birth, sizeof c->birth, "%04d-%02d-%02d", g_date_get_year (&birth),
                  g_date_get_month (&birth), g_date_get_day (&birth));
      g_hash_table_add (demo->codes, g_strdup (cf));
    }
  if (c->cf[0] == '\0')
    return NULL;  /* caller picks another */

  {
    g_autoptr(SpCitizen) citizen = sp_citizen_new ();

    citizen->codice_fiscale = g_strdup (c->cf);
    citizen->surname = g_strdup (surnames[c->surname]);
    citizen->name = g_strdup (citizen_name (c));
    citizen->sex = c->sex;
    citizen->birth_date = g_strdup (c->birth);
    if (!sp_citizen_upsert (demo->store, SP_ACTOR_SYSTEM, citizen, error))
      return NULL;
    c->id = citizen->id;
  }
  demo->result.citizens++;
  return c;
}

static gint64
minutes (int m)
{
  return (gint64) m * 60 * G_USEC_PER_SEC;
}

static char *
typed_date (const GDate *date)
{
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

/* The place as a clerk types it: its name, or its code when the name
 * alone would not find it again. */
static const char *
typed_place (Demo        *demo,
             const char  *code,
             const GDate *date)
{
  const SpPlace *place = sp_places_lookup_at (demo->places, code, date);
  const SpPlace *found;

  if (place == NULL)
    return code;
  found = sp_places_resolve (demo->places, place->name, date, NULL);
  return found != NULL && g_str_equal (found->code, code) ? place->name : code;
}

/* "Anna", "D'Angelo" → "anna.dangelo": letters and digits only. */
static void
append_mailbox_part (GString    *out,
                     const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
}

/* Every field of the form as a clerk fills it in with the citizen
 * across the desk, valid on today: the identity, a residence with its
 * address type, an identity document and the health card, e-mail and
 * mobile typed twice, consent and the checklist. */
static void
fill_draft (Demo             *demo,
            SpIdentification *self,
            const Citizen    *c,
            gint64            started,
            gint64            at,
            const GDate      *today,
            GRand            *rand)
{
  static const struct
  {
    const char *type;
    const char *issuer;
  } documents[] = {
    { "cie", "comune" }, { "passport", "questura" }, { "driving-licence", "motorizzazione" },
  };
  static const int document_weights[] = { 70, 15, 15 };
  static const char letters[] = "ABCDEFGHJKLMNPRSTUVZ";
  guint r = g_rand_int_range (rand, 0, G_N_ELEMENTS (residences));
  int doc = pick_weighted_with (rand, document_weights, G_N_ELEMENTS (documents));
  const char *street = streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))];
  const char *street_name = street;
  const char *street_type = sp_identification_split_street (street, &street_name);
  g_autoptr(GString) mailbox = g_string_new (NULL);
  g_autofree char *email = NULL;
  g_autofree char *mobile = NULL;
  g_autofree char *number = NULL;
  g_autofree char *doc_number = NULL;
  g_autofree char *birth_typed = NULL;
  g_autofree char *issued_typed = NULL;
  g_autofree char *expires_typed = NULL;
  g_autofree char *card_expires_typed = NULL;
  char card[SP_HEALTH_CARD_LENGTH + 1];
  char sex[2] = { c->sex, '\0' };
  GDate birth, issued, expires, card_expires;

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, atoi (c->birth + 8), atoi (c->birth + 5), atoi (c->birth));
  birth_typed = typed_date (&birth);

  sp_identification_set_field (self, SP_ID_CODICE_FISCALE, c->cf);
  sp_identification_set_field (self, SP_ID_SURNAME, surnames[c->surname]);
  sp_identification_set_field (self, SP_ID_NAME, citizen_name (c));
  sp_identification_set_field (self, SP_ID_SEX, sex);
  sp_identification_set_field (self, SP_ID_BIRTH_DATE, birth_typed);
  sp_identification_set_field (self, SP_ID_BIRTH_PLACE, typed_place (demo, places[c->place], &birth));

  number = g_strdup_printf ("%u", g_rand_int_range (rand, 1, 120));
  sp_identification_set_field (self, SP_ID_RESIDENCE_TYPE, street_type != NULL ? street_type : "Altro");
  sp_identification_set_field (self, SP_ID_RESIDENCE_STREET, street_name);
  sp_identification_set_field (self, SP_ID_RESIDENCE_NUMBER, number);
  sp_identification_set_field (self, SP_ID_RESIDENCE_POSTCODE, residences[r].postcode);
  sp_identification_set_field (self, SP_ID_RESIDENCE_PLACE, residences[r].comune);

  /* A document valid today, issued ten years before it expires. */
  expires = *today;
  g_date_add_days (&expires, g_rand_int_range (rand, 60, 3400));
  issued = expires;
  g_date_subtract_years (&issued, 10);
  switch (doc)
    {
    case 0:
      doc_number = g_strdup_printf ("C%c%05u%c%c", letters[g_rand_int_range (rand, 0, sizeof letters - 1)],
                                    g_rand_int_range (rand, 0, 100000),
                                    letters[g_rand_int_range (rand, 0, sizeof letters - 1)],
                                    letters[g_rand_int_range (rand, 0, sizeof letters - 1)]);
      break;
    case 1:
      doc_number = g_strdup_printf ("Y%c%07u", letters[g_rand_int_range (rand, 0, sizeof letters - 1)],
                                    g_rand_int_range (rand, 0, 10000000));
      break;
    default:
      doc_number = g_strdup_printf ("U1%c%06u%c", letters[g_rand_int_range (rand, 0, sizeof letters - 1)],
                                    g_rand_int_range (rand, 0, 1000000),
                                    letters[g_rand_int_range (rand, 0, sizeof letters - 1)]);
      break;
    }
  issued_typed = typed_date (&issued);
  expires_typed = typed_date (&expires);
  sp_identification_set_field (self, SP_ID_DOCUMENT_TYPE, documents[doc].type);
  sp_identification_set_field (self, SP_ID_DOCUMENT_NUMBER, doc_number);
  sp_identification_set_field (self, SP_ID_DOCUMENT_ISSUER, documents[doc].issuer);
  sp_identification_set_field (self, SP_ID_DOCUMENT_ISSUER_NAME,
                               doc == 0 ? residences[r].comune : residences[r].office);
  sp_identification_set_field (self, SP_ID_DOCUMENT_ISSUED, issued_typed);
  sp_identification_set_field (self, SP_ID_DOCUMENT_EXPIRES, expires_typed);

  /* The tessera sanitaria: 80380, fourteen digits, the Luhn digit. */
  memcpy (card, SP_HEALTH_CARD_PREFIX, strlen (SP_HEALTH_CARD_PREFIX));
  for (guint i = strlen (SP_HEALTH_CARD_PREFIX); i < SP_HEALTH_CARD_LENGTH - 1; i++)
    card[i] = '0' + g_rand_int_range (rand, 0, 10);
  card[SP_HEALTH_CARD_LENGTH - 1] = '\0';
  card[SP_HEALTH_CARD_LENGTH - 1] = sp_health_card_luhn_digit (card);
  card[SP_HEALTH_CARD_LENGTH] = '\0';
  card_expires = *today;
  g_date_add_days (&card_expires, g_rand_int_range (rand, 90, 2190));
  card_expires_typed = typed_date (&card_expires);
  sp_identification_set_field (self, SP_ID_HEALTH_CARD_NUMBER, card);
  sp_identification_set_field (self, SP_ID_HEALTH_CARD_EXPIRES, card_expires_typed);

  append_mailbox_part (mailbox, citizen_name (c));
  g_string_append_c (mailbox, '.');
  append_mailbox_part (mailbox, surnames[c->surname]);
  email = g_strdup_printf ("%s.%u@example.org", mailbox->str, g_rand_int_range (rand, 1, 999));
  mobile = g_strdup_printf ("3%02u %07u", g_rand_int_range (rand, 20, 50), g_rand_int_range (rand, 0, 10000000));
  sp_identification_set_field (self, SP_ID_EMAIL, email);
  sp_identification_set_field (self, SP_ID_EMAIL_CONFIRM, email);
  sp_identification_set_field (self, SP_ID_MOBILE_COUNTRY, "+39");
  sp_identification_set_field (self, SP_ID_MOBILE, mobile);
  sp_identification_set_field (self, SP_ID_MOBILE_CONFIRM, mobile);
  if (g_rand_int_range (rand, 0, 100) < 15)
    {
      g_autofree char *pec = g_strdup_printf ("%s@pec.example.org", mailbox->str);
      sp_identification_set_field (self, SP_ID_PEC, pec);
    }
  if (g_rand_int_range (rand, 0, 100) < 60)
    sp_identification_set_field (self, SP_ID_INTENDED_PROVIDER,
                                 providers[g_rand_int_range (rand, 0, G_N_ELEMENTS (providers))]);
  sp_identification_set_field (self, SP_ID_LANGUAGE, "it");

  sp_identification_set_flag (self, SP_ID_FLAG_CONSENT, TRUE);
  sp_identification_set_flag (self, SP_ID_FLAG_CHECK_PHOTO, TRUE);
  sp_identification_set_flag (self, SP_ID_FLAG_CHECK_DOCUMENT, TRUE);
  sp_identification_set_flag (self, SP_ID_FLAG_CHECK_PRIVACY, TRUE);
  sp_identification_set_flag (self, SP_ID_FLAG_CHECK_SIGNED, TRUE);

  /* Each step reached in turn while the citizen sat across. */
  for (guint step = 0; step <= SP_IDENTIFICATION_N_STEPS; step++)
    sp_identification_mark_step (self, step, started + (at - started) * step / (SP_IDENTIFICATION_N_STEPS + 1));
}

/* A click on one of the comune's counter services, at its time. */
static gboolean
tally_insert (Demo    *demo,
              gint64   desk,
              gint64   op,
              gint64   at,
              GError **error)
{
  static const int weights[] = { 40, 15, 15, 15, 15 };
  int service = pick_weighted (demo, weights, MIN (demo->n_counter_services, G_N_ELEMENTS (weights)));

  sp_store_set_simulated_clock (at);
  if (!sp_tally_add (demo->store, (SpActor) { desk, op }, NULL, demo->counter_services[service], error))
    return FALSE;
  demo->result.tallies++;
  return TRUE;
}

static Citizen *
any_citizen (Demo    *demo,
             GError **error)
{
  for (int i = 0; i < 16; i++)
    {
      Citizen *c = get_citizen (demo, error);
      if (c != NULL || (error != NULL && *error != NULL))
        return c;
    }
  g_set_error_literal (error, SP_REPORT_ERROR, SP_REPORT_ERROR_EXPORT,
                       "could not make a unique codice fiscale");
  return NULL;
}

/* The store's clock at the moment of the next action. */
static void
at_time (gint64 t)
{
  sp_store_set_simulated_clock (t);
}

/* An owner's refusal that a clerk would meet by choosing another slot
 * (one taken in an earlier run, a closure): the demo skips it. */
static gboolean
skip_refused (GError **error,
              GError  *local_error)
{
  if (g_error_matches (local_error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_SLOT_TAKEN) ||
      g_error_matches (local_error, SP_APPOINTMENT_ERROR, SP_APPOINTMENT_ERROR_NO_SUCH_SLOT))
    {
      g_error_free (local_error);
      return TRUE;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

/* The citizen as the clerk types them when booking. */
static SpAppointmentCitizen
appointment_citizen (const Citizen *c)
{
  return (SpAppointmentCitizen) { surnames[c->surname], citizen_name (c), c->cf, NULL, NULL, NULL };
}

/* An appointment through the queue at the desk: checked in (a booked
 * one), called, served and finished, each step only once its time has
 * come. TRUE in *finished when it was. */
static gboolean
advance_appointment (Demo           *demo,
                     SpActor         actor,
                     SpAppointment  *appointment,
                     gint64          arrived,
                     gint64          called,
                     gint64          served_to,
                     gboolean       *finished,
                     GError        **error)
{
  const char *uuid = sp_appointment_get_uuid (appointment);

  *finished = FALSE;
  if (!sp_appointment_is_walk_in (appointment) && arrived <= demo->now)
    {
      at_time (arrived);
      if (!sp_appointment_check_in (demo->store, actor, uuid, arrived, error))
        return FALSE;
    }
  if (called > demo->now)
    return TRUE;
  at_time (called);
  if (!sp_appointment_call (demo->store, actor, uuid, called, error) ||
      !sp_appointment_start_serving (demo->store, actor, uuid, called, error))
    return FALSE;
  if (served_to > demo->now)
    return TRUE;
  at_time (served_to);
  if (!sp_appointment_finish (demo->store, actor, uuid, served_to, error))
    return FALSE;
  *finished = TRUE;
  return TRUE;
}

/* The CIE request a clerk records while serving the appointment, and
 * its follow-up once the card came: posted home, or collected. */
static gboolean
record_cie_request (Demo           *demo,
                    SpActor         actor,
                    SpAppointment  *appointment,
                    const Citizen  *c,
                    gint64          at,
                    const GDate    *day,
                    GError        **error)
{
  static const int reason_weights[] = { 10, 55, 20, 8, 3, 4 };   /* SpCieReason */
  static const int payment_weights[] = { 60, 30, 10 };           /* SpCiePayment */
  static const int organ_weights[] = { 50, 35, 15 };             /* SpCieOrgan */
  static const gint64 day_us = G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC;
  SpCieReason reason = pick_weighted (demo, reason_weights, G_N_ELEMENTS (reason_weights));
  SpCiePayment payment = pick_weighted (demo, payment_weights, G_N_ELEMENTS (payment_weights));
  gboolean home = g_rand_int_range (demo->rand, 0, 100) < 80;
  gboolean closed = demo->now - at > 14 * day_us;
  g_autoptr(SpCieRequest) request = NULL;
  char ministry[16], card[12], iuv[20], address[64];
  SpCieRequestInput input = {
    .codice_fiscale = c->cf,
    .surname = surnames[c->surname],
    .given_name = citizen_name (c),
    .birth_date = c->birth,
    .reason = reason,
    .police_report = reason == SP_CIE_REASON_LOST || reason == SP_CIE_REASON_STOLEN
                     ? "Denuncia Carabinieri" : NULL,
    .ministry_number = ministry,
    .card_number = card,
    .payment = payment,
    .payment_reference = payment == SP_CIE_PAYMENT_PAGOPA ? iuv : NULL,
    .delivery = home ? SP_CIE_DELIVERY_HOME : SP_CIE_DELIVERY_COMUNE,
    .delivery_address = home ? address : NULL,
    .appointment_uuid = sp_appointment_get_uuid (appointment),
  };

  g_snprintf (ministry, sizeof ministry, "A%08u", g_rand_int_range (demo->rand, 0, 100000000));
  g_snprintf (card, sizeof card, "CA%05u%c%c", g_rand_int_range (demo->rand, 0, 100000),
              'A' + g_rand_int_range (demo->rand, 0, 26), 'A' + g_rand_int_range (demo->rand, 0, 26));
  g_snprintf (iuv, sizeof iuv, "RF%016u", g_rand_int (demo->rand));
  g_snprintf (address, sizeof address, "%s %u",
              streets[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (streets))],
              g_rand_int_range (demo->rand, 1, 120));
  input.organ_donation = pick_weighted (demo, organ_weights, G_N_ELEMENTS (organ_weights));

  at_time (at);
  request = sp_cie_request_create (demo->store, actor, &input, day, error);
  if (request == NULL)
    return FALSE;
  demo->result.cie_requests++;
  if (!closed)
    return TRUE;

  if (home)
    {
      at_time (at + 8 * day_us);
      return sp_cie_request_set_state (demo->store, actor, sp_cie_request_get_uuid (request),
                                       SP_CIE_STATE_DELIVERED, error);
    }
  at_time (at + 7 * day_us);
  if (!sp_cie_request_set_state (demo->store, actor, sp_cie_request_get_uuid (request),
                                 SP_CIE_STATE_ARRIVED, error))
    return FALSE;
  at_time (at + 9 * day_us);
  return sp_cie_request_set_state (demo->store, actor, sp_cie_request_get_uuid (request),
                                   SP_CIE_STATE_HANDED_OVER, error);
}

/* A RAO identification can be sealed at a time when the demo has a seal
 * valid then; else the desk could not have started it (no RAO without a
 * seal), and it went through the partner counter instead. */
static gboolean
can_seal_at (Demo   *demo,
             gint64  at)
{
  return demo->seal != NULL && sp_seal_check_usable (demo->seal, at, NULL);
}

/* A new demo seal is kept, with its audit row, once it is first used. */
static gboolean
save_seal (Demo    *demo,
           GError **error)
{
  if (sp_seal_get_id (demo->seal) != 0)
    return TRUE;
  demo->result.demo_seal = sp_seal_is_demo (demo->seal);
  return sp_seal_save (demo->store, demo->seal, demo->actor, FALSE, error);
}

/* A SPID identification as the clerk makes it with the citizen across:
 * the draft started when they were called, filled in and, when it ended,
 * refused, or completed with its receipt — a RAO one sealed, its e-mail
 * with the token queued. RAO pubblico for most when a seal can seal it,
 * else the partner counter of an identity provider. */
static gboolean
identify (Demo           *demo,
          const Citizen  *c,
          guint           clerk,
          gint64          started,
          gint64          at,
          GError        **error)
{
  static const char * const reasons[] = {
    "document-invalid", "document-deficient", "identity-doubt", "minor", "data-missing",
    "citizen-withdrew", "other",
  };
  static const int reason_weights[] = { 35, 10, 5, 5, 20, 15, 10 };
  gboolean refused = g_rand_int_range (demo->rand, 0, 100) < 12;
  gboolean rao = g_rand_int_range (demo->rand, 0, 100) < 70;
  const char *reason = refused ? reasons[pick_weighted (demo, reason_weights, G_N_ELEMENTS (reasons))] : NULL;
  gboolean recent = at > demo->window_start;
  SpActor actor = { demo->desk_ids[clerk / 2], demo->clerk_ids[clerk] };
  /* The draft's own data from a seed of its own, drawn whichever way it
   * goes, so that the rest does not depend on the seal. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_rand_int (demo->rand));
  g_autoptr(SpIdentification) self = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *code = NULL;
  g_autofree char *request_code = NULL;
  GDate today;

  if (rao && !can_seal_at (demo, at))
    {
      rao = FALSE;
      if (recent && !refused)
        demo->result.unsealed++;
    }

  at_time (started);
  self = sp_identification_new_draft (demo->store, actor,
                                      rao ? SP_IDENTIFICATION_CHANNEL_RAO : SP_IDENTIFICATION_CHANNEL_PARTNER,
                                      error);
  if (self == NULL)
    return FALSE;
  sp_date_from_time (at, &today);
  fill_draft (demo, self, c, started, at, &today, rand);
  request_code = g_strdup_printf ("%08u", g_rand_int_range (rand, 0, 100000000));
  if (!rao)
    {
      sp_identification_set_field (self, SP_ID_PROVIDER,
                                   providers[g_rand_int_range (rand, 0, G_N_ELEMENTS (providers))]);
      sp_identification_set_field (self, SP_ID_PROVIDER_REQUEST_CODE, request_code);
    }

  at_time (at);
  demo->result.identifications++;
  if (refused)
    return sp_identification_refuse (demo->store, self, actor, reason,
                                     g_str_equal (reason, "other") ? "Demo" : NULL, error);

  if (rao && !save_seal (demo, error))
    return FALSE;
  if (!sp_identification_complete_sealed (demo->store, self, actor, demo->places, &today,
                                          rao ? demo->seal : NULL, at, &code, error))
    return FALSE;
  /* The full code only ever lives on the receipt and in the e-mail. */
  if (code != NULL)
    sodium_memzero (code, strlen (code));

  receipt = sp_identification_issue_receipt (demo->store, self, actor, demo->desk_names[clerk / 2],
                                             demo->clerk_names[clerk], error);
  if (receipt == NULL)
    return FALSE;
  if (rao)
    {
      demo->result.emails++;
      if (recent)
        demo->result.sealed++;
    }
  return TRUE;
}

/* The expiry job's run: the RAO identifications whose activation period
 * ended by t. */
static gboolean
expire_due (Demo    *demo,
            gint64   t,
            GError **error)
{
  GError *local_error = NULL;

  at_time (t);
  sp_identification_expire_due (demo->store, t, &local_error);
  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, local_error);
  return FALSE;
}

/* A CIE appointment booked 20 days ahead by the desk's clerk, then on its
 * day cancelled, missed (the no-show sweep finds it) or served, with its
 * request recorded; one still ahead stays booked. */
static gboolean
book_cie (Demo         *demo,
          const GDate  *day,
          const char   *day_text,
          guint         d,
          int           slot,
          gint64        base,
          GError      **error)
{
  SpActor actor = { demo->desk_ids[d], demo->clerk_ids[2 * d + (slot >= 630)] };
  gint64 slot_time = base + minutes (slot - 480);
  gint64 created = base - G_GINT64_CONSTANT (20) * 86400 * G_USEC_PER_SEC;
  int r = g_rand_int_range (demo->rand, 0, 100);
  gint64 arrived = 0, called = 0, served_to = 0;
  g_autoptr(SpAppointment) appointment = NULL;
  GError *local_error = NULL;
  SpAppointmentCitizen citizen;
  gboolean finished;
  Citizen *c;

  if (r >= 82)
    return TRUE;   /* a free slot */
  at_time (MIN (created, demo->now));
  c = any_citizen (demo, error);
  if (c == NULL)
    return FALSE;
  if (r >= 11)
    {
      arrived = slot_time - minutes (g_rand_int_range (demo->rand, 0, 12));
      called = slot_time + minutes (g_rand_int_range (demo->rand, 0, 16));
      served_to = called + minutes (g_rand_int_range (demo->rand, 12, 26));
    }

  citizen = appointment_citizen (c);
  appointment = sp_appointment_book (demo->store, actor, NULL, demo->service_cie, actor.desk_id, day_text, slot,
                                     &citizen, created, &local_error);
  if (appointment == NULL)
    return skip_refused (error, local_error);
  demo->result.appointments++;
  if (slot_time > demo->now || (r >= 5 && r < 11))
    return TRUE;
  if (r < 5)
    {
      /* Somewhere between the booking and the day. */
      at_time (created + (slot_time - created) / 2);
      return sp_appointment_cancel (demo->store, actor, sp_appointment_get_uuid (appointment),
                                    "Cancelled by the citizen", error);
    }
  if (!advance_appointment (demo, actor, appointment, arrived, called, served_to, &finished, error))
    return FALSE;
  return !finished || record_cie_request (demo, actor, appointment, c, served_to, day, error);
}

/* A citizen come for SPID without an appointment: a ticket of the day's
 * queue, called by one of the desk's clerks and identified. */
static gboolean
walk_in_spid (Demo     *demo,
              guint     d,
              gint64    base,
              GError  **error)
{
  guint clerk = 2 * d + g_rand_int_range (demo->rand, 0, 2);
  SpActor actor = { demo->desk_ids[d], demo->clerk_ids[clerk] };
  gint64 arrived = base + minutes (g_rand_int_range (demo->rand, 30, 270));
  gint64 called = arrived + minutes (g_rand_int_range (demo->rand, 2, 41));
  gint64 served_to = called + minutes (g_rand_int_range (demo->rand, 8, 21));
  g_autoptr(SpAppointment) appointment = NULL;
  SpAppointmentCitizen citizen;
  gboolean finished;
  Citizen *c;

  at_time (MIN (arrived, demo->now));
  c = any_citizen (demo, error);
  if (c == NULL)
    return FALSE;
  if (arrived > demo->now)
    return TRUE;
  citizen = appointment_citizen (c);
  appointment = sp_appointment_walk_in (demo->store, actor, NULL, demo->service_spid, &citizen, arrived, error);
  if (appointment == NULL)
    return FALSE;
  demo->result.appointments++;
  if (!advance_appointment (demo, actor, appointment, arrived, called, served_to, &finished, error))
    return FALSE;
  return !finished || identify (demo, c, clerk, called, served_to, error);
}

/* A market day at a pop-up point: citizens identified one after another
 * from 08:30, and the other services counted. */
static gboolean
popup_day (Demo     *demo,
           gint64    base,
           GError  **error)
{
  gint64 started = base + minutes (30);

  for (int n = g_rand_int_range (demo->rand, 4, 13); n > 0; n--)
    {
      guint clerk = g_rand_int_range (demo->rand, 0, 2);
      gint64 at = started + minutes (g_rand_int_range (demo->rand, 8, 21));
      Citizen *c;

      if (at > demo->now)
        break;
      at_time (started);
      c = any_citizen (demo, error);
      if (c == NULL || !identify (demo, c, clerk, started, at, error))
        return FALSE;
      started = at + minutes (g_rand_int_range (demo->rand, 0, 15));
    }

  for (int n = g_rand_int_range (demo->rand, 3, 11); n > 0; n--)
    {
      gint64 at = base + minutes (g_rand_int_range (demo->rand, 30, 270));

      if (at <= demo->now &&
          !tally_insert (demo, demo->desk_ids[0], demo->clerk_ids[g_rand_int_range (demo->rand, 0, 2)], at, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
generate_day (Demo         *demo,
              const GDate  *day,
              guint         n_desks,
              GError      **error)
{
  g_autoptr(GDateTime) opening = NULL;
  g_autofree char *text = NULL;
  gint64 base;

  if (!sp_working_day_is (day, demo->holidays))
    return TRUE;

  text = sp_date_to_iso (day);
  /* 08:00 local: no daylight-saving jump after it. */
  opening = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                   g_date_get_day (day), 8, 0, 0);
  base = g_date_time_to_unix (opening) * G_USEC_PER_SEC;

  /* The morning's jobs: the expiry of RAO codes, and the reading of the
   * CIE wait an operator's sign-in takes. */
  if (base <= demo->now)
    {
      if (!expire_due (demo, base, error) ||
          (!demo->popup && !sp_cie_wait_record (demo->store, base, error)))
        return FALSE;
    }

  if (demo->popup)
    return popup_day (demo, base, error);

  for (guint d = 0; d < n_desks; d++)
    {
      /* CIE by appointment, 08:30–12:30, 20-minute slots. */
      for (int slot = 510; slot < 750; slot += 20)
        if (!book_cie (demo, day, text, d, slot, base, error))
          return FALSE;

      /* SPID walk-ins through the morning. */
      for (int n = g_rand_int_range (demo->rand, 2, 9); n > 0; n--)
        if (!walk_in_spid (demo, d, base, error))
          return FALSE;

      /* Other counter services, counted with a click. */
      for (int n = g_rand_int_range (demo->rand, 5, 21); n > 0; n--)
        {
          gint64 at = base + minutes (g_rand_int_range (demo->rand, 30, 270));

          if (at <= demo->now &&
              !tally_insert (demo, demo->desk_ids[d], demo->clerk_ids[2 * d + g_rand_int_range (demo->rand, 0, 2)],
                             at, error))
            return FALSE;
        }
    }

  /* At 13:00 the booked citizens who never came are no-shows. */
  {
    gint64 sweep = MIN (base + minutes (300), demo->now);

    at_time (sweep);
    if (sweep > base && sp_appointment_mark_no_shows (demo->store, SP_ACTOR_SYSTEM, sweep, error) < 0)
      return FALSE;
  }
  return TRUE;
}

/* The desk of that name, added the first time. */
static gint64
ensure_desk (Demo        *demo,
             const char  *name,
             GError     **error)
{
  g_autoptr(SpDesk) desk = sp_desk_lookup (demo->store, name, NULL);

  if (desk == NULL)
    desk = sp_desk_add (demo->store, SP_ACTOR_SYSTEM, name, SP_DESK_COUNTER, error);
  return desk != NULL ? sp_desk_get_id (desk) : 0;
}

/* The operator of that username, added the first time with the demo's
 * password. */
static gint64
ensure_operator (Demo        *demo,
                 const char  *username,
                 const char  *display_name,
                 SpRole       role,
                 GError     **error)
{
  g_autoptr(SpOperator) op = sp_operator_lookup (demo->store, username, NULL);

  if (op == NULL)
    op = sp_operator_add (demo->store, SP_ACTOR_SYSTEM, username, display_name, NULL, role,
                          SP_DEMO_PASSWORD, error);
  return op != NULL ? sp_operator_get_id (op) : 0;
}

/* The desk's calendar for a service, Monday to Friday from start to end,
 * set the first time: the desk's bookings and queue belong to it. */
static gboolean
ensure_calendar (Demo        *demo,
                 GPtrArray   *existing,
                 gint64       desk_id,
                 gint64       service_id,
                 int          slot_minutes,
                 int          start,
                 int          end,
                 GError     **error)
{
  g_autoptr(GArray) hours = g_array_new (FALSE, FALSE, sizeof (SpOpeningInterval));
  g_autoptr(SpCalendar) calendar = NULL;

  for (guint i = 0; i < existing->len; i++)
    if (((SpCalendar *) g_ptr_array_index (existing, i))->desk_id == desk_id)
      return TRUE;
  for (int weekday = 1; weekday <= 5; weekday++)
    {
      SpOpeningInterval interval = { weekday, start, end };
      g_array_append_val (hours, interval);
    }
  calendar = sp_calendar_set (demo->store, SP_ACTOR_SYSTEM, desk_id, service_id, slot_minutes, 1,
                              NULL, NULL, hours, error);
  return calendar != NULL;
}

static gboolean
ensure_calendars (Demo     *demo,
                  guint     n_desks,
                  GError  **error)
{
  g_autoptr(GPtrArray) cie = sp_calendar_list (demo->store, demo->service_cie, error);
  g_autoptr(GPtrArray) spid = cie != NULL ? sp_calendar_list (demo->store, demo->service_spid, error) : NULL;

  if (spid == NULL)
    return FALSE;
  for (guint d = 0; d < n_desks; d++)
    if (!ensure_calendar (demo, cie, demo->desk_ids[d], demo->service_cie, 20, 510, 750, error) ||
        !ensure_calendar (demo, spid, demo->desk_ids[d], demo->service_spid, 30, 510, 780, error))
      return FALSE;
  return TRUE;
}

/* The comune's first five counter services, busiest first. */
static gboolean
load_counter_services (Demo    *demo,
                       GError **error)
{
  g_autoptr(GListModel) counter_services = sp_counter_service_list (demo->store, FALSE, error);

  if (counter_services == NULL)
    return FALSE;
  while (demo->n_counter_services < MIN (g_list_model_get_n_items (counter_services),
                                         G_N_ELEMENTS (demo->counter_services) - 1))
    {
      g_autoptr(SpCounterService) service = g_list_model_get_item (counter_services,
                                                                   demo->n_counter_services);

      demo->counter_services[demo->n_counter_services++] = g_strdup (sp_counter_service_get_code (service));
    }
  if (demo->n_counter_services == 0)
    {
      g_set_error_literal (error, SP_REPORT_ERROR, SP_REPORT_ERROR_NOT_FOUND,
                           _("The database lacks the CIE, SPID or counter services."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_people (Demo     *demo,
             guint     n_desks,
             GError  **error)
{
  g_autoptr(SpBookingService) cie = NULL;
  g_autoptr(SpBookingService) spid = NULL;

  demo->desk_ids = g_new0 (gint64, n_desks);
  demo->clerk_ids = g_new0 (gint64, 2 * n_desks);
  demo->desk_names = g_new0 (char *, n_desks + 1);
  demo->clerk_names = g_new0 (char *, 2 * n_desks + 1);

  for (guint d = 0; d < n_desks; d++)
    {
      g_autofree char *name = g_strdup_printf ("Sportello %u", d + 1);

      demo->desk_ids[d] = ensure_desk (demo, name, error);
      if (demo->desk_ids[d] == 0)
        return FALSE;
      demo->desk_names[d] = g_steal_pointer (&name);
      for (guint k = 0; k < 2; k++)
        {
          guint i = 2 * d + k;
          g_autofree char *username = g_strdup_printf ("demo%u", i + 1);
          g_autofree char *display = g_strdup_printf ("%s %s", i % 2 ? female_names[i % 30] : male_names[i % 30],
                                                      surnames[(i * 7) % G_N_ELEMENTS (surnames)]);

          demo->clerk_ids[i] = ensure_operator (demo, username, display, SP_ROLE_CLERK, error);
          if (demo->clerk_ids[i] == 0)
            return FALSE;
          demo->clerk_names[i] = g_steal_pointer (&display);
        }
    }
  if (ensure_operator (demo, "demo-supervisor", "Silvia Responsabile", SP_ROLE_SUPERVISOR, error) == 0)
    return FALSE;

  cie = sp_booking_service_lookup (demo->store, "cie", NULL);
  spid = sp_booking_service_lookup (demo->store, "spid", NULL);
  demo->service_cie = cie != NULL ? cie->id : 0;
  demo->service_spid = spid != NULL ? spid->id : 0;

  if (!load_counter_services (demo, error))
    return FALSE;
  if (demo->service_cie == 0 || demo->service_spid == 0)
    {
      g_set_error_literal (error, SP_REPORT_ERROR, SP_REPORT_ERROR_NOT_FOUND,
                           _("The database lacks the CIE, SPID or counter services."));
      return FALSE;
    }
  return ensure_calendars (demo, n_desks, error);
}

/* On a pop-up desk's laptop the demo works as that desk, by the operators
 * the office enrolled there: it adds no desk and no account. */
static gboolean
find_popup_people (Demo        *demo,
                   const char  *desk_uuid,
                   GError     **error)
{
  g_autoptr(GListModel) desks = sp_desk_list (demo->store, FALSE, error);
  g_autoptr(GListModel) operators = desks != NULL ? sp_operator_list (demo->store, FALSE, error) : NULL;
  g_autoptr(GPtrArray) clerks = g_ptr_array_new_with_free_func (g_object_unref);

  if (operators == NULL)
    return FALSE;
  demo->desk_ids = g_new0 (gint64, 1);
  demo->clerk_ids = g_new0 (gint64, 2);
  demo->desk_names = g_new0 (char *, 2);
  demo->clerk_names = g_new0 (char *, 3);
  for (guint i = 0; i < g_list_model_get_n_items (desks); i++)
    {
      g_autoptr(SpDesk) desk = g_list_model_get_item (desks, i);

      if (g_strcmp0 (sp_desk_get_uuid (desk), desk_uuid) == 0)
        {
          demo->desk_ids[0] = sp_desk_get_id (desk);
          demo->desk_names[0] = g_strdup (sp_desk_get_name (desk));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (operators); i++)
    {
      SpOperator *op = g_list_model_get_item (operators, i);

      if (sp_operator_get_role (op) == SP_ROLE_CLERK)
        g_ptr_array_add (clerks, op);
      else
        g_object_unref (op);
    }
  if (demo->desk_ids[0] == 0 || clerks->len == 0)
    {
      g_set_error_literal (error, SP_REPORT_ERROR, SP_REPORT_ERROR_NOT_FOUND,
                           _("This pop-up desk has no clerk enrolled to work at it: enrol one at the office "
                             "and refresh the laptop."));
      return FALSE;
    }
  for (guint k = 0; k < 2; k++)
    {
      SpOperator *op = g_ptr_array_index (clerks, k % clerks->len);

      demo->clerk_ids[k] = sp_operator_get_id (op);
      demo->clerk_names[k] = g_strdup (sp_operator_get_display_name (op));
    }
  return load_counter_services (demo, error);
}

/* The seal of the demo's RAO identifications: the comune's when it is set
 * and valid now, else the demo's own (which covers the last year), made
 * anew when the one kept does not cover the period. None when the comune
 * has no IPA code: AgID's token names the comune by it. A new demo seal
 * is saved once it is used. */
static gboolean
choose_seal (Demo    *demo,
             GError **error)
{
  g_autofree char *ipa = sp_store_get_setting (demo->store, SP_SETTING_COMUNE_IPA);
  g_autofree char *comune = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(GError) local_error = NULL;

  if (ipa == NULL || *ipa == '\0')
    return TRUE;

  seal = sp_seal_load (demo->store, &local_error);
  if (seal != NULL && !sp_seal_is_demo (seal) && sp_seal_check_usable (seal, demo->now, NULL))
    {
      demo->seal = g_steal_pointer (&seal);
      return TRUE;
    }
  if (seal == NULL && !g_error_matches (local_error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE))
    g_warning ("The comune’s seal cannot be read, the demo uses its own: %s", local_error->message);
  g_clear_object (&seal);
  g_clear_error (&local_error);

  seal = sp_seal_load_demo (demo->store, &local_error);
  if (seal != NULL && sp_seal_check_usable (seal, demo->period_start, NULL) &&
      sp_seal_check_usable (seal, demo->now, NULL))
    {
      demo->seal = g_steal_pointer (&seal);
      return TRUE;
    }

  comune = sp_store_get_setting (demo->store, SP_SETTING_COMUNE_NAME);
  demo->seal = sp_seal_new_demo (comune != NULL ? comune : "", error);
  return demo->seal != NULL;
}

/* One day's work, written in its own savepoint. */
typedef struct
{
  Demo        *demo;
  const GDate *day;
  guint        n_desks;
} Day;

static gboolean
generate_day_in_transaction (SpStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  Day *d = user_data;

  return generate_day (d->demo, d->day, d->n_desks, error);
}

/* What the transaction writes with, and the options it follows. */
typedef struct
{
  Demo                *demo;
  const SpDemoOptions *options;
  GDate                first;
  SpProgressFunc       progress;
  gpointer             user_data;
  gboolean             ran;
} Generate;

static gboolean
generate_in_transaction (SpStore   *store,
                         gpointer   user_data,
                         GError   **error)
{
  Generate *g = user_data;
  Demo *demo = g->demo;
  g_autofree char *details = NULL;
  g_autofree char *popup_desk = NULL;
  GDate day = g->first;
  guint n_desks;

  /* What a run made lives on in demo (ids, counts): a second run after a
   * conflict with another desk would build on rows rolled back. */
  if (g->ran)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY,
                           _("The database is in use by another program. Try again in a moment."));
      return FALSE;
    }
  g->ran = TRUE;

  popup_desk = sp_store_get_setting (store, SP_SETTING_POPUP_DESK);
  demo->popup = demo->result.popup = popup_desk != NULL;
  n_desks = demo->popup ? 1 : g->options->desks;
  if (demo->popup ? !find_popup_people (demo, popup_desk, error) : !make_people (demo, n_desks, error))
    return FALSE;
  demo->places = sp_places_new_for_store (store, error);
  if (demo->places == NULL)
    return FALSE;

  for (guint i = 0; i < g->options->days; i++, g_date_add_days (&day, 1))
    {
      Day today = { demo, &day, n_desks };

      /* Each day in a savepoint of its own, as the desks wrote it. */
      if (!sp_store_transaction (store, generate_day_in_transaction, &today, error))
        return FALSE;
      if (g->progress != NULL && (i % 32 == 0 || i + 1 == g->options->days))
        g->progress ((double) (i + 1) / g->options->days, g->user_data);
    }
  /* The expiry job's last run, up to the end of the period. */
  if (!expire_due (demo, demo->now, error))
    return FALSE;
  sp_store_set_simulated_clock (0);

  demo->result.total = demo->result.citizens + demo->result.identifications + demo->result.cie_requests +
                       demo->result.appointments + demo->result.tallies + demo->result.emails;
  details = g_strdup_printf ("{\"days\": %u, \"desks\": %u, \"seed\": %u, \"records\": %"
                             G_GUINT64_FORMAT "}",
                             g->options->days, n_desks, g->options->seed,
                             demo->result.total);
  return sp_audit_append (store, demo->actor, SP_AUDIT_DEMO_DATA, NULL, details, error);
}

gboolean
sp_demo_generate (SpStore             *store,
                  SpActor              actor,
                  const SpDemoOptions *options,
                  SpProgressFunc       progress,
                  gpointer             user_data,
                  SpDemoResult        *result,
                  GError             **error)
{
  Demo demo = { 0 };
  Generate g = { &demo, options, { 0 }, progress, user_data };
  g_autoptr(GDateTime) start = NULL;
  gboolean ok = FALSE;
  guint n_citizens;
  GDate last;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && options->days > 0 && options->desks > 0, FALSE);

  demo.store = store;
  demo.actor = actor;
  demo.rand = g_rand_new_with_seed (options->seed);
  demo.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo.now = sp_store_now ();
  demo.holidays = sp_holiday_rules_load (store);

  if (g_date_valid (&options->last_day))
    {
      g_autoptr(GDateTime) end = NULL;

      last = options->last_day;
      /* A past day is over: everything in it resolved. */
      end = g_date_time_new_local (g_date_get_year (&last), g_date_get_month (&last),
                                   g_date_get_day (&last), 23, 59, 59);
      demo.now = MIN (demo.now, g_date_time_to_unix (end) * G_USEC_PER_SEC);
    }
  else
    sp_date_from_time (demo.now, &last);
  g.first = last;
  g_date_subtract_days (&g.first, options->days - 1);
  start = g_date_time_new_local (g_date_get_year (&g.first), g_date_get_month (&g.first),
                                 g_date_get_day (&g.first), 0, 0, 0);
  demo.period_start = g_date_time_to_unix (start) * G_USEC_PER_SEC;

  /* A city of 300,000: a few thousand citizens a year at the counter. */
  n_citizens = options->citizens > 0 ? options->citizens
                                     : CLAMP (options->days * options->desks * 12, 500, 300000);
  demo.citizens = g_array_sized_new (FALSE, TRUE, sizeof (Citizen), n_citizens);
  g_array_set_size (demo.citizens, n_citizens);
  demo.window_start = demo.now - (gint64) SP_SPID_TOKEN_VALIDITY_SECONDS * G_USEC_PER_SEC;

  /* Made before the write lock: a new RSA key takes a while. */
  if (choose_seal (&demo, error))
    ok = sp_store_transaction (store, generate_in_transaction, &g, error);
  if (ok && result != NULL)
    *result = demo.result;

  g_rand_free (demo.rand);
  g_hash_table_unref (demo.codes);
  g_clear_pointer (&demo.citizens, g_array_unref);
  g_clear_pointer (&demo.holidays, sp_holiday_rules_free);
  g_clear_object (&demo.seal);
  g_clear_object (&demo.places);
  g_free (demo.desk_ids);
  g_free (demo.clerk_ids);
  g_strfreev (demo.desk_names);
  g_strfreev (demo.clerk_names);
  for (guint i = 0; i < demo.n_counter_services; i++)
    g_free (demo.counter_services[i]);
  /* Back to the real clock for whatever this thread does next. */
  sp_store_set_simulated_clock (0);
  return ok;
}
