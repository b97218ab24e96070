/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-places.c — ANPR lists: loading, lookup by code and date, search by
 * name, resolving a typed place, importing a newer list. */
#include "config.h"

#include "sp-places.h"
#include "sp-places-import.h"
#include "sp-test-util.h"

static SpPlaces *places;

static GDate *
make_date (int year, int month, int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static gboolean
results_have (GPtrArray *rows, const char *code, const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const SpPlace *row = g_ptr_array_index (rows, i);
      if (g_str_equal (row->code, code) && (name == NULL || g_str_equal (row->name, name)))
        return TRUE;
    }
  return FALSE;
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPlaces) again = NULL;
  gint64 start = g_get_monotonic_time ();

  again = sp_places_new_builtin (&error);
  g_assert_no_error (error);
  g_test_message ("loaded in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* 19,352 rows of comuni less 28 without a code, 208 states with a Z
   * code, 8 ceased states. */
  g_assert_cmpuint (sp_places_get_n_rows (again), ==, 19352 - 28 + 208 + 8);
  g_assert_cmpuint (sp_places_get_n_codes (again), >, 9800);
}

static void
test_lookup (void)
{
  g_autoptr(GPtrArray) bolzano = sp_places_lookup (places, "a952");
  g_autoptr(GPtrArray) none = sp_places_lookup (places, "A9");
  g_autoptr(GDate) in_1924 = make_date (1924, 6, 1);
  g_autoptr(GDate) in_1990 = make_date (1990, 6, 1);
  g_autoptr(GDate) in_1800 = make_date (1800, 1, 1);
  const SpPlace *row;

  g_assert_cmpuint (bolzano->len, ==, 4);
  row = g_ptr_array_index (bolzano, 0);
  g_assert_cmpuint (row->valid_from, ==, 19201016);
  g_assert_cmpuint (row->valid_to, ==, 19230213);
  g_assert_true (row->ceased);
  g_assert_cmpstr (row->province, ==, "TN");
  row = g_ptr_array_index (bolzano, 3);
  g_assert_false (row->ceased);
  g_assert_cmpuint (row->valid_to, ==, SP_PLACE_DATE_OPEN);
  g_assert_cmpstr (row->province, ==, "BZ");
  g_assert_cmpstr (row->other_name, ==, "BOZEN");
  g_assert_cmpint (row->kind, ==, SP_PLACE_COMUNE);
  g_assert_cmpuint (none->len, ==, 0);

  /* The row valid on a date: Bolzano was in the province of Trento
   * until 1927. */
  g_assert_cmpstr (sp_places_lookup_at (places, "A952", in_1924)->province, ==, "TN");
  g_assert_cmpstr (sp_places_lookup_at (places, "A952", in_1990)->province, ==, "BZ");
  g_assert_cmpstr (sp_places_lookup_at (places, "A952", NULL)->province, ==, "BZ");
  /* Before any row: the nearest. */
  g_assert_cmpuint (sp_places_lookup_at (places, "A952", in_1800)->valid_from, ==, 19201016);
  g_assert_null (sp_places_lookup_at (places, "Z999", NULL));

  g_assert_true (sp_places_contains (places, "z404"));
  g_assert_true (sp_places_contains (places, "Z118"));
  g_assert_false (sp_places_contains (places, "Z999"));
  g_assert_false (sp_places_contains (places, "ND"));
  g_assert_false (sp_places_contains (places, ""));

  row = sp_places_lookup_at (places, "Z404", NULL);
  g_assert_cmpint (row->kind, ==, SP_PLACE_STATE);
  g_assert_cmpstr (row->iso3, ==, "USA");
  g_assert_false (row->ceased);

  row = sp_places_lookup_at (places, "Z135", NULL);
  g_assert_true (row->ceased);
  g_assert_cmpuint (row->valid_to, ==, 19920331);
  g_assert_true (sp_place_is_valid_on (row, in_1990));
}

