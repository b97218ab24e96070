/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shortcuts.c — every shortcut installed is in the shortcuts window, and back
 *
 * Builds the real application and its window on a test database, signed
 * in as the administrator, without AT-SPI. Collects the accelerators the
 * application sets and the shortcuts our widgets (the window, its pages,
 * the Preferences window and its pages) install, and the ones
 * gtk/help-overlay.ui lists: each installed one must be listed and go
 * through a named action; each listed one must be installed, its action
 * known to the widget it is on, and the window's and the application's
 * ones must trigger their action.
 */
#define G_LOG_DOMAIN "test-shortcuts"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sp-application.h"
#include "sp-counter-service.h"
#include "sp-setup.h"
#include "sp-window.h"

#define PASSWORD "Correct-Horse-7"

/* GTK's own keys the shortcuts window explains: moving between fields,
 * the default button, the main menu. */
static const char * const gtk_keys[] = { "Tab", "<Shift>Tab", "Return", "F10", NULL };

/* Every problem found, so that one run names them all. */
static GString *problems;

G_GNUC_PRINTF (1, 2)
static void
add_problem (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_string_append (problems, "\n  ");
  g_string_append_vprintf (problems, format, args);
  va_end (args);
}

typedef struct
{
  char        *accel;     /* gtk_accelerator_name() form */
  GtkWidget   *widget;    /* the widget the shortcut is on, or NULL for app accels */
  GtkShortcut *shortcut;  /* NULL for app accels */
  char        *action;    /* "win.lock", "app.quit"… */
} Installed;

static void
installed_free (Installed *installed)
{
  g_free (installed->accel);
  g_clear_object (&installed->shortcut);
  g_free (installed->action);
  g_free (installed);
}

static char *
normalize (guint           keyval,
           GdkModifierType mods)
{
  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods);
}

static char *
normalize_string (const char *accel)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accel, &keyval, &mods))
    g_error ("“%s” is not an accelerator", accel);
  return normalize (keyval, mods);
}

/* Each keyval trigger of trigger, alternatives unfolded. */
static void
add_triggers (GtkShortcutTrigger *trigger,
              GPtrArray          *accels)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_ptr_array_add (accels, normalize (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                        gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_triggers (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), accels);
      add_triggers (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), accels);
    }
}

static char *
describe (GtkShortcut *shortcut,
          const char  *accel)
{
  g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

  return g_strdup_printf ("%s → %s", accel, action);
}

/* What an instance of type has without us: GTK's own shortcuts, which a
 * class of ours inherits. */
static GHashTable *
inherited_shortcuts (GType type)
{
  static GHashTable *by_type;
  GHashTable *set;

  while (g_str_has_prefix (g_type_name (type), "Sp"))
    type = g_type_parent (type);
  if (by_type == NULL)
    by_type = g_hash_table_new (NULL, NULL);
  set = g_hash_table_lookup (by_type, GSIZE_TO_POINTER (type));
  if (set != NULL)
    return set;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (by_type, GSIZE_TO_POINTER (type), set);
  if (!G_TYPE_IS_ABSTRACT (type))
    {
      GtkWidget *plain = g_object_ref_sink (g_object_new (type, NULL));
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (plain);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);

              add_triggers (gtk_shortcut_get_trigger (shortcut), accels);
              for (guint k = 0; k < accels->len; k++)
                g_hash_table_add (set, describe (shortcut, accels->pdata[k]));
            }
        }
      if (GTK_IS_WINDOW (plain))
        gtk_window_destroy (GTK_WINDOW (plain));
      g_object_unref (plain);
    }
  return set;
}

static Installed *
find_installed (GPtrArray  *installed,
                const char *accel,
                const char *action)
{
  for (guint i = 0; i < installed->len; i++)
    {
      Installed *item = installed->pdata[i];

      if (g_str_equal (item->accel, accel) && g_str_equal (item->action, action))
        return item;
    }
  return NULL;
}

/* The GtkShortcuts met on widgets other than windows. */
static GHashTable *children_shortcuts;

