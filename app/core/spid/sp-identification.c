/* sp-identification.c — a SPID identification at the desk */
#define G_LOG_DOMAIN "sp-identification"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "sp-contact.h"
#include "sp-document.h"
#include "sp-error.h"
#include "sp-health-card.h"
#include "sp-holidays.h"
#include "sp-identification.h"
#include "sp-operator.h"
#include "sp-outbox.h"
#include "sp-activation-code.h"
#include "sp-rao-request.h"
#include "sp-seal.h"
#include "sp-setup.h"
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

static const char * const state_names[] = { "draft", "completed", "refused", "expired" };
static const char * const state_labels[] = { N_("Draft"), N_("Completed"), N_("Refused"), N_("Expired") };
static const char * const channel_names[] = { "rao", "partner" };
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

#define COLUMNS \
  "id, uuid, state, channel, coalesce(citizen_id, 0), coalesce(desk_id, 0), " \
  "coalesce(operator_id, 0), created_at, updated_at, coalesce(completed_at, 0), " \
  "coalesce(refused_at, 0), coalesce(expires_at, 0), refusal_reason, refusal_note, " \
  "code_first_half, data"

/* Static tables */

const SpRefusalReason *
sp_identification_get_refusal_reasons (guint *n_reasons)
{
  if (n_reasons != NULL)
    *n_reasons = G_N_ELEMENTS (refusal_reasons);
  return refusal_reasons;
}

const char *
sp_identification_state_to_string (SpIdentificationState state)
{
  g_return_val_if_fail (state <= SP_IDENTIFICATION_EXPIRED, NULL);
  return state_names[state];
}

const char *
sp_identification_state_get_label (SpIdentificationState state)
{
  g_return_val_if_fail (state <= SP_IDENTIFICATION_EXPIRED, NULL);
  return _(state_labels[state]);
}

gboolean
sp_identification_state_from_string (const char            *text,
                                     SpIdentificationState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = (SpIdentificationState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sp_identification_channel_to_string (SpIdentificationChannel channel)
{
  g_return_val_if_fail (channel <= SP_IDENTIFICATION_CHANNEL_PARTNER, NULL);
  return channel_names[channel];
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

void
sp_identification_problem_free (SpIdentificationProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
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
      g_value_set_string (value, state_names[self->state]);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, sp_identification_state_get_label (self->state));
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, channel_names[self->channel]);
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
form_to_json (SpIdentification *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
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

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
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

static SpIdentification *
identification_from_row (sqlite3_stmt *stmt)
{
  SpIdentification *self = g_object_new (SP_TYPE_IDENTIFICATION, NULL);
  SpIdentificationState state = SP_IDENTIFICATION_DRAFT;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = sp_store_column_dup (stmt, 1);
  sp_identification_state_from_string ((const char *) sqlite3_column_text (stmt, 2), &state);
  self->state = state;
  self->channel = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "partner") == 0
                  ? SP_IDENTIFICATION_CHANNEL_PARTNER : SP_IDENTIFICATION_CHANNEL_RAO;
  self->citizen_id = sqlite3_column_int64 (stmt, 4);
  self->desk_id = sqlite3_column_int64 (stmt, 5);
  self->operator_id = sqlite3_column_int64 (stmt, 6);
  self->created_at = sqlite3_column_int64 (stmt, 7);
  self->updated_at = sqlite3_column_int64 (stmt, 8);
  self->completed_at = sqlite3_column_int64 (stmt, 9);
  self->refused_at = sqlite3_column_int64 (stmt, 10);
  self->expires_at = sqlite3_column_int64 (stmt, 11);
  self->refusal_reason = sp_store_column_dup (stmt, 12);
  self->refusal_note = sp_store_column_dup (stmt, 13);
  self->code_first_half = sp_store_column_dup (stmt, 14);
  form_from_json (self, (const char *) sqlite3_column_text (stmt, 15));

  return self;
}

/* Loading and creating */

SpIdentification *
sp_identification_new_draft (SpStore                 *store,
                             SpActor                  actor,
                             SpIdentificationChannel  channel,
                             GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  gint64 now = sp_store_now ();

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_store_begin (store, error))
    return NULL;

  stmt = sp_store_prepare (store,
                           "INSERT INTO identifications (uuid, channel, desk_id, operator_id, "
                           "created_at, updated_at) VALUES (?1, ?2, nullif (?3, 0), nullif (?4, 0), ?5, ?5)",
                           &local_error);
  if (stmt == NULL)
    goto fail;
  sp_store_bind_text (stmt, 1, uuid);
  sp_store_bind_text (stmt, 2, channel_names[channel]);
  sqlite3_bind_int64 (stmt, 3, actor.desk_id);
  sqlite3_bind_int64 (stmt, 4, actor.operator_id);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!sp_store_step_done (store, stmt, &local_error) ||
      !sp_audit_append (store, actor, SP_AUDIT_SPID_START, uuid, NULL, &local_error) ||
      !sp_store_commit (store, &local_error))
    goto fail;

  return sp_identification_load (store, uuid, error);

fail:
  sp_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

SpIdentification *
sp_identification_load (SpStore     *store,
                        const char  *uuid,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = sp_store_prepare (store, "SELECT " COLUMNS " FROM identifications WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, uuid);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return identification_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND,
                         _("There is no such identification."));
  else
    sp_store_set_error (store, rc, error);
  return NULL;
}

SpIdentification *
sp_identification_find_draft (SpStore  *store,
                              gint64    desk_id,
                              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_prepare (store,
                           "SELECT " COLUMNS " FROM identifications "
                           "WHERE state = 'draft' AND coalesce(desk_id, 0) = ?1 "
                           "ORDER BY updated_at DESC, id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, desk_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return identification_from_row (stmt);
  if (rc != SQLITE_DONE)
    sp_store_set_error (store, rc, error);
  return NULL;
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

  sp_identification_set_field (self, SP_ID_CODICE_FISCALE, citizen->codice_fiscale);
  sp_identification_set_field (self, SP_ID_SURNAME, citizen->surname);
  sp_identification_set_field (self, SP_ID_NAME, citizen->name);
  sp_identification_set_field (self, SP_ID_SEX, sex);
  sp_identification_set_field (self, SP_ID_BIRTH_DATE, birth);
  sp_identification_set_field (self, SP_ID_BIRTH_PLACE, birth_place);
  if (citizen->residence_type != NULL && *citizen->residence_type != '\0')
    sp_identification_set_field (self, SP_ID_RESIDENCE_TYPE, citizen->residence_type);
  sp_identification_set_field (self, SP_ID_RESIDENCE_STREET, citizen->residence_street);
  sp_identification_set_field (self, SP_ID_RESIDENCE_NUMBER, citizen->residence_number);
  sp_identification_set_field (self, SP_ID_RESIDENCE_POSTCODE, citizen->residence_postcode);
  sp_identification_set_field (self, SP_ID_RESIDENCE_PLACE, residence_place);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *data = NULL;
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
  stmt = sp_store_prepare (store,
                           "UPDATE identifications SET data = ?2, channel = ?3, codice_fiscale = ?4, "
                           "surname = ?5, name = ?6, updated_at = ?7 WHERE uuid = ?1 AND state = 'draft'",
                           error);
  if (stmt == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, self->uuid);
  sp_store_bind_text (stmt, 2, data);
  sp_store_bind_text (stmt, 3, channel_names[self->channel]);
  {
    g_autofree char *cf = g_ascii_strup (sp_identification_get_field (self, SP_ID_CODICE_FISCALE), -1);
    sp_store_bind_text (stmt, 4, g_strstrip (cf));
  }
  sp_store_bind_text (stmt, 5, sp_identification_get_field (self, SP_ID_SURNAME));
  sp_store_bind_text (stmt, 6, sp_identification_get_field (self, SP_ID_NAME));
  sqlite3_bind_int64 (stmt, 7, now);

  if (!sp_store_step_done (store, stmt, error))
    return FALSE;

  self->dirty = FALSE;
  self->updated_at = now;
  return TRUE;
}

/* Street, mobile and seal */

/* How streets are written in Italy, abbreviations included ("P.zza"). */
static const struct { const char *written; const char *type; } street_prefixes[] = {
  { "Via", "Via" }, { "Viale", "Viale" }, { "V.le", "Viale" }, { "Vicolo", "Vicolo" },
  { "Vic.", "Vicolo" }, { "Strada", "Strada" }, { "Str.", "Strada" }, { "Piazza", "Piazza" },
  { "P.zza", "Piazza" }, { "P.za", "Piazza" }, { "Piazzale", "Piazzale" }, { "P.le", "Piazzale" },
  { "Largo", "Largo" }, { "L.go", "Largo" }, { "Corso", "Corso" }, { "C.so", "Corso" },
  { "Contrada", "Contrada" }, { "C.da", "Contrada" },
};

const char *
sp_identification_split_street (const char  *street,
                                const char **name)
{
  const char *p;

  g_return_val_if_fail (street != NULL, NULL);

  p = street;
  while (g_ascii_isspace (*p))
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (street_prefixes); i++)
    {
      gsize len = strlen (street_prefixes[i].written);
      const char *rest = p + len;

      /* "Via" is a type in "Via Roma" and "Via.Roma", not in "Viareggio". */
      if (g_ascii_strncasecmp (p, street_prefixes[i].written, len) != 0)
        continue;
      if (street_prefixes[i].written[len - 1] != '.' && *rest == '.')
        rest++;
      else if (street_prefixes[i].written[len - 1] != '.' && !g_ascii_isspace (*rest))
        continue;
      while (g_ascii_isspace (*rest))
        rest++;
      if (*rest == '\0')
        continue;
      if (name != NULL)
        *name = rest;
      for (guint t = 0; sp_rao_address_types[t] != NULL; t++)
        if (g_str_equal (sp_rao_address_types[t], street_prefixes[i].type))
          return sp_rao_address_types[t];
      g_return_val_if_reached (NULL);
    }
  return NULL;
}

static char *
mobile_country_digits (SpIdentification  *self,
                       GError           **error)
{
  g_autofree char *text = g_strstrip (g_strdup (sp_identification_get_field (self, SP_ID_MOBILE_COUNTRY)));
  const char *digits = text;
  gsize len;

  if (*text == '\0')
    return g_strdup (SP_CONTACT_DEFAULT_COUNTRY);
  if (*digits == '+')
    digits++;
  else if (g_str_has_prefix (digits, "00"))
    digits += 2;
  len = strlen (digits);
  if (len < 1 || len > 3 || strspn (digits, "0123456789") != len || digits[0] == '0')
    {
      g_set_error_literal (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_INVALID,
                           _("The country calling code is + and 1 to 3 digits, for example +39 for Italy."));
      return NULL;
    }
  return g_strdup (digits);
}

char *
sp_identification_normalize_mobile (SpIdentification  *self,
                                    GError           **error)
{
  g_autofree char *country = NULL;
  g_autofree char *prefix = NULL;
  char *e164;

  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), NULL);

  country = mobile_country_digits (self, error);
  if (country == NULL)
    return NULL;
  e164 = sp_contact_normalize_phone (sp_identification_get_field (self, SP_ID_MOBILE), country, error);
  if (e164 == NULL)
    return NULL;

  /* A number typed with its own prefix must agree with the code chosen. */
  prefix = g_strconcat ("+", country, NULL);
  if (!g_str_has_prefix (e164, prefix))
    {
      g_set_error (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_INVALID,
                   /* Translators: %s is the country calling code chosen, "+39". */
                   _("The number is typed with another country prefix than %s: type it without the "
                     "prefix, or change the country calling code."), prefix);
      g_free (e164);
      return NULL;
    }
  return e164;
}

