/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-places.c — libFuzzer target: place search and resolution with
 * arbitrary text, and the CSV parser with arbitrary lists. */
#include "config.h"

#include <stdint.h>

#include "sp-places.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static SpPlaces *places;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GDate) date = g_date_new_dmy (1, 1, 1970);
  SpPlaceList list;

  if (places == NULL)
    {
      places = sp_places_new_builtin (NULL);
      g_assert (places != NULL);
    }

  found = sp_places_search (places, text, 20);
  g_assert (found->len <= 20);
  rows = sp_places_lookup (places, text);
  (void) sp_places_resolve (places, text, date, NULL);

  /* The bytes as a list of each kind. */
  for (guint i = 0; i < SP_PLACE_LIST_N_KINDS; i++)
    {
      g_autoptr(GHashTable) parsed = sp_places_parse_list ((SpPlaceList) i, bytes, NULL);
      (void) parsed;
    }
  if (sp_places_detect_list (bytes, &list))
    table = sp_places_parse_list (list, bytes, NULL);

  return 0;
}
