/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-counter-service.c — the comune's list of other counter services, and
 * counting them */
#define G_LOG_DOMAIN "sp-counter-service"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sp-counter-service.h"
#include "sp-error.h"
#include "sp-record.h"
#include "sp-text.h"

struct _SpCounterService
{
  GObject   parent_instance;

  gint64    id;
  char     *uuid;
  char     *code;
  char     *name;
  int       shortcut;
  int       position;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (SpCounterService, sp_counter_service, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-counter-service-error-quark, sp_counter_service_error)

#define SERVICE_COLUMNS "id, uuid, code, name, coalesce(shortcut, 0), position, active"

/* The built-in services of migration 0006, named there with these msgids:
 * listed here so that they are translated. */
static const char * const builtin_names[] G_GNUC_UNUSED = {
  N_("Registry certificate"), N_("Change of residence"), N_("Civil status record"),
  N_("Signature authentication"), N_("Information"),
};

static gpointer
service_from_row (SpStatement *stmt)
{
  return sp_record_new_from_row (SP_TYPE_COUNTER_SERVICE, stmt);
}

static char *
normalize_code (const char *code)
{
  return g_strstrip (g_ascii_strdown (code != NULL ? code : "", -1));
}

/* Trimmed, each run of white space (a tab, a pasted newline) one space. */
static char *
clean_name (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name != NULL ? name : "", " \t\r\n\f\v", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  return g_string_free (out, FALSE);
}

/* What two names are compared by: case and Unicode form folded. */
static char *
name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

/* The audit row's details: the code, and what changed (name NULL,
 * shortcut or position < 0: not part of it). Never personal data. */
static char *
details_new (const char *code,
             const char *name,
             int         shortcut,
             int         position)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  if (name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
    }
  if (shortcut >= 0)
    {
      json_builder_set_member_name (builder, "shortcut");
      json_builder_add_int_value (builder, shortcut);
    }
  if (position >= 0)
    {
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, position);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* An edit of the service's row with its audit row, in one transaction,
 * after the checks that must see the same data: a new name (or, when
 * reactivating, the service's own) still apart from the other active
 * services', a new shortcut still free. */
typedef struct
{
  SpActor            actor;
  SpCounterService  *self;
  const char        *action;
  const char        *sql;           /* ?1 id, ?2 text, ?3 number, ?4 now */
  const char        *text;
  int                number;
  const char        *name;          /* the new name, or NULL */
  int                shortcut;      /* the new shortcut, or -1 */
  gboolean           reactivating;
} ServiceEdit;

static gboolean
write_edit (SpStore   *store,
            gpointer   user_data,
            GError   **error)
{
  ServiceEdit *edit = user_data;
  SpCounterService *self = edit->self;
  const char *check_name = edit->reactivating ? self->name : edit->name;
  g_autofree char *details = NULL;

  if (check_name != NULL && !sp_counter_service_check_name (store, check_name, self->id, error))
    return FALSE;
  if (edit->shortcut >= 0 && !sp_counter_service_check_shortcut (store, edit->shortcut, self->id, error))
    return FALSE;

  details = details_new (self->code, edit->name, edit->shortcut, -1);
  return sp_audit_update (store, edit->actor, edit->action, self->uuid, details,
                          edit->sql, self->id, edit->text, edit->number, error);
}

static SpCounterService *
lookup_where (SpStore     *store,
              const char  *sql,
              const char  *code,
              gint64       id,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  /* Translators: %s is the code of a counter service */
  g_autofree char *missing = g_strdup_printf (_("There is no counter service “%s”."),
                                              code != NULL ? code : "");
  SpCounterService *service;

  service = sp_store_lookup (store, sql, code, id, service_from_row, missing, &local_error);
  if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    g_set_error_literal (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_NOT_FOUND, missing);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return service;
}

static SpCounterService *
lookup_by_id (SpStore  *store,
              gint64    id,
              GError  **error)
{
  return lookup_where (store, "SELECT " SERVICE_COLUMNS " FROM counter_services WHERE id = ?1",
                       NULL, id, error);
}

GListModel *
sp_counter_service_list (SpStore   *store,
                         gboolean   include_inactive,
                         GError   **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error,
                         "SELECT " SERVICE_COLUMNS " FROM counter_services "
                         "WHERE active = 1 OR ?1 <> 0 ORDER BY position, id",
                         SP_INT (include_inactive), SP_END);
  if (stmt == NULL)
    return NULL;

  return sp_statement_collect (stmt, SP_TYPE_COUNTER_SERVICE, service_from_row, error);
}

SpCounterService *
sp_counter_service_lookup (SpStore     *store,
                           const char  *code,
                           GError     **error)
{
  g_autofree char *normal = normalize_code (code);

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  /* The column compares without case (COLLATE NOCASE). */
  return lookup_where (store, "SELECT " SERVICE_COLUMNS " FROM counter_services WHERE code = ?1",
                       normal, 0, error);
}

char *
sp_counter_service_suggest_code (const char *name)
{
  g_autofree char *folded = sp_text_fold_upper (name != NULL ? name : "");
  GString *code = g_string_new (NULL);

  for (const char *p = folded; *p != '\0' && code->len < SP_COUNTER_SERVICE_CODE_MAX; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (code, g_ascii_tolower (*p));
      else if (code->len > 0 && code->str[code->len - 1] != '-')
        g_string_append_c (code, '-');
    }
  while (code->len > 0 && code->str[code->len - 1] == '-')
    g_string_truncate (code, code->len - 1);

  return g_string_free (code, FALSE);
}

gboolean
sp_counter_service_check_code (SpStore     *store,
                               const char  *code,
                               GError     **error)
{
  g_autofree char *normal = normalize_code (code);
  g_autoptr(SpCounterService) other = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = strlen (normal);

  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), FALSE);

  if (len == 0 || len > SP_COUNTER_SERVICE_CODE_MAX ||
      strspn (normal, "abcdefghijklmnopqrstuvwxyz0123456789-") != len)
    {
      g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_CODE,
                   _("The code must be 1 to %d characters long: lower-case letters, digits and “-”."),
                   SP_COUNTER_SERVICE_CODE_MAX);
      return FALSE;
    }
  if (store == NULL)
    return TRUE;

  other = sp_counter_service_lookup (store, normal, &local_error);
  if (other == NULL)
    {
      if (g_error_matches (local_error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_CODE_TAKEN,
               /* Translators: a code, then the name of the service that has it */
               _("The code “%s” is already used by “%s”."), normal,
               sp_counter_service_get_display_name (other));
  return FALSE;
}

gboolean
sp_counter_service_check_name (SpStore     *store,
                               const char  *name,
                               gint64       except_id,
                               GError     **error)
{
  g_autofree char *clean = clean_name (name);
  g_autofree char *key = NULL;
  g_autoptr(GListModel) active = NULL;
  glong len = g_utf8_strlen (clean, -1);

  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), FALSE);

  if (len == 0)
    {
      g_set_error_literal (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_NAME,
                           _("The name of the service is missing."));
      return FALSE;
    }
  if (len > SP_COUNTER_SERVICE_NAME_MAX)
    {
      g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_NAME,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The name must be at most %d character long.",
                                "The name must be at most %d characters long.",
                                SP_COUNTER_SERVICE_NAME_MAX),
                   SP_COUNTER_SERVICE_NAME_MAX);
      return FALSE;
    }
  if (store == NULL)
    return TRUE;

  /* Clerks tell the buttons apart by the name they see: compare with the
   * stored name and with its translation. */
  active = sp_counter_service_list (store, FALSE, error);
  if (active == NULL)
    return FALSE;
  key = name_key (clean);
  for (guint i = 0; i < g_list_model_get_n_items (active); i++)
    {
      g_autoptr(SpCounterService) other = g_list_model_get_item (active, i);
      g_autofree char *stored = NULL;
      g_autofree char *shown = NULL;

      if (other->id == except_id)
        continue;
      stored = name_key (other->name);
      shown = name_key (sp_counter_service_get_display_name (other));
      if (g_str_equal (key, stored) || g_str_equal (key, shown))
        {
          g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_NAME_TAKEN,
                       /* Translators: %s is the name of a counter service */
                       _("A service named “%s” is already in the list."),
                       sp_counter_service_get_display_name (other));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
sp_counter_service_check_shortcut (SpStore     *store,
                                   int          shortcut,
                                   gint64       except_id,
                                   GError     **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), FALSE);

  if (shortcut < 0 || shortcut > SP_COUNTER_SERVICE_SHORTCUT_MAX)
    {
      g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_SHORTCUT,
                   _("The shortcut must be a number from 1 to %d, or none."),
                   SP_COUNTER_SERVICE_SHORTCUT_MAX);
      return FALSE;
    }
  if (shortcut == 0 || store == NULL)
    return TRUE;

  stmt = sp_store_query (store, error, "SELECT name FROM counter_services WHERE shortcut = ?1 AND id != ?2",
                         SP_INT (shortcut), SP_INT (except_id), SP_END);
  if (stmt == NULL)
    return FALSE;
  if (!sp_statement_next (stmt, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_SHORTCUT_TAKEN,
               /* Translators: %d is a digit 1–9 (Ctrl+1 … Ctrl+9), %s a service's name */
               _("Ctrl+%d is already used by “%s”."), shortcut,
               _(sp_statement_get_text (stmt, 0)));
  return FALSE;
}

