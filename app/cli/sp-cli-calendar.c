/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-calendar.c — sportello-admin calendar … and appointments …
 *
 *   calendar holidays YEAR            JSON: [{"date", "name"}, …] (patron included)
 *   calendar list                     JSON: every calendar
 *   calendar set --desk NAME --service CODE --hours "mon-fri 09:00-12:30"
 *                [--slot MINUTES] [--capacity N] [--from DATE] [--to DATE]
 *   calendar close --from DATE [--to DATE] [--desk NAME] [--reason TEXT]
 *   calendar closures                 JSON: closures from today on
 *   calendar patron MM-DD [NAME]      the comune's patron saint's day
 *   appointments next --service CODE [--desk NAME]
 *                                     JSON: first free slot and the wait
 *   appointments book --service CODE --desk NAME --date DATE --time HH:MM
 *                --surname S --name N [--cf CODE]   JSON: the appointment
 *   appointments list [--date DATE]   JSON: the day's agenda and queue
 *   appointments no-shows             marks the no-shows of today
 */
#define G_LOG_DOMAIN "sp-cli-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sp-appointment.h"
#include "sp-calendar.h"
#include "sp-cli-commands.h"
#include "sp-desk.h"
#include "sp-enum.h"
#include "sp-holidays.h"
#include "sp-reminder.h"
#include "sp-settings.h"

static int
run_holidays (SpStore *store, int argc, char **argv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SpHolidayRules) rules = NULL;
  g_autoptr(GArray) list = NULL;
  gint64 year;

  if (argc != 3 || !g_ascii_string_to_signed (argv[2], 10, 1583, 9999, &year, NULL))
    return sp_cli_usage_error (_("Usage: sportello-admin calendar holidays YEAR (1583–9999)"));

  rules = store != NULL ? sp_holiday_rules_load (store) : NULL;
  list = sp_holidays_for_year ((int) year, rules);
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      const SpHoliday *h = &g_array_index (list, SpHoliday, i);
      g_autofree char *date = sp_date_to_iso (&h->date);
      gboolean patron = rules != NULL && h->name == rules->patron_name;

      json_builder_begin_object (builder);
      sp_cli_json_add_string_or_null (builder, "date", date);
      sp_cli_json_add_string_or_null (builder, "name", patron ? h->name : _(h->name));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  sp_cli_print_builder (builder, FALSE);
  return 0;
}

static void
add_calendar (JsonBuilder *b, gpointer item)
{
  const SpCalendar *c = item;
  g_autofree char *hours = sp_opening_hours_format (c->hours);

  json_builder_begin_object (b);
  sp_cli_json_add_int (b, "id", c->id);
  sp_cli_json_add_string_or_null (b, "desk", c->desk_name);
  sp_cli_json_add_string_or_null (b, "service", c->service_code);
  sp_cli_json_add_int (b, "slot_minutes", c->slot_minutes);
  sp_cli_json_add_int (b, "capacity", c->capacity);
  sp_cli_json_add_string_or_null (b, "valid_from", g_str_equal (c->valid_from, "0000-01-01") ? NULL : c->valid_from);
  sp_cli_json_add_string_or_null (b, "valid_to", g_str_equal (c->valid_to, "9999-12-31") ? NULL : c->valid_to);
  sp_cli_json_add_string_or_null (b, "hours", hours);
  json_builder_end_object (b);
}

static void
add_closure (JsonBuilder *b, gpointer item)
{
  const SpClosure *c = item;

  json_builder_begin_object (b);
  sp_cli_json_add_int (b, "id", c->id);
  sp_cli_json_add_string_or_null (b, "desk", c->desk_name);
  sp_cli_json_add_string_or_null (b, "first_day", c->first_day);
  sp_cli_json_add_string_or_null (b, "last_day", c->last_day);
  sp_cli_json_add_string_or_null (b, "reason", c->reason);
  json_builder_end_object (b);
}

static gint64
lookup_desk (SpStore *store, const char *name, GError **error)
{
  g_autoptr(SpDesk) desk = NULL;

  if (name == NULL)
    return 0;
  desk = sp_desk_lookup (store, name, error);
  return desk != NULL ? sp_desk_get_id (desk) : -1;
}

static char *
today_iso (void)
{
  GDate today;

  sp_date_from_time (sp_store_now (), &today);
  return sp_date_to_iso (&today);
}

