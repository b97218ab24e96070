/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-today-page.c — the day's agenda and queue, check-in and call-next */
#define G_LOG_DOMAIN "sp-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-appointment.h"
#include "sp-appointments-page.h"
#include "sp-calendar.h"
#include "sp-cie-page.h"
#include "sp-entry-row.h"
#include "sp-refresh.h"
#include "sp-today-page.h"

#define REFRESH_SECONDS 30

struct _SpTodayPage
{
  SpPage         parent_instance;

  /* template widgets */
  GtkLabel      *date_label;
  GtkLabel      *serving_label;
  GtkLabel      *counts_label;
  GtkWidget     *cie_button;
  GtkListBox    *queue_list;
  GtkLabel      *empty_label;
  SpEntryRow    *walk_in_row;

  /* owned */
  char          *serving_uuid;
  guint          refresh_id;
};

G_DEFINE_FINAL_TYPE (SpTodayPage, sp_today_page, SP_TYPE_PAGE)

static SpStore *
get_store (SpTodayPage *self)
{
  return sp_page_get_store (SP_PAGE (self));
}

static SpActor
get_actor (SpTodayPage *self)
{
  return sp_context_get_actor (sp_page_get_context (SP_PAGE (self)));
}

static char *
format_minutes_waited (gint64 from,
                       gint64 to)
{
  int minutes = (int) ((to - from) / G_USEC_PER_SEC / 60);

  /* Translators: time a citizen has waited so far */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "waited %d minute", "waited %d minutes", minutes),
                          minutes);
}

static char *
row_title (SpAppointment *a)
{
  g_autofree char *name = sp_appointment_dup_display_name (a);

  if (sp_appointment_is_walk_in (a))
    {
      if (*sp_appointment_get_surname (a) == '\0' && *sp_appointment_get_given_name (a) == '\0')
        return g_steal_pointer (&name);
      /* Translators: a walk-in's ticket number and name */
      return g_strdup_printf (_("Ticket %d · %s"), sp_appointment_get_ticket (a), name);
    }
  else
    {
      g_autofree char *time = sp_minute_format (sp_appointment_get_start_minute (a));
      /* Translators: an appointment's time and the citizen's name */
      return g_strdup_printf (_("%s · %s"), time, name);
    }
}

static void
on_row_action_cb (GtkButton   *button,
                  SpTodayPage *self)
{
  g_autoptr(GError) error = NULL;
  SpAppointment *a = g_object_get_data (G_OBJECT (button), "appointment");
  const char *uuid = sp_appointment_get_uuid (a);
  SpActor actor = get_actor (self);
  gint64 now = sp_store_now ();
  gboolean ok = TRUE;

  switch (sp_appointment_get_state (a))
    {
    case SP_APPOINTMENT_BOOKED:
    case SP_APPOINTMENT_NO_SHOW:
      ok = sp_appointment_check_in (get_store (self), actor, uuid, now, &error);
      break;
    case SP_APPOINTMENT_WAITING:
      ok = sp_appointment_call (get_store (self), actor, uuid, now, &error);
      if (ok)
        {
          g_free (self->serving_uuid);
          self->serving_uuid = g_strdup (uuid);
        }
      break;
    case SP_APPOINTMENT_CALLED:
    case SP_APPOINTMENT_SERVING:
      ok = sp_appointment_finish (get_store (self), actor, uuid, now, &error);
      break;
    case SP_APPOINTMENT_SERVED:
    case SP_APPOINTMENT_CANCELLED:
    case SP_APPOINTMENT_RESCHEDULED:
    default:
      break;
    }

  if (!ok)
    sp_page_show_error (SP_PAGE (self), error, NULL);
  sp_page_reload (SP_PAGE (self));
}

