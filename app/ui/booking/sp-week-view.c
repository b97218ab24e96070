/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-week-view.c — a week of slots, booking by keyboard, the chosen appointment */
#define G_LOG_DOMAIN "sp-week-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-entry-row.h"
#include "sp-refresh.h"
#include "sp-week-view.h"

struct _SpWeekView
{
  SpPage           parent_instance;

  /* template widgets */
  GtkLabel        *week_label;
  GtkBox          *week_box;
  GtkLabel        *slot_label;
  SpEntryRow      *surname_row;
  SpEntryRow      *name_row;
  SpEntryRow      *cf_row;
  SpEntryRow      *phone_row;
  SpEntryRow      *email_row;
  SpEntryRow      *notes_row;
  GtkWidget       *appointment_group;
  GtkLabel        *appointment_label;
  SpEntryRow      *cancel_reason_row;
  GtkToggleButton *move_toggle;

  /* owned */
  gint64           service_id;    /* 0: none chosen */
  gint64           desk_id;       /* 0: every desk */
  GDate            week_start;    /* a Monday */
  SpSlot          *selected_slot;
  SpAppointment   *selected;
};

G_DEFINE_FINAL_TYPE (SpWeekView, sp_week_view, SP_TYPE_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SpStore *
get_store (SpWeekView *self)
{
  return sp_page_get_store (SP_PAGE (self));
}

static SpActor
get_actor (SpWeekView *self)
{
  return sp_context_get_actor (sp_page_get_context (SP_PAGE (self)));
}

/* Appointments changed: the page reads again what depends on them. */
static void
emit_changed (SpWeekView *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static const char *
text_of (SpEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
format_day (const char *day,
            gboolean    with_weekday)
{
  GDate date;
  char buffer[128] = "";

  if (!sp_date_parse_iso (day, &date))
    return g_strdup (day);
  /* Translators: a day in the week view and messages (strftime), e.g. "Mon 23 Nov" */
  g_date_strftime (buffer, sizeof buffer, with_weekday ? _("%a %e %b") : _("%e %B %Y"), &date);
  return g_strstrip (g_strdup (buffer));
}

static void
go_to_week_of (SpWeekView  *self,
               const GDate *day)
{
  self->week_start = *day;
  g_date_subtract_days (&self->week_start, g_date_get_weekday (day) - 1);
}

static void
update_booking_label (SpWeekView *self)
{
  g_autofree char *text = NULL;

  if (self->selected_slot != NULL)
    {
      g_autofree char *day = format_day (self->selected_slot->day, TRUE);
      g_autofree char *time = sp_minute_format (self->selected_slot->start_minute);

      /* Translators: the slot chosen for booking: day, time and desk */
      text = g_strdup_printf (_("Slot: %s at %s, %s"), day, time, self->selected_slot->desk_name);
    }
  else
    text = g_strdup (_("Choose a free slot in the week, or book the first free one."));
  gtk_label_set_text (self->slot_label, text);

  gtk_widget_set_visible (self->appointment_group, self->selected != NULL);
  if (self->selected != NULL)
    {
      g_autofree char *name = sp_appointment_dup_display_name (self->selected);
      g_autofree char *day = format_day (sp_appointment_get_day (self->selected), TRUE);
      g_autofree char *time = sp_minute_format (sp_appointment_get_start_minute (self->selected));
      g_autofree char *label = NULL;

      /* Translators: the selected appointment: name, day, time, state */
      label = g_strdup_printf (_("%s — %s at %s (%s)"), name, day, time,
                               sp_appointment_state_get_label (sp_appointment_get_state (self->selected)));
      gtk_label_set_text (self->appointment_label, label);
    }
}

static void
select_slot (SpWeekView   *self,
             const SpSlot *slot)
{
  g_clear_pointer (&self->selected_slot, sp_slot_free);
  if (slot != NULL)
    self->selected_slot = sp_slot_copy (slot);
  update_booking_label (self);
}

static void
clear_booking_form (SpWeekView *self)
{
  SpEntryRow *rows[] = { self->surname_row, self->name_row, self->cf_row, self->phone_row,
                         self->email_row, self->notes_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      sp_entry_row_set_error (rows[i], NULL);
    }
}

/* Moves the selected appointment to slot, and prints its new receipt. */
static void
move_selected_to (SpWeekView   *self,
                  const SpSlot *slot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) moved = NULL;

  moved = sp_appointment_reschedule (get_store (self), get_actor (self),
                                     sp_appointment_get_uuid (self->selected), slot->desk_id,
                                     slot->day, slot->start_minute, sp_store_now (), &error);
  gtk_toggle_button_set_active (self->move_toggle, FALSE);
  if (moved == NULL)
    sp_page_show_error (SP_PAGE (self), error, NULL);
  else
    {
      g_autoptr(SpReceipt) receipt = sp_appointment_build_receipt (get_store (self), moved, NULL);

      g_set_object (&self->selected, moved);
      if (receipt != NULL && !sp_page_issue_and_print_receipt (SP_PAGE (self), receipt, &error))
        sp_page_show_error (SP_PAGE (self), error, NULL);
      else
        sp_page_show_toast (SP_PAGE (self), _("The appointment was moved; the new receipt was printed."));
    }
  emit_changed (self);
}

static void
on_free_slot_clicked_cb (GtkButton  *button,
                         SpWeekView *self)
{
  const SpSlot *slot = g_object_get_data (G_OBJECT (button), "slot");

  if (self->selected != NULL && gtk_toggle_button_get_active (self->move_toggle))
    {
      move_selected_to (self, slot);
      return;
    }

  g_clear_object (&self->selected);
  select_slot (self, slot);
  gtk_widget_grab_focus (GTK_WIDGET (self->surname_row));
}

static void
on_booked_slot_clicked_cb (GtkButton  *button,
                           SpWeekView *self)
{
  SpAppointment *a = g_object_get_data (G_OBJECT (button), "appointment");

  g_set_object (&self->selected, a);
  update_booking_label (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_reason_row));
}

static void
on_book_activated_cb (SpWeekView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "appointments.book", NULL);
}

