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

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_SHORTCUT,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SERVICE_COLUMNS "id, uuid, code, name, coalesce(shortcut, 0), position, active"

/* The built-in services of migration 0006, named there with these msgids:
 * listed here so that they are translated. */
static const char * const builtin_names[] G_GNUC_UNUSED = {
  N_("Registry certificate"), N_("Change of residence"), N_("Civil status record"),
  N_("Signature authentication"), N_("Information"),
};

static SpCounterService *
service_from_row (sqlite3_stmt *stmt)
{
  SpCounterService *self = g_object_new (SP_TYPE_COUNTER_SERVICE, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = sp_store_column_dup (stmt, 1);
  self->code = sp_store_column_dup (stmt, 2);
  self->name = sp_store_column_dup (stmt, 3);
  self->shortcut = sqlite3_column_int (stmt, 4);
  self->position = sqlite3_column_int (stmt, 5);
  self->active = sqlite3_column_int (stmt, 6) != 0;

  return self;
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
 * after the checks that must see the same data: the name still apart
 * from the other active services' (check_name), the shortcut still free
 * (check_shortcut ≥ 0). */
typedef struct
{
  SpActor            actor;
  SpCounterService  *self;
  const char        *action;
  const char        *sql;     /* ?1 id, ?2 text, ?3 number, ?4 now */
  const char        *text;
  int                number;
  const char        *details;
  const char        *check_name;
  int                check_shortcut;
} ServiceEdit;

static gboolean
write_edit (SpStore   *store,
            gpointer   user_data,
            GError   **error)
{
  ServiceEdit *edit = user_data;

  if (edit->check_name != NULL &&
      !sp_counter_service_check_name (store, edit->check_name, edit->self->id, error))
    return FALSE;
  if (edit->check_shortcut >= 0 &&
      !sp_counter_service_check_shortcut (store, edit->check_shortcut, edit->self->id, error))
    return FALSE;

  return sp_audit_update (store, edit->actor, edit->action, edit->self->uuid, edit->details,
                          edit->sql, edit->self->id, edit->text, edit->number, error);
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

  service = sp_store_fetch_by_key (store, sql, code, id, (SpStoreRowFunc) service_from_row,
                                   missing, &local_error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_prepare (store,
                           "SELECT " SERVICE_COLUMNS " FROM counter_services "
                           "WHERE active = 1 OR ?1 ORDER BY position, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive);

  return sp_store_collect (store, stmt, SP_TYPE_COUNTER_SERVICE,
                           (SpStoreRowFunc) service_from_row, error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  int rc;

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

  stmt = sp_store_prepare (store, "SELECT name FROM counter_services WHERE shortcut = ?1 AND id != ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, shortcut);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return sp_store_set_error (store, rc, error);

  name = sp_store_column_dup (stmt, 0);
  g_set_error (error, SP_COUNTER_SERVICE_ERROR, SP_COUNTER_SERVICE_ERROR_SHORTCUT_TAKEN,
               /* Translators: %d is a digit 1–9 (Ctrl+1 … Ctrl+9), %s a service's name */
               _("Ctrl+%d is already used by “%s”."), shortcut, _(name));
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;

  /* Checked inside the transaction, so that another desk's edit cannot
   * slip in between. */
  if (!sp_counter_service_check_code (store, add->code, error) ||
      !sp_counter_service_check_name (store, add->name, 0, error) ||
      !sp_counter_service_check_shortcut (store, add->shortcut, 0, error))
    return FALSE;

  stmt = sp_store_prepare (store,
                           "INSERT INTO counter_services (uuid, code, name, shortcut, position, "
                           "created_at, updated_at) VALUES (?1, ?2, ?3, nullif(?4, 0), "
                           "(SELECT coalesce(max(position), 0) + 1 FROM counter_services), ?5, ?5)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, add->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, add->name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, add->shortcut);
  sqlite3_bind_int64 (stmt, 5, sp_store_now ());
  if (!sp_store_step_done (store, stmt, error))
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
  g_autofree char *details = NULL;
  ServiceEdit edit;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), FALSE);

  if (g_strcmp0 (clean, self->name) == 0)
    return TRUE;

  details = details_new (self->code, clean, -1, -1);
  edit = (ServiceEdit) { actor, self, SP_AUDIT_COUNTER_SERVICE_EDIT,
                         "UPDATE counter_services SET name = ?2, updated_at = ?4 WHERE id = ?1",
                         clean, 0, details, clean, -1 };
  if (!sp_store_transaction (store, write_edit, &edit, error))
    return FALSE;

  g_free (self->name);
  self->name = g_steal_pointer (&clean);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  return TRUE;
}

gboolean
sp_counter_service_set_shortcut (SpStore           *store,
                                 SpActor            actor,
                                 SpCounterService  *self,
                                 int                shortcut,
                                 GError           **error)
{
  g_autofree char *details = NULL;
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

  details = details_new (self->code, NULL, shortcut, -1);
  edit = (ServiceEdit) { actor, self, SP_AUDIT_COUNTER_SERVICE_EDIT,
                         "UPDATE counter_services SET shortcut = nullif(?3, 0), updated_at = ?4 WHERE id = ?1",
                         NULL, shortcut, details, NULL, shortcut };
  if (!sp_store_transaction (store, write_edit, &edit, error))
    return FALSE;

  self->shortcut = shortcut;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHORTCUT]);
  return TRUE;
}

gboolean
sp_counter_service_set_active (SpStore           *store,
                               SpActor            actor,
                               SpCounterService  *self,
                               gboolean           active,
                               GError           **error)
{
  g_autofree char *details = NULL;
  ServiceEdit edit;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_COUNTER_SERVICE (self), FALSE);

  active = !!active;
  if (self->active == active)
    return TRUE;

  /* Back in use, its name must again stand apart from the others'. An
   * inactive service gives its shortcut back, for another to take. */
  details = details_new (self->code, NULL, -1, -1);
  edit = (ServiceEdit) { actor, self,
                         active ? SP_AUDIT_COUNTER_SERVICE_ACTIVATE : SP_AUDIT_COUNTER_SERVICE_DEACTIVATE,
                         "UPDATE counter_services SET active = ?3, "
                         "shortcut = CASE WHEN ?3 THEN shortcut END, updated_at = ?4 WHERE id = ?1",
                         NULL, active, details, active ? self->name : NULL, -1 };
  if (!sp_store_transaction (store, write_edit, &edit, error))
    return FALSE;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  if (!active && self->shortcut != 0)
    {
      self->shortcut = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHORTCUT]);
    }
  return TRUE;
}

