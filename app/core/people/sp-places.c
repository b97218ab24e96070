/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-places.c — places of birth: comuni since 1861 and foreign states */

#define G_LOG_DOMAIN "sp-places"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sp-enum.h"
#include "sp-places.h"
#include "sp-text.h"

#define RESOURCE_PREFIX "/it/sportello/db/places/"

typedef struct
{
  const char *key;       /* folded: upper-case ASCII letters and digits */
  guint       row;
  gboolean    current;   /* the row is valid today */
  gboolean    shown;     /* listed by searches (no newer row with its name) */
} IndexEntry;

struct _SpPlaces
{
  GObject       parent_instance;

  GStringChunk *strings;
  GArray       *rows;    /* SpPlace, sorted by code then valid_from */
  GArray       *index;   /* IndexEntry, sorted by key */
  guint         n_codes;
};

G_DEFINE_FINAL_TYPE (SpPlaces, sp_places, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-places-error-quark, sp_places_error)

static const char * const list_files[SP_PLACE_LIST_N_KINDS] = {
  "ANPR_archivio_comuni.csv", "stati_esteri.csv", "stati_esteri_cessati.csv",
};

/* Columns each list must have (the ANPR shape). */
static const char * const comuni_columns[] = {
  "DATAISTITUZIONE", "DATACESSAZIONE", "CODCATASTALE", "DENOMINAZIONE_IT",
  "ALTRADENOMINAZIONE", "STATO", "SIGLAPROVINCIA", NULL,
};
static const char * const states_columns[] = {
  "DENOMINAZIONE", "DENOMINAZIONEISTAT", "DENOMINAZIONEISTAT_EN",
  "DATAINIZIOVALIDITA", "DATAFINEVALIDITA", "CODISO3166_1_ALPHA3", "CODAT", NULL,
};
static const char * const ceased_columns[] = {
  "CODAT", "DENOMINAZIONE", "DENOMINAZIONE_EN", "DATAINIZIOVALIDITA",
  "DATAFINEVALIDITA", NULL,
};
static const char * const * const list_columns[SP_PLACE_LIST_N_KINDS] = {
  comuni_columns, states_columns, ceased_columns,
};

/* ---------------------------------------------------------------- CSV */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
  GString    *buf;       /* the row's fields, each ended by '\0' */
  GArray     *offsets;   /* guint offset of each field in buf */
} CsvReader;

static void
csv_reader_init (CsvReader *r,
                 GBytes    *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  r->p = data != NULL ? data : "";
  r->end = r->p + len;
  r->line = 0;
  r->buf = g_string_sized_new (256);
  r->offsets = g_array_new (FALSE, FALSE, sizeof (guint));

  if (len >= 3 && memcmp (r->p, "\xEF\xBB\xBF", 3) == 0)
    r->p += 3;
}

static void
csv_reader_clear (CsvReader *r)
{
  g_string_free (r->buf, TRUE);
  g_array_unref (r->offsets);
}

static inline guint
csv_n_fields (CsvReader *r)
{
  return r->offsets->len;
}

static inline const char *
csv_field (CsvReader *r,
           guint      i)
{
  return r->buf->str + g_array_index (r->offsets, guint, i);
}

/* Reads the next non-empty row. Returns FALSE at the end, or with @error
 * set on a malformed row. */
static gboolean
csv_next_row (CsvReader  *r,
              GError    **error)
{
  guint start_line;

  while (r->p < r->end && (*r->p == '\n' || *r->p == '\r'))
    {
      if (*r->p == '\n')
        r->line++;
      r->p++;
    }

  if (r->p >= r->end)
    return FALSE;

  r->line++;
  start_line = r->line;
  g_string_truncate (r->buf, 0);
  g_array_set_size (r->offsets, 0);

  for (;;)
    {
      guint offset = (guint) r->buf->len;

      g_array_append_val (r->offsets, offset);

      if (r->p < r->end && *r->p == '"')
        {
          r->p++;
          for (;;)
            {
              if (r->p >= r->end)
                {
                  g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                               _("Line %u has a quote that is never closed"), start_line);
                  return FALSE;
                }
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (r->buf, '"');
                      r->p += 2;
                      continue;
                    }
                  r->p++;
                  break;
                }
              if (*r->p == '\n')
                r->line++;
              g_string_append_c (r->buf, *r->p++);
            }
        }
      else
        {
          const char *start = r->p;

          while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
            {
              if (*r->p == '"')
                {
                  g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                               _("Line %u has a quote inside a field"), r->line);
                  return FALSE;
                }
              r->p++;
            }
          g_string_append_len (r->buf, start, r->p - start);
        }

      g_string_append_c (r->buf, '\0');

      if (r->p >= r->end || *r->p == '\n' || *r->p == '\r')
        break;
      if (*r->p != ',')
        {
          g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                       _("Line %u has text after a quoted field"), r->line);
          return FALSE;
        }
      r->p++;
    }

  if (r->p < r->end && *r->p == '\r')
    r->p++;
  if (r->p < r->end && *r->p == '\n')
    r->p++;

  return TRUE;
}