gboolean
sp_identification_can_seal (SpStore  *store,
                            GError  **error)
{
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  seal = sp_seal_load (store, &local_error);
  if (seal == NULL || sp_seal_is_demo (seal))
    {
      if (local_error != NULL && !g_error_matches (local_error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE))
        g_warning ("The comune’s seal cannot be read: %s", local_error->message);
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE,
                           _("This desk cannot seal RAO identifications: the IT office must set the "
                             "comune’s seal certificate."));
      return FALSE;
    }
  if (!sp_seal_check_usable (seal, sp_store_now (), &local_error))
    {
      /* Translators: %s says why the certificate is not usable (expired …). */
      g_set_error (error, local_error->domain, local_error->code,
                   _("This desk cannot seal RAO identifications: %s The IT office must set a valid "
                     "seal certificate for the comune."), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Rules */

static void
add_problem (GPtrArray            *problems,
             SpIdentificationStep  step,
             const char           *field,
             const char           *rule,
             const char           *message)
{
  SpIdentificationProblem *p = g_new0 (SpIdentificationProblem, 1);

  p->step = step;
  p->field = field;
  p->rule = rule;
  p->message = g_strdup (message);
  g_ptr_array_add (problems, p);
}

static gboolean
field_empty (SpIdentification *self,
             const char       *key)
{
  g_autofree char *text = g_strstrip (g_strdup (sp_identification_get_field (self, key)));
  return *text == '\0';
}

static const char *
resolve_place_code (SpIdentification *self,
                    const char       *key,
                    SpPlaces         *places,
                    const GDate      *date,
                    GError          **error)
{
  const SpPlace *place;
  const char *text = sp_identification_get_field (self, key);

  if (places == NULL)
    return *text != '\0' ? text : NULL;

  place = sp_places_resolve (places, text, date, error);
  return place != NULL ? place->code : NULL;
}

static char
typed_sex (SpIdentification *self)
{
  const char *sex = sp_identification_get_field (self, SP_ID_SEX);
  char c = g_ascii_toupper (sex[0]);

  return (c == 'M' || c == 'F') && sex[1] == '\0' ? c : 0;
}

SpCfMismatch
sp_identification_get_mismatches (SpIdentification *self,
                                  SpPlaces         *places)
{
  GDate birth;
  const char *place_code;
  char sex = typed_sex (self);

  if (!sp_identification_parse_date (sp_identification_get_field (self, SP_ID_BIRTH_DATE), &birth) ||
      sex == 0 || field_empty (self, SP_ID_SURNAME) || field_empty (self, SP_ID_NAME))
    return SP_CF_MISMATCH_NONE;

  place_code = resolve_place_code (self, SP_ID_BIRTH_PLACE, places, &birth, NULL);
  if (place_code == NULL)
    return SP_CF_MISMATCH_NONE;

  return sp_codice_fiscale_compare (sp_identification_get_field (self, SP_ID_CODICE_FISCALE),
                                    sp_identification_get_field (self, SP_ID_SURNAME),
                                    sp_identification_get_field (self, SP_ID_NAME),
                                    sex, &birth, place_code) & ~SP_CF_MISMATCH_INVALID;
}

static int
age_on (const GDate *birth,
        const GDate *today)
{
  int age = g_date_get_year (today) - g_date_get_year (birth);

  if (g_date_get_month (today) < g_date_get_month (birth) ||
      (g_date_get_month (today) == g_date_get_month (birth) &&
       g_date_get_day (today) < g_date_get_day (birth)))
    age--;
  return age;
}

/* Street, number, postcode and place: a comune, or a foreign state (the
 * postcode is then the other country's, the town goes with the street).
 * The address type is what AgID's token needs, so it is a RAO rule. */
static void
check_residence (SpIdentification *self,
                 SpPlaces         *places,
                 const GDate      *today,
                 GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_CITIZEN;
  const SpPlace *place = NULL;
  gboolean abroad = FALSE;

  if (field_empty (self, SP_ID_RESIDENCE_PLACE))
    add_problem (problems, S, SP_ID_RESIDENCE_PLACE, "residence",
                 _("Type the comune of residence, or the foreign state."));
  else if (places != NULL)
    {
      g_autoptr(GError) error = NULL;

      place = sp_places_resolve (places, sp_identification_get_field (self, SP_ID_RESIDENCE_PLACE),
                                 today, &error);
      if (place == NULL)
        add_problem (problems, S, SP_ID_RESIDENCE_PLACE, "residence", error->message);
      else if (!sp_place_is_valid_on (place, today))
        {
          g_autofree char *message =
            /* Translators: %s is a comune's or state's name. */
            g_strdup_printf (_("%s no longer exists: type the comune or state of residence as it is called today."),
                             place->name);
          add_problem (problems, S, SP_ID_RESIDENCE_PLACE, "residence", message);
        }
      else
        abroad = place->kind == SP_PLACE_STATE;
    }

  if (self->channel == SP_IDENTIFICATION_CHANNEL_RAO)
    {
      const char *type = sp_identification_get_field (self, SP_ID_RESIDENCE_TYPE);
      gboolean known = FALSE;

      for (guint i = 0; sp_rao_address_types[i] != NULL; i++)
        known |= g_str_equal (type, sp_rao_address_types[i]);
      if (!known)
        add_problem (problems, S, SP_ID_RESIDENCE_TYPE, "residence-type",
                     _("Choose the type of address: Via, Piazza … or Altro."));
    }

  if (field_empty (self, SP_ID_RESIDENCE_STREET))
    add_problem (problems, S, SP_ID_RESIDENCE_STREET, "residence",
                 abroad ? _("Type the street and the town of residence.")
                        : _("Type the street of residence."));
  if (field_empty (self, SP_ID_RESIDENCE_NUMBER))
    add_problem (problems, S, SP_ID_RESIDENCE_NUMBER, "residence", _("Type the house number."));

  {
    g_autofree char *cap = g_strstrip (g_strdup (sp_identification_get_field (self, SP_ID_RESIDENCE_POSTCODE)));
    gsize len = strlen (cap);

    if (abroad)
      {
        gboolean ok = len >= 2 && len <= 10;

        for (const char *p = cap; ok && *p != '\0'; p++)
          ok = g_ascii_isalnum (*p) || *p == ' ' || *p == '-';
        if (!ok)
          add_problem (problems, S, SP_ID_RESIDENCE_POSTCODE, "residence",
                       _("Type the postcode of the foreign address: 2 to 10 letters, digits, spaces or dashes."));
      }
    else if (len != 5 || strspn (cap, "0123456789") != 5)
      add_problem (problems, S, SP_ID_RESIDENCE_POSTCODE, "residence",
                   _("The postcode (CAP) has 5 digits."));
  }
}

static void
check_citizen (SpIdentification *self,
               SpStore          *store,
               SpPlaces         *places,
               const GDate      *today,
               GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_CITIZEN;
  g_autoptr(SpCfInfo) info = NULL;
  g_autoptr(SpOperator) op = NULL;
  GDate birth;
  gboolean birth_ok;
  SpCfMismatch mismatches, unacknowledged;

  if (self->channel == SP_IDENTIFICATION_CHANNEL_RAO && store != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!sp_identification_can_seal (store, &error))
        add_problem (problems, S, "channel", SP_ID_RULE_SEAL, error->message);
    }

  if (self->channel == SP_IDENTIFICATION_CHANNEL_PARTNER)
    {
      if (field_empty (self, SP_ID_PROVIDER))
        add_problem (problems, S, SP_ID_PROVIDER, "provider",
                     _("Name the identity provider of the partner counter."));
      if (field_empty (self, SP_ID_PROVIDER_REQUEST_CODE))
        add_problem (problems, S, SP_ID_PROVIDER_REQUEST_CODE, "provider-request",
                     _("Type the request code the citizen received from the provider."));
    }

  info = sp_codice_fiscale_check (sp_identification_get_field (self, SP_ID_CODICE_FISCALE), places, today);
  if (!sp_cf_info_is_valid (info))
    add_problem (problems, S, SP_ID_CODICE_FISCALE, "cf-invalid",
                 sp_cf_info_get_error (info)->message);

  if (field_empty (self, SP_ID_SURNAME))
    add_problem (problems, S, SP_ID_SURNAME, "surname", _("Type the surname."));
  if (field_empty (self, SP_ID_NAME))
    add_problem (problems, S, SP_ID_NAME, "name", _("Type the name."));
  if (typed_sex (self) == 0)
    add_problem (problems, S, SP_ID_SEX, "sex", _("Choose the sex: M or F."));

  birth_ok = sp_identification_parse_date (sp_identification_get_field (self, SP_ID_BIRTH_DATE), &birth);
  if (!birth_ok)
    add_problem (problems, S, SP_ID_BIRTH_DATE, "birth-date",
                 _("Type the date of birth as day/month/year, for example 31/12/1980."));
  else if (g_date_compare (&birth, today) > 0)
    {
      add_problem (problems, S, SP_ID_BIRTH_DATE, "birth-date",
                   _("The date of birth is in the future."));
      birth_ok = FALSE;
    }

  if (field_empty (self, SP_ID_BIRTH_PLACE))
    add_problem (problems, S, SP_ID_BIRTH_PLACE, "birth-place",
                 _("Type the comune or foreign state of birth."));
  else
    {
      g_autoptr(GError) error = NULL;
      if (resolve_place_code (self, SP_ID_BIRTH_PLACE, places, birth_ok ? &birth : NULL, &error) == NULL)
        add_problem (problems, S, SP_ID_BIRTH_PLACE, "birth-place",
                     error != NULL ? error->message : _("No comune or state has this name."));
    }

  check_residence (self, places, today, problems);

  /* The code must agree with the data, or the clerk confirms it does not. */
  if (sp_cf_info_is_valid (info))
    {
      mismatches = sp_identification_get_mismatches (self, places);
      unacknowledged = mismatches & ~self->acknowledged;
      if (unacknowledged & SP_CF_MISMATCH_SURNAME)
        add_problem (problems, S, SP_ID_SURNAME, "cf-mismatch",
                     _("The surname does not match the codice fiscale: confirm it if the document says so."));
      if (unacknowledged & SP_CF_MISMATCH_NAME)
        add_problem (problems, S, SP_ID_NAME, "cf-mismatch",
                     _("The name does not match the codice fiscale: confirm it if the document says so."));
      if (unacknowledged & SP_CF_MISMATCH_SEX)
        add_problem (problems, S, SP_ID_SEX, "cf-mismatch",
                     _("The sex does not match the codice fiscale: confirm it if the document says so."));
      if (unacknowledged & SP_CF_MISMATCH_BIRTH_DATE)
        add_problem (problems, S, SP_ID_BIRTH_DATE, "cf-mismatch",
                     _("The date of birth does not match the codice fiscale: confirm it if the document says so."));
      if (unacknowledged & SP_CF_MISMATCH_PLACE)
        add_problem (problems, S, SP_ID_BIRTH_PLACE, "cf-mismatch",
                     _("The place of birth does not match the codice fiscale: confirm it if the document says so."));

      op = sp_operator_find_by_codice_fiscale (store, info->code);
      if (op != NULL)
        add_problem (problems, S, SP_ID_CODICE_FISCALE, "operator",
                     _("This codice fiscale belongs to an operator: an operator cannot be identified at their own comune’s desk."));
    }

  /* Adults only, unless the comune allows minors with a guardian. */
  if (birth_ok && age_on (&birth, today) < SP_SPID_ADULT_AGE)
    {
      if (sp_store_get_setting_int (store, SP_SETTING_SPID_MINORS_ALLOWED, 0) == 0)
        add_problem (problems, S, SP_ID_BIRTH_DATE, "minor",
                     _("The citizen is under 18: this comune identifies adults only."));
      else
        {
          g_autoptr(SpCfInfo) guardian = NULL;

          if (field_empty (self, SP_ID_GUARDIAN_NAME))
            add_problem (problems, S, SP_ID_GUARDIAN_NAME, "guardian",
                         _("The citizen is under 18: type the name of the parent or guardian present."));
          guardian = sp_codice_fiscale_check (sp_identification_get_field (self, SP_ID_GUARDIAN_CF),
                                              places, today);
          if (!sp_cf_info_is_valid (guardian))
            add_problem (problems, S, SP_ID_GUARDIAN_CF, "guardian",
                         _("Type the codice fiscale of the parent or guardian."));
        }
    }
}

static gboolean
starts_with_word (const char *text,
                  const char *word)
{
  gsize len = strlen (word);

  return g_ascii_strncasecmp (text, word, len) == 0 && text[len] == ' ';
}

/* What AgID's token can carry (RAO-TOKEN.md §2, idCard): three types of
 * document, seven kinds of issuer (the Ministry being the MIT, for a
 * driving licence), and the issuer's place, which the token joins to the
 * kind ("comuneRimini"). */
static void
check_document_for_token (SpIdentification *self,
                          SpDocumentType    type,
                          SpIssuerType      issuer,
                          GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_DOCUMENT;
  const char *issuer_id = sp_identification_get_field (self, SP_ID_DOCUMENT_ISSUER);
  g_autofree char *place = g_strstrip (g_strdup (sp_identification_get_field (self, SP_ID_DOCUMENT_ISSUER_NAME)));

  if (sp_rao_request_card_type (sp_document_type_to_string (type)) == NULL)
    {
      add_problem (problems, S, SP_ID_DOCUMENT_TYPE, "document-rao",
                   _("AgID’s token for RAO pubblico accepts only an identity card, a passport or a "
                     "driving licence: ask for one of them, or identify at the partner counter."));
      return;
    }
  if (issuer == SP_ISSUER_NONE)
    return;   /* sp_document_check () asks for it */
  if (sp_rao_request_issuer_kind (issuer_id) == NULL)
    {
      add_problem (problems, S, SP_ID_DOCUMENT_ISSUER, "document-rao",
                   _("AgID’s token for RAO pubblico accepts only an identity card, a passport or a "
                     "driving licence issued by a comune, questura, prefettura, motorizzazione, the "
                     "Ministry of Transport, a consulate or an embassy."));
      return;
    }
  if (issuer == SP_ISSUER_MINISTERO)
    {
      if (type != SP_DOCUMENT_DRIVING_LICENCE)
        add_problem (problems, S, SP_ID_DOCUMENT_ISSUER, "document-rao",
                     _("For AgID’s token the Ministry is the Ministry of Transport, which issues "
                       "driving licences: choose the office that issued this document."));
      return;   /* "ministeroTrasporti" alone: no place */
    }

  if (*place == '\0')
    add_problem (problems, S, SP_ID_DOCUMENT_ISSUER_NAME, "document-issuer-name",
                 _("Type the place of the issuing office, for example “Rimini” for the Comune di Rimini."));
  else
    {
      /* The kind is chosen above: the place alone, or the token would say
       * "comuneComuneDiRimini". */
      if (starts_with_word (place, issuer_id) ||
          starts_with_word (place, _(sp_issuer_type_get_name (issuer))))
        add_problem (problems, S, SP_ID_DOCUMENT_ISSUER_NAME, "document-issuer-name",
                     _("Type only the place of the issuing office, for example “Rimini”: its kind is chosen above."));
      else
        for (const char *p = place; *p != '\0'; p = g_utf8_next_char (p))
          {
            gunichar c = g_utf8_get_char (p);
            if (!g_unichar_isalpha (c) && c != ' ' && c != '\'' && c != '-' && c != 0x2019)
              {
                add_problem (problems, S, SP_ID_DOCUMENT_ISSUER_NAME, "document-issuer-name",
                             _("The place of the issuing office is a name: letters, spaces, apostrophes and dashes."));
                break;
              }
          }
    }
}

static void
check_document (SpIdentification *self,
                const GDate      *today,
                GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_DOCUMENT;
  g_autoptr(SpDocumentCheck) check = NULL;
  SpDocumentType type;
  SpIssuerType issuer = SP_ISSUER_NONE;
  GDate issued, expires;
  gboolean has_issued, has_expires;

  if (!sp_document_type_from_string (sp_identification_get_field (self, SP_ID_DOCUMENT_TYPE), &type))
    {
      add_problem (problems, S, SP_ID_DOCUMENT_TYPE, "document-type",
                   _("Choose the type of identity document."));
      return;
    }

  sp_issuer_type_from_string (sp_identification_get_field (self, SP_ID_DOCUMENT_ISSUER), &issuer);
  has_issued = sp_identification_parse_date (sp_identification_get_field (self, SP_ID_DOCUMENT_ISSUED), &issued);
  has_expires = sp_identification_parse_date (sp_identification_get_field (self, SP_ID_DOCUMENT_EXPIRES), &expires);

  check = sp_document_check (type, sp_identification_get_field (self, SP_ID_DOCUMENT_NUMBER), issuer,
                             has_issued ? &issued : NULL, has_expires ? &expires : NULL, today);

  for (guint i = 0; i < check->errors->len; i++)
    {
      const GError *e = g_ptr_array_index (check->errors, i);
      const char *field = SP_ID_DOCUMENT_NUMBER;

      switch (e->code)
        {
        case SP_DOCUMENT_ERROR_ISSUER:
          field = SP_ID_DOCUMENT_ISSUER;
          break;
        case SP_DOCUMENT_ERROR_ISSUE_DATE:
          field = SP_ID_DOCUMENT_ISSUED;
          break;
        case SP_DOCUMENT_ERROR_EXPIRY_DATE:
        case SP_DOCUMENT_ERROR_EXPIRED:
          field = SP_ID_DOCUMENT_EXPIRES;
          break;
        case SP_DOCUMENT_ERROR_NOT_ACCEPTED:
          field = SP_ID_DOCUMENT_TYPE;
          break;
        default:
          break;
        }
      add_problem (problems, S, field,
                   e->code == SP_DOCUMENT_ERROR_NOT_ACCEPTED ? "document-not-accepted" : "document",
                   e->message);
    }

  if (check->warnings->len > 0 && !sp_identification_get_flag (self, SP_ID_FLAG_DOCUMENT_WARNING))
    {
      const GError *e = g_ptr_array_index (check->warnings, 0);
      add_problem (problems, S, SP_ID_FLAG_DOCUMENT_WARNING, "document-warning", e->message);
    }

  if (self->channel == SP_IDENTIFICATION_CHANNEL_RAO)
    check_document_for_token (self, type, issuer, problems);
  else if (field_empty (self, SP_ID_DOCUMENT_ISSUER_NAME))
    add_problem (problems, S, SP_ID_DOCUMENT_ISSUER_NAME, "document-issuer-name",
                 _("Type who issued the document, for example “Comune di Rimini”."));
}

static void
check_health_card (SpIdentification *self,
                   const GDate      *today,
                   GPtrArray        *problems)
{
  g_autoptr(GError) error = NULL;
  GDate expires;
  gboolean has_expires;

  has_expires = sp_identification_parse_date (sp_identification_get_field (self, SP_ID_HEALTH_CARD_EXPIRES), &expires);
  if (!sp_health_card_validate_number (sp_identification_get_field (self, SP_ID_HEALTH_CARD_NUMBER), &error))
    {
      add_problem (problems, SP_IDENTIFICATION_STEP_HEALTH_CARD, SP_ID_HEALTH_CARD_NUMBER,
                   "health-card", error->message);
      return;
    }
  if (!has_expires)
    {
      add_problem (problems, SP_IDENTIFICATION_STEP_HEALTH_CARD, SP_ID_HEALTH_CARD_EXPIRES,
                   "health-card", _("Type the health card’s expiry date as day/month/year."));
      return;
    }
  if (!sp_health_card_validate (sp_identification_get_field (self, SP_ID_HEALTH_CARD_NUMBER),
                                &expires, today, &error))
    add_problem (problems, SP_IDENTIFICATION_STEP_HEALTH_CARD, SP_ID_HEALTH_CARD_EXPIRES,
                 "health-card", error->message);
}

static void
check_contacts (SpIdentification *self,
                GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_CONTACTS;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *country = NULL;
  g_autofree char *mobile = NULL;

  email = sp_contact_normalize_email (sp_identification_get_field (self, SP_ID_EMAIL), &error);
  if (email == NULL)
    add_problem (problems, S, SP_ID_EMAIL, "email", error->message);
  else
    {
      g_autofree char *confirmed = sp_contact_confirm_email (sp_identification_get_field (self, SP_ID_EMAIL),
                                                             sp_identification_get_field (self, SP_ID_EMAIL_CONFIRM),
                                                             &error);
      if (confirmed == NULL)
        add_problem (problems, S, SP_ID_EMAIL_CONFIRM, "email", error->message);
    }
  g_clear_error (&error);

  country = mobile_country_digits (self, &error);
  if (country == NULL)
    add_problem (problems, S, SP_ID_MOBILE_COUNTRY, "mobile", error->message);
  else if ((mobile = sp_identification_normalize_mobile (self, &error)) == NULL)
    add_problem (problems, S, SP_ID_MOBILE, "mobile", error->message);
  else
    {
      g_autofree char *confirmed = sp_contact_confirm_phone (sp_identification_get_field (self, SP_ID_MOBILE),
                                                             sp_identification_get_field (self, SP_ID_MOBILE_CONFIRM),
                                                             country, &error);
      if (confirmed == NULL)
        add_problem (problems, S, SP_ID_MOBILE_CONFIRM, "mobile", error->message);
    }
  g_clear_error (&error);

  if (!field_empty (self, SP_ID_PEC))
    {
      g_autofree char *pec = sp_contact_normalize_email (sp_identification_get_field (self, SP_ID_PEC), &error);
      if (pec == NULL)
        add_problem (problems, S, SP_ID_PEC, "pec", error->message);
    }

  if (!sp_identification_get_flag (self, SP_ID_FLAG_CONSENT))
    add_problem (problems, S, SP_ID_FLAG_CONSENT, "consent",
                 _("The citizen must agree that the data are passed to the identity provider."));
}

static void
check_checklist (SpIdentification *self,
                 GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_CHECKS;

  if (!sp_identification_get_flag (self, SP_ID_FLAG_CHECK_PHOTO))
    add_problem (problems, S, SP_ID_FLAG_CHECK_PHOTO, "checklist",
                 _("Confirm that the photo matches the person."));
  if (!sp_identification_get_flag (self, SP_ID_FLAG_CHECK_DOCUMENT))
    add_problem (problems, S, SP_ID_FLAG_CHECK_DOCUMENT, "checklist",
                 _("Confirm that the document is original and intact."));
  if (!sp_identification_get_flag (self, SP_ID_FLAG_CHECK_PRIVACY))
    add_problem (problems, S, SP_ID_FLAG_CHECK_PRIVACY, "checklist",
                 _("Confirm that the privacy notice was given."));
  if (!sp_identification_get_flag (self, SP_ID_FLAG_CHECK_SIGNED))
    add_problem (problems, S, SP_ID_FLAG_CHECK_SIGNED, "checklist",
                 _("Confirm that the citizen signed the application."));
}

GPtrArray *
sp_identification_check (SpIdentification *self,
                         SpStore          *store,
                         SpPlaces         *places,
                         const GDate      *today)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_identification_problem_free);

  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), problems);
  g_return_val_if_fail (today != NULL && g_date_valid (today), problems);

  check_citizen (self, store, places, today, problems);
  check_document (self, today, problems);
  check_health_card (self, today, problems);
  check_contacts (self, problems);
  check_checklist (self, problems);

  return problems;
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
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *cf = g_ascii_strup (sp_identification_get_field (self, SP_ID_CODICE_FISCALE), -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "codice_fiscale");
  json_builder_add_string_value (builder, g_strstrip (cf));
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, channel_names[self->channel]);
  if (extra_key != NULL)
    {
      json_builder_set_member_name (builder, extra_key);
      json_builder_add_string_value (builder, extra_value);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
format_local (gint64      usec,
              const char *format)
{
  char *text = sp_date_format_local (usec, format);
  return text != NULL ? text : g_strdup ("");
}

/* The e-mail of RAO-TOKEN.md §6, in the citizen's language: who
 * identified them and when, the second half of the code, how to go on at
 * an identity provider, the token attached. */
static gboolean
queue_email (SpStore          *store,
             SpIdentification *self,
             const char       *code,
             const char       *token,
             gboolean          demo,
             GError          **error)
{
  const char *lang = sp_identification_get_field (self, SP_ID_LANGUAGE);
  g_autofree char *recipient = sp_contact_normalize_email (sp_identification_get_field (self, SP_ID_EMAIL), NULL);
  g_autofree char *comune = sp_store_get_setting (store, SP_SETTING_COMUNE_NAME);
  g_autofree char *second = sp_activation_code_second_half (code);
  g_autofree char *spelled = NULL;
  g_autofree char *date = format_local (self->completed_at, "%d/%m/%Y");
  g_autofree char *time = format_local (self->completed_at, "%H:%M");
  g_autofree char *deadline = format_local (self->expires_at, "%d/%m/%Y");
  g_autofree char *name = g_strdup_printf ("%s %s", sp_identification_get_field (self, SP_ID_NAME),
                                           sp_identification_get_field (self, SP_ID_SURNAME));
  g_autofree char *file_name = sp_spid_token_file_name (self->uuid);
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) attachment = NULL;

  if (*lang == '\0')
    lang = "it";
  spelled = sp_activation_code_spell_symbols (second, lang);

  /* The e-mail is in the citizen's language, whatever the desk's. */
  text = g_string_new (NULL);
  if (demo)
    g_string_append_printf (text, "%s\n\n",
                            sp_receipt_translate (lang, N_("DEMO: this message comes from training data. "
                                                           "No identity provider accepts its token.")));
  g_string_append_printf (text,
                          sp_receipt_translate (lang,
                            N_("Dear %s,\n\n"
                               "this message holds what you need to obtain your SPID digital identity.\n\n"
                               "You were identified in person at the public desk of %s on %s at %s. "
                               "You were given a receipt with the first part of your activation code.\n\n"
                               "The second part of your activation code is: %s\n")),
                          name, comune != NULL ? comune : "", date, time, second);
  if (spelled != NULL)
    g_string_append_printf (text, "(%s)\n", spelled);
  g_string_append_printf (text, "\n%s\n\n",
                          sp_receipt_translate (lang, N_("Upper and lower case letters are different: type "
                                                         "each character exactly as it is written.")));
  g_string_append_printf (text,
                          sp_receipt_translate (lang,
                            N_("To finish, choose one of the SPID identity providers listed at "
                               "https://www.spid.gov.it and follow its link for identification by a "
                               "“RAO pubblico”. Keep at hand your codice fiscale and the mobile phone "
                               "whose number you gave. Upload the activation package attached to this "
                               "message (the file %s) and type the activation code, joining its two "
                               "parts: first the one on your receipt, then the one above. You can "
                               "choose any identity provider that takes part.\n\n"
                               "Do it by %s: after that day the activation package is no longer "
                               "valid and you must be identified again.\n\n"
                               "If you did not ask for a SPID identity, ignore this message.\n\n"
                               "This message was sent automatically: please do not reply.\n")),
                          file_name, deadline);
  body = g_string_free (g_steal_pointer (&text), FALSE);

  subject = g_strdup_printf ("%s%s", demo ? "[DEMO] " : "",
                             sp_receipt_translate (lang, N_("SPID - Identification at a public desk")));
  attachment = g_bytes_new (token, strlen (token));
  uuid = sp_outbox_enqueue (store, self->uuid, recipient, subject, body, file_name, attachment, error);
  return uuid != NULL;
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
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SpCitizen) citizen = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpSeal) comune_seal = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *first_half = NULL;
  g_autofree char *data = NULL;
  g_autofree char *details = NULL;
  GDate birth;
  gint64 now = at > 0 ? at : sp_store_now ();

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), FALSE);
  g_return_val_if_fail (seal == NULL || SP_IS_SEAL (seal), FALSE);

  if (!require_draft (self, error))
    return FALSE;

  problems = sp_identification_check (self, store, places, today);
  /* A seal given (the demo's) is the one that seals: the comune's is not
   * needed then. */
  for (guint i = problems->len; seal != NULL && i > 0; i--)
    if (g_strcmp0 (((SpIdentificationProblem *) g_ptr_array_index (problems, i - 1))->rule, SP_ID_RULE_SEAL) == 0)
      g_ptr_array_remove_index (problems, i - 1);
  if (problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (_("The identification cannot be completed:"));
      for (guint i = 0; i < problems->len; i++)
        {
          SpIdentificationProblem *p = g_ptr_array_index (problems, i);
          g_string_append_printf (text, "\n• %s", p->message);
        }
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_RULES, text->str);
      return FALSE;
    }

  /* The citizen, stored once. */
  citizen = sp_citizen_new ();
  g_free (citizen->codice_fiscale);
  citizen->codice_fiscale = g_strstrip (g_ascii_strup (sp_identification_get_field (self, SP_ID_CODICE_FISCALE), -1));
  g_free (citizen->surname);
  citizen->surname = g_strstrip (g_strdup (sp_identification_get_field (self, SP_ID_SURNAME)));
  g_free (citizen->name);
  citizen->name = g_strstrip (g_strdup (sp_identification_get_field (self, SP_ID_NAME)));
  citizen->sex = typed_sex (self);
  sp_identification_parse_date (sp_identification_get_field (self, SP_ID_BIRTH_DATE), &birth);
  g_free (citizen->birth_date);
  citizen->birth_date = date_to_iso (&birth);
  g_free (citizen->birth_place_code);
  citizen->birth_place_code = g_strdup (resolve_place_code (self, SP_ID_BIRTH_PLACE, places, &birth, NULL));
