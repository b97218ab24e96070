/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-identity.c — figures for the identity core
 *
 * Prints lines "name<TAB>value<TAB>unit<TAB>baseline": codici fiscali
 * validated per second, place-search latency (median and worst over a
 * thousand prefixes) and the time to load the place lists at start. Each
 * baseline is measured in the same run: only reading the lists out of the
 * resource, only computing check characters, a plain linear scan of the
 * names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-util.h"
#include "sp-codice-fiscale.h"
#include "sp-places.h"

/* Reading the three lists out of the resource, decompressed, and nothing
 * more: what any loader pays. */
static double
bench_read_only (void)
{
  static const char * const paths[] = {
    "/it/sportello/db/places/ANPR_archivio_comuni.csv",
    "/it/sportello/db/places/stati_esteri.csv",
    "/it/sportello/db/places/stati_esteri_cessati.csv",
  };
  double times[9];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
        g_bytes_unref (g_resources_lookup_data (paths[p], G_RESOURCE_LOOKUP_FLAGS_NONE, NULL));
      times[i] = bench_ms_since (start);
    }

  return bench_median (times, G_N_ELEMENTS (times));
}

static SpPlaces *
bench_load (void)
{
  double times[9];
  SpPlaces *places = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&places);
      places = sp_places_new_builtin (&error);
      if (places == NULL)
        g_error ("%s", error->message);
      times[i] = bench_ms_since (start);
    }

  printf ("places_load_ms\t%.1f\tms\t%.1f\n", bench_median (times, G_N_ELEMENTS (times)), bench_read_only ());
  printf ("places_rows\t%u\trows\t\n", sp_places_get_n_rows (places));
  return places;
}

static void
bench_codes (SpPlaces *places)
{
  static const char * const bases[] = {
    "RSSMRA85T10A562S", "BNCGLI90A55F205V", "VRDGPP01A02H501I", "DLCMGR72B69L219V",
    "DNGNCL66H30F839Y", "NNZNGI80A31Z131N", "PTRJLN70M60Z118N", "RSSGFR48E02A952G",
  };
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDate) today = g_date_new_dmy (1, 6, 2025);
  guint64 n = 0;
  gint64 start, elapsed;

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    for (guint mask = 0; mask < 128; mask += 9)
      g_ptr_array_add (codes, sp_codice_fiscale_apply_omocodia (bases[i], mask));

  start = g_get_monotonic_time ();
  do
    {
      for (guint i = 0; i < codes->len; i++)
        {
          g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (g_ptr_array_index (codes, i), places, today);

          if (!sp_cf_info_is_valid (info))
            g_error ("%s should be valid", (const char *) g_ptr_array_index (codes, i));
        }
      n += codes->len;
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < G_USEC_PER_SEC / 2);

  {
    double rate = n * (double) G_USEC_PER_SEC / elapsed;
    guint64 m = 0;
    volatile char sink = 0;

    /* Baseline: the check character alone, the arithmetic every validator
     * must do. */
    start = g_get_monotonic_time ();
    do
      {
        for (guint i = 0; i < codes->len; i++)
          sink ^= sp_codice_fiscale_check_character (g_ptr_array_index (codes, i));
        m += codes->len;
        elapsed = g_get_monotonic_time () - start;
      }
    while (elapsed < G_USEC_PER_SEC / 2);

    printf ("cf_validations_per_second\t%.0f\tcodes/s\t%.0f\n", rate, m * (double) G_USEC_PER_SEC / elapsed);
    (void) sink;
  }
}

static void
bench_search (SpPlaces *places)
{
  enum { N_PREFIXES = 1000 };
  double times[N_PREFIXES];
  double worst = 0;
  guint n_rows = sp_places_get_n_rows (places);
  GRand *rand = g_rand_new_with_seed (1976);

  /* Warm up the caches with one search. */
  g_ptr_array_unref (sp_places_search (places, "roma", 20));

  for (guint i = 0; i < N_PREFIXES; i++)
    {
      const SpPlace *row = sp_places_get_row (places, (guint) g_rand_int_range (rand, 0, (gint32) n_rows));
      gsize len = strlen (row->name);
      gsize prefix_len = MIN (len, (gsize) g_rand_int_range (rand, 1, 9));
      g_autofree char *prefix = g_strndup (row->name, prefix_len);
      g_autoptr(GPtrArray) found = NULL;
      gint64 start = g_get_monotonic_time ();

      found = sp_places_search (places, prefix, 20);
      times[i] = (double) (g_get_monotonic_time () - start);
      worst = MAX (worst, times[i]);
    }

  {
    double search_median = bench_median (times, N_PREFIXES);
    double linear[100];
    double linear_worst = 0;

    /* Baseline: a linear scan of every name, as a naive search would. */
    g_rand_set_seed (rand, 1976);
    for (guint i = 0; i < G_N_ELEMENTS (linear); i++)
      {
        const SpPlace *row = sp_places_get_row (places, (guint) g_rand_int_range (rand, 0, (gint32) n_rows));
        g_autofree char *prefix = g_strndup (row->name, MIN (strlen (row->name), 3));
        gint64 start = g_get_monotonic_time ();
        guint hits = 0;

        for (guint r = 0; r < n_rows; r++)
          hits += g_str_has_prefix (sp_places_get_row (places, r)->name, prefix);
        linear[i] = (double) (g_get_monotonic_time () - start);
        linear_worst = MAX (linear_worst, linear[i]);
        g_assert (hits > 0);
      }

    printf ("places_search_median_us\t%.1f\tus\t%.1f\n", search_median, bench_median (linear, G_N_ELEMENTS (linear)));
    printf ("places_search_worst_us\t%.1f\tus\t%.1f\n", worst, linear_worst);
  }
  g_rand_free (rand);
}

int
main (void)
{
  g_autoptr(SpPlaces) places = bench_load ();

  bench_codes (places);
  bench_search (places);

  return 0;
}