/* A slot's button: its label shrinks with an ellipsis, so seven columns
 * fit the window whatever the names booked. */
static GtkWidget *
create_slot_button (const char *text,
                    const char *accessible)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_tooltip_text (button, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

/* The booked places of slot, each a button that selects the appointment. */
static void
append_booked_buttons (SpWeekView   *self,
                       GtkBox       *column,
                       const SpSlot *slot,
                       const char   *heading,
                       const char   *time,
                       GListModel   *booked)
{
  for (guint k = 0; k < g_list_model_get_n_items (booked); k++)
    {
      g_autoptr(SpAppointment) a = g_list_model_get_item (booked, k);
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *button;

      if (g_strcmp0 (sp_appointment_get_day (a), slot->day) != 0
          || sp_appointment_get_start_minute (a) != slot->start_minute
          || sp_appointment_get_desk_id (a) != slot->desk_id)
        continue;
      name = sp_appointment_dup_display_name (a);
      text = g_strdup_printf ("%s %s", time, name);
      /* Translators: accessible name of a booked slot: time, day, citizen */
      accessible = g_strdup_printf (_("Booked %s %s: %s"), heading, time, name);
      button = create_slot_button (text, accessible);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "sp-slot-booked");
      g_object_set_data_full (G_OBJECT (button), "appointment", g_object_ref (a), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (on_booked_slot_clicked_cb), self);
      gtk_box_append (column, button);
    }
}

static void
append_free_button (SpWeekView   *self,
                    GtkBox       *column,
                    const SpSlot *slot,
                    const char   *heading,
                    const char   *time)
{
  g_autofree char *accessible = NULL;
  g_autofree char *text = NULL;
  GtkWidget *button;

  /* Translators: a free slot's button: time, and "free" */
  text = g_strdup_printf (_("%s free"), time);
  /* Translators: accessible name of a free slot: day and time */
  accessible = g_strdup_printf (_("Free slot %s %s"), heading, time);
  button = create_slot_button (text, accessible);
  gtk_widget_add_css_class (button, "sp-slot-free");
  g_object_set_data_full (G_OBJECT (button), "slot", sp_slot_copy (slot), (GDestroyNotify) sp_slot_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_free_slot_clicked_cb), self);
  gtk_box_append (column, button);
}

