/* sp-appointments-page.c — week view, booking, calendars and closures */
#define G_LOG_DOMAIN "sp-appointments-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-appointment.h"
#include "sp-appointments-page.h"
#include "sp-calendar.h"
#include "sp-desk.h"
#include "sp-entry-row.h"
#include "sp-holidays.h"
#include "sp-window.h"

struct _SpAppointmentsPage
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkDropDown     *service_dropdown;
  GtkDropDown     *desk_dropdown;
  GtkLabel        *week_label;
  GtkLabel        *first_free_label;
  GtkBox          *week_box;
  GtkToggleButton *calendars_toggle;
  GtkWidget       *week_view;
  GtkWidget       *calendars_view;
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
  GtkListBox      *calendars_list;
  SpEntryRow      *hours_row;
  SpEntryRow      *slot_minutes_row;
  SpEntryRow      *capacity_row;
  SpEntryRow      *valid_from_row;
  SpEntryRow      *valid_to_row;
  GtkListBox      *closures_list;
  SpEntryRow      *closed_from_row;
  SpEntryRow      *closed_to_row;
  SpEntryRow      *closed_reason_row;
  GtkSwitch       *closed_desk_switch;

  /* owned */
  SpContext       *context;
  GPtrArray       *services;      /* SpBookingService */
  GListModel      *desks;         /* SpDesk */
  GDate            week_start;    /* a Monday */
  SpSlot          *selected_slot;
  SpAppointment   *selected;
};

G_DEFINE_FINAL_TYPE (SpAppointmentsPage, sp_appointments_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
report (SpAppointmentsPage *self,
        const char         *message)
{
  sp_window_show_toast_for (GTK_WIDGET (self), message);
}

static SpStore *
get_store (SpAppointmentsPage *self)
{
  return sp_context_get_store (self->context);
}

gboolean
sp_issue_and_print_receipt (GtkWidget  *widget,
                            SpContext  *context,
                            SpReceipt  *receipt,
                            GError    **error)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  SpDesk *desk = sp_context_get_desk (context);
  SpOperator *op = sp_context_get_operator (context);
  const char * const *languages = g_get_language_names ();

  /* The desk's language, when the program has it; Italian otherwise. */
  sp_receipt_set_language (receipt, "it");
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_str_equal (languages[i], "en") || g_str_equal (languages[i], "C"))
      {
        sp_receipt_set_language (receipt, "en");
        break;
      }
    else if (g_str_has_prefix (languages[i], "it"))
      break;
  if (desk != NULL)
    sp_receipt_set_desk (receipt, sp_desk_get_id (desk), sp_desk_get_name (desk));
  if (op != NULL)
    sp_receipt_set_operator (receipt, sp_operator_get_id (op), sp_operator_get_display_name (op));

  if (!sp_receipt_issue (sp_context_get_store (context), receipt, sp_context_get_actor (context), error))
    return FALSE;
  if (!SP_IS_WINDOW (root))
    return TRUE;
  return sp_window_print_receipt (SP_WINDOW (root), receipt, NULL, error);
}

static SpBookingService *
current_service (SpAppointmentsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->service_dropdown);

  if (self->services == NULL || i >= self->services->len)
    return NULL;
  return g_ptr_array_index (self->services, i);
}

static SpDesk *
current_desk (SpAppointmentsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->desk_dropdown);
  g_autoptr(SpDesk) desk = NULL;

  if (self->desks == NULL || i >= g_list_model_get_n_items (self->desks))
    return NULL;
  desk = g_list_model_get_item (self->desks, i);
  return desk;   /* the model keeps it alive */
}

