/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-rules.h — what a SPID identification needs to be completed
 *
 * The rules are checked here, not only in the UI: sp_identification_check()
 * returns every unmet rule, and sp_identification_complete() refuses while
 * any is left. Included by sp-identification.h.
 */
#pragma once

#include "sp-identification.h"

G_BEGIN_DECLS

/* The rule sp_identification_check () reports, on the channel, for a RAO
 * identification while the comune has no usable seal. */
#define SP_ID_RULE_SEAL             "seal"

/* One unmet rule: where it belongs and what to tell the clerk. */
typedef struct
{
  SpIdentificationStep  step;
  const char           *field;    /* a field or flag key, or the channel */
  const char           *rule;     /* stable id: "minor", "cf-mismatch" … */
  char                 *message;  /* translated */
} SpIdentificationProblem;

void                    sp_identification_problem_free     (SpIdentificationProblem *problem);

/* The address type a typed street begins with ("piazza Maggiore" →
 * "Piazza", the spelling of sp_rao_address_types), with *name pointing at
 * the rest ("Maggiore"); NULL when it begins with none, or is nothing but
 * the type. */
const char             *sp_identification_split_street     (const char       *street,
                                                            const char      **name);
/* The mobile in E.164 with the typed country calling code (SP_ID_MOBILE_COUNTRY,
 * "+39" when empty), or NULL with an error a clerk can act on: a number
 * typed with another + prefix is one. */
char                   *sp_identification_normalize_mobile (SpIdentification *self,
                                                            GError          **error);
/* TRUE when the comune has a seal that can seal RAO identifications now
 * (set, not the demo's, within its validity); else FALSE with a translated
 * error that says what the IT office must do. */
gboolean                sp_identification_can_seal         (SpStore          *store,
                                                            GError          **error);

/* Mismatches between the codice fiscale and the typed data. */
SpCfMismatch            sp_identification_get_mismatches   (SpIdentification *self,
                                                            SpPlaces         *places);
/* Every unmet rule, as a GPtrArray of SpIdentificationProblem, in step
 * order; empty when the identification can be completed. */
GPtrArray              *sp_identification_check            (SpIdentification *self,
                                                            SpStore          *store,
                                                            SpPlaces         *places,
                                                            const GDate      *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpIdentificationProblem, sp_identification_problem_free)

G_END_DECLS