static void
test_search (void)
{
  g_autoptr(GPtrArray) bolzano = sp_places_search (places, "Bolzano", 10);
  g_autoptr(GPtrArray) bozen = sp_places_search (places, "bozen", 10);
  g_autoptr(GPtrArray) cantu = sp_places_search (places, "cantu", 10);
  g_autoptr(GPtrArray) abano = sp_places_search (places, "abano", 10);
  g_autoptr(GPtrArray) empty = sp_places_search (places, " ’ ", 10);
  g_autoptr(GPtrArray) nothing = sp_places_search (places, "qqqq", 10);
  g_autoptr(GPtrArray) all_s = sp_places_search (places, "s", 0);
  g_autoptr(GPtrArray) limited = sp_places_search (places, "s", 7);
  const SpPlace *first;

  /* The current comune first, then the others starting with the name. */
  first = g_ptr_array_index (bolzano, 0);
  g_assert_cmpstr (first->code, ==, "A952");
  g_assert_false (first->ceased);
  g_assert_true (results_have (bolzano, "A953", "BOLZANO NOVARESE"));
  g_assert_true (results_have (bolzano, "A954", "BOLZANO VICENTINO"));
  /* Its older rows with the same name are not repeated. */
  for (guint i = 1; i < bolzano->len; i++)
    g_assert_cmpstr (((const SpPlace *) g_ptr_array_index (bolzano, i))->code, !=, "A952");

  first = g_ptr_array_index (bozen, 0);
  g_assert_cmpstr (first->code, ==, "A952");

  first = g_ptr_array_index (cantu, 0);
  g_assert_cmpstr (first->name, ==, "CANTÙ");

  /* Abano Terme (current) before Abano (its name until 1924). */
  first = g_ptr_array_index (abano, 0);
  g_assert_cmpstr (first->name, ==, "ABANO TERME");
  g_assert_true (results_have (abano, "A001", "ABANO"));
  for (guint i = 0; i < abano->len; i++)
    {
      const SpPlace *row = g_ptr_array_index (abano, i);
      if (g_str_equal (row->name, "ABANO"))
        {
          g_autofree char *label = sp_place_dup_label (row);
          g_assert_true (row->ceased);
          g_assert_cmpstr (label, ==, "ABANO (PD), from 1866-11-19 to 1924-11-13");
        }
    }

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (nothing->len, ==, 0);
  g_assert_cmpuint (limited->len, ==, 7);

  /* Current places come before every past one. */
  {
    gboolean seen_past = FALSE;
    g_autoptr(GDate) today = g_date_new ();
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                    (GDateMonth) g_date_time_get_month (now),
                    (GDateYear) g_date_time_get_year (now));
    g_assert_cmpuint (all_s->len, >, 1000);
    for (guint i = 0; i < all_s->len; i++)
      {
        const SpPlace *row = g_ptr_array_index (all_s, i);
        gboolean current = !row->ceased && sp_place_is_valid_on (row, today);

        if (!current)
          seen_past = TRUE;
        else
          g_assert_false (seen_past);
      }
  }
}

static void
test_search_apostrophes_states (void)
{
  g_autoptr(GPtrArray) a = sp_places_search (places, "Sant’Agata", 50);
  g_autoptr(GPtrArray) b = sp_places_search (places, "santagata", 50);
  /* States by their English name too, ceased ones by part of theirs. */
  static const struct
  {
    const char *typed;
    const char *code;
  } states[] = {
    { "Germany", "Z112" }, { "germania", "Z112" }, { "china", "Z210" },
    { "Unione Rep", "Z135" }, { "jugo", "Z118" },
  };

  g_assert_cmpuint (a->len, >, 3);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (g_ptr_array_index (a, i) == g_ptr_array_index (b, i));

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(GPtrArray) rows = sp_places_search (places, states[i].typed, 5);
      g_assert_true (results_have (rows, states[i].code, NULL));
    }
}

