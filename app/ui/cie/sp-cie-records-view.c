/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-records-view.c — find CIE requests and follow them up */

#define G_LOG_DOMAIN "sp-cie-records-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cie-records-view.h"
#include "sp-cie-request.h"
#include "sp-entry-row.h"

struct _SpCieRecordsView
{
  SpPage       parent_instance;

  /* template widgets */
  SpEntryRow  *search_row;
  GtkDropDown *state_dropdown;
  GtkListBox  *results_list;
  GtkLabel    *count_label;
};

G_DEFINE_FINAL_TYPE (SpCieRecordsView, sp_cie_records_view, SP_TYPE_PAGE)

static void
on_advance_clicked_cb (GtkButton        *button,
                       SpCieRecordsView *self)
{
  g_autoptr(GError) error = NULL;
  SpPage *page = SP_PAGE (self);
  SpCieRequest *r = g_object_get_data (G_OBJECT (button), "request");
  SpCieState to = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "state"));

  if (!sp_cie_request_set_state (sp_page_get_store (page), sp_context_get_actor (sp_page_get_context (page)),
                                 sp_cie_request_get_uuid (r), to, &error))
    sp_page_show_error (page, error, NULL);
  sp_page_reload (page);
}

static void
add_advance_button (SpCieRecordsView *self,
                    GtkWidget        *row,
                    SpCieRequest     *r,
                    SpCieState        to,
                    const char       *label,
                    const char       *name)
{
  g_autofree char *accessible = g_strdup_printf ("%s: %s", label, name);
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "request", g_object_ref (r), g_object_unref);
  g_object_set_data (G_OBJECT (button), "state", GINT_TO_POINTER (to));
  g_signal_connect (button, "clicked", G_CALLBACK (on_advance_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
create_row (SpCieRecordsView *self,
            SpCieRequest     *r)
{
  /* One of the two may be missing (a citizen with no surname). */
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", sp_cie_request_get_surname (r),
                                                       sp_cie_request_get_given_name (r)));
  g_autofree char *title = g_strdup_printf ("%s · %s", name, sp_cie_request_get_codice_fiscale (r));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a CIE request in the list: request number, card number, state, expected delivery */
  subtitle = g_strdup_printf (_("Request %s · card %s · %s · expected %s"),
                              sp_cie_request_get_ministry_number (r), sp_cie_request_get_card_number (r),
                              _(sp_cie_state_get_label (sp_cie_request_get_state (r))),
                              sp_cie_request_get_expected_delivery (r));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  switch (sp_cie_request_get_state (r))
    {
    case SP_CIE_STATE_REQUESTED:
      if (sp_cie_request_get_delivery (r) == SP_CIE_DELIVERY_COMUNE)
        add_advance_button (self, row, r, SP_CIE_STATE_ARRIVED, _("Card Arrived"), name);
      else
        add_advance_button (self, row, r, SP_CIE_STATE_DELIVERED, _("Delivered by Post"), name);
      break;
    case SP_CIE_STATE_ARRIVED:
      add_advance_button (self, row, r, SP_CIE_STATE_HANDED_OVER, _("Handed Over"), name);
      break;
    case SP_CIE_STATE_HANDED_OVER:
    case SP_CIE_STATE_DELIVERED:
    default:
      break;
    }
  return row;
}

static void
on_search_changed_cb (SpCieRecordsView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sp_page_reload (SP_PAGE (self));
}

static void
sp_cie_records_view_reload (SpPage *page)
{
  SpCieRecordsView *self = SP_CIE_RECORDS_VIEW (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;
  int state = (int) gtk_drop_down_get_selected (self->state_dropdown) - 1;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  found = sp_cie_request_search (sp_page_get_store (page),
                                 gtk_editable_get_text (GTK_EDITABLE (self->search_row)), state, &error);
  if (found == NULL)
    {
      sp_page_show_error (page, error, NULL);
      return;
    }
  n = g_list_model_get_n_items (found);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpCieRequest) r = g_list_model_get_item (found, i);
      gtk_list_box_append (self->results_list, create_row (self, r));
    }
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request found", "%u requests found", n), n);
  gtk_label_set_text (self->count_label, count);
}

static void
sp_cie_records_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_CIE_RECORDS_VIEW);

  G_OBJECT_CLASS (sp_cie_records_view_parent_class)->dispose (object);
}

static void
sp_cie_records_view_class_init (SpCieRecordsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpPageClass *page_class = SP_PAGE_CLASS (klass);

  object_class->dispose = sp_cie_records_view_dispose;
  page_class->reload = sp_cie_records_view_reload;
  page_class->reload_on_map = TRUE;

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-cie-records-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SpCieRecordsView, search_row);
  gtk_widget_class_bind_template_child (widget_class, SpCieRecordsView, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpCieRecordsView, results_list);
  gtk_widget_class_bind_template_child (widget_class, SpCieRecordsView, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
}

static void
sp_cie_records_view_init (SpCieRecordsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_cie_records_view_new (SpContext *context)
{
  return g_object_new (SP_TYPE_CIE_RECORDS_VIEW, "context", context, NULL);
}

void
sp_cie_records_view_search (SpCieRecordsView *self,
                            const char       *text)
{
  g_return_if_fail (SP_IS_CIE_RECORDS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_row), text);
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  sp_page_reload (SP_PAGE (self));
}