/* Maps the wanted columns to their position in the header row. */
static gboolean
read_header (CsvReader          *r,
             const char * const *wanted,
             int                *positions,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!csv_next_row (r, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                     _("The list is empty"));
      return FALSE;
    }

  for (guint w = 0; wanted[w] != NULL; w++)
    {
      positions[w] = -1;
      for (guint i = 0; i < csv_n_fields (r); i++)
        {
          if (strcmp (csv_field (r, i), wanted[w]) == 0)
            {
              positions[w] = (int) i;
              break;
            }
        }
      if (positions[w] < 0)
        {
          g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                       _("The list has no column %s"), wanted[w]);
          return FALSE;
        }
    }

  return TRUE;
}

/* ---------------------------------------------------------- helpers */

static gboolean
is_place_code (const char *code,
               gboolean    foreign)
{
  if (strlen (code) != 4)
    return FALSE;
  if (foreign ? code[0] != 'Z' : !g_ascii_isupper (code[0]))
    return FALSE;
  return g_ascii_isdigit (code[1]) && g_ascii_isdigit (code[2]) && g_ascii_isdigit (code[3]);
}

/* Parses "YYYY-MM-DD" or "DD/MM/YYYY"; empty gives @empty_value. */
static gboolean
parse_date (const char *text,
            guint32     empty_value,
            guint32    *out)
{
  guint y, m, d;
  char extra;

  if (text[0] == '\0')
    {
      *out = empty_value;
      return TRUE;
    }

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &extra) == 3 && text[4] == '-')
    ;
  else if (sscanf (text, "%2u/%2u/%4u%c", &d, &m, &y, &extra) == 3 && text[2] == '/')
    ;
  else
    return FALSE;

  if (y == 9999 && m == 12 && d == 31)
    {
      *out = SP_PLACE_DATE_OPEN;
      return TRUE;
    }

  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  *out = y * 10000 + m * 100 + d;
  return TRUE;
}

static guint32
date_to_number (const GDate *date)
{
  return (guint32) g_date_get_year (date) * 10000 +
         (guint32) g_date_get_month (date) * 100 +
         (guint32) g_date_get_day (date);
}

static guint32
today_number (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return (guint32) g_date_time_get_year (now) * 10000 +
         (guint32) g_date_time_get_month (now) * 100 +
         (guint32) g_date_time_get_day_of_month (now);
}

static const char *
intern (GStringChunk *strings,
        const char   *text)
{
  if (text == NULL || text[0] == '\0')
    return NULL;
  return g_string_chunk_insert_const (strings, text);
}

static char *
dup_upper (const char *text)
{
  return g_utf8_validate (text, -1, NULL) ? g_utf8_strup (text, -1) : g_strdup ("");
}

static void
set_row_error (GError    **error,
               CsvReader  *r,
               const char *what,
               const char *value)
{
  g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
               /* Translators: "Line 12: the code “A00” is not valid" */
               _("Line %u: the %s “%s” is not valid"), r->line, what, value);
}

/* ------------------------------------------------------------ parsing */

/* Interned in strings when the rows are kept, as read when they are only
 * checked. */
static const char *
keep (GStringChunk *strings,
      const char   *text)
{
  return strings != NULL ? intern (strings, text) : text;
}

/* The checks every list makes of a row, in this order: its code (a
 * comune's, or a foreign state's), then its start and end dates, in the
 * fields dates[0] and dates[1], read into row. */
