/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-report.c — counts of a day or a period, by desk, operator, hour or day */
#define G_LOG_DOMAIN "sp-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sp-calendar.h"
#include "sp-cie-request.h"
#include "sp-counter-service.h"
#include "sp-enum.h"
#include "sp-error.h"
#include "sp-identification.h"
#include "sp-report.h"

G_DEFINE_QUARK (sp-report-error-quark, sp_report_error)

static const char * const metric_labels[SP_METRIC_N] = {
  [SP_METRIC_SPID_COMPLETED]         = N_("SPID identifications completed"),
  [SP_METRIC_SPID_REFUSED]           = N_("SPID identifications refused"),
  [SP_METRIC_SPID_RAO]               = N_("SPID completed, RAO pubblico"),
  [SP_METRIC_SPID_PARTNER]           = N_("SPID completed, identity provider"),
  [SP_METRIC_CIE_REQUESTS]           = N_("CIE requests"),
  [SP_METRIC_APPOINTMENTS_BOOKED]    = N_("Appointments booked"),
  [SP_METRIC_APPOINTMENTS_SERVED]    = N_("Citizens served"),
  [SP_METRIC_APPOINTMENTS_CANCELLED] = N_("Appointments cancelled"),
  [SP_METRIC_APPOINTMENTS_NO_SHOW]   = N_("No-shows"),
  [SP_METRIC_WALK_INS]               = N_("Walk-ins"),
  [SP_METRIC_TALLIES]                = N_("Other counter services"),
  [SP_METRIC_UNSENT_EMAILS]          = N_("Emails still unsent"),
  [SP_METRIC_WAIT_AVG]               = N_("Average wait"),
  [SP_METRIC_WAIT_P90]               = N_("90th percentile wait"),
  [SP_METRIC_SERVICE_AVG]            = N_("Average service time"),
  [SP_METRIC_SERVICE_P90]            = N_("90th percentile service time"),
};

const char *
sp_metric_get_id (SpMetric metric)
{
  g_return_val_if_fail (metric < SP_METRIC_N, NULL);
  return sp_enum_to_nick (SP_TYPE_METRIC, metric);
}

const char *
sp_metric_get_label (SpMetric metric)
{
  g_return_val_if_fail (metric < SP_METRIC_N, NULL);
  return metric_labels[metric];
}

gboolean
sp_metric_is_duration (SpMetric metric)
{
  return metric >= SP_METRIC_WAIT_AVG && metric <= SP_METRIC_SERVICE_P90;
}

char *
sp_metric_format_value (SpMetric metric,
                        double   value)
{
  if (sp_metric_is_duration (metric))
    {
      int s = (int) (value + 0.5);
      /* Translators: a duration in minutes and seconds */
      return g_strdup_printf (_("%d min %02d s"), s / 60, s % 60);
    }
  return g_strdup_printf ("%.0f", value);
}

const char *
sp_report_by_to_string (SpReportBy by)
{
  g_return_val_if_fail (by <= SP_REPORT_BY_DAY, NULL);
  return sp_enum_to_nick (SP_TYPE_REPORT_BY, by);
}

gboolean
sp_report_by_from_string (const char *text,
                          SpReportBy *out_by)
{
  return sp_enum_from_nick (SP_TYPE_REPORT_BY, text, (int *) out_by);
}

gint64
sp_report_day_start (const GDate *day)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (g_date_valid (day), 0);

  /* Local midnight exists in every Italian day: the changes are at 02:00
   * and 03:00. */
  dt = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                              g_date_get_day (day), 0, 0, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

gboolean
sp_report_check_period (const GDate  *from,
                        const GDate  *to,
                        GError      **error)
{
  if (!g_date_valid (from) || !g_date_valid (to) || g_date_compare (from, to) > 0)
    {
      g_set_error_literal (error, SP_REPORT_ERROR, SP_REPORT_ERROR_PERIOD,
                           _("The period must end on or after the day it starts."));
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_report_parse_day (const char *text,
                     GDate      *out_day)
{
  int y, m, d;

  if (text == NULL)
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 &&
      sscanf (text, "%2d/%2d/%4d", &d, &m, &y) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, d, m, y);
  return TRUE;
}

static void
format_day (const GDate *day,
            char         out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (day),
              g_date_get_month (day), g_date_get_day (day));
}

