/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slot.c — the slots of a day, the first free one, and the wait */
#define G_LOG_DOMAIN "sp-slot"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-appointment.h"
#include "sp-calendar-private.h"
#include "sp-slot.h"

/* Everything needed to lay out days, loaded once per query. */
typedef struct
{
  SpStore        *store;
  gint64          service_id;
  GPtrArray      *calendars;   /* SpCalendar */
  GPtrArray      *closures;    /* SpClosure */
  SpHolidayRules *rules;
} SlotPlan;

static void
slot_plan_clear (SlotPlan *plan)
{
  g_clear_pointer (&plan->calendars, g_ptr_array_unref);
  g_clear_pointer (&plan->closures, g_ptr_array_unref);
  g_clear_pointer (&plan->rules, sp_holiday_rules_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlotPlan, slot_plan_clear)

static gboolean
slot_plan_init (SlotPlan    *plan,
                SpStore     *store,
                gint64       service_id,
                gint64       desk_id,
                const char  *from_day,
                GError     **error)
{
  memset (plan, 0, sizeof *plan);
  plan->store = store;
  plan->service_id = service_id;
  plan->rules = sp_holiday_rules_load (store);
  plan->calendars = sp_calendar_list_for_desk (store, service_id, desk_id, error);
  if (plan->calendars == NULL)
    return FALSE;
  plan->closures = sp_closure_list (store, from_day, error);
  return plan->closures != NULL;
}

static const SpClosure *
find_closure (SlotPlan   *plan,
              gint64      desk_id,
              const char *day)
{
  for (guint i = 0; i < plan->closures->len; i++)
    {
      const SpClosure *c = g_ptr_array_index (plan->closures, i);

      if ((c->desk_id == 0 || c->desk_id == desk_id)
          && strcmp (c->first_day, day) <= 0 && strcmp (day, c->last_day) <= 0)
        return c;
    }
  return NULL;
}

/* The calendar of a desk that applies on a day: the latest start of
 * validity that covers it. */
static const SpCalendar *
calendar_for_day (SlotPlan   *plan,
                  gint64      desk_id,
                  const char *day)
{
  const SpCalendar *best = NULL;

  for (guint i = 0; i < plan->calendars->len; i++)
    {
      const SpCalendar *c = g_ptr_array_index (plan->calendars, i);

      if (c->desk_id != desk_id
          || strcmp (c->valid_from, day) > 0 || strcmp (day, c->valid_to) > 0)
        continue;
      if (best == NULL || strcmp (c->valid_from, best->valid_from) > 0)
        best = c;
    }
  return best;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const SpSlot *sa = *(SpSlot **) a, *sb = *(SpSlot **) b;

  if (sa->start_minute != sb->start_minute)
    return sa->start_minute - sb->start_minute;
  return g_strcmp0 (sa->desk_name, sb->desk_name);
}

/* Appends the slots of calendar c on day starting at or after min_minute. */
static void
add_calendar_slots (const SpCalendar *c,
                    const char       *day,
                    int               weekday,
                    int               min_minute,
                    GPtrArray        *out)
{
  for (guint h = 0; h < c->hours->len; h++)
    {
      const SpOpeningInterval *iv = &g_array_index (c->hours, SpOpeningInterval, h);

      if (iv->weekday != weekday)
        continue;
      for (int start = iv->start_minute; start + c->slot_minutes <= iv->end_minute;
           start += c->slot_minutes)
        {
          SpSlot *slot;

          if (start < min_minute)
            continue;
          slot = g_new0 (SpSlot, 1);
          slot->desk_id = c->desk_id;
          slot->desk_name = g_strdup (c->desk_name);
          g_strlcpy (slot->day, day, sizeof slot->day);
          slot->start_minute = start;
          slot->end_minute = start + c->slot_minutes;
          slot->capacity = c->capacity;
          g_ptr_array_add (out, slot);
        }
    }
}

/* Appends the day's slots starting at or after min_minute, with their
 * bookings; FALSE on a database error. */
static gboolean
plan_day (SlotPlan    *plan,
          const GDate *date,
          int          min_minute,
          GPtrArray   *out,
          GError     **error)
{
  g_autoptr(GArray) desks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_slot_free);
  g_autofree char *day = NULL;
  int weekday = g_date_get_weekday (date);

  if (sp_holidays_lookup (date, plan->rules) != NULL)
    return TRUE;

  day = sp_date_to_iso (date);
  for (guint i = 0; i < plan->calendars->len; i++)
    {
      const SpCalendar *any = g_ptr_array_index (plan->calendars, i);
      const SpCalendar *c;
      gboolean seen = FALSE;

      for (guint k = 0; k < desks->len; k++)
        if (g_array_index (desks, gint64, k) == any->desk_id)
          seen = TRUE;
      if (seen)
        continue;
      g_array_append_val (desks, any->desk_id);

      c = calendar_for_day (plan, any->desk_id, day);
      if (c != NULL && find_closure (plan, c->desk_id, day) == NULL)
        add_calendar_slots (c, day, weekday, min_minute, found);
    }

  if (found->len == 0)
    return TRUE;
  if (!sp_appointment_count_booked (plan->store, plan->service_id, day, found, error))
    return FALSE;

  g_ptr_array_extend_and_steal (out, g_steal_pointer (&found));
  return TRUE;
}