typedef struct
{
  SpActor     actor;
  const char *code;
  const char *name;
  int         shortcut;
  gint64      id;      /* out */
} ServiceAdd;

static gboolean
insert_service (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  ServiceAdd *add = user_data;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;

  /* Checked inside the transaction, so that another desk's edit cannot
   * slip in between. */
  if (!sp_counter_service_check_code (store, add->code, error) ||
      !sp_counter_service_check_name (store, add->name, 0, error) ||
      !sp_counter_service_check_shortcut (store, add->shortcut, 0, error))
    return FALSE;

  if (sp_store_run (store, error,
                    "INSERT INTO counter_services (uuid, code, name, shortcut, position, "
                    "created_at, updated_at) VALUES (?1, ?2, ?3, nullif(?4, 0), "
                    "(SELECT coalesce(max(position), 0) + 1 FROM counter_services), ?5, ?5)",
                    SP_TEXT (uuid), SP_TEXT (add->code), SP_TEXT (add->name), SP_INT (add->shortcut),
                    SP_INT (sp_store_now ()), SP_END) < 0)
    return FALSE;
  add->id = sp_store_last_insert_id (store);

  details = details_new (add->code, add->name, add->shortcut, -1);
  return sp_audit_append (store, add->actor, SP_AUDIT_COUNTER_SERVICE_ADD, uuid, details, error);
}

