/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-places-import.c — newer ANPR lists kept in the database */

#define G_LOG_DOMAIN "sp-places-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-audit.h"
#include "sp-places-import.h"

/**
 * sp_places_load_list:
 * @store: (nullable): the database, or %NULL for the built-in list only
 * @list: which list
 *
 * Returns: (transfer full): the list stored in @store if any, else the
 *   built-in one
 */
GBytes *
sp_places_load_list (SpStore      *store,
                     SpPlaceList   list,
                     GError      **error)
{
  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), NULL);
  g_return_val_if_fail (list < SP_PLACE_LIST_N_KINDS, NULL);

  if (store != NULL)
    {
      g_autoptr(SpStatement) stmt = NULL;
      g_autoptr(GError) local_error = NULL;

      stmt = sp_store_query (store, error, "SELECT content FROM place_lists WHERE kind = ?1",
                             SP_TEXT (sp_place_list_to_string (list)), SP_END);
      if (stmt == NULL)
        return NULL;

      /* content is NOT NULL (0002). */
      if (sp_statement_next (stmt, &local_error))
        return sp_statement_dup_bytes (stmt, 0);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  return sp_places_load_builtin_list (list, error);
}

/**
 * sp_places_new_for_store:
 * @store: (nullable): the database
 *
 * Returns: (transfer full) (nullable): the places, with the lists imported
 *   into @store replacing the built-in ones
 */
SpPlaces *
sp_places_new_for_store (SpStore  *store,
                         GError  **error)
{
  g_autoptr(GBytes) comuni = NULL;
  g_autoptr(GBytes) states = NULL;
  g_autoptr(GBytes) ceased_states = NULL;

  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), NULL);

  if ((comuni = sp_places_load_list (store, SP_PLACE_LIST_COMUNI, error)) == NULL ||
      (states = sp_places_load_list (store, SP_PLACE_LIST_STATES, error)) == NULL ||
      (ceased_states = sp_places_load_list (store, SP_PLACE_LIST_CEASED_STATES, error)) == NULL)
    return NULL;

  return sp_places_new_from_data (comuni, states, ceased_states, error);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
compare_lists (SpPlacesImport *import,
               GHashTable     *old_table,
               GHashTable     *new_table)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, new_table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GString *old_print = g_hash_table_lookup (old_table, key);

      if (old_print == NULL)
        g_ptr_array_add (import->added, g_strdup (key));
      else if (!g_string_equal (old_print, value))
        g_ptr_array_add (import->changed, g_strdup (key));
    }

  g_hash_table_iter_init (&iter, old_table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (new_table, key))
      g_ptr_array_add (import->removed, g_strdup (key));

  g_ptr_array_sort (import->added, compare_codes);
  g_ptr_array_sort (import->changed, compare_codes);
  g_ptr_array_sort (import->removed, compare_codes);
}

static char *
build_details (SpPlacesImport *import,
               const char     *source)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "list");
  json_builder_add_string_value (builder, sp_place_list_to_string (import->list));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "codes");
  json_builder_add_int_value (builder, import->n_codes);
  json_builder_set_member_name (builder, "added");
  json_builder_add_int_value (builder, import->added->len);
  json_builder_set_member_name (builder, "changed");
  json_builder_add_int_value (builder, import->changed->len);
  json_builder_set_member_name (builder, "removed");
  json_builder_add_int_value (builder, import->removed->len);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

typedef struct
{
  SpPlacesImport *import;
  GBytes         *content;
  const char     *source;
} ListWrite;

static gboolean
write_list (SpStore   *store,
            gpointer   user_data,
            GError   **error)
{
  ListWrite *write = user_data;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, write->content);
  g_autofree char *details = build_details (write->import, write->source);

  return sp_store_run (store, error,
                       "INSERT INTO place_lists (uuid, kind, content, sha256, n_codes, source, imported_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                       "ON CONFLICT (kind) DO UPDATE SET content = excluded.content, "
                       "sha256 = excluded.sha256, n_codes = excluded.n_codes, "
                       "source = excluded.source, imported_at = excluded.imported_at",
                       SP_TEXT (uuid), SP_TEXT (sp_place_list_to_string (write->import->list)),
                       SP_BYTES (write->content), SP_TEXT (sha256), SP_INT (write->import->n_codes),
                       SP_TEXT (write->source), SP_INT (sp_store_now ()), SP_END) >= 0 &&

         sp_audit_append (store, SP_ACTOR_SYSTEM, SP_AUDIT_PLACES_IMPORT, NULL, details, error);
}