void
sp_slot_free (SpSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->desk_name);
  g_free (slot);
}

SpSlot *
sp_slot_copy (const SpSlot *slot)
{
  SpSlot *copy = g_memdup2 (slot, sizeof *slot);

  copy->desk_name = g_strdup (slot->desk_name);
  return copy;
}

GPtrArray *
sp_slot_list_day (SpStore     *store,
                  gint64       service_id,
                  gint64       desk_id,
                  const char  *day,
                  GError     **error)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_slot_free);
  g_auto(SlotPlan) plan = { NULL };
  GDate date;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_calendar_check_day (day, error))
    return NULL;
  sp_date_parse_iso (day, &date);

  if (!slot_plan_init (&plan, store, service_id, desk_id, day, error)
      || !plan_day (&plan, &date, 0, slots, error))
    return NULL;

  g_ptr_array_sort (slots, compare_slots);
  return g_steal_pointer (&slots);
}

char *
sp_slot_day_closed_reason (SpStore     *store,
                           gint64       service_id,
                           gint64       desk_id,
                           const char  *day,
                           GError     **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(SpHolidayRules) rules = NULL;
  g_auto(SlotPlan) plan = { NULL };
  const SpClosure *closure;
  const char *holiday;
  GDate date;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_calendar_check_day (day, error))
    return NULL;
  sp_date_parse_iso (day, &date);
  rules = sp_holiday_rules_load (store);
  holiday = sp_holidays_lookup (&date, rules);
  if (holiday != NULL)
    return g_strdup (rules->patron_name != NULL && holiday == rules->patron_name ? holiday : _(holiday));

  if (!slot_plan_init (&plan, store, service_id, desk_id, day, error))
    return NULL;
  closure = find_closure (&plan, desk_id, day);
  if (closure != NULL)
    return *closure->reason != '\0'
           ? g_strdup_printf (_("Closed: %s"), closure->reason)
           : g_strdup (_("Closed"));

  slots = sp_slot_list_day (store, service_id, desk_id, day, error);
  if (slots == NULL)
    return NULL;
  if (slots->len == 0)
    return g_strdup (_("No opening hours"));

  return NULL;
}

SpSlot *
sp_slot_first_free (SpStore  *store,
                    gint64    service_id,
                    gint64    desk_id,
                    gint64    now,
                    GError  **error)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_slot_free);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *from_day = NULL;
  g_auto(SlotPlan) plan = { NULL };
  SpSlot *found = NULL;
  GDate date;
  int min_minute;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  /* A slot that already started cannot be booked. */
  min_minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local) + 1;
  from_day = sp_date_to_iso (&date);

  if (!slot_plan_init (&plan, store, service_id, desk_id, from_day, error))
    return NULL;

  for (int i = 0; i < SP_SLOT_HORIZON_DAYS && found == NULL; i++)
    {
      if (!plan_day (&plan, &date, i == 0 ? min_minute : 0, slots, error))
        return NULL;
      g_ptr_array_sort (slots, compare_slots);
      for (guint k = 0; k < slots->len && found == NULL; k++)
        {
          SpSlot *slot = g_ptr_array_index (slots, k);

          if (slot->booked < slot->capacity)
            found = sp_slot_copy (slot);
        }
      g_ptr_array_set_size (slots, 0);
      g_date_add_days (&date, 1);
    }

  if (found == NULL)
    g_set_error (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_NO_SLOT,
                 _("No slot is free in the next %d days."), SP_SLOT_HORIZON_DAYS);
  return found;
}

int
sp_slot_wait_working_days (SpStore     *store,
                           const GDate *today,
                           const char  *day)
{
  g_autoptr(SpHolidayRules) rules = NULL;
  GDate d;

  g_return_val_if_fail (SP_IS_STORE (store), -1);

  if (!sp_date_parse_iso (day, &d))
    return -1;
  rules = sp_holiday_rules_load (store);
  return sp_working_days_between (today, &d, rules);
}