static gboolean
check_code_and_dates (CsvReader   *r,
                      const char  *code,
                      gboolean     foreign,
                      const int    dates[2],
                      SpPlace     *row,
                      GError     **error)
{
  const char *from = csv_field (r, dates[0]);
  const char *to = csv_field (r, dates[1]);

  if (!is_place_code (code, foreign))
    set_row_error (error, r, foreign ? _("state code") : _("cadastral code"), code);
  else if (!parse_date (from, 0, &row->valid_from))
    set_row_error (error, r, _("start date"), from);
  else if (!parse_date (to, SP_PLACE_DATE_OPEN, &row->valid_to))
    set_row_error (error, r, _("end date"), to);
  else
    return TRUE;
  return FALSE;
}

typedef void (*RowFunc) (SpPlace    *row,
                         const char *search_name,
                         gpointer    user_data);

static gboolean
parse_list (SpPlaceList    list,
            GBytes        *content,
            GStringChunk  *strings,
            RowFunc        func,
            gpointer       user_data,
            GError       **error)
{
  const char * const *columns = list_columns[list];
  int pos[8];
  guint n_header;
  CsvReader r;
  gboolean ok = FALSE;
  g_autoptr(GError) local_error = NULL;

  csv_reader_init (&r, content);

  if (!read_header (&r, columns, pos, error))
    goto out;
  n_header = csv_n_fields (&r);

  while (csv_next_row (&r, &local_error))
    {
      SpPlace row = { 0 };
      const char *search_name = NULL;
      g_autofree char *name = NULL;
      g_autofree char *other = NULL;

      if (csv_n_fields (&r) != n_header)
        {
          g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                       _("Line %u has %u fields instead of %u"),
                       r.line, csv_n_fields (&r), n_header);
          goto out;
        }

      switch (list)
        {
        case SP_PLACE_LIST_COMUNI:
          {
            const char *code = csv_field (&r, pos[2]);
            const char *state = csv_field (&r, pos[5]);

            /* A few old rows have no cadastral code ("ND"): no codice
             * fiscale can name them. */
            if (code[0] == '\0' || strcmp (code, "ND") == 0)
              continue;
            if (!check_code_and_dates (&r, code, FALSE, &pos[0], &row, error))
              goto out;
            if (strcmp (state, "A") != 0 && strcmp (state, "C") != 0)
              {
                set_row_error (error, &r, _("state"), state);
                goto out;
              }
            name = dup_upper (csv_field (&r, pos[3]));
            if (name[0] == '\0')
              {
                set_row_error (error, &r, _("name"), "");
                goto out;
              }
            other = dup_upper (csv_field (&r, pos[4]));
            row.kind = SP_PLACE_COMUNE;
            row.ceased = state[0] == 'C';
            row.code = keep (strings, code);
            row.name = keep (strings, name);
            row.other_name = keep (strings, other);
            row.province = keep (strings, csv_field (&r, pos[6]));
          }
          break;

        case SP_PLACE_LIST_STATES:
          {
            const char *code = csv_field (&r, pos[6]);

            /* Territories without a Z code cannot appear in a code. */
            if (code[0] == '\0')
              continue;
            if (!check_code_and_dates (&r, code, TRUE, &pos[3], &row, error))
              goto out;
            name = dup_upper (csv_field (&r, pos[0]));
            if (name[0] == '\0')
              {
                g_free (name);
                name = dup_upper (csv_field (&r, pos[1]));
              }
            row.kind = SP_PLACE_STATE;
            row.ceased = row.valid_to != SP_PLACE_DATE_OPEN;
            search_name = csv_field (&r, pos[1]);
            row.code = keep (strings, code);
            row.name = keep (strings, name);
            row.other_name = keep (strings, csv_field (&r, pos[2]));
            row.iso3 = keep (strings, csv_field (&r, pos[5]));
          }
          break;

        case SP_PLACE_LIST_CEASED_STATES:
          {
            const char *code = csv_field (&r, pos[0]);

            if (!check_code_and_dates (&r, code, TRUE, &pos[3], &row, error))
              goto out;
            name = dup_upper (csv_field (&r, pos[1]));
            row.kind = SP_PLACE_STATE;
            row.ceased = TRUE;
            row.code = keep (strings, code);
            row.name = keep (strings, name);
            row.other_name = keep (strings, csv_field (&r, pos[2]));
          }
          break;

        case SP_PLACE_LIST_N_KINDS:
        default:
          g_assert_not_reached ();
        }

      if (row.valid_to != SP_PLACE_DATE_OPEN && row.valid_from > row.valid_to)
        {
          g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                       _("Line %u ends before it starts"), r.line);
          goto out;
        }

      func (&row, search_name, user_data);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  ok = TRUE;

