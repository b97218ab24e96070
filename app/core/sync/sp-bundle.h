/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle.h — a pop-up desk's records brought back to the office
 *
 * The laptop exports everything since its last bundle into one file; the
 * office imports it once, whole or not at all. The format is Sportello's
 * own (version 1):
 *
 *   "SPORTELLO-BUNDLE 1\n"
 *   header: one line of JSON, then "\n":
 *     {"desk": uuid, "sequence": n, "office": the office's box public key
 *      (base64), "length": bytes of the box}
 *   box: crypto_box_seal (to the office's public key) of the payload
 *   signature: crypto_sign_detached (Ed25519, the desk's key from its
 *     enrolment) over magic ‖ header line ‖ box, 64 bytes
 *
 * so that the office refuses a foreign or altered file before opening
 * anything, and a file cut short by its length. The payload is JSON:
 *
 *   {"format": "sportello-bundle", "version": 1,
 *    "manifest": {"desk", "sequence", "from", "until" (µs, the laptop's
 *                 clock: the records changed in that window),
 *                 "previous_hash" (the hash the laptop's audit rows link
 *                 to: the last of the bundle before, or the genesis),
 *                 "first_hash", "last_hash", "counts": {table: rows}},
 *    "tables": {"citizens": […], "identifications": […], "receipts": […],
 *               "receipt_prints": […], "cie_requests": […],
 *               "tallies": […], "outbox": […]},
 *    "audit": […]}
 *
 * Rows are objects of their columns as the owner modules describe them
 * (sp-store-rows.h): named by uuid (citizens by codice fiscale), their
 * references by the referred row's uuid (a counter service by its code,
 * a citizen by codice fiscale), blobs in base64.
 * Identifications travel once finished, e-mails while unsent; the audit
 * rows as written on the laptop, which the office keeps apart
 * (sp-audit-popup.h).
 *
 * The laptop records each bundle it exported (bundle_exports): the next
 * one starts where the last ended; exporting "again" writes the last one
 * anew (its file was lost): the same window of records and audit rows,
 * the same payload (but for a record changed since, which moved on to
 * the next bundle). The office records each bundle it imported
 * (bundle_imports, with the SHA-256 of the payload): the last one again
 * changes nothing and says so; another payload under the last one's
 * sequence, or an older sequence, is a replay and refused; the first
 * audit row must link to the last one imported from that desk. A record
 * the office has under the same key with other values is a conflict
 * (the whole bundle refused, the records listed), unless both are the
 * desk's own and the one coming is newer (the laptop changed it after an
 * earlier bundle: a completed identification that expired), or a
 * citizen (the newer wins, the office's uuid stays).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_BUNDLE_ERROR (sp_bundle_error_quark ())

typedef enum
{
  SP_BUNDLE_ERROR_TRUNCATED,     /* cut short */
  SP_BUNDLE_ERROR_ALTERED,       /* changed after it was signed, or not a bundle */
  SP_BUNDLE_ERROR_FOREIGN,       /* not signed by a desk of this office, or not for it */
  SP_BUNDLE_ERROR_REPLAYED,      /* older than, or another of, one already imported */
  SP_BUNDLE_ERROR_BROKEN_CHAIN,  /* its audit rows do not continue the last bundle's */
  SP_BUNDLE_ERROR_CONFLICT,      /* records already at the office with other values */
  SP_BUNDLE_ERROR_NOT_ENROLLED,  /* the desk was not enrolled (or the laptop never joined) */
} SpBundleError;

GQuark sp_bundle_error_quark (void);

/* What a bundle held, or what of it was imported. */
typedef struct
{
  char       *desk_uuid;
  char       *desk_name;        /* at the office */
  gint64      sequence;
  gboolean    already_imported; /* the office had it: nothing changed */
  char       *previous_hash;
  char       *first_hash;
  char       *last_hash;
  JsonObject *counts;           /* table → rows in the bundle, or
                                 * {"inserted", "updated", "unchanged"} once imported */
} SpBundleSummary;

void             sp_bundle_summary_free (SpBundleSummary  *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpBundleSummary, sp_bundle_summary_free)

/* On the laptop: the bundle of everything since the last one, recorded
 * in its audit trail (again: the last one's records written anew); *out_summary (may be NULL)
 * says what it holds. NOT_ENROLLED when the laptop never joined. */
GBytes          *sp_bundle_export       (SpStore           *laptop,
                                         SpActor            actor,
                                         gboolean           again,
                                         SpBundleSummary  **out_summary,
                                         GError           **error);
/* At the office: imports file in one transaction, recorded in the
 * office's audit trail; NULL with SP_BUNDLE_ERROR and nothing changed
 * when it is refused. */
SpBundleSummary *sp_bundle_import       (SpStore           *office,
                                         SpActor            actor,
                                         GBytes            *file,
                                         GError           **error);
/* The summary as JSON, as the command-line tool prints it. */
char            *sp_bundle_summary_to_json (const SpBundleSummary *summary);

G_END_DECLS
