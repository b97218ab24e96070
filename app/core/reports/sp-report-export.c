/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-report-export.c — a report as CSV or JSON, and the open-data export */
#define G_LOG_DOMAIN "sp-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sp-dates.h"
#include "sp-report.h"

char
sp_report_csv_separator (SpStore *store)
{
  g_autofree char *value = sp_store_get_setting (store, SP_SETTING_CSV_SEPARATOR);

  if (value != NULL && g_str_equal (value, ","))
    return ',';
  return ';';
}

void
sp_csv_append_field (GString    *out,
                     const char *field,
                     char        separator)
{
  if (field == NULL)
    field = "";
  if (strchr (field, separator) == NULL && strpbrk (field, "\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_value (GString  *out,
              SpMetric  metric,
              double    value)
{
  /* Whole numbers only: no decimal separator to disagree about. */
  g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) (value + 0.5));
}

static void
append_row (GString         *out,
            const char      *group,
            const char      *label,
            const SpFigures *figures,
            char             separator)
{
  sp_csv_append_field (out, group, separator);
  g_string_append_c (out, separator);
  sp_csv_append_field (out, label, separator);
  for (guint m = 0; m < SP_METRIC_N; m++)
    {
      g_string_append_c (out, separator);
      append_value (out, m, figures->v[m]);
    }
  g_string_append (out, "\r\n");
}

char *
sp_report_to_csv (SpReport *report,
                  char      separator)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  sp_csv_append_field (out, "group", separator);
  g_string_append_c (out, separator);
  sp_csv_append_field (out, "label", separator);
  for (guint m = 0; m < SP_METRIC_N; m++)
    {
      g_string_append_c (out, separator);
      sp_csv_append_field (out, sp_metric_get_id (m), separator);
    }
  g_string_append (out, "\r\n");

  append_row (out, "total", "", &report->totals, separator);
  append_row (out, "previous", "", &report->previous, separator);
  for (guint i = 0; i < report->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (report->rows, i);
      append_row (out, sp_report_by_to_string (report->by), row->label, &row->figures, separator);
    }
  return g_string_free (out, FALSE);
}

static void
add_figures (JsonBuilder     *b,
             const SpFigures *figures)
{
  json_builder_begin_object (b);
  for (guint m = 0; m < SP_METRIC_N; m++)
    {
      json_builder_set_member_name (b, sp_metric_get_id (m));
      if (sp_metric_is_duration (m))
        json_builder_add_int_value (b, (gint64) (figures->v[m] + 0.5));
      else
        json_builder_add_int_value (b, (gint64) figures->v[m]);
    }
  json_builder_end_object (b);
}

static void
add_counts (JsonBuilder *b,
            const char  *name,
            GPtrArray   *counts)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      SpReportCount *c = g_ptr_array_index (counts, i);
      json_builder_set_member_name (b, c->id);
      json_builder_add_int_value (b, c->count);
    }
  json_builder_end_object (b);
}

static char *
day_string (const GDate *day)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day),
                          g_date_get_month (day), g_date_get_day (day));
}

