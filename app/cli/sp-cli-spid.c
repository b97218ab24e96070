/* sp-cli-spid.c — sportello-admin spid …
 *
 *   spid open-token FILE --code CODE
 *       Decrypts an identification attachment with the full 12-character
 *       code (receipt half + email half) and prints its JSON; exit 1 when
 *       the code does not open it.
 *   spid outbox list [--all]
 *       Messages still unsent (all with --all): one line each, tab
 *       separated: uuid, created, attempts, state, recipient, last error.
 *   spid outbox send [--force]
 *       Sends the messages that are due (every unsent one with --force).
 *   spid expire
 *       Marks RAO identifications past their activation deadline expired.
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
#include "sp-spid-token.h"

static int
run_open_token (SpCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) token = NULL;
  g_autoptr(GBytes) plain = NULL;
  gsize len;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The full 12-character code"), "CODE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sp_cli_usage_error ("%s", error->message);
  if (argc != 2 || code == NULL)
    return sp_cli_usage_error (_("Usage: sportello-admin spid open-token FILE --code CODE"));

  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    return sp_cli_fail (error, 1);

  token = g_bytes_new_take (g_steal_pointer (&contents), len);
  plain = sp_spid_token_decrypt (code, token, &error);
  if (plain == NULL)
    return sp_cli_fail (error, 1);

  fwrite (g_bytes_get_data (plain, NULL), 1, g_bytes_get_size (plain), stdout);
  fputc ('\n', stdout);
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
  g_autoptr(GOptionContext) context = g_option_context_new ("list|send");
  SpStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sp_cli_usage_error ("%s", error->message);
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
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  SpStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sp_cli_usage_error ("%s", error->message);
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

int
sp_cli_spid (SpCli  *cli,
             int     argc,
             char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "open-token"))
    return run_open_token (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "outbox"))
    return run_outbox (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "expire"))
    return run_expire (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "smtp"))
    return run_smtp (cli, argc - 1, argv + 1);

  return sp_cli_usage_error (_("Usage: sportello-admin spid open-token FILE --code CODE | "
                               "outbox list|send | expire | smtp …"));
}
