/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-places-import.h — newer ANPR lists kept in the database
 *
 * A comune updates its places from a newer ANPR file of the same shape
 * without a new release: the file is checked whole, compared with the
 * list in use, and stored in one transaction (or not at all). At start a
 * stored list replaces the built-in one of the same kind.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-places.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_AUDIT_PLACES_IMPORT "places-import"

typedef struct
{
  SpPlaceList  list;
  guint        n_codes;   /* codes in the imported file */
  GPtrArray   *added;     /* codes new in the file (char *) */
  GPtrArray   *changed;   /* codes whose rows differ */
  GPtrArray   *removed;   /* codes missing from the file */
} SpPlacesImport;

SpPlaces       *sp_places_new_for_store   (SpStore        *store,
                                           GError        **error);
GBytes         *sp_places_load_list       (SpStore        *store,
                                           SpPlaceList     list,
                                           GError        **error);
SpPlacesImport *sp_places_import          (SpStore        *store,
                                           GBytes         *content,
                                           const char     *source,
                                           gboolean        dry_run,
                                           GError        **error);
void            sp_places_import_free     (SpPlacesImport *import);
/* The lists the comune imported (not the built-in ones), as a pop-up
 * desk's enrolment file carries them: [{"kind", "content" (base64)}]. */
JsonArray      *sp_places_export_stored   (SpStore        *store,
                                           GError        **error);
/* The same lists imported on the laptop (each checked as any import). */
gboolean        sp_places_import_stored   (SpStore        *store,
                                           JsonArray      *lists,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPlacesImport, sp_places_import_free)

G_END_DECLS
