/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification.c — a SPID identification at the desk: the object, its
 * storage and its state machine (draft → completed | refused → expired) */
#define G_LOG_DOMAIN "sp-identification"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "sp-activation-code.h"
#include "sp-contact.h"
#include "sp-enum.h"
#include "sp-error.h"
#include "sp-holidays.h"
#include "sp-identification-private.h"
#include "sp-outbox.h"
#include "sp-rao-request.h"
#include "sp-seal.h"
#include "sp-spid-token.h"

struct _SpIdentification
{
  GObject                  parent_instance;

  gint64                   id;
  char                    *uuid;
  SpIdentificationState    state;
  SpIdentificationChannel  channel;
  gint64                   citizen_id;
  gint64                   desk_id;
  gint64                   operator_id;
  gint64                   created_at;
  gint64                   updated_at;
  gint64                   completed_at;
  gint64                   refused_at;
  gint64                   expires_at;
  char                    *refusal_reason;
  char                    *refusal_note;
  char                    *code_first_half;

  /* The form as typed. */
  GHashTable              *fields;   /* key → value */
  GHashTable              *flags;    /* key → GINT_TO_POINTER (1) */
  SpCfMismatch             acknowledged;
  gboolean                 dirty;
};

G_DEFINE_FINAL_TYPE (SpIdentification, sp_identification, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_CHANNEL,
  PROP_CODICE_FISCALE,
  PROP_DISPLAY_NAME,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (sp-identification-error-quark, sp_identification_error)

static const char * const state_labels[] = { N_("Draft"), N_("Completed"), N_("Refused"), N_("Expired") };
static const char * const step_titles[] = {
  N_("Citizen"), N_("Document"), N_("Health card"), N_("Contacts and consent"), N_("Checks"),
};

static const SpRefusalReason refusal_reasons[] = {
  { "document-invalid",   N_("Document expired or not accepted") },
  { "document-deficient", N_("Document damaged, altered or not original") },
  { "identity-doubt",     N_("The person does not match the document") },
  { "minor",              N_("The citizen is under age") },
  { "operator",           N_("The citizen is an operator of this comune") },
  { "data-missing",       N_("Mandatory data missing") },
  { "citizen-withdrew",   N_("The citizen withdrew") },
  { "other",              N_("Other reason") },
};

/* Static tables */

const SpRefusalReason *
sp_identification_get_refusal_reasons (guint *n_reasons)
{
  if (n_reasons != NULL)
    *n_reasons = G_N_ELEMENTS (refusal_reasons);
  return refusal_reasons;
}

const char *
sp_identification_state_get_label (SpIdentificationState state)
{
  g_return_val_if_fail (state <= SP_IDENTIFICATION_EXPIRED, NULL);
  return _(state_labels[state]);
}

static const char *
channel_nick (SpIdentificationChannel channel)
{
  return sp_enum_to_nick (SP_TYPE_IDENTIFICATION_CHANNEL, channel);
}

const char *
sp_identification_step_get_title (SpIdentificationStep step)
{
  g_return_val_if_fail (step < SP_IDENTIFICATION_N_STEPS, NULL);
  return _(step_titles[step]);
}

gboolean
sp_identification_parse_date (const char *text,
                              GDate      *date)
{
  g_autofree char *clean = NULL;
  guint d = 0, m = 0, y = 0;
  char sep1, sep2;
  int consumed = 0;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;
  clean = g_strstrip (g_strdup (text));

  if (strlen (clean) == 10 && clean[4] == '-' && clean[7] == '-' &&
      sscanf (clean, "%4u-%2u-%2u%n", &y, &m, &d, &consumed) == 3 && consumed == 10)
    ;
  else if (sscanf (clean, "%2u%c%2u%c%4u%n", &d, &sep1, &m, &sep2, &y, &consumed) == 5 &&
           (size_t) consumed == strlen (clean) && sep1 == sep2 &&
           (sep1 == '/' || sep1 == '-' || sep1 == '.') && y >= 1000)
    ;
  else if (strlen (clean) == 8 && strspn (clean, "0123456789") == 8 &&
           sscanf (clean, "%2u%2u%4u", &d, &m, &y) == 3)
    ;
  else
    return FALSE;

  if (y < 1800 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* GObject */

static void
sp_identification_finalize (GObject *object)
{
  SpIdentification *self = SP_IDENTIFICATION (object);

  g_free (self->uuid);
  g_free (self->refusal_reason);
  g_free (self->refusal_note);
  g_free (self->code_first_half);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->flags, g_hash_table_unref);

  G_OBJECT_CLASS (sp_identification_parent_class)->finalize (object);
}

static void
sp_identification_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SpIdentification *self = SP_IDENTIFICATION (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_STATE:
      g_value_set_string (value, sp_enum_to_nick (SP_TYPE_IDENTIFICATION_STATE, self->state));
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, sp_identification_state_get_label (self->state));
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, channel_nick (self->channel));
      break;
    case PROP_CODICE_FISCALE:
      g_value_set_string (value, sp_identification_get_field (self, SP_ID_CODICE_FISCALE));
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, sp_identification_dup_display_name (self));
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_identification_class_init (SpIdentificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_identification_finalize;
  object_class->get_property = sp_identification_get_property;

#define STR_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  STR_PROP (PROP_UUID, "uuid");
  STR_PROP (PROP_STATE, "state");
  STR_PROP (PROP_STATE_LABEL, "state-label");
  STR_PROP (PROP_CHANNEL, "channel");
  STR_PROP (PROP_CODICE_FISCALE, "codice-fiscale");
  STR_PROP (PROP_DISPLAY_NAME, "display-name");
#undef STR_PROP
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_identification_init (SpIdentification *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Serialisation of the form */

static char *
builder_to_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The codice fiscale as stored: upper case, no spaces around it. */
static char *
dup_typed_codice_fiscale (SpIdentification *self)
{
  return g_strstrip (g_ascii_strup (sp_identification_get_field (self, SP_ID_CODICE_FISCALE), -1));
}

static char *
form_to_json (SpIdentification *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) keys = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  keys = g_list_sort (g_hash_table_get_keys (self->fields), (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (self->fields, l->data));
    }
  json_builder_end_object (builder);
  g_clear_pointer (&keys, g_list_free);

  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  keys = g_list_sort (g_hash_table_get_keys (self->flags), (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    json_builder_add_string_value (builder, l->data);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "acknowledged");
  json_builder_add_int_value (builder, self->acknowledged);
  json_builder_end_object (builder);

  return builder_to_json (builder);
}

static void
form_from_json (SpIdentification *self,
                const char       *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *fields;
  JsonArray *flags;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  root = json_node_get_object (json_parser_get_root (parser));
  fields = json_object_has_member (root, "fields") ? json_object_get_object_member (root, "fields") : NULL;
  if (fields != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (fields);
      for (GList *l = members; l != NULL; l = l->next)
        g_hash_table_insert (self->fields, g_strdup (l->data),
                             g_strdup (json_object_get_string_member_with_default (fields, l->data, "")));
    }

  flags = json_object_has_member (root, "flags") ? json_object_get_array_member (root, "flags") : NULL;
  for (guint i = 0; flags != NULL && i < json_array_get_length (flags); i++)
    g_hash_table_add (self->flags, g_strdup (json_array_get_string_element (flags, i)));

  self->acknowledged = (SpCfMismatch) json_object_get_int_member_with_default (root, "acknowledged", 0);
}

gpointer
sp_identification_new_from_row (SpStatement *stmt)
{
  SpIdentification *self = g_object_new (SP_TYPE_IDENTIFICATION, NULL);

  self->id = sp_statement_get_int (stmt, 0);
  self->uuid = sp_statement_dup_text (stmt, 1);
  /* The CHECK constraints keep both to their nicks; draft and RAO are the
   * columns' defaults. */
  self->state = SP_IDENTIFICATION_DRAFT;
  sp_enum_from_nick (SP_TYPE_IDENTIFICATION_STATE, sp_statement_get_text (stmt, 2), (int *) &self->state);
  self->channel = SP_IDENTIFICATION_CHANNEL_RAO;
  sp_enum_from_nick (SP_TYPE_IDENTIFICATION_CHANNEL, sp_statement_get_text (stmt, 3), (int *) &self->channel);
  self->citizen_id = sp_statement_get_int (stmt, 4);
  self->desk_id = sp_statement_get_int (stmt, 5);
  self->operator_id = sp_statement_get_int (stmt, 6);
  self->created_at = sp_statement_get_int (stmt, 7);
  self->updated_at = sp_statement_get_int (stmt, 8);
  self->completed_at = sp_statement_get_int (stmt, 9);
  self->refused_at = sp_statement_get_int (stmt, 10);
  self->expires_at = sp_statement_get_int (stmt, 11);
  self->refusal_reason = sp_statement_dup_text (stmt, 12);
  self->refusal_note = sp_statement_dup_text (stmt, 13);
  self->code_first_half = sp_statement_dup_text (stmt, 14);
  form_from_json (self, sp_statement_get_text (stmt, 15));

  return self;
}

/* Loading and creating */

typedef struct
{
  SpActor                  actor;
  SpIdentificationChannel  channel;
  const char              *uuid;
} NewDraft;

static gboolean
insert_draft (SpStore   *store,
              gpointer   user_data,
              GError   **error)
{
  NewDraft *draft = user_data;

  return sp_store_run (store, error,
                       "INSERT INTO identifications (uuid, channel, desk_id, operator_id, "
                       "created_at, updated_at) VALUES (?1, ?2, nullif (?3, 0), nullif (?4, 0), ?5, ?5)",
                       SP_TEXT (draft->uuid), SP_TEXT (channel_nick (draft->channel)),
                       SP_INT (draft->actor.desk_id), SP_INT (draft->actor.operator_id),
                       SP_INT (sp_store_now ()), SP_END) >= 0 &&
         sp_audit_append (store, draft->actor, SP_AUDIT_SPID_START, draft->uuid, NULL, error);
}

SpIdentification *
sp_identification_new_draft (SpStore                 *store,
                             SpActor                  actor,
                             SpIdentificationChannel  channel,
                             GError                 **error)
{
  g_autofree char *uuid = sp_store_new_uuid ();
  NewDraft draft = { actor, channel, uuid };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_store_transaction (store, insert_draft, &draft, error))
    return NULL;

  return sp_identification_load (store, uuid, error);
}

SpIdentification *
sp_identification_load (SpStore     *store,
                        const char  *uuid,
                        GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return sp_store_lookup (store, "SELECT " SP_IDENTIFICATION_COLUMNS " FROM identifications WHERE uuid = ?1",
                          uuid, 0, sp_identification_new_from_row,
                          _("There is no such identification."), error);
}

SpIdentification *
sp_identification_find_draft (SpStore  *store,
                              gint64    desk_id,
                              GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  SpIdentification *draft;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  /* No draft left is the usual answer, not an error. */
  draft = sp_store_lookup (store,
                           "SELECT " SP_IDENTIFICATION_COLUMNS " FROM identifications "
                           "WHERE state = 'draft' AND coalesce(desk_id, 0) = ?1 "
                           "ORDER BY updated_at DESC, id DESC LIMIT 1",
                           NULL, desk_id, sp_identification_new_from_row, "", &local_error);
  if (draft == NULL && !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return draft;
}

/* Accessors */

gint64 sp_identification_get_id (SpIdentification *self) { return self->id; }
const char *sp_identification_get_uuid (SpIdentification *self) { return self->uuid; }
SpIdentificationState sp_identification_get_state (SpIdentification *self) { return self->state; }
SpIdentificationChannel sp_identification_get_channel (SpIdentification *self) { return self->channel; }
gint64 sp_identification_get_created_at (SpIdentification *self) { return self->created_at; }
gint64 sp_identification_get_updated_at (SpIdentification *self) { return self->updated_at; }
gint64 sp_identification_get_completed_at (SpIdentification *self) { return self->completed_at; }
gint64 sp_identification_get_expires_at (SpIdentification *self) { return self->expires_at; }
gint64 sp_identification_get_operator_id (SpIdentification *self) { return self->operator_id; }
gint64 sp_identification_get_desk_id (SpIdentification *self) { return self->desk_id; }
const char *sp_identification_get_refusal_reason (SpIdentification *self) { return self->refusal_reason; }
const char *sp_identification_get_refusal_note (SpIdentification *self) { return self->refusal_note; }
const char *sp_identification_get_code_first_half (SpIdentification *self) { return self->code_first_half; }

void
sp_identification_set_channel (SpIdentification        *self,
                               SpIdentificationChannel  channel)
{
  g_return_if_fail (SP_IS_IDENTIFICATION (self));

  if (self->channel == channel)
    return;
  self->channel = channel;
  self->dirty = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

char *
sp_identification_dup_display_name (SpIdentification *self)
{
  const char *surname = sp_identification_get_field (self, SP_ID_SURNAME);
  const char *name = sp_identification_get_field (self, SP_ID_NAME);

  return g_strstrip (g_strdup_printf ("%s %s", surname, name));
}

const char *
sp_identification_get_field (SpIdentification *self,
                             const char       *key)
{
  const char *value;

  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), "");
  value = g_hash_table_lookup (self->fields, key);
  return value != NULL ? value : "";
}

void
sp_identification_set_field (SpIdentification *self,
                             const char       *key,
                             const char       *value)
{
  g_return_if_fail (SP_IS_IDENTIFICATION (self));
  g_return_if_fail (key != NULL);

  if (value == NULL)
    value = "";
  if (g_strcmp0 (sp_identification_get_field (self, key), value) == 0)
    return;

  g_hash_table_insert (self->fields, g_strdup (key), g_strdup (value));
  self->dirty = TRUE;
  if (g_str_equal (key, SP_ID_CODICE_FISCALE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODICE_FISCALE]);
  if (g_str_equal (key, SP_ID_SURNAME) || g_str_equal (key, SP_ID_NAME))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

void
sp_identification_set_fields (SpIdentification *self,
                              const char       *first_key,
                              ...)
{
  va_list args;

  g_return_if_fail (SP_IS_IDENTIFICATION (self));

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    sp_identification_set_field (self, key, va_arg (args, const char *));
  va_end (args);
}

gboolean
sp_identification_get_flag (SpIdentification *self,
                            const char       *key)
{
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), FALSE);
  return g_hash_table_contains (self->flags, key);
}