out:
  csv_reader_clear (&r);
  return ok;
}

/* ------------------------------------------------------------- object */

typedef struct
{
  SpPlaces  *self;
  GPtrArray *extra_names;   /* pairs (row index, name) for extra search keys */
} LoadData;

static void
add_row_cb (SpPlace    *row,
            const char *search_name,
            gpointer    user_data)
{
  LoadData *data = user_data;

  g_array_append_val (data->self->rows, *row);
  if (search_name != NULL && search_name[0] != '\0')
    {
      /* Remember by code; rows are sorted later. */
      g_ptr_array_add (data->extra_names, (gpointer) row->code);
      g_ptr_array_add (data->extra_names,
                       g_string_chunk_insert (data->self->strings, search_name));
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const SpPlace *ra = a;
  const SpPlace *rb = b;
  int c = strcmp (ra->code, rb->code);

  if (c != 0)
    return c;
  if (ra->valid_from != rb->valid_from)
    return ra->valid_from < rb->valid_from ? -1 : 1;
  return strcmp (ra->name, rb->name);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const IndexEntry *ea = a;
  const IndexEntry *eb = b;
  int c = strcmp (ea->key, eb->key);

  if (c != 0)
    return c;
  return ea->row < eb->row ? -1 : (ea->row > eb->row ? 1 : 0);
}

static void
add_key (SpPlaces   *self,
         guint       row_index,
         const char *name,
         gboolean    current,
         gboolean    shown)
{
  g_autofree char *key = NULL;
  IndexEntry entry;

  if (name == NULL)
    return;

  key = sp_text_fold_key (name);
  if (key[0] == '\0')
    return;

  entry.key = g_string_chunk_insert_const (self->strings, key);
  entry.row = row_index;
  entry.current = current;
  entry.shown = shown;
  g_array_append_val (self->index, entry);
}

static guint
find_first_row (SpPlaces   *self,
                const char *code)
{
  guint lo = 0, hi = self->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (g_array_index (self->rows, SpPlace, mid).code, code) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
build_index (SpPlaces  *self,
             GPtrArray *extra_names)
{
  guint32 today = today_number ();
  const char *last_code = NULL;

  g_array_sort (self->rows, compare_rows);

  self->n_codes = 0;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const SpPlace *row = &g_array_index (self->rows, SpPlace, i);
      gboolean current = !row->ceased && row->valid_from <= today && today <= row->valid_to;
      gboolean shown = TRUE;

      if (last_code == NULL || strcmp (last_code, row->code) != 0)
        self->n_codes++;
      last_code = row->code;

      /* A past row is listed only if no later row of the code has its name. */
      for (guint j = i + 1; j < self->rows->len; j++)
        {
          const SpPlace *later = &g_array_index (self->rows, SpPlace, j);

          if (strcmp (later->code, row->code) != 0)
            break;
          if (strcmp (later->name, row->name) == 0)
            {
              shown = FALSE;
              break;
            }
        }

      add_key (self, i, row->name, current, shown);
      if (row->other_name != NULL && strcmp (row->other_name, row->name) != 0)
        add_key (self, i, row->other_name, current, shown);
    }

  for (guint i = 0; i + 1 < extra_names->len; i += 2)
    {
      const char *code = g_ptr_array_index (extra_names, i);
      const char *name = g_ptr_array_index (extra_names, i + 1);
      guint first = find_first_row (self, code);

      for (guint j = first; j < self->rows->len; j++)
        {
          const SpPlace *row = &g_array_index (self->rows, SpPlace, j);

          if (strcmp (row->code, code) != 0)
            break;
          add_key (self, j, name, !row->ceased, TRUE);
        }
    }

  g_array_sort (self->index, compare_entries);
}

static void
sp_places_finalize (GObject *object)
{
  SpPlaces *self = (SpPlaces *) object;

  g_clear_pointer (&self->index, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (sp_places_parent_class)->finalize (object);
}

static void
sp_places_class_init (SpPlacesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_places_finalize;
}

static void
sp_places_init (SpPlaces *self)
{
  self->strings = g_string_chunk_new (64 * 1024);
  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (SpPlace), 20000);
  self->index = g_array_sized_new (FALSE, TRUE, sizeof (IndexEntry), 24000);
}

/* ------------------------------------------------------------- public */

const char *
sp_place_list_to_string (SpPlaceList list)
{
  g_return_val_if_fail (list < SP_PLACE_LIST_N_KINDS, NULL);

  return sp_enum_to_nick (SP_TYPE_PLACE_LIST, list);
}

gboolean
sp_place_list_from_string (const char  *text,
                           SpPlaceList *list)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return sp_enum_from_nick (SP_TYPE_PLACE_LIST, text, (int *) list);
}

