/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-spid.c — sportello-admin spid …
 *
 *   spid open-token FILE --code CODE
 *       Verifies the seal of a RAO token and opens it with the whole
 *       activation code (receipt part + e-mail part): prints the
 *       ICRequestData as JSON; exit 1 when the seal or the code fails.
 *   spid token UUID --output FILE
 *       Writes the token a RAO identification sent to the citizen.
 *   spid resend UUID
 *       Queues the citizen's e-mail again (audited).
 *   spid outbox list [--all]
 *       Messages still unsent (all with --all): one line each, tab
 *       separated: uuid, created, attempts, state, recipient, last error.
 *   spid outbox send [--force]
 *       Sends the messages that are due (every unsent one with --force).
 *   spid expire
 *       Marks RAO identifications past their activation deadline expired.
 *   spid seal import|pkcs11|show …
 *       The comune's seal certificate (sp-cli-seal.c).
 *   spid smtp --server HOST [--port N] [--security none|starttls|smtps]
 *             --sender ADDRESS [--username NAME] [--password-stdin]
 *       Sets the outgoing mail server (the password is stored encrypted).
 */
#define G_LOG_DOMAIN "sp-cli-spid"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sp-cli-commands.h"
#include "sp-identification.h"
#include "sp-mailer.h"
#include "sp-outbox.h"
#include "sp-activation-code.h"
#include "sp-seal.h"
#include "sp-spid-token.h"

static int
run_open_token (SpCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code_text = NULL;
  g_autofree char *code = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(SpSpidTokenContents) token = NULL;
  g_autoptr(SpSeal) seal = NULL;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code_text, N_("The whole activation code: the receipt’s part, then the e-mail’s"), "CODE" },
    { NULL }
  };
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, "FILE", NULL, entries))
    return 2;
  if (argc != 2 || code_text == NULL)
    return sp_cli_usage_error (_("Usage: sportello-admin spid open-token FILE --code CODE"));

  code = sp_activation_code_parse (code_text, &error);
  if (code == NULL)
    return sp_cli_fail (error, 2);
  if (!g_file_get_contents (argv[1], &contents, NULL, &error))
    return sp_cli_fail (error, 1);

  token = sp_spid_token_open (g_strstrip (contents), code, &error);
  if (token == NULL)
    return sp_cli_fail (error, 1);

  sp_cli_print_json (token->request, TRUE);

  /* Whose seal it is, on standard error so that standard output stays
   * the ICRequestData. */
  store = sp_cli_open_store (cli);
  seal = store != NULL ? sp_seal_load (store, NULL) : NULL;
  if (seal != NULL && g_bytes_equal (sp_seal_get_certificate (seal), token->certificate))
    g_printerr (_("The seal verifies: it is this comune’s seal certificate (%s).\n"), sp_seal_get_subject (seal));
  else
    g_printerr (_("The seal verifies with the certificate in the token, which is not this comune’s "
                  "current seal certificate.\n"));
  return 0;
}

static SpIdentification *
load_identification (SpCli       *cli,
                     const char  *uuid,
                     SpStore    **out_store)
{
  g_autoptr(GError) error = NULL;
  SpIdentification *identification;
  SpStore *store = sp_cli_open_store (cli);

  if (store == NULL)
    return NULL;
  identification = sp_identification_load (store, uuid, &error);
  if (identification == NULL)
    {
      sp_cli_fail (error, 1);
      return NULL;
    }
  *out_store = store;
  return identification;
}

static int
run_token (SpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *token = NULL;
  g_autoptr(SpIdentification) identification = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the token"), "FILE" },
    { NULL }
  };
  SpStore *store = NULL;

  if (!sp_cli_parse_options (&argc, &argv, "UUID", NULL, entries))
    return 2;
  if (argc != 2 || output == NULL)
    return sp_cli_usage_error (_("Usage: sportello-admin spid token UUID --output FILE"));

  identification = load_identification (cli, argv[1], &store);
  if (identification == NULL)
    return 1;
  token = sp_identification_dup_token (store, identification, &error);
  if (token == NULL)
    return sp_cli_fail (error, 1);
  if (!g_file_set_contents (output, token, -1, &error))
    return sp_cli_fail (error, 1);
  return 0;
}