void
sp_identification_set_flag (SpIdentification *self,
                            const char       *key,
                            gboolean          value)
{
  g_return_if_fail (SP_IS_IDENTIFICATION (self));

  if (!!value == sp_identification_get_flag (self, key))
    return;
  if (value)
    g_hash_table_add (self->flags, g_strdup (key));
  else
    g_hash_table_remove (self->flags, key);
  self->dirty = TRUE;
}

SpCfMismatch
sp_identification_get_acknowledged (SpIdentification *self)
{
  return self->acknowledged;
}

void
sp_identification_set_acknowledged (SpIdentification *self,
                                    SpCfMismatch      mismatches)
{
  if (self->acknowledged == mismatches)
    return;
  self->acknowledged = mismatches;
  self->dirty = TRUE;
}

char *
sp_identification_dup_form (SpIdentification *self)
{
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), NULL);

  return form_to_json (self);
}

void
sp_identification_restore_form (SpIdentification *self,
                                const char       *form)
{
  g_return_if_fail (SP_IS_IDENTIFICATION (self));
  g_return_if_fail (form != NULL);

  g_hash_table_remove_all (self->fields);
  g_hash_table_remove_all (self->flags);
  form_from_json (self, form);
  self->dirty = TRUE;
}

gboolean
sp_identification_is_dirty (SpIdentification *self)
{
  return self->dirty;
}

