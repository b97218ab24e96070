/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-enrolment.c — a pop-up desk prepared at the office, set up on its laptop */
#define G_LOG_DOMAIN "sp-enrolment"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "sp-booking-service.h"
#include "sp-counter-service.h"
#include "sp-desk.h"
#include "sp-enrolment-file.h"
#include "sp-enrolment.h"
#include "sp-error.h"
#include "sp-operator.h"
#include "sp-places-import.h"
#include "sp-popup-desk.h"
#include "sp-seal.h"
#include "sp-setting-keys.h"
#include "sp-settings.h"
#include "sp-setup.h"
#include "sp-slot.h"

#define FORMAT  "sportello-enrolment"
#define VERSION 1

static char *
base64 (GBytes *bytes)
{
  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The comune's settings that are set (not defaults): the laptop works as
 * the office does. Secrets (the SMTP password) stay: the laptop sends no
 * mail, its outbox leaves from the office. */
static JsonObject *
export_settings (SpStore  *store,
                 GError  **error)
{
  g_autoptr(GPtrArray) keys = sp_settings_list_keys (store, error);
  g_autoptr(JsonObject) settings = json_object_new ();

  if (keys == NULL)
    return NULL;
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *value = NULL;
      gboolean is_default = TRUE;

      if (g_str_equal (key, SP_SETTING_SMTP_PASSWORD))
        continue;
      if (!sp_settings_get (store, key, &value, &is_default, NULL) || is_default || value == NULL)
        continue;
      json_object_set_string_member (settings, key, value);
    }
  return g_steal_pointer (&settings);
}

/* The office's first free slot of each booking service now: the laptop
 * books nothing, but tells a citizen how long the wait was. */
static JsonObject *
export_first_free (SpStore  *store,
                   GError  **error)
{
  g_autoptr(GPtrArray) services = sp_booking_service_list (store, error);
  g_autoptr(JsonObject) first_free = json_object_new ();
  JsonArray *slots = json_array_new ();
  gint64 now = sp_store_now ();

  json_object_set_int_member (first_free, "as_of", now);
  json_object_set_array_member (first_free, "slots", slots);
  if (services == NULL)
    return NULL;
  for (guint i = 0; i < services->len; i++)
    {
      SpBookingService *service = g_ptr_array_index (services, i);
      g_autoptr(SpSlot) slot = sp_slot_first_free (store, service->id, 0, now, NULL);
      JsonObject *object;

      if (slot == NULL)
        continue;
      object = json_object_new ();
      json_object_set_string_member (object, "service", service->code);
      json_object_set_string_member (object, "day", slot->day);
      json_object_set_int_member (object, "start_minute", slot->start_minute);
      json_object_set_string_member (object, "desk", slot->desk_name != NULL ? slot->desk_name : "");
      json_array_add_object_element (slots, object);
    }
  return g_steal_pointer (&first_free);
}

static const char *
member (JsonObject *object,
        const char *name)
{
  return object != NULL ? json_object_get_string_member_with_default (object, name, NULL) : NULL;
}

/* The laptop's seal as the file carries it; NULL with error when the
 * choice cannot be made (no smart card seal, a PKCS#12 file refused). */
static JsonObject *
export_seal (SpStore               *store,
             const SpEnrolmentSeal *choice,
             GError               **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *url = NULL;
  g_autofree char *pin = NULL;

  switch (choice->kind)
    {
    case SP_ENROLMENT_SEAL_CARD:
      seal = sp_seal_load (store, &local_error);
      if (seal == NULL && !g_error_matches (local_error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (seal == NULL || sp_seal_get_key_kind (seal) != SP_SEAL_KEY_PKCS11)
        {
          g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_FAILED,
                               _("The comune’s seal is not on a smart card: give the laptop its own copy "
                                 "of the seal in a PKCS#12 file instead."));
          return NULL;
        }
      certificate = base64 (sp_seal_get_certificate (seal));
      url = sp_seal_dup_key_location (seal);
      pin = sp_seal_dup_pin (seal);
      json_object_set_string_member (object, "kind", "card");
      json_object_set_string_member (object, "certificate", certificate);
      json_object_set_string_member (object, "url", url);
      /* Kept at the office, so that sealing asks for nothing: the laptop
       * works the same way. */
      if (pin != NULL)
        {
          json_object_set_string_member (object, "pin", pin);
          sodium_memzero (pin, strlen (pin));
        }
      return g_steal_pointer (&object);
    case SP_ENROLMENT_SEAL_PKCS12:
      /* Checked now, as the laptop will: a refused file is told here. */
      seal = sp_seal_new_from_pkcs12 (choice->pkcs12, choice->password, sp_store_now (), error);
      if (seal == NULL)
        return NULL;
      certificate = base64 (choice->pkcs12);
      json_object_set_string_member (object, "kind", "pkcs12");
      json_object_set_string_member (object, "pkcs12", certificate);
      json_object_set_string_member (object, "password", choice->password != NULL ? choice->password : "");
      return g_steal_pointer (&object);
    case SP_ENROLMENT_SEAL_NONE:
    default:
      return NULL;
    }
}

/* On the laptop: its seal, as the file carries it. */
static gboolean
import_seal (SpStore     *store,
             JsonObject  *object,
             GError     **error)
{
  const char *kind = member (object, "kind");
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *text;
  guchar *raw;
  gsize length = 0;

  text = member (object, g_strcmp0 (kind, "card") == 0 ? "certificate" : "pkcs12");
  if (text == NULL || (g_strcmp0 (kind, "card") != 0 && g_strcmp0 (kind, "pkcs12") != 0))
    {
      g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_FAILED,
                           _("The enrolment file is incomplete."));
      return FALSE;
    }
  raw = g_base64_decode (text, &length);
  bytes = g_bytes_new_take (raw, length);
  /* The card's key is checked against the certificate now, on the
   * laptop, as at the office: the card must be in. */
  if (g_str_equal (kind, "card"))
    seal = sp_seal_new_from_pkcs11 (member (object, "url") != NULL ? member (object, "url") : "", bytes,
                                    member (object, "pin"), sp_store_now (), error);
  else
    seal = sp_seal_new_from_pkcs12 (bytes, member (object, "password"), sp_store_now (), error);
  return seal != NULL && sp_seal_save (store, seal, (SpActor) { 0, 0 }, member (object, "pin") != NULL, error);
}

