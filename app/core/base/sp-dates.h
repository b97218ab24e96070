/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-dates.h — days as the database writes them, and local times
 *
 * Days are stored as "YYYY-MM-DD" text and times as µs since the epoch
 * (sp_store_now ()); the screens, receipts and emails show both in local
 * time. These few conversions are shared by every domain.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "YYYY-MM-DD" ⇄ GDate. */
gboolean  sp_date_parse_iso    (const char  *text,
                                GDate       *out);
char     *sp_date_to_iso       (const GDate *date);
/* The local date of a time in µs since the epoch. */
void      sp_date_from_time    (gint64       usec,
                                GDate       *out);
/* A time in µs since the epoch as local time, g_date_time_format ()'s
 * format; NULL when it is out of range. */
char     *sp_date_format_local (gint64       usec,
                                const char  *format);

G_END_DECLS