static char *
iso_to_typed (const char *iso)
{
  GDate date;

  if (!sp_identification_parse_date (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&date),
                          g_date_get_month (&date), g_date_get_year (&date));
}

static char *
place_label (SpPlaces   *places,
             const char *code)
{
  GPtrArray *rows;
  char *label = NULL;

  if (places == NULL || code == NULL || *code == '\0')
    return g_strdup (code != NULL ? code : "");

  rows = sp_places_lookup (places, code);
  if (rows != NULL && rows->len > 0)
    label = g_strdup (((const SpPlace *) g_ptr_array_index (rows, rows->len - 1))->name);
  g_clear_pointer (&rows, g_ptr_array_unref);
  return label != NULL ? label : g_strdup (code);
}

void
sp_identification_prefill (SpIdentification *self,
                           const SpCitizen  *citizen,
                           SpPlaces         *places)
{
  char sex[2] = { citizen->sex, 0 };
  g_autofree char *birth = iso_to_typed (citizen->birth_date);
  g_autofree char *birth_place = place_label (places, citizen->birth_place_code);
  g_autofree char *residence_place = place_label (places, citizen->residence_place_code);

  g_return_if_fail (SP_IS_IDENTIFICATION (self));

  sp_identification_set_fields (self,
                                SP_ID_CODICE_FISCALE, citizen->codice_fiscale,
                                SP_ID_SURNAME, citizen->surname,
                                SP_ID_NAME, citizen->name,
                                SP_ID_SEX, sex,
                                SP_ID_BIRTH_DATE, birth,
                                SP_ID_BIRTH_PLACE, birth_place,
                                SP_ID_RESIDENCE_STREET, citizen->residence_street,
                                SP_ID_RESIDENCE_NUMBER, citizen->residence_number,
                                SP_ID_RESIDENCE_POSTCODE, citizen->residence_postcode,
                                SP_ID_RESIDENCE_PLACE, residence_place,
                                NULL);
  if (citizen->residence_type != NULL && *citizen->residence_type != '\0')
    sp_identification_set_field (self, SP_ID_RESIDENCE_TYPE, citizen->residence_type);
}