static void
test_resolve (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) in_1990 = make_date (1990, 6, 1);
  g_autoptr(GDate) in_1920 = make_date (1920, 6, 1);
  const SpPlace *row;

  /* By code, by another language's name, without the accent, a state;
   * Abano in 1920: the comune now called Abano Terme, row valid then. */
  const struct
  {
    const char  *typed;
    const GDate *date;
    const char  *code;
    const char  *name;
  } found[] = {
    { "a562", NULL, NULL, "SAN GIULIANO TERME" },
    { "Bozen", in_1990, "A952", NULL },
    { "Cantù", NULL, "B639", NULL },
    { "Francia", NULL, "Z110", NULL },
    { "Abano", in_1920, "A001", "ABANO" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      row = sp_places_resolve (places, found[i].typed, found[i].date, &error);
      g_assert_no_error (error);
      if (found[i].code != NULL)
        g_assert_cmpstr (row->code, ==, found[i].code);
      if (found[i].name != NULL)
        g_assert_cmpstr (row->name, ==, found[i].name);
    }

  /* Two comuni called Castro: Bergamo and Lecce. */
  row = sp_places_resolve (places, "Castro", in_1990, &error);
  g_assert_null (row);
  g_assert_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "(BG)"));
  g_assert_nonnull (strstr (error->message, "(LE)"));
  g_clear_error (&error);

  row = sp_places_resolve (places, "Castro (le)", in_1990, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->province, ==, "LE");

  row = sp_places_resolve (places, "Atlantide", NULL, &error);
  g_assert_null (row);
  g_assert_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_NOT_FOUND);
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_malformed_lists (void)
{
  static const char *comuni_header =
    "\xEF\xBB\xBF\"ID\",\"DATAISTITUZIONE\",\"DATACESSAZIONE\",\"CODCATASTALE\",\"DENOMINAZIONE_IT\","
    "\"ALTRADENOMINAZIONE\",\"STATO\",\"SIGLAPROVINCIA\"\n";
  static const struct
  {
    const char *rows;
    const char *message;
  } vectors[] = {
    { "1,\"2024-01-01\",\"9999-12-31\",\"M435\",\"NUOVO\",\"\",\"A\",\"TO\"\n", NULL },
    { "1,\"2024-01-01\",\"9999-12-31\",\"M43\",\"NUOVO\",\"\",\"A\",\"TO\"\n",
      "Line 2: the cadastral code “M43” is not valid" },
    { "1,\"2024-13-01\",\"9999-12-31\",\"M435\",\"NUOVO\",\"\",\"A\",\"TO\"\n",
      "Line 2: the start date “2024-13-01” is not valid" },
    { "1,\"2024-01-01\",\"9999-12-31\",\"M435\",\"NUOVO\",\"\",\"X\",\"TO\"\n",
      "Line 2: the state “X” is not valid" },
    { "1,\"2024-01-01\",\"9999-12-31\",\"M435\",\"NUOVO\",\"\",\"A\"\n",
      "Line 2 has 7 fields instead of 8" },
    { "1,\"2024-01-01\",\"9999-12-31\",\"M435\",\"NUOVO,\"\",\"A\",\"TO\"\n", NULL },
    { "1,\"2024-01-01\",\"9999-12-31\",\"M435\",\"NUOVO\",\"\",\"A\",\"TO\n",
      "Line 2 has a quote that is never closed" },
    { "1,\"2024-01-01\",\"2023-12-31\",\"M435\",\"NUOVO\",\"\",\"C\",\"TO\"\n",
      "Line 2 ends before it starts" },
    { "", "The list has no places" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *text = g_strconcat (comuni_header, vectors[i].rows, NULL);
      g_autoptr(GBytes) bytes = bytes_of (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) table = NULL;
      SpPlaceList list;

      g_assert_true (sp_places_detect_list (bytes, &list));
      g_assert_cmpint (list, ==, SP_PLACE_LIST_COMUNI);

      table = sp_places_parse_list (SP_PLACE_LIST_COMUNI, bytes, &error);
      if (i == 0)
        {
          g_assert_no_error (error);
          g_assert_true (g_hash_table_contains (table, "M435"));
        }
      else
        {
          g_assert_null (table);
          g_assert_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED);
          if (vectors[i].message != NULL)
            g_assert_cmpstr (error->message, ==, vectors[i].message);
        }
    }

  {
    g_autoptr(GBytes) bytes = bytes_of ("A,B,C\n1,2,3\n");
    g_autoptr(GError) error = NULL;

    g_assert_false (sp_places_detect_list (bytes, NULL));
    g_assert_null (sp_places_parse_list (SP_PLACE_LIST_STATES, bytes, &error));
    g_assert_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED);
    g_assert_cmpstr (error->message, ==, "The list has no column DENOMINAZIONE");
  }
}

