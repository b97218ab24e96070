/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-strings-private.h — the owned strings of the people's plain records
 *
 * SpCitizen, SpMrz and SpCfInfo are plain structs holding many strings:
 * each lists its string members once, by offset, and its copy and free
 * walk that list instead of naming every member again.
 */
#pragma once

#include <glib.h>

#define SP_STRING_MEMBER(record, offset) G_STRUCT_MEMBER (char *, (record), (offset))

/* A copy of record (size bytes) that owns copies of the listed strings. */
static inline gpointer
sp_strings_copy_record (gconstpointer  record,
                        gsize          size,
                        const gsize   *offsets,
                        gsize          n_offsets)
{
  gpointer copy = g_memdup2 (record, size);

  for (gsize i = 0; i < n_offsets; i++)
    SP_STRING_MEMBER (copy, offsets[i]) = g_strdup (SP_STRING_MEMBER (copy, offsets[i]));
  return copy;
}

/* Frees the listed strings, then the record itself; NULL is ignored. */
static inline void
sp_strings_free_record (gpointer     record,
                        const gsize *offsets,
                        gsize        n_offsets)
{
  if (record == NULL)
    return;

  for (gsize i = 0; i < n_offsets; i++)
    g_free (SP_STRING_MEMBER (record, offsets[i]));
  g_free (record);
}