static const char *
action_label (SpAppointmentState state)
{
  switch (state)
    {
    case SP_APPOINTMENT_BOOKED:
    case SP_APPOINTMENT_NO_SHOW:
      return _("Check In");
    case SP_APPOINTMENT_WAITING:
      return _("Call");
    case SP_APPOINTMENT_CALLED:
    case SP_APPOINTMENT_SERVING:
      return _("Finish");
    case SP_APPOINTMENT_SERVED:
    case SP_APPOINTMENT_CANCELLED:
    case SP_APPOINTMENT_RESCHEDULED:
    default:
      return NULL;
    }
}

static GtkWidget *
create_row (SpTodayPage   *self,
            SpAppointment *a,
            gint64         now)
{
  g_autofree char *title = row_title (a);
  g_autofree char *waited = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *key = NULL;
  SpAppointmentState state = sp_appointment_get_state (a);
  const char *label = action_label (state);
  GtkWidget *row = adw_action_row_new ();

  if (state == SP_APPOINTMENT_WAITING && sp_appointment_get_arrived_at (a) > 0)
    waited = format_minutes_waited (sp_appointment_get_arrived_at (a), now);
  else if (sp_appointment_get_called_at (a) > 0 && sp_appointment_get_arrived_at (a) > 0)
    waited = format_minutes_waited (sp_appointment_get_arrived_at (a), sp_appointment_get_called_at (a));

  /* Translators: state · service · how long waited, e.g. "Waiting · CIE · waited 5 minutes" */
  subtitle = g_strdup_printf ("%s · %s%s%s", sp_appointment_state_get_label (state),
                              sp_appointment_get_service_name (a),
                              waited != NULL ? " · " : "", waited != NULL ? waited : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  /* All it shows, and the appointment its button acts on. */
  key = g_strdup_printf ("%s\n%s\n%s\n%s", sp_appointment_get_uuid (a), title, subtitle,
                         label != NULL ? label : "");
  sp_refresh_set_key (row, key);

  if (label != NULL)
    {
      g_autofree char *accessible = g_strdup_printf ("%s: %s", label, title);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_object_set_data_full (G_OBJECT (button), "appointment", g_object_ref (a), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (on_row_action_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
update_serving (SpTodayPage *self)
{
  g_autoptr(SpAppointment) a = NULL;
  g_autofree char *text = NULL;

  if (self->serving_uuid != NULL)
    a = sp_appointment_load (get_store (self), self->serving_uuid, NULL);

  if (a != NULL && (sp_appointment_get_state (a) == SP_APPOINTMENT_CALLED
                    || sp_appointment_get_state (a) == SP_APPOINTMENT_SERVING))
    {
      g_autofree char *title = row_title (a);
      /* Translators: %s is the citizen called, e.g. "Ticket 3" or "09:20 · Rossi Mario" */
      text = g_strdup_printf (_("At your desk: %s"), title);
    }
  else
    text = g_strdup (_("Nobody at your desk. Press Ctrl+N to call the next one."));

  gtk_widget_set_visible (self->cie_button, text != NULL && a != NULL
                          && g_strcmp0 (sp_appointment_get_service_code (a), "cie") == 0
                          && (sp_appointment_get_state (a) == SP_APPOINTMENT_CALLED
                              || sp_appointment_get_state (a) == SP_APPOINTMENT_SERVING));

  gtk_label_set_text (self->serving_label, text);
}

static void
sp_today_page_reload (SpPage *page)
{
  SpTodayPage *self = SP_TODAY_PAGE (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_local ();
  g_autofree char *date_text = NULL;
  g_autofree char *day = NULL;
  g_autofree char *counts = NULL;
  gint64 now = sp_store_now ();
  guint waiting = 0;
  GDate today;

  /* Translators: the Today section's heading (strftime), e.g. "Monday 23 November 2026" */
  date_text = g_date_time_format (now_dt, _("%A %e %B %Y"));
  gtk_label_set_text (self->date_label, g_strstrip (date_text));

  sp_appointment_mark_no_shows (get_store (self), get_actor (self), now, NULL);

  sp_date_from_time (now, &today);
  day = sp_date_to_iso (&today);
  list = sp_appointment_list_day (get_store (self), day, 0, &error);
  if (list == NULL)
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SpAppointment) a = g_list_model_get_item (list, i);

      if (sp_appointment_get_state (a) == SP_APPOINTMENT_WAITING)
        waiting++;
      /* Another desk's change replaces only its row. */
      sp_refresh_place (GTK_WIDGET (self->queue_list), i, create_row (self, a, now));
    }
  sp_refresh_trim (GTK_WIDGET (self->queue_list), g_list_model_get_n_items (list));

  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u waiting", "%u waiting", waiting), waiting);
  gtk_label_set_text (self->counts_label, counts);
  gtk_widget_set_visible (GTK_WIDGET (self->queue_list), g_list_model_get_n_items (list) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), g_list_model_get_n_items (list) == 0);
  update_serving (self);
}

static void
call_next (SpTodayPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) next = NULL;
  g_autoptr(SpAppointment) current = NULL;

  /* Calling the next one ends the service of the citizen at the desk. */
  if (self->serving_uuid != NULL)
    current = sp_appointment_load (get_store (self), self->serving_uuid, NULL);
  if (current != NULL
      && (sp_appointment_get_state (current) == SP_APPOINTMENT_CALLED
          || sp_appointment_get_state (current) == SP_APPOINTMENT_SERVING)
      && !sp_appointment_finish (get_store (self), get_actor (self),
                                 self->serving_uuid, sp_store_now (), &error))
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      g_clear_error (&error);
    }

  next = sp_appointment_call_next (get_store (self), get_actor (self),
                                   sp_store_now (), &error);
  if (next == NULL)
    sp_page_show_error (SP_PAGE (self), error, NULL);
  else
    {
      g_free (self->serving_uuid);
      self->serving_uuid = g_strdup (sp_appointment_get_uuid (next));
    }
  sp_page_reload (SP_PAGE (self));
}

static void
call_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  /* Ctrl+N reaches the page wherever the focus is: only while it shows. */
  if (!gtk_widget_get_mapped (widget))
    return;
  call_next (SP_TODAY_PAGE (widget));
}

