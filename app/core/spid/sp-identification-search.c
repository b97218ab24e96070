/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-search.c — finding identifications by name, code, state and day */
#define G_LOG_DOMAIN "sp-identification"

#include "config.h"

#include "sp-enum.h"
#include "sp-identification-private.h"

GListModel *
sp_identification_search (SpStore     *store,
                          const char  *text,
                          int          state,
                          const char  *date,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autofree char *pattern = NULL;
  const char *state_nick = NULL;
  gint64 from = 0, to = G_MAXINT64;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (text != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (text));
      if (*clean != '\0')
        {
          GString *escaped = g_string_new ("%");
          for (const char *p = clean; *p; p++)
            {
              if (*p == '%' || *p == '_' || *p == '\\')
                g_string_append_c (escaped, '\\');
              g_string_append_c (escaped, *p);
            }
          g_string_append_c (escaped, '%');
          pattern = g_string_free (escaped, FALSE);
        }
    }

  if (date != NULL && *date != '\0')
    {
      GDate d;
      if (sp_identification_parse_date (date, &d))
        {
          g_autoptr(GDateTime) start = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d),
                                                              g_date_get_day (&d), 0, 0, 0);
          g_autoptr(GDateTime) end = g_date_time_add_days (start, 1);
          from = g_date_time_to_unix (start) * G_USEC_PER_SEC;
          to = g_date_time_to_unix (end) * G_USEC_PER_SEC;
        }
    }

  if (state >= 0 && state <= SP_IDENTIFICATION_EXPIRED)
    state_nick = sp_enum_to_nick (SP_TYPE_IDENTIFICATION_STATE, state);

  stmt = sp_store_query (store, error,
                         "SELECT " SP_IDENTIFICATION_COLUMNS " FROM identifications "
                         "WHERE (?1 IS NULL OR upper (codice_fiscale) LIKE upper (?1) ESCAPE '\\' "
                         "       OR upper (surname || ' ' || name) LIKE upper (?1) ESCAPE '\\' "
                         "       OR upper (name || ' ' || surname) LIKE upper (?1) ESCAPE '\\') "
                         "AND (?2 IS NULL OR state = ?2) "
                         "AND created_at >= ?3 AND created_at < ?4 "
                         "ORDER BY created_at DESC, id DESC LIMIT ?5",
                         SP_TEXT (pattern), SP_TEXT (state_nick), SP_INT (from), SP_INT (to),
                         SP_INT (limit > 0 ? limit : 200), SP_END);
  if (stmt == NULL)
    return NULL;

  return sp_statement_collect (stmt, SP_TYPE_IDENTIFICATION, sp_identification_new_from_row, error);

}
