/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-document.h — identity documents shown at the counter
 *
 * A table of document types (number formats, issuing bodies, dates after
 * which a type is refused) drives the checks: the document number, the
 * issuing body, issue date not in the future, expiry after issue and not
 * passed. "Today" is always a parameter.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SP_DOCUMENT_ERROR (sp_document_error_quark ())

typedef enum
{
  SP_DOCUMENT_ERROR_NUMBER_EMPTY,      /* no number */
  SP_DOCUMENT_ERROR_NUMBER_FORMAT,     /* not a number of this type */
  SP_DOCUMENT_ERROR_NUMBER_UNUSUAL,    /* warning: old format, clerk confirms */
  SP_DOCUMENT_ERROR_ISSUER,            /* this body does not issue this type */
  SP_DOCUMENT_ERROR_ISSUE_DATE,        /* missing, or in the future */
  SP_DOCUMENT_ERROR_EXPIRY_DATE,       /* missing, or before the issue date */
  SP_DOCUMENT_ERROR_EXPIRED,           /* expired on the given day */
  SP_DOCUMENT_ERROR_NOT_ACCEPTED,      /* the type is no longer accepted */
  SP_DOCUMENT_ERROR_HEALTH_CARD,       /* health-card number not valid */
} SpDocumentError;

typedef enum
{
  SP_DOCUMENT_CIE,                /*< nick=cie >*/              /* carta d'identità elettronica */
  SP_DOCUMENT_IDENTITY_CARD,      /*< nick=identity-card >*/    /* paper identity card */
  SP_DOCUMENT_PASSPORT,           /*< nick=passport >*/
  SP_DOCUMENT_DRIVING_LICENCE,    /*< nick=driving-licence >*/
  SP_DOCUMENT_FIREARMS_LICENCE,   /*< nick=firearms-licence >*/ /* porto d'armi */
  SP_DOCUMENT_STATE_CARD,         /*< nick=state-card >*/       /* tessera di riconoscimento mod. AT/BT */
  SP_DOCUMENT_N_TYPES,            /*< skip >*/
} SpDocumentType;

typedef enum
{
  SP_ISSUER_NONE           = 0,       /*< nick=none >*/
  SP_ISSUER_COMUNE         = 1 << 0,  /*< nick=comune >*/
  SP_ISSUER_QUESTURA       = 1 << 1,  /*< nick=questura >*/
  SP_ISSUER_PREFETTURA     = 1 << 2,  /*< nick=prefettura >*/
  SP_ISSUER_MOTORIZZAZIONE = 1 << 3,  /*< nick=motorizzazione >*/
  SP_ISSUER_CONSOLATO      = 1 << 4,  /*< nick=consolato >*/
  SP_ISSUER_AMBASCIATA     = 1 << 5,  /*< nick=ambasciata >*/
  SP_ISSUER_MINISTERO      = 1 << 6,  /*< nick=ministero >*/
  SP_ISSUER_AMMINISTRAZIONE = 1 << 7, /*< nick=amministrazione >*/ /* a state administration */
} SpIssuerType;

#define SP_ISSUER_N_TYPES 8

/* What to do with a number that matches none of a type's formats. */
typedef enum
{
  SP_DOCUMENT_OTHER_REFUSE,       /* an error */
  SP_DOCUMENT_OTHER_CONFIRM,      /* a warning: the clerk confirms */
  SP_DOCUMENT_OTHER_ACCEPT,       /* formats vary: any 4–20 letters and digits */
} SpDocumentOtherNumbers;

/* One row of the rules table. Formats use A for a letter, 9 for a digit,
 * X for either, any other character literally. */
typedef struct
{
  SpDocumentType          type;           /* its nick is stored: "cie" */
  const char             *name;           /* translatable, N_() */
  const char             *formats[4];     /* NULL-terminated */
  SpDocumentOtherNumbers  other_numbers;
  guint                   issuers;        /* SpIssuerType mask */
  guint32                 refused_from;   /* yyyymmdd, 0 if never */
  gboolean                has_mrz;
} SpDocumentRule;

typedef struct
{
  char      *number;      /* upper case, spaces removed */
  GPtrArray *errors;      /* GError *: the document is refused */
  GPtrArray *warnings;    /* GError *: the clerk must confirm */
} SpDocumentCheck;

GQuark                 sp_document_error_quark      (void);

const SpDocumentRule  *sp_document_get_rule         (SpDocumentType  type);
const char            *sp_document_type_to_string   (SpDocumentType  type);
gboolean               sp_document_type_from_string (const char     *text,
                                                     SpDocumentType *type);
const char            *sp_document_type_get_name    (SpDocumentType  type);
const char            *sp_issuer_type_to_string     (SpIssuerType    issuer);
gboolean               sp_issuer_type_from_string   (const char     *text,
                                                     SpIssuerType   *issuer);
const char            *sp_issuer_type_get_name      (SpIssuerType    issuer);

char                  *sp_document_normalize_number (const char     *number);
gboolean               sp_document_number_matches   (const char     *format,
                                                     const char     *number);
SpDocumentCheck       *sp_document_check            (SpDocumentType  type,
                                                     const char     *number,
                                                     SpIssuerType    issuer,
                                                     const GDate    *issued,
                                                     const GDate    *expires,
                                                     const GDate    *today);
gboolean               sp_document_validate         (SpDocumentType  type,
                                                     const char     *number,
                                                     SpIssuerType    issuer,
                                                     const GDate    *issued,
                                                     const GDate    *expires,
                                                     const GDate    *today,
                                                     GError        **error);
gboolean               sp_document_check_is_valid   (const SpDocumentCheck *check);
void                   sp_document_check_free       (SpDocumentCheck *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpDocumentCheck, sp_document_check_free)

G_END_DECLS