static GtkWidget *
create_day_column (SpWeekView  *self,
                   const GDate *date,
                   GListModel  *booked,
                   gint64       now)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *day = sp_date_to_iso (date);
  g_autofree char *heading = format_day (day, TRUE);
  g_autofree char *closed = NULL;
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (heading);
  int now_minute;
  GDate today;

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (column), label);
  gtk_widget_set_hexpand (column, TRUE);

  if (self->service_id == 0)
    return column;

  closed = sp_slot_day_closed_reason (get_store (self), self->service_id, self->desk_id, day, NULL);
  if (closed != NULL)
    {
      GtkWidget *why = gtk_label_new (closed);

      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_widget_add_css_class (why, "dim-label");
      gtk_box_append (GTK_BOX (column), why);
      return column;
    }

  sp_date_from_time (now, &today);
  now_minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  slots = sp_slot_list_day (get_store (self), self->service_id, self->desk_id, day, NULL);
  for (guint i = 0; slots != NULL && i < slots->len; i++)
    {
      SpSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *time = sp_minute_format (slot->start_minute);
      gboolean past = g_date_compare (date, &today) < 0
                      || (g_date_compare (date, &today) == 0 && slot->start_minute <= now_minute);

      append_booked_buttons (self, GTK_BOX (column), slot, heading, time, booked);
      if (!past && slot->booked < slot->capacity)
        append_free_button (self, GTK_BOX (column), slot, heading, time);
    }

  return column;
}

/* Everything a day's column shows and its buttons act on, for the
 * refresh to keep a column that did not change (sp-refresh.h). */
static char *
column_key (GtkWidget *column)
{
  GString *key = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (column); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SpAppointment *a = g_object_get_data (G_OBJECT (child), "appointment");
      const SpSlot *slot = g_object_get_data (G_OBJECT (child), "slot");

      if (GTK_IS_LABEL (child))
        g_string_append_printf (key, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      else
        g_string_append_printf (key, "%s\n", gtk_widget_get_tooltip_text (child));
      if (a != NULL)
        g_string_append_printf (key, "%s %d\n", sp_appointment_get_uuid (a), sp_appointment_get_state (a));
      if (slot != NULL)
        g_string_append_printf (key, "%s %d %" G_GINT64_FORMAT " %d/%d\n", slot->day, slot->start_minute,
                                slot->desk_id, slot->booked, slot->capacity);
    }
  return g_string_free (key, FALSE);
}

static void
week_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpWeekView *self = SP_WEEK_VIEW (widget);
  int step = g_variant_get_int32 (parameter);

  if (step == 0)
    {
      GDate today;

      sp_date_from_time (sp_store_now (), &today);
      go_to_week_of (self, &today);
    }
  else if (step > 0)
    g_date_add_days (&self->week_start, 7);
  else
    g_date_subtract_days (&self->week_start, 7);
  sp_page_reload (SP_PAGE (self));
}

