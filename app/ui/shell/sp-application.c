/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-application.c — opens the database and the window; app-wide actions */
#define G_LOG_DOMAIN "sp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-context.h"
#include "sp-entry-row.h"
#include "sp-maintenance.h"
#include "sp-preferences-window.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  GSettings      *settings;
  SpContext      *context;
  SpMaintenance  *maintenance;
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

static void
sp_application_activate (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL && self->context == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpStore) store = NULL;

      if (self->database_path == NULL)
        self->database_path = sp_store_default_path ();

      store = sp_store_open (self->database_path, &error);
      if (store == NULL)
        {
          g_warning ("%s", error->message);
          show_refusal (self, error);
          return;
        }

      self->context = sp_context_new (store);
      self->maintenance = sp_maintenance_new (store);
      sp_context_set_maintenance (self->context, self->maintenance);
      g_signal_connect_object (self->context, "notify::operator",
                               G_CALLBACK (on_operator_changed_cb), self, 0);
    }

  if (window == NULL && self->context != NULL)
    window = GTK_WINDOW (sp_window_new (self, self->context, self->settings));

  if (window != NULL)
    gtk_window_present (window);
}

static int
sp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SpApplication *self = SP_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("sportello %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    self->database_path = g_canonicalize_filename (path, NULL);

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

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
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
      N_("Use this database file instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *prefs_accels[] = { "<Control>comma", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
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
