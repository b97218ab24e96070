/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-operator.c — operators, roles and sign-in with lockout */
#define G_LOG_DOMAIN "sp-operator"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sp-codice-fiscale.h"
#include "sp-enum.h"
#include "sp-error.h"
#include "sp-operator.h"
#include "sp-password.h"
#include "sp-record.h"

struct _SpOperator
{
  GObject  parent_instance;

  gint64   id;
  char    *uuid;
  char    *username;
  char    *display_name;
  char    *codice_fiscale;
  SpRole   role;
  gboolean active;
  gint64   locked_until;
};

G_DEFINE_FINAL_TYPE (SpOperator, sp_operator, G_TYPE_OBJECT)

#define OPERATOR_COLUMNS \
  "id, uuid, username, display_name, codice_fiscale, role, active, locked_until"

const char *
sp_role_to_string (SpRole role)
{
  return sp_enum_to_nick (SP_TYPE_ROLE, role);
}

gboolean
sp_role_from_string (const char *text,
                     SpRole     *out_role)
{
  return sp_enum_from_nick (SP_TYPE_ROLE, text, (int *) out_role);
}

const char *
sp_role_get_label (SpRole role)
{
  switch (role)
    {
    case SP_ROLE_CLERK:
      return _("Clerk");
    case SP_ROLE_SUPERVISOR:
      return _("Supervisor");
    case SP_ROLE_ADMIN:
      return _("Administrator");
    default:
      g_return_val_if_reached (NULL);
    }
}

static gpointer
operator_from_row (SpStatement *stmt)
{
  return sp_record_new_from_row (SP_TYPE_OPERATOR, stmt);
}

static char *
build_details (const char *first_key,
               ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *key;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, va_arg (args, const char *));
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

GListModel *
sp_operator_list (SpStore   *store,
                  gboolean   include_inactive,
                  GError   **error)
{
  g_autoptr(SpStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error,
                         "SELECT " OPERATOR_COLUMNS " FROM operators "
                         "WHERE active = 1 OR ?1 <> 0 "
                         "ORDER BY display_name COLLATE NOCASE, username",
                         SP_INT (include_inactive), SP_END);
  if (stmt == NULL)
    return NULL;

  return sp_statement_collect (stmt, SP_TYPE_OPERATOR, operator_from_row, error);
}

static SpOperator *
lookup_where (SpStore     *store,
              const char  *sql,
              const char  *text,
              gint64       number,
              GError     **error)
{
  return sp_store_lookup (store, sql, text, number, operator_from_row,
                          _("There is no such operator."), error);
}

SpOperator *
sp_operator_lookup (SpStore     *store,
                    const char  *username,
                    GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  return lookup_where (store,
                       "SELECT " OPERATOR_COLUMNS " FROM operators WHERE username = ?1",
                       username, 0, error);
}

SpOperator *
sp_operator_lookup_by_id (SpStore     *store,
                          gint64       id,
                          GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return lookup_where (store,
                       "SELECT " OPERATOR_COLUMNS " FROM operators WHERE id = ?1",
                       NULL, id, error);
}

SpOperator *
sp_operator_find_by_codice_fiscale (SpStore    *store,
                                    const char *codice_fiscale)
{
  g_autofree char *upper = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (codice_fiscale == NULL || *codice_fiscale == '\0')
    return NULL;

  upper = g_ascii_strup (codice_fiscale, -1);
  g_strstrip (upper);
  return lookup_where (store,
                       "SELECT " OPERATOR_COLUMNS " FROM operators WHERE codice_fiscale = ?1",
                       upper, 0, NULL);
}

static gboolean
validate_username (const char  *username,
                   GError     **error)
{
  gsize len = username != NULL ? strlen (username) : 0;

  if (len < 2 || len > 64)
    {
      g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INVALID,
                           _("The username must be between 2 and 64 characters long."));
      return FALSE;
    }

  for (const char *p = username; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
        {
          g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INVALID,
                               _("The username may contain only letters, digits, dots, hyphens and underscores."));
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  SpActor     actor;
  const char *username;
  const char *display_name;
  const char *codice_fiscale;
  SpRole      role;
  const char *hash;
  gint64      id;      /* out */
} OperatorAdd;