static gint64
current_desk_id (SpAppointmentsPage *self)
{
  SpDesk *desk = current_desk (self);

  return desk != NULL ? sp_desk_get_id (desk) : 0;
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
update_booking_label (SpAppointmentsPage *self)
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
select_slot (SpAppointmentsPage *self,
             const SpSlot       *slot)
{
  g_clear_pointer (&self->selected_slot, sp_slot_free);
  if (slot != NULL)
    self->selected_slot = sp_slot_copy (slot);
  update_booking_label (self);
}

static void
on_free_slot_clicked_cb (GtkButton          *button,
                         SpAppointmentsPage *self)
{
  const SpSlot *slot = g_object_get_data (G_OBJECT (button), "slot");
  g_autoptr(GError) error = NULL;

  if (self->selected != NULL && gtk_toggle_button_get_active (self->move_toggle))
    {
      g_autoptr(SpAppointment) moved = NULL;

      moved = sp_appointment_reschedule (get_store (self), sp_context_get_actor (self->context),
                                         sp_appointment_get_uuid (self->selected), slot->desk_id,
                                         slot->day, slot->start_minute, sp_store_now (), &error);
      gtk_toggle_button_set_active (self->move_toggle, FALSE);
      if (moved == NULL)
        report (self, error->message);
      else
        {
          g_autoptr(SpReceipt) receipt = sp_appointment_build_receipt (get_store (self), moved, NULL);

          g_set_object (&self->selected, moved);
          if (receipt != NULL && !sp_issue_and_print_receipt (GTK_WIDGET (self), self->context, receipt, &error))
            report (self, error->message);
          else
            report (self, _("The appointment was moved; the new receipt was printed."));
        }
      sp_appointments_page_reload (self);
      return;
    }

  g_clear_object (&self->selected);
  select_slot (self, slot);
  gtk_widget_grab_focus (GTK_WIDGET (self->surname_row));
}

static void
on_booked_slot_clicked_cb (GtkButton          *button,
                           SpAppointmentsPage *self)
{
  SpAppointment *a = g_object_get_data (G_OBJECT (button), "appointment");

  g_set_object (&self->selected, a);
  update_booking_label (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_reason_row));
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

static GtkWidget *
create_day_column (SpAppointmentsPage *self,
                   const GDate        *date,
                   GListModel         *booked,
                   gint64              now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *day = sp_date_to_iso (date);
  g_autofree char *heading = format_day (day, TRUE);
  g_autofree char *closed = NULL;
  SpBookingService *service = current_service (self);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (heading);
  int now_minute;
  GDate today;

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (column), label);
  gtk_widget_set_hexpand (column, TRUE);

  if (service == NULL)
    return column;

  closed = sp_calendar_day_closed_reason (get_store (self), service->id, current_desk_id (self), day, NULL);
  if (closed != NULL)
    {
      GtkWidget *why = gtk_label_new (closed);
      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_widget_add_css_class (why, "dim-label");
      gtk_box_append (GTK_BOX (column), why);
      return column;
    }

  sp_date_from_time (now, &today);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
    g_autoptr(GDateTime) local = g_date_time_to_local (utc);
    now_minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  }
  slots = sp_calendar_day_slots (get_store (self), service->id, current_desk_id (self), day, &error);
  for (guint i = 0; slots != NULL && i < slots->len; i++)
    {
      SpSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *time = sp_minute_format (slot->start_minute);
      gboolean past = g_date_compare (date, &today) < 0
                      || (g_date_compare (date, &today) == 0 && slot->start_minute <= now_minute);
      guint shown = 0;

      /* The booked places, each a button that selects the appointment. */
      for (guint k = 0; k < g_list_model_get_n_items (booked); k++)
        {
          g_autoptr(SpAppointment) a = g_list_model_get_item (booked, k);
          g_autofree char *name = NULL;
          g_autofree char *text = NULL;
          g_autofree char *accessible = NULL;
          GtkWidget *button;

          if (g_strcmp0 (sp_appointment_get_day (a), day) != 0
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
          gtk_box_append (GTK_BOX (column), button);
          shown++;
        }

      if (!past && slot->booked < slot->capacity)
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
          gtk_box_append (GTK_BOX (column), button);
        }
      (void) shown;
    }

  return column;
}

static void
reload_first_free (SpAppointmentsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSlot) slot = NULL;
  g_autofree char *text = NULL;
  SpBookingService *service = current_service (self);
  GDate today;

  if (service == NULL)
    return;
  slot = sp_calendar_first_free (get_store (self), service->id, current_desk_id (self), sp_store_now (), &error);
  if (slot == NULL)
    {
      gtk_label_set_text (self->first_free_label, error->message);
      return;
    }
  sp_date_from_time (sp_store_now (), &today);
  {
    g_autofree char *day = format_day (slot->day, TRUE);
    g_autofree char *time = sp_minute_format (slot->start_minute);
    int wait = sp_calendar_wait_working_days (get_store (self), &today, slot->day);

    /* Translators: first free slot: day, time, desk, and the wait in working days */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "First free slot: %s at %s, %s — wait %d working day",
                                         "First free slot: %s at %s, %s — wait %d working days", wait),
                            day, time, slot->desk_name, wait);
  }
  gtk_label_set_text (self->first_free_label, text);
}