static const char * const step_keys[] = {
  "step0_at", "step1_at", "step2_at", "step3_at", "step4_at", "step5_at",
};

void
sp_identification_mark_step (SpIdentification *self,
                             guint             step,
                             gint64            now)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SP_IS_IDENTIFICATION (self));
  g_return_if_fail (step < G_N_ELEMENTS (step_keys));

  if (*sp_identification_get_field (self, step_keys[step]) != '\0')
    return;
  text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  sp_identification_set_field (self, step_keys[step], text);
}

gint64
sp_identification_get_step_time (SpIdentification *self,
                                 guint             step)
{
  g_return_val_if_fail (step < G_N_ELEMENTS (step_keys), 0);
  return g_ascii_strtoll (sp_identification_get_field (self, step_keys[step]), NULL, 10);
}

gboolean
sp_identification_save_draft (SpStore           *store,
                              SpIdentification  *self,
                              GError           **error)
{
  g_autofree char *data = NULL;
  g_autofree char *cf = NULL;
  gint64 now = sp_store_now ();

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), FALSE);

  if (!self->dirty)
    return TRUE;

  if (self->state != SP_IDENTIFICATION_DRAFT)
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                           _("This identification is closed and cannot be changed."));
      return FALSE;
    }

  data = form_to_json (self);
  cf = dup_typed_codice_fiscale (self);
  if (sp_store_run (store, error,
                    "UPDATE identifications SET data = ?2, channel = ?3, codice_fiscale = ?4, "
                    "surname = ?5, name = ?6, updated_at = ?7 WHERE uuid = ?1 AND state = 'draft'",
                    SP_TEXT (self->uuid), SP_TEXT (data), SP_TEXT (channel_nick (self->channel)), SP_TEXT (cf),
                    SP_TEXT (sp_identification_get_field (self, SP_ID_SURNAME)),
                    SP_TEXT (sp_identification_get_field (self, SP_ID_NAME)), SP_INT (now), SP_END) < 0)
    return FALSE;

  self->dirty = FALSE;
  self->updated_at = now;
  return TRUE;
}

/* Transitions */

static gboolean
require_draft (SpIdentification  *self,
               GError           **error)
{
  if (self->state == SP_IDENTIFICATION_DRAFT)
    return TRUE;
  g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                       _("This identification is already closed."));
  return FALSE;
}

