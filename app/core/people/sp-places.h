/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-places.h — places of birth: comuni since 1861 and foreign states
 *
 * Built from the ANPR lists shipped in sp-core's resources (or a newer list
 * imported into the database). One code can have several rows, each valid
 * for a period (a comune renamed or moved to another province); lookups
 * return every row and pick the one valid on a date, and a name search
 * serves autocompletion: prefix, case- and accent-insensitive, current
 * places first.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SP_PLACES_ERROR (sp_places_error_quark ())

typedef enum
{
  SP_PLACES_ERROR_MALFORMED,    /* a list does not have the ANPR shape */
  SP_PLACES_ERROR_NOT_FOUND,    /* no place has that name or code */
  SP_PLACES_ERROR_AMBIGUOUS,    /* the name fits several places */
  SP_PLACES_ERROR_RESOURCE,     /* the built-in list is missing */
} SpPlacesError;

typedef enum
{
  SP_PLACE_COMUNE,
  SP_PLACE_STATE,
} SpPlaceKind;

/* The three lists, as stored in the database (place_lists.kind). */
typedef enum
{
  SP_PLACE_LIST_COMUNI,         /*< nick=comuni >*/
  SP_PLACE_LIST_STATES,         /*< nick=states >*/
  SP_PLACE_LIST_CEASED_STATES,  /*< nick=ceased-states >*/
  SP_PLACE_LIST_N_KINDS,        /*< skip >*/
} SpPlaceList;

/* Dates are yyyymmdd integers (19241114); SP_PLACE_DATE_OPEN means still
 * valid; 0 means unknown. */
#define SP_PLACE_DATE_OPEN 99991231

/* One row of a list. Owned by its SpPlaces and valid while it lives. */
typedef struct
{
  const char  *code;        /* cadastral (Belfiore) code, or Z code */
  const char  *name;        /* official Italian name, upper case */
  const char  *other_name;  /* second-language name (Bozen), or the
                               English name of a state; NULL if none */
  const char  *province;    /* province abbreviation; NULL for states */
  const char  *iso3;        /* ISO 3166 alpha-3 of a state, or NULL */
  guint32      valid_from;  /* yyyymmdd, 0 if unknown */
  guint32      valid_to;    /* yyyymmdd, SP_PLACE_DATE_OPEN if current */
  SpPlaceKind  kind;
  gboolean     ceased;      /* the comune or state no longer exists */
} SpPlace;

#define SP_TYPE_PLACES (sp_places_get_type ())

G_DECLARE_FINAL_TYPE (SpPlaces, sp_places, SP, PLACES, GObject)

GQuark         sp_places_error_quark      (void);

SpPlaces      *sp_places_new_builtin      (GError       **error);
SpPlaces      *sp_places_new_from_data    (GBytes        *comuni,
                                           GBytes        *states,
                                           GBytes        *ceased_states,
                                           GError       **error);
GBytes        *sp_places_load_builtin_list (SpPlaceList   list,
                                           GError       **error);
const char    *sp_place_list_to_string    (SpPlaceList    list);
gboolean       sp_place_list_from_string  (const char    *text,
                                           SpPlaceList   *list);

guint          sp_places_get_n_rows       (SpPlaces      *self);
guint          sp_places_get_n_codes      (SpPlaces      *self);
/* Every row, in code order then validity order. */
const SpPlace *sp_places_get_row          (SpPlaces      *self,
                                           guint          index);

gboolean       sp_places_contains         (SpPlaces      *self,
                                           const char    *code);
GPtrArray     *sp_places_lookup           (SpPlaces      *self,
                                           const char    *code);
const SpPlace *sp_places_lookup_at        (SpPlaces      *self,
                                           const char    *code,
                                           const GDate   *date);
GPtrArray     *sp_places_search           (SpPlaces      *self,
                                           const char    *text,
                                           guint          max_results);
const SpPlace *sp_places_resolve          (SpPlaces      *self,
                                           const char    *name_or_code,
                                           const GDate   *date,
                                           GError       **error);

gboolean       sp_place_is_valid_on       (const SpPlace *place,
                                           const GDate   *date);
char          *sp_place_dup_label         (const SpPlace *place);
char          *sp_place_date_to_iso       (guint32        date);

/* Parses one list on its own (for imports): checks the header and every
 * row; on success returns the rows' codes and a fingerprint of each code's
 * rows, as a table code → fingerprint string. */
GHashTable    *sp_places_parse_list       (SpPlaceList    list,
                                           GBytes        *content,
                                           GError       **error);
gboolean       sp_places_detect_list      (GBytes        *content,
                                           SpPlaceList   *list);

G_END_DECLS