static gboolean
insert_operator (SpStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  OperatorAdd *add = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();
  g_autofree char *details = NULL;

  if (sp_store_run (store, &local_error,
                    "INSERT INTO operators (uuid, username, display_name, codice_fiscale, "
                    "role, password_hash, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    SP_TEXT (uuid), SP_TEXT (add->username), SP_TEXT (add->display_name),
                    SP_TEXT (add->codice_fiscale), SP_TEXT (sp_role_to_string (add->role)),
                    SP_TEXT (add->hash), SP_INT (sp_store_now ()), SP_END) < 0)
    {
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_CONSTRAINT))
        g_set_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INVALID,
                     _("The username “%s” is already taken."), add->username);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  add->id = sp_store_last_insert_id (store);
  details = build_details ("username", add->username, "role", sp_role_to_string (add->role), NULL);
  return sp_audit_append (store, add->actor, SP_AUDIT_OPERATOR_ADD, uuid, details, error);
}

JsonArray *
sp_operator_export_accounts (SpStore  *store,
                             GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(JsonArray) accounts = json_array_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_query (store, error,
                         "SELECT uuid, username, display_name, coalesce (codice_fiscale, ''), role, "
                         "  password_hash, active FROM operators ORDER BY id", SP_END);
  if (stmt == NULL)
    return NULL;
  while (sp_statement_next (stmt, &local_error))
    {
      JsonObject *account = json_object_new ();

      json_object_set_string_member (account, "uuid", sp_statement_get_text (stmt, 0));
      json_object_set_string_member (account, "username", sp_statement_get_text (stmt, 1));
      json_object_set_string_member (account, "display_name", sp_statement_get_text (stmt, 2));
      json_object_set_string_member (account, "codice_fiscale", sp_statement_get_text (stmt, 3));
      json_object_set_string_member (account, "role", sp_statement_get_text (stmt, 4));
      json_object_set_string_member (account, "password_hash", sp_statement_get_text (stmt, 5));
      json_object_set_boolean_member (account, "active", sp_statement_get_int (stmt, 6) != 0);
      json_array_add_object_element (accounts, account);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

typedef struct
{
  SpActor    actor;
  JsonArray *accounts;
} AccountsImport;

static gboolean
write_accounts (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  AccountsImport *import = user_data;
  g_autofree char *details = NULL;
  gint64 now = sp_store_now ();
  guint n = json_array_get_length (import->accounts);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *a = json_array_get_object_element (import->accounts, i);
      const char *cf = a != NULL ? json_object_get_string_member_with_default (a, "codice_fiscale", "") : "";
      SpRole role;

      if (a == NULL || !sp_role_from_string (json_object_get_string_member_with_default (a, "role", ""), &role) ||
          *json_object_get_string_member_with_default (a, "password_hash", "") == '\0')
        {
          g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                               _("An operator of the enrolment file is not valid."));
          return FALSE;
        }
      if (sp_store_run (store, error,
                        "INSERT INTO operators (uuid, username, display_name, codice_fiscale, role, "
                        "  password_hash, active, created_at, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
                        "ON CONFLICT (uuid) DO UPDATE SET username = excluded.username, "
                        "  display_name = excluded.display_name, codice_fiscale = excluded.codice_fiscale, "
                        "  role = excluded.role, password_hash = excluded.password_hash, "
                        "  active = excluded.active, updated_at = excluded.updated_at",
                        SP_TEXT (json_object_get_string_member_with_default (a, "uuid", "")),
                        SP_TEXT (json_object_get_string_member_with_default (a, "username", "")),
                        SP_TEXT (json_object_get_string_member_with_default (a, "display_name", "")),
                        SP_TEXT (*cf != '\0' ? cf : NULL), SP_TEXT (sp_role_to_string (role)),
                        SP_TEXT (json_object_get_string_member (a, "password_hash")),
                        SP_INT (json_object_get_boolean_member_with_default (a, "active", TRUE) ? 1 : 0),
                        SP_INT (now), SP_END) < 0)
        return FALSE;
    }
  details = g_strdup_printf ("{\"count\":%u}", n);
  return sp_audit_append (store, import->actor, SP_AUDIT_OPERATORS_IMPORT, NULL, details, error);
}

gboolean
sp_operator_import_accounts (SpStore    *store,
                             SpActor     actor,
                             JsonArray  *accounts,
                             GError    **error)
{
  AccountsImport import = { actor, accounts };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (accounts != NULL, FALSE);

  return sp_store_transaction (store, write_accounts, &import, error);
}

