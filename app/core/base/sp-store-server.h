/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-server.h — an office's PostgreSQL server set up for Sportello
 *
 * sp_store_server_init() creates, on a stock PostgreSQL 15 and as its
 * superuser, the office's database and three roles named after it: the
 * owner, which runs the migrations; the desks' role, which reads and
 * writes the records but changes no table's shape and can neither update
 * nor delete the audit trail; and a read-only role for reports, which
 * sees neither the keys nor the password hashes. Each role gets a new
 * random password, told once, for the computers' ~/.pgpass.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_SERVER_ROLE_OWNER,
  SP_SERVER_ROLE_DESK,
  SP_SERVER_ROLE_READER,
  SP_SERVER_N_ROLES,
} SpServerRole;

typedef struct
{
  char *database;
  char *host;       /* as the superuser's connection reached it */
  char *port;
  char *role[SP_SERVER_N_ROLES];
  char *password[SP_SERVER_N_ROLES];
} SpServerSetup;

void           sp_server_setup_free (SpServerSetup *setup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpServerSetup, sp_server_setup_free)

/* location: postgresql://SUPERUSER@HOST/DATABASE, DATABASE not yet on the
 * server. password: the superuser's, when ~/.pgpass does not give it
 * (SP_STORE_ERROR_PASSWORD_NEEDED says so), or NULL. Creates the roles
 * and the database, migrates it as its owner and grants each role its
 * part; on failure removes what it created. */
SpServerSetup *sp_store_server_init (const char  *location,
                                     const char  *password,
                                     GError     **error);

/* The location a role's programs open (the superuser's URI with the role
 * as its user). */
char          *sp_server_setup_location (const SpServerSetup *setup,
                                         const char          *superuser_location,
                                         SpServerRole         role);

G_END_DECLS
