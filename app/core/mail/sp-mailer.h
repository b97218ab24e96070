/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-mailer.h — sending one email through the comune's SMTP server
 *
 * libcurl's SMTP with TLS (STARTTLS required, or SMTPS), a MIME message
 * built with curl_mime: a text part and an optional attachment. The
 * configuration is read from the database settings; the password is kept
 * there encrypted with the installation secret and never logged.
 */
#pragma once

#include <glib.h>
#include "sp-setting-keys.h"

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_MAILER_ERROR (sp_mailer_error_quark ())

typedef enum
{
  SP_MAILER_ERROR_NOT_CONFIGURED,  /* no server or sender set */
  SP_MAILER_ERROR_CONNECT,         /* server unreachable, offline */
  SP_MAILER_ERROR_TLS,             /* TLS handshake or certificate */
  SP_MAILER_ERROR_LOGIN,           /* wrong username or password */
  SP_MAILER_ERROR_REFUSED,         /* the server refused the message */
  SP_MAILER_ERROR_FAILED,
} SpMailerError;

typedef enum
{
  SP_MAILER_SECURITY_NONE,      /*< nick=none >*/     /* plain SMTP: only for a local relay */
  SP_MAILER_SECURITY_STARTTLS,  /*< nick=starttls >*/
  SP_MAILER_SECURITY_SMTPS,     /*< nick=smtps >*/
} SpMailerSecurity;


typedef struct
{
  char             *server;
  guint             port;
  SpMailerSecurity  security;
  char             *username;
  char             *password;
  char             *sender;
  guint             timeout_seconds;
} SpMailerConfig;

GQuark            sp_mailer_error_quark          (void);
const char       *sp_mailer_security_to_string   (SpMailerSecurity security);
gboolean          sp_mailer_security_from_string (const char       *text,
                                                  SpMailerSecurity *security);

SpMailerConfig   *sp_mailer_config_load          (SpStore         *store,
                                                  GError         **error);
void              sp_mailer_config_free          (SpMailerConfig  *config);
gboolean          sp_mailer_config_is_complete   (const SpMailerConfig *config);
/* Stores the password encrypted with the installation secret (NULL or ""
 * removes it). Joins the caller's transaction. */
gboolean          sp_mailer_store_password       (SpStore         *store,
                                                  const char      *password,
                                                  GError         **error);
/* Saves SMTP settings through sp_settings_save and, unless password is
 * NULL (keep the stored one), the password too ("" removes it): one
 * transaction, one audit row naming the keys. */
gboolean          sp_mailer_save_settings        (SpStore            *store,
                                                  SpActor             actor,
                                                  const char * const *keys,
                                                  const char * const *values,
                                                  const char         *password,
                                                  GError            **error);

gboolean          sp_mailer_send                 (const SpMailerConfig *config,
                                                  const char      *recipient,
                                                  const char      *subject,
                                                  const char      *body,
                                                  const char      *attachment_name,
                                                  GBytes          *attachment,
                                                  GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpMailerConfig, sp_mailer_config_free)

G_END_DECLS