static void
collect_widget (GtkWidget *widget,
                GPtrArray *installed)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget (child, installed);

  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Sp"))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
      GHashTable *inherited = inherited_shortcuts (G_OBJECT_TYPE (widget));

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

              add_triggers (gtk_shortcut_get_trigger (shortcut), accels);
              for (guint k = 0; k < accels->len; k++)
                {
                  g_autofree char *description = describe (shortcut, accels->pdata[k]);
                  const char *name;
                  Installed *item;

                  if (g_hash_table_contains (inherited, description))
                    continue;
                  /* A window also holds, gathered, the global shortcuts
                   * of its children (children come first): each is kept
                   * on the child that installed it. */
                  if (g_hash_table_contains (children_shortcuts, shortcut))
                    continue;
                  if (!GTK_IS_WINDOW (widget))
                    g_hash_table_add (children_shortcuts, shortcut);
                  if (!GTK_IS_NAMED_ACTION (action))
                    {
                      add_problem ("%s: %s does not go through a named action", G_OBJECT_TYPE_NAME (widget),
                                   description);
                      continue;
                    }
                  /* The window holds the application's accels too: they
                   * are the application's, collected first. */
                  name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
                  if (find_installed (installed, accels->pdata[k], name) != NULL)
                    continue;
                  item = g_new0 (Installed, 1);
                  item->accel = g_strdup (accels->pdata[k]);
                  item->action = g_strdup (name);
                  item->widget = widget;
                  item->shortcut = g_object_ref (shortcut);
                  g_ptr_array_add (installed, item);
                }
            }
        }
    }
}

static void
collect_app_accels (GtkApplication *app,
                    GPtrArray      *installed)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (app);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          Installed *item = g_new0 (Installed, 1);

          item->accel = normalize_string (accels[j]);
          item->action = g_strdup (actions[i]);
          g_ptr_array_add (installed, item);
        }
    }
}

/* The accelerators help-overlay.ui lists, ranges ("<Control>1...<Control>9")
 * and alternatives ("a b") unfolded. */
static GPtrArray *
collect_listed (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/it/sportello/Sportello/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GPtrArray *listed = g_ptr_array_new_with_free_func (g_free);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) alternatives = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      alternatives = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; alternatives[i] != NULL; i++)
        {
          g_auto(GStrv) range = g_strsplit (alternatives[i], "...", 2);
          guint first, last;
          GdkModifierType mods, last_mods;

          if (g_strv_contains (gtk_keys, alternatives[i]))
            continue;
          if (range[1] == NULL)
            {
              g_ptr_array_add (listed, normalize_string (alternatives[i]));
              continue;
            }
          g_assert_true (gtk_accelerator_parse (range[0], &first, &mods));
          g_assert_true (gtk_accelerator_parse (range[1], &last, &last_mods));
          g_assert_cmpint (mods, ==, last_mods);
          for (guint key = first; key <= last; key++)
            g_ptr_array_add (listed, normalize (key, mods));
        }
    }
  if (G_IS_OBJECT (gtk_builder_get_object (builder, "help_overlay")))
    gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  return listed;
}

static gboolean
is_listed (GPtrArray  *listed,
           const char *accel)
{
  for (guint i = 0; i < listed->len; i++)
    if (g_str_equal (listed->pdata[i], accel))
      return TRUE;
  return FALSE;
}

/* Whether widget's class (or a parent class) installed the action, with
 * the parameter type the shortcut's arguments have. */
static gboolean
widget_has_action (GtkWidget   *widget,
                   const char  *name,
                   GtkShortcut *shortcut)
{
  GVariant *args = gtk_shortcut_get_arguments (shortcut);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (w);
      const char *action_name, *property_name;
      const GVariantType *type;
      GType owner;

      for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &action_name, &type, &property_name); i++)
        if (g_str_equal (action_name, name))
          return (type == NULL && args == NULL) ||
                 (type != NULL && args != NULL && g_variant_is_of_type (args, type));
    }
  return FALSE;
}

typedef struct
{
  SpApplication *app;
  char          *db_path;
  int            status;
} Test;

