/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-holidays.c — Italian public holidays and working days */
#define G_LOG_DOMAIN "sp-holidays"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-holidays.h"

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
void
sp_holidays_easter (int    year,
                    GDate *out)
{
  int a = year % 19;
  int b = year / 100;
  int c = year % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = ((h + l - 7 * m + 114) % 31) + 1;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
}

typedef struct
{
  GDateMonth  month;
  GDateDay    day;
  int         from_year;
  const char *name;
} FixedHoliday;

static const FixedHoliday fixed_holidays[] = {
  { G_DATE_JANUARY,    1, 0,    N_("New Year’s Day") },
  { G_DATE_JANUARY,    6, 0,    N_("Epiphany") },
  { G_DATE_APRIL,     25, 0,    N_("Liberation Day") },
  { G_DATE_MAY,        1, 0,    N_("Labour Day") },
  { G_DATE_JUNE,       2, 0,    N_("Republic Day") },
  { G_DATE_AUGUST,    15, 0,    N_("Assumption Day") },
  { G_DATE_OCTOBER,    4, 2026, N_("Saint Francis of Assisi") },
  { G_DATE_NOVEMBER,   1, 0,    N_("All Saints’ Day") },
  { G_DATE_DECEMBER,   8, 0,    N_("Immaculate Conception") },
  { G_DATE_DECEMBER,  25, 0,    N_("Christmas Day") },
  { G_DATE_DECEMBER,  26, 0,    N_("Saint Stephen’s Day") },
};

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  return g_date_compare (&((const SpHoliday *) a)->date, &((const SpHoliday *) b)->date);
}

GArray *
sp_holidays_for_year (int                   year,
                      const SpHolidayRules *rules)
{
  GArray *list = g_array_new (FALSE, TRUE, sizeof (SpHoliday));
  SpHoliday h;

  g_return_val_if_fail (year >= 1583 && year <= 9999, list);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_holidays); i++)
    {
      if (year < fixed_holidays[i].from_year)
        continue;
      g_date_clear (&h.date, 1);
      g_date_set_dmy (&h.date, fixed_holidays[i].day, fixed_holidays[i].month, year);
      h.name = fixed_holidays[i].name;
      g_array_append_val (list, h);
    }

  sp_holidays_easter (year, &h.date);
  h.name = N_("Easter Sunday");
  g_array_append_val (list, h);
  g_date_add_days (&h.date, 1);
  h.name = N_("Easter Monday");
  g_array_append_val (list, h);

  if (rules != NULL && rules->patron_month != 0
      && g_date_valid_dmy (rules->patron_day, rules->patron_month, year))
    {
      gboolean already = FALSE;

      g_date_clear (&h.date, 1);
      g_date_set_dmy (&h.date, rules->patron_day, rules->patron_month, year);
      for (guint i = 0; i < list->len; i++)
        if (g_date_compare (&g_array_index (list, SpHoliday, i).date, &h.date) == 0)
          already = TRUE;
      if (!already)
        {
          h.name = rules->patron_name != NULL && *rules->patron_name != '\0'
                   ? rules->patron_name : N_("Patron saint’s day");
          g_array_append_val (list, h);
        }
    }

  g_array_sort (list, compare_holidays);
  return list;
}

const char *
sp_holidays_lookup (const GDate          *date,
                    const SpHolidayRules *rules)
{
  GDateMonth month;
  GDateDay day;
  GDateYear year;
  GDate easter;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  month = g_date_get_month (date);
  day = g_date_get_day (date);
  year = g_date_get_year (date);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_holidays); i++)
    if (fixed_holidays[i].month == month && fixed_holidays[i].day == day
        && year >= fixed_holidays[i].from_year)
      return fixed_holidays[i].name;

  if (rules != NULL && rules->patron_month == month && rules->patron_day == day)
    return rules->patron_name != NULL && *rules->patron_name != '\0'
           ? rules->patron_name : N_("Patron saint’s day");

  /* Easter falls between 22 March and 25 April. */
  if (month == G_DATE_MARCH || month == G_DATE_APRIL)
    {
      sp_holidays_easter (year, &easter);
      if (g_date_compare (&easter, date) == 0)
        return N_("Easter Sunday");
      g_date_add_days (&easter, 1);
      if (g_date_compare (&easter, date) == 0)
        return N_("Easter Monday");
    }

  return NULL;
}

SpHolidayRules *
sp_holiday_rules_new (const char *patron_mm_dd,
                      const char *patron_name)
{
  SpHolidayRules *rules = g_new0 (SpHolidayRules, 1);
  unsigned month = 0, day = 0;

  if (patron_mm_dd != NULL
      && sscanf (patron_mm_dd, "%2u-%2u", &month, &day) == 2
      && month >= 1 && month <= 12 && day >= 1 && day <= 31
      && g_date_valid_dmy (day, month, 2000))
    {
      rules->patron_month = month;
      rules->patron_day = day;
    }
  rules->patron_name = g_strdup (patron_name);

  return rules;
}

SpHolidayRules *
sp_holiday_rules_load (SpStore *store)
{
  g_autofree char *day = sp_store_get_setting (store, SP_SETTING_PATRON_DAY);
  g_autofree char *name = sp_store_get_setting (store, SP_SETTING_PATRON_NAME);

  return sp_holiday_rules_new (day, name);
}

void
sp_holiday_rules_free (SpHolidayRules *rules)
{
  if (rules == NULL)
    return;
  g_free (rules->patron_name);
  g_free (rules);
}

gboolean
sp_working_day_is (const GDate          *date,
                   const SpHolidayRules *rules)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return FALSE;

  return sp_holidays_lookup (date, rules) == NULL;
}

void
sp_working_days_add (GDate                *date,
                     guint                 n,
                     const SpHolidayRules *rules)
{
  while (n > 0)
    {
      g_date_add_days (date, 1);
      if (sp_working_day_is (date, rules))
        n--;
    }
}

int
sp_working_days_between (const GDate          *from,
                         const GDate          *to,
                         const SpHolidayRules *rules)
{
  GDate d = *from;
  int n = 0;

  while (g_date_compare (&d, to) < 0)
    {
      g_date_add_days (&d, 1);
      if (sp_working_day_is (&d, rules))
        n++;
    }

  return n;
}