SpOperator *
sp_operator_add (SpStore     *store,
                 SpActor      actor,
                 const char  *username,
                 const char  *display_name,
                 const char  *codice_fiscale,
                 SpRole       role,
                 const char  *password,
                 GError     **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *cf = NULL;
  g_autofree char *name = NULL;
  OperatorAdd add;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (role <= SP_ROLE_ADMIN, NULL);

  if (!validate_username (username, error))
    return NULL;

  name = g_strstrip (g_strdup (display_name != NULL ? display_name : ""));
  if (*name == '\0')
    {
      g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INVALID,
                           _("The operator’s full name is missing."));
      return NULL;
    }

  if (!sp_password_check_strength (password, username, error))
    return NULL;

  if (codice_fiscale != NULL && *codice_fiscale != '\0')
    {
      /* Kept to recognise an operator who comes to the desk as a citizen:
       * it must be a real code. */
      if (!sp_codice_fiscale_validate (codice_fiscale, NULL, error))
        return NULL;
      cf = g_ascii_strup (codice_fiscale, -1);
      g_strstrip (cf);
    }

  hash = sp_password_hash (password, error);
  if (hash == NULL)
    return NULL;

  add = (OperatorAdd) { actor, username, name, cf, role, hash, 0 };
  if (!sp_store_transaction (store, insert_operator, &add, error))
    return NULL;

  return sp_operator_lookup_by_id (store, add.id, error);
}

static int
count_active_admins (SpStore *store)
{
  return (int) sp_store_query_int (store, 0, NULL,
                                   "SELECT count(*) FROM operators WHERE role = 'admin' AND active = 1",
                                   SP_END);
}

/* Refuses to leave the installation without an active administrator. */
static gboolean
check_not_last_admin (SpStore     *store,
                      SpOperator  *self,
                      GError     **error)
{
  if (self->role == SP_ROLE_ADMIN && self->active && count_active_admins (store) <= 1)
    {
      g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_PERMISSION,
                           _("This is the only active administrator. Make another operator an administrator first."));
      return FALSE;
    }

  return TRUE;
}

/* Runs one UPDATE on the operator's row (?1 id, ?2 value, ?4 now) and
 * audits it, in one transaction; first, when the change takes an
 * administrator away, checks that another one stays. */
static gboolean
update_operator (SpStore     *store,
                 SpActor      actor,
                 SpOperator  *self,
                 gboolean     removes_admin,
                 const char  *sql,
                 const char  *value,
                 const char  *action,
                 const char  *details,
                 GError     **error)
{
  if (removes_admin && !check_not_last_admin (store, self, error))
    return FALSE;

  return sp_audit_update (store, actor, action, self->uuid, details, sql, self->id, value, 0, error);
}

gboolean
sp_operator_set_active (SpStore     *store,
                        SpActor      actor,
                        SpOperator  *self,
                        gboolean     active,
                        GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_OPERATOR (self), FALSE);

  if (self->active == !!active)
    return TRUE;

  if (!update_operator (store, actor, self, !active,
                        active ? "UPDATE operators SET active = 1, updated_at = ?4 WHERE id = ?1"
                               : "UPDATE operators SET active = 0, updated_at = ?4 WHERE id = ?1",
                        NULL,
                        active ? SP_AUDIT_OPERATOR_ACTIVATE : SP_AUDIT_OPERATOR_DEACTIVATE,
                        NULL, error))
    return FALSE;

  self->active = !!active;
  g_object_notify (G_OBJECT (self), "active");
  return TRUE;
}

gboolean
sp_operator_set_role (SpStore     *store,
                      SpActor      actor,
                      SpOperator  *self,
                      SpRole       role,
                      GError     **error)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_OPERATOR (self), FALSE);
  g_return_val_if_fail (role <= SP_ROLE_ADMIN, FALSE);

  if (self->role == role)
    return TRUE;

  details = build_details ("from", sp_role_to_string (self->role),
                           "to", sp_role_to_string (role), NULL);
  if (!update_operator (store, actor, self, role != SP_ROLE_ADMIN,
                        "UPDATE operators SET role = ?2, updated_at = ?4 WHERE id = ?1",
                        sp_role_to_string (role), SP_AUDIT_OPERATOR_ROLE, details, error))
    return FALSE;

  self->role = role;
  g_object_notify (G_OBJECT (self), "role-label");
  return TRUE;
}

