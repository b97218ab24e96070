/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-opening-hours.c — a calendar's weekly opening hours, as typed and shown */
#define G_LOG_DOMAIN "sp-opening-hours"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-calendar.h"
#include "sp-opening-hours.h"

static const struct
{
  const char *name;
  int         weekday;
} day_names[] = {
  { "mon", 1 }, { "tue", 2 }, { "wed", 3 }, { "thu", 4 }, { "fri", 5 }, { "sat", 6 }, { "sun", 7 },
  { "lun", 1 }, { "mar", 2 }, { "mer", 3 }, { "gio", 4 }, { "ven", 5 }, { "sab", 6 }, { "dom", 7 },
};

static int
parse_weekday (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (day_names); i++)
    if (g_str_has_prefix (lower, day_names[i].name))
      return day_names[i].weekday;
  return 0;
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const SpOpeningInterval *ia = a, *ib = b;

  if (ia->weekday != ib->weekday)
    return ia->weekday - ib->weekday;
  return ia->start_minute - ib->start_minute;
}

gboolean
sp_minute_parse (const char *text,
                 int        *out_minute)
{
  unsigned h, m;
  char extra;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (sscanf (text, "%2u:%2u%c", &h, &m, &extra) != 2
      && sscanf (text, "%2u.%2u%c", &h, &m, &extra) != 2)
    return FALSE;
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;
  *out_minute = (int) (h * 60 + m);
  return TRUE;
}

char *
sp_minute_format (int minute)
{
  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

gboolean
sp_opening_hours_sort (GArray  *hours,
                       GError **error)
{
  g_return_val_if_fail (hours != NULL, FALSE);

  g_array_sort (hours, compare_intervals);
  for (guint i = 1; i < hours->len; i++)
    {
      SpOpeningInterval *prev = &g_array_index (hours, SpOpeningInterval, i - 1);
      SpOpeningInterval *cur = &g_array_index (hours, SpOpeningInterval, i);

      if (prev->weekday == cur->weekday && cur->start_minute < prev->end_minute)
        {
          g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                               _("Two opening intervals of the same day overlap."));
          return FALSE;
        }
    }
  return TRUE;
}

GArray *
sp_opening_hours_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(GArray) hours = g_array_new (FALSE, TRUE, sizeof (SpOpeningInterval));
  g_auto(GStrv) groups = NULL;

  if (text == NULL)
    text = "";
  groups = g_strsplit_set (text, ";\n", -1);

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_autofree char *group = g_strstrip (g_strdup (groups[g]));
      g_auto(GStrv) parts = NULL;
      g_auto(GStrv) days = NULL;
      g_auto(GStrv) intervals = NULL;
      int first, last;

      if (*group == '\0')
        continue;

      parts = g_strsplit_set (group, " \t", 2);
      if (parts[0] == NULL || parts[1] == NULL)
        goto invalid;

      days = g_strsplit (parts[0], "-", 2);
      first = parse_weekday (days[0]);
      last = days[1] != NULL ? parse_weekday (days[1]) : first;
      if (first == 0 || last == 0 || last < first)
        goto invalid;

      intervals = g_strsplit (parts[1], ",", -1);
      for (guint i = 0; intervals[i] != NULL; i++)
        {
          g_auto(GStrv) ends = g_strsplit (g_strstrip (intervals[i]), "-", 2);
          int start, end;

          if (ends[0] == NULL || ends[1] == NULL
              || !sp_minute_parse (ends[0], &start) || !sp_minute_parse (ends[1], &end)
              || end <= start || start >= 1440)
            goto invalid;

          for (int d = first; d <= last; d++)
            {
              SpOpeningInterval iv = { d, start, end };
              g_array_append_val (hours, iv);
            }
        }
    }

  if (!sp_opening_hours_sort (hours, error))
    return NULL;

  return g_steal_pointer (&hours);

invalid:
  g_set_error_literal (error, SP_CALENDAR_ERROR, SP_CALENDAR_ERROR_INVALID,
                       _("Write the opening hours like “mon-fri 08:30-12:30,14:30-17:00; sat 09:00-12:00”."));
  return NULL;
}

char *
sp_opening_hours_format (const GArray *hours)
{
  static const char *names[] = { NULL, "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
  g_autoptr(GString) text = g_string_new (NULL);
  char *per_day[8] = { NULL };

  for (guint i = 0; i < hours->len; i++)
    {
      const SpOpeningInterval *iv = &g_array_index (hours, SpOpeningInterval, i);
      g_autofree char *a = sp_minute_format (iv->start_minute);
      g_autofree char *b = sp_minute_format (iv->end_minute);
      char *old = per_day[iv->weekday];

      per_day[iv->weekday] = g_strdup_printf ("%s%s%s-%s", old != NULL ? old : "",
                                              old != NULL ? "," : "", a, b);
      g_free (old);
    }

  /* Runs of days with the same intervals share one group. */
  for (int d = 1; d <= 7; d++)
    {
      int last = d;

      if (per_day[d] == NULL)
        continue;
      while (last < 7 && per_day[last + 1] != NULL && g_str_equal (per_day[last + 1], per_day[d]))
        last++;
      if (text->len > 0)
        g_string_append (text, "; ");
      if (last > d)
        g_string_append_printf (text, "%s-%s %s", names[d], names[last], per_day[d]);
      else
        g_string_append_printf (text, "%s %s", names[d], per_day[d]);
      d = last;
    }

  for (int d = 0; d < 8; d++)
    g_free (per_day[d]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