static gboolean
run_checks_cb (gpointer user_data)
{
  Test *test = user_data;
  GtkApplication *app = GTK_APPLICATION (test->app);
  SpWindow *window = SP_WINDOW (gtk_application_get_active_window (app));
  SpContext *context = sp_window_get_context (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDesk) desk = sp_desk_lookup (sp_context_get_store (context), "Sportello 1", &error);
  g_autoptr(GPtrArray) installed = g_ptr_array_new_with_free_func ((GDestroyNotify) installed_free);
  g_autoptr(GPtrArray) listed = collect_listed ();
  g_autoptr(GList) windows = NULL;
  guint n_windows;

  g_assert_no_error (error);
  g_assert_true (sp_context_sign_in (context, desk, "admin", PASSWORD, &error));
  g_assert_no_error (error);

  /* Preferences and the waiting-room screen too: they have their own keys. */
  windows = gtk_window_list_toplevels ();
  n_windows = g_list_length (windows);
  g_clear_pointer (&windows, g_list_free);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "display", NULL);
  windows = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (windows), ==, n_windows + 2);

  collect_app_accels (app, installed);
  for (GList *l = windows; l != NULL; l = l->next)
    collect_widget (l->data, installed);

  for (guint i = 0; i < installed->len; i++)
    {
      Installed *item = installed->pdata[i];

      g_test_message ("installed: %s → %s on %s", item->accel, item->action,
                      item->widget != NULL ? G_OBJECT_TYPE_NAME (item->widget) : "the application");
      if (!is_listed (listed, item->accel))
        add_problem ("%s (%s) is installed but not in the shortcuts window", item->accel, item->action);
    }

  for (guint i = 0; i < listed->len; i++)
    {
      const char *accel = listed->pdata[i];
      gboolean found = FALSE;

      for (guint j = 0; j < installed->len; j++)
        {
          Installed *item = installed->pdata[j];

          if (!g_str_equal (item->accel, accel))
            continue;
          found = TRUE;
          if (item->widget == NULL)
            {
              /* "app.quit", or "win.show-help-overlay" that GtkApplication
               * gives every window. */
              const char *dot = strchr (item->action, '.');
              GActionGroup *group = g_str_has_prefix (item->action, "app.")
                                    ? G_ACTION_GROUP (app) : G_ACTION_GROUP (window);

              g_assert_nonnull (dot);
              if (!g_action_group_has_action (group, dot + 1) ||
                  !g_action_group_get_action_enabled (group, dot + 1))
                add_problem ("%s: no action %s, or it is off", accel, item->action);
            }
          else if (!widget_has_action (item->widget, item->action, item->shortcut))
            add_problem ("%s: %s has no action %s with these arguments", accel,
                         G_OBJECT_TYPE_NAME (item->widget), item->action);
          /* The window's own and the tally bar's run now: signed in, they
           * are on (but bringing records back, only on a pop-up desk's
           * laptop: ui-popup presses it there). */
          else if ((SP_IS_WINDOW (item->widget) && !g_str_equal (item->action, "win.lock") &&
                    !g_str_equal (item->action, "win.bring-back")) ||
                   g_str_has_prefix (item->action, "tally."))
            {
              if (!gtk_shortcut_action_activate (gtk_shortcut_get_action (item->shortcut), 0, item->widget,
                                                 gtk_shortcut_get_arguments (item->shortcut)))
                add_problem ("%s did not trigger %s", accel, item->action);
            }
        }
      if (!found)
        add_problem ("%s is in the shortcuts window but nothing installs it", accel);
    }

  /* Ctrl+L locks, the last key since every other window key needs a
   * session. */
  for (guint j = 0; j < installed->len; j++)
    {
      Installed *item = installed->pdata[j];

      if (item->widget != NULL && g_str_equal (item->action, "win.lock"))
        g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (item->shortcut), 0,
                                                     item->widget, NULL));
    }
  g_assert_true (sp_context_get_locked (context));

  if (problems->len > 0)
    g_printerr ("Shortcuts and the shortcuts window disagree:%s\n", problems->str);
  test->status = problems->len > 0 ? 1 : 0;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                Test         *test)
{
  g_idle_add (run_checks_cb, test);
}

/* An administrator's database with a service on each of Ctrl+1 … Ctrl+9. */
static char *
make_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sp-test-shortcuts-XXXXXX", &error);
  char *path;
  SpSetupData setup = {
    .comune_name = "Santarcangelo di Romagna",
    .desk_name = "Sportello 1",
    .desk_kind = SP_DESK_COUNTER,
    .admin_username = "admin",
    .admin_display_name = "Anna Amministratrice",
    .admin_password = PASSWORD,
  };

  g_assert_no_error (error);
  path = g_build_filename (dir, "sportello.db", NULL);
  store = sp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_setup_run (store, &setup, &error));
  for (int digit = 6; digit <= 9; digit++)
    {
      g_autofree char *code = g_strdup_printf ("extra-%d", digit);
      g_autofree char *name = g_strdup_printf ("Extra %d", digit);
      g_autoptr(SpCounterService) service = sp_counter_service_add (store, SP_ACTOR_SYSTEM, code, name,
                                                                    digit, &error);
      g_assert_no_error (error);
    }
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *dir = NULL;
  Test test = { NULL, NULL, 1 };
  char *app_argv[4];

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  problems = g_string_new (NULL);
  children_shortcuts = g_hash_table_new (NULL, NULL);

  db_path = make_database ();
  test.app = sp_application_new ();
  g_signal_connect_after (test.app, "activate", G_CALLBACK (on_activate_cb), &test);
  app_argv[0] = argv[0];
  app_argv[1] = (char *) "--database";
  app_argv[2] = db_path;
  app_argv[3] = NULL;
  g_application_run (G_APPLICATION (test.app), 3, app_argv);
  g_object_unref (test.app);

  dir = g_path_get_dirname (db_path);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (db_path, suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  if (test.status == 0)
    g_print ("ok: every shortcut is listed, and every listed one is installed\n");
  return test.status;
}
