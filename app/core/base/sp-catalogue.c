/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-catalogue.c — the installed .mo catalogues, read in any language */
#define G_LOG_DOMAIN "sp-catalogue"

#include "config.h"

#include <string.h>
#include <libintl.h>

#include "sp-catalogue.h"

/* A receipt is printed in the citizen's language while the desk runs in
 * the clerk's. gettext cannot do that safely: the per-thread uselocale()
 * trick is overridden by a LANGUAGE variable (set in most desktop
 * sessions) and needs the it_IT locale generated on the machine, and
 * switching LANGUAGE is process-wide. So the strings are read from
 * the same installed catalogue (<localedir>/<lang>/LC_MESSAGES/sportello.mo)
 * with a small read-only lookup: msgfmt writes the original strings sorted,
 * so a binary search finds them. Catalogues are mapped once and kept for
 * the life of the process, under a lock; a missing one means English.
 */

typedef struct
{
  GMappedFile *file;
  const guint8 *data;
  gsize        size;
  gboolean     swap;
  guint32      n_strings;
  guint32      originals;
  guint32      translations;
} Catalog;

static const char * const languages[] = { "it", "en", NULL };

const char * const *
sp_catalogue_get_languages (void)
{
  return languages;
}

const char *
sp_catalogue_language_get_name (const char *language)
{
  g_return_val_if_fail (language != NULL, NULL);

  /* Each language in its own name: not translated. */
  if (g_str_equal (language, "it"))
    return "Italiano";
  if (g_str_equal (language, "en"))
    return "English";

  return language;
}

static guint32
catalog_word (const Catalog *catalog,
              gsize          offset)
{
  guint32 word;

  memcpy (&word, catalog->data + offset, sizeof word);
  return catalog->swap ? GUINT32_SWAP_LE_BE (word) : word;
}

/* The string at entry index of a table, or NULL if the file lies. */
static const char *
catalog_string (const Catalog *catalog,
                guint32        table,
                guint32        index)
{
  gsize entry = (gsize) table + (gsize) index * 8;
  guint32 length;
  guint32 offset;

  if (entry + 8 > catalog->size)
    return NULL;

  length = catalog_word (catalog, entry);
  offset = catalog_word (catalog, entry + 4);
  if ((gsize) offset + length >= catalog->size || catalog->data[offset + length] != '\0')
    return NULL;

  return (const char *) catalog->data + offset;
}

static Catalog *
catalog_open (const char *path)
{
  g_autoptr(GMappedFile) file = NULL;
  Catalog *catalog;
  guint32 magic;

  file = g_mapped_file_new (path, FALSE, NULL);
  if (file == NULL || g_mapped_file_get_length (file) < 28)
    return NULL;

  catalog = g_new0 (Catalog, 1);
  catalog->data = (const guint8 *) g_mapped_file_get_contents (file);
  catalog->size = g_mapped_file_get_length (file);
  memcpy (&magic, catalog->data, sizeof magic);
  if (magic == 0x950412de)
    catalog->swap = FALSE;
  else if (magic == 0xde120495)
    catalog->swap = TRUE;
  else
    {
      g_free (catalog);
      return NULL;
    }

  catalog->n_strings = catalog_word (catalog, 8);
  catalog->originals = catalog_word (catalog, 12);
  catalog->translations = catalog_word (catalog, 16);
  catalog->file = g_steal_pointer (&file);
  return catalog;
}

static const char *
catalog_lookup (const Catalog *catalog,
                const char    *key)
{
  guint32 low = 0;
  guint32 high = catalog->n_strings;

  while (low < high)
    {
      guint32 middle = low + (high - low) / 2;
      const char *original = catalog_string (catalog, catalog->originals, middle);
      int cmp;

      if (original == NULL)
        return NULL;

      cmp = strcmp (key, original);
      if (cmp == 0)
        {
          const char *translation = catalog_string (catalog, catalog->translations, middle);

          return translation != NULL && *translation != '\0' ? translation : NULL;
        }
      if (cmp < 0)
        high = middle;
      else
        low = middle + 1;
    }

  return NULL;
}

static const char *
find_catalog_path (const char *language,
                   char      **out_path)
{
  const char *dirs[4];
  guint n = 0;

  /* Where the program bound its messages (uninstalled runs bind the build
   * tree, named by SPORTELLO_LOCALEDIR), then the installed and the build
   * tree's directories. */
  dirs[n++] = bindtextdomain (GETTEXT_PACKAGE, NULL);
  dirs[n++] = g_getenv ("SPORTELLO_LOCALEDIR");
  dirs[n++] = LOCALEDIR;
#ifdef SP_BUILD_LOCALEDIR
  dirs[n++] = SP_BUILD_LOCALEDIR;
#endif

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL)
        continue;

      path = g_build_filename (dirs[i], language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          *out_path = g_steal_pointer (&path);
          return *out_path;
        }
    }

  return NULL;
}

static const Catalog *
get_catalog (const char *language)
{
  static GMutex lock;
  static GHashTable *catalogs;   /* language → Catalog or NULL, never freed */
  g_autofree char *short_language = NULL;
  const Catalog *catalog;
  gpointer found;

  /* English is the source language. */
  if (language == NULL || g_str_has_prefix (language, "en") || g_str_equal (language, "C"))
    return NULL;

  g_mutex_lock (&lock);

  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);

  if (g_hash_table_lookup_extended (catalogs, language, NULL, &found))
    {
      g_mutex_unlock (&lock);
      return found;
    }

  {
    g_autofree char *path = NULL;

    if (find_catalog_path (language, &path) == NULL &&
        strchr (language, '_') != NULL)
      {
        short_language = g_strndup (language, strchr (language, '_') - language);
        find_catalog_path (short_language, &path);
      }

    catalog = path != NULL ? catalog_open (path) : NULL;
    if (catalog == NULL)
      g_debug ("No catalogue for language “%s”: writing in English", language);
  }

  g_hash_table_insert (catalogs, g_strdup (language), (gpointer) catalog);
  g_mutex_unlock (&lock);

  return catalog;
}

const char *
sp_catalogue_translate (const char *language,
                      const char *msgid)
{
  const Catalog *catalog;
  const char *translation;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (*msgid == '\0' || (catalog = get_catalog (language)) == NULL)
    return msgid;

  translation = catalog_lookup (catalog, msgid);
  return translation != NULL ? translation : msgid;
}

const char *
sp_catalogue_translate_context (const char *language,
                              const char *context,
                              const char *msgid)
{
  g_autofree char *key = NULL;
  const Catalog *catalog;
  const char *translation;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  if ((catalog = get_catalog (language)) == NULL)
    return msgid;

  key = g_strconcat (context, "\004", msgid, NULL);
  translation = catalog_lookup (catalog, key);
  return translation != NULL ? translation : msgid;
}