#define COPY(f, key) g_free (citizen->f); citizen->f = g_strstrip (g_strdup (sp_identification_get_field (self, key)))
  COPY (residence_type, SP_ID_RESIDENCE_TYPE);
  COPY (residence_street, SP_ID_RESIDENCE_STREET);
  COPY (residence_number, SP_ID_RESIDENCE_NUMBER);
  COPY (residence_postcode, SP_ID_RESIDENCE_POSTCODE);
#undef COPY
  g_free (citizen->residence_place_code);
  citizen->residence_place_code = g_strdup (resolve_place_code (self, SP_ID_RESIDENCE_PLACE, places, today, NULL));
  g_free (citizen->email);
  citizen->email = sp_contact_normalize_email (sp_identification_get_field (self, SP_ID_EMAIL), NULL);
  g_free (citizen->mobile);
  citizen->mobile = sp_identification_normalize_mobile (self, NULL);

  self->completed_at = now;
  if (self->channel == SP_IDENTIFICATION_CHANNEL_RAO)
    {
      if (seal == NULL)
        {
          seal = comune_seal = sp_seal_load (store, &local_error);
          if (seal == NULL)
            goto fail_early;
        }
      if (!sp_seal_check_usable (seal, now, &local_error))
        goto fail_early;
      /* RSA on a smart card can take a while: seal before taking the
       * write lock. */
      token = seal_token (store, self, actor, places, seal, &code, &local_error);
      if (token == NULL)
        goto fail_early;
      first_half = sp_activation_code_first_half (code);
    }

  if (!sp_store_begin (store, &local_error))
    goto fail_early;

  if (!sp_citizen_upsert (store, actor, citizen, &local_error))
    goto fail;

  if (code != NULL && !queue_email (store, self, code, token, sp_seal_is_demo (seal), &local_error))
    goto fail;

  data = form_to_json (self);
  stmt = sp_store_prepare (store,
                           "UPDATE identifications SET state = 'completed', channel = ?2, citizen_id = ?3, "
                           "codice_fiscale = ?4, surname = ?5, name = ?6, data = ?7, updated_at = ?8, "
                           "completed_at = ?8, expires_at = ?9, code_first_half = ?10, completed_by = nullif (?11, 0), "
                           "token = ?12, seal_id = nullif (?13, 0) "
                           "WHERE uuid = ?1 AND state = 'draft'",
                           &local_error);
  if (stmt == NULL)
    goto fail;
  sp_store_bind_text (stmt, 1, self->uuid);
  sp_store_bind_text (stmt, 2, channel_names[self->channel]);
  sqlite3_bind_int64 (stmt, 3, citizen->id);
  sp_store_bind_text (stmt, 4, citizen->codice_fiscale);
  sp_store_bind_text (stmt, 5, citizen->surname);
  sp_store_bind_text (stmt, 6, citizen->name);
  sp_store_bind_text (stmt, 7, data);
  sqlite3_bind_int64 (stmt, 8, now);
  if (self->expires_at > 0)
    sqlite3_bind_int64 (stmt, 9, self->expires_at);
  else
    sqlite3_bind_null (stmt, 9);
  sp_store_bind_text (stmt, 10, first_half);
  sqlite3_bind_int64 (stmt, 11, actor.operator_id);
  sp_store_bind_text (stmt, 12, token);
  sqlite3_bind_int64 (stmt, 13, token != NULL ? sp_seal_get_id (seal) : 0);
  if (!sp_store_step_done (store, stmt, &local_error))
    goto fail;
  if (sqlite3_changes (sp_store_get_handle (store)) != 1)
    {
      g_set_error_literal (&local_error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                           _("This identification was closed at another desk."));
      goto fail;
    }

  details = audit_details (self, NULL, NULL);
  if (!sp_audit_append (store, actor, SP_AUDIT_SPID_COMPLETE, self->uuid, details, &local_error) ||
      !sp_store_commit (store, &local_error))
    goto fail;

  self->state = SP_IDENTIFICATION_COMPLETED;
  self->citizen_id = citizen->id;
  self->updated_at = now;
  self->dirty = FALSE;
  g_free (self->code_first_half);
  self->code_first_half = g_steal_pointer (&first_half);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);

  if (out_code != NULL)
    *out_code = g_steal_pointer (&code);
  return TRUE;

