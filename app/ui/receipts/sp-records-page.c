/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-records-page.c — the Records section: find identifications */
#define G_LOG_DOMAIN "sp-records-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cie-records-view.h"
#include "sp-entry-row.h"
#include "sp-holidays.h"
#include "sp-identification.h"
#include "sp-identification-dialog.h"
#include "sp-maintenance.h"
#include "sp-records-page.h"
#include "sp-window.h"

#define MAX_RESULTS 200

struct _SpRecordsPage
{
  SpPage      parent_instance;

  /* Template widgets */
  GtkBox     *content_box;
  SpEntryRow *search_row;
  SpEntryRow *date_row;
  GtkBox     *states_box;
  GtkLabel   *count_label;
  GtkListBox *results_list;

  /* Owned references */
  GListModel *results;

  GtkWidget  *state_checks[SP_IDENTIFICATION_EXPIRED + 2];
  int         state;
  guint       search_id;
};

G_DEFINE_FINAL_TYPE (SpRecordsPage, sp_records_page, SP_TYPE_PAGE)

static char *
format_time (gint64 usec)
{
  return sp_date_format_local (usec, "%d/%m/%Y %H:%M");
}

/* A citizen who lost the e-mail with the second half of the code gets the
 * same message again; the outbox sends it and the audit trail notes it. */
static void
on_resend_clicked_cb (GtkButton     *button,
                      SpRecordsPage *self)
{
  g_autoptr(GError) error = NULL;
  SpIdentification *id = g_object_get_data (G_OBJECT (button), "identification");

  SpContext *context = sp_page_get_context (SP_PAGE (self));

  if (!sp_identification_resend_email (sp_context_get_store (context), id,
                                       sp_context_get_actor (context), &error))
    sp_page_show_error (SP_PAGE (self), error, NULL);
  else
    sp_page_show_toast (SP_PAGE (self), _("The email was queued again."));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SpRecordsPage *self = user_data;
  SpIdentification *id = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = sp_identification_dup_display_name (id);
  g_autofree char *when = format_time (sp_identification_get_created_at (id));
  g_autofree char *subtitle = NULL;
  const char *cf = sp_identification_get_field (id, SP_ID_CODICE_FISCALE);
  GtkWidget *state = gtk_label_new (sp_identification_state_get_label (sp_identification_get_state (id)));

  /* Translators: codice fiscale · date and time. */
  subtitle = g_strdup_printf (_("%s · %s"), *cf != '\0' ? cf : _("no codice fiscale"), when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name != '\0' ? name : _("(no name yet)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  *name != '\0' ? name : _("(no name yet)"), -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (state, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  if (sp_identification_get_channel (id) == SP_IDENTIFICATION_CHANNEL_RAO &&
      sp_identification_get_state (id) == SP_IDENTIFICATION_COMPLETED)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("mail-send-symbolic");
      g_autofree char *resend_name = NULL;

      /* Translators: accessible name of a button, %s is the citizen's name */
      resend_name = g_strdup_printf (_("Resend the email to %s"), *name != '\0' ? name : _("(no name yet)"));
      gtk_widget_set_tooltip_text (button, _("Resend the email with the second half of the code"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, resend_name, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "identification", g_object_ref (id), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_resend_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (sp_identification_get_uuid (id)), g_free);
  return row;
}

static void
search (SpRecordsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autofree char *count = NULL;
  SpStore *store = sp_page_get_store (SP_PAGE (self));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  GDate parsed;

  g_clear_handle_id (&self->search_id, g_source_remove);

  if (*date != '\0' && !sp_identification_parse_date (date, &parsed))
    {
      sp_entry_row_set_error (self->date_row, _("Type the date as day/month/year, for example 31/12/2026."));
      return;
    }
  sp_entry_row_set_error (self->date_row, NULL);

  results = sp_identification_search (store, gtk_editable_get_text (GTK_EDITABLE (self->search_row)),
                                      self->state, *date != '\0' ? date : NULL, MAX_RESULTS, &error);
  if (results == NULL)
    {
      gtk_label_set_label (self->count_label, error->message);
      return;
    }

  g_set_object (&self->results, results);
  gtk_list_box_bind_model (self->results_list, self->results, create_row, self, NULL);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u identification found.", "%u identifications found.",
                                        g_list_model_get_n_items (results)),
                           g_list_model_get_n_items (results));
  gtk_label_set_label (self->count_label, count);
}

static gboolean
search_timeout_cb (gpointer user_data)
{
  SpRecordsPage *self = user_data;

  self->search_id = 0;
  search (self);
  return G_SOURCE_REMOVE;
}

static void
on_filter_changed_cb (SpRecordsPage *self)
{
  g_clear_handle_id (&self->search_id, g_source_remove);
  self->search_id = g_timeout_add (250, search_timeout_cb, self);
}

static void
on_state_toggled_cb (GtkCheckButton *check,
                     SpRecordsPage  *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  self->state = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "state"));
  search (self);
}

