/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-display-window.c — the waiting-room screen */
#define G_LOG_DOMAIN "sp-display-window"

#include "config.h"

#include <glib/gi18n.h>
#include <gsound.h>

#include "sp-appointment.h"
#include "sp-construct-property.h"
#include "sp-dates.h"
#include "sp-display-window.h"
#include "sp-maintenance.h"
#include "sp-opening-hours.h"
#include "sp-setting-keys.h"

/* The call shown large and the ones before it: what a room reads at a
 * glance. */
#define N_CALLS 5

struct _SpDisplayWindow
{
  AdwWindow       parent_instance;

  SpContext      *context;
  GSoundContext  *sound;
  char           *last_call;   /* the uuid shown large, for the chime */
  guint           clock_id;

  GtkLabel       *comune_label;
  GtkLabel       *clock_label;
  GtkLabel       *current_ticket_label;
  GtkLabel       *current_desk_label;
  GtkLabel       *previous_heading;
  GtkListBox     *previous_list;
};

G_DEFINE_FINAL_TYPE (SpDisplayWindow, sp_display_window, ADW_TYPE_WINDOW)

/* How the room knows a citizen without a name: the ticket of a walk-in,
 * the time of a booking. */
static char *
call_title (SpAppointment *a)
{
  g_autofree char *time = NULL;

  if (sp_appointment_is_walk_in (a))
    /* Translators: the waiting-room screen's name of a walk-in citizen */
    return g_strdup_printf (_("Ticket %d"), sp_appointment_get_ticket (a));
  time = sp_minute_format (sp_appointment_get_start_minute (a));
  /* Translators: the waiting-room screen's name of a booked citizen, by the booking's time */
  return g_strdup_printf (_("Booking at %s"), time);
}

static char *
call_desk (SpAppointment *a)
{
  /* Translators: where the called citizen goes, e.g. "→ Sportello 3" */
  return g_strdup_printf (_("→ %s"), sp_appointment_get_called_desk_name (a));
}

static GtkWidget *
previous_row (SpAppointment *a)
{
  g_autofree char *title = call_title (a);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *desk = gtk_label_new (sp_appointment_get_called_desk_name (a));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (desk, "sp-display-row-desk");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), desk);
  return row;
}

static void
chime (SpDisplayWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* A room without speakers (or a desk without a sound server) shows the
   * call all the same. */
  if (self->sound == NULL)
    return;
  if (!gsound_context_play_simple (self->sound, NULL, &error,
                                   GSOUND_ATTR_EVENT_ID, "message-new-instant",
                                   GSOUND_ATTR_EVENT_DESCRIPTION, "Ticket called",
                                   NULL))
    g_debug ("No chime: %s", error->message);
}

static void
reload (SpDisplayWindow *self)
{
  SpStore *store = sp_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) calls = NULL;
  g_autoptr(SpAppointment) latest = NULL;
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;
  g_autofree char *desk = NULL;
  GtkWidget *child;
  GDate today;

  sp_date_from_time (sp_store_now (), &today);
  day = sp_date_to_iso (&today);
  calls = sp_appointment_list_called (store, day, N_CALLS, &error);
  if (calls == NULL)
    {
      /* What is on the screen stays: the next look may find the server. */
      g_debug ("The calls cannot be read: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->previous_list))) != NULL)
    gtk_list_box_remove (self->previous_list, child);
  for (guint i = 1; i < g_list_model_get_n_items (calls); i++)
    {
      g_autoptr(SpAppointment) a = g_list_model_get_item (calls, i);
      gtk_list_box_append (self->previous_list, previous_row (a));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->previous_heading), g_list_model_get_n_items (calls) > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_list), g_list_model_get_n_items (calls) > 1);

  latest = g_list_model_get_item (calls, 0);
  if (latest == NULL)
    {
      gtk_label_set_text (self->current_ticket_label, _("Welcome"));
      gtk_label_set_text (self->current_desk_label, _("You will be called here shortly."));
      return;
    }
  title = call_title (latest);
  desk = call_desk (latest);
  gtk_label_set_text (self->current_ticket_label, title);
  gtk_label_set_text (self->current_desk_label, desk);

  /* A new call, not the first look nor a call that only moved on. */
  if (self->last_call != NULL && g_strcmp0 (self->last_call, sp_appointment_get_uuid (latest)) != 0)
    chime (self);
  g_free (self->last_call);
  self->last_call = g_strdup (sp_appointment_get_uuid (latest));
}

