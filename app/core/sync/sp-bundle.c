/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle.c — a bundle's envelope: signed by the pop-up desk, sealed to
 * the office (the format is in sp-bundle.h) */
#define G_LOG_DOMAIN "sp-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sp-bundle-private.h"
#include "sp-cie-request.h"
#include "sp-citizen.h"
#include "sp-identification.h"
#include "sp-outbox.h"
#include "sp-receipt-store.h"
#include "sp-tally.h"

#define MAGIC "SPORTELLO-BUNDLE 1\n"

G_DEFINE_QUARK (sp-bundle-error-quark, sp_bundle_error)

const SpBundleTableFunc sp_bundle_tables[] = {
  sp_citizen_travelling_rows,
  sp_identification_travelling_rows,
  sp_receipt_travelling_rows,
  sp_receipt_print_travelling_rows,
  sp_cie_request_travelling_rows,
  sp_tally_travelling_rows,
  sp_outbox_travelling_rows,
  NULL,
};

void
sp_bundle_summary_free (SpBundleSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->desk_uuid);
  g_free (summary->desk_name);
  g_free (summary->previous_hash);
  g_free (summary->first_hash);
  g_free (summary->last_hash);
  g_clear_pointer (&summary->counts, json_object_unref);
  g_free (summary);
}

char *
sp_bundle_summary_to_json (const SpBundleSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "desk");
  json_builder_add_string_value (builder, summary->desk_uuid);
  if (summary->desk_name != NULL)
    {
      json_builder_set_member_name (builder, "desk_name");
      json_builder_add_string_value (builder, summary->desk_name);
    }
  json_builder_set_member_name (builder, "sequence");
  json_builder_add_int_value (builder, summary->sequence);
  json_builder_set_member_name (builder, "already_imported");
  json_builder_add_boolean_value (builder, summary->already_imported);
  json_builder_set_member_name (builder, "first_hash");
  json_builder_add_string_value (builder, summary->first_hash);
  json_builder_set_member_name (builder, "last_hash");
  json_builder_add_string_value (builder, summary->last_hash);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  if (summary->counts != NULL)
    json_object_set_object_member (json_node_get_object (root), "counts", json_object_ref (summary->counts));
  return json_to_string (root, TRUE);
}

void
sp_bundle_envelope_free (SpBundleEnvelope *envelope)
{
  if (envelope == NULL)
    return;
  g_free (envelope->desk_uuid);
  g_free (envelope->office_key);
  g_clear_pointer (&envelope->file, g_bytes_unref);
  g_free (envelope);
}

GBytes *
sp_bundle_envelope_seal (const char  *desk_uuid,
                         gint64       sequence,
                         const char  *office_key,
                         GBytes      *sign_secret,
                         const char  *payload,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *header = NULL;
  g_autofree guchar *box_public = NULL;
  gsize key_len = 0, payload_len = strlen (payload);
  gsize box_len = payload_len + crypto_box_SEALBYTES;
  GByteArray *file;
  guint8 *box;
  guint8 signature[crypto_sign_BYTES];

  if (sodium_init () < 0)
    g_error ("libsodium cannot start");
  box_public = g_base64_decode (office_key, &key_len);
  if (key_len != crypto_box_PUBLICKEYBYTES ||
      g_bytes_get_size (sign_secret) != crypto_sign_SECRETKEYBYTES)
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_NOT_ENROLLED,
                           _("The keys this laptop joined with are damaged: join again with a new enrolment file."));
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "desk");
  json_builder_add_string_value (builder, desk_uuid);
  json_builder_set_member_name (builder, "sequence");
  json_builder_add_int_value (builder, sequence);
  json_builder_set_member_name (builder, "office");
  json_builder_add_string_value (builder, office_key);
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, (gint64) box_len);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  header = json_to_string (root, FALSE);

  box = g_malloc (box_len);
  crypto_box_seal (box, (const guint8 *) payload, payload_len, box_public);

  file = g_byte_array_sized_new (strlen (MAGIC) + strlen (header) + 1 + crypto_sign_BYTES + box_len);
  g_byte_array_append (file, (const guint8 *) MAGIC, strlen (MAGIC));
  g_byte_array_append (file, (const guint8 *) header, strlen (header));
  g_byte_array_append (file, (const guint8 *) "\n", 1);
  g_byte_array_append (file, box, box_len);
  g_free (box);
  /* Signed: magic ‖ header line ‖ box; the signature ends the file. */
  crypto_sign_detached (signature, NULL, file->data, file->len, g_bytes_get_data (sign_secret, NULL));
  g_byte_array_append (file, signature, sizeof signature);
  return g_byte_array_free_to_bytes (file);
}