typedef struct
{
  SpActor                actor;
  const char            *desk_name;
  const SpEnrolmentSeal *seal;
  char                  *contents;   /* out */
} Enrol;

static gboolean
enrol_in_transaction (SpStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  Enrol *enrol = user_data;
  g_autoptr(SpDesk) desk = NULL;
  g_autoptr(SpPopupDeskKeys) keys = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) operators = NULL;
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(JsonArray) counter_services = NULL;
  g_autoptr(JsonArray) places = NULL;
  g_autoptr(JsonObject) first_free = NULL;
  g_autoptr(JsonObject) seal = NULL;
  g_autofree char *office_key = NULL;
  g_autofree char *sign_secret = NULL;
  g_autofree char *receipt_secret = NULL;
  g_autoptr(GError) local_error = NULL;

  desk = sp_desk_lookup (store, enrol->desk_name, &local_error);
  if (desk == NULL || sp_desk_get_kind (desk) != SP_DESK_POPUP)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("“%s” is not a pop-up desk of this office: add it as one first (Operators and desks, "
                     "or sportello-admin desks add --kind popup)."), enrol->desk_name);
      return FALSE;
    }
  keys = sp_popup_desk_ensure_keys (store, sp_desk_get_id (desk), error);
  if (keys == NULL)
    return FALSE;
  office_key = sp_popup_office_public_key (store, error);
  if (office_key == NULL)
    return FALSE;
  operators = sp_operator_export_accounts (store, error);
  if (operators == NULL)
    return FALSE;
  settings = export_settings (store, error);
  if (settings == NULL)
    return FALSE;
  counter_services = sp_counter_service_export_all (store, error);
  if (counter_services == NULL)
    return FALSE;
  places = sp_places_export_stored (store, error);
  if (places == NULL)
    return FALSE;
  first_free = export_first_free (store, error);
  if (first_free == NULL)
    return FALSE;
  if (enrol->seal != NULL && enrol->seal->kind != SP_ENROLMENT_SEAL_NONE)
    {
      seal = export_seal (store, enrol->seal, error);
      if (seal == NULL)
        return FALSE;
    }
  sign_secret = base64 (keys->sign_secret_key);
  receipt_secret = base64 (keys->receipt_secret);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, VERSION);
  json_builder_set_member_name (builder, "office_box_public_key");
  json_builder_add_string_value (builder, office_key);
  json_builder_set_member_name (builder, "desk");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, sp_desk_get_uuid (desk));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, sp_desk_get_name (desk));
  json_builder_set_member_name (builder, "sign_secret_key");
  json_builder_add_string_value (builder, sign_secret);
  json_builder_set_member_name (builder, "receipt_secret");
  json_builder_add_string_value (builder, receipt_secret);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_object_set_array_member (json_node_get_object (root), "operators", g_steal_pointer (&operators));
  json_object_set_object_member (json_node_get_object (root), "settings", g_steal_pointer (&settings));
  json_object_set_array_member (json_node_get_object (root), "counter_services",
                                g_steal_pointer (&counter_services));
  json_object_set_array_member (json_node_get_object (root), "places", g_steal_pointer (&places));
  json_object_set_object_member (json_node_get_object (root), "first_free", g_steal_pointer (&first_free));
  if (seal != NULL)
    json_object_set_object_member (json_node_get_object (root), "seal", g_steal_pointer (&seal));
  json_generator_set_root (generator, root);
  enrol->contents = json_generator_to_data (generator, NULL);
  /* The file holds keys: wipe the text of the secrets as soon as used. */
  sodium_memzero (sign_secret, strlen (sign_secret));
  sodium_memzero (receipt_secret, strlen (receipt_secret));

  return sp_audit_append (store, enrol->actor, SP_AUDIT_POPUP_ENROL, sp_desk_get_uuid (desk), NULL, error);
}

