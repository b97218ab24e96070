/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-mailer.c — sending one email through the comune's SMTP server */
#define G_LOG_DOMAIN "sp-mailer"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "sp-enum.h"
#include "sp-error.h"
#include "sp-mailer.h"
#include "sp-settings.h"

G_DEFINE_QUARK (sp-mailer-error-quark, sp_mailer_error)

const char *
sp_mailer_security_to_string (SpMailerSecurity security)
{
  return sp_enum_to_nick (SP_TYPE_MAILER_SECURITY, security);
}

gboolean
sp_mailer_security_from_string (const char       *text,
                                SpMailerSecurity *security)
{
  return sp_enum_from_nick (SP_TYPE_MAILER_SECURITY, text, (int *) security);
}

void
sp_mailer_config_free (SpMailerConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->server);
  g_free (config->username);
  if (config->password != NULL)
    {
      sodium_memzero (config->password, strlen (config->password));
      g_free (config->password);
    }
  g_free (config->sender);
  g_free (config);
}

gboolean
sp_mailer_config_is_complete (const SpMailerConfig *config)
{
  return config != NULL && config->server != NULL && *config->server != '\0' &&
         config->sender != NULL && *config->sender != '\0';
}

/* The stored setting is the base64 of sp_store_encrypt_secret ()'s box. */
static char *
decrypt_password (SpStore    *store,
                  const char *stored)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  guint8 *blob;
  gsize len = 0;

  if (stored == NULL || *stored == '\0')
    return NULL;

  blob = g_base64_decode (stored, &len);
  sealed = g_bytes_new_take (blob, len);
  plain = sp_store_decrypt_secret (store, sealed, NULL);
  if (plain == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
}

gboolean
sp_mailer_store_password (SpStore     *store,
                          const char  *password,
                          GError     **error)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *encoded = NULL;

  if (password == NULL || *password == '\0')
    return sp_store_set_setting (store, SP_SETTING_SMTP_PASSWORD, NULL, error);

  plain = g_bytes_new_static (password, strlen (password));
  sealed = sp_store_encrypt_secret (store, plain, error);
  if (sealed == NULL)
    return FALSE;

  encoded = g_base64_encode (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  return sp_store_set_setting (store, SP_SETTING_SMTP_PASSWORD, encoded, error);
}

typedef struct
{
  SpActor             actor;
  const char * const *keys;
  const char * const *values;
  const char         *password;
} MailerSettings;

static gboolean
write_settings (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  MailerSettings *save = user_data;
  /* Only the password's key reaches the audit row, never the password. */
  const char * const password_key[] = { SP_SETTING_SMTP_PASSWORD, NULL };

  return sp_mailer_store_password (store, save->password, error) &&
         sp_settings_save_full (store, save->actor, save->keys, save->values, password_key, error);
}

gboolean
sp_mailer_save_settings (SpStore            *store,
                         SpActor             actor,
                         const char * const *keys,
                         const char * const *values,
                         const char         *password,
                         GError            **error)
{
  MailerSettings save = { actor, keys, values, password };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (password == NULL)
    return sp_settings_save (store, actor, keys, values, error);

  return sp_store_transaction (store, write_settings, &save, error);
}

SpMailerConfig *
sp_mailer_config_load (SpStore  *store,
                       GError  **error)
{
  SpMailerConfig *config = g_new0 (SpMailerConfig, 1);
  g_autofree char *security = NULL;
  g_autofree char *stored_password = NULL;

  config->server = sp_store_get_setting (store, SP_SETTING_SMTP_SERVER);
  config->security = SP_MAILER_SECURITY_STARTTLS;
  security = sp_store_get_setting (store, SP_SETTING_SMTP_SECURITY);
  if (security != NULL)
    sp_mailer_security_from_string (security, &config->security);
  config->port = (guint) sp_store_get_setting_int (store, SP_SETTING_SMTP_PORT,
                                                   config->security == SP_MAILER_SECURITY_SMTPS ? 465 : 587);
  config->username = sp_store_get_setting (store, SP_SETTING_SMTP_USERNAME);
  stored_password = sp_store_get_setting (store, SP_SETTING_SMTP_PASSWORD);
  config->password = decrypt_password (store, stored_password);
  config->sender = sp_store_get_setting (store, SP_SETTING_SMTP_SENDER);
  config->timeout_seconds = 30;

  return config;
}