static char *
audit_details (SpIdentification *self,
               const char       *extra_key,
               const char       *extra_value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *cf = dup_typed_codice_fiscale (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "codice_fiscale");
  json_builder_add_string_value (builder, cf);
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, channel_nick (self->channel));
  if (extra_key != NULL)
    {
      json_builder_set_member_name (builder, extra_key);
      json_builder_add_string_value (builder, extra_value);
    }
  json_builder_end_object (builder);
  return builder_to_json (builder);
}

/* An UPDATE … WHERE state = 'draft' that changed nothing lost a race with
 * another desk; changes is what sp_store_run() returned. */
static gboolean
require_one_change (gint64   changes,
                    GError **error)
{
  if (changes < 0)
    return FALSE;
  if (changes == 1)
    return TRUE;
  g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                       _("This identification was closed at another desk."));
  return FALSE;
}

/* The object follows what a transition stored at now. */
static void
set_closed (SpIdentification      *self,
            SpIdentificationState  state,
            gint64                 now)
{
  self->state = state;
  self->updated_at = now;
  self->dirty = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
}

char *
sp_identification_format_local (gint64      usec,
                                const char *format)
{
  char *text = sp_date_format_local (usec, format);
  return text != NULL ? text : g_strdup ("");
}

/* Draws the code and seals the token for a RAO identification completed
 * at self->completed_at; sets the deadline to the token's expiry. */
static char *
seal_token (SpStore          *store,
            SpIdentification *self,
            SpActor           actor,
            SpPlaces         *places,
            SpSeal           *seal,
            char            **out_code,
            GError          **error)
{
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ipa = sp_store_get_setting (store, SP_SETTING_COMUNE_IPA);
  gint64 issued = self->completed_at / G_USEC_PER_SEC;
  char *token;

  if (ipa == NULL || *ipa == '\0')
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_RULES,
                           _("The comune’s IPA code is not set, and AgID’s token names the comune by it: "
                             "the IT office sets it with “sportello-admin settings set comune.ipa CODE”."));
      return NULL;
    }

  request = sp_rao_request_build (self, places, ipa, actor.operator_id, issued, error);
  if (request == NULL)
    return NULL;

  code = sp_activation_code_generate ();
  token = sp_spid_token_issue (seal, request, code, error);
  if (token == NULL)
    return NULL;

  /* The identity provider accepts the token until its exp. */
  self->expires_at = (issued + SP_SPID_TOKEN_VALIDITY_SECONDS) * G_USEC_PER_SEC;
  *out_code = g_steal_pointer (&code);
  return token;
}

gboolean
sp_identification_complete (SpStore           *store,
                            SpIdentification  *self,
                            SpActor            actor,
                            SpPlaces          *places,
                            const GDate       *today,
                            char             **out_code,
                            GError           **error)
{
  return sp_identification_complete_sealed (store, self, actor, places, today, NULL, 0, out_code, error);
}

/* The citizen as the completed form has it, to be stored once. A part of
 * the name the citizen does not have is stored empty, whatever is typed. */
static SpCitizen *
citizen_from_form (SpIdentification *self,
                   SpPlaces         *places,
                   const GDate      *today)
{
  SpCitizen *citizen = sp_citizen_new ();
  GDate birth;

#define COPY(f, key) g_free (citizen->f); citizen->f = g_strstrip (g_strdup (sp_identification_get_field (self, key)))
  g_free (citizen->codice_fiscale);
  citizen->codice_fiscale = dup_typed_codice_fiscale (self);
  COPY (surname, SP_ID_SURNAME);
  COPY (name, SP_ID_NAME);
  if (sp_identification_get_flag (self, SP_ID_FLAG_NO_SURNAME))
    citizen->surname[0] = '\0';
  if (sp_identification_get_flag (self, SP_ID_FLAG_NO_NAME))
    citizen->name[0] = '\0';
  citizen->sex = sp_identification_get_typed_sex (self);
  sp_identification_parse_date (sp_identification_get_field (self, SP_ID_BIRTH_DATE), &birth);
  g_free (citizen->birth_date);
  citizen->birth_date = date_to_iso (&birth);
  g_free (citizen->birth_place_code);
  citizen->birth_place_code = g_strdup (sp_identification_resolve_place_code (self, SP_ID_BIRTH_PLACE,
                                                                              places, &birth, NULL));
  COPY (residence_type, SP_ID_RESIDENCE_TYPE);
  COPY (residence_street, SP_ID_RESIDENCE_STREET);
  COPY (residence_number, SP_ID_RESIDENCE_NUMBER);
  COPY (residence_postcode, SP_ID_RESIDENCE_POSTCODE);
#undef COPY
  g_free (citizen->residence_place_code);
  citizen->residence_place_code = g_strdup (sp_identification_resolve_place_code (self, SP_ID_RESIDENCE_PLACE,
                                                                                  places, today, NULL));
  g_free (citizen->email);
  citizen->email = sp_contact_normalize_email (sp_identification_get_field (self, SP_ID_EMAIL), NULL);
  g_free (citizen->mobile);
  citizen->mobile = sp_identification_normalize_mobile (self, NULL);

  return citizen;
}

/* What a completion writes, all in one transaction: the citizen, the
 * e-mail in the outbox, the identification, the audit row. */