/**
 * sp_places_load_builtin_list:
 * @list: which list
 *
 * Returns: (transfer full): the list shipped in sp-core's resources
 */
GBytes *
sp_places_load_builtin_list (SpPlaceList   list,
                             GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  g_return_val_if_fail (list < SP_PLACE_LIST_N_KINDS, NULL);

  path = g_strconcat (RESOURCE_PREFIX, list_files[list], NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_RESOURCE,
                 _("The built-in list of places %s is missing: %s"),
                 list_files[list], local_error->message);

  return bytes;
}

/**
 * sp_places_new_from_data:
 * @comuni: the ANPR archive of comuni (CSV)
 * @states: ANPR table 2 of foreign states (CSV)
 * @ceased_states: the list of ceased states (CSV)
 *
 * Returns: (transfer full) (nullable): the places, or %NULL if a list is
 *   malformed
 */
SpPlaces *
sp_places_new_from_data (GBytes  *comuni,
                         GBytes  *states,
                         GBytes  *ceased_states,
                         GError **error)
{
  g_autoptr(SpPlaces) self = NULL;
  g_autoptr(GPtrArray) extra_names = g_ptr_array_new ();
  GBytes *lists[SP_PLACE_LIST_N_KINDS] = { comuni, states, ceased_states };
  LoadData data;

  g_return_val_if_fail (comuni != NULL, NULL);
  g_return_val_if_fail (states != NULL, NULL);
  g_return_val_if_fail (ceased_states != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SP_TYPE_PLACES, NULL);
  data.self = self;
  data.extra_names = extra_names;

  for (guint i = 0; i < SP_PLACE_LIST_N_KINDS; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!parse_list ((SpPlaceList) i, lists[i], self->strings, add_row_cb, &data, &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "%s: ", list_files[i]);
          return NULL;
        }
    }

  build_index (self, extra_names);

  return g_steal_pointer (&self);
}

/**
 * sp_places_new_builtin:
 *
 * Returns: (transfer full) (nullable): the places shipped with Sportello
 */
SpPlaces *
sp_places_new_builtin (GError **error)
{
  g_autoptr(GBytes) comuni = NULL;
  g_autoptr(GBytes) states = NULL;
  g_autoptr(GBytes) ceased_states = NULL;

  if ((comuni = sp_places_load_builtin_list (SP_PLACE_LIST_COMUNI, error)) == NULL ||
      (states = sp_places_load_builtin_list (SP_PLACE_LIST_STATES, error)) == NULL ||
      (ceased_states = sp_places_load_builtin_list (SP_PLACE_LIST_CEASED_STATES, error)) == NULL)
    return NULL;

  return sp_places_new_from_data (comuni, states, ceased_states, error);
}

guint
sp_places_get_n_rows (SpPlaces *self)
{
  g_return_val_if_fail (SP_IS_PLACES (self), 0);

  return self->rows->len;
}

guint
sp_places_get_n_codes (SpPlaces *self)
{
  g_return_val_if_fail (SP_IS_PLACES (self), 0);

  return self->n_codes;
}

