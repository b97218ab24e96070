/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-appointments-page.c — the Appointments section: service, desk, and its two views */
#define G_LOG_DOMAIN "sp-appointments-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-appointments-page.h"
#include "sp-calendar.h"
#include "sp-calendars-view.h"
#include "sp-dates.h"
#include "sp-desk.h"
#include "sp-enrolment.h"
#include "sp-opening-hours.h"
#include "sp-week-view.h"

struct _SpAppointmentsPage
{
  SpPage           parent_instance;

  /* template widgets */
  GtkBox          *content_box;
  GtkDropDown     *service_dropdown;
  GtkDropDown     *desk_dropdown;
  GtkLabel        *first_free_label;
  GtkToggleButton *calendars_toggle;

  /* children made in code: they need the context */
  GtkWidget       *week_view;
  GtkWidget       *calendars_view;

  /* owned */
  GPtrArray       *services;      /* SpBookingService */
  GListModel      *desks;         /* SpDesk */
};

G_DEFINE_FINAL_TYPE (SpAppointmentsPage, sp_appointments_page, SP_TYPE_PAGE)

static gint64
current_service_id (SpAppointmentsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->service_dropdown);

  if (self->services == NULL || i >= self->services->len)
    return 0;
  return ((SpBookingService *) g_ptr_array_index (self->services, i))->id;
}

static gint64
current_desk_id (SpAppointmentsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->desk_dropdown);
  g_autoptr(SpDesk) desk = NULL;

  if (self->desks == NULL || i >= g_list_model_get_n_items (self->desks))
    return 0;
  desk = g_list_model_get_item (self->desks, i);
  return sp_desk_get_id (desk);
}

/* Both views show the service and desk of the selectors. */
static void
apply_filter (SpAppointmentsPage *self)
{
  gint64 service_id = current_service_id (self);
  gint64 desk_id = current_desk_id (self);

  sp_week_view_set_filter (SP_WEEK_VIEW (self->week_view), service_id, desk_id);
  sp_calendars_view_set_filter (SP_CALENDARS_VIEW (self->calendars_view), service_id, desk_id);
}

static void
load_selectors (SpAppointmentsPage *self)
{
  g_autoptr(GtkStringList) services = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) desks = gtk_string_list_new (NULL);
  SpStore *store = sp_page_get_store (SP_PAGE (self));
  SpDesk *mine = sp_context_get_desk (sp_page_get_context (SP_PAGE (self)));
  guint selected_desk = 0;

  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_object (&self->desks);
  self->services = sp_booking_service_list (store, NULL);
  self->desks = sp_desk_list (store, FALSE, NULL);

  for (guint i = 0; self->services != NULL && i < self->services->len; i++)
    gtk_string_list_append (services, ((SpBookingService *) g_ptr_array_index (self->services, i))->name);
  for (guint i = 0; self->desks != NULL && i < g_list_model_get_n_items (self->desks); i++)
    {
      g_autoptr(SpDesk) desk = g_list_model_get_item (self->desks, i);

      gtk_string_list_append (desks, sp_desk_get_name (desk));
      if (mine != NULL && sp_desk_get_id (desk) == sp_desk_get_id (mine))
        selected_desk = i;
    }

  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));
  gtk_drop_down_set_model (self->desk_dropdown, G_LIST_MODEL (desks));
  gtk_drop_down_set_selected (self->desk_dropdown, selected_desk);
}

static void
on_selector_changed_cb (SpAppointmentsPage *self)
{
  /* Before constructed made the views. */
  if (self->week_view == NULL)
    return;
  apply_filter (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      sp_calendars_view_fill_form (SP_CALENDARS_VIEW (self->calendars_view));
      sp_page_reload (SP_PAGE (self));
    }
}

static void
on_calendars_toggled_cb (SpAppointmentsPage *self)
{
  gboolean calendars = gtk_toggle_button_get_active (self->calendars_toggle);

  /* Hidden, not just behind a stack: screen readers must not find them. */
  gtk_widget_set_visible (self->week_view, !calendars);
  gtk_widget_set_visible (self->calendars_view, calendars);
  if (calendars)
    sp_calendars_view_fill_form (SP_CALENDARS_VIEW (self->calendars_view));
}

static void
on_view_changed_cb (SpAppointmentsPage *self)
{
  sp_page_reload (SP_PAGE (self));
}

static void
sp_appointments_page_reload (SpPage *page)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (page);
  g_autofree char *first_free = NULL;

  /* A pop-up desk's notice: nothing to reload. */
  if (self->week_view == NULL)
    return;
  first_free = sp_week_view_dup_first_free_text (SP_WEEK_VIEW (self->week_view));
  if (first_free != NULL)
    gtk_label_set_text (self->first_free_label, first_free);
  sp_page_reload (SP_PAGE (self->week_view));
  sp_page_reload (SP_PAGE (self->calendars_view));
}