static void
on_remove_clicked_cb (GtkButton          *button,
                      SpAppointmentsPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "id");
  gboolean closure = g_object_get_data (G_OBJECT (button), "closure") != NULL;
  gboolean ok;

  if (closure)
    ok = sp_closure_remove (get_store (self), sp_context_get_actor (self->context), id, &error);
  else
    ok = sp_calendar_remove (get_store (self), sp_context_get_actor (self->context), id, &error);
  if (!ok)
    report (self, error->message);
  sp_appointments_page_reload (self);
}

static void
add_remove_button (SpAppointmentsPage *self,
                   GtkWidget          *row,
                   gint64              id,
                   gboolean            closure,
                   const char         *what)
{
  /* Translators: accessible name of a button removing a calendar or closure */
  g_autofree char *accessible = g_strdup_printf (_("Remove %s"), what);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "id", g_memdup2 (&id, sizeof id), g_free);
  if (closure)
    g_object_set_data (G_OBJECT (button), "closure", GINT_TO_POINTER (1));
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
reload_calendars (SpAppointmentsPage *self)
{
  g_autoptr(GPtrArray) calendars = NULL;
  g_autoptr(GPtrArray) closures = NULL;
  g_autofree char *today_text = NULL;
  GtkWidget *child;
  GDate today;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->calendars_list))) != NULL)
    gtk_list_box_remove (self->calendars_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->closures_list))) != NULL)
    gtk_list_box_remove (self->closures_list, child);

  calendars = sp_calendar_list (get_store (self), 0, NULL);
  for (guint i = 0; calendars != NULL && i < calendars->len; i++)
    {
      SpCalendar *c = g_ptr_array_index (calendars, i);
      g_autofree char *hours = sp_opening_hours_format (c->hours);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      title = g_strdup_printf ("%s · %s", c->desk_name, c->service_code);
      if (g_str_equal (c->valid_from, "0000-01-01") && g_str_equal (c->valid_to, "9999-12-31"))
        /* Translators: a calendar: hours, slot length, capacity */
        subtitle = g_strdup_printf (_("%s · slots of %d min · %d per slot"), hours, c->slot_minutes, c->capacity);
      else
        /* Translators: a calendar with a validity period */
        subtitle = g_strdup_printf (_("%s · slots of %d min · %d per slot · from %s to %s"), hours,
                                    c->slot_minutes, c->capacity, c->valid_from, c->valid_to);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      add_remove_button (self, row, c->id, FALSE, title);
      gtk_list_box_append (self->calendars_list, row);
    }

  sp_date_from_time (sp_store_now (), &today);
  today_text = sp_date_to_iso (&today);
  closures = sp_closure_list (get_store (self), today_text, NULL);
  for (guint i = 0; closures != NULL && i < closures->len; i++)
    {
      SpClosure *c = g_ptr_array_index (closures, i);
      g_autofree char *title = g_strdup_printf ("%s – %s", c->first_day, c->last_day);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", c->desk_name != NULL ? c->desk_name : _("Whole office"),
                                                   c->reason);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      add_remove_button (self, row, c->id, TRUE, title);
      gtk_list_box_append (self->closures_list, row);
    }
}

void
sp_appointments_page_reload (SpAppointmentsPage *self)
{
  g_autoptr(GListModel) booked = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *week = NULL;
  g_autofree char *first_text = NULL;
  GtkWidget *child;
  SpBookingService *service;
  GDate end;
  gint64 now = sp_store_now ();

  g_return_if_fail (SP_IS_APPOINTMENTS_PAGE (self));

  service = current_service (self);
  end = self->week_start;
  g_date_add_days (&end, 6);
  first = sp_date_to_iso (&self->week_start);
  last = sp_date_to_iso (&end);
  first_text = format_day (first, FALSE);
  /* Translators: the week shown, e.g. "Week of 23 November 2026" */
  week = g_strdup_printf (_("Week of %s"), first_text);
  gtk_label_set_text (self->week_label, week);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->week_box))) != NULL)
    gtk_box_remove (self->week_box, child);

  booked = sp_appointment_list_range (get_store (self), service != NULL ? service->id : 0,
                                      current_desk_id (self), first, last, NULL);
  for (int i = 0; i < 7; i++)
    {
      GDate d = self->week_start;

      g_date_add_days (&d, i);
      gtk_box_append (self->week_box, create_day_column (self, &d, booked, now));
    }

  reload_first_free (self);
  reload_calendars (self);
  update_booking_label (self);
}