const SpPlace *
sp_places_get_row (SpPlaces *self,
                   guint     index)
{
  g_return_val_if_fail (SP_IS_PLACES (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return &g_array_index (self->rows, SpPlace, index);
}

static gboolean
normalize_code (const char *code,
                char        out[5])
{
  if (code == NULL || strlen (code) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    out[i] = g_ascii_toupper (code[i]);
  out[4] = '\0';
  return TRUE;
}

gboolean
sp_places_contains (SpPlaces   *self,
                    const char *code)
{
  char key[5];
  guint first;

  g_return_val_if_fail (SP_IS_PLACES (self), FALSE);

  if (!normalize_code (code, key))
    return FALSE;

  first = find_first_row (self, key);
  return first < self->rows->len &&
         strcmp (g_array_index (self->rows, SpPlace, first).code, key) == 0;
}

/**
 * sp_places_lookup:
 * @code: a cadastral code or Z code, any case
 *
 * Returns: (transfer container) (element-type SpPlace): every row of
 *   @code, oldest first; empty if none
 */
GPtrArray *
sp_places_lookup (SpPlaces   *self,
                  const char *code)
{
  GPtrArray *result = g_ptr_array_new ();
  char key[5];

  g_return_val_if_fail (SP_IS_PLACES (self), result);

  if (!normalize_code (code, key))
    return result;

  for (guint i = find_first_row (self, key); i < self->rows->len; i++)
    {
      const SpPlace *row = &g_array_index (self->rows, SpPlace, i);

      if (strcmp (row->code, key) != 0)
        break;
      g_ptr_array_add (result, (gpointer) row);
    }

  return result;
}

/**
 * sp_places_lookup_at:
 * @code: a cadastral code or Z code
 * @date: (nullable): the date the row should be valid on; %NULL for the
 *   latest row
 *
 * Never fails for a known code: when no row is valid on @date the row
 * nearest in time is returned (real codici fiscali exist like that).
 *
 * Returns: (nullable): the row, or %NULL if @code is unknown
 */
const SpPlace *
sp_places_lookup_at (SpPlaces    *self,
                     const char  *code,
                     const GDate *date)
{
  g_autoptr(GPtrArray) rows = NULL;
  const SpPlace *best = NULL;
  guint32 when;
  guint32 best_distance = G_MAXUINT32;

  g_return_val_if_fail (SP_IS_PLACES (self), NULL);

  rows = sp_places_lookup (self, code);
  if (rows->len == 0)
    return NULL;

  if (date == NULL || !g_date_valid (date))
    return g_ptr_array_index (rows, rows->len - 1);

  when = date_to_number (date);
  for (guint i = 0; i < rows->len; i++)
    {
      const SpPlace *row = g_ptr_array_index (rows, i);
      guint32 distance;

      if (row->valid_from <= when && when <= row->valid_to)
        return row;

      distance = when < row->valid_from ? row->valid_from - when : when - row->valid_to;
      if (distance < best_distance)
        {
          best_distance = distance;
          best = row;
        }
    }

  return best;
}

static guint
find_first_key (SpPlaces   *self,
                const char *prefix)
{
  guint lo = 0, hi = self->index->len;
  gsize len = strlen (prefix);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strncmp (g_array_index (self->index, IndexEntry, mid).key, prefix, len) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
has_row (GPtrArray     *rows,
         const SpPlace *row)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_ptr_array_index (rows, i) == row)
      return TRUE;
  return FALSE;
}

/**
 * sp_places_search:
 * @text: what the clerk typed: the start of a name, any case, with or
 *   without accents, spaces and apostrophes
 * @max_results: at most this many rows; 0 for no limit
 *
 * Current comuni and states come first, in alphabetical order, then past
 * names (ceased comuni and states, old names of renamed comuni) with their
 * validity dates in the rows. Second-language names (Bozen) and states'
 * English names are searched too.
 *
 * Returns: (transfer container) (element-type SpPlace): the rows
 */
GPtrArray *
sp_places_search (SpPlaces   *self,
                  const char *text,
                  guint       max_results)
{
  GPtrArray *result = g_ptr_array_new ();
  g_autofree char *prefix = NULL;
  gsize len;
  guint first;

  g_return_val_if_fail (SP_IS_PLACES (self), result);
  g_return_val_if_fail (text != NULL, result);

  prefix = sp_text_fold_key (text);
  len = strlen (prefix);
  if (len == 0)
    return result;

  if (max_results == 0)
    max_results = G_MAXUINT;

  first = find_first_key (self, prefix);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = first; i < self->index->len && result->len < max_results; i++)
        {
          const IndexEntry *entry = &g_array_index (self->index, IndexEntry, i);
          const SpPlace *row;

          if (strncmp (entry->key, prefix, len) != 0)
            break;
          if (!entry->shown || entry->current != (pass == 0))
            continue;

          row = &g_array_index (self->rows, SpPlace, entry->row);
          if (!has_row (result, row))
            g_ptr_array_add (result, (gpointer) row);
        }
    }

  return result;
}

