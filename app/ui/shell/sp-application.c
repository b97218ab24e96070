/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-application.c — opens the database and the window; app-wide actions */
#define G_LOG_DOMAIN "sp-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-application.h"
#include "sp-context.h"
#include "sp-display-window.h"
#include "sp-entry-row.h"
#include "sp-error.h"
#include "sp-maintenance.h"
#include "sp-preferences-window.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  GSettings      *settings;
  /* The database password's entry, one for every time it is asked: GTK 4.8
   * leaves a destroyed password entry's Caps Lock handler on the keyboard. */
  GtkWidget      *password_entry;
  SpContext      *context;
  SpMaintenance  *maintenance;
  /* --display: only the waiting-room screen, no desk. */
  gboolean        display_only;
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

static void
on_refusal_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        SpApplication    *self)
{
  g_application_release (G_APPLICATION (self));
}

/* The database was refused: say why, and touch nothing. */
static void
show_refusal (SpApplication *self,
              const GError  *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Sportello cannot open its database"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_refusal_response_cb), self);
  g_application_hold (G_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The background jobs start with the first session, as a desk's day
 * does, and go on until the program quits. */
static void
on_operator_changed_cb (SpContext     *context,
                        GParamSpec    *pspec,
                        SpApplication *self)
{
  if (sp_context_get_operator (context) != NULL)
    sp_maintenance_start (self->maintenance);
}

static void ask_password (SpApplication *self,
                          const char    *problem);

/* The window over an open store. */
static void
start (SpApplication *self,
       SpStore       *store)
{
  self->context = sp_context_new (store);
  self->maintenance = sp_maintenance_new (store);
  sp_context_set_maintenance (self->context, self->maintenance);
  g_signal_connect_object (self->context, "notify::operator",
                           G_CALLBACK (on_operator_changed_cb), self, 0);
  if (self->display_only)
    {
      /* Nobody signs in on the waiting room's computer: it shows no names. */
      GtkWidget *display = sp_display_window_new (GTK_APPLICATION (self), self->context);

      gtk_window_fullscreen (GTK_WINDOW (display));
      gtk_window_present (GTK_WINDOW (display));
      return;
    }
  gtk_window_present (GTK_WINDOW (sp_window_new (self, self->context, self->settings)));
}

/* Opens the database, with the password the clerk typed if any; a server
 * that asks for one (none in ~/.pgpass) is asked again, anything else
 * refused with its reason. */
static void
open_database (SpApplication *self,
               const char    *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open_with_password (self->database_path, password, &error);

  if (store != NULL)
    start (self, store);
  else if (g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_PASSWORD_NEEDED))
    ask_password (self, NULL);
  else if (password != NULL && g_error_matches (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN))
    ask_password (self, error->message);
  else
    {
      g_warning ("%s", error->message);
      show_refusal (self, error);
    }
}

typedef struct
{
  SpApplication *self;
  char          *password;
} PasswordTry;

static gboolean
try_password_cb (gpointer data)
{
  PasswordTry *attempt = data;

  open_database (attempt->self, attempt->password);
  /* Not kept: libpq has it for this connection, and it goes nowhere else. */
  memset (attempt->password, 0, strlen (attempt->password));
  g_free (attempt->password);
  g_application_release (G_APPLICATION (attempt->self));
  g_free (attempt);
  return G_SOURCE_REMOVE;
}

static void
on_password_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         SpApplication    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  PasswordTry *attempt;

  if (!g_str_equal (response, "open"))
    {
      g_application_release (G_APPLICATION (self));
      return;
    }
  /* Once the dialog has gone: the entry that pressed Return is still
   * finishing its own signal. */
  attempt = g_new0 (PasswordTry, 1);
  attempt->self = self;
  attempt->password = g_strdup (gtk_editable_get_text (entry));
  g_idle_add (try_password_cb, attempt);
}

/* The database server asks for a password that ~/.pgpass does not hold:
 * the clerk types it (again, after problem). */