char *
sp_report_to_json (SpReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *from = day_string (&report->from);
  g_autofree char *to = day_string (&report->to);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, to);
  json_builder_set_member_name (b, "days");
  json_builder_add_int_value (b, report->n_days);
  json_builder_set_member_name (b, "by");
  json_builder_add_string_value (b, sp_report_by_to_string (report->by));
  json_builder_set_member_name (b, "totals");
  add_figures (b, &report->totals);
  json_builder_set_member_name (b, "previous");
  add_figures (b, &report->previous);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (report->rows, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_int_value (b, row->key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, row->label);
      json_builder_set_member_name (b, "figures");
      add_figures (b, &row->figures);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_counts (b, "spid_refusal_reasons", report->refusal_reasons);
  add_counts (b, "spid_channels", report->spid_channels);
  add_counts (b, "cie_reasons", report->cie_reasons);
  add_counts (b, "other_services", report->tally_services);
  json_builder_set_member_name (b, "cie_wait");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->cie_wait->len; i++)
    {
      SpWaitPoint *p = &g_array_index (report->cie_wait, SpWaitPoint, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "day");
      json_builder_add_string_value (b, p->day);
      json_builder_set_member_name (b, "wait_working_days");
      if (p->wait_days >= 0)
        json_builder_add_int_value (b, p->wait_days);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* Open data: one row per day, service and outcome with a count. Every
 * query groups within one local day, so no personal field is read. */
static const char * const opendata_queries[] = {
  "SELECT 'spid', 'completed', count(*) FROM identifications "
  "WHERE completed_at >= ?1 AND completed_at < ?2",
  "SELECT 'spid', 'refused', count(*) FROM identifications "
  "WHERE refused_at >= ?1 AND refused_at < ?2",
  "SELECT 'cie', 'requested', count(*) FROM cie_requests "
  "WHERE created_at >= ?1 AND created_at < ?2",
  "SELECT s.code, CASE WHEN a.kind = 'walk-in' THEN 'walk-in-' || a.state "
  "ELSE 'appointment-' || a.state END, count(*) "
  "FROM appointments a JOIN services s ON s.id = a.service_id "
  "WHERE a.day = ?3 AND a.state IN ('served', 'cancelled', 'no-show') GROUP BY 1, 2",
  "SELECT s.code, 'counted', sum(t.count) FROM tallies t "
  "JOIN counter_services s ON s.id = t.counter_service_id "
  "WHERE t.at >= ?1 AND t.at < ?2 GROUP BY 1",
};

static gboolean
write_description (const char   *path,
                   const char   *from,
                   const char   *to,
                   GError      **error)
{
  static const struct { const char *name, *type, *description; } fields[] = {
    { "date", "date", "Local calendar day (Europe/Rome), ISO 8601" },
    { "service", "string", "spid, cie, the code of a bookable service, or of another counter service" },
    { "outcome", "string", "completed, refused, requested, appointment-served, appointment-cancelled, "
                           "appointment-no-show, walk-in-served, walk-in-cancelled, walk-in-no-show, counted" },
    { "count", "integer", "Number of cases; no personal data" },
  };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "sportello-counts");
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, "Identity counter: daily counts by service and outcome");
  json_builder_set_member_name (b, "temporal_coverage");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, to);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, "opendata.csv");
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "csv");
  json_builder_set_member_name (b, "encoding");
  json_builder_add_string_value (b, "utf-8");
  json_builder_set_member_name (b, "dialect");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "delimiter");
  json_builder_add_string_value (b, ",");
  json_builder_set_member_name (b, "header");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "schema");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, fields[i].name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, fields[i].type);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, fields[i].description);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_file (gen, path, error);
}

gboolean
sp_report_export_opendata (SpStore        *store,
                           const GDate    *from,
                           const GDate    *to,
                           const char     *dir,
                           SpProgressFunc  progress,
                           gpointer        user_data,
                           GError        **error)
{
  SpStatement *stmts[G_N_ELEMENTS (opendata_queries)] = { NULL };
  g_autofree char *csv_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autoptr(GString) out = NULL;
  gboolean ok = FALSE;
  guint n_days, i;
  GDate day;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!sp_report_check_period (from, to, error))
    return FALSE;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, SP_REPORT_ERROR, SP_REPORT_ERROR_EXPORT,
                   _("Cannot create the folder “%s”."), dir);
      return FALSE;
    }

  for (i = 0; i < G_N_ELEMENTS (opendata_queries); i++)
    if ((stmts[i] = sp_store_query (store, error, opendata_queries[i], SP_END)) == NULL)
      goto out;

  out = g_string_new ("date,service,outcome,count\r\n");
  n_days = g_date_days_between (from, to) + 1;
  day = *from;
  for (guint d = 0; d < n_days; d++, g_date_add_days (&day, 1))
    {
      g_autofree char *text = day_string (&day);
      GDate next = day;
      gint64 start = sp_report_day_start (&day), end;

      g_date_add_days (&next, 1);
      end = sp_report_day_start (&next);
      for (i = 0; i < G_N_ELEMENTS (stmts); i++)
        {
          g_autoptr(GError) local_error = NULL;

          sp_statement_bind (stmts[i], SP_INT (start), SP_INT (end), SP_TEXT (text), SP_END);
          while (sp_statement_next (stmts[i], &local_error))
            {
              gint64 count = sp_statement_get_int (stmts[i], 2);

              if (count == 0)
                continue;
              g_string_append_printf (out, "%s,", text);
              sp_csv_append_field (out, sp_statement_get_text (stmts[i], 0), ',');
              g_string_append_c (out, ',');
              sp_csv_append_field (out, sp_statement_get_text (stmts[i], 1), ',');
              g_string_append_printf (out, ",%" G_GINT64_FORMAT "\r\n", count);
            }
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto out;
            }
        }
      if (progress != NULL && (d % 16 == 0 || d + 1 == n_days))
        progress ((double) (d + 1) / n_days, user_data);
    }

  csv_path = g_build_filename (dir, "opendata.csv", NULL);
  json_path = g_build_filename (dir, "opendata.json", NULL);
  from_text = day_string (from);
  to_text = day_string (to);
  if (!g_file_set_contents (csv_path, out->str, out->len, error) ||
      !write_description (json_path, from_text, to_text, error))
    goto out;
  ok = TRUE;