static void
go_to_week_of (SpAppointmentsPage *self,
               const GDate        *day)
{
  self->week_start = *day;
  g_date_subtract_days (&self->week_start, g_date_get_weekday (day) - 1);
}

static void
week_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (widget);
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
  sp_appointments_page_reload (self);
}

static void
first_free_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSlot) slot = NULL;
  SpBookingService *service = current_service (self);
  GDate day;

  if (service == NULL)
    return;
  slot = sp_calendar_first_free (get_store (self), service->id, current_desk_id (self), sp_store_now (), &error);
  if (slot == NULL)
    {
      report (self, error->message);
      return;
    }
  g_clear_object (&self->selected);
  sp_date_parse_iso (slot->day, &day);
  go_to_week_of (self, &day);
  sp_appointments_page_reload (self);
  select_slot (self, slot);
  gtk_widget_grab_focus (GTK_WIDGET (self->surname_row));
}

static const char *
text_of (SpEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
clear_booking_form (SpAppointmentsPage *self)
{
  SpEntryRow *rows[] = { self->surname_row, self->name_row, self->cf_row, self->phone_row,
                         self->email_row, self->notes_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      sp_entry_row_set_error (rows[i], NULL);
    }
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *message = NULL;
  SpBookingService *service = current_service (self);
  SpAppointmentCitizen citizen = {
    text_of (self->surname_row), text_of (self->name_row), text_of (self->cf_row),
    text_of (self->phone_row), text_of (self->email_row), text_of (self->notes_row),
  };

  if (self->selected_slot == NULL || service == NULL)
    {
      report (self, _("Choose a free slot first."));
      return;
    }
  g_autofree char *surname = g_strstrip (g_strdup (citizen.surname));

  if (*surname == '\0')
    {
      sp_entry_row_set_error (self->surname_row, _("Type the citizen’s surname."));
      gtk_widget_grab_focus (GTK_WIDGET (self->surname_row));
      return;
    }

  a = sp_appointment_book (get_store (self), sp_context_get_actor (self->context), service->id,
                           self->selected_slot->desk_id, self->selected_slot->day,
                           self->selected_slot->start_minute, &citizen, sp_store_now (), &error);
  if (a == NULL)
    {
      report (self, error->message);
      sp_appointments_page_reload (self);
      return;
    }

  receipt = sp_appointment_build_receipt (get_store (self), a, &error);
  if (receipt == NULL || !sp_issue_and_print_receipt (GTK_WIDGET (self), self->context, receipt, &error))
    report (self, error->message);

  {
    g_autofree char *name = sp_appointment_dup_display_name (a);
    g_autofree char *day = format_day (sp_appointment_get_day (a), TRUE);
    g_autofree char *time = sp_minute_format (sp_appointment_get_start_minute (a));

    /* Translators: after booking: name, day, time */
    message = g_strdup_printf (_("Booked: %s, %s at %s. The receipt was printed."), name, day, time);
  }
  report (self, message);
  gtk_label_set_text (self->slot_label, message);
  clear_booking_form (self);
  g_clear_pointer (&self->selected_slot, sp_slot_free);
  g_set_object (&self->selected, a);
  sp_appointments_page_reload (self);
  gtk_label_set_text (self->slot_label, message);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->selected == NULL)
    return;
  if (!sp_appointment_cancel (get_store (self), sp_context_get_actor (self->context),
                              sp_appointment_get_uuid (self->selected), text_of (self->cancel_reason_row), &error))
    {
      sp_entry_row_set_error (self->cancel_reason_row, error->message);
      return;
    }
  sp_entry_row_set_error (self->cancel_reason_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->cancel_reason_row), "");
  report (self, _("The appointment was cancelled."));
  g_clear_object (&self->selected);
  sp_appointments_page_reload (self);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReceipt) latest = NULL;
  g_autoptr(SpReceipt) copy = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  SpOperator *op = sp_context_get_operator (self->context);

  if (self->selected == NULL)
    return;
  latest = sp_receipt_load_for_record (get_store (self), SP_RECEIPT_KIND_APPOINTMENT,
                                       sp_appointment_get_uuid (self->selected), &error);
  if (latest != NULL)
    copy = sp_receipt_reprint (get_store (self), sp_receipt_get_uuid (latest), sp_context_get_actor (self->context),
                               op != NULL ? sp_operator_get_display_name (op) : "", &error);
  if (copy == NULL || (SP_IS_WINDOW (root) && !sp_window_print_receipt (SP_WINDOW (root), copy, NULL, &error)))
    report (self, error->message);
}