SpCounterService *
sp_counter_service_add (SpStore     *store,
                        SpActor      actor,
                        const char  *code,
                        const char  *name,
                        int          shortcut,
                        GError     **error)
{
  g_autofree char *normal = normalize_code (code);
  g_autofree char *clean = clean_name (name);
  ServiceAdd add = { actor, normal, clean, shortcut, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_store_transaction (store, insert_service, &add, error))
    return NULL;

  return lookup_by_id (store, add.id, error);
}

gboolean
sp_counter_service_rename (SpStore           *store,
                           SpActor            actor,
                           SpCounterService  *self,
                           const char        *name,
                           GError           **error)
{
  g_autofree char *clean = clean_name (name);
  ServiceEdit edit;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), FALSE);

  if (g_strcmp0 (clean, self->name) == 0)
    return TRUE;

  edit = (ServiceEdit) { .actor = actor, .self = self, .action = SP_AUDIT_COUNTER_SERVICE_EDIT,
                         .sql = "UPDATE counter_services SET name = ?2, updated_at = ?4 WHERE id = ?1",
                         .text = clean, .name = clean, .shortcut = -1 };
  if (!sp_store_transaction (store, write_edit, &edit, error))
    return FALSE;

  g_free (self->name);
  self->name = g_steal_pointer (&clean);
  g_object_notify (G_OBJECT (self), "name");
  g_object_notify (G_OBJECT (self), "display-name");
  return TRUE;
}

gboolean
sp_counter_service_set_shortcut (SpStore           *store,
                                 SpActor            actor,
                                 SpCounterService  *self,
                                 int                shortcut,
                                 GError           **error)
{
  ServiceEdit edit;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), FALSE);

  if (shortcut == self->shortcut)
    return TRUE;
  if (shortcut != 0 && !self->active)
    {
      g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_SHORTCUT,
                   /* Translators: %s is the name of a counter service */
                   _("“%s” is not in use: activate it before giving it a shortcut."),
                   sp_counter_service_get_display_name (self));
      return FALSE;
    }

  edit = (ServiceEdit) { .actor = actor, .self = self, .action = SP_AUDIT_COUNTER_SERVICE_EDIT,
                         .sql = "UPDATE counter_services SET shortcut = nullif(?3, 0), updated_at = ?4 WHERE id = ?1",
                         .number = shortcut, .shortcut = shortcut };
  if (!sp_store_transaction (store, write_edit, &edit, error))
    return FALSE;

  self->shortcut = shortcut;
  g_object_notify (G_OBJECT (self), "shortcut");
  return TRUE;
}