gboolean
sp_operator_reset_password (SpStore     *store,
                            SpActor      actor,
                            SpOperator  *self,
                            const char  *password,
                            GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_OPERATOR (self), FALSE);

  if (!sp_password_check_strength (password, self->username, error))
    return FALSE;

  hash = sp_password_hash (password, error);
  if (hash == NULL)
    return FALSE;

  if (!update_operator (store, actor, self, FALSE,
                        "UPDATE operators SET password_hash = ?2, failed_attempts = 0, "
                        "locked_until = 0, updated_at = ?4 WHERE id = ?1",
                        hash, SP_AUDIT_OPERATOR_PASSWORD, NULL, error))
    return FALSE;

  self->locked_until = 0;
  return TRUE;
}

/* A real hash of nothing in particular, checked against when the username
 * is unknown. */
static const char *
get_dummy_hash (void)
{
  static char *dummy = NULL;

  if (g_once_init_enter (&dummy))
    g_once_init_leave (&dummy, sp_password_hash ("no operator has this password", NULL));

  return dummy;
}

static void
set_locked_error (GError **error,
                  gint64   locked_until)
{
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (locked_until / G_USEC_PER_SEC);
  g_autofree char *time = g_date_time_format (until, "%H:%M");

  g_set_error (error, SP_AUTH_ERROR, SP_AUTH_ERROR_LOCKED,
               _("This account is locked after %d wrong passwords. Try again after %s, or ask an administrator to reset the password."),
               SP_MAX_FAILED_ATTEMPTS, time);
}

typedef struct
{
  SpActor     actor;
  SpOperator *op;            /* NULL: nobody has that username */
  const char *details;
  gint64      locked_until;  /* out */
} SignInFailure;

static gboolean
write_failure (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  SignInFailure *failure = user_data;
  SpOperator *op = failure->op;

  if (op != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 minutes = sp_store_get_setting_int (store, SP_SETTING_LOCKOUT_MINUTES,
                                                 SP_DEFAULT_LOCKOUT_MINUTES);
      gint64 now = sp_store_now ();

      failure->locked_until =
        sp_store_query_int (store, 0, &local_error,
                            "UPDATE operators SET failed_attempts = failed_attempts + 1, "
                            "locked_until = CASE WHEN failed_attempts + 1 >= ?2 THEN ?3 ELSE locked_until END "
                            "WHERE id = ?1 RETURNING locked_until",
                            SP_INT (op->id), SP_INT (SP_MAX_FAILED_ATTEMPTS),
                            SP_INT (now + minutes * 60 * G_USEC_PER_SEC), SP_END);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (failure->locked_until <= now)
        failure->locked_until = 0;
      /* Reset the count so that after the lock expires the operator gets
       * three fresh attempts. */
      else if (sp_store_run (store, error, "UPDATE operators SET failed_attempts = 0 WHERE id = ?1",
                             SP_INT (op->id), SP_END) < 0)
        return FALSE;
    }

  if (!sp_audit_append (store, failure->actor, SP_AUDIT_SIGN_IN_FAILED,
                        op != NULL ? op->uuid : NULL, failure->details, error))
    return FALSE;

  return failure->locked_until == 0 ||
         sp_audit_append (store, failure->actor, SP_AUDIT_ACCOUNT_LOCKED, op->uuid,
                          failure->details, error);
}

/* Records a failed attempt and, on the last allowed one, locks the account. */
static void
record_failure (SpStore    *store,
                gint64      desk_id,
                SpOperator *op,
                const char *username,
                gint64     *out_locked_until)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *details = build_details ("username", username, NULL);
  SignInFailure failure = { { desk_id, op != NULL ? op->id : 0 }, op, details, 0 };

  if (!sp_store_transaction (store, write_failure, &failure, &local_error))
    {
      g_warning ("Could not record a failed sign-in: %s", local_error->message);
      return;
    }

  *out_locked_until = failure.locked_until;
}