out:
  for (i = 0; i < G_N_ELEMENTS (stmts); i++)
    sp_statement_free (stmts[i]);
  return ok;
}

/* The cases of a period, one a line, as a supervisor may list them:
 * identifiers, states, reasons, desks, operators and times — never a
 * name, a codice fiscale or a contact. */
static const char records_sql[] =
  "SELECT 'spid', i.uuid, i.state, i.channel || coalesce('/' || i.refusal_reason, ''), "
  "coalesce(d.name, ''), coalesce(o.username, ''), i.created_at, coalesce(i.completed_at, i.refused_at) "
  "FROM identifications i LEFT JOIN desks d ON d.id = i.desk_id "
  "LEFT JOIN operators o ON o.id = coalesce(i.completed_by, i.operator_id) "
  "WHERE i.state <> 'draft' AND coalesce(i.completed_at, i.refused_at, i.updated_at) >= ?1 "
  "AND coalesce(i.completed_at, i.refused_at, i.updated_at) < ?2 "
  "UNION ALL "
  "SELECT 'cie', c.uuid, c.state, c.reason, coalesce(d.name, ''), coalesce(o.username, ''), "
  "c.created_at, c.closed_at FROM cie_requests c LEFT JOIN desks d ON d.id = c.desk_id "
  "LEFT JOIN operators o ON o.id = c.operator_id WHERE c.created_at >= ?1 AND c.created_at < ?2 "
  "UNION ALL "
  "SELECT a.kind, a.uuid, a.state, s.code, coalesce(d.name, ''), coalesce(o.username, ''), "
  "coalesce(a.arrived_at, a.created_at), a.served_to FROM appointments a "
  "JOIN services s ON s.id = a.service_id LEFT JOIN desks d ON d.id = coalesce(a.called_desk_id, a.desk_id) "
  "LEFT JOIN operators o ON o.id = a.created_by WHERE a.day >= ?3 AND a.day <= ?4 "
  "UNION ALL "
  "SELECT 'tally', t.uuid, 'counted', s.code, coalesce(d.name, ''), coalesce(o.username, ''), t.at, NULL "
  "FROM tallies t JOIN counter_services s ON s.id = t.counter_service_id "
  "LEFT JOIN desks d ON d.id = t.desk_id LEFT JOIN operators o ON o.id = t.operator_id "
  "WHERE t.at >= ?1 AND t.at < ?2 "
  "ORDER BY 7, 2";

static void
append_time (GString     *out,
             SpStatement *stmt,
             int          column)
{
  g_autofree char *text = NULL;

  if (sp_statement_is_null (stmt, column))
    return;
  text = sp_date_format_local (sp_statement_get_int (stmt, column), "%Y-%m-%dT%H:%M:%S%:z");
  if (text != NULL)
    g_string_append (out, text);
}

char *
sp_report_records_csv (SpStore      *store,
                       const GDate  *from,
                       const GDate  *to,
                       char          separator,
                       GError      **error)
{
  static const char * const header[] = {
    "kind", "uuid", "state", "detail", "desk", "operator", "started", "closed",
  };
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  GDate after;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (!sp_report_check_period (from, to, error))
    return NULL;
  after = *to;
  g_date_add_days (&after, 1);
  from_text = day_string (from);
  to_text = day_string (to);
  stmt = sp_store_query (store, error, records_sql,
                         SP_INT (sp_report_day_start (from)), SP_INT (sp_report_day_start (&after)),
                         SP_TEXT (from_text), SP_TEXT (to_text), SP_END);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, separator);
      sp_csv_append_field (out, header[i], separator);
    }
  g_string_append (out, "\r\n");

  while (sp_statement_next (stmt, &local_error))
    {
      for (int c = 0; c < 6; c++)
        {
          if (c > 0)
            g_string_append_c (out, separator);
          sp_csv_append_field (out, sp_statement_get_text (stmt, c), separator);
        }
      g_string_append_c (out, separator);
      append_time (out, stmt, 6);
      g_string_append_c (out, separator);
      append_time (out, stmt, 7);
      g_string_append (out, "\r\n");
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
