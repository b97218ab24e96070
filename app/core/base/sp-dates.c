/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-dates.c — days as the database writes them, and local times */
#define G_LOG_DOMAIN "sp-dates"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sp-dates.h"

gboolean
sp_date_parse_iso (const char *text,
                   GDate      *out)
{
  unsigned y, m, d;
  char extra;

  g_return_val_if_fail (out != NULL, FALSE);

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3
      || text[4] != '-' || text[7] != '-'
      || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

char *
sp_date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

void
sp_date_from_time (gint64  usec,
                   GDate  *out)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

char *
sp_date_format_local (gint64      usec,
                      const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, format);
}
