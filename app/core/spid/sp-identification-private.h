/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-private.h — what the files of SpIdentification share
 *
 * SpIdentification is one object in several files (its state machine, its
 * rules, the e-mail, the receipt, the search): these are the pieces they
 * share and nobody else needs.
 */
#pragma once

#include "sp-identification.h"

G_BEGIN_DECLS

/* The columns sp_identification_new_from_row () reads, in its order. */
#define SP_IDENTIFICATION_COLUMNS \
  "id, uuid, state, channel, coalesce(citizen_id, 0), coalesce(desk_id, 0), " \
  "coalesce(operator_id, 0), created_at, updated_at, coalesce(completed_at, 0), " \
  "coalesce(refused_at, 0), coalesce(expires_at, 0), refusal_reason, refusal_note, " \
  "code_first_half, data"

/* An SpStatementRowFunc: a new SpIdentification. */
gpointer          sp_identification_new_from_row       (SpStatement      *stmt);


/* A local time in µs formatted, "" instead of NULL. */
char             *sp_identification_format_local       (gint64            usec,
                                                        const char       *format);

/* The sex typed, 'M' or 'F', or 0 when it is neither. */
char              sp_identification_get_typed_sex      (SpIdentification *self);
/* The Belfiore code of the place typed in field key, resolved on date
 * (NULL: any date); without places, the text as typed. */
const char       *sp_identification_resolve_place_code (SpIdentification *self,
                                                        const char       *key,
                                                        SpPlaces         *places,
                                                        const GDate      *date,
                                                        GError          **error);

G_END_DECLS