typedef struct
{
  SpIdentification *self;
  SpActor           actor;
  SpCitizen        *citizen;
  SpSeal           *seal;        /* RAO only */
  const char       *code;        /* RAO only */
  const char       *token;       /* RAO only */
  const char       *first_half;  /* RAO only */
  gint64            now;
} Completion;

static gboolean
store_completion (SpStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  Completion *c = user_data;
  SpIdentification *self = c->self;
  g_autofree char *data = NULL;
  g_autofree char *details = NULL;

  if (!sp_citizen_upsert (store, c->actor, c->citizen, error))
    return FALSE;

  if (c->code != NULL &&
      !sp_identification_queue_email (store, self, c->code, c->token, sp_seal_is_demo (c->seal), error))
    return FALSE;

  data = form_to_json (self);
  if (!require_one_change (sp_store_run (store, error,
                                         "UPDATE identifications SET state = 'completed', channel = ?2, citizen_id = ?3, "
                                         "codice_fiscale = ?4, surname = ?5, name = ?6, data = ?7, updated_at = ?8, "
                                         "completed_at = ?8, expires_at = ?9, code_first_half = ?10, completed_by = nullif (?11, 0), "
                                         "token = ?12, seal_id = nullif (?13, 0) "
                                         "WHERE uuid = ?1 AND state = 'draft'",
                                         SP_TEXT (self->uuid), SP_TEXT (channel_nick (self->channel)),
                                         SP_INT (c->citizen->id), SP_TEXT (c->citizen->codice_fiscale),
                                         SP_TEXT (c->citizen->surname), SP_TEXT (c->citizen->name), SP_TEXT (data),
                                         SP_INT (c->now), SP_ID (self->expires_at), SP_TEXT (c->first_half),
                                         SP_INT (c->actor.operator_id), SP_TEXT (c->token),
                                         SP_INT (c->token != NULL ? sp_seal_get_id (c->seal) : 0), SP_END),
                          error))
    return FALSE;

  details = audit_details (self, NULL, NULL);
  return sp_audit_append (store, c->actor, SP_AUDIT_SPID_COMPLETE, self->uuid, details, error);
}

/* The problems that keep self from being completed, as one error; a seal
 * given (the demo's) is the one that seals, so the comune's is not needed. */
static gboolean
check_completable (SpIdentification  *self,
                   SpStore           *store,
                   SpPlaces          *places,
                   const GDate       *today,
                   SpSeal            *seal,
                   GError           **error)
{
  g_autoptr(GPtrArray) problems = sp_identification_check (self, store, places, today);
  g_autoptr(GString) text = NULL;

  for (guint i = problems->len; seal != NULL && i > 0; i--)
    if (g_strcmp0 (((SpIdentificationProblem *) g_ptr_array_index (problems, i - 1))->rule, SP_ID_RULE_SEAL) == 0)
      g_ptr_array_remove_index (problems, i - 1);
  if (problems->len == 0)
    return TRUE;

  text = g_string_new (_("The identification cannot be completed:"));
  for (guint i = 0; i < problems->len; i++)
    {
      SpIdentificationProblem *p = g_ptr_array_index (problems, i);
      g_string_append_printf (text, "\n• %s", p->message);
    }
  g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_RULES, text->str);
  return FALSE;
}

/* Whether an attempt whose outcome the desk did not learn (the server
 * went during COMMIT) completed self: then self takes what it stored, and
 * the completion is done, not made twice. */
static gboolean
completed_before (SpStore           *store,
                  SpIdentification  *self,
                  GError           **error)
{
  g_autoptr(SpIdentification) stored = NULL;

  stored = sp_identification_load (store, self->uuid, error);
  if (stored == NULL || stored->state != SP_IDENTIFICATION_COMPLETED)
    return FALSE;

  self->citizen_id = stored->citizen_id;
  self->completed_at = stored->completed_at;
  self->expires_at = stored->expires_at;
  g_free (self->code_first_half);
  self->code_first_half = g_steal_pointer (&stored->code_first_half);
  set_closed (self, SP_IDENTIFICATION_COMPLETED, stored->updated_at);
  return TRUE;
}

gboolean
sp_identification_complete_sealed (SpStore           *store,
                                   SpIdentification  *self,
                                   SpActor            actor,
                                   SpPlaces          *places,
                                   const GDate       *today,
                                   SpSeal            *seal,
                                   gint64             at,
                                   char             **out_code,
                                   GError           **error)
{
  g_autoptr(SpCitizen) citizen = NULL;
  g_autoptr(SpSeal) comune_seal = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *first_half = NULL;
  gint64 now = at > 0 ? at : sp_store_now ();
  g_autoptr(GError) local_error = NULL;
  Completion completion;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), FALSE);
  g_return_val_if_fail (seal == NULL || SP_IS_SEAL (seal), FALSE);

  if (!require_draft (self, error))
    return FALSE;
  if (completed_before (store, self, &local_error))
    {
      /* The whole code went by e-mail then; the receipt has its half. */
      if (out_code != NULL)
        *out_code = NULL;
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!check_completable (self, store, places, today, seal, error))
    return FALSE;

  citizen = citizen_from_form (self, places, today);

  self->completed_at = now;
  if (self->channel == SP_IDENTIFICATION_CHANNEL_RAO)
    {
      if (seal == NULL)
        seal = comune_seal = sp_seal_load (store, error);
      /* RSA on a smart card can take a while: seal before taking the
       * write lock. */
      if (seal == NULL ||
          !sp_seal_check_usable (seal, now, error) ||
          (token = seal_token (store, self, actor, places, seal, &code, error)) == NULL)
        goto failed;
      first_half = sp_activation_code_first_half (code);
    }

  completion = (Completion) { self, actor, citizen, seal, code, token, first_half, now };
  if (!sp_store_transaction (store, store_completion, &completion, error))
    goto failed;

  self->citizen_id = citizen->id;
  g_free (self->code_first_half);
  self->code_first_half = g_steal_pointer (&first_half);
  set_closed (self, SP_IDENTIFICATION_COMPLETED, now);

  if (out_code != NULL)
    *out_code = g_steal_pointer (&code);
  return TRUE;