static void
on_job_done_cb (SpMaintenance    *maintenance,
                SpMaintenanceJob  job,
                guint             changed,
                const GError     *error,
                SpDisplayWindow  *self)
{
  if (job == SP_MAINTENANCE_OTHER_DESKS && changed > 0)
    reload (self);
}

static gboolean
on_clock_cb (gpointer user_data)
{
  SpDisplayWindow *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, "%H:%M");

  gtk_label_set_text (self->clock_label, text);
  return G_SOURCE_CONTINUE;
}

static void
toggle_fullscreen_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
sp_display_window_constructed (GObject *object)
{
  SpDisplayWindow *self = SP_DISPLAY_WINDOW (object);
  SpStore *store = sp_context_get_store (self->context);
  SpMaintenance *maintenance = sp_context_get_maintenance (self->context);
  g_autofree char *comune = sp_store_get_setting (store, SP_SETTING_COMUNE_NAME);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (sp_display_window_parent_class)->constructed (object);

  gtk_label_set_text (self->comune_label, comune != NULL ? comune : "");
  self->sound = gsound_context_new (NULL, &error);
  if (self->sound == NULL)
    g_debug ("No sound for the chime: %s", error->message);

  /* This desk's own calls, and every other desk's. */
  g_signal_connect_object (store, "committed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  if (maintenance != NULL)
    {
      g_signal_connect_object (maintenance, "job-done", G_CALLBACK (on_job_done_cb), self, 0);
      sp_maintenance_watch (maintenance);
    }
  on_clock_cb (self);
  self->clock_id = g_timeout_add_seconds (10, on_clock_cb, self);
  reload (self);
}

static void
sp_display_window_dispose (GObject *object)
{
  SpDisplayWindow *self = SP_DISPLAY_WINDOW (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_object (&self->sound);
  sp_construct_properties_clear (object, SP_TYPE_DISPLAY_WINDOW);

  G_OBJECT_CLASS (sp_display_window_parent_class)->dispose (object);
}

static void
sp_display_window_finalize (GObject *object)
{
  g_free (SP_DISPLAY_WINDOW (object)->last_call);

  G_OBJECT_CLASS (sp_display_window_parent_class)->finalize (object);
}

static void
sp_display_window_class_init (SpDisplayWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_display_window_constructed;
  object_class->dispose = sp_display_window_dispose;
  object_class->finalize = sp_display_window_finalize;
  sp_construct_property_install (object_class, "context", SP_TYPE_CONTEXT,
                                 G_STRUCT_OFFSET (SpDisplayWindow, context));

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-display-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpDisplayWindow, comune_label);
  gtk_widget_class_bind_template_child (widget_class, SpDisplayWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, SpDisplayWindow, current_ticket_label);
  gtk_widget_class_bind_template_child (widget_class, SpDisplayWindow, current_desk_label);
  gtk_widget_class_bind_template_child (widget_class, SpDisplayWindow, previous_heading);
  gtk_widget_class_bind_template_child (widget_class, SpDisplayWindow, previous_list);

  gtk_widget_class_install_action (widget_class, "display.fullscreen", NULL, toggle_fullscreen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "display.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_display_window_init (SpDisplayWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_display_window_new (GtkApplication *application,
                       SpContext      *context)
{
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);

  return g_object_new (SP_TYPE_DISPLAY_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}