static void
first_free_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SpWeekView *self = SP_WEEK_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSlot) slot = NULL;
  GDate day;

  if (self->service_id == 0)
    return;
  slot = sp_slot_first_free (get_store (self), self->service_id, self->desk_id, sp_store_now (), &error);
  if (slot == NULL)
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      return;
    }
  g_clear_object (&self->selected);
  sp_date_parse_iso (slot->day, &day);
  go_to_week_of (self, &day);
  sp_page_reload (SP_PAGE (self));
  select_slot (self, slot);
  gtk_widget_grab_focus (GTK_WIDGET (self->surname_row));
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpWeekView *self = SP_WEEK_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *surname = NULL;
  g_autofree char *input = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  SpAppointmentCitizen citizen = {
    text_of (self->surname_row), text_of (self->name_row), text_of (self->cf_row),
    text_of (self->phone_row), text_of (self->email_row), text_of (self->notes_row),
  };

  if (self->selected_slot == NULL || self->service_id == 0)
    {
      sp_page_show_toast (SP_PAGE (self), _("Choose a free slot first."));
      return;
    }
  surname = g_strstrip (g_strdup (citizen.surname));
  if (*surname == '\0')
    {
      sp_entry_row_set_error (self->surname_row, _("Type the citizen’s surname."));
      gtk_widget_grab_focus (GTK_WIDGET (self->surname_row));
      return;
    }

  input = g_strdup_printf ("book %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %d|%s|%s|%s|%s|%s|%s",
                           self->service_id, self->selected_slot->desk_id, self->selected_slot->day,
                           self->selected_slot->start_minute, citizen.surname, citizen.given_name,
                           citizen.codice_fiscale, citizen.phone, citizen.email, citizen.notes);
  a = sp_appointment_book (get_store (self), get_actor (self), sp_page_begin_write (SP_PAGE (self), input),
                           self->service_id, self->selected_slot->desk_id, self->selected_slot->day,
                           self->selected_slot->start_minute, &citizen, sp_store_now (), &error);
  sp_page_end_write (SP_PAGE (self), error);
  if (a == NULL)
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      emit_changed (self);
      return;
    }

  receipt = sp_appointment_build_receipt (get_store (self), a, &error);
  if (receipt == NULL || !sp_page_issue_and_print_receipt (SP_PAGE (self), receipt, &error))
    sp_page_show_error (SP_PAGE (self), error, NULL);

  name = sp_appointment_dup_display_name (a);
  day = format_day (sp_appointment_get_day (a), TRUE);
  time = sp_minute_format (sp_appointment_get_start_minute (a));
  /* Translators: after booking: name, day, time */
  message = g_strdup_printf (_("Booked: %s, %s at %s. The receipt was printed."), name, day, time);
  sp_page_show_toast (SP_PAGE (self), message);
  clear_booking_form (self);
  g_clear_pointer (&self->selected_slot, sp_slot_free);
  g_set_object (&self->selected, a);
  emit_changed (self);
  /* After the reload, which shows the hint for choosing a slot. */
  gtk_label_set_text (self->slot_label, message);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpWeekView *self = SP_WEEK_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->selected == NULL)
    return;
  if (!sp_appointment_cancel (get_store (self), get_actor (self), sp_appointment_get_uuid (self->selected),
                              text_of (self->cancel_reason_row), &error))
    {
      sp_entry_row_set_error (self->cancel_reason_row, error->message);
      return;
    }
  sp_entry_row_set_error (self->cancel_reason_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->cancel_reason_row), "");
  sp_page_show_toast (SP_PAGE (self), _("The appointment was cancelled."));
  g_clear_object (&self->selected);
  emit_changed (self);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpWeekView *self = SP_WEEK_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->selected == NULL)
    return;
  if (!sp_page_reprint_receipt (SP_PAGE (self), SP_RECEIPT_KIND_APPOINTMENT,
                                sp_appointment_get_uuid (self->selected), &error))
    sp_page_show_error (SP_PAGE (self), error, NULL);
}

static void
sp_week_view_reload (SpPage *page)
{
  SpWeekView *self = SP_WEEK_VIEW (page);
  g_autoptr(GListModel) booked = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *week = NULL;
  g_autofree char *first_text = NULL;
  GDate end;
  gint64 now = sp_store_now ();

  end = self->week_start;
  g_date_add_days (&end, 6);
  first = sp_date_to_iso (&self->week_start);
  last = sp_date_to_iso (&end);
  first_text = format_day (first, FALSE);
  /* Translators: the week shown, e.g. "Week of 23 November 2026" */
  week = g_strdup_printf (_("Week of %s"), first_text);
  gtk_label_set_text (self->week_label, week);

  booked = sp_appointment_list_range (get_store (self), self->service_id, self->desk_id, first, last, NULL);
  if (booked == NULL)
    booked = G_LIST_MODEL (g_list_store_new (SP_TYPE_APPOINTMENT));
  for (int i = 0; i < 7; i++)
    {
      GDate d = self->week_start;

      GtkWidget *column;
      g_autofree char *key = NULL;

      g_date_add_days (&d, i);
      column = create_day_column (self, &d, booked, now);
      key = column_key (column);
      sp_refresh_set_key (column, key);
      /* Another desk's booking replaces only its day. */
      sp_refresh_place (GTK_WIDGET (self->week_box), i, column);
    }

  update_booking_label (self);
}

