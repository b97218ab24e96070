/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle-import-window.c — the office imports a pop-up desk's bundle */

#define G_LOG_DOMAIN "sp-bundle-import-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-bundle-import-window.h"
#include "sp-bundle.h"

struct _SpBundleImportWindow
{
  AdwWindow       parent_instance;

  SpContext      *context;
  GtkLabel       *heading;
  GtkProgressBar *progress;
  GtkLabel       *status;
  GtkWidget      *counts_group;
  GtkListBox     *counts_list;
  GtkWidget      *close_button;
  guint           pulse_id;
};

G_DEFINE_FINAL_TYPE (SpBundleImportWindow, sp_bundle_import_window, ADW_TYPE_WINDOW)

/* The tables a bundle carries, as an administrator calls them. */
static const struct { const char *table; const char *label; } table_labels[] = {
  { "citizens", N_("Citizens") },
  { "identifications", N_("SPID identifications") },
  { "receipts", N_("Receipts") },
  { "receipt_prints", N_("Receipt copies printed") },
  { "cie_requests", N_("CIE requests") },
  { "tallies", N_("Counter services counted") },
  { "outbox", N_("E-mails to send") },
  { "audit", N_("Audit trail rows") },
};

static const char *
table_label (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_labels); i++)
    if (g_str_equal (table_labels[i].table, table))
      return _(table_labels[i].label);
  return table;
}

typedef struct
{
  char    *path;
  GBytes  *file;
  SpActor  actor;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_bytes_unref (job->file);
  g_free (job);
}

/* A connection of its own: the window's stays free for the clerk's
 * screens, which see the import as another desk's commit. */
static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ImportJob *job = data;
  g_autoptr(SpStore) store = NULL;
  SpBundleSummary *summary;
  GError *error = NULL;

  store = sp_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  summary = sp_bundle_import (store, job->actor, job->file, &error);
  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) sp_bundle_summary_free);
}

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

static void
stop_pulse (SpBundleImportWindow *self,
            double                fraction)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress, fraction);
}

static char *
describe_counts (JsonNode *node)
{
  JsonObject *counts;

  if (JSON_NODE_HOLDS_VALUE (node))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  counts = json_node_get_object (node);
  /* Translators: rows of one table brought in: new, updated, already there */
  return g_strdup_printf (_("%lld new · %lld updated · %lld already here"),
                          (long long) json_object_get_int_member_with_default (counts, "inserted", 0),
                          (long long) json_object_get_int_member_with_default (counts, "updated", 0),
                          (long long) json_object_get_int_member_with_default (counts, "unchanged", 0));
}

static void
show_summary (SpBundleImportWindow  *self,
              const SpBundleSummary *summary)
{
  g_autoptr(GList) tables = json_object_get_members (summary->counts);
  g_autofree char *text = NULL;

  if (summary->already_imported)
    /* Translators: the bundle's number and the pop-up desk's name */
    text = g_strdup_printf (_("Bundle %lld of %s was already imported: nothing changed."),
                            (long long) summary->sequence, summary->desk_name);
  else
    /* Translators: the bundle's number and the pop-up desk's name */
    text = g_strdup_printf (_("Bundle %lld of %s is imported: its records are in Records and in the "
                              "counts of their day and desk."),
                            (long long) summary->sequence, summary->desk_name);
  gtk_label_set_text (self->status, text);
  gtk_progress_bar_set_text (self->progress, _("Done"));

  for (GList *l = tables; l != NULL; l = l->next)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe_counts (json_object_get_member (summary->counts, l->data));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), table_label (l->data));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->counts_list, row);
    }
  gtk_widget_set_visible (self->counts_group, !summary->already_imported && tables != NULL);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SpBundleImportWindow) self = user_data;
  g_autoptr(SpBundleSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = g_task_propagate_pointer (G_TASK (result), &error);
  stop_pulse (self, 1.0);
  gtk_widget_set_sensitive (self->close_button, TRUE);
  gtk_widget_grab_focus (self->close_button);
  if (summary == NULL)
    {
      /* Refused whole: the message says which check it failed. */
      gtk_progress_bar_set_text (self->progress, _("Nothing imported"));
      gtk_progress_bar_set_fraction (self->progress, 0.0);
      gtk_label_set_text (self->status, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
      return;
    }
  show_summary (self, summary);
}

static void
start_import (SpBundleImportWindow *self,
              GFile                *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  ImportJob *job;

  /* Translators: the bundle file's name */
  heading = g_strdup_printf (_("Importing %s"), name);
  gtk_label_set_text (self->heading, heading);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      stop_pulse (self, 0.0);
      gtk_label_set_text (self->status, error->message);
      gtk_widget_set_sensitive (self->close_button, TRUE);
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (sp_store_get_path (sp_context_get_store (self->context)));
  job->file = g_bytes_new_take (g_steal_pointer (&contents), length);
  job->actor = sp_context_get_actor (self->context);
  gtk_label_set_text (self->status, _("Checking the signature and the audit trail, then importing…"));
  self->pulse_id = g_timeout_add (100, pulse_cb, self->progress);
  task = g_task_new (NULL, NULL, on_imported_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/* The import goes on in its transaction whatever the window does: the
 * window stays until it can say how it ended. */
static gboolean
sp_bundle_import_window_close_request (GtkWindow *window)
{
  return SP_BUNDLE_IMPORT_WINDOW (window)->pulse_id != 0;
}

static void
sp_bundle_import_window_dispose (GObject *object)
{
  SpBundleImportWindow *self = SP_BUNDLE_IMPORT_WINDOW (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sp_bundle_import_window_parent_class)->dispose (object);
}

static void
sp_bundle_import_window_class_init (SpBundleImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_bundle_import_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = sp_bundle_import_window_close_request;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_bundle_import_window_init (SpBundleImportWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Import Records"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 480);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-3");
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_label_set_xalign (self->heading, 0);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->heading));

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_progress_bar_set_text (self->progress, _("Importing…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import progress"), -1);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->progress));

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_selectable (self->status, TRUE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->status));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Brought In"));
  self->counts_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->counts_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->counts_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->counts_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Brought In"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->counts_list));
  gtk_widget_set_visible (group, FALSE);
  self->counts_group = group;
  gtk_box_append (GTK_BOX (body), group);

  self->close_button = gtk_button_new_with_label (_("Close"));
  gtk_widget_set_halign (self->close_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (self->close_button, "suggested-action");
  gtk_widget_set_sensitive (self->close_button, FALSE);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (gtk_window_close), self);
  gtk_box_append (GTK_BOX (body), self->close_button);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), body);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
}

SpBundleImportWindow *
sp_bundle_import_window_open (GtkWindow *parent,
                              SpContext *context,
                              GFile     *file)
{
  SpBundleImportWindow *self;

  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (SP_TYPE_BUNDLE_IMPORT_WINDOW, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  gtk_window_present (GTK_WINDOW (self));
  start_import (self, file);
  return self;
}

static void
on_chosen_cb (GtkNativeDialog *chooser,
              int              response,
              SpContext       *context)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sp_bundle_import_window_open (gtk_native_dialog_get_transient_for (chooser), context, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (context);
}

void
sp_bundle_import_window_choose (GtkWindow *parent,
                                SpContext *context)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (SP_IS_CONTEXT (context));

  gtk_file_filter_set_name (filter, _("Bundles of a pop-up desk"));
  gtk_file_filter_add_pattern (filter, "*.bundle");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  chooser = gtk_file_chooser_native_new (_("Open a Bundle of Records"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chosen_cb), g_object_ref (context));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
