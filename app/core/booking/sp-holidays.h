/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-holidays.h — Italian public holidays and working-day arithmetic
 *
 * National holidays for any year (Easter Monday by the anonymous Gregorian
 * algorithm; 4 October from 2026), plus the comune's patron saint's day
 * from the settings. Working days are Monday to Friday that are not
 * holidays: the same rule for the wait to the first free appointment and
 * for the CIE delivery estimate. Every function takes "today" or the day as
 * a parameter.
 */
#pragma once

#include <glib.h>
#include "sp-dates.h"
#include "sp-setting-keys.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* Settings: the patron saint's day as "MM-DD" and its name. */

typedef struct
{
  GDate       date;
  const char *name;   /* English msgid (N_()), or the patron's name as set */
} SpHoliday;

/* The comune's rules: the patron's day (month 0 when none). */
typedef struct
{
  GDateMonth  patron_month;
  GDateDay    patron_day;
  char       *patron_name;
} SpHolidayRules;

void            sp_holidays_easter          (int                    year,
                                             GDate                 *out);
/* Sorted by date: a GArray of SpHoliday. rules may be NULL. */
GArray         *sp_holidays_for_year        (int                    year,
                                             const SpHolidayRules  *rules);
/* The holiday's name (English msgid or the patron's), or NULL. */
const char     *sp_holidays_lookup          (const GDate           *date,
                                             const SpHolidayRules  *rules);

SpHolidayRules *sp_holiday_rules_new        (const char            *patron_mm_dd,
                                             const char            *patron_name);
/* From the settings of the database. */
SpHolidayRules *sp_holiday_rules_load       (SpStore               *store);
void            sp_holiday_rules_free       (SpHolidayRules        *rules);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHolidayRules, sp_holiday_rules_free)

gboolean        sp_working_day_is           (const GDate           *date,
                                             const SpHolidayRules  *rules);
/* Moves date forward by n working days (the result is a working day). */
void            sp_working_days_add         (GDate                 *date,
                                             guint                  n,
                                             const SpHolidayRules  *rules);
/* Working days after from up to and including to (0 when to <= from). */
int             sp_working_days_between     (const GDate           *from,
                                             const GDate           *to,
                                             const SpHolidayRules  *rules);

G_END_DECLS