static gboolean
split_province (const char  *text,
                char       **name,
                char       **province)
{
  const char *open = strrchr (text, '(');
  const char *close = strrchr (text, ')');

  if (open == NULL || close == NULL || close < open)
    return FALSE;

  *name = g_strstrip (g_strndup (text, open - text));
  *province = g_strstrip (g_ascii_strup (open + 1, close - open - 1));
  return TRUE;
}

/**
 * sp_places_resolve:
 * @name_or_code: a code (A562, z404), a name (Assisi, Bozen) or a name
 *   with its province (Castro (LE))
 * @date: (nullable): the birth date, to choose among places with the same
 *   name and among a code's rows
 *
 * Returns: (nullable): the place, or %NULL with SP_PLACES_ERROR_NOT_FOUND
 *   or SP_PLACES_ERROR_AMBIGUOUS (the message lists the candidates)
 */
const SpPlace *
sp_places_resolve (SpPlaces     *self,
                   const char   *name_or_code,
                   const GDate  *date,
                   GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *province = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GString) list = NULL;
  guint32 when = 0;
  gsize len;

  g_return_val_if_fail (SP_IS_PLACES (self), NULL);
  g_return_val_if_fail (name_or_code != NULL, NULL);

  if (sp_places_contains (self, name_or_code))
    return sp_places_lookup_at (self, name_or_code, date);

  if (!split_province (name_or_code, &name, &province))
    name = g_strdup (name_or_code);

  key = sp_text_fold_key (name);
  len = strlen (key);
  if (date != NULL && g_date_valid (date))
    when = date_to_number (date);

  if (len > 0)
    {
      for (guint i = find_first_key (self, key); i < self->index->len; i++)
        {
          const IndexEntry *entry = &g_array_index (self->index, IndexEntry, i);
          const SpPlace *row = &g_array_index (self->rows, SpPlace, entry->row);

          if (strncmp (entry->key, key, len) != 0)
            break;
          if (entry->key[len] != '\0')
            continue;
          if (province != NULL && g_strcmp0 (row->province, province) != 0)
            continue;
          if (!has_row (candidates, row))
            g_ptr_array_add (candidates, (gpointer) row);
        }
    }

  if (candidates->len == 0)
    {
      g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_NOT_FOUND,
                   _("No comune or foreign state is called “%s”"), name_or_code);
      return NULL;
    }

  /* Prefer rows valid on the date, then current rows. */
  for (guint pass = 0; pass < 3 && codes->len == 0; pass++)
    {
      for (guint i = 0; i < candidates->len; i++)
        {
          const SpPlace *row = g_ptr_array_index (candidates, i);
          gboolean fits;

          if (pass == 0)
            fits = when != 0 && row->valid_from <= when && when <= row->valid_to;
          else if (pass == 1)
            fits = !row->ceased;
          else
            fits = TRUE;

          if (fits && !g_ptr_array_find_with_equal_func (codes, row->code, g_str_equal, NULL))
            g_ptr_array_add (codes, (gpointer) row->code);
        }
    }

  if (codes->len == 1)
    return sp_places_lookup_at (self, g_ptr_array_index (codes, 0), date);

  list = g_string_new (NULL);
  for (guint i = 0; i < codes->len; i++)
    {
      const SpPlace *row = sp_places_lookup_at (self, g_ptr_array_index (codes, i), date);
      g_autofree char *label = sp_place_dup_label (row);

      if (list->len > 0)
        g_string_append (list, "; ");
      g_string_append_printf (list, "%s %s", row->code, label);
    }

  g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_AMBIGUOUS,
               _("“%s” could be several places: %s"), name_or_code, list->str);
  return NULL;
}

