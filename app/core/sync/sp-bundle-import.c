/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle-import.c — a pop-up desk's bundle taken in at the office, once,
 * whole or not at all; the only code that writes bundle_imports */
#define G_LOG_DOMAIN "sp-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sp-audit-popup.h"
#include "sp-bundle-private.h"
#include "sp-desk.h"
#include "sp-error.h"
#include "sp-popup-desk.h"
#include "sp-setting-keys.h"

typedef struct
{
  SpActor          actor;
  SpDesk          *desk;
  gint64           sequence;
  const char      *payload_sha256;
  JsonObject      *payload;
  SpBundleSummary *summary;    /* out */
} Import;

/* What this office imported of the desk before: the sequence and file of
 * the last bundle, 0 when none. */
typedef struct
{
  gint64  sequence;
  char   *payload_sha256;
  char   *counts;
  char   *first_hash;
  char   *last_hash;
} Imported;

static void
imported_clear (Imported *imported)
{
  g_free (imported->payload_sha256);
  g_free (imported->counts);
  g_free (imported->first_hash);
  g_free (imported->last_hash);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Imported, imported_clear)

/* The last bundle imported from desk_id: FALSE (no error) when none was. */
static gboolean
find_last_imported (SpStore   *store,
                    gint64     desk_id,
                    Imported  *imported,
                    GError   **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  stmt = sp_store_query (store, error,
                         "SELECT sequence, payload_sha256, counts, first_hash, last_hash FROM bundle_imports "
                         "WHERE desk_id = ?1 ORDER BY sequence DESC LIMIT 1",
                         SP_INT (desk_id), SP_END);
  if (stmt == NULL || !sp_statement_next (stmt, error))
    return FALSE;
  imported->sequence = sp_statement_get_int (stmt, 0);
  imported->payload_sha256 = sp_statement_dup_text (stmt, 1);
  imported->counts = sp_statement_dup_text (stmt, 2);
  imported->first_hash = sp_statement_dup_text (stmt, 3);
  imported->last_hash = sp_statement_dup_text (stmt, 4);
  return TRUE;
}

static SpBundleSummary *
summary_new (SpDesk     *desk,
             gint64      sequence,
             const char *first_hash,
             const char *last_hash)
{
  SpBundleSummary *summary = g_new0 (SpBundleSummary, 1);

  summary->desk_uuid = g_strdup (sp_desk_get_uuid (desk));
  summary->desk_name = g_strdup (sp_desk_get_name (desk));
  summary->sequence = sequence;
  summary->first_hash = g_strdup (first_hash);
  summary->last_hash = g_strdup (last_hash);
  return summary;
}

static gboolean
refuse_altered (GError **error)
{
  g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_ALTERED,
                       _("The bundle’s contents do not match its manifest: nothing of it was imported."));
  return FALSE;
}

/* The manifest says what the rest holds. */
static gboolean
check_manifest (Import      *import,
                JsonObject  *manifest,
                JsonObject  *tables,
                JsonArray   *audit,
                GError     **error)
{
  JsonObject *counts = json_object_get_object_member (manifest, "counts");
  guint n_audit = audit != NULL ? json_array_get_length (audit) : 0;
  JsonObject *first, *last;

  if (counts == NULL || tables == NULL || n_audit == 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (manifest, "desk", NULL),
                 sp_desk_get_uuid (import->desk)) != 0 ||
      json_object_get_int_member_with_default (manifest, "sequence", 0) != import->sequence ||
      json_object_get_int_member_with_default (counts, "audit", -1) != n_audit)
    return refuse_altered (error);
  for (guint i = 0; sp_bundle_tables[i] != NULL; i++)
    {
      const char *name = sp_bundle_tables[i] ()->table;
      JsonNode *rows = json_object_get_member (tables, name);

      if (rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows) ||
          json_object_get_int_member_with_default (counts, name, -1) !=
          json_array_get_length (json_node_get_array (rows)))
        return refuse_altered (error);
    }
  first = json_array_get_object_element (audit, 0);
  last = json_array_get_object_element (audit, n_audit - 1);
  if (first == NULL || last == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (first, "hash", NULL),
                 json_object_get_string_member_with_default (manifest, "first_hash", NULL)) != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (last, "hash", NULL),
                 json_object_get_string_member_with_default (manifest, "last_hash", NULL)) != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (first, "prev_hash", NULL),
                 json_object_get_string_member_with_default (manifest, "previous_hash", NULL)) != 0)
    return refuse_altered (error);
  return TRUE;
}

