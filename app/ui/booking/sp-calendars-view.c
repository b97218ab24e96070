/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-calendars-view.c — the administrators' view of calendars and closures */
#define G_LOG_DOMAIN "sp-calendars-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-calendars-view.h"
#include "sp-entry-row.h"

struct _SpCalendarsView
{
  SpPage      parent_instance;

  /* template widgets */
  GtkListBox *calendars_list;
  SpEntryRow *hours_row;
  SpEntryRow *slot_minutes_row;
  SpEntryRow *capacity_row;
  SpEntryRow *valid_from_row;
  SpEntryRow *valid_to_row;
  GtkListBox *closures_list;
  SpEntryRow *closed_from_row;
  SpEntryRow *closed_to_row;
  SpEntryRow *closed_reason_row;
  GtkSwitch  *closed_desk_switch;

  /* owned */
  gint64      service_id;   /* 0: none chosen */
  gint64      desk_id;
};

G_DEFINE_FINAL_TYPE (SpCalendarsView, sp_calendars_view, SP_TYPE_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SpStore *
get_store (SpCalendarsView *self)
{
  return sp_page_get_store (SP_PAGE (self));
}

static SpActor
get_actor (SpCalendarsView *self)
{
  return sp_context_get_actor (sp_page_get_context (SP_PAGE (self)));
}

/* The calendars changed: the page reads the week again, and this view. */
static void
emit_changed (SpCalendarsView *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static const char *
text_of (SpEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static const char *
optional_text (SpEntryRow *row)
{
  const char *text = text_of (row);

  return *text != '\0' ? text : NULL;
}

static gboolean
parse_int (SpEntryRow *row,
           int         min,
           int         max,
           int        *out)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (row)));
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("Type a number from %d to %d."), min, max);
      sp_entry_row_set_error (row, message);
      return FALSE;
    }
  sp_entry_row_set_error (row, NULL);
  *out = (int) value;
  return TRUE;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
on_remove_clicked_cb (GtkButton       *button,
                      SpCalendarsView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "id");
  gboolean closure = g_object_get_data (G_OBJECT (button), "closure") != NULL;
  gboolean ok;

  if (closure)
    ok = sp_closure_remove (get_store (self), get_actor (self), id, &error);
  else
    ok = sp_calendar_remove (get_store (self), get_actor (self), id, &error);
  if (!ok)
    sp_page_show_error (SP_PAGE (self), error, NULL);
  emit_changed (self);
}

/* A row of the calendars or closures list, with its remove button. */
static GtkWidget *
create_row (SpCalendarsView *self,
            const char      *title,
            const char      *subtitle,
            gint64           id,
            gboolean         closure)
{
  /* Translators: accessible name of a button removing a calendar or closure */
  g_autofree char *accessible = g_strdup_printf (_("Remove %s"), title);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "id", g_memdup2 (&id, sizeof id), g_free);
  if (closure)
    g_object_set_data (G_OBJECT (button), "closure", GINT_TO_POINTER (1));
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
reload_calendars (SpCalendarsView *self)
{
  g_autoptr(GPtrArray) calendars = sp_calendar_list (get_store (self), 0, NULL);

  clear_list (self->calendars_list);
  for (guint i = 0; calendars != NULL && i < calendars->len; i++)
    {
      SpCalendar *c = g_ptr_array_index (calendars, i);
      g_autofree char *hours = sp_opening_hours_format (c->hours);
      g_autofree char *title = g_strdup_printf ("%s · %s", c->desk_name, c->service_code);
      g_autofree char *subtitle = NULL;

      if (g_str_equal (c->valid_from, "0000-01-01") && g_str_equal (c->valid_to, "9999-12-31"))
        /* Translators: a calendar: hours, slot length, capacity */
        subtitle = g_strdup_printf (_("%s · slots of %d min · %d per slot"), hours, c->slot_minutes, c->capacity);
      else
        /* Translators: a calendar with a validity period */
        subtitle = g_strdup_printf (_("%s · slots of %d min · %d per slot · from %s to %s"), hours,
                                    c->slot_minutes, c->capacity, c->valid_from, c->valid_to);
      gtk_list_box_append (self->calendars_list, create_row (self, title, subtitle, c->id, FALSE));
    }
}

static void
reload_closures (SpCalendarsView *self)
{
  g_autoptr(GPtrArray) closures = NULL;
  g_autofree char *today_text = NULL;
  GDate today;

  clear_list (self->closures_list);
  sp_date_from_time (sp_store_now (), &today);
  today_text = sp_date_to_iso (&today);
  closures = sp_closure_list (get_store (self), today_text, NULL);
  for (guint i = 0; closures != NULL && i < closures->len; i++)
    {
      SpClosure *c = g_ptr_array_index (closures, i);
      g_autofree char *title = g_strdup_printf ("%s – %s", c->first_day, c->last_day);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", c->desk_name != NULL ? c->desk_name : _("Whole office"),
                                                   c->reason);

      gtk_list_box_append (self->closures_list, create_row (self, title, subtitle, c->id, TRUE));
    }
}

