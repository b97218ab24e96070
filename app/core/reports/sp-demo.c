/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-demo.c — synthetic activity for the screens and the benchmarks */
#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sp-booking-service.h"
#include "sp-citizen.h"
#include "sp-codice-fiscale.h"
#include "sp-counter-service.h"
#include "sp-demo.h"
#include "sp-desk.h"
#include "sp-health-card.h"
#include "sp-identification.h"
#include "sp-operator.h"
#include "sp-places-import.h"
#include "sp-seal.h"
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

/* A RAO identification still within its activation period, made through
 * the real API once the bulk is written. */
typedef struct
{
  guint   citizen;   /* in Demo.citizens */
  guint   clerk;     /* in Demo.clerk_ids; the desk is clerk / 2 */
  gint64  started;
  gint64  at;
  guint32 seed;      /* of the draft's own data */
} Pending;

typedef struct
{
  SpStore      *store;
  GRand        *rand;
  GArray       *citizens;     /* Citizen */
  GHashTable   *codes;        /* cf → TRUE, to keep them unique */
  gint64        now;
  gint64        clock;        /* µs, for time-ordered uuids */
  SpDemoResult  result;

  sqlite3_stmt *appointment;
  sqlite3_stmt *cie;
  sqlite3_stmt *identification;
  sqlite3_stmt *backdate;
  sqlite3_stmt *wait;

  /* RAO identifications of the last 30 days: sealed with seal (NULL when
   * none can be: no IPA code) if it is valid at their time. */
  SpSeal       *seal;
  gint64        window_start;
  GArray       *pending;      /* Pending */
  SpPlaces     *places;

  gint64       *desk_ids;
  gint64       *clerk_ids;    /* two a desk */
  char        **desk_names;
  char        **clerk_names;
  gint64        service_cie;
  gint64        service_spid;
  char         *counter_services[6];   /* codes, NULL-terminated */
  guint         n_counter_services;
} Demo;

/* UUID version 7: time-ordered, so that the uuid indexes grow at their
 * end as the days go by instead of at random places. */
static void
make_uuid (Demo *demo,
           char  out[37])
{
  guint64 ms = (guint64) (demo->clock / 1000);

  demo->clock += 1000;
  g_snprintf (out, 37, "%08x-%04x-7%03x-%04x-%08x%04x",
              (guint) (ms >> 16), (guint) (ms & 0xffff),
              g_rand_int (demo->rand) & 0xfff,
              (g_rand_int (demo->rand) & 0x3fff) | 0x8000,
              g_rand_int (demo->rand), g_rand_int (demo->rand) & 0xffff);
}

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