static int
run_resend (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) identification = NULL;
  SpStore *store = NULL;

  if (argc != 2 || argv[1][0] == '-')
    return sp_cli_usage_error (_("Usage: sportello-admin spid resend UUID"));

  identification = load_identification (cli, argv[1], &store);
  if (identification == NULL)
    return 1;
  if (!sp_identification_resend_email (store, identification, SP_ACTOR_SYSTEM, &error))
    return sp_cli_fail (error, 1);
  g_print (_("The e-mail was queued again; it leaves with the next “spid outbox send”.\n"));
  return 0;
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (usec == 0)
    return g_strdup ("-");
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static int
run_outbox (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean all = FALSE, force = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Also list messages already sent"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Send every unsent message now"), NULL },
    { NULL }
  };
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, "list|send", NULL, entries))
    return 2;
  if (argc != 2 || (g_strcmp0 (argv[1], "list") != 0 && g_strcmp0 (argv[1], "send") != 0))
    return sp_cli_usage_error (_("Usage: sportello-admin spid outbox list [--all] | send [--force]"));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (g_str_equal (argv[1], "list"))
    {
      g_autoptr(GPtrArray) list = sp_outbox_list (store, all, &error);

      if (list == NULL)
        return sp_cli_fail (error, 1);
      for (guint i = 0; i < list->len; i++)
        {
          SpOutboxMessage *m = g_ptr_array_index (list, i);
          g_autofree char *created = format_time (m->created_at);

          g_print ("%s\t%s\t%u\t%s\t%s\t%s\n", m->uuid, created, m->attempts,
                   m->sent_at != 0 ? "sent" : "unsent", m->recipient,
                   m->last_error != NULL ? m->last_error : "");
        }
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u message unsent\n", "%u messages unsent\n",
                               sp_outbox_count_unsent (store)),
                  sp_outbox_count_unsent (store));
      return 0;
    }
  else
    {
      g_autoptr(SpMailerConfig) config = sp_mailer_config_load (store, NULL);
      guint sent = 0, failed = 0;

      if (!sp_outbox_send_due (store, config, sp_store_now (), force, &sent, &failed, &error))
        return sp_cli_fail (error, 1);
      g_print (_("%u sent, %u failed, %u still unsent\n"), sent, failed, sp_outbox_count_unsent (store));
      return failed > 0 ? 1 : 0;
    }
}

static int
run_expire (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_cli_open_store (cli);
  guint n;

  if (store == NULL)
    return 1;
  n = sp_identification_expire_due (store, sp_store_now (), &error);
  if (error != NULL)
    return sp_cli_fail (error, 1);
  g_print (_("%u identifications expired\n"), n);
  return 0;
}

static int
run_smtp (SpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *security = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *port_text = NULL;
  gboolean password_stdin = FALSE;
  int port = 0;
  SpMailerSecurity sec = SP_MAILER_SECURITY_STARTTLS;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("Outgoing mail server"), "HOST" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Port"), "N" },
    { "security", 0, 0, G_OPTION_ARG_STRING, &security, N_("none, starttls or smtps"), "MODE" },
    { "sender", 0, 0, G_OPTION_ARG_STRING, &sender, N_("Sender address"), "ADDRESS" },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, N_("User name"), "NAME" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from standard input"), NULL },
    { NULL }
  };
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, NULL, NULL, entries))
    return 2;
  if (server == NULL || sender == NULL || argc != 1 ||
      (security != NULL && !sp_mailer_security_from_string (security, &sec)))
    return sp_cli_usage_error (_("Usage: sportello-admin spid smtp --server HOST [--port N] "
                                 "[--security none|starttls|smtps] --sender ADDRESS "
                                 "[--username NAME] [--password-stdin]"));
  if (port == 0)
    port = sec == SP_MAILER_SECURITY_SMTPS ? 465 : 587;
  if (password_stdin)
    password = sp_cli_read_secret_line ();

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  port_text = g_strdup_printf ("%d", port);
  {
    const char *keys[] = { SP_SETTING_SMTP_SERVER, SP_SETTING_SMTP_PORT, SP_SETTING_SMTP_SECURITY,
                           SP_SETTING_SMTP_SENDER, SP_SETTING_SMTP_USERNAME, NULL };
    const char *values[] = { server, port_text, sp_mailer_security_to_string (sec),
                             sender, username, NULL };

    /* --password-stdin with an empty line removes the stored password. */
    if (!sp_mailer_save_settings (store, SP_ACTOR_SYSTEM, keys, values,
                                  password_stdin ? (password != NULL ? password : "") : NULL, &error))
      return sp_cli_fail (error, 1);
  }
  return 0;
}

static const SpCliSubcommand subcommands[] = {
  { "open-token", run_open_token },
  { "token",      run_token },
  { "resend",     run_resend },
  { "outbox",     run_outbox },
  { "expire",     run_expire },
  { "smtp",       run_smtp },
  { "seal",       NULL, NULL, &sp_cli_spid_seal_group },
};

const SpCliGroup sp_cli_spid_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin spid open-token FILE --code CODE | "
     "token UUID --output FILE | resend UUID | "
     "outbox list|send | expire | smtp … | seal …")
};