fail:
  sp_store_rollback (store);
fail_early:
  self->completed_at = 0;
  self->expires_at = 0;
  g_propagate_error (error, g_steal_pointer (&local_error));
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *token;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), NULL);

  if (!require_sent_token (self, error))
    return NULL;

  stmt = sp_store_prepare (store, "SELECT token FROM identifications WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, self->uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                           _("This identification’s token is no longer kept: the retention period erased it."));
      return NULL;
    }
  token = sp_store_column_dup (stmt, 0);
  return token;
}

gboolean
sp_identification_resend_email (SpStore           *store,
                                SpIdentification  *self,
                                SpActor            actor,
                                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = NULL;

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
  if (!sp_store_begin (store, error))
    return FALSE;
  uuid = sp_outbox_requeue_first (store, self->uuid, &local_error);
  if (uuid == NULL ||
      !sp_audit_append (store, actor, SP_AUDIT_SPID_RESEND, self->uuid, NULL, &local_error) ||
      !sp_store_commit (store, &local_error))
    {
      sp_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_identification_refuse (SpStore           *store,
                          SpIdentification  *self,
                          SpActor            actor,
                          const char        *reason,
                          const char        *note,
                          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *details = NULL;
  g_autofree char *clean_note = g_strstrip (g_strdup (note != NULL ? note : ""));
  gboolean known = FALSE;
  gint64 now = sp_store_now ();

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

  if (!sp_store_begin (store, error))
    return FALSE;

  data = form_to_json (self);
  stmt = sp_store_prepare (store,
                           "UPDATE identifications SET state = 'refused', data = ?2, codice_fiscale = ?3, "
                           "surname = ?4, name = ?5, updated_at = ?6, refused_at = ?6, "
                           "refusal_reason = ?7, refusal_note = ?8 WHERE uuid = ?1 AND state = 'draft'",
                           &local_error);
  if (stmt == NULL)
    goto fail;
  sp_store_bind_text (stmt, 1, self->uuid);
  sp_store_bind_text (stmt, 2, data);
  {
    g_autofree char *cf = g_ascii_strup (sp_identification_get_field (self, SP_ID_CODICE_FISCALE), -1);
    sp_store_bind_text (stmt, 3, g_strstrip (cf));
  }
  sp_store_bind_text (stmt, 4, sp_identification_get_field (self, SP_ID_SURNAME));
  sp_store_bind_text (stmt, 5, sp_identification_get_field (self, SP_ID_NAME));
  sqlite3_bind_int64 (stmt, 6, now);
  sp_store_bind_text (stmt, 7, reason);
  sp_store_bind_text (stmt, 8, clean_note);
  if (!sp_store_step_done (store, stmt, &local_error))
    goto fail;
  if (sqlite3_changes (sp_store_get_handle (store)) != 1)
    {
      g_set_error_literal (&local_error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                           _("This identification was closed at another desk."));
      goto fail;
    }

  /* The free text may carry personal data: the audit keeps the reason id only. */
  details = audit_details (self, "reason", reason);
  if (!sp_audit_append (store, actor, SP_AUDIT_SPID_REFUSE, self->uuid, details, &local_error) ||
      !sp_store_commit (store, &local_error))
    goto fail;

  self->state = SP_IDENTIFICATION_REFUSED;
  self->refused_at = now;
  self->updated_at = now;
  self->dirty = FALSE;
  g_free (self->refusal_reason);
  self->refusal_reason = g_strdup (reason);
  g_free (self->refusal_note);
  self->refusal_note = g_steal_pointer (&clean_note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
  return TRUE;

fail:
  sp_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

guint
sp_identification_expire_due (SpStore  *store,
                              gint64    now,
                              GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), 0);

  select = sp_store_prepare (store,
                             "SELECT uuid, codice_fiscale FROM identifications "
                             "WHERE state = 'completed' AND channel = 'rao' AND expires_at IS NOT NULL "
                             "AND expires_at <= ?1", error);
  if (select == NULL)
    return 0;
  sqlite3_bind_int64 (select, 1, now);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_ptr_array_add (due, sp_store_column_dup (select, 0));
      g_ptr_array_add (due, sp_store_column_dup (select, 1));
    }
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return 0;
    }
  if (due->len == 0)
    return 0;

  if (!sp_store_begin (store, error))
    return 0;

  for (guint i = 0; i < due->len; i += 2)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *details = g_strdup_printf ("{\"codice_fiscale\":\"%s\"}",
                                                  (const char *) g_ptr_array_index (due, i + 1));

      stmt = sp_store_prepare (store,
                               "UPDATE identifications SET state = 'expired', expired_at = ?2, "
                               "updated_at = ?2 WHERE uuid = ?1 AND state = 'completed'", &local_error);
      if (stmt == NULL)
        goto fail;
      sp_store_bind_text (stmt, 1, g_ptr_array_index (due, i));
      sqlite3_bind_int64 (stmt, 2, now);
      if (!sp_store_step_done (store, stmt, &local_error) ||
          !sp_audit_append (store, SP_ACTOR_SYSTEM, SP_AUDIT_SPID_EXPIRE,
                            g_ptr_array_index (due, i), details, &local_error))
        goto fail;
    }

  if (!sp_store_commit (store, &local_error))
    goto fail;
  return due->len / 2;

