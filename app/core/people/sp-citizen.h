/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-citizen.h — citizens, stored once and found again by codice fiscale
 *
 * Shared by SPID identifications and CIE requests: a second visit finds
 * the citizen by codice fiscale and pre-fills the data, which the clerk
 * confirms; saving again updates the stored row (upsert).
 */
#pragma once

#include "sp-store-rows.h"
#include <glib-object.h>

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_AUDIT_CITIZEN_ADD    "citizen-add"
#define SP_AUDIT_CITIZEN_UPDATE "citizen-update"

/* A plain record; strings are owned and never NULL once loaded (empty
 * when unknown). birth_date is "YYYY-MM-DD"; sex is 'M' or 'F'. */
typedef struct
{
  gint64  id;                    /* 0 until stored */
  char   *uuid;
  char   *codice_fiscale;
  char   *surname;
  char   *name;
  char    sex;
  char   *birth_date;
  char   *birth_place_code;
  char   *residence_type;          /* "Via", "Piazza" … (sp_rao_address_types) */
  char   *residence_street;        /* the street's name, without its type */
  char   *residence_number;
  char   *residence_postcode;
  char   *residence_place_code;  /* a comune's code, or a foreign state's Z code */
  char   *email;
  char   *mobile;                /* E.164 */
  gint64  created_at;
  gint64  updated_at;
} SpCitizen;

#define SP_TYPE_CITIZEN (sp_citizen_get_type ())

GType       sp_citizen_get_type                 (void) G_GNUC_CONST;
SpCitizen  *sp_citizen_new                      (void);
SpCitizen  *sp_citizen_copy                     (const SpCitizen *citizen);
void        sp_citizen_free                     (SpCitizen       *citizen);

/* NULL without an error when nobody has that code. */
SpCitizen  *sp_citizen_find_by_codice_fiscale   (SpStore         *store,
                                                 const char      *codice_fiscale,
                                                 GError         **error);
SpCitizen  *sp_citizen_lookup_by_id             (SpStore         *store,
                                                 gint64           id,
                                                 GError         **error);
SpCitizen  *sp_citizen_lookup_by_uuid           (SpStore         *store,
                                                 const char      *uuid,
                                                 GError         **error);

/* Inserts the citizen, or updates the row with the same codice fiscale;
 * sets id, uuid and times on success. Audited; joins the caller's
 * transaction if there is one. */
gboolean    sp_citizen_upsert                   (SpStore         *store,
                                                 SpActor          actor,
                                                 SpCitizen       *citizen,
                                                 GError         **error);

/* Retention, after the cases: deletes the citizens not updated since
 * cutoff (µs) that no identification or CIE request refers to any more.
 * Rows deleted, or -1; in the caller's transaction. */
gint64      sp_citizen_delete_unreferenced_before (SpStore    *store,
                                                   gint64      cutoff,
                                                   const char *cutoff_day,
                                                   GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCitizen, sp_citizen_free)

/* How citizens, by codice fiscale (the same person found at the office is updated when the laptop saw them later) travel from a pop-up desk to the office (sp-store-rows.h). */
const SpRowsTable *sp_citizen_travelling_rows (void);

G_END_DECLS
