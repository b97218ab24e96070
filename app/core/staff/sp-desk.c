/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-desk.c — desks: list, add, deactivate */
#define G_LOG_DOMAIN "sp-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-desk.h"
#include "sp-enum.h"
#include "sp-error.h"
#include "sp-record.h"

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

static gpointer
desk_from_row (SpStatement *stmt)
{
  return sp_record_new_from_row (SP_TYPE_DESK, stmt);
}

GListModel *
sp_desk_list (SpStore   *store,
              gboolean   include_inactive,
              GError   **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error,
                         "SELECT " DESK_COLUMNS " FROM desks WHERE active = 1 OR ?1 <> 0 "
                         "ORDER BY name COLLATE NOCASE",
                         SP_INT (include_inactive), SP_END);
  if (stmt == NULL)
    return NULL;

  return sp_statement_collect (stmt, SP_TYPE_DESK, desk_from_row, error);
}

static SpDesk *
lookup_where (SpStore     *store,
              const char  *sql,
              const char  *text,
              gint64       number,
              GError     **error)
{
  return sp_store_lookup (store, sql, text, number, desk_from_row,
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
sp_desk_lookup_by_uuid (SpStore     *store,
                        const char  *uuid,
                        GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return lookup_where (store, "SELECT " DESK_COLUMNS " FROM desks WHERE uuid = ?1",
                       uuid, 0, error);
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
  const char *uuid;    /* NULL: a new one */
  gint64      id;      /* out */
} DeskAdd;

static gboolean
insert_desk (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  DeskAdd *add = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = add->uuid != NULL ? g_strdup (add->uuid) : sp_store_new_uuid ();

  if (sp_store_run (store, &local_error,
                    "INSERT INTO desks (uuid, name, kind, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?4)",
                    SP_TEXT (uuid), SP_TEXT (add->name), SP_TEXT (sp_desk_kind_to_string (add->kind)),
                    SP_INT (sp_store_now ()), SP_END) < 0)
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

static SpDesk *
add_desk (SpStore     *store,
          SpActor      actor,
          const char  *uuid,
          const char  *name,
          SpDeskKind   kind,
          GError     **error)
{
  g_autofree char *clean = NULL;
  DeskAdd add = { actor, NULL, kind, uuid, 0 };

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

SpDesk *
sp_desk_add (SpStore     *store,
             SpActor      actor,
             const char  *name,
             SpDeskKind   kind,
             GError     **error)
{
  return add_desk (store, actor, NULL, name, kind, error);
}

SpDesk *
sp_desk_import (SpStore     *store,
                SpActor      actor,
                const char  *uuid,
                const char  *name,
                SpDeskKind   kind,
                GError     **error)
{
  g_return_val_if_fail (uuid != NULL, NULL);

  return add_desk (store, actor, uuid, name, kind, error);
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
  g_object_notify (G_OBJECT (self), "active");
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

static const char *
get_kind_label (SpDesk *self)
{
  return sp_desk_kind_get_label (self->kind);
}

/* In the order of DESK_COLUMNS. */
static const SpRecordField desk_fields[] = {
  SP_RECORD_FIELD ("id", SP_RECORD_INT64, SpDesk, id),
  SP_RECORD_FIELD (NULL, SP_RECORD_STRING, SpDesk, uuid),
  SP_RECORD_FIELD ("name", SP_RECORD_STRING, SpDesk, name),
  SP_RECORD_ENUM_FIELD (NULL, SpDesk, kind, sp_desk_kind_get_type),
  SP_RECORD_FIELD ("active", SP_RECORD_BOOLEAN, SpDesk, active),
  SP_RECORD_LABEL ("kind-label", get_kind_label),
};

static void
sp_desk_class_init (SpDeskClass *klass)
{
  sp_record_class_install (G_OBJECT_CLASS (klass), desk_fields, G_N_ELEMENTS (desk_fields));
}

static void
sp_desk_init (SpDesk *self)
{
}