fail:
  sp_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return 0;
}

/* Receipt */

static gboolean
sealed_by_demo (SpStore          *store,
                SpIdentification *self)
{
  g_autoptr(sqlite3_stmt) stmt = sp_store_prepare (store,
                                                   "SELECT s.kind = 'demo' FROM identifications i "
                                                   "JOIN seals s ON s.id = i.seal_id WHERE i.uuid = ?1",
                                                   NULL);

  if (stmt == NULL)
    return FALSE;
  sp_store_bind_text (stmt, 1, self->uuid);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

SpReceipt *
sp_identification_issue_receipt (SpStore           *store,
                                 SpIdentification  *self,
                                 SpActor            actor,
                                 const char        *desk_name,
                                 const char        *operator_name,
                                 GError           **error)
{
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *name = NULL;
  const char *lang;

  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), NULL);

  if (self->state != SP_IDENTIFICATION_COMPLETED)
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                           _("Only a completed identification has a receipt."));
      return NULL;
    }

  lang = sp_identification_get_field (self, SP_ID_LANGUAGE);
  name = sp_identification_dup_display_name (self);
  receipt = sp_receipt_new (SP_RECEIPT_KIND_SPID_IDENTIFICATION, self->uuid);
  sp_receipt_set_language (receipt, *lang != '\0' ? lang : "it");
  sp_receipt_set_desk (receipt, actor.desk_id, desk_name);
  sp_receipt_set_operator (receipt, actor.operator_id, operator_name);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Citizen"), name);

  if (self->channel == SP_IDENTIFICATION_CHANNEL_RAO)
    {
      g_autofree char *deadline = format_local (self->expires_at, "%Y-%m-%d");
      const char *provider = sp_identification_get_field (self, SP_ID_INTENDED_PROVIDER);

      /* Training data say so on paper too. */
      if (sealed_by_demo (store, self))
        sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("DEMO"),
                              N_("Training data, sealed with the demo’s own seal: no identity "
                                 "provider accepts this identification."));
      /* Printed large in a face where no two characters of the code's
       * alphabet look alike, its symbols spelled under it. */
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, N_("First half of the activation code"),
                            self->code_first_half);
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, N_("Complete the activation by"), deadline);
      if (*provider != '\0')
        sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Identity provider"), provider);
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Next steps"),
                            N_("The second part of the activation code was sent to your email, "
                               "with the activation package. Choose an identity provider at "
                               "www.spid.gov.it, follow its link for identification by a “RAO "
                               "pubblico”, upload the package and type the whole code: first the "
                               "part above, then the one in the email."));
    }
  else
    {
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Identity provider"),
                            sp_identification_get_field (self, SP_ID_PROVIDER));
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, N_("Provider request code"),
                            sp_identification_get_field (self, SP_ID_PROVIDER_REQUEST_CODE));
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Next steps"),
                            N_("Your identity was verified at this desk. The identity provider "
                               "will activate your SPID identity and write to you by email: "
                               "follow its instructions to choose your password."));
    }

  if (!sp_receipt_issue (store, receipt, actor, error))
    return NULL;

  return g_steal_pointer (&receipt);
}