SpBundleEnvelope *
sp_bundle_envelope_read (GBytes  *file,
                         GError **error)
{
  gsize size = 0, magic = strlen (MAGIC);
  const char *data = g_bytes_get_data (file, &size);
  const char *end;
  g_autoptr(JsonNode) header = NULL;
  g_autoptr(SpBundleEnvelope) envelope = g_new0 (SpBundleEnvelope, 1);
  g_autofree char *line = NULL;
  JsonObject *object;
  gint64 length;
  gsize expected;

  if (size < magic && size > 0 && memcmp (data, MAGIC, size) == 0)
    goto truncated;
  if (size < magic || memcmp (data, MAGIC, magic) != 0)
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_ALTERED,
                           _("This is not a bundle of a pop-up desk’s records."));
      return NULL;
    }
  end = memchr (data + magic, '\n', size - magic);
  if (end == NULL)
    goto truncated;
  line = g_strndup (data + magic, end - (data + magic));
  header = json_from_string (line, NULL);
  object = header != NULL && JSON_NODE_HOLDS_OBJECT (header) ? json_node_get_object (header) : NULL;
  length = object != NULL ? json_object_get_int_member_with_default (object, "length", -1) : -1;
  if (object == NULL || length < crypto_box_SEALBYTES ||
      json_object_get_string_member_with_default (object, "desk", NULL) == NULL ||
      json_object_get_string_member_with_default (object, "office", NULL) == NULL ||
      json_object_get_int_member_with_default (object, "sequence", 0) < 1)
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_ALTERED,
                           _("The bundle was altered: its header is not readable."));
      return NULL;
    }
  envelope->header_end = (gsize) (end + 1 - data);
  expected = envelope->header_end + (gsize) length + crypto_sign_BYTES;
  if (size < expected)
    goto truncated;
  if (size > expected)
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_ALTERED,
                           _("The bundle was altered: it is longer than it was written."));
      return NULL;
    }
  envelope->desk_uuid = g_strdup (json_object_get_string_member (object, "desk"));
  envelope->office_key = g_strdup (json_object_get_string_member (object, "office"));
  envelope->sequence = json_object_get_int_member (object, "sequence");
  envelope->file = g_bytes_ref (file);
  return g_steal_pointer (&envelope);

truncated:
  g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_TRUNCATED,
                       _("The bundle is incomplete: the file was cut short (copy it again from the laptop)."));
  return NULL;
}

gboolean
sp_bundle_envelope_verify (SpBundleEnvelope  *envelope,
                           GBytes            *sign_public,
                           GError           **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (envelope->file, &size);
  const guint8 *signature = data + size - crypto_sign_BYTES;

  if (sodium_init () < 0)
    g_error ("libsodium cannot start");
  if (g_bytes_get_size (sign_public) != crypto_sign_PUBLICKEYBYTES)
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_NOT_ENROLLED,
                           _("The pop-up desk’s key at this office is damaged: enrol it again."));
      return FALSE;
    }
  if (crypto_sign_verify_detached (signature, data, size - crypto_sign_BYTES,
                                   g_bytes_get_data (sign_public, NULL)) != 0)
    {
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_ALTERED,
                           _("The bundle was altered after the pop-up desk signed it: nothing of it was imported."));
      return FALSE;
    }
  return TRUE;
}

char *
sp_bundle_envelope_open (SpBundleEnvelope  *envelope,
                         GBytes            *box_secret,
                         GError           **error)
{
  gsize size = 0, box_len;
  const guint8 *data = g_bytes_get_data (envelope->file, &size);
  const guint8 *box = data + envelope->header_end;
  guint8 box_public[crypto_box_PUBLICKEYBYTES];
  char *payload;

  box_len = size - envelope->header_end - crypto_sign_BYTES;
  payload = g_malloc (box_len - crypto_box_SEALBYTES + 1);
  if (g_bytes_get_size (box_secret) != crypto_box_SECRETKEYBYTES ||
      crypto_scalarmult_base (box_public, g_bytes_get_data (box_secret, NULL)) != 0 ||
      crypto_box_seal_open ((guint8 *) payload, box, box_len, box_public, g_bytes_get_data (box_secret, NULL)) != 0)
    {
      g_free (payload);
      g_set_error_literal (error, SP_BUNDLE_ERROR, SP_BUNDLE_ERROR_FOREIGN,
                           _("The bundle was made for another office: it does not open with this office’s key."));
      return NULL;
    }
  payload[box_len - crypto_box_SEALBYTES] = '\0';
  return payload;
}