gboolean
sp_counter_service_set_active (SpStore           *store,
                               SpActor            actor,
                               SpCounterService  *self,
                               gboolean           active,
                               GError           **error)
{
  ServiceEdit edit;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), FALSE);

  active = !!active;
  if (self->active == active)
    return TRUE;

  /* Back in use, its name must again stand apart from the others'. An
   * inactive service gives its shortcut back, for another to take. */
  edit = (ServiceEdit) { .actor = actor, .self = self,
                         .action = active ? SP_AUDIT_COUNTER_SERVICE_ACTIVATE : SP_AUDIT_COUNTER_SERVICE_DEACTIVATE,
                         .sql = "UPDATE counter_services SET active = ?3, "
                                "shortcut = CASE WHEN ?3 <> 0 THEN shortcut END, updated_at = ?4 WHERE id = ?1",
                         .number = active, .shortcut = -1, .reactivating = active };
  if (!sp_store_transaction (store, write_edit, &edit, error))
    return FALSE;

  self->active = active;
  g_object_notify (G_OBJECT (self), "active");
  if (!active && self->shortcut != 0)
    {
      self->shortcut = 0;
      g_object_notify (G_OBJECT (self), "shortcut");
    }
  return TRUE;
}

/* Numbers every service 1…n in the given order. */
static gboolean
renumber (SpStore  *store,
          GArray   *ids,
          GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  gint64 now = sp_store_now ();

  stmt = sp_store_query (store, error,
                         "UPDATE counter_services SET position = ?2, updated_at = ?3 "
                         "WHERE id = ?1 AND position != ?2",
                         SP_END);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sp_statement_bind (stmt, SP_INT (g_array_index (ids, gint64, i)), SP_INT (i + 1), SP_INT (now), SP_END);
      if (!sp_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  SpActor           actor;
  SpCounterService *self;
  int               delta;
  int               to;      /* out: the index it moved to */
} ServiceMove;

static gboolean
write_move (SpStore   *store,
            gpointer   user_data,
            GError   **error)
{
  ServiceMove *move = user_data;
  SpCounterService *self = move->self;
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *details = NULL;
  gint64 other;
  int from = -1;

  /* Positions may tie (the order then falls back on the id): moving
   * swaps two neighbours in the order shown, then numbers them all. */
  stmt = sp_store_query (store, error, "SELECT id FROM counter_services ORDER BY position, id", SP_END);
  if (stmt == NULL)
    return FALSE;
  while (sp_statement_next (stmt, &local_error))
    {
      gint64 id = sp_statement_get_int (stmt, 0);

      if (id == self->id)
        from = (int) ids->len;
      g_array_append_val (ids, id);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  move->to = from + move->delta;
  if (from < 0 || move->to < 0 || move->to >= (int) ids->len)
    {
      g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_CANNOT_MOVE,
                   move->delta < 0 ? _("“%s” is already the first.") : _("“%s” is already the last."),
                   sp_counter_service_get_display_name (self));
      return FALSE;
    }
  other = g_array_index (ids, gint64, move->to);
  g_array_index (ids, gint64, move->to) = self->id;
  g_array_index (ids, gint64, from) = other;

  details = details_new (self->code, NULL, -1, move->to + 1);
  return renumber (store, ids, error) &&
         sp_audit_append (store, move->actor, SP_AUDIT_COUNTER_SERVICE_EDIT, self->uuid, details, error);
}

gboolean
sp_counter_service_move (SpStore           *store,
                         SpActor            actor,
                         SpCounterService  *self,
                         int                delta,
                         GError           **error)
{
  ServiceMove move = { actor, self, delta, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  if (!sp_store_transaction (store, write_move, &move, error))
    return FALSE;

  self->position = move.to + 1;
  return TRUE;
}

gint64
sp_counter_service_get_id (SpCounterService *self)
{
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), 0);
  return self->id;
}

const char *
sp_counter_service_get_uuid (SpCounterService *self)
{
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), NULL);
  return self->uuid;
}

const char *
sp_counter_service_get_code (SpCounterService *self)
{
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), NULL);
  return self->code;
}