static gboolean
store_list (SpStore        *store,
            SpPlacesImport *import,
            GBytes         *content,
            const char     *source,
            GError        **error)
{
  ListWrite write = { import, content, source };

  return sp_store_transaction (store, write_list, &write, error);
}

/**
 * sp_places_import:
 * @store: the database
 * @content: a newer ANPR file: the archive of comuni, the foreign states
 *   or the ceased states (told apart by their header)
 * @source: where it came from (a file name), recorded with it
 * @dry_run: check and compare only, write nothing
 *
 * Checks the whole file first: on any malformed row nothing is written.
 * Otherwise the file replaces the list of its kind, in one transaction
 * that also records the import in the audit trail.
 *
 * Returns: (transfer full) (nullable): the codes added, changed and
 *   removed with respect to the list in use
 */
SpPlacesImport *
sp_places_import (SpStore     *store,
                  GBytes      *content,
                  const char  *source,
                  gboolean     dry_run,
                  GError     **error)
{
  g_autoptr(SpPlacesImport) import = NULL;
  g_autoptr(GHashTable) new_table = NULL;
  g_autoptr(GHashTable) old_table = NULL;
  g_autoptr(GBytes) current = NULL;
  g_autoptr(GError) local_error = NULL;
  SpPlaceList list;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (!sp_places_detect_list (content, &list))
    {
      g_set_error (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                   _("The file is not an ANPR list of comuni, foreign states or ceased states: its header does not match"));
      return NULL;
    }

  new_table = sp_places_parse_list (list, content, error);
  if (new_table == NULL)
    return NULL;

  current = sp_places_load_list (store, list, error);
  if (current == NULL)
    return NULL;

  old_table = sp_places_parse_list (list, current, &local_error);
  if (old_table == NULL)
    {
      /* The list in use should always parse; compare with nothing. */
      g_warning ("The list of places in use is unreadable: %s", local_error->message);
      old_table = g_hash_table_new (g_str_hash, g_str_equal);
    }

  import = g_new0 (SpPlacesImport, 1);
  import->list = list;
  import->n_codes = g_hash_table_size (new_table);
  import->added = g_ptr_array_new_with_free_func (g_free);
  import->changed = g_ptr_array_new_with_free_func (g_free);
  import->removed = g_ptr_array_new_with_free_func (g_free);
  compare_lists (import, old_table, new_table);

  if (!dry_run && !store_list (store, import, content, source, error))
    return NULL;

  return g_steal_pointer (&import);
}

void
sp_places_import_free (SpPlacesImport *import)
{
  if (import == NULL)
    return;

  g_clear_pointer (&import->added, g_ptr_array_unref);
  g_clear_pointer (&import->changed, g_ptr_array_unref);
  g_clear_pointer (&import->removed, g_ptr_array_unref);
  g_free (import);
}

JsonArray *
sp_places_export_stored (SpStore  *store,
                         GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(JsonArray) lists = json_array_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error, "SELECT kind, content FROM place_lists ORDER BY kind", SP_END);
  if (stmt == NULL)
    return NULL;
  while (sp_statement_next (stmt, &local_error))
    {
      g_autoptr(GBytes) content = sp_statement_dup_bytes (stmt, 1);
      g_autofree char *text = g_base64_encode (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "kind", sp_statement_get_text (stmt, 0));
      json_object_set_string_member (object, "content", text);
      json_array_add_object_element (lists, object);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&lists);
}

gboolean
sp_places_import_stored (SpStore    *store,
                         JsonArray  *lists,
                         GError    **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  for (guint i = 0; lists != NULL && i < json_array_get_length (lists); i++)
    {
      JsonObject *object = json_array_get_object_element (lists, i);
      const char *text = object != NULL ? json_object_get_string_member_with_default (object, "content", NULL) : NULL;
      g_autoptr(SpPlacesImport) import = NULL;
      g_autoptr(GBytes) content = NULL;
      guchar *raw;
      gsize length = 0;

      if (text == NULL)
        {
          g_set_error_literal (error, SP_PLACES_ERROR, SP_PLACES_ERROR_MALFORMED,
                               _("A list of places of the office is empty."));
          return FALSE;
        }
      raw = g_base64_decode (text, &length);
      content = g_bytes_new_take (raw, length);
      import = sp_places_import (store, content, "enrolment", FALSE, error);
      if (import == NULL)
        return FALSE;
    }
  return TRUE;
}