/* Search */

GListModel *
sp_identification_search (SpStore     *store,
                          const char  *text,
                          int          state,
                          const char  *date,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (SP_TYPE_IDENTIFICATION);
  g_autofree char *pattern = NULL;
  gint64 from = 0, to = G_MAXINT64;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (text != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (text));
      if (*clean != '\0')
        {
          GString *escaped = g_string_new ("%");
          for (const char *p = clean; *p; p++)
            {
              if (*p == '%' || *p == '_' || *p == '\\')
                g_string_append_c (escaped, '\\');
              g_string_append_c (escaped, *p);
            }
          g_string_append_c (escaped, '%');
          pattern = g_string_free (escaped, FALSE);
        }
    }

  if (date != NULL && *date != '\0')
    {
      GDate d;
      if (sp_identification_parse_date (date, &d))
        {
          g_autoptr(GDateTime) start = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d),
                                                              g_date_get_day (&d), 0, 0, 0);
          g_autoptr(GDateTime) end = g_date_time_add_days (start, 1);
          from = g_date_time_to_unix (start) * G_USEC_PER_SEC;
          to = g_date_time_to_unix (end) * G_USEC_PER_SEC;
        }
    }

  stmt = sp_store_prepare (store,
                           "SELECT " COLUMNS " FROM identifications "
                           "WHERE (?1 IS NULL OR codice_fiscale LIKE ?1 ESCAPE '\\' "
                           "       OR (surname || ' ' || name) LIKE ?1 ESCAPE '\\' "
                           "       OR (name || ' ' || surname) LIKE ?1 ESCAPE '\\') "
                           "AND (?2 IS NULL OR state = ?2) "
                           "AND created_at >= ?3 AND created_at < ?4 "
                           "ORDER BY created_at DESC, id DESC LIMIT ?5",
                           error);
  if (stmt == NULL)
    return NULL;
  sp_store_bind_text (stmt, 1, pattern);
  if (state >= 0 && state <= SP_IDENTIFICATION_EXPIRED)
    sp_store_bind_text (stmt, 2, state_names[state]);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);
  sqlite3_bind_int64 (stmt, 5, limit > 0 ? limit : 200);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SpIdentification) item = identification_from_row (stmt);
      g_list_store_append (list, item);
    }
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}