static gboolean
parse_int (SpEntryRow *row,
           int         min,
           int         max,
           int        *out)
{
  gint64 value;

  g_autofree char *text = g_strstrip (g_strdup (text_of (row)));

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

static const char *
optional_text (SpEntryRow *row)
{
  const char *text = text_of (row);

  return *text != '\0' ? text : NULL;
}

static void
save_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hours = NULL;
  g_autoptr(SpCalendar) calendar = NULL;
  SpBookingService *service = current_service (self);
  int slot, capacity;

  if (service == NULL || current_desk_id (self) == 0)
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

  calendar = sp_calendar_set (get_store (self), sp_context_get_actor (self->context), current_desk_id (self),
                              service->id, slot, capacity, optional_text (self->valid_from_row),
                              optional_text (self->valid_to_row), hours, &error);
  if (calendar == NULL)
    {
      sp_entry_row_set_error (self->valid_from_row, error->message);
      return;
    }
  sp_entry_row_set_error (self->valid_from_row, NULL);
  report (self, _("The calendar was saved."));
  sp_appointments_page_reload (self);
}

static void
add_closure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpClosure) closure = NULL;
  gint64 desk_id = gtk_switch_get_active (self->closed_desk_switch) ? current_desk_id (self) : 0;

  closure = sp_closure_add (get_store (self), sp_context_get_actor (self->context), desk_id,
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
  report (self, _("The closure was added."));
  sp_appointments_page_reload (self);
}

static void
fill_calendar_form (SpAppointmentsPage *self)
{
  g_autoptr(GPtrArray) calendars = NULL;
  SpBookingService *service = current_service (self);

  if (service == NULL)
    return;
  calendars = sp_calendar_list (get_store (self), service->id, NULL);
  for (guint i = 0; calendars != NULL && i < calendars->len; i++)
    {
      SpCalendar *c = g_ptr_array_index (calendars, i);
      g_autofree char *hours = NULL;
      g_autofree char *slot = NULL;
      g_autofree char *capacity = NULL;

      if (c->desk_id != current_desk_id (self) || !g_str_equal (c->valid_from, "0000-01-01"))
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

static void
on_selector_changed_cb (SpAppointmentsPage *self)
{
  g_clear_pointer (&self->selected_slot, sp_slot_free);
  g_clear_object (&self->selected);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      fill_calendar_form (self);
      sp_appointments_page_reload (self);
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
    fill_calendar_form (self);
}

static void
on_book_activated_cb (SpAppointmentsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "appointments.book", NULL);
}

static void
load_selectors (SpAppointmentsPage *self)
{
  g_autoptr(GtkStringList) services = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) desks = gtk_string_list_new (NULL);
  SpDesk *mine = sp_context_get_desk (self->context);
  guint selected_desk = 0;

  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_object (&self->desks);
  self->services = sp_booking_service_list (get_store (self), NULL);
  self->desks = sp_desk_list (get_store (self), FALSE, NULL);

  for (guint i = 0; self->services != NULL && i < self->services->len; i++)
    gtk_string_list_append (services, ((SpBookingService *) g_ptr_array_index (self->services, i))->name);
  for (guint i = 0; self->desks != NULL && i < g_list_model_get_n_items (self->desks); i++)
    {
      g_autoptr(SpDesk) desk = g_list_model_get_item (self->desks, i);

      gtk_string_list_append (desks, sp_desk_get_name (desk));
      if (mine != NULL && sp_desk_get_id (desk) == sp_desk_get_id (mine))
        selected_desk = i;
    }

  g_signal_handlers_block_by_func (self->service_dropdown, on_selector_changed_cb, self);
  g_signal_handlers_block_by_func (self->desk_dropdown, on_selector_changed_cb, self);
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));
  gtk_drop_down_set_model (self->desk_dropdown, G_LIST_MODEL (desks));
  gtk_drop_down_set_selected (self->desk_dropdown, selected_desk);
  g_signal_handlers_unblock_by_func (self->service_dropdown, on_selector_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->desk_dropdown, on_selector_changed_cb, self);
}