static void
add_count (JsonObject *counts,
           const char *table,
           guint       inserted,
           guint       updated,
           guint       unchanged)
{
  JsonObject *count = json_object_new ();

  json_object_set_int_member (count, "inserted", inserted);
  json_object_set_int_member (count, "updated", updated);
  json_object_set_int_member (count, "unchanged", unchanged);
  json_object_set_object_member (counts, table, count);
}

/* Whether the bundle is the last one imported, again (*out_summary
 * set), or older than it or another payload under its sequence
 * (REPLAYED). */
static gboolean
check_not_replayed (SpStore           *store,
                    SpDesk            *desk,
                    gint64             sequence,
                    const char        *payload_sha256,
                    SpBundleSummary  **out_summary,
                    GError           **error)
{
  g_auto(Imported) last = { 0, };
  g_autoptr(GError) local_error = NULL;

  if (!find_last_imported (store, sp_desk_get_id (desk), &last, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (sequence == last.sequence && g_str_equal (last.payload_sha256, payload_sha256))
    {
      SpBundleSummary *summary = summary_new (desk, sequence, last.first_hash, last.last_hash);
      g_autoptr(JsonNode) counts = json_from_string (last.counts, NULL);

      summary->already_imported = TRUE;
      if (counts != NULL && JSON_NODE_HOLDS_OBJECT (counts))
        summary->counts = json_object_ref (json_node_get_object (counts));
      *out_summary = summary;
      return TRUE;
    }
  if (sequence == last.sequence)
    {
      g_set_error (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_REPLAYED,
                   _("The office already imported another bundle number %lld of the pop-up desk “%s”: this one is "
                     "a replay with other records. Export a new bundle on the laptop."),
                   (long long) sequence, sp_desk_get_name (desk));
      return FALSE;
    }
  if (sequence < last.sequence)
    {
      g_set_error (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_REPLAYED,
                   _("The bundle number %lld of the pop-up desk “%s” is older than the last one imported (number "
                     "%lld): a replay, refused."),
                   (long long) sequence, sp_desk_get_name (desk), (long long) last.sequence);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_in_transaction (SpStore   *store,
                       gpointer   user_data,
                       GError   **error)
{
  Import *import = user_data;
  JsonObject *manifest = json_object_get_object_member (import->payload, "manifest");
  JsonObject *tables = json_object_get_object_member (import->payload, "tables");
  JsonArray *audit = json_object_get_array_member (import->payload, "audit");
  gint64 desk_id = sp_desk_get_id (import->desk);
  const char *desk_uuid = sp_desk_get_uuid (import->desk);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) references = sp_store_rows_references_new ();
  g_autoptr(JsonObject) counts = json_object_new ();
  g_autoptr(JsonNode) counts_node = NULL;
  g_autofree char *counts_text = NULL;
  g_autofree char *details = NULL;
  g_autofree char *last_hash = NULL;
  const char *first_hash, *previous_hash;

  g_clear_pointer (&import->summary, sp_bundle_summary_free);
  if (manifest == NULL || !check_manifest (import, manifest, tables, audit, error))
    return FALSE;
  first_hash = json_object_get_string_member (manifest, "first_hash");
  previous_hash = json_object_get_string_member (manifest, "previous_hash");

  /* One import at a time: the desk's last bundle stays the last, and
   * the same one imported twice at once is imported once. */
  if (!sp_store_lock_chain (store, error) ||
      !check_not_replayed (store, import->desk, import->sequence, import->payload_sha256, &import->summary, error))
    return FALSE;
  if (import->summary != NULL)
    return TRUE;
  last_hash = sp_audit_popup_last_hash (store, desk_id, error);
  if (last_hash == NULL)
    return FALSE;
  if (!g_str_equal (last_hash, previous_hash))
    {
      g_set_error (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_BROKEN_CHAIN,
                   _("The bundle does not continue from the last one imported from the pop-up desk “%s”: a bundle "
                     "in between is missing. Import the bundles in the order they were exported."),
                   sp_desk_get_name (import->desk));
      return FALSE;
    }

  for (guint i = 0; sp_bundle_tables[i] != NULL; i++)
    {
      const SpRowsTable *table = sp_bundle_tables[i] ();
      SpRowsCounts count = { 0, };

      if (!sp_store_rows_import (store, table, json_object_get_array_member (tables, table->table), desk_uuid,
                                 references, &count, conflicts, error))
        return FALSE;
      add_count (counts, table->table, count.inserted, count.updated, count.unchanged);
    }
  if (conflicts->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (conflicts, NULL);
      list = g_strjoinv ("\n", (char **) conflicts->pdata);
      g_set_error (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The bundle was not imported: %u record is already at the office with other "
                                "values:\n%s",
                                "The bundle was not imported: %u records are already at the office with other "
                                "values:\n%s", conflicts->len - 1),
                   conflicts->len - 1, list);
      return FALSE;
    }
  if (!sp_audit_popup_import (store, desk_id, import->sequence, previous_hash, audit, error))
    return FALSE;
  add_count (counts, "audit", json_array_get_length (audit), 0, 0);

  counts_node = json_node_init_object (json_node_alloc (), counts);
  counts_text = json_to_string (counts_node, FALSE);
  if (sp_store_run (store, error,
                    "INSERT INTO bundle_imports (desk_id, sequence, payload_sha256, first_hash, last_hash, counts, "
                    "imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    SP_INT (desk_id), SP_INT (import->sequence), SP_TEXT (import->payload_sha256),
                    SP_TEXT (first_hash), SP_TEXT (json_object_get_string_member (manifest, "last_hash")),
                    SP_TEXT (counts_text), SP_INT (sp_store_now ()), SP_END) < 0)
    return FALSE;
  details = g_strdup_printf ("{\"sequence\":%" G_GINT64_FORMAT ",\"counts\":%s}", import->sequence, counts_text);
  if (!sp_audit_append (store, import->actor, SP_AUDIT_BUNDLE_IMPORT, desk_uuid, details, error))
    return FALSE;

  import->summary = summary_new (import->desk, import->sequence, first_hash,
                                 json_object_get_string_member (manifest, "last_hash"));
  import->summary->previous_hash = g_strdup (previous_hash);
  import->summary->counts = json_object_ref (counts);
  return TRUE;
}

SpBundleSummary *
sp_bundle_import (SpStore  *office,
                  SpActor   actor,
                  GBytes   *file,
                  GError  **error)
{
  g_autoptr(SpBundleEnvelope) envelope = NULL;
  g_autoptr(SpDesk) desk = NULL;
  g_autoptr(GBytes) sign_public = NULL;
  g_autoptr(GBytes) box_secret = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *office_key = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *payload = NULL;
  JsonNode *root;
  JsonObject *object;
  Import import = { actor, };
  gboolean parsed;

  g_return_val_if_fail (SP_IS_STORE (office), NULL);
  g_return_val_if_fail (file != NULL, NULL);

  envelope = sp_bundle_envelope_read (file, error);
  if (envelope == NULL)
    return NULL;

  office_key = sp_store_get_setting (office, SP_SETTING_POPUP_BOX_PUBLIC);
  if (office_key == NULL || !g_str_equal (office_key, envelope->office_key))
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_FOREIGN,
                           _("The bundle was made for another office: this office did not enrol the desk that "
                             "made it."));
      return NULL;
    }
  desk = sp_desk_lookup_by_uuid (office, envelope->desk_uuid, &local_error);
  if (desk == NULL)
    {
      if (!g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_FOREIGN,
                           _("The bundle was not made by a desk of this office."));
      return NULL;
    }
  sign_public = sp_popup_desk_sign_public_key (office, sp_desk_get_id (desk), &local_error);
  if (sign_public == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_NOT_ENROLLED,
                     _("The desk “%s” was never enrolled as a pop-up desk: its bundles are not accepted."),
                     sp_desk_get_name (desk));
      return NULL;
    }
  if (!sp_bundle_envelope_verify (envelope, sign_public, error))
    return NULL;

  box_secret = sp_popup_office_secret_key (office, &local_error);
  if (box_secret == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_FOREIGN,
                             _("The bundle was made for another office: this office did not enrol the desk that "
                               "made it."));
      return NULL;
    }
  payload = sp_bundle_envelope_open (envelope, box_secret, error);
  if (payload == NULL)
    return NULL;
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, payload, -1);
  parsed = json_parser_load_from_data (parser, payload, -1, NULL);
  /* The payload holds citizens' data in clear. */
  sodium_memzero (payload, strlen (payload));
  root = parsed ? json_parser_get_root (parser) : NULL;
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (object, "format", NULL), SP_BUNDLE_FORMAT) != 0)
    {
      refuse_altered (error);
      return NULL;
    }
  if (json_object_get_int_member_with_default (object, "version", 0) != SP_BUNDLE_VERSION)
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_ALTERED,
                           _("The bundle was made by another version of Sportello: update the office first."));
      return NULL;
    }

  import.desk = desk;
  import.sequence = envelope->sequence;
  import.payload_sha256 = sha256;
  import.payload = object;
  if (!sp_store_transaction (office, import_in_transaction, &import, error))
    {
      g_clear_pointer (&import.summary, sp_bundle_summary_free);
      return NULL;
    }
  return import.summary;
}