/* The group key of a row, from constant SQL fragments (never user input). */
static const char *
key_expr (SpReportBy  by,
          const char *desk,
          const char *op,
          const char *hour,
          const char *day)
{
  switch (by)
    {
    case SP_REPORT_BY_DESK:     return desk;
    case SP_REPORT_BY_OPERATOR: return op;
    case SP_REPORT_BY_HOUR:     return hour;
    case SP_REPORT_BY_DAY:      return day;
    case SP_REPORT_BY_NONE:
    default:                    return "0";
    }
}

/* The SQL with @KEY@ replaced by a constant key expression. */
static char *
with_key (const char *sql,
          const char *key)
{
  GString *out = g_string_new (sql);

  g_string_replace (out, "@KEY@", key, 0);
  return g_string_free (out, FALSE);
}

static void
row_free (gpointer data)
{
  SpReportRow *row = data;

  g_free (row->label);
  g_free (row);
}

static void
count_free (gpointer data)
{
  SpReportCount *count = data;

  g_free (count->id);
  g_free (count->label);
  g_free (count);
}

static SpReportRow *
get_row (GHashTable *groups,
         gint64      key)
{
  SpReportRow *row = g_hash_table_lookup (groups, &key);

  if (row == NULL)
    {
      row = g_new0 (SpReportRow, 1);
      row->key = key;
      g_hash_table_insert (groups, &row->key, row);
    }
  return row;
}

/* The period's first day, parsed once for all its rows' keys. */
static void
first_day (const char *from_day,
           GDate      *from)
{
  g_date_clear (from, 1);
  if (!sp_report_parse_day (from_day, from))
    g_date_set_dmy (from, 1, 1, 1970);
}

/* The group key in the row's first column; -1 when it is NULL. By day the
 * key is the local day as text, made the day's index in the period. */
static gint64
row_key (SpStatement *stmt,
         const GDate *from)
{
  GDate day;

  if (sp_statement_is_null (stmt, 0))
    return -1;
  if (sp_statement_get_column_type (stmt, 0) == SP_COLUMN_TEXT &&
      sp_report_parse_day (sp_statement_get_text (stmt, 0), &day))
    return g_date_days_between (from, &day);
  return sp_statement_get_int (stmt, 0);
}