failed:
  self->completed_at = 0;
  self->expires_at = 0;
  return FALSE;
}

static gboolean
require_sent_token (SpIdentification  *self,
                    GError           **error)
{
  if (self->state != SP_IDENTIFICATION_DRAFT && self->state != SP_IDENTIFICATION_REFUSED &&
      self->channel == SP_IDENTIFICATION_CHANNEL_RAO)
    return TRUE;
  g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                       _("Only a completed RAO pubblico identification has a token."));
  return FALSE;
}

char *
sp_identification_dup_token (SpStore           *store,
                             SpIdentification  *self,
                             GError           **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), NULL);

  if (!require_sent_token (self, error))
    return NULL;

  stmt = sp_store_query (store, error, "SELECT token FROM identifications WHERE uuid = ?1",
                         SP_TEXT (self->uuid), SP_END);
  if (stmt == NULL)
    return NULL;
  if (!sp_statement_next (stmt, NULL) || sp_statement_is_null (stmt, 0))
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                           _("This identification’s token is no longer kept: the retention period erased it."));
      return NULL;
    }
  return sp_statement_dup_text (stmt, 0);
}

typedef struct
{
  SpIdentification *self;
  SpActor           actor;
} Resend;

static gboolean
requeue_email (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Resend *resend = user_data;
  g_autofree char *uuid = NULL;

  uuid = sp_outbox_requeue_first (store, resend->self->uuid, error);
  return uuid != NULL &&
         sp_audit_append (store, resend->actor, SP_AUDIT_SPID_RESEND, resend->self->uuid, NULL, error);
}

gboolean
sp_identification_resend_email (SpStore           *store,
                                SpIdentification  *self,
                                SpActor            actor,
                                GError           **error)
{
  Resend resend = { self, actor };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), FALSE);

  if (!require_sent_token (self, error))
    return FALSE;
  if (self->state == SP_IDENTIFICATION_EXPIRED ||
      (self->expires_at > 0 && self->expires_at <= sp_store_now ()))
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                           _("The activation deadline has passed: the token is no longer valid and the "
                             "citizen must be identified again."));
      return FALSE;
    }

  /* The e-mail holds the second half of the code, which is stored
   * nowhere else: what is sent again is the first message, as it was. */
  return sp_store_transaction (store, requeue_email, &resend, error);
}

typedef struct
{
  SpIdentification *self;
  SpActor           actor;
  const char       *reason;
  const char       *note;
  gint64            now;
} Refusal;

static gboolean
store_refusal (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Refusal *r = user_data;
  SpIdentification *self = r->self;
  g_autofree char *data = form_to_json (self);
  g_autofree char *cf = dup_typed_codice_fiscale (self);
  g_autofree char *details = NULL;

  if (!require_one_change (sp_store_run (store, error,
                                         "UPDATE identifications SET state = 'refused', data = ?2, codice_fiscale = ?3, "
                                         "surname = ?4, name = ?5, updated_at = ?6, refused_at = ?6, "
                                         "refusal_reason = ?7, refusal_note = ?8 WHERE uuid = ?1 AND state = 'draft'",
                                         SP_TEXT (self->uuid), SP_TEXT (data), SP_TEXT (cf),
                                         SP_TEXT (sp_identification_get_field (self, SP_ID_SURNAME)),
                                         SP_TEXT (sp_identification_get_field (self, SP_ID_NAME)),
                                         SP_INT (r->now), SP_TEXT (r->reason), SP_TEXT (r->note), SP_END),
                          error))
    return FALSE;

  /* The free text may carry personal data: the audit keeps the reason id only. */
  details = audit_details (self, "reason", r->reason);
  return sp_audit_append (store, r->actor, SP_AUDIT_SPID_REFUSE, self->uuid, details, error);
}