static void
on_row_activated_cb (SpRecordsPage *self,
                     GtkListBoxRow *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SP_IS_WINDOW (root))
    sp_identification_dialog_open (SP_WINDOW (root), g_object_get_data (G_OBJECT (row), "uuid"));
}

/* Enter in the search (or a scanned codice fiscale) opens the only match. */
static void
on_search_activated_cb (SpRecordsPage *self)
{
  g_autoptr(SpIdentification) only = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  search (self);
  if (self->results == NULL || g_list_model_get_n_items (self->results) != 1 || !SP_IS_WINDOW (root))
    return;
  only = g_list_model_get_item (self->results, 0);
  sp_identification_dialog_open (SP_WINDOW (root), sp_identification_get_uuid (only));
}

/* Coming into the page (Alt+N, Tab from the sidebar) starts at the search. */
static gboolean
sp_records_page_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  SpRecordsPage *self = SP_RECORDS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (direction == GTK_DIR_TAB_FORWARD && (focus == NULL || !gtk_widget_is_ancestor (focus, widget)))
    return gtk_widget_grab_focus (sp_entry_row_get_entry (self->search_row));

  return GTK_WIDGET_CLASS (sp_records_page_parent_class)->focus (widget, direction);
}

/* Identifications that expired in the background show their new state. */
static void
on_maintenance_job_done_cb (SpMaintenance    *maintenance,
                            SpMaintenanceJob  job,
                            guint             changed,
                            const GError     *error,
                            SpRecordsPage    *self)
{
  if (job == SP_MAINTENANCE_RAO_EXPIRY && changed > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    sp_page_reload (SP_PAGE (self));
}

static void
sp_records_page_reload (SpPage *page)
{
  search (SP_RECORDS_PAGE (page));
}

static void
sp_records_page_dispose (GObject *object)
{
  SpRecordsPage *self = SP_RECORDS_PAGE (object);

  g_clear_handle_id (&self->search_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_RECORDS_PAGE);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (sp_records_page_parent_class)->dispose (object);
}

static void
sp_records_page_constructed (GObject *object)
{
  SpRecordsPage *self = SP_RECORDS_PAGE (object);
  SpMaintenance *maintenance;

  G_OBJECT_CLASS (sp_records_page_parent_class)->constructed (object);

  /* None in tests that run without the application. */
  maintenance = sp_context_get_maintenance (sp_page_get_context (SP_PAGE (self)));
  if (maintenance != NULL)
    g_signal_connect_object (maintenance, "job-done",
                             G_CALLBACK (on_maintenance_job_done_cb), self, 0);
}

static void
sp_records_page_class_init (SpRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpPageClass *page_class = SP_PAGE_CLASS (klass);

  object_class->constructed = sp_records_page_constructed;
  object_class->dispose = sp_records_page_dispose;
  widget_class->focus = sp_records_page_focus;
  page_class->reload = sp_records_page_reload;
  page_class->reload_on_map = TRUE;

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpRecordsPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, SpRecordsPage, search_row);
  gtk_widget_class_bind_template_child (widget_class, SpRecordsPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, SpRecordsPage, states_box);
  gtk_widget_class_bind_template_child (widget_class, SpRecordsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SpRecordsPage, results_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sp_records_page_init (SpRecordsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Identification records"), -1);

  g_signal_connect_swapped (self->search_row, "entry-activated", G_CALLBACK (on_search_activated_cb), self);

  self->state = -1;
  for (int i = -1; i <= SP_IDENTIFICATION_EXPIRED; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (i < 0 ? _("Any state")
                                                                : sp_identification_state_get_label (i));

      if (i >= 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->state_checks[0]));
      else
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data (G_OBJECT (check), "state", GINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (on_state_toggled_cb), self);
      gtk_box_append (self->states_box, check);
      self->state_checks[i + 1] = check;
    }
}

GtkWidget *
sp_records_page_new (SpContext *context)
{
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);

  SpRecordsPage *self = g_object_new (SP_TYPE_RECORDS_PAGE, "context", context, NULL);
  GtkWidget *title;

  /* CIE requests are found here too (by citizen, number or state). */
  title = gtk_label_new (_("Find CIE Requests"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, 12);
  gtk_box_append (self->content_box, title);
  gtk_box_append (self->content_box, sp_cie_records_view_new (context));

  return GTK_WIDGET (self);
}

static SpRecordsPage *
find_page (GtkWidget *widget)
{
  if (SP_IS_RECORDS_PAGE (widget))
    return SP_RECORDS_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SpRecordsPage *page = find_page (child);
      if (page != NULL)
        return page;
    }
  return NULL;
}

void
sp_records_page_scan_search (SpWindow   *window,
                             const char *codice_fiscale)
{
  SpRecordsPage *self;

  g_return_if_fail (SP_IS_WINDOW (window));

  self = find_page (GTK_WIDGET (window));
  if (self == NULL)
    return;

  sp_window_show_section (window, GTK_WIDGET (self));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->search_row), codice_fiscale);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->state_checks[0]), TRUE);
  search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_row));
}