GBytes *
sp_enrolment_create (SpStore     *office,
                     SpActor      actor,
                     const char  *desk_name,
                     char       **out_passphrase,
                     GError     **error)
{
  return sp_enrolment_create_with_seal (office, actor, desk_name, NULL, out_passphrase, error);
}

GBytes *
sp_enrolment_create_with_seal (SpStore               *office,
                               SpActor                actor,
                               const char            *desk_name,
                               const SpEnrolmentSeal *seal,
                               char                 **out_passphrase,
                               GError               **error)
{
  Enrol enrol = { actor, desk_name, seal, NULL };
  g_autofree char *passphrase = NULL;
  GBytes *file;

  g_return_val_if_fail (SP_IS_STORE (office), NULL);
  g_return_val_if_fail (desk_name != NULL && out_passphrase != NULL, NULL);

  if (!sp_store_transaction (office, enrol_in_transaction, &enrol, error))
    return NULL;
  passphrase = sp_enrolment_new_passphrase ();
  file = sp_enrolment_file_seal (enrol.contents, passphrase, error);
  sodium_memzero (enrol.contents, strlen (enrol.contents));
  g_free (enrol.contents);
  if (file != NULL)
    *out_passphrase = g_steal_pointer (&passphrase);
  return file;
}

typedef struct
{
  JsonObject *root;
} Join;

static gboolean
join_in_transaction (SpStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  Join *join = user_data;
  JsonObject *desk = json_object_get_object_member (join->root, "desk");
  JsonObject *settings = json_object_get_object_member (join->root, "settings");
  JsonArray *operators = json_object_get_array_member (join->root, "operators");
  JsonArray *counter_services = json_object_has_member (join->root, "counter_services")
                                ? json_object_get_array_member (join->root, "counter_services") : NULL;
  JsonArray *places = json_object_has_member (join->root, "places")
                      ? json_object_get_array_member (join->root, "places") : NULL;
  JsonObject *first_free = json_object_has_member (join->root, "first_free")
                           ? json_object_get_object_member (join->root, "first_free") : NULL;
  const char *desk_uuid = member (desk, "uuid");
  g_autofree char *joined = sp_store_get_setting (store, SP_SETTING_POPUP_DESK);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(SpDesk) made = NULL;
  SpActor actor = { 0, 0 };

  if (desk_uuid == NULL || member (desk, "name") == NULL || member (desk, "sign_secret_key") == NULL ||
      member (desk, "receipt_secret") == NULL || operators == NULL || settings == NULL ||
      member (join->root, "office_box_public_key") == NULL)
    {
      g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_FAILED,
                           _("The enrolment file is incomplete."));
      return FALSE;
    }

  if (joined == NULL)
    {
      g_autoptr(GBytes) sign_secret = NULL;
      g_autoptr(GBytes) sealed = NULL;
      g_autofree guchar *raw = NULL;
      g_autofree char *sealed_text = NULL;
      gsize len = 0;

      /* The laptop's receipts are signed with the key the office's key
       * ring holds for this desk: it is the laptop's installation secret. */
      if (!sp_setup_is_needed (store))
        {
          g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_FAILED,
                               _("This database is already a desk of its own: a pop-up desk joins on a "
                                 "new database."));
          return FALSE;
        }
      if (!sp_store_set_setting (store, SP_SETTING_INSTALLATION_SECRET, member (desk, "receipt_secret"), error))
        return FALSE;
      made = sp_desk_import (store, actor, desk_uuid, member (desk, "name"), SP_DESK_POPUP, error);
      if (made == NULL)
        return FALSE;
      raw = g_base64_decode (member (desk, "sign_secret_key"), &len);
      sign_secret = g_bytes_new (raw, len);
      sodium_memzero (raw, len);
      sealed = sp_store_encrypt_secret (store, sign_secret, error);
      if (sealed == NULL)
        return FALSE;
      sealed_text = base64 (sealed);
      if (!sp_store_set_setting (store, SP_SETTING_POPUP_SIGN_SECRET, sealed_text, error) ||
          !sp_store_set_setting (store, SP_SETTING_POPUP_DESK, desk_uuid, error))
        return FALSE;
    }
  else if (!g_str_equal (joined, desk_uuid))
    {
      g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_FAILED,
                           _("This laptop is another pop-up desk: its enrolment file is the one to use."));
      return FALSE;
    }

  if (!sp_store_set_setting (store, SP_SETTING_POPUP_OFFICE_BOX_PUBLIC,
                             member (join->root, "office_box_public_key"), error) ||
      !sp_operator_import_accounts (store, actor, operators, error))
    return FALSE;

  /* Counted with the office's services, and places checked against the
   * office's lists; a file of an older version has neither. */
  if ((counter_services != NULL && !sp_counter_service_import_all (store, counter_services, error)) ||
      !sp_places_import_stored (store, places, error))
    return FALSE;
  /* A file without a seal leaves the laptop's as it is. */
  if (json_object_has_member (join->root, "seal") &&
      !import_seal (store, json_object_get_object_member (join->root, "seal"), error))
    return FALSE;
  if (first_free != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), first_free);
      g_autofree char *text = json_to_string (node, FALSE);

      if (!sp_store_set_setting (store, SP_SETTING_POPUP_FIRST_FREE, text, error))
        return FALSE;
    }

  {
    g_autoptr(GList) names = json_object_get_members (settings);

    for (GList *l = names; l != NULL; l = l->next)
      {
        g_ptr_array_add (keys, l->data);
        g_ptr_array_add (values, (gpointer) json_object_get_string_member (settings, l->data));
      }
    g_ptr_array_add (keys, NULL);
    g_ptr_array_add (values, NULL);
    if (!sp_settings_save (store, actor, (const char * const *) keys->pdata,
                           (const char * const *) values->pdata, error))
      return FALSE;
  }

  return sp_audit_append (store, actor, SP_AUDIT_POPUP_JOIN, desk_uuid, NULL, error);
}

