/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-server.c — an office's database and roles on a PostgreSQL server */
#define G_LOG_DOMAIN "sp-store-server"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <string.h>

#include "sp-error.h"
#include "sp-store-private.h"
#include "sp-store-server.h"

static const char * const role_suffix[SP_SERVER_N_ROLES] = { "owner", "desk", "reader" };

/* What the read-only role may not see: the keys and the SMTP password in
 * settings (hidden row by row), the seals' keys and the operators' hashes. */
static const char * const reader_hidden_settings = "'installation.secret', 'smtp.password'";

void
sp_server_setup_free (SpServerSetup *setup)
{
  if (setup == NULL)
    return;
  g_free (setup->database);
  g_free (setup->host);
  g_free (setup->port);
  for (int i = 0; i < SP_SERVER_N_ROLES; i++)
    {
      g_free (setup->role[i]);
      if (setup->password[i] != NULL)
        sodium_memzero (setup->password[i], strlen (setup->password[i]));
      g_free (setup->password[i]);
    }
  g_free (setup);
}

/* The value of keyword among the location's options, or NULL. */
static char *
option_value (const char *location,
              const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (location, NULL);
  char *value = NULL;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL && *o->val != '\0')
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

/* A connection to dbname on the location's server, as its user. */
static PGconn *
connect_to (const char  *location,
            const char  *dbname,
            const char  *password,
            GError     **error)
{
  /* Only the first dbname is read as a connection string; the second
   * names the database; the password is never part of a string. */
  const char *keywords[] = { "dbname", "dbname", password != NULL ? "password" : NULL, NULL };
  const char *values[] = { location, dbname, password, NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, TRUE);

  if (PQstatus (conn) == CONNECTION_OK)
    return conn;

  sp_engine_postgres_set_connect_error (conn, error);
  PQfinish (conn);
  return NULL;
}

/* Runs one statement (or a script without parameters); the server's
 * message on failure, which names objects, never a password. */
static gboolean
run (PGconn      *conn,
     const char  *sql,
     GError     **error)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    {
      g_autofree char *detail = g_strdup (PQresultErrorMessage (result));

      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The server refused to set up the database: %s."), g_strstrip (detail));
    }
  PQclear (result);
  return ok;
}

/* The first column of the first row of a one-parameter query, or NULL. */
static char *
query_value (PGconn      *conn,
             const char  *sql,
             const char  *parameter,
             GError     **error)
{
  const char *values[] = { parameter };
  PGresult *result = PQexecParams (conn, sql, parameter != NULL ? 1 : 0, NULL, values, NULL, NULL, 0);
  char *value = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_autofree char *detail = g_strdup (PQresultErrorMessage (result));

      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The server refused to set up the database: %s."), g_strstrip (detail));
    }
  else if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  else
    value = g_strdup ("");
  PQclear (result);
  return value;
}

/* A database name that makes plain role names (NAME_owner…): small
 * letters, digits and '_', starting with a letter, at most 50. */
static gboolean
plain_name (const char *name)
{
  if (!g_ascii_islower (name[0]) || strlen (name) > 50)
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '_')
      return FALSE;
  return TRUE;
}

/* A password nobody chose: 24 random bytes as URL-safe base64, which
 * ~/.pgpass takes without escaping (no ':' and no '\'). */