static gboolean
run_counts (SpStore     *store,
            const char  *sql_format,
            const char  *key,
            gint64       start_us,
            gint64       end_us,
            const char  *from_day,
            const char  *to_day,
            GHashTable  *groups,
            SpReportRow *total,
            const int   *columns,
            guint        n_columns,
            GError     **error)
{
  g_autofree char *sql = with_key (sql_format, key);
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  GDate from;

  first_day (from_day, &from);
  stmt = sp_store_query (store, error, sql, SP_INT (start_us), SP_INT (end_us),
                         SP_TEXT (from_day), SP_TEXT (to_day), SP_END);
  if (stmt == NULL)
    return FALSE;

  while (sp_statement_next (stmt, &local_error))
    {
      SpReportRow *row = get_row (groups, row_key (stmt, &from));

      for (guint i = 0; i < n_columns; i++)
        {
          gint64 value = sp_statement_get_int (stmt, 1 + i);

          row->figures.v[columns[i]] += value;
          if (total != NULL)
            total->figures.v[columns[i]] += value;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Average and nearest-rank 90th percentile of sorted durations (µs). */
static void
store_durations (SpReportRow *row,
                 GArray      *values,
                 SpMetric     avg,
                 SpMetric     p90)
{
  double sum = 0;
  guint rank;

  if (row == NULL || values->len == 0)
    return;
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, gint64, i);
  rank = (guint) ((values->len * 9 + 9) / 10);  /* ceil (0.9 n) */
  row->figures.v[avg] = sum / values->len / G_USEC_PER_SEC;
  row->figures.v[p90] = (double) g_array_index (values, gint64, rank - 1) / G_USEC_PER_SEC;
}

static gboolean
run_durations (SpStore     *store,
               const char  *sql_format,
               const char  *key,
               const char  *from_day,
               const char  *to_day,
               GHashTable  *groups,
               SpReportRow *total,
               SpMetric     avg,
               SpMetric     p90,
               GError     **error)
{
  g_autofree char *sql = with_key (sql_format, key);
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  SpReportRow *current = NULL;
  GDate from;

  first_day (from_day, &from);
  stmt = sp_store_query (store, error, sql, SP_TEXT (from_day), SP_TEXT (to_day), SP_END);
  if (stmt == NULL)
    return FALSE;

  while (sp_statement_next (stmt, &local_error))
    {
      gint64 key_value = row_key (stmt, &from);
      gint64 value = sp_statement_get_int (stmt, 1);

      if (current == NULL || current->key != key_value)
        {
          store_durations (current, values, avg, p90);
          g_array_set_size (values, 0);
          current = get_row (groups, key_value);
        }
      if (value >= 0)
        {
          g_array_append_val (values, value);
          if (total != NULL)
            g_array_append_val (all, value);
        }
    }
  store_durations (current, values, avg, p90);
  if (total != NULL)
    {
      g_array_sort (all, compare_int64);
      store_durations (total, all, avg, p90);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* One counting query: its SQL (?1, ?2 the period in µs, ?3, ?4 its first
 * and last day; @KEY@ the group key), the key's expressions by desk,
 * operator, hour and day (NULL: the appointments' key), and the metrics
 * its columns after the key add to. */
typedef struct
{
  const char *sql;
  const char *desk, *op, *hour, *day;
  int         metrics[5];
  guint       n_metrics;
} CountQuery;

static const CountQuery count_queries[] = {
  { "SELECT @KEY@, count(*), count(*) FILTER (WHERE channel = 'rao'), count(*) FILTER (WHERE channel = 'partner') "
    "FROM identifications WHERE completed_at >= ?1 AND completed_at < ?2 "
    "AND ?3 IS NOT NULL AND ?4 IS NOT NULL GROUP BY 1",
    "desk_id", "coalesce(completed_by, operator_id)", "sp_local_hour(completed_at)",
    "sp_local_day(completed_at)",
    { SP_METRIC_SPID_COMPLETED, SP_METRIC_SPID_RAO, SP_METRIC_SPID_PARTNER }, 3 },
  { "SELECT @KEY@, count(*) FROM identifications "
    "WHERE refused_at >= ?1 AND refused_at < ?2 "
    "AND ?3 IS NOT NULL AND ?4 IS NOT NULL GROUP BY 1",
    "desk_id", "operator_id", "sp_local_hour(refused_at)", "sp_local_day(refused_at)",
    { SP_METRIC_SPID_REFUSED }, 1 },
  { "SELECT @KEY@, count(*) FROM cie_requests "
    "WHERE created_at >= ?1 AND created_at < ?2 "
    "AND ?3 IS NOT NULL AND ?4 IS NOT NULL GROUP BY 1",
    "desk_id", "operator_id", "sp_local_hour(created_at)", "sp_local_day(created_at)",
    { SP_METRIC_CIE_REQUESTS }, 1 },
  { "SELECT @KEY@, "
    "count(*) FILTER (WHERE kind = 'booked' AND state <> 'rescheduled'), "
    "count(*) FILTER (WHERE state = 'served'), count(*) FILTER (WHERE state = 'cancelled'), "
    "count(*) FILTER (WHERE state = 'no-show'), count(*) FILTER (WHERE kind = 'walk-in') "
    "FROM appointments WHERE day >= ?3 AND day <= ?4 "
    "AND ?1 IS NOT NULL AND ?2 IS NOT NULL GROUP BY 1",
    NULL, NULL, NULL, NULL,
    { SP_METRIC_APPOINTMENTS_BOOKED, SP_METRIC_APPOINTMENTS_SERVED,
      SP_METRIC_APPOINTMENTS_CANCELLED, SP_METRIC_APPOINTMENTS_NO_SHOW, SP_METRIC_WALK_INS }, 5 },
  { "SELECT @KEY@, sum(count) FROM tallies WHERE at >= ?1 AND at < ?2 "
    "AND ?3 IS NOT NULL AND ?4 IS NOT NULL GROUP BY 1",
    "desk_id", "operator_id", "sp_local_hour(at)", "sp_local_day(at)",
    { SP_METRIC_TALLIES }, 1 },
};

/* The appointments' durations (?1, ?2 the first and last day), sorted by
 * key, and the two metrics they give. */
static const struct
{
  const char *sql;
  SpMetric    avg, p90;
} duration_queries[] = {
  { "SELECT @KEY@ AS k, called_at - arrived_at FROM appointments "
    "WHERE day >= ?1 AND day <= ?2 AND arrived_at IS NOT NULL "
    "AND called_at IS NOT NULL ORDER BY 1, 2",
    SP_METRIC_WAIT_AVG, SP_METRIC_WAIT_P90 },
  { "SELECT @KEY@ AS k, served_to - served_from FROM appointments "
    "WHERE day >= ?1 AND day <= ?2 AND served_from IS NOT NULL "
    "AND served_to IS NOT NULL ORDER BY 1, 2",
    SP_METRIC_SERVICE_AVG, SP_METRIC_SERVICE_P90 },
};

/* Fills groups (key → SpReportRow) with every figure of the period. */
static gboolean
compute_groups (SpStore     *store,
                SpReportBy   by,
                gint64       start_us,
                gint64       end_us,
                const GDate *from,
                const GDate *to,
                GHashTable  *groups,
                SpReportRow *total,
                GError     **error)
{
  static const int unsent[] = { SP_METRIC_UNSENT_EMAILS };
  const char *appt_key = key_expr (by, "coalesce(called_desk_id, desk_id)", "created_by",
                                   "CASE WHEN start_minute IS NOT NULL THEN start_minute / 60 ELSE sp_local_hour(arrived_at) END",
                                   "day");
  char from_day[11], to_day[11];

  format_day (from, from_day);
  format_day (to, to_day);

  for (guint i = 0; i < G_N_ELEMENTS (count_queries); i++)
    {
      const CountQuery *q = &count_queries[i];
      const char *key = q->desk != NULL ? key_expr (by, q->desk, q->op, q->hour, q->day) : appt_key;

      if (!run_counts (store, q->sql, key, start_us, end_us, from_day, to_day, groups, total,
                       q->metrics, q->n_metrics, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (duration_queries); i++)
    if (!run_durations (store, duration_queries[i].sql, appt_key, from_day, to_day, groups, total,
                        duration_queries[i].avg, duration_queries[i].p90, error))
      return FALSE;

  /* Emails still unsent when the period ended: nothing to break down,
   * only the totals. */
  if (by == SP_REPORT_BY_NONE || total != NULL)
    {
      g_autoptr(GHashTable) scratch = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             NULL, row_free);

      if (!run_counts (store,
                       "SELECT @KEY@, count(*) FROM outbox WHERE created_at < ?2 "
                       "AND (sent_at IS NULL OR sent_at >= ?2) "
                       "AND ?1 IS NOT NULL AND ?3 IS NOT NULL AND ?4 IS NOT NULL",
                       "0", start_us, end_us, from_day, to_day,
                       by == SP_REPORT_BY_NONE ? groups : scratch,
                       by == SP_REPORT_BY_NONE ? NULL : total,
                       unsent, G_N_ELEMENTS (unsent), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
compute_totals (SpStore     *store,
                const GDate *from,
                const GDate *to,
                SpFigures   *out,
                GError     **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        NULL, row_free);
  GDate after = *to;
  SpReportRow *row;

  g_date_add_days (&after, 1);
  if (!compute_groups (store, SP_REPORT_BY_NONE, sp_report_day_start (from),
                       sp_report_day_start (&after), from, to, groups, NULL, error))
    return FALSE;

  row = get_row (groups, 0);
  *out = row->figures;
  return TRUE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const SpReportRow *x = *(SpReportRow * const *) a;
  const SpReportRow *y = *(SpReportRow * const *) b;

  return x->key < y->key ? -1 : x->key > y->key;
}

static GHashTable *
load_names (SpStore    *store,
            const char *sql)
{
  g_autoptr(SpStatement) stmt = sp_store_query (store, NULL, sql, SP_END);
  GHashTable *names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  while (stmt != NULL && sp_statement_next (stmt, NULL))
    {
      gint64 *id = g_new (gint64, 1);

      *id = sp_statement_get_int (stmt, 0);
      g_hash_table_insert (names, id, sp_statement_dup_text (stmt, 1));
    }
  return names;
}

static void
label_rows (SpStore  *store,
            SpReport *report)
{
  g_autoptr(GHashTable) names = NULL;

  if (report->by == SP_REPORT_BY_DESK)
    names = load_names (store, "SELECT id, name FROM desks");
  else if (report->by == SP_REPORT_BY_OPERATOR)
    names = load_names (store, "SELECT id, display_name FROM operators");

  for (guint i = 0; i < report->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (report->rows, i);

      switch (report->by)
        {
        case SP_REPORT_BY_DESK:
        case SP_REPORT_BY_OPERATOR:
          {
            const char *name = row->key >= 0 ? g_hash_table_lookup (names, &row->key) : NULL;
            /* Translators: a desk or operator that was not recorded */
            row->label = g_strdup (name != NULL ? name : _("(none)"));
          }
          break;
        case SP_REPORT_BY_HOUR:
          row->label = row->key >= 0 ? g_strdup_printf ("%02d:00", (int) row->key)
                                     : g_strdup (_("(none)"));
          break;
        case SP_REPORT_BY_DAY:
          {
            GDate day = report->from;
            char text[11];

            g_date_add_days (&day, row->key);
            format_day (&day, text);
            row->label = g_strdup (text);
          }
          break;
        case SP_REPORT_BY_NONE:
        default:
          row->label = g_strdup ("");
        }
    }
}

static SpReportCount *
count_new (const char *id,
           const char *label,
           gint64      count)
{
  SpReportCount *c = g_new0 (SpReportCount, 1);

  c->id = g_strdup (id);
  c->label = g_strdup (label);
  c->count = count;
  return c;
}

static GHashTable *
load_counts (SpStore  *store,
             const char *sql,
             gint64    start_us,
             gint64    end_us,
             GError  **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;

  stmt = sp_store_query (store, error, sql, SP_INT (start_us), SP_INT (end_us), SP_END);
  if (stmt == NULL)
    return NULL;
  while (sp_statement_next (stmt, &local_error))
    g_hash_table_insert (counts, sp_statement_dup_text (stmt, 0),
                         GINT_TO_POINTER ((int) sp_statement_get_int (stmt, 1)));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/* Known ids first, in their order, then any id the list does not know. */
static GPtrArray *
counts_by_id (GHashTable        *counts,
              const char * const *ids,
              const char * const *labels,
              guint              n)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (count_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (out, count_new (ids[i], _(labels[i]),
                                       GPOINTER_TO_INT (g_hash_table_lookup (counts, ids[i]))));
      g_hash_table_remove (counts, ids[i]);
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (out, count_new (key, key, GPOINTER_TO_INT (value)));
  return out;
}

static gboolean
compute_breakdowns (SpStore   *store,
                    SpReport  *report,
                    GError   **error)
{
  g_autoptr(GHashTable) refusals = NULL;
  g_autoptr(GHashTable) channels = NULL;
  g_autoptr(GHashTable) cie = NULL;
  g_autoptr(GHashTable) tallies = NULL;
  g_autoptr(GListModel) services = NULL;
  const SpRefusalReason *reasons;
  guint n_reasons;

  refusals = load_counts (store,
                          "SELECT coalesce(refusal_reason, 'other'), count(*) FROM identifications "
                          "WHERE refused_at >= ?1 AND refused_at < ?2 GROUP BY 1",
                          report->start_us, report->end_us, error);
  if (refusals == NULL)
    return FALSE;
  reasons = sp_identification_get_refusal_reasons (&n_reasons);
  {
    g_autofree const char **ids = g_new0 (const char *, n_reasons);
    g_autofree const char **labels = g_new0 (const char *, n_reasons);

    for (guint i = 0; i < n_reasons; i++)
      {
        ids[i] = reasons[i].id;
        labels[i] = reasons[i].label;
      }
    report->refusal_reasons = counts_by_id (refusals, ids, labels, n_reasons);
  }

  channels = load_counts (store,
                          "SELECT channel, count(*) FROM identifications "
                          "WHERE completed_at >= ?1 AND completed_at < ?2 GROUP BY 1",
                          report->start_us, report->end_us, error);
  if (channels == NULL)
    return FALSE;
  {
    static const char * const ids[] = { "rao", "partner" };
    static const char * const labels[] = { N_("RAO pubblico"), N_("Identity provider’s partner") };

    report->spid_channels = counts_by_id (channels, ids, labels, G_N_ELEMENTS (ids));
  }

  cie = load_counts (store,
                     "SELECT reason, count(*) FROM cie_requests "
                     "WHERE created_at >= ?1 AND created_at < ?2 GROUP BY 1",
                     report->start_us, report->end_us, error);
  if (cie == NULL)
    return FALSE;
  {
    const char *ids[SP_CIE_REASON_DAMAGED + 1];
    const char *labels[SP_CIE_REASON_DAMAGED + 1];

    for (int r = SP_CIE_REASON_FIRST; r <= SP_CIE_REASON_DAMAGED; r++)
      {
        ids[r] = sp_cie_reason_to_string (r);
        labels[r] = sp_cie_reason_get_label (r);
      }
    report->cie_reasons = counts_by_id (cie, ids, labels, G_N_ELEMENTS (ids));
  }

  tallies = load_counts (store,
                         "SELECT s.code, sum(t.count) FROM tallies t "
                         "JOIN counter_services s ON s.id = t.counter_service_id "
                         "WHERE t.at >= ?1 AND t.at < ?2 GROUP BY 1",
                         report->start_us, report->end_us, error);
  if (tallies == NULL)
    return FALSE;
  services = sp_counter_service_list (store, TRUE, error);
  if (services == NULL)
    return FALSE;
  {
    guint n = g_list_model_get_n_items (services);
    g_autofree const char **ids = g_new0 (const char *, n + 1);
    g_autofree const char **labels = g_new0 (const char *, n + 1);
    guint n_listed = 0;

    /* Every service in use, even at zero; one no longer in use only with
     * what it counted in the period, under its name. */
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(SpCounterService) s = g_list_model_get_item (services, i);
        const char *code = sp_counter_service_get_code (s);

        if (!sp_counter_service_get_active (s) && !g_hash_table_contains (tallies, code))
          continue;
        ids[n_listed] = code;
        labels[n_listed] = sp_counter_service_get_name (s);
        n_listed++;
      }
    report->tally_services = counts_by_id (tallies, ids, labels, n_listed);
  }

  /* The trend of the wait for a CIE slot. */
  {
    g_autoptr(SpStatement) stmt = NULL;
    g_autoptr(GError) local_error = NULL;
    char from_day[11], to_day[11];

    format_day (&report->from, from_day);
    format_day (&report->to, to_day);
    stmt = sp_store_query (store, error,
                           "SELECT day, coalesce(wait_days, -1) FROM cie_wait_snapshots "
                           "WHERE day >= ?1 AND day <= ?2 ORDER BY day",
                           SP_TEXT (from_day), SP_TEXT (to_day), SP_END);
    if (stmt == NULL)
      return FALSE;
    while (sp_statement_next (stmt, &local_error))
      {
        SpWaitPoint point = { 0 };

        g_strlcpy (point.day, sp_statement_get_text (stmt, 0), sizeof point.day);
        point.wait_days = sp_statement_get_int (stmt, 1);
        g_array_append_val (report->cie_wait, point);
      }
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  }

  return TRUE;
}

SpReport *
sp_report_compute (SpStore      *store,
                   const GDate  *from,
                   const GDate  *to,
                   SpReportBy    by,
                   GError      **error)
{
  g_autoptr(SpReport) report = NULL;
  g_autoptr(GHashTable) groups = NULL;
  GDate after, prev_from, prev_to;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (!sp_report_check_period (from, to, error))
    return NULL;

  report = g_new0 (SpReport, 1);
  report->from = *from;
  report->to = *to;
  report->by = by;
  report->n_days = g_date_days_between (from, to) + 1;
  report->rows = g_ptr_array_new_with_free_func (row_free);
  report->cie_wait = g_array_new (FALSE, FALSE, sizeof (SpWaitPoint));

  after = *to;
  g_date_add_days (&after, 1);
  report->start_us = sp_report_day_start (from);
  report->end_us = sp_report_day_start (&after);

  groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);

  prev_to = *from;
  g_date_subtract_days (&prev_to, 1);
  prev_from = *from;
  g_date_subtract_days (&prev_from, report->n_days);

  /* A breakdown gives the totals on the way: one pass less. */
  if (by == SP_REPORT_BY_NONE)
    ok = compute_totals (store, from, to, &report->totals, error);
  else
    {
      SpReportRow total = { 0 };

      ok = compute_groups (store, by, report->start_us, report->end_us, from, to, groups, &total, error);
      report->totals = total.figures;
    }
  ok = ok &&
       compute_totals (store, &prev_from, &prev_to, &report->previous, error) &&
       compute_breakdowns (store, report, error);

  if (!ok)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, groups);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        row_free (value);
      return NULL;
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, groups);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (report->rows, value);
  }
  g_ptr_array_sort (report->rows, compare_rows);
  label_rows (store, report);

  return g_steal_pointer (&report);
}

void
sp_report_free (SpReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_clear_pointer (&report->refusal_reasons, g_ptr_array_unref);
  g_clear_pointer (&report->spid_channels, g_ptr_array_unref);
  g_clear_pointer (&report->cie_reasons, g_ptr_array_unref);
  g_clear_pointer (&report->tally_services, g_ptr_array_unref);
  g_clear_pointer (&report->cie_wait, g_array_unref);
  g_free (report);
}