/* A pop-up desk books nothing: the office's calendars are at the office.
 * What it can tell a citizen is the first free slot the office had when
 * the laptop was last prepared, said as of then. */
static gboolean
show_popup_notice (SpAppointmentsPage *self)
{
  SpStore *store = sp_page_get_store (SP_PAGE (self));
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GString) text = NULL;
  GtkWidget *status, *child;
  gint64 as_of = 0;

  slots = sp_enrolment_first_free (store, &as_of);
  if (slots == NULL)
    return FALSE;

  text = g_string_new (_("A pop-up desk does not book the office’s calendars: citizens book at the office."));
  if (as_of > 0 && slots->len > 0)
    {
      g_autofree char *when = sp_date_format_local (as_of, "%Y-%m-%d %H:%M");

      g_string_append (text, "\n\n");
      /* Translators: the date and time the laptop was last prepared at the office */
      g_string_append_printf (text, _("When this laptop was last prepared (%s), the first free slots were:"), when);
      for (guint i = 0; i < slots->len; i++)
        {
          SpFirstFree *slot = g_ptr_array_index (slots, i);
          g_autoptr(SpBookingService) service = sp_booking_service_lookup (store, slot->service_code, NULL);
          g_autofree char *time = sp_minute_format (slot->start_minute);

          /* Translators: service, day, time and desk of a first free slot */
          g_string_append_printf (text, _("\n• %s: %s at %s, %s"),
                                  service != NULL ? service->name : slot->service_code, slot->day, time,
                                  slot->desk_name);
        }
    }

  /* Hidden, not removed: the template's pointers stay valid. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, FALSE);
  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Appointments Are Booked at the Office"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), text->str);
  gtk_box_append (self->content_box, status);
  return TRUE;
}

static void
sp_appointments_page_constructed (GObject *object)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (object);
  SpContext *context = sp_page_get_context (SP_PAGE (self));
  SpOperator *op = sp_context_get_operator (context);

  G_OBJECT_CLASS (sp_appointments_page_parent_class)->constructed (object);

  if (show_popup_notice (self))
    return;

  load_selectors (self);

  self->week_view = sp_week_view_new (context);
  self->calendars_view = sp_calendars_view_new (context);
  g_signal_connect_swapped (self->week_view, "changed", G_CALLBACK (on_view_changed_cb), self);
  g_signal_connect_swapped (self->calendars_view, "changed", G_CALLBACK (on_view_changed_cb), self);
  gtk_box_append (self->content_box, self->week_view);
  gtk_box_append (self->content_box, self->calendars_view);
  apply_filter (self);

  gtk_widget_set_visible (GTK_WIDGET (self->calendars_toggle), op != NULL && sp_operator_is_admin (op));
  on_calendars_toggled_cb (self);
}

static void
sp_appointments_page_dispose (GObject *object)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_APPOINTMENTS_PAGE);
  self->week_view = NULL;
  self->calendars_view = NULL;
  g_clear_object (&self->desks);
  g_clear_pointer (&self->services, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_appointments_page_parent_class)->dispose (object);
}

static void
sp_appointments_page_class_init (SpAppointmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpPageClass *page_class = SP_PAGE_CLASS (klass);

  object_class->constructed = sp_appointments_page_constructed;
  object_class->dispose = sp_appointments_page_dispose;
  page_class->reload = sp_appointments_page_reload;
  page_class->reload_on_map = TRUE;
  page_class->reload_on_change = TRUE;

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-appointments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, desk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, first_free_label);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, calendars_toggle);
  gtk_widget_class_bind_template_callback (widget_class, on_selector_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendars_toggled_cb);

  gtk_widget_class_set_css_name (widget_class, "sp-appointments-page");
}

static void
sp_appointments_page_init (SpAppointmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_appointments_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_APPOINTMENTS_PAGE, "context", context, NULL);
}

void
sp_appointments_page_open (SpAppointmentsPage *self,
                           const char         *appointment_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = NULL;

  g_return_if_fail (SP_IS_APPOINTMENTS_PAGE (self));

  /* A pop-up desk shows no calendar to show it in. */
  if (self->week_view == NULL)
    return;
  a = sp_appointment_load (sp_page_get_store (SP_PAGE (self)), appointment_uuid, &error);
  if (a == NULL)
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      return;
    }
  gtk_toggle_button_set_active (self->calendars_toggle, FALSE);
  for (guint i = 0; self->services != NULL && i < self->services->len; i++)
    if (((SpBookingService *) g_ptr_array_index (self->services, i))->id == sp_appointment_get_service_id (a))
      gtk_drop_down_set_selected (self->service_dropdown, i);
  sp_week_view_select_appointment (SP_WEEK_VIEW (self->week_view), a);
  sp_page_reload (SP_PAGE (self));
}