static gboolean
step (Demo          *demo,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return sp_store_set_error (demo->store, rc, error);
  return TRUE;
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

static gint64
appointment_insert (Demo          *demo,
                    const char    *day,
                    gint64         service,
                    gint64         desk,
                    gint64         op,
                    int            start_minute,  /* -1: walk-in */
                    int            ticket,
                    const char    *state,
                    const Citizen *c,
                    gint64         arrived,
                    gint64         called,
                    gint64         served_to,
                    gint64         created,
                    GError       **error)
{
  char uuid[37];

  make_uuid (demo, uuid);
  sqlite3_bind_text (demo->appointment, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->appointment, 2, start_minute >= 0 ? "booked" : "walk-in", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (demo->appointment, 3, service);
  sqlite3_bind_int64 (demo->appointment, 4, desk);
  sqlite3_bind_text (demo->appointment, 5, day, -1, SQLITE_STATIC);
  if (start_minute >= 0)
    {
      sqlite3_bind_int (demo->appointment, 6, start_minute);
      sqlite3_bind_int (demo->appointment, 7, start_minute + 20);
    }
  else
    sqlite3_bind_int (demo->appointment, 8, ticket);
  sqlite3_bind_text (demo->appointment, 9, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->appointment, 10, surnames[c->surname], -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->appointment, 11, citizen_name (c), -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->appointment, 12, c->cf, -1, SQLITE_STATIC);
  if (arrived > 0)
    sqlite3_bind_int64 (demo->appointment, 13, arrived);
  if (called > 0)
    {
      sqlite3_bind_int64 (demo->appointment, 14, called);
      sqlite3_bind_int64 (demo->appointment, 15, desk);
      sqlite3_bind_int64 (demo->appointment, 16, called);
    }
  if (served_to > 0)
    sqlite3_bind_int64 (demo->appointment, 17, served_to);
  sqlite3_bind_int64 (demo->appointment, 18, op);
  sqlite3_bind_int64 (demo->appointment, 19, created);
  sqlite3_bind_text (demo->appointment, 20,
                     g_str_equal (state, "cancelled") ? "Cancelled by the citizen" : NULL, -1, SQLITE_STATIC);
  if (!step (demo, demo->appointment, error))
    return -1;
  if (sqlite3_changes (sp_store_get_handle (demo->store)) == 0)
    return 0;   /* already there (a second run over the same days) */
  demo->result.appointments++;
  return sp_store_last_insert_id (demo->store);
}

static gboolean
cie_insert (Demo          *demo,
            gint64         appointment,
            const Citizen *c,
            gint64         desk,
            gint64         op,
            gint64         at,
            const GDate   *day,
            GError       **error)
{
  static const char * const reasons[] = { "first", "renewal", "expired", "lost", "stolen", "damaged" };
  static const int reason_weights[] = { 10, 55, 20, 8, 3, 4 };
  static const char * const payments[] = { "card", "pagopa", "cash" };
  static const int payment_weights[] = { 60, 30, 10 };
  static const char * const organ[] = { "not-stated", "yes", "no" };
  static const int organ_weights[] = { 50, 35, 15 };
  int reason = pick_weighted (demo, reason_weights, G_N_ELEMENTS (reasons));
  int payment = pick_weighted (demo, payment_weights, G_N_ELEMENTS (payments));
  gboolean home = g_rand_int_range (demo->rand, 0, 100) < 80;
  gboolean closed = demo->now - at > G_GINT64_CONSTANT (14) * 86400 * G_USEC_PER_SEC;
  char uuid[37], ministry[16], card[12], iuv[20], address[64], expected[11];
  GDate delivery = *day;

  make_uuid (demo, uuid);
  g_snprintf (ministry, sizeof ministry, "A%08u", g_rand_int_range (demo->rand, 0, 100000000));
  g_snprintf (card, sizeof card, "CA%05u%c%c", g_rand_int_range (demo->rand, 0, 100000),
              'A' + g_rand_int_range (demo->rand, 0, 26), 'A' + g_rand_int_range (demo->rand, 0, 26));
  g_snprintf (iuv, sizeof iuv, "RF%016u", g_rand_int (demo->rand));
  g_snprintf (address, sizeof address, "%s %u",
              streets[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (streets))],
              g_rand_int_range (demo->rand, 1, 120));
  g_date_add_days (&delivery, 8);
  g_snprintf (expected, sizeof expected, "%04d-%02d-%02d", g_date_get_year (&delivery),
              g_date_get_month (&delivery), g_date_get_day (&delivery));

  sqlite3_bind_text (demo->cie, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (demo->cie, 2, appointment);
  sqlite3_bind_int64 (demo->cie, 3, c->id);
  sqlite3_bind_text (demo->cie, 4, c->cf, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 5, surnames[c->surname], -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 6, citizen_name (c), -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 7, c->birth, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 8, reasons[reason], -1, SQLITE_STATIC);
  if (reason == 3 || reason == 4)
    sqlite3_bind_text (demo->cie, 9, "Denuncia Carabinieri", -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 10, ministry, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 11, card, -1, SQLITE_STATIC);
  sqlite3_bind_int (demo->cie, 12, reason >= 3 ? 2790 : 2220);
  sqlite3_bind_text (demo->cie, 13, payments[payment], -1, SQLITE_STATIC);
  if (payment == 1)
    sqlite3_bind_text (demo->cie, 14, iuv, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 15, organ[pick_weighted (demo, organ_weights, 3)], -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 16, home ? "home" : "comune", -1, SQLITE_STATIC);
  if (home)
    sqlite3_bind_text (demo->cie, 17, address, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 18, expected, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->cie, 19, closed ? "delivered" : "requested", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (demo->cie, 20, desk);
  sqlite3_bind_int64 (demo->cie, 21, op);
  sqlite3_bind_int64 (demo->cie, 22, at);
  if (closed)
    sqlite3_bind_int64 (demo->cie, 23, at + G_GINT64_CONSTANT (8) * 86400 * G_USEC_PER_SEC);
  if (!step (demo, demo->cie, error))
    return FALSE;
  demo->result.cie_requests++;
  return TRUE;
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

static gboolean
identification_insert (Demo          *demo,
                       const Citizen *c,
                       gint64         desk,
                       guint          clerk,
                       gint64         started,
                       gint64         at,
                       GError       **error)
{
  static const char * const reasons[] = {
    "document-invalid", "document-deficient", "identity-doubt", "minor", "data-missing",
    "citizen-withdrew", "other",
  };
  static const int reason_weights[] = { 35, 10, 5, 5, 20, 15, 10 };
  gboolean refused = g_rand_int_range (demo->rand, 0, 100) < 12;
  gboolean rao = g_rand_int_range (demo->rand, 0, 100) < 70;
  const char *state = refused ? "refused" : "completed";
  char uuid[37];

  /* Drawn whichever way it goes, so that the rest of the data does not
   * depend on the seal. */
  make_uuid (demo, uuid);
  if (rao && !refused && at > demo->window_start)
    {
      Pending pending = {
        .citizen = c - &g_array_index (demo->citizens, Citizen, 0),
        .clerk = clerk,
        .started = started,
        .at = at,
        .seed = g_rand_int (demo->rand),
      };

      if (can_seal_at (demo, at))
        {
          g_array_append_val (demo->pending, pending);
          return TRUE;
        }
      rao = FALSE;
      demo->result.unsealed++;
    }
  else if (rao && !refused)
    state = "expired";   /* past its deadline: the expiry job has run */

  sqlite3_bind_text (demo->identification, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->identification, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->identification, 3, rao ? "rao" : "partner", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (demo->identification, 4, c->id);
  sqlite3_bind_text (demo->identification, 5, c->cf, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->identification, 6, surnames[c->surname], -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->identification, 7, citizen_name (c), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (demo->identification, 8, desk);
  sqlite3_bind_int64 (demo->identification, 9, demo->clerk_ids[clerk]);
  sqlite3_bind_int64 (demo->identification, 10, started);
  sqlite3_bind_int64 (demo->identification, 11, at);
  if (refused)
    sqlite3_bind_text (demo->identification, 12,
                       reasons[pick_weighted (demo, reason_weights, G_N_ELEMENTS (reasons))],
                       -1, SQLITE_STATIC);
  sqlite3_bind_int64 (demo->identification, 13,
                      (gint64) SP_SPID_TOKEN_VALIDITY_SECONDS * G_USEC_PER_SEC);
  if (!step (demo, demo->identification, error))
    return FALSE;
  demo->result.identifications++;
  /* An expired one's e-mail left long ago; it held the second half of a
   * code and a token the demo never made, so there is no row to show. */
  return TRUE;
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
  if (!sp_tally_add (demo->store, (SpActor) { desk, op }, demo->counter_services[service], error))
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

static gboolean
generate_day (Demo        *demo,
              const GDate *day,
              guint        n_desks,
              int         *wait,
              GError     **error)
{
  GDateWeekday weekday = g_date_get_weekday (day);
  g_autoptr(GDateTime) opening = NULL;
  gint64 base, created;
  char text[11];
  int ticket = 0;

  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY ||
      (g_date_get_month (day) == 12 && g_date_get_day (day) == 25) ||
      (g_date_get_month (day) == 1 && g_date_get_day (day) == 1) ||
      (g_date_get_month (day) == 8 && g_date_get_day (day) == 15))
    return TRUE;

  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (day),
              g_date_get_month (day), g_date_get_day (day));
  /* 08:00 local: no daylight-saving jump after it. */
  opening = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                   g_date_get_day (day), 8, 0, 0);
  base = g_date_time_to_unix (opening) * G_USEC_PER_SEC;
  demo->clock = MAX (demo->clock, base);
  created = base - G_GINT64_CONSTANT (20) * 86400 * G_USEC_PER_SEC;

  for (guint d = 0; d < n_desks; d++)
    {
      gint64 desk = demo->desk_ids[d];

      /* CIE by appointment, 08:30–12:30, 20-minute slots. */
      for (int slot = 510; slot < 750; slot += 20)
        {
          gint64 op = demo->clerk_ids[2 * d + (slot >= 630)];
          gint64 slot_time = base + minutes (slot - 480);
          int r = g_rand_int_range (demo->rand, 0, 100);
          const char *state;
          gint64 arrived = 0, called = 0, served_to = 0, id;
          Citizen *c;

          if (r >= 82)
            continue;   /* a free slot */
          sp_store_set_simulated_clock (MIN (created, demo->now));
          c = any_citizen (demo, error);
          if (c == NULL)
            return FALSE;
          if (slot_time > demo->now)
            state = "booked";
          else if (r < 5)
            state = "cancelled";
          else if (r < 11)
            state = "no-show";
          else
            {
              state = "served";
              arrived = slot_time - minutes (g_rand_int_range (demo->rand, 0, 12));
              called = slot_time + minutes (g_rand_int_range (demo->rand, 0, 16));
              served_to = called + minutes (g_rand_int_range (demo->rand, 12, 26));
            }
          id = appointment_insert (demo, text, demo->service_cie, desk, op, slot, 0, state, c,
                                   arrived, called, served_to, created, error);
          if (id < 0)
            return FALSE;
          if (id > 0 && served_to > 0 &&
              !cie_insert (demo, id, c, desk, op, served_to, day, error))
            return FALSE;
        }

      /* SPID walk-ins through the morning. */
      for (int n = g_rand_int_range (demo->rand, 2, 9); n > 0; n--)
        {
          guint clerk = 2 * d + g_rand_int_range (demo->rand, 0, 2);
          gint64 op = demo->clerk_ids[clerk];
          gint64 arrived = base + minutes (g_rand_int_range (demo->rand, 30, 270));
          gint64 called = arrived + minutes (g_rand_int_range (demo->rand, 2, 41));
          gint64 served_to = called + minutes (g_rand_int_range (demo->rand, 8, 21));
          gboolean done = served_to <= demo->now;
          Citizen *c;
          gint64 id;

          sp_store_set_simulated_clock (MIN (arrived, demo->now));
          c = any_citizen (demo, error);
          if (c == NULL)
            return FALSE;
          if (arrived > demo->now)
            continue;
          id = appointment_insert (demo, text, demo->service_spid, desk, op, -1, ++ticket,
                                   done ? "served" : "waiting", c, arrived,
                                   done ? called : 0, done ? served_to : 0, arrived, error);
          if (id < 0)
            return FALSE;
          if (id > 0 && done &&
              !identification_insert (demo, c, desk, clerk, called, served_to, error))
            return FALSE;
        }

      /* Other counter services, counted with a click. */
      for (int n = g_rand_int_range (demo->rand, 5, 21); n > 0; n--)
        {
          gint64 at = base + minutes (g_rand_int_range (demo->rand, 30, 270));

          if (at <= demo->now &&
              !tally_insert (demo, desk, demo->clerk_ids[2 * d + g_rand_int_range (demo->rand, 0, 2)],
                             at, error))
            return FALSE;
        }
    }

  /* The day's wait for a free CIE slot, drifting. */
  {
    int next = *wait + g_rand_int_range (demo->rand, -2, 3);
    char uuid[37];

    *wait = CLAMP (next, 1, 45);

    make_uuid (demo, uuid);
    sqlite3_bind_text (demo->wait, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (demo->wait, 2, text, -1, SQLITE_STATIC);
    sqlite3_bind_int (demo->wait, 3, *wait);
    sqlite3_bind_int64 (demo->wait, 4, base);
    if (!step (demo, demo->wait, error))
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

static gboolean
prepare_all (Demo     *demo,
             GError  **error)
{
  struct { sqlite3_stmt **stmt; const char *sql; } list[] = {
    { &demo->appointment,
      "INSERT OR IGNORE INTO appointments (uuid, kind, service_id, desk_id, day, start_minute, end_minute, "
      "ticket, state, surname, given_name, codice_fiscale, arrived_at, called_at, called_desk_id, "
      "served_from, served_to, created_by, created_at, updated_at, cancel_reason) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
      "coalesce(?17, ?19), ?20)" },
    { &demo->cie,
      "INSERT INTO cie_requests (uuid, appointment_id, citizen_id, codice_fiscale, surname, given_name, "
      "birth_date, reason, police_report, ministry_number, card_number, fee_cents, payment_method, "
      "payment_reference, fingerprints, organ_donation, delivery, delivery_address, validity_years, "
      "expected_delivery, state, desk_id, operator_id, created_at, updated_at, closed_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'taken', ?15, ?16, ?17, 10, "
      "?18, ?19, ?20, ?21, ?22, coalesce(?23, ?22), ?23)" },
    /* ?11: when it was completed or refused; ?13: the activation period.
     * An expired one was expired at its deadline. */
    { &demo->identification,
      "INSERT INTO identifications (uuid, state, channel, citizen_id, codice_fiscale, surname, name, "
      "desk_id, operator_id, created_at, updated_at, completed_at, refused_at, expires_at, expired_at, "
      "refusal_reason, completed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
      "CASE WHEN ?2 = 'expired' THEN ?11 + ?13 ELSE ?11 END, "
      "CASE WHEN ?2 <> 'refused' THEN ?11 END, CASE WHEN ?2 = 'refused' THEN ?11 END, "
      "CASE WHEN ?2 <> 'refused' AND ?3 = 'rao' THEN ?11 + ?13 END, "
      "CASE WHEN ?2 = 'expired' THEN ?11 + ?13 END, ?12, "
      "CASE WHEN ?2 <> 'refused' THEN ?9 END)" },
    { &demo->backdate,
      "UPDATE identifications SET created_at = ?2, updated_at = ?2 WHERE id = ?1 AND state = 'draft'" },
    { &demo->wait,
      "INSERT INTO cie_wait_snapshots (uuid, day, wait_days, recorded_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (day) DO UPDATE SET wait_days = excluded.wait_days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (list); i++)
    if ((*list[i].stmt = sp_store_prepare (demo->store, list[i].sql, error)) == NULL)
      return FALSE;
  return TRUE;
}

static void
finalize_all (Demo *demo)
{
  g_clear_pointer (&demo->appointment, sqlite3_finalize);
  g_clear_pointer (&demo->cie, sqlite3_finalize);
  g_clear_pointer (&demo->identification, sqlite3_finalize);
  g_clear_pointer (&demo->backdate, sqlite3_finalize);
  g_clear_pointer (&demo->wait, sqlite3_finalize);
}

static gboolean
make_people (Demo     *demo,
             guint     n_desks,
             GError  **error)
{
  g_autoptr(SpBookingService) cie = NULL;
  g_autoptr(SpBookingService) spid = NULL;
  g_autoptr(GListModel) counter_services = NULL;

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

  counter_services = sp_counter_service_list (demo->store, FALSE, error);
  if (counter_services == NULL)
    return FALSE;
  /* The first five in the comune's order, busiest first. */
  while (demo->n_counter_services < MIN (g_list_model_get_n_items (counter_services),
                                         G_N_ELEMENTS (demo->counter_services) - 1))
    {
      g_autoptr(SpCounterService) service = g_list_model_get_item (counter_services,
                                                                   demo->n_counter_services);

      demo->counter_services[demo->n_counter_services++] = g_strdup (sp_counter_service_get_code (service));
    }
  if (demo->n_counter_services == 0 || demo->service_cie == 0 || demo->service_spid == 0)
    {
      g_set_error_literal (error, SP_REPORT_ERROR, SP_REPORT_ERROR_NOT_FOUND,
                           _("The database lacks the CIE, SPID or counter services."));
      return FALSE;
    }
  return TRUE;
}

/* The seal of the demo's RAO identifications: the comune's when it is set
 * and valid now, else the demo's own, made anew when the one kept does not
 * cover the period. None when the comune has no IPA code: AgID's token
 * names the comune by it. A new demo seal is saved once it is used. */
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
  if (seal != NULL && sp_seal_check_usable (seal, demo->window_start, NULL) &&
      sp_seal_check_usable (seal, demo->now, NULL))
    {
      demo->seal = g_steal_pointer (&seal);
      return TRUE;
    }

  comune = sp_store_get_setting (demo->store, SP_SETTING_COMUNE_NAME);
  demo->seal = sp_seal_new_demo (comune != NULL ? comune : "", error);
  return demo->seal != NULL;
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

/* Every field of the RAO form as a clerk fills it in with the citizen
 * across the desk, valid on today: the identity, a residence with its
 * address type, an identity document and the health card, e-mail and
 * mobile typed twice, consent and the checklist. */
static void
fill_draft (Demo             *demo,
            SpIdentification *self,
            const Citizen    *c,
            const Pending    *pending,
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
    sp_identification_mark_step (self, step, pending->started + (pending->at - pending->started) * step /
                                                                (SP_IDENTIFICATION_N_STEPS + 1));
}

/* One RAO identification through the real API: the draft started when
 * the citizen was called, filled in, completed and sealed at the time it
 * ended (the e-mail with the token queued), and its receipt issued. */
static gboolean
complete_pending (Demo           *demo,
                  const Pending  *pending,
                  GError        **error)
{
  const Citizen *c = &g_array_index (demo->citizens, Citizen, pending->citizen);
  guint desk = pending->clerk / 2;
  SpActor actor = { demo->desk_ids[desk], demo->clerk_ids[pending->clerk] };
  g_autoptr(SpIdentification) self = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (pending->seed);
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (pending->at / G_USEC_PER_SEC);
  g_autofree char *code = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  self = sp_identification_new_draft (demo->store, actor, SP_IDENTIFICATION_CHANNEL_RAO, error);
  if (self == NULL)
    return FALSE;
  sqlite3_bind_int64 (demo->backdate, 1, sp_identification_get_id (self));
  sqlite3_bind_int64 (demo->backdate, 2, pending->started);
  if (!step (demo, demo->backdate, error))
    return FALSE;

  fill_draft (demo, self, c, pending, &today, rand);
  if (!sp_identification_complete_sealed (demo->store, self, actor, demo->places, &today,
                                          demo->seal, pending->at, &code, error))
    return FALSE;
  /* The full code only ever lives on the receipt and in the e-mail. */
  sodium_memzero (code, strlen (code));

  receipt = sp_identification_issue_receipt (demo->store, self, actor, demo->desk_names[desk],
                                             demo->clerk_names[pending->clerk], error);
  if (receipt == NULL)
    return FALSE;

  demo->result.identifications++;
  demo->result.emails++;
  demo->result.sealed++;
  return TRUE;
}

static gboolean
complete_all_pending (Demo            *demo,
                      SpActor          actor,
                      SpProgressFunc   progress,
                      gpointer         user_data,
                      double           done,
                      GError         **error)
{
  if (demo->pending->len == 0)
    return TRUE;

  if (sp_seal_get_id (demo->seal) == 0 &&
      !sp_seal_save (demo->store, demo->seal, actor, FALSE, error))
    return FALSE;
  demo->result.demo_seal = sp_seal_is_demo (demo->seal);

  demo->places = sp_places_new_for_store (demo->store, error);
  if (demo->places == NULL)
    return FALSE;

  for (guint i = 0; i < demo->pending->len; i++)
    {
      if (!complete_pending (demo, &g_array_index (demo->pending, Pending, i), error))
        return FALSE;
      if (progress != NULL && (i % 32 == 31 || i + 1 == demo->pending->len))
        progress (done + (1.0 - done) * (i + 1) / demo->pending->len, user_data);
    }
  return TRUE;
}

/* One day's work, written in its own savepoint. */
typedef struct
{
  Demo        *demo;
  const GDate *day;
  guint        n_desks;
  int         *wait;
} Day;

static gboolean
generate_day_in_transaction (SpStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  Day *d = user_data;

  return generate_day (d->demo, d->day, d->n_desks, d->wait, error);
}

/* What the transaction writes with, and the options it follows. */
typedef struct
{
  Demo                *demo;
  SpActor              actor;
  const SpDemoOptions *options;
  GDate                last;
  SpProgressFunc       progress;
  gpointer             user_data;
  double               share;
} Generate;

static gboolean
generate_in_transaction (SpStore   *store,
                         gpointer   user_data,
                         GError   **error)
{
  Generate *g = user_data;
  Demo *demo = g->demo;
  g_autofree char *details = NULL;
  int wait = 12;
  GDate day;

  if (!make_people (demo, g->options->desks, error) || !prepare_all (demo, error))
    return FALSE;

  day = g->last;
  g_date_subtract_days (&day, g->options->days - 1);
  for (guint i = 0; i < g->options->days; i++, g_date_add_days (&day, 1))
    {
      Day today = { demo, &day, g->options->desks, &wait };

      /* Each day in a savepoint of its own, as the desks wrote it. */
      if (!sp_store_transaction (store, generate_day_in_transaction, &today, error))
        return FALSE;
      if (g->progress != NULL && (i % 32 == 0 || i + 1 == g->options->days))
        g->progress (g->share * (i + 1) / g->options->days, g->user_data);
    }
  sp_store_set_simulated_clock (0);
  if (!complete_all_pending (demo, g->actor, g->progress, g->user_data, g->share, error))
    return FALSE;

  demo->result.total = demo->result.citizens + demo->result.identifications + demo->result.cie_requests +
                       demo->result.appointments + demo->result.tallies + demo->result.emails;
  details = g_strdup_printf ("{\"days\": %u, \"desks\": %u, \"seed\": %u, \"records\": %"
                             G_GUINT64_FORMAT "}",
                             g->options->days, g->options->desks, g->options->seed,
                             demo->result.total);
  finalize_all (demo);
  return sp_audit_append (store, g->actor, SP_AUDIT_DEMO_DATA, NULL, details, error);
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
  Generate g = { &demo, actor, options, { 0 }, progress, user_data, 1.0 };
  gboolean ok = FALSE;
  guint n_citizens;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && options->days > 0 && options->desks > 0, FALSE);

  demo.store = store;
  demo.rand = g_rand_new_with_seed (options->seed);
  demo.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo.now = sp_store_now ();

  if (g_date_valid (&options->last_day))
    {
      g_autoptr(GDateTime) end = NULL;

      g.last = options->last_day;
      /* A past day is over: everything in it resolved. */
      end = g_date_time_new_local (g_date_get_year (&g.last), g_date_get_month (&g.last),
                                   g_date_get_day (&g.last), 23, 59, 59);
      demo.now = MIN (demo.now, g_date_time_to_unix (end) * G_USEC_PER_SEC);
    }
  else
    {
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (demo.now / G_USEC_PER_SEC);

      g_date_clear (&g.last, 1);
      g_date_set_dmy (&g.last, g_date_time_get_day_of_month (local),
                      g_date_time_get_month (local), g_date_time_get_year (local));
    }

  /* A city of 300,000: a few thousand citizens a year at the counter. */
  n_citizens = options->citizens > 0 ? options->citizens
                                     : CLAMP (options->days * options->desks * 12, 500, 300000);
  demo.citizens = g_array_sized_new (FALSE, TRUE, sizeof (Citizen), n_citizens);
  g_array_set_size (demo.citizens, n_citizens);
  demo.pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  demo.window_start = demo.now - (gint64) SP_SPID_TOKEN_VALIDITY_SECONDS * G_USEC_PER_SEC;

  /* Made before the write lock: a new RSA key takes a while. */
  if (choose_seal (&demo, error))
    {
      g.share = demo.seal != NULL ? 0.9 : 1.0;
      ok = sp_store_transaction (store, generate_in_transaction, &g, error);
    }
  if (ok && result != NULL)
    *result = demo.result;

  finalize_all (&demo);
  g_rand_free (demo.rand);
  g_hash_table_unref (demo.codes);
  g_clear_pointer (&demo.citizens, g_array_unref);
  g_clear_pointer (&demo.pending, g_array_unref);
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