int
sp_cli_calendar (SpCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *desk_name = NULL;
  g_autofree char *service_code = NULL;
  g_autofree char *hours_text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *reason = NULL;
  int slot = 20;
  int capacity = 1;
  const char *sub;
  SpStore *store;
  GOptionEntry entries[] = {
    { "desk", 0, 0, G_OPTION_ARG_STRING, &desk_name, N_("set, close: the desk"), N_("NAME") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service_code, N_("set: the service (cie, spid, …)"), N_("CODE") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours_text, N_("set: weekly opening hours, e.g. “mon-fri 08:30-12:30,14:30-17:00; sat 09:00-12:00”"), N_("HOURS") },
    { "slot", 0, 0, G_OPTION_ARG_INT, &slot, N_("set: slot length in minutes (default 20)"), N_("MINUTES") },
    { "capacity", 0, 0, G_OPTION_ARG_INT, &capacity, N_("set: citizens per slot (default 1)"), "N" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("set, close: first day (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("set, close: last day (YYYY-MM-DD)"), N_("DATE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("close: why the office is closed"), N_("TEXT") },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("holidays YEAR|list|set|close|closures|patron MM-DD [NAME]"),
                             NULL, entries))
    return 2;
  if (argc < 2)
    return sp_cli_usage_error (_("calendar needs a subcommand: holidays, list, set, close, closures, patron."));
  sub = argv[1];

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (g_str_equal (sub, "holidays"))
    return run_holidays (store, argc, argv);

  if (g_str_equal (sub, "list"))
    {
      g_autoptr(GPtrArray) list = sp_calendar_list (store, 0, &error);

      if (list == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_items (list, TRUE, add_calendar, NULL);
      return 0;
    }

  if (g_str_equal (sub, "set"))
    {
      g_autoptr(SpBookingService) service = NULL;
      g_autoptr(GArray) hours = NULL;
      g_autoptr(SpCalendar) calendar = NULL;
      gint64 desk_id;

      if (desk_name == NULL || service_code == NULL || hours_text == NULL)
        return sp_cli_usage_error (_("calendar set needs --desk, --service and --hours."));
      desk_id = lookup_desk (store, desk_name, &error);
      if (desk_id < 0)
        return sp_cli_fail (error, 1);
      service = sp_booking_service_lookup (store, service_code, &error);
      if (service == NULL)
        return sp_cli_fail (error, 1);
      hours = sp_opening_hours_parse (hours_text, &error);
      if (hours == NULL)
        return sp_cli_fail (error, 2);
      calendar = sp_calendar_set (store, SP_ACTOR_SYSTEM, desk_id, service->id, slot, capacity,
                                  from, to, hours, &error);
      if (calendar == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_item (add_calendar, calendar);
      return 0;
    }

  if (g_str_equal (sub, "close"))
    {
      g_autoptr(SpClosure) closure = NULL;
      gint64 desk_id;

      if (from == NULL)
        return sp_cli_usage_error (_("calendar close needs --from (and --to for a range)."));
      desk_id = lookup_desk (store, desk_name, &error);
      if (desk_id < 0)
        return sp_cli_fail (error, 1);
      closure = sp_closure_add (store, SP_ACTOR_SYSTEM, desk_id, from, to, reason, &error);
      if (closure == NULL)
        return sp_cli_fail (error, 1);
      g_print (_("Closed from %s to %s.\n"), closure->first_day, closure->last_day);
      return 0;
    }

  if (g_str_equal (sub, "closures"))
    {
      g_autofree char *today = today_iso ();
      g_autoptr(GPtrArray) list = sp_closure_list (store, today, &error);

      if (list == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_items (list, TRUE, add_closure, NULL);
      return 0;
    }

  if (g_str_equal (sub, "patron"))
    {
      const char *keys[3] = { SP_SETTING_PATRON_DAY, NULL, NULL };
      const char *values[3] = { NULL };

      if (argc < 3 || argc > 4)
        return sp_cli_usage_error (_("Usage: sportello-admin calendar patron MM-DD [NAME]"));
      values[0] = argv[2];
      /* Without a name, the day alone: the name stays as it was. */
      if (argc == 4)
        {
          keys[1] = SP_SETTING_PATRON_NAME;
          values[1] = argv[3];
        }
      if (!sp_settings_save (store, SP_ACTOR_SYSTEM, keys, values, &error))
        return sp_cli_fail (error, 1);
      return 0;
    }

  return sp_cli_usage_error (_("Unknown calendar subcommand “%s”."), sub);
}

static void
add_appointment (JsonBuilder *b, gpointer item)
{
  SpAppointment *a = item;
  g_autofree char *time = NULL;

  json_builder_begin_object (b);
  sp_cli_json_add_string_or_null (b, "uuid", sp_appointment_get_uuid (a));
  sp_cli_json_add_string_or_null (b, "kind", sp_enum_to_nick (SP_TYPE_APPOINTMENT_KIND, sp_appointment_get_kind (a)));
  sp_cli_json_add_string_or_null (b, "service", sp_appointment_get_service_code (a));
  sp_cli_json_add_string_or_null (b, "desk", sp_appointment_get_desk_name (a));
  sp_cli_json_add_string_or_null (b, "date", sp_appointment_get_day (a));
  if (sp_appointment_get_start_minute (a) >= 0)
    time = sp_minute_format (sp_appointment_get_start_minute (a));
  sp_cli_json_add_string_or_null (b, "time", time);
  if (sp_appointment_get_ticket (a) > 0)
    sp_cli_json_add_int (b, "ticket", sp_appointment_get_ticket (a));
  sp_cli_json_add_string_or_null (b, "state", sp_appointment_state_to_string (sp_appointment_get_state (a)));
  sp_cli_json_add_string_or_null (b, "surname", sp_appointment_get_surname (a));
  sp_cli_json_add_string_or_null (b, "name", sp_appointment_get_given_name (a));
  sp_cli_json_add_string_or_null (b, "codice_fiscale", sp_appointment_get_codice_fiscale (a));
  json_builder_end_object (b);
}

int
sp_cli_appointments (SpCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBookingService) service = NULL;
  g_autofree char *desk_name = NULL;
  g_autofree char *service_code = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *surname = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cf = NULL;
  g_autofree char *email = NULL;
  gboolean dry_run = FALSE;
  const char *sub;
  SpStore *store;
  gint64 desk_id;
  GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_STRING, &service_code, N_("next, book: the service (cie, spid, …)"), N_("CODE") },
    { "desk", 0, 0, G_OPTION_ARG_STRING, &desk_name, N_("next: only this desk; book: the desk"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("book, list: the day (YYYY-MM-DD, default today)"), N_("DATE") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time, N_("book: the slot’s start (HH:MM)"), N_("TIME") },
    { "surname", 0, 0, G_OPTION_ARG_STRING, &surname, N_("book: the citizen’s surname"), N_("SURNAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("book: the citizen’s name"), N_("NAME") },
    { "cf", 0, 0, G_OPTION_ARG_STRING, &cf, N_("book: the citizen’s codice fiscale"), N_("CODE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("book: the citizen’s email, for the reminder"), N_("ADDRESS") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("remind: only say how many reminders are due"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("next|book|list|no-shows|remind"), NULL, entries))
    return 2;
  if (argc != 2)
    return sp_cli_usage_error (_("appointments needs a subcommand: next, book, list, no-shows, remind."));
  sub = argv[1];

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  desk_id = lookup_desk (store, desk_name, &error);
  if (desk_id < 0)
    return sp_cli_fail (error, 1);

  if (g_str_equal (sub, "next") || g_str_equal (sub, "book"))
    {
      if (service_code == NULL)
        return sp_cli_usage_error (_("appointments %s needs --service."), sub);
      service = sp_booking_service_lookup (store, service_code, &error);
      if (service == NULL)
        return sp_cli_fail (error, 1);
    }

  if (g_str_equal (sub, "next"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(SpSlot) slot = NULL;
      g_autofree char *start = NULL;
      GDate today, day;
      gint64 now = sp_store_now ();

      slot = sp_slot_first_free (store, service->id, desk_id, now, &error);
      if (slot == NULL)
        return sp_cli_fail (error, 1);
      sp_date_from_time (now, &today);
      sp_date_parse_iso (slot->day, &day);
      start = sp_minute_format (slot->start_minute);
      json_builder_begin_object (builder);
      sp_cli_json_add_string_or_null (builder, "service", service->code);
      sp_cli_json_add_string_or_null (builder, "desk", slot->desk_name);
      sp_cli_json_add_string_or_null (builder, "date", slot->day);
      sp_cli_json_add_string_or_null (builder, "time", start);
      sp_cli_json_add_int (builder, "free_places", slot->capacity - slot->booked);
      sp_cli_json_add_int (builder, "wait_working_days", sp_slot_wait_working_days (store, &today, slot->day));
      sp_cli_json_add_int (builder, "wait_days", g_date_days_between (&today, &day));
      json_builder_end_object (builder);
      sp_cli_print_builder (builder, FALSE);
      return 0;
    }

  if (g_str_equal (sub, "book"))
    {
      g_autoptr(SpAppointment) a = NULL;
      SpAppointmentCitizen citizen = { surname, name, cf, NULL, email, NULL };
      int minute;

      if (desk_id == 0 || date == NULL || time == NULL || !sp_minute_parse (time, &minute))
        return sp_cli_usage_error (_("appointments book needs --desk, --date and --time HH:MM."));
      a = sp_appointment_book (store, SP_ACTOR_SYSTEM, NULL, service->id, desk_id, date, minute,
                               &citizen, sp_store_now (), &error);
      if (a == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_item (add_appointment, a);
      return 0;
    }

  if (g_str_equal (sub, "list"))
    {
      g_autofree char *today = today_iso ();
      g_autoptr(GListModel) list = sp_appointment_list_day (store, date != NULL ? date : today,
                                                            desk_id, &error);

      if (list == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_model (list, TRUE, add_appointment, NULL);
      return 0;
    }

  if (g_str_equal (sub, "no-shows"))
    {
      int n = sp_appointment_mark_no_shows (store, SP_ACTOR_SYSTEM, sp_store_now (), &error);

      if (n < 0)
        return sp_cli_fail (error, 1);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%d appointment marked as no-show.\n",
                            "%d appointments marked as no-show.\n", n), n);
      return 0;
    }

  if (g_str_equal (sub, "remind"))
    {
      guint n = 0;

      if (!sp_reminder_queue_due (store, SP_ACTOR_SYSTEM, sp_store_now (), dry_run, &n, &error))
        return sp_cli_fail (error, 1);
      if (dry_run)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u reminder is due (nothing queued).\n",
                              "%u reminders are due (nothing queued).\n", n), n);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u reminder queued in the outbox.\n",
                              "%u reminders queued in the outbox.\n", n), n);
      return 0;
    }

  return sp_cli_usage_error (_("Unknown appointments subcommand “%s”."), sub);
}