static GBytes *
builtin_with_extra_comune (void)
{
  g_autoptr(GBytes) builtin = sp_places_load_builtin_list (SP_PLACE_LIST_COMUNI, NULL);
  GByteArray *data = g_byte_array_new ();
  gsize size;
  const guint8 *old = g_bytes_get_data (builtin, &size);
  static const char *row =
    "99999,\"2024-01-01\",\"9999-12-31\",\"001999\",\"M435\",\"NUOVO COMUNE\",\"NUOVO COMUNE\","
    "\"\",\"\",1,\"001\",\"01\",\"TO\",\"A\",\"TO\",\"\",\"2024-01-01\",\"\"\n";

  g_byte_array_append (data, old, (guint) size);
  g_byte_array_append (data, (const guint8 *) row, (guint) strlen (row));
  return g_byte_array_free_to_bytes (data);
}

static void
test_import (SpTestDb *db, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) newer = builtin_with_extra_comune ();
  g_autoptr(GBytes) broken = g_bytes_new_static ("\"ID\",\"DATAISTITUZIONE\"\n1,2\n", 25);
  g_autoptr(SpPlacesImport) dry = NULL;
  g_autoptr(SpPlacesImport) import = NULL;
  g_autoptr(SpPlacesImport) again = NULL;
  g_autoptr(SpPlaces) before = NULL;
  g_autoptr(SpPlaces) after = NULL;
  g_autoptr(SpPlacesImport) refused = NULL;

  before = sp_places_new_for_store (db->store, &error);
  g_assert_no_error (error);
  g_assert_false (sp_places_contains (before, "M435"));

  dry = sp_places_import (db->store, newer, "test.csv", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dry->added->len, ==, 1);

  /* Nothing written by a dry run. */
  g_clear_object (&before);
  before = sp_places_new_for_store (db->store, &error);
  g_assert_false (sp_places_contains (before, "M435"));

  import = sp_places_import (db->store, newer, "test.csv", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import->list, ==, SP_PLACE_LIST_COMUNI);
  g_assert_cmpuint (import->added->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (import->added, 0), ==, "M435");
  g_assert_cmpuint (import->changed->len, ==, 0);
  g_assert_cmpuint (import->removed->len, ==, 0);

  after = sp_places_new_for_store (db->store, &error);
  g_assert_no_error (error);
  g_assert_true (sp_places_contains (after, "M435"));
  g_assert_cmpstr (sp_places_lookup_at (after, "M435", NULL)->name, ==, "NUOVO COMUNE");

  /* The same file again changes nothing. */
  again = sp_places_import (db->store, newer, "test.csv", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->added->len + again->changed->len + again->removed->len, ==, 0);

  /* A malformed file writes nothing. */
  refused = sp_places_import (db->store, broken, "broken.csv", FALSE, &error);
  g_assert_null (refused);
  g_assert_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED);
  g_clear_error (&error);
  g_clear_object (&after);
  after = sp_places_new_for_store (db->store, &error);
  g_assert_true (sp_places_contains (after, "M435"));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  places = sp_places_new_builtin (&error);
  g_assert_no_error (error);

  g_test_add_func ("/places/load", test_load);
  g_test_add_func ("/places/lookup", test_lookup);
  g_test_add_func ("/places/search", test_search);
  g_test_add_func ("/places/search-apostrophes-states", test_search_apostrophes_states);
  g_test_add_func ("/places/resolve", test_resolve);
  g_test_add_func ("/places/malformed", test_malformed_lists);
  g_test_add ("/places/import", SpTestDb, NULL, sp_test_db_open, test_import, sp_test_db_close);

  ret = g_test_run ();
  g_clear_object (&places);
  return ret;
}