static void
sp_week_view_constructed (GObject *object)
{
  SpWeekView *self = SP_WEEK_VIEW (object);
  GDate today;

  G_OBJECT_CLASS (sp_week_view_parent_class)->constructed (object);

  sp_date_from_time (sp_store_now (), &today);
  go_to_week_of (self, &today);
}

static void
sp_week_view_dispose (GObject *object)
{
  SpWeekView *self = SP_WEEK_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WEEK_VIEW);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->selected_slot, sp_slot_free);

  G_OBJECT_CLASS (sp_week_view_parent_class)->dispose (object);
}

static void
sp_week_view_class_init (SpWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpPageClass *page_class = SP_PAGE_CLASS (klass);

  object_class->constructed = sp_week_view_constructed;
  object_class->dispose = sp_week_view_dispose;
  page_class->reload = sp_week_view_reload;

  /* Appointments were booked, moved or cancelled here. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-week-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, week_label);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, week_box);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, slot_label);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, surname_row);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, name_row);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, cf_row);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, phone_row);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, email_row);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, notes_row);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, appointment_group);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, appointment_label);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, cancel_reason_row);
  gtk_widget_class_bind_template_child (widget_class, SpWeekView, move_toggle);
  gtk_widget_class_bind_template_callback (widget_class, on_book_activated_cb);

  gtk_widget_class_install_action (widget_class, "appointments.week", "i", week_action);
  gtk_widget_class_install_action (widget_class, "appointments.first-free", NULL, first_free_action);
  gtk_widget_class_install_action (widget_class, "appointments.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "appointments.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "appointments.reprint", NULL, reprint_action);

  gtk_widget_class_set_css_name (widget_class, "sp-week-view");
}

static void
sp_week_view_init (SpWeekView *self)
{
  g_date_clear (&self->week_start, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_week_view_new (SpContext *context)
{
  return g_object_new (SP_TYPE_WEEK_VIEW, "context", context, NULL);
}

void
sp_week_view_set_filter (SpWeekView *self,
                         gint64      service_id,
                         gint64      desk_id)
{
  g_return_if_fail (SP_IS_WEEK_VIEW (self));

  self->service_id = service_id;
  self->desk_id = desk_id;
  g_clear_pointer (&self->selected_slot, sp_slot_free);
  g_clear_object (&self->selected);
}

void
sp_week_view_select_appointment (SpWeekView    *self,
                                 SpAppointment *appointment)
{
  GDate day;

  g_return_if_fail (SP_IS_WEEK_VIEW (self));
  g_return_if_fail (SP_IS_APPOINTMENT (appointment));

  sp_date_parse_iso (sp_appointment_get_day (appointment), &day);
  go_to_week_of (self, &day);
  g_set_object (&self->selected, appointment);
}

char *
sp_week_view_dup_first_free_text (SpWeekView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSlot) slot = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  GDate today;
  int wait;

  g_return_val_if_fail (SP_IS_WEEK_VIEW (self), NULL);

  if (self->service_id == 0)
    return NULL;
  slot = sp_slot_first_free (get_store (self), self->service_id, self->desk_id, sp_store_now (), &error);
  if (slot == NULL)
    return g_strdup (error->message);

  sp_date_from_time (sp_store_now (), &today);
  day = format_day (slot->day, TRUE);
  time = sp_minute_format (slot->start_minute);
  wait = sp_slot_wait_working_days (get_store (self), &today, slot->day);
  /* Translators: first free slot: day, time, desk, and the wait in working days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "First free slot: %s at %s, %s — wait %d working day",
                                       "First free slot: %s at %s, %s — wait %d working days", wait),
                          day, time, slot->desk_name, wait);
}
