/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-desk.c — desks: list, add, deactivate */
#define G_LOG_DOMAIN "sp-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-desk.h"
#include "sp-enum.h"
#include "sp-error.h"

struct _SpDesk
{
  GObject     parent_instance;

  gint64      id;
  char       *uuid;
  char       *name;
  SpDeskKind  kind;
  gboolean    active;
};

G_DEFINE_FINAL_TYPE (SpDesk, sp_desk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND_LABEL,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DESK_COLUMNS "id, uuid, name, kind, active"

const char *
sp_desk_kind_to_string (SpDeskKind kind)
{
  return sp_enum_to_nick (SP_TYPE_DESK_KIND, kind);
}

gboolean
sp_desk_kind_from_string (const char *text,
                          SpDeskKind *out_kind)
{
  return sp_enum_from_nick (SP_TYPE_DESK_KIND, text, (int *) out_kind);
}

const char *
sp_desk_kind_get_label (SpDeskKind kind)
{
  return kind == SP_DESK_POPUP ? _("Pop-up point") : _("Counter");
}

static SpDesk *
desk_from_row (sqlite3_stmt *stmt)
{
  SpDesk *self = g_object_new (SP_TYPE_DESK, NULL);
  SpDeskKind kind = SP_DESK_COUNTER;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = sp_store_column_dup (stmt, 1);
  self->name = sp_store_column_dup (stmt, 2);
  sp_desk_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
  self->kind = kind;
  self->active = sqlite3_column_int (stmt, 4) != 0;

  return self;
}

GListModel *
sp_desk_list (SpStore   *store,
              gboolean   include_inactive,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_prepare (store,
                           "SELECT " DESK_COLUMNS " FROM desks WHERE active = 1 OR ?1 "
                           "ORDER BY name COLLATE NOCASE",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, include_inactive);
  return sp_store_collect (store, stmt, SP_TYPE_DESK, (SpStoreRowFunc) desk_from_row, error);
}

static SpDesk *
lookup_where (SpStore     *store,
              const char  *sql,
              const char  *text,
              gint64       number,
              GError     **error)
{
  return sp_store_fetch_by_key (store, sql, text, number, (SpStoreRowFunc) desk_from_row,
                                _("There is no such desk."), error);
}

SpDesk *
sp_desk_lookup (SpStore     *store,
                const char  *name,
                GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return lookup_where (store, "SELECT " DESK_COLUMNS " FROM desks WHERE name = ?1",
                       name, 0, error);
}

SpDesk *
sp_desk_lookup_by_id (SpStore     *store,
                      gint64       id,
                      GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return lookup_where (store, "SELECT " DESK_COLUMNS " FROM desks WHERE id = ?1",
                       NULL, id, error);
}

typedef struct
{
  SpActor     actor;
  const char *name;
  SpDeskKind  kind;
  gint64      id;      /* out */
} DeskAdd;

static gboolean
insert_desk (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  DeskAdd *add = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  stmt = sp_store_prepare (store,
                           "INSERT INTO desks (uuid, name, kind, created_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?4)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, add->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sp_desk_kind_to_string (add->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, sp_store_now ());

  if (!sp_store_step_done (store, stmt, &local_error))
    {
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT))
        g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT,
                     _("A desk named “%s” already exists."), add->name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  add->id = sp_store_last_insert_id (store);
  return sp_audit_append (store, add->actor, SP_AUDIT_DESK_ADD, uuid, NULL, error);
}

SpDesk *
sp_desk_add (SpStore     *store,
             SpActor      actor,
             const char  *name,
             SpDeskKind   kind,
             GError     **error)
{
  g_autofree char *clean = NULL;
  DeskAdd add = { actor, NULL, kind, 0 };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*clean == '\0' || g_utf8_strlen (clean, -1) > 64)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("The desk name must be between 1 and 64 characters long."));
      return NULL;
    }

  add.name = clean;
  if (!sp_store_transaction (store, insert_desk, &add, error))
    return NULL;

  return sp_desk_lookup_by_id (store, add.id, error);
}

gboolean
sp_desk_set_active (SpStore     *store,
                    SpActor      actor,
                    SpDesk      *self,
                    gboolean     active,
                    GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_DESK (self), FALSE);

  if (self->active == !!active)
    return TRUE;

  if (!sp_audit_update (store, actor,
                        active ? SP_AUDIT_DESK_ACTIVATE : SP_AUDIT_DESK_DEACTIVATE, self->uuid, NULL,
                        "UPDATE desks SET active = ?3, updated_at = ?4 WHERE id = ?1",
                        self->id, NULL, !!active, error))
    return FALSE;

  self->active = !!active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  return TRUE;
}

gint64
sp_desk_get_id (SpDesk *self)
{
  g_return_val_if_fail (SP_IS_DESK (self), 0);
  return self->id;
}

const char *
sp_desk_get_uuid (SpDesk *self)
{
  g_return_val_if_fail (SP_IS_DESK (self), NULL);
  return self->uuid;
}

const char *
sp_desk_get_name (SpDesk *self)
{
  g_return_val_if_fail (SP_IS_DESK (self), NULL);
  return self->name;
}

SpDeskKind
sp_desk_get_kind (SpDesk *self)
{
  g_return_val_if_fail (SP_IS_DESK (self), SP_DESK_COUNTER);
  return self->kind;
}

gboolean
sp_desk_get_active (SpDesk *self)
{
  g_return_val_if_fail (SP_IS_DESK (self), FALSE);
  return self->active;
}

static void
sp_desk_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SpDesk *self = SP_DESK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, sp_desk_kind_get_label (self->kind));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_desk_finalize (GObject *object)
{
  SpDesk *self = (SpDesk *)object;

  g_free (self->uuid);
  g_free (self->name);

  G_OBJECT_CLASS (sp_desk_parent_class)->finalize (object);
}

static void
sp_desk_class_init (SpDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sp_desk_finalize;
  object_class->get_property = sp_desk_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_desk_init (SpDesk *self)
{
  self->active = TRUE;
}