static void
save_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SpCalendarsView *self = SP_CALENDARS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hours = NULL;
  g_autoptr(SpCalendar) calendar = NULL;
  int slot, capacity;

  if (self->service_id == 0 || self->desk_id == 0)
    return;
  hours = sp_opening_hours_parse (text_of (self->hours_row), &error);
  if (hours == NULL)
    {
      sp_entry_row_set_error (self->hours_row, error->message);
      return;
    }
  sp_entry_row_set_error (self->hours_row, NULL);
  if (!parse_int (self->slot_minutes_row, 5, 480, &slot) || !parse_int (self->capacity_row, 1, 50, &capacity))
    return;

  calendar = sp_calendar_set (get_store (self), get_actor (self), self->desk_id, self->service_id,
                              slot, capacity, optional_text (self->valid_from_row),
                              optional_text (self->valid_to_row), hours, &error);
  if (calendar == NULL)
    {
      sp_entry_row_set_error (self->valid_from_row, error->message);
      return;
    }
  sp_entry_row_set_error (self->valid_from_row, NULL);
  sp_page_show_toast (SP_PAGE (self), _("The calendar was saved."));
  emit_changed (self);
}

static void
add_closure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpCalendarsView *self = SP_CALENDARS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpClosure) closure = NULL;
  gint64 desk_id = gtk_switch_get_active (self->closed_desk_switch) ? self->desk_id : 0;

  closure = sp_closure_add (get_store (self), get_actor (self), desk_id,
                            text_of (self->closed_from_row), optional_text (self->closed_to_row),
                            text_of (self->closed_reason_row), &error);
  if (closure == NULL)
    {
      sp_entry_row_set_error (self->closed_from_row, error->message);
      return;
    }
  sp_entry_row_set_error (self->closed_from_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->closed_from_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->closed_to_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->closed_reason_row), "");
  sp_page_show_toast (SP_PAGE (self), _("The closure was added."));
  emit_changed (self);
}

static void
sp_calendars_view_reload (SpPage *page)
{
  SpCalendarsView *self = SP_CALENDARS_VIEW (page);

  reload_calendars (self);
  reload_closures (self);
}

static void
sp_calendars_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_CALENDARS_VIEW);

  G_OBJECT_CLASS (sp_calendars_view_parent_class)->dispose (object);
}

static void
sp_calendars_view_class_init (SpCalendarsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpPageClass *page_class = SP_PAGE_CLASS (klass);

  object_class->dispose = sp_calendars_view_dispose;
  page_class->reload = sp_calendars_view_reload;

  /* A calendar or a closure was saved or removed here. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-calendars-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, calendars_list);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, hours_row);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, slot_minutes_row);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, valid_from_row);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, valid_to_row);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, closures_list);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, closed_from_row);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, closed_to_row);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, closed_reason_row);
  gtk_widget_class_bind_template_child (widget_class, SpCalendarsView, closed_desk_switch);

  gtk_widget_class_install_action (widget_class, "appointments.save-calendar", NULL, save_calendar_action);
  gtk_widget_class_install_action (widget_class, "appointments.add-closure", NULL, add_closure_action);

  gtk_widget_class_set_css_name (widget_class, "sp-calendars-view");
}

static void
sp_calendars_view_init (SpCalendarsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_calendars_view_new (SpContext *context)
{
  return g_object_new (SP_TYPE_CALENDARS_VIEW, "context", context, NULL);
}

void
sp_calendars_view_set_filter (SpCalendarsView *self,
                              gint64           service_id,
                              gint64           desk_id)
{
  g_return_if_fail (SP_IS_CALENDARS_VIEW (self));

  self->service_id = service_id;
  self->desk_id = desk_id;
}

void
sp_calendars_view_fill_form (SpCalendarsView *self)
{
  g_autoptr(GPtrArray) calendars = NULL;

  g_return_if_fail (SP_IS_CALENDARS_VIEW (self));

  if (self->service_id == 0)
    return;
  calendars = sp_calendar_list (get_store (self), self->service_id, NULL);
  for (guint i = 0; calendars != NULL && i < calendars->len; i++)
    {
      SpCalendar *c = g_ptr_array_index (calendars, i);
      g_autofree char *hours = NULL;
      g_autofree char *slot = NULL;
      g_autofree char *capacity = NULL;

      if (c->desk_id != self->desk_id || !g_str_equal (c->valid_from, "0000-01-01"))
        continue;
      hours = sp_opening_hours_format (c->hours);
      slot = g_strdup_printf ("%d", c->slot_minutes);
      capacity = g_strdup_printf ("%d", c->capacity);
      gtk_editable_set_text (GTK_EDITABLE (self->hours_row), hours);
      gtk_editable_set_text (GTK_EDITABLE (self->slot_minutes_row), slot);
      gtk_editable_set_text (GTK_EDITABLE (self->capacity_row), capacity);
      return;
    }
}
