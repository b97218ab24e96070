/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-queue.c — sportello-admin queue …: the office's queue of the day
 *
 *   queue ticket [--service CODE] [--name NAME]   JSON: the new ticket
 *   queue call-next --desk NAME                   JSON: whom the desk calls
 *   queue list [--date DATE]                      JSON: the day's queue
 *
 * For a ticket kiosk beside the door, and for the tests: the same queue
 * the desks' Today page shows, with the same rules.
 */
#define G_LOG_DOMAIN "sp-cli-queue"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sp-appointment.h"
#include "sp-booking-service.h"
#include "sp-cli-commands.h"
#include "sp-desk.h"

/* A ticket as a kiosk, a display or a test reads it: its number (or the
 * slot of a booked citizen), the service, its state and the desk that
 * called it. */
static void
add_ticket (JsonBuilder *b, gpointer item)
{
  SpAppointment *a = item;
  const char *called_desk = sp_appointment_get_called_desk_name (a);
  g_autofree char *time = NULL;

  json_builder_begin_object (b);
  sp_cli_json_add_string_or_null (b, "uuid", sp_appointment_get_uuid (a));
  if (sp_appointment_get_ticket (a) > 0)
    sp_cli_json_add_int (b, "ticket", sp_appointment_get_ticket (a));
  else
    {
      json_builder_set_member_name (b, "ticket");
      json_builder_add_null_value (b);
    }
  if (sp_appointment_get_start_minute (a) >= 0)
    time = sp_minute_format (sp_appointment_get_start_minute (a));
  sp_cli_json_add_string_or_null (b, "time", time);
  sp_cli_json_add_string_or_null (b, "service", sp_appointment_get_service_code (a));
  sp_cli_json_add_string_or_null (b, "state", sp_appointment_state_to_string (sp_appointment_get_state (a)));
  sp_cli_json_add_string_or_null (b, "desk", *called_desk != '\0' ? called_desk : NULL);
  json_builder_end_object (b);
}

int
sp_cli_queue (SpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *service_code = NULL;
  g_autofree char *desk_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autoptr(SpAppointment) a = NULL;
  const char *sub;
  SpStore *store;
  GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_STRING, &service_code, N_("ticket: the service (default cie)"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("ticket: the citizen’s name, for the desk only"), N_("NAME") },
    { "desk", 0, 0, G_OPTION_ARG_STRING, &desk_name, N_("call-next: the desk that calls"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("list: the day (YYYY-MM-DD, default today)"), N_("DATE") },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("ticket|call-next|list"), NULL, entries))
    return 2;
  if (argc != 2)
    return sp_cli_usage_error (_("queue needs a subcommand: ticket, call-next, list."));
  sub = argv[1];

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  if (g_str_equal (sub, "ticket"))
    {
      g_autoptr(SpBookingService) service = NULL;
      SpAppointmentCitizen citizen = { name != NULL ? name : "", "", NULL, NULL, NULL, NULL };

      service = sp_booking_service_lookup (store, service_code != NULL ? service_code : "cie", &error);
      if (service == NULL)
        return sp_cli_fail (error, 1);
      a = sp_appointment_walk_in (store, SP_ACTOR_SYSTEM, NULL, service->id, &citizen, sp_store_now (), &error);
      if (a == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_item (add_ticket, a);
      return 0;
    }

  if (g_str_equal (sub, "call-next"))
    {
      g_autoptr(SpDesk) desk = NULL;
      SpActor actor = { 0, 0 };

      if (desk_name == NULL)
        return sp_cli_usage_error (_("queue call-next needs --desk."));
      desk = sp_desk_lookup (store, desk_name, &error);
      if (desk == NULL)
        return sp_cli_fail (error, 1);
      actor.desk_id = sp_desk_get_id (desk);
      a = sp_appointment_call_next (store, actor, sp_store_now (), &error);
      if (a == NULL)
        return sp_cli_fail (error, g_error_matches (error, SP_APPOINTMENT_ERROR,
                                                    SP_APPOINTMENT_ERROR_QUEUE_EMPTY) ? 3 : 1);
      sp_cli_print_item (add_ticket, a);
      return 0;
    }

  if (g_str_equal (sub, "list"))
    {
      g_autoptr(GListModel) list = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%F");

      list = sp_appointment_list_day (store, date != NULL ? date : today, 0, &error);
      if (list == NULL)
        return sp_cli_fail (error, 1);
      sp_cli_print_model (list, TRUE, add_ticket, NULL);
      return 0;
    }

  return sp_cli_usage_error (_("Unknown queue subcommand “%s”."), sub);
}
