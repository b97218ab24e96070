/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-demo.h — plausible synthetic activity, deterministic for a seed
 *
 * Fills a database with desks (each with its CIE and SPID calendars),
 * operators, citizens (with valid codici fiscali), CIE appointments and
 * requests, SPID walk-ins and identifications, tallies of other services
 * and the daily wait for a CIE slot, for the screens to show something and
 * for benchmarks. Everything goes through the owners' functions, as a
 * clerk's actions would write it, at the moments it happened (the store's
 * simulated clock), in one transaction with each day in a savepoint of its
 * own: appointments booked, checked in, called, served, cancelled or
 * missed; CIE requests recorded and followed up; identifications filled
 * in, refused or completed with their receipt. RAO pubblico ones are
 * sealed with the comune's seal when one is set and usable at their time,
 * else with the demo's own self-signed seal (marked DEMO), their e-mail
 * left in the outbox; the expiry job expires those past their activation
 * period. Without a seal valid at its time (no IPA code) an identification
 * goes through the partner counter instead.
 */
#pragma once

#include "sp-audit.h"
#include "sp-report.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_DEMO_PASSWORD   "Demo-Password-1"
#define SP_AUDIT_DEMO_DATA "demo-data"

typedef struct
{
  guint   days;        /* days of activity, ending on last_day */
  guint   desks;       /* counter desks ("Sportello 1" …) */
  guint32 seed;
  GDate   last_day;    /* invalid: today */
  guint   citizens;    /* size of the population drawn from; 0: automatic */
} SpDemoOptions;

typedef struct
{
  guint64 citizens;
  guint64 identifications;
  guint64 cie_requests;
  guint64 appointments;
  guint64 tallies;
  guint64 emails;
  guint64 total;
  guint64 sealed;       /* RAO identifications of the last 30 days sealed, each with its
                           e-mail and receipt (older ones sealed too, then expired) */
  gboolean demo_seal;   /* sealed with the demo's own seal, not the comune's */
  guint64 unsealed;     /* recent RAO ones no seal could seal at their time, or
                           with no IPA code set: recorded as partner-counter ones */
  gboolean popup;       /* made on a pop-up desk's laptop, as that desk, by its
                           enrolled clerks: no desk, account or calendar added */
} SpDemoResult;

gboolean sp_demo_generate (SpStore             *store,
                           SpActor              actor,
                           const SpDemoOptions *options,
                           SpProgressFunc       progress,
                           gpointer             user_data,
                           SpDemoResult        *result,
                           GError             **error);

G_END_DECLS
