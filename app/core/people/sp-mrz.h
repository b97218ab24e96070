/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-mrz.h — machine-readable zones of identity documents (ICAO Doc 9303)
 *
 * TD1 cards (3 lines of 30: the CIE), TD2 (2 × 36) and TD3 passports
 * (2 × 44), as a document reader or a clerk types them: lines separated by
 * newlines or run together, lower case tolerated. Every check digit and the
 * composite one are verified; an error names the field that fails.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SP_MRZ_ERROR (sp_mrz_error_quark ())

typedef enum
{
  SP_MRZ_ERROR_FORMAT,          /* not 3 × 30, 2 × 36 or 2 × 44 characters */
  SP_MRZ_ERROR_CHARACTER,       /* a character outside A–Z 0–9 < */
  SP_MRZ_ERROR_CHECK_NUMBER,    /* document number check digit */
  SP_MRZ_ERROR_CHECK_BIRTH,     /* birth date check digit */
  SP_MRZ_ERROR_CHECK_EXPIRY,    /* expiry date check digit */
  SP_MRZ_ERROR_CHECK_OPTIONAL,  /* personal number check digit (TD3) */
  SP_MRZ_ERROR_CHECK_COMPOSITE, /* composite check digit */
  SP_MRZ_ERROR_DATE,            /* a date that does not exist */
  SP_MRZ_ERROR_SEX,             /* sex other than M, F, < */
} SpMrzError;

typedef enum
{
  SP_MRZ_TD1, /*< nick=TD1 >*/
  SP_MRZ_TD2, /*< nick=TD2 >*/
  SP_MRZ_TD3, /*< nick=TD3 >*/
} SpMrzFormat;

typedef struct
{
  SpMrzFormat  format;
  char        *document_code;    /* "P", "I", "C", "ID" … fillers removed */
  char        *issuing_state;    /* "ITA", "UTO", "D" */
  char        *document_number;  /* whole number, even when longer than 9 */
  GDate        birth_date;       /* invalid if the MRZ leaves it unknown */
  char         sex;              /* 'M', 'F' or 'X' (unspecified) */
  GDate        expiry_date;
  char        *nationality;
  char        *surname;          /* "ERIKSSON", fillers as spaces */
  char        *given_names;      /* "ANNA MARIA" */
  char        *optional_data;    /* TD1 line 1 / TD2 / TD3 personal number */
  char        *optional_data_2;  /* TD1 line 2; NULL otherwise */
  char        *lines[3];         /* the normalised lines; lines[2] NULL but for TD1 */
} SpMrz;

#define SP_TYPE_MRZ (sp_mrz_get_type ())

GQuark       sp_mrz_error_quark     (void);
GType        sp_mrz_get_type        (void) G_GNUC_CONST;

SpMrz       *sp_mrz_parse           (const char  *text,
                                     const GDate *today,
                                     GError     **error);
int          sp_mrz_check_digit     (const char  *field,
                                     gssize       length);
const char  *sp_mrz_format_to_string (SpMrzFormat format);
SpMrz       *sp_mrz_copy            (const SpMrz *mrz);
void         sp_mrz_free            (SpMrz       *mrz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpMrz, sp_mrz_free)

G_END_DECLS
