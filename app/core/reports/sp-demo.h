/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-demo.h — plausible synthetic activity, deterministic for a seed
 *
 * Fills a database with desks, operators, citizens (with valid codici
 * fiscali), CIE appointments and requests, SPID walk-ins and
 * identifications, emails, tallies of other services and the daily wait
 * for a CIE slot, for the screens to show something and for benchmarks.
 * Everything is written in one transaction, each day in a savepoint of
 * its own, at the moments it happened (the store's simulated clock):
 * desks, operators, citizens and tallies through their owners' functions,
 * appointments, CIE requests, the other identifications and the daily
 * wait still with prepared statements. The RAO pubblico identifications still within their
 * activation period (the last 30 days) are made through the real API
 * instead: drafts filled in as a clerk would, completed and sealed with
 * the comune's seal when one is set and usable, else with the demo's own
 * self-signed seal (marked DEMO), their e-mail left in the outbox and
 * their receipt issued. Older RAO identifications are left expired, as the
 * expiry job would have left them.
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
  guint64 sealed;       /* RAO identifications sealed, each with its e-mail and receipt */
  gboolean demo_seal;   /* sealed with the demo's own seal, not the comune's */
  guint64 unsealed;     /* recent RAO ones no seal could seal at their time, or
                           with no IPA code set: recorded as partner-counter ones */
} SpDemoResult;

gboolean sp_demo_generate (SpStore             *store,
                           SpActor              actor,
                           const SpDemoOptions *options,
                           SpProgressFunc       progress,
                           gpointer             user_data,
                           SpDemoResult        *result,
                           GError             **error);

G_END_DECLS