static void
walk_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpTodayPage *self = SP_TODAY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBookingService) cie = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->walk_in_row))));
  g_autofree char *input = NULL;
  g_autofree char *message = NULL;
  SpAppointmentCitizen citizen = { 0 };

  cie = sp_booking_service_lookup (get_store (self), "cie", &error);
  if (cie == NULL)
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      return;
    }
  citizen.surname = name;
  citizen.given_name = "";
  input = g_strconcat ("walk-in|", name, NULL);
  a = sp_appointment_walk_in (get_store (self), get_actor (self), sp_page_begin_write (SP_PAGE (self), input),
                              cie->id, &citizen, sp_store_now (), &error);
  sp_page_end_write (SP_PAGE (self), error);
  if (a == NULL)
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->walk_in_row), "");
  /* Translators: %d is the ticket number handed to a walk-in citizen */
  message = g_strdup_printf (_("Ticket %d added to the queue."), sp_appointment_get_ticket (a));
  sp_page_show_toast (SP_PAGE (self), message);
  sp_page_reload (SP_PAGE (self));
}

/* The citizen at the desk goes on to the CIE form, pre-filled. */
static void
cie_request_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpTodayPage *self = SP_TODAY_PAGE (widget);
  g_autofree char *uuid = g_strdup (self->serving_uuid);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *page;

  if (uuid == NULL || !SP_IS_WINDOW (root))
    return;
  page = sp_today_page_show_section (SP_WINDOW (root), SP_TYPE_CIE_PAGE);
  if (page != NULL)
    sp_cie_page_start_from_appointment (SP_CIE_PAGE (page), uuid);
}

static void
on_walk_in_activated_cb (SpTodayPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "today.walk-in", NULL);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SpTodayPage *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sp_page_reload (SP_PAGE (self));
  return G_SOURCE_CONTINUE;
}

static void
sp_today_page_dispose (GObject *object)
{
  SpTodayPage *self = SP_TODAY_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (sp_today_page_parent_class)->dispose (object);
}