static char *
new_password (void)
{
  guchar bytes[24];
  char *text;

  randombytes_buf (bytes, sizeof bytes);
  text = g_base64_encode (bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

static char *
identifier (PGconn     *conn,
            const char *name)
{
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  char *copy = g_strdup (quoted);

  PQfreemem (quoted);
  return copy;
}

/* CREATE ROLE with the password's SCRAM verifier, computed here: the
 * password itself never reaches the server, nor its log. */
static gboolean
create_role (PGconn      *conn,
             const char  *role,
             const char  *password,
             GError     **error)
{
  g_autofree char *name = identifier (conn, role);
  g_autofree char *sql = NULL;
  char *verifier = PQencryptPasswordConn (conn, password, role, "scram-sha-256");
  char *literal;

  if (verifier == NULL)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The server refused to set up the database: %s."), PQerrorMessage (conn));
      return FALSE;
    }
  literal = PQescapeLiteral (conn, verifier, strlen (verifier));
  sql = g_strdup_printf ("CREATE ROLE %s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %s",
                         name, literal);
  PQfreemem (literal);
  PQfreemem (verifier);
  return run (conn, sql, error);
}

/* The grants of the desks' and the reports' roles, on every table the
 * migrations made and (by default privileges) on those later ones make. */
static char *
grants_sql (PGconn              *conn,
            const SpServerSetup *setup,
            const char          *operator_columns)
{
  g_autofree char *owner = identifier (conn, setup->role[SP_SERVER_ROLE_OWNER]);
  g_autofree char *desk = identifier (conn, setup->role[SP_SERVER_ROLE_DESK]);
  g_autofree char *reader = identifier (conn, setup->role[SP_SERVER_ROLE_READER]);

  return g_strdup_printf (
    "BEGIN;"
    "REVOKE ALL ON SCHEMA public FROM PUBLIC;"
    "GRANT USAGE ON SCHEMA public TO %2$s, %3$s;"
    /* The desks: the records, not the shape; the audit trails (the
     * office's, the pop-up desks' brought back) only grow. */
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %2$s;"
    "REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM %2$s;"
    "REVOKE UPDATE, DELETE, TRUNCATE ON audit, popup_audit FROM %2$s;"
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %2$s;"
    /* Reports: reading, without the keys, the seals and the hashes. */
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %3$s;"
    "REVOKE SELECT ON seals, operators FROM %3$s;"
    "GRANT SELECT (%5$s) ON operators TO %3$s;"
    "ALTER TABLE settings ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY settings_desks ON settings TO %2$s USING (true) WITH CHECK (true);"
    "CREATE POLICY settings_reports ON settings FOR SELECT TO %3$s USING (key NOT IN (%4$s));"
    "ALTER DEFAULT PRIVILEGES FOR ROLE %1$s IN SCHEMA public "
    "  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %2$s;"
    "ALTER DEFAULT PRIVILEGES FOR ROLE %1$s IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %2$s;"
    "ALTER DEFAULT PRIVILEGES FOR ROLE %1$s IN SCHEMA public GRANT SELECT ON TABLES TO %3$s;"
    "COMMIT",
    owner, desk, reader, reader_hidden_settings, operator_columns);
}

/* The superuser's location, opening the new database as its owner: the
 * migrations then make tables the owner owns. */
static char *
owner_location (const char          *location,
                const SpServerSetup *setup)
{
  g_autofree char *options = g_strdup_printf ("-c role=%s", setup->role[SP_SERVER_ROLE_OWNER]);
  g_autofree char *escaped_options = g_uri_escape_string (options, NULL, FALSE);
  g_autofree char *escaped_db = g_uri_escape_string (setup->database, NULL, FALSE);

  return g_strdup_printf ("%s%cdbname=%s&options=%s", location, strchr (location, '?') != NULL ? '&' : '?',
                          escaped_db, escaped_options);
}

static gboolean
migrate_and_grant (const char     *location,
                   const char     *password,
                   SpServerSetup  *setup,
                   GError        **error)
{
  g_autofree char *as_owner = owner_location (location, setup);
  g_autofree char *grants = NULL;
  g_autofree char *columns = NULL;
  g_autoptr(SpStore) store = NULL;
  PGconn *conn;
  gboolean ok;

  store = password != NULL ? sp_store_open_with_password (as_owner, password, error)
                           : sp_store_open (as_owner, error);
  if (store == NULL)
    return FALSE;
  g_clear_object (&store);

  conn = connect_to (location, setup->database, password, error);
  if (conn == NULL)
    return FALSE;
  /* Every column of the operators but their password hashes. */
  columns = query_value (conn, "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) "
                               "FROM information_schema.columns WHERE table_schema = 'public' "
                               "AND table_name = 'operators' AND column_name <> $1",
                         "password_hash", error);
  ok = columns != NULL;
  if (ok)
    {
      grants = grants_sql (conn, setup, columns);
      ok = run (conn, grants, error);
    }
  PQfinish (conn);
  return ok;
}

/* Drops what a failed set-up created: the database, then the roles. */
static void
undo (PGconn              *conn,
      const SpServerSetup *setup,
      gboolean             database_created,
      int                  roles_created)
{
  if (database_created)
    {
      g_autofree char *name = identifier (conn, setup->database);
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);

      run (conn, sql, NULL);
    }
  for (int i = 0; i < roles_created; i++)
    {
      g_autofree char *name = identifier (conn, setup->role[i]);
      g_autofree char *sql = g_strdup_printf ("DROP ROLE IF EXISTS %s", name);

      run (conn, sql, NULL);
    }
}