const char *
sp_counter_service_get_name (SpCounterService *self)
{
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), NULL);
  return self->name;
}

const char *
sp_counter_service_get_display_name (SpCounterService *self)
{
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), NULL);
  /* A name that is not a msgid comes back as it is. */
  return _(self->name);
}

int
sp_counter_service_get_shortcut (SpCounterService *self)
{
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), 0);
  return self->shortcut;
}

gboolean
sp_counter_service_get_active (SpCounterService *self)
{
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), FALSE);
  return self->active;
}

/* In the order of SERVICE_COLUMNS. */
static const SpRecordField service_fields[] = {
  SP_RECORD_FIELD (NULL, SP_RECORD_INT64, SpCounterService, id),
  SP_RECORD_FIELD (NULL, SP_RECORD_STRING, SpCounterService, uuid),
  SP_RECORD_FIELD ("code", SP_RECORD_STRING, SpCounterService, code),
  SP_RECORD_FIELD ("name", SP_RECORD_STRING, SpCounterService, name),
  SP_RECORD_FIELD ("shortcut", SP_RECORD_INT, SpCounterService, shortcut),
  SP_RECORD_FIELD (NULL, SP_RECORD_INT, SpCounterService, position),
  SP_RECORD_FIELD ("active", SP_RECORD_BOOLEAN, SpCounterService, active),
  SP_RECORD_LABEL ("display-name", sp_counter_service_get_display_name),
};

static void
sp_counter_service_class_init (SpCounterServiceClass *klass)
{
  sp_record_class_install (G_OBJECT_CLASS (klass), service_fields, G_N_ELEMENTS (service_fields));
}

static void
sp_counter_service_init (SpCounterService *self)
{
}

JsonArray *
sp_counter_service_export_all (SpStore  *store,
                               GError  **error)
{
  g_autoptr(GListModel) services = NULL;
  g_autoptr(JsonArray) array = json_array_new ();

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  services = sp_counter_service_list (store, TRUE, error);
  if (services == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(SpCounterService) service = g_list_model_get_item (services, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "uuid", service->uuid);
      json_object_set_string_member (object, "code", service->code);
      json_object_set_string_member (object, "name", service->name);
      json_object_set_int_member (object, "shortcut", service->shortcut);
      json_object_set_int_member (object, "position", service->position);
      json_object_set_boolean_member (object, "active", service->active);
      json_array_add_object_element (array, object);
    }
  return g_steal_pointer (&array);
}

gboolean
sp_counter_service_import_all (SpStore    *store,
                               JsonArray  *services,
                               GError    **error)
{
  gint64 now = sp_store_now ();

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (sp_store_in_transaction (store), FALSE);

  /* Shortcuts are unique: free them all before giving them out again. */
  if (sp_store_run (store, error, "UPDATE counter_services SET shortcut = NULL, active = 0", SP_END) < 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *object = json_array_get_object_element (services, i);
      const char *uuid = object != NULL ? json_object_get_string_member_with_default (object, "uuid", NULL) : NULL;
      const char *code = object != NULL ? json_object_get_string_member_with_default (object, "code", NULL) : NULL;
      const char *name = object != NULL ? json_object_get_string_member_with_default (object, "name", NULL) : NULL;
      gint64 shortcut;

      if (uuid == NULL || code == NULL || name == NULL)
        {
          g_set_error_literal (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_INVALID_CODE,
                               _("A counter service of the office has no code or name."));
          return FALSE;
        }
      shortcut = json_object_get_int_member_with_default (object, "shortcut", 0);
      if (sp_store_run (store, error,
                        "INSERT INTO counter_services (uuid, code, name, shortcut, position, active, "
                        "  created_at, updated_at) VALUES (?1, ?2, ?3, nullif (?4, 0), ?5, ?6, ?7, ?7) "
                        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, shortcut = excluded.shortcut, "
                        "  position = excluded.position, active = excluded.active, updated_at = excluded.updated_at",
                        SP_TEXT (uuid), SP_TEXT (code), SP_TEXT (name), SP_INT (shortcut),
                        SP_INT (json_object_get_int_member_with_default (object, "position", i + 1)),
                        SP_INT (json_object_get_boolean_member_with_default (object, "active", TRUE)),
                        SP_INT (now), SP_END) < 0)
        return FALSE;
    }
  return TRUE;
}
