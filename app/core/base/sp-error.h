/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-error.h — error domains of sp-core
 *
 * Every core function that can fail takes a GError ** in one of these
 * domains; messages are translated and written for a clerk to act on.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_STORE_ERROR (sp_store_error_quark ())
#define SP_AUTH_ERROR  (sp_auth_error_quark ())
#define SP_AUDIT_ERROR (sp_audit_error_quark ())

typedef enum
{
  SP_STORE_ERROR_OPEN,          /* the file cannot be opened or created */
  SP_STORE_ERROR_MIGRATE,       /* a migration failed; nothing was changed */
  SP_STORE_ERROR_NEWER,         /* written by a newer Sportello */
  SP_STORE_ERROR_NOT_SPORTELLO, /* a valid file, but not ours */
  SP_STORE_ERROR_CORRUPT,       /* damaged, or not a database at all */
  SP_STORE_ERROR_CONSTRAINT,    /* a rule of the data was broken */
  SP_STORE_ERROR_BUSY,          /* another program holds the database */
  SP_STORE_ERROR_NOT_FOUND,     /* the record does not exist */
  SP_STORE_ERROR_INVALID,       /* the caller's data is not acceptable */
  SP_STORE_ERROR_FAILED,        /* anything else SQLite reports */
  SP_STORE_ERROR_PASSWORD_NEEDED, /* the server asks for a password none gave */
  SP_STORE_ERROR_CONFLICT,      /* crossed another desk's transaction: retried */
  SP_STORE_ERROR_UNREACHABLE,   /* the server went away: reconnecting */
} SpStoreError;

typedef enum
{
  SP_AUTH_ERROR_WRONG_PASSWORD,
  SP_AUTH_ERROR_LOCKED,
  SP_AUTH_ERROR_INACTIVE,
  SP_AUTH_ERROR_WEAK_PASSWORD,
  SP_AUTH_ERROR_PERMISSION,
  SP_AUTH_ERROR_INVALID,
} SpAuthError;

typedef enum
{
  SP_AUDIT_ERROR_BROKEN,
} SpAuditError;

GQuark sp_store_error_quark (void);
GQuark sp_auth_error_quark  (void);
GQuark sp_audit_error_quark (void);

G_END_DECLS