gboolean
sp_identification_refuse (SpStore           *store,
                          SpIdentification  *self,
                          SpActor            actor,
                          const char        *reason,
                          const char        *note,
                          GError           **error)
{
  g_autofree char *clean_note = g_strstrip (g_strdup (note != NULL ? note : ""));
  gboolean known = FALSE;
  Refusal refusal;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), FALSE);

  if (!require_draft (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (refusal_reasons); i++)
    known |= g_strcmp0 (reason, refusal_reasons[i].id) == 0;
  if (!known)
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_REASON,
                           _("Choose why the identification is refused."));
      return FALSE;
    }
  if (g_str_equal (reason, "other") && *clean_note == '\0')
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_REASON,
                           _("Describe the reason for the refusal."));
      return FALSE;
    }

  refusal = (Refusal) { self, actor, reason, clean_note, sp_store_now () };
  if (!sp_store_transaction (store, store_refusal, &refusal, error))
    return FALSE;

  self->refused_at = refusal.now;
  g_free (self->refusal_reason);
  self->refusal_reason = g_strdup (reason);
  g_free (self->refusal_note);
  self->refusal_note = g_steal_pointer (&clean_note);
  set_closed (self, SP_IDENTIFICATION_REFUSED, refusal.now);
  return TRUE;
}

typedef struct
{
  GPtrArray *due;   /* uuid, codice fiscale, uuid, … */
  gint64     now;
} Expiry;

static gboolean
store_expiry (SpStore   *store,
              gpointer   user_data,
              GError   **error)
{
  Expiry *expiry = user_data;
  g_autoptr(SpStatement) stmt = NULL;

  stmt = sp_store_query (store, error,
                         "UPDATE identifications SET state = 'expired', expired_at = ?2, "
                         "updated_at = ?2 WHERE uuid = ?1 AND state = 'completed'", SP_END);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < expiry->due->len; i += 2)
    {
      const char *uuid = g_ptr_array_index (expiry->due, i);
      g_autofree char *details = g_strdup_printf ("{\"codice_fiscale\":\"%s\"}",
                                                  (const char *) g_ptr_array_index (expiry->due, i + 1));

      sp_statement_bind (stmt, SP_TEXT (uuid), SP_INT (expiry->now), SP_END);
      if (!sp_statement_run (stmt, error) ||
          !sp_audit_append (store, SP_ACTOR_SYSTEM, SP_AUDIT_SPID_EXPIRE, uuid, details, error))
        return FALSE;
    }
  return TRUE;
}

guint
sp_identification_expire_due (SpStore  *store,
                              gint64    now,
                              GError  **error)
{
  g_autoptr(SpStatement) select = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  Expiry expiry = { due, now };

  g_return_val_if_fail (SP_IS_STORE (store), 0);

  select = sp_store_query (store, error,
                           "SELECT uuid, codice_fiscale FROM identifications "
                           "WHERE state = 'completed' AND channel = 'rao' AND expires_at IS NOT NULL "
                           "AND expires_at <= ?1", SP_INT (now), SP_END);
  if (select == NULL)
    return 0;
  while (sp_statement_next (select, &local_error))
    {
      g_ptr_array_add (due, sp_statement_dup_text (select, 0));
      g_ptr_array_add (due, sp_statement_dup_text (select, 1));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (due->len == 0)

    return 0;

  if (!sp_store_transaction (store, store_expiry, &expiry, error))
    return 0;
  return due->len / 2;
}

/* Retention */

gint64
sp_identification_erase_closed_before (SpStore     *store,
                                       gint64       cutoff,
                                       const char  *cutoff_day,
                                       GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), -1);

  /* Drafts are the clerk's work in progress: never erased. */
  return sp_store_run_eraser (store,
                              "UPDATE identifications SET codice_fiscale = '', surname = '', name = '', data = '{}', "
                              "citizen_id = NULL, code_first_half = NULL, refusal_note = NULL, token = NULL "
                              "WHERE state IN ('completed', 'refused', 'expired') "
                              "AND coalesce(expired_at, refused_at, completed_at, updated_at) < ?1 "
                              "AND (codice_fiscale <> '' OR surname <> '' OR name <> '' OR data <> '{}' "
                              "OR citizen_id IS NOT NULL OR code_first_half IS NOT NULL OR refusal_note IS NOT NULL "
                              "OR token IS NOT NULL)",
                              cutoff, cutoff_day, error);
}

static const SpRowsColumn identification_travelling_columns[] = {
  SP_ROWS_COLUMN ("uuid", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("state", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("channel", SP_ROWS_TEXT),
  { "citizen_id", SP_ROWS_REF, "citizens", "codice_fiscale", FALSE },
  SP_ROWS_COLUMN ("codice_fiscale", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("surname", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("name", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("data", SP_ROWS_TEXT),
  SP_ROWS_DESK ("desk_id"),
  SP_ROWS_OPERATOR ("operator_id"),
  SP_ROWS_COLUMN ("created_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("updated_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("completed_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("refused_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("expired_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("expires_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("refusal_reason", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("refusal_note", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("code_first_half", SP_ROWS_TEXT),
  SP_ROWS_OPERATOR ("completed_by"),
  SP_ROWS_COLUMN ("token", SP_ROWS_TEXT),
  { "seal_id", SP_ROWS_REF, "seals", "uuid", TRUE },
  SP_ROWS_END,
};

static const SpRowsTable identification_travelling_rows = {
  "identifications", "uuid", "updated_at", "state <> 'draft'", "desk_id", SP_ROWS_MERGE_OWN_NEWER, identification_travelling_columns,
};

const SpRowsTable *
sp_identification_travelling_rows (void)
{
  return &identification_travelling_rows;
}
