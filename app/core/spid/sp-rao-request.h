/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-rao-request.h — the ICRequestData of a RAO identification
 *
 * The plaintext of AgID's token (RAO-TOKEN.md §2), built from a completed
 * identification exactly as identity providers expect it: names
 * capitalised word by word, "TINIT-" before the codice fiscale, Belfiore
 * codes, province sigla, Z000 for Italy and "EE" with the state's Z code
 * for a birth or an address abroad, the issuing body as kind + place,
 * dates as YYYY-MM-DD, issueInstant in integer seconds. Codes, numbers and
 * e-mail lose their white space.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-identification.h"
#include "sp-places.h"

G_BEGIN_DECLS

#define SP_RAO_REQUEST_ERROR (sp_rao_request_error_quark ())

typedef enum
{
  SP_RAO_REQUEST_ERROR_FIELD,   /* a field the token needs is missing or not usable */
} SpRaoRequestError;

/* The address types of the token, in the order of a choice. */
extern const char * const sp_rao_address_types[];   /* "Via" … "Altro", NULL-terminated */

GQuark      sp_rao_request_error_quark     (void);

/* issue_instant: integer Unix seconds (the token's iat). Fails with a
 * translated message naming the field when one the token needs cannot be
 * given (a document type or issuing body the token does not know, a
 * place that does not resolve …). */
JsonNode   *sp_rao_request_build           (SpIdentification *identification,
                                            SpPlaces         *places,
                                            const char       *issuer_code,
                                            gint64            operator_id,
                                            gint64            issue_instant,
                                            GError          **error);

/* "D'ANGELO" → "D'angelo", "anna-maria de luca" → "Anna-maria De Luca". */
char       *sp_rao_request_capitalize      (const char  *text);
/* ("comune", "di Roma") → "comuneRoma"; ("ministero", …) → "ministeroTrasporti". */
char       *sp_rao_request_format_issuer   (const char  *kind,
                                            const char  *place);
/* Our document type id ("cie", "passport" …) → idCardType, or NULL when
 * the token has no such type. */
const char *sp_rao_request_card_type       (const char  *document_type);
/* Our issuer kind id ("comune", "ministero" …) → the token's, or NULL. */
const char *sp_rao_request_issuer_kind     (const char  *issuer);

G_END_DECLS