SpServerSetup *
sp_store_server_init (const char  *location,
                      const char  *password,
                      GError     **error)
{
  g_autoptr(SpServerSetup) setup = g_new0 (SpServerSetup, 1);
  g_autofree char *superuser = NULL;
  g_autofree char *existing = NULL;
  gboolean database_created = FALSE;
  int roles_created = 0;
  PGconn *conn;

  g_return_val_if_fail (location != NULL, NULL);

  if (!sp_store_location_is_postgres (location))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("Give the server as postgresql://SUPERUSER@HOST/DATABASE: a SQLite file needs "
                             "no server set-up."));
      return NULL;
    }
  setup->database = option_value (location, "dbname");
  if (setup->database == NULL || g_str_equal (setup->database, "postgres") ||
      g_str_has_prefix (setup->database, "template") || !plain_name (setup->database))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("Name the office’s new database in the address, in small letters, digits "
                             "and “_”, as in postgresql://postgres@server/sportello."));
      return NULL;
    }
  for (int i = 0; i < SP_SERVER_N_ROLES; i++)
    setup->role[i] = g_strdup_printf ("%s_%s", setup->database, role_suffix[i]);

  conn = connect_to (location, "postgres", password, error);
  if (conn == NULL)
    return NULL;
  setup->host = g_strdup (PQhost (conn));
  setup->port = g_strdup (PQport (conn));

  superuser = query_value (conn, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", NULL, error);
  if (superuser == NULL)
    goto failed;
  if (!g_str_equal (superuser, "t"))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("“%s” is not a superuser of the server: set up the database as postgres."), PQuser (conn));
      goto failed;
    }

  existing = query_value (conn,
                          "SELECT string_agg(name, ', ') FROM ("
                          "  SELECT datname AS name FROM pg_database WHERE datname = $1"
                          "  UNION ALL SELECT rolname FROM pg_roles WHERE rolname LIKE $1 || '\\_%'"
                          "    AND substring(rolname FROM length($1) + 2) IN ('owner', 'desk', 'reader')) AS taken",
                          setup->database, error);
  if (existing == NULL)
    goto failed;
  if (*existing != '\0')
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                   _("The server already has %s: server init sets up a new database only."), existing);
      goto failed;
    }

  for (; roles_created < SP_SERVER_N_ROLES; roles_created++)
    {
      setup->password[roles_created] = new_password ();
      if (!create_role (conn, setup->role[roles_created], setup->password[roles_created], error))
        goto failed;
    }

  {
    g_autofree char *db = identifier (conn, setup->database);
    g_autofree char *owner = identifier (conn, setup->role[SP_SERVER_ROLE_OWNER]);
    g_autofree char *desk = identifier (conn, setup->role[SP_SERVER_ROLE_DESK]);
    g_autofree char *reader = identifier (conn, setup->role[SP_SERVER_ROLE_READER]);
    g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s OWNER %s ENCODING 'UTF8' "
                                               "TEMPLATE template0", db, owner);
    g_autofree char *connect = g_strdup_printf ("REVOKE ALL ON DATABASE %s FROM PUBLIC;"
                                                "GRANT CONNECT, TEMPORARY ON DATABASE %s TO %s, %s",
                                                db, db, desk, reader);

    if (!run (conn, create, error))
      goto failed;
    database_created = TRUE;
    if (!run (conn, connect, error))
      goto failed;
  }

  if (!migrate_and_grant (location, password, setup, error))
    goto failed;

  PQfinish (conn);
  return g_steal_pointer (&setup);

failed:
  undo (conn, setup, database_created, roles_created);
  PQfinish (conn);
  return NULL;
}

char *
sp_server_setup_location (const SpServerSetup *setup,
                          const char          *superuser_location,
                          SpServerRole         role)
{
  PQconninfoOption *options = PQconninfoParse (superuser_location, NULL);
  g_autofree char *user = g_uri_escape_string (setup->role[role], NULL, FALSE);
  g_autofree char *db = g_uri_escape_string (setup->database, NULL, FALSE);
  GString *uri = g_string_new ("postgresql://");
  gboolean socket = setup->host == NULL || setup->host[0] == '/';
  char separator = '?';

  g_string_append_printf (uri, "%s@", user);
  if (!socket)
    {
      g_string_append (uri, setup->host);
      if (setup->port != NULL && !g_str_equal (setup->port, "5432"))
        g_string_append_printf (uri, ":%s", setup->port);
    }
  g_string_append_printf (uri, "/%s", db);
  if (socket && setup->host != NULL)
    {
      g_autofree char *host = g_uri_escape_string (setup->host, NULL, FALSE);

      g_string_append_printf (uri, "?host=%s&port=%s", host, setup->port);
      separator = '&';
    }

  /* The rest of what the superuser's address said (sslmode and its files,
   * application_name…) holds for the roles too. */
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      const char *skip[] = { "user", "password", "dbname", "host", "hostaddr", "port", "options" };
      gboolean skipped = FALSE;

      if (o->val == NULL || *o->val == '\0')
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (skip); i++)
        skipped |= g_str_equal (o->keyword, skip[i]);
      if (!skipped)
        {
          g_autofree char *value = g_uri_escape_string (o->val, NULL, FALSE);

          g_string_append_printf (uri, "%c%s=%s", separator, o->keyword, value);
          separator = '&';
        }
    }
  PQconninfoFree (options);
  return g_string_free (uri, FALSE);
}