void
sp_appointments_page_open (SpAppointmentsPage *self,
                           const char         *appointment_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpAppointment) a = sp_appointment_load (get_store (self), appointment_uuid, &error);
  GDate day;

  if (a == NULL)
    {
      report (self, error->message);
      return;
    }
  gtk_toggle_button_set_active (self->calendars_toggle, FALSE);
  for (guint i = 0; self->services != NULL && i < self->services->len; i++)
    if (((SpBookingService *) g_ptr_array_index (self->services, i))->id == sp_appointment_get_service_id (a))
      gtk_drop_down_set_selected (self->service_dropdown, i);
  sp_date_parse_iso (sp_appointment_get_day (a), &day);
  go_to_week_of (self, &day);
  g_set_object (&self->selected, a);
  sp_appointments_page_reload (self);
}

static void
sp_appointments_page_map (GtkWidget *widget)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (widget);

  GTK_WIDGET_CLASS (sp_appointments_page_parent_class)->map (widget);
  sp_appointments_page_reload (self);
}

static void
sp_appointments_page_constructed (GObject *object)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (object);
  SpOperator *op = sp_context_get_operator (self->context);
  GDate today;

  G_OBJECT_CLASS (sp_appointments_page_parent_class)->constructed (object);

  load_selectors (self);
  sp_date_from_time (sp_store_now (), &today);
  go_to_week_of (self, &today);
  gtk_widget_set_visible (GTK_WIDGET (self->calendars_toggle), op != NULL && sp_operator_is_admin (op));
  on_calendars_toggled_cb (self);
}

static void
sp_appointments_page_dispose (GObject *object)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_APPOINTMENTS_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->desks);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->selected_slot, sp_slot_free);

  G_OBJECT_CLASS (sp_appointments_page_parent_class)->dispose (object);
}

static void
sp_appointments_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_appointments_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SpAppointmentsPage *self = SP_APPOINTMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_appointments_page_class_init (SpAppointmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_appointments_page_constructed;
  object_class->dispose = sp_appointments_page_dispose;
  object_class->get_property = sp_appointments_page_get_property;
  object_class->set_property = sp_appointments_page_set_property;
  widget_class->map = sp_appointments_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-appointments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, desk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, week_label);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, first_free_label);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, week_box);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, calendars_toggle);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, week_view);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, calendars_view);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, slot_label);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, surname_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, cf_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, appointment_group);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, appointment_label);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, cancel_reason_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, move_toggle);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, calendars_list);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, hours_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, slot_minutes_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, valid_from_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, valid_to_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, closures_list);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, closed_from_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, closed_to_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, closed_reason_row);
  gtk_widget_class_bind_template_child (widget_class, SpAppointmentsPage, closed_desk_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_selector_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendars_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_book_activated_cb);

  gtk_widget_class_install_action (widget_class, "appointments.week", "i", week_action);
  gtk_widget_class_install_action (widget_class, "appointments.first-free", NULL, first_free_action);
  gtk_widget_class_install_action (widget_class, "appointments.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "appointments.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "appointments.reprint", NULL, reprint_action);
  gtk_widget_class_install_action (widget_class, "appointments.save-calendar", NULL, save_calendar_action);
  gtk_widget_class_install_action (widget_class, "appointments.add-closure", NULL, add_closure_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sp-appointments-page");
}

static void
sp_appointments_page_init (SpAppointmentsPage *self)
{
  g_date_clear (&self->week_start, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_appointments_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_APPOINTMENTS_PAGE, "context", context, NULL);
}