/* Numbers every service 1…n in the given order. */
static gboolean
renumber (SpStore  *store,
          GArray   *ids,
          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = sp_store_now ();

  stmt = sp_store_prepare (store,
                           "UPDATE counter_services SET position = ?2, updated_at = ?3 "
                           "WHERE id = ?1 AND position != ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!sp_store_step_done (store, stmt, error))
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *details = NULL;
  gint64 other;
  int from = -1;
  int rc;

  /* Positions may tie (the order then falls back on the id): moving
   * swaps two neighbours in the order shown, then numbers them all. */
  stmt = sp_store_prepare (store, "SELECT id FROM counter_services ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id == self->id)
        from = (int) ids->len;
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return sp_store_set_error (store, rc, error);

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

static void
sp_counter_service_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SpCounterService *self = SP_COUNTER_SERVICE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, sp_counter_service_get_display_name (self));
      break;
    case PROP_SHORTCUT:
      g_value_set_int (value, self->shortcut);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_counter_service_finalize (GObject *object)
{
  SpCounterService *self = (SpCounterService *)object;

  g_free (self->uuid);
  g_free (self->code);
  g_free (self->name);

  G_OBJECT_CLASS (sp_counter_service_parent_class)->finalize (object);
}

static void
sp_counter_service_class_init (SpCounterServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sp_counter_service_finalize;
  object_class->get_property = sp_counter_service_get_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_SHORTCUT] = g_param_spec_int ("shortcut", NULL, NULL, 0, SP_COUNTER_SERVICE_SHORTCUT_MAX, 0, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_counter_service_init (SpCounterService *self)
{
  self->active = TRUE;
}