static SpMailerError
error_code_for (CURLcode rc)
{
  switch (rc)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return SP_MAILER_ERROR_CONNECT;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_USE_SSL_FAILED:
      return SP_MAILER_ERROR_TLS;
    case CURLE_LOGIN_DENIED:
      return SP_MAILER_ERROR_LOGIN;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
      return SP_MAILER_ERROR_CONNECT;
    default:
      return SP_MAILER_ERROR_REFUSED;
    }
}

static char *
address_spec (const char *address)
{
  return g_strdup_printf ("<%s>", address);
}

gboolean
sp_mailer_send (const SpMailerConfig *config,
                const char           *recipient,
                const char           *subject,
                const char           *body,
                const char           *attachment_name,
                GBytes               *attachment,
                GError              **error)
{
  g_autofree char *url = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject_header = NULL;
  g_autofree char *from_header = NULL;
  g_autofree char *to_header = NULL;
  g_autofree char *date_header = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date_text = NULL;
  struct curl_slist *recipients = NULL;
  struct curl_slist *headers = NULL;
  curl_mime *mime;
  curl_mimepart *part;
  char errbuf[CURL_ERROR_SIZE] = "";
  CURL *curl;
  CURLcode rc;

  g_return_val_if_fail (recipient != NULL && subject != NULL && body != NULL, FALSE);

  if (!sp_mailer_config_is_complete (config))
    {
      g_set_error_literal (error, SP_MAILER_ERROR, SP_MAILER_ERROR_NOT_CONFIGURED,
                           _("No outgoing mail server is set: an administrator sets it in Preferences."));
      return FALSE;
    }

  /* A header injection through a crafted address or subject is refused. */
  if (strpbrk (recipient, "\r\n<>") != NULL || strpbrk (subject, "\r\n") != NULL)
    {
      g_set_error_literal (error, SP_MAILER_ERROR, SP_MAILER_ERROR_REFUSED,
                           _("The address or subject contains characters that are not allowed."));
      return FALSE;
    }

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, SP_MAILER_ERROR, SP_MAILER_ERROR_FAILED,
                           _("The mail library could not start."));
      return FALSE;
    }

  url = g_strdup_printf ("%s://%s:%u",
                         config->security == SP_MAILER_SECURITY_SMTPS ? "smtps" : "smtp",
                         config->server, config->port);
  from = address_spec (config->sender);
  to = address_spec (recipient);
  recipients = curl_slist_append (recipients, to);

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) MIN (config->timeout_seconds, 15));
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) config->timeout_seconds);
  if (config->security == SP_MAILER_SECURITY_STARTTLS)
    curl_easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (config->security != SP_MAILER_SECURITY_NONE)
    {
      curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
      curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
    }
  if (config->username != NULL && *config->username != '\0')
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, config->username);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, config->password != NULL ? config->password : "");
    }

  date_text = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S %z");
  date_header = g_strdup_printf ("Date: %s", date_text);
  from_header = g_strdup_printf ("From: %s", from);
  to_header = g_strdup_printf ("To: %s", to);
  {
    /* RFC 2047 encoded word: the subject may carry accented letters. */
    g_autofree char *b64 = g_base64_encode ((const guchar *) subject, strlen (subject));
    subject_header = g_strdup_printf ("Subject: =?UTF-8?B?%s?=", b64);
  }
  headers = curl_slist_append (headers, date_header);
  headers = curl_slist_append (headers, from_header);
  headers = curl_slist_append (headers, to_header);
  headers = curl_slist_append (headers, subject_header);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  mime = curl_mime_init (curl);
  part = curl_mime_addpart (mime);
  curl_mime_data (part, body, CURL_ZERO_TERMINATED);
  curl_mime_type (part, "text/plain; charset=UTF-8");
  curl_mime_encoder (part, "quoted-printable");

  if (attachment != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (attachment, &len);

      part = curl_mime_addpart (mime);
      curl_mime_data (part, data, len);
      curl_mime_type (part, "application/octet-stream");
      curl_mime_filename (part, attachment_name != NULL ? attachment_name : "attachment.bin");
      curl_mime_encoder (part, "base64");
    }
  curl_easy_setopt (curl, CURLOPT_MIMEPOST, mime);

  rc = curl_easy_perform (curl);

  curl_mime_free (mime);
  curl_slist_free_all (recipients);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  if (rc != CURLE_OK)
    {
      /* The error names the server, never the password. */
      g_set_error (error, SP_MAILER_ERROR, error_code_for (rc),
                   _("The email could not be sent through %s: %s"),
                   config->server, *errbuf != '\0' ? errbuf : curl_easy_strerror (rc));
      return FALSE;
    }

  return TRUE;
}