gboolean
sp_place_is_valid_on (const SpPlace *place,
                      const GDate   *date)
{
  guint32 when;

  g_return_val_if_fail (place != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  when = date_to_number (date);
  return place->valid_from <= when && when <= place->valid_to;
}

/**
 * sp_place_date_to_iso:
 * @date: a yyyymmdd date
 *
 * Returns: (nullable): "YYYY-MM-DD", or %NULL for an unknown or open date
 */
char *
sp_place_date_to_iso (guint32 date)
{
  if (date == 0 || date == SP_PLACE_DATE_OPEN)
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", date / 10000, (date / 100) % 100, date % 100);
}

/**
 * sp_place_dup_label:
 *
 * Returns: how the place is shown in a list: "BOLZANO / BOZEN (BZ)",
 *   "FRANCIA", with the dates of a past row
 */
char *
sp_place_dup_label (const SpPlace *place)
{
  g_autoptr(GString) label = NULL;

  g_return_val_if_fail (place != NULL, NULL);

  label = g_string_new (place->name);
  if (place->kind == SP_PLACE_COMUNE && place->other_name != NULL)
    g_string_append_printf (label, " / %s", place->other_name);
  if (place->province != NULL)
    g_string_append_printf (label, " (%s)", place->province);

  if (place->ceased || place->valid_to != SP_PLACE_DATE_OPEN)
    {
      g_autofree char *from = sp_place_date_to_iso (place->valid_from);
      g_autofree char *to = sp_place_date_to_iso (place->valid_to);
      g_autofree char *text = NULL;

      if (from != NULL && to != NULL)
        /* Translators: a place name, then its validity dates */
        text = g_strdup_printf (_("%s, from %s to %s"), label->str, from, to);
      else if (to != NULL)
        /* Translators: a place name, then the date it ceased */
        text = g_strdup_printf (_("%s, until %s"), label->str, to);
      else
        /* Translators: a place name that no longer exists */
        text = g_strdup_printf (_("%s, ceased"), label->str);

      return g_steal_pointer (&text);
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

static void
add_fingerprint_cb (SpPlace    *row,
                    const char *search_name G_GNUC_UNUSED,
                    gpointer    user_data)
{
  GHashTable *table = user_data;
  GString *print = g_hash_table_lookup (table, row->code);

  if (print == NULL)
    {
      print = g_string_new (NULL);
      g_hash_table_insert (table, g_strdup (row->code), print);
    }

  g_string_append_printf (print, "%u|%u|%s|%s|%s|%s|%d;",
                          row->valid_from, row->valid_to, row->name,
                          row->other_name != NULL ? row->other_name : "",
                          row->province != NULL ? row->province : "",
                          row->iso3 != NULL ? row->iso3 : "",
                          row->ceased);
}

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

/**
 * sp_places_parse_list:
 * @list: which list @content is
 * @content: the CSV file
 *
 * Checks every row of @content. Each code's rows are summed up in a
 * fingerprint string, so two versions of a list can be compared.
 *
 * Returns: (transfer full) (nullable): code → GString fingerprint, or
 *   %NULL if @content is malformed
 */
GHashTable *
sp_places_parse_list (SpPlaceList   list,
                      GBytes       *content,
                      GError      **error)
{
  g_autoptr(GHashTable) table = NULL;

  g_return_val_if_fail (list < SP_PLACE_LIST_N_KINDS, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_gstring);
  if (!parse_list (list, content, NULL, add_fingerprint_cb, table, error))
    return NULL;

  if (g_hash_table_size (table) == 0)
    {
      g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                   _("The list has no places"));
      return NULL;
    }

  return g_steal_pointer (&table);
}

/**
 * sp_places_detect_list:
 * @content: a CSV file
 * @list: (out): which list its header matches
 *
 * Returns: %TRUE if the header has every column of one of the lists
 */
gboolean
sp_places_detect_list (GBytes      *content,
                       SpPlaceList *list)
{
  g_return_val_if_fail (content != NULL, FALSE);

  for (guint i = 0; i < SP_PLACE_LIST_N_KINDS; i++)
    {
      CsvReader r;
      int pos[8];
      gboolean ok;

      csv_reader_init (&r, content);
      ok = read_header (&r, list_columns[i], pos, NULL);
      csv_reader_clear (&r);

      if (ok)
        {
          if (list != NULL)
            *list = (SpPlaceList) i;
          return TRUE;
        }
    }

  return FALSE;
}