gboolean
sp_enrolment_join (SpStore     *laptop,
                   GBytes      *file,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  JsonNode *root;
  Join join;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (laptop), FALSE);

  contents = sp_enrolment_file_open (file, passphrase, error);
  if (contents == NULL)
    return FALSE;
  ok = json_parser_load_from_data (parser, contents, -1, NULL);
  sodium_memzero (contents, strlen (contents));
  root = ok ? json_parser_get_root (parser) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (member (json_node_get_object (root), "format"), FORMAT) != 0 ||
      json_object_get_int_member_with_default (json_node_get_object (root), "version", 0) != VERSION)
    {
      g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_FAILED,
                           _("The enrolment file was made by another version of Sportello."));
      return FALSE;
    }
  join.root = json_node_get_object (root);
  return sp_store_transaction (laptop, join_in_transaction, &join, error);
}

void
sp_first_free_free (SpFirstFree *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->service_code);
  g_free (slot->day);
  g_free (slot->desk_name);
  g_free (slot);
}

GPtrArray *
sp_enrolment_first_free (SpStore *laptop,
                         gint64  *as_of)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_first_free_free);
  JsonObject *root;
  JsonArray *array;

  g_return_val_if_fail (SP_IS_STORE (laptop), NULL);
  g_return_val_if_fail (as_of != NULL, NULL);

  *as_of = 0;
  text = sp_store_get_setting (laptop, SP_SETTING_POPUP_DESK);
  if (text == NULL)
    return NULL;
  g_clear_pointer (&text, g_free);
  text = sp_store_get_setting (laptop, SP_SETTING_POPUP_FIRST_FREE);
  /* Joined from a file without it: nothing known. */
  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_steal_pointer (&slots);
  root = json_node_get_object (json_parser_get_root (parser));
  *as_of = json_object_get_int_member_with_default (root, "as_of", 0);
  array = json_object_has_member (root, "slots") ? json_object_get_array_member (root, "slots") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      SpFirstFree *slot;

      if (object == NULL || member (object, "service") == NULL || member (object, "day") == NULL)
        continue;
      slot = g_new0 (SpFirstFree, 1);
      slot->service_code = g_strdup (member (object, "service"));
      slot->day = g_strdup (member (object, "day"));
      slot->start_minute = json_object_get_int_member_with_default (object, "start_minute", 0);
      slot->desk_name = g_strdup (member (object, "desk"));
      g_ptr_array_add (slots, slot);
    }
  return g_steal_pointer (&slots);
}

SpEnrolmentSealKind
sp_enrolment_default_seal (SpStore *office)
{
  g_autoptr(SpSeal) seal = NULL;

  g_return_val_if_fail (SP_IS_STORE (office), SP_ENROLMENT_SEAL_NONE);

  seal = sp_seal_load (office, NULL);
  return seal != NULL && sp_seal_get_key_kind (seal) == SP_SEAL_KEY_PKCS11 ? SP_ENROLMENT_SEAL_CARD
                                                                           : SP_ENROLMENT_SEAL_NONE;
}
