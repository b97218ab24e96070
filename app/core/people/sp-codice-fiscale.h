/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-codice-fiscale.h — the Italian tax code (DM 23/12/1976)
 *
 * Validation with every problem named, omocodia (any subset of the seven
 * digit positions replaced by letters), decoding with the century inferred,
 * computation from a citizen's data and comparison with it.
 */
#pragma once

#include <glib-object.h>

#include "sp-places.h"

G_BEGIN_DECLS

#define SP_CF_ERROR (sp_cf_error_quark ())

typedef enum
{
  SP_CF_ERROR_EMPTY,            /* nothing was typed */
  SP_CF_ERROR_CHARACTER,        /* a space or a symbol inside the code */
  SP_CF_ERROR_LENGTH,           /* not 16 characters */
  SP_CF_ERROR_LETTER_EXPECTED,  /* a digit where a letter belongs */
  SP_CF_ERROR_DIGIT_EXPECTED,   /* a letter that is neither digit nor omocodia letter */
  SP_CF_ERROR_MONTH,            /* month letter does not exist */
  SP_CF_ERROR_DAY,              /* day outside 1–31 / 41–71 */
  SP_CF_ERROR_DATE,             /* day does not exist in that month */
  SP_CF_ERROR_PLACE_FORMAT,     /* place code not a letter + 3 digits */
  SP_CF_ERROR_PLACE_UNKNOWN,    /* no comune or state has that code */
  SP_CF_ERROR_CHECK,            /* wrong check character */
  SP_CF_ERROR_INPUT,            /* compute: data unusable (empty name …) */
  SP_CF_ERROR_FUTURE,           /* decode: no plausible birth year */
} SpCfError;

typedef enum
{
  SP_CF_MISMATCH_NONE       = 0,
  SP_CF_MISMATCH_SURNAME    = 1 << 0,
  SP_CF_MISMATCH_NAME       = 1 << 1,
  SP_CF_MISMATCH_SEX        = 1 << 2,
  SP_CF_MISMATCH_BIRTH_DATE = 1 << 3,
  SP_CF_MISMATCH_PLACE      = 1 << 4,
  SP_CF_MISMATCH_INVALID    = 1 << 5,  /* the code itself is not valid */
} SpCfMismatch;

/* What a check finds out about a code. */
typedef struct
{
  char      *code;              /* input, trimmed and upper-cased */
  GPtrArray *errors;            /* of GError *, empty when valid */

  /* Filled as far as the code is readable. */
  char      *base_code;         /* omocodia undone, check recomputed */
  guint      omocodia_level;    /* 0–7 positions substituted */
  guint      omocodia_mask;     /* bit i = i-th of positions 7 8 10 11 13 14 15 */
  char       sex;               /* 'M', 'F', or 0 */
  guint      year_in_code;      /* 0–99 */
  guint      month;             /* 1–12, 0 if unreadable */
  guint      day;               /* 1–31, 0 if unreadable */
  int        birth_year;        /* the most recent plausible year, 0 if none */
  int        other_birth_year;  /* a second plausible year (ambiguous), or 0 */
  char      *place_code;        /* omocodia undone */
  const SpPlace *place;         /* row valid on the birth date, if places known */
} SpCfInfo;

#define SP_TYPE_CF_INFO (sp_cf_info_get_type ())

GType        sp_cf_info_get_type              (void) G_GNUC_CONST;
SpCfInfo    *sp_cf_info_copy                  (const SpCfInfo *info);
void         sp_cf_info_free                  (SpCfInfo      *info);
gboolean     sp_cf_info_is_valid              (const SpCfInfo *info);
const GError *sp_cf_info_get_error            (const SpCfInfo *info);
gboolean     sp_cf_info_get_birth_date        (const SpCfInfo *info,
                                               GDate          *date);

GQuark       sp_cf_error_quark                (void);

SpCfInfo    *sp_codice_fiscale_check          (const char     *input,
                                               SpPlaces       *places,
                                               const GDate    *today);
gboolean     sp_codice_fiscale_validate       (const char     *input,
                                               SpPlaces       *places,
                                               GError        **error);
char         sp_codice_fiscale_check_character (const char    *first15);
char        *sp_codice_fiscale_apply_omocodia (const char     *code,
                                               guint           mask);
char        *sp_codice_fiscale_surname_part   (const char     *surname);
char        *sp_codice_fiscale_name_part      (const char     *name);
char        *sp_codice_fiscale_compute        (const char     *surname,
                                               const char     *name,
                                               char            sex,
                                               const GDate    *birth_date,
                                               const char     *place_code,
                                               GError        **error);
SpCfMismatch sp_codice_fiscale_compare        (const char     *code,
                                               const char     *surname,
                                               const char     *name,
                                               char            sex,
                                               const GDate    *birth_date,
                                               const char     *place_code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCfInfo, sp_cf_info_free)

G_END_DECLS