static void
ask_password (SpApplication *self,
              const char    *problem)
{
  g_autofree char *where = sp_store_describe_location (self->database_path);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* Translators: %s is "database «sportello» on «db.comune.it» as «desk»" */
  body = g_strdup_printf (_("The %s asks for a password."), where);
  if (problem != NULL)
    {
      g_autofree char *first = g_steal_pointer (&body);
      body = g_strdup_printf ("%s\n\n%s", problem, first);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Password of the Database"), body));
  if (self->password_entry == NULL)
    {
      self->password_entry = g_object_ref_sink (gtk_password_entry_new ());
      gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (self->password_entry), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Database password"), -1);
      g_object_set (self->password_entry, "activates-default", TRUE, NULL);
    }
  entry = self->password_entry;
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Quit"), "open", _("_Open"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_password_response_cb), self);
  g_application_hold (G_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
sp_application_activate (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->context != NULL && !self->display_only)
    {
      gtk_window_present (GTK_WINDOW (sp_window_new (self, self->context, self->settings)));
      return;
    }
  if (self->context != NULL)
    return;

  /* --database, else this computer's choice (an office's server), else
   * the local file. */
  if (self->database_path == NULL)
    {
      g_autofree char *chosen = g_settings_get_string (self->settings, "database");

      self->database_path = *chosen != '\0' ? g_steal_pointer (&chosen) : sp_store_default_path ();
    }
  open_database (self, NULL);
}

static int
sp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SpApplication *self = SP_APPLICATION (app);
  const char *path = NULL;

  self->display_only = g_variant_dict_contains (options, "display");
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("sportello %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* A server's URI is kept as it is; a file is made absolute. */
  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    self->database_path = sp_store_location_is_postgres (path) ? g_strdup (path)
                                                               : g_canonicalize_filename (path, NULL);

  return -1;
}

static void
sp_application_startup (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);

  G_APPLICATION_CLASS (sp_application_parent_class)->startup (app);

  /* Types used by name in the templates. */
  g_type_ensure (SP_TYPE_ENTRY_ROW);

  self->settings = g_settings_new (APP_ID);
}

static void
sp_application_shutdown (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);

  if (self->maintenance != NULL)
    sp_maintenance_stop (self->maintenance);

  G_APPLICATION_CLASS (sp_application_parent_class)->shutdown (app);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SpApplication *self = user_data;

  if (self->context != NULL)
    sp_context_sign_out (self->context);
  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SpApplication *self = user_data;
  const char *developers[] = { _("Sportello developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APP_ID,
                        "application-name", _("Sportello"),
                        "developer-name", _("Sportello developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The identity counter of an Italian comune: SPID identification, CIE requests and appointments, QR-coded receipts."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here */
                        "translator-credits", _("translator-credits"),
                        NULL);
  if (self->database_path != NULL)
    {
      g_autofree char *where = sp_store_describe_location (self->database_path);
      /* Translators: %s is a file or "database «sportello» on «server» as «desk»" */
      g_autofree char *info = g_strdup_printf (_("Database: %s"), where);

      g_autofree char *comments = g_strdup_printf ("%s\n\n%s",
                                                   adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)),
                                                   info);

      /* On the first page, and in the troubleshooting details a clerk
       * copies for the IT office. */
      adw_about_window_set_comments (ADW_ABOUT_WINDOW (about), comments);
      adw_about_window_set_debug_info (ADW_ABOUT_WINDOW (about), info);
    }
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Places of birth"),
                                      _("Lists of comuni and foreign states: ANPR, Ministero dell’Interno"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Creative Commons Attribution 4.0 (CC BY 4.0)"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *prefs;

  if (self->context == NULL || sp_context_get_operator (self->context) == NULL ||
      sp_context_get_locked (self->context))
    return;

  prefs = sp_preferences_window_new (self->context, self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

/* The waiting-room screen beside the desk's window (a second monitor
 * turned to the room). */
static void
display_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SpApplication *self = user_data;

  if (self->context == NULL || sp_context_get_operator (self->context) == NULL ||
      sp_context_get_locked (self->context))
    return;
  gtk_window_present (GTK_WINDOW (sp_display_window_new (GTK_APPLICATION (self), self->context)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "display", display_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
sp_application_dispose (GObject *object)
{
  SpApplication *self = (SpApplication *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->maintenance);
  g_clear_object (&self->settings);
  g_clear_object (&self->password_entry);

  G_OBJECT_CLASS (sp_application_parent_class)->dispose (object);
}

static void
sp_application_finalize (GObject *object)
{
  SpApplication *self = (SpApplication *)object;

  g_free (self->database_path);

  G_OBJECT_CLASS (sp_application_parent_class)->finalize (object);
}

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sp_application_dispose;
  object_class->finalize = sp_application_finalize;

  app_class->activate = sp_application_activate;
  app_class->startup = sp_application_startup;
  app_class->shutdown = sp_application_shutdown;
  app_class->handle_local_options = sp_application_handle_local_options;
}

static void
sp_application_init (SpApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use this database (a file, or an office’s server: postgresql://…) instead of the default one"),
      N_("PATH|URI") },
    { "display", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the waiting-room screen (the tickets called and their desks) instead of a desk"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *prefs_accels[] = { "<Control>comma", NULL };
  const char *display_accels[] = { "<Control><Shift>w", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.display", display_accels);
}

SpApplication *
sp_application_new (void)
{
  /* Non-unique: each desk process owns its own database file, and the UI
   * tests start several instances side by side. */
  return g_object_new (SP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/it/sportello/Sportello",
                       NULL);
}

GSettings *
sp_application_get_settings (SpApplication *self)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);
  return self->settings;
}