static void
sp_today_page_finalize (GObject *object)
{
  SpTodayPage *self = SP_TODAY_PAGE (object);

  g_free (self->serving_uuid);

  G_OBJECT_CLASS (sp_today_page_parent_class)->finalize (object);
}

static void
sp_today_page_class_init (SpTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpPageClass *page_class = SP_PAGE_CLASS (klass);

  object_class->dispose = sp_today_page_dispose;
  object_class->finalize = sp_today_page_finalize;
  page_class->reload = sp_today_page_reload;
  page_class->reload_on_map = TRUE;
  page_class->reload_on_change = TRUE;

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, SpTodayPage, serving_label);
  gtk_widget_class_bind_template_child (widget_class, SpTodayPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, SpTodayPage, cie_button);
  gtk_widget_class_bind_template_child (widget_class, SpTodayPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, SpTodayPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, SpTodayPage, walk_in_row);
  gtk_widget_class_bind_template_callback (widget_class, on_walk_in_activated_cb);

  gtk_widget_class_install_action (widget_class, "today.call-next", NULL, call_next_action);
  gtk_widget_class_install_action (widget_class, "today.walk-in", NULL, walk_in_action);
  gtk_widget_class_install_action (widget_class, "today.cie-request", NULL, cie_request_action);

  gtk_widget_class_set_css_name (widget_class, "sp-today-page");
}

static void
sp_today_page_init (SpTodayPage *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                               gtk_named_action_new ("today.call-next"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

GtkWidget *
sp_today_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_TODAY_PAGE, "context", context, NULL);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
sp_today_page_show_section (SpWindow *window,
                            GType     type)
{
  GtkWidget *section = find_descendant (GTK_WIDGET (window), type);
  GtkWidget *stack;

  if (section == NULL)
    return NULL;
  stack = gtk_widget_get_parent (section);
  while (stack != NULL && !GTK_IS_STACK (stack))
    {
      section = stack;
      stack = gtk_widget_get_parent (stack);
    }
  if (stack != NULL)
    sp_window_show_section (window, section);
  return find_descendant (GTK_WIDGET (window), type);
}

gboolean
sp_today_page_scan_open (SpWindow   *window,
                         const char *appointment_uuid)
{
  SpContext *context = sp_window_get_context (window);
  SpStore *store = sp_context_get_store (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = sp_appointment_load (store, appointment_uuid, &error);
  g_autofree char *today = NULL;
  GtkWidget *page;
  GDate date;

  if (a == NULL)
    return FALSE;

  sp_date_from_time (sp_store_now (), &date);
  today = sp_date_to_iso (&date);
  if (g_strcmp0 (today, sp_appointment_get_day (a)) == 0)
    {
      g_autofree char *name = sp_appointment_dup_display_name (a);
      g_autofree char *message = NULL;

      if (sp_appointment_get_state (a) == SP_APPOINTMENT_BOOKED
          || sp_appointment_get_state (a) == SP_APPOINTMENT_NO_SHOW)
        {
          if (!sp_appointment_check_in (store, sp_context_get_actor (context), appointment_uuid,
                                        sp_store_now (), &error))
            {
              sp_window_show_toast (window, error->message);
              return TRUE;
            }
          /* Translators: %s is the citizen's name */
          message = g_strdup_printf (_("%s is checked in and waiting."), name);
        }
      else
        /* Translators: %s is the citizen's name, the second %s the appointment's state */
        message = g_strdup_printf (_("%s: %s."), name, sp_appointment_state_get_label (sp_appointment_get_state (a)));

      page = sp_today_page_show_section (window, SP_TYPE_TODAY_PAGE);
      if (page != NULL)
        sp_page_reload (SP_PAGE (page));
      sp_window_show_toast (window, message);
      return TRUE;
    }

  page = sp_today_page_show_section (window, SP_TYPE_APPOINTMENTS_PAGE);
  if (page != NULL)
    sp_appointments_page_open (SP_APPOINTMENTS_PAGE (page), appointment_uuid);

  return TRUE;
}