SpOperator *
sp_operator_authenticate (SpStore     *store,
                          gint64       desk_id,
                          const char  *username,
                          const char  *password,
                          GError     **error)
{
  g_autoptr(SpOperator) op = NULL;
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  gint64 locked_until = 0;
  gint64 now = sp_store_now ();
  SpActor actor;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  stmt = sp_store_query (store, error,
                         "SELECT " OPERATOR_COLUMNS ", password_hash FROM operators WHERE username = ?1",
                         SP_TEXT (username), SP_END);
  if (stmt == NULL)
    return NULL;
  if (sp_statement_next (stmt, &local_error))
    {
      op = operator_from_row (stmt);
      hash = sp_statement_dup_text (stmt, 8);
    }
  g_clear_pointer (&stmt, sp_statement_free);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (op != NULL && op->locked_until > now)
    {
      set_locked_error (error, op->locked_until);
      return NULL;
    }

  /* Verify even for unknown names, so timing does not reveal them. */
  ok = sp_password_verify (hash != NULL ? hash : get_dummy_hash (), password);
  if (!ok || op == NULL)
    {
      record_failure (store, desk_id, op, username, &locked_until);
      if (locked_until > 0)
        set_locked_error (error, locked_until);
      else
        g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_WRONG_PASSWORD,
                             _("Wrong username or password."));
      return NULL;
    }

  if (!op->active)
    {
      g_set_error_literal (error, SP_AUTH_ERROR, SP_AUTH_ERROR_INACTIVE,
                           _("This account has been deactivated. Ask an administrator."));
      return NULL;
    }

  actor.desk_id = desk_id;
  actor.operator_id = op->id;

  if (!sp_audit_update (store, actor, SP_AUDIT_SIGN_IN, op->uuid, NULL,
                        "UPDATE operators SET failed_attempts = 0, locked_until = 0 WHERE id = ?1",
                        op->id, NULL, 0, error))
    return NULL;

  op->locked_until = 0;
  return g_steal_pointer (&op);
}

gint64
sp_operator_get_id (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), 0);
  return self->id;
}

const char *
sp_operator_get_uuid (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), NULL);
  return self->uuid;
}

const char *
sp_operator_get_username (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), NULL);
  return self->username;
}

const char *
sp_operator_get_display_name (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), NULL);
  return self->display_name;
}

const char *
sp_operator_get_codice_fiscale (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), NULL);
  return self->codice_fiscale;
}

SpRole
sp_operator_get_role (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), SP_ROLE_CLERK);
  return self->role;
}

gboolean
sp_operator_get_active (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), FALSE);
  return self->active;
}

gint64
sp_operator_get_locked_until (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), 0);
  return self->locked_until;
}

gboolean
sp_operator_can_supervise (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), FALSE);
  return self->role == SP_ROLE_SUPERVISOR || self->role == SP_ROLE_ADMIN;
}

gboolean
sp_operator_is_admin (SpOperator *self)
{
  g_return_val_if_fail (SP_IS_OPERATOR (self), FALSE);
  return self->role == SP_ROLE_ADMIN;
}

static const char *
get_role_label (SpOperator *self)
{
  return sp_role_get_label (self->role);
}

/* In the order of OPERATOR_COLUMNS. */
static const SpRecordField operator_fields[] = {
  SP_RECORD_FIELD ("id", SP_RECORD_INT64, SpOperator, id),
  SP_RECORD_FIELD ("uuid", SP_RECORD_STRING, SpOperator, uuid),
  SP_RECORD_FIELD ("username", SP_RECORD_STRING, SpOperator, username),
  SP_RECORD_FIELD ("display-name", SP_RECORD_STRING, SpOperator, display_name),
  SP_RECORD_FIELD ("codice-fiscale", SP_RECORD_STRING, SpOperator, codice_fiscale),
  SP_RECORD_ENUM_FIELD (NULL, SpOperator, role, sp_role_get_type),
  SP_RECORD_FIELD ("active", SP_RECORD_BOOLEAN, SpOperator, active),
  SP_RECORD_FIELD (NULL, SP_RECORD_INT64, SpOperator, locked_until),
  SP_RECORD_LABEL ("role-label", get_role_label),
};

static void
sp_operator_class_init (SpOperatorClass *klass)
{
  sp_record_class_install (G_OBJECT_CLASS (klass), operator_fields, G_N_ELEMENTS (operator_fields));
}

static void
sp_operator_init (SpOperator *self)
{
}
