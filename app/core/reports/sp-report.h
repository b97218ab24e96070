/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-report.h — what the counters did in a day or a period, without
 * personal data
 *
 * A report covers whole local days [from, to]; each day's bounds are the
 * local midnights computed with GDateTime, so a day across a daylight-saving
 * change lasts 23 or 25 hours and no record falls in the wrong day. Figures
 * are counts and durations only: never a name, a codice fiscale or an
 * address. Alongside the figures, the same totals for the previous period
 * of equal length, to compare.
 */
#pragma once

#include "sp-store.h"
#include "sp-setting-keys.h"

G_BEGIN_DECLS

#define SP_REPORT_ERROR (sp_report_error_quark ())

typedef enum
{
  SP_REPORT_ERROR_PERIOD,   /* to before from, or a malformed date */
  SP_REPORT_ERROR_EXPORT,   /* a file could not be written */
  SP_REPORT_ERROR_NOT_FOUND, /* data the report needs is missing */
} SpReportError;

GQuark sp_report_error_quark (void);

typedef enum
{
  SP_REPORT_BY_NONE,     /*< nick=none >*/
  SP_REPORT_BY_DESK,     /*< nick=desk >*/
  SP_REPORT_BY_OPERATOR, /*< nick=operator >*/
  SP_REPORT_BY_HOUR,     /*< nick=hour >*/
  SP_REPORT_BY_DAY,      /*< nick=day >*/
} SpReportBy;

/* Every figure of a report, in the order of CSV columns; the nick is the
 * column's id. */
typedef enum
{
  SP_METRIC_SPID_COMPLETED,         /*< nick=spid_completed >*/
  SP_METRIC_SPID_REFUSED,           /*< nick=spid_refused >*/
  /* completed, RAO pubblico channel */
  SP_METRIC_SPID_RAO,               /*< nick=spid_rao >*/
  /* completed, identity provider's partner */
  SP_METRIC_SPID_PARTNER,           /*< nick=spid_partner >*/
  SP_METRIC_CIE_REQUESTS,           /*< nick=cie_requests >*/
  SP_METRIC_APPOINTMENTS_BOOKED,    /*< nick=appointments_booked >*/
  /* booked and walk-ins served */
  SP_METRIC_APPOINTMENTS_SERVED,    /*< nick=served >*/
  SP_METRIC_APPOINTMENTS_CANCELLED, /*< nick=appointments_cancelled >*/
  SP_METRIC_APPOINTMENTS_NO_SHOW,   /*< nick=appointments_no_show >*/
  SP_METRIC_WALK_INS,               /*< nick=walk_ins >*/
  SP_METRIC_TALLIES,                /*< nick=other_services >*/
  /* totals only: still unsent at the end */
  SP_METRIC_UNSENT_EMAILS,          /*< nick=unsent_emails >*/
  /* seconds from arrival to call */
  SP_METRIC_WAIT_AVG,               /*< nick=wait_avg_s >*/
  SP_METRIC_WAIT_P90,               /*< nick=wait_p90_s >*/
  /* seconds from start to end of service */
  SP_METRIC_SERVICE_AVG,            /*< nick=service_avg_s >*/
  SP_METRIC_SERVICE_P90,            /*< nick=service_p90_s >*/
  SP_METRIC_N                       /*< skip >*/
} SpMetric;

const char *sp_metric_get_id    (SpMetric metric);  /* "spid_completed" … */
const char *sp_metric_get_label (SpMetric metric);  /* English msgid */
gboolean    sp_metric_is_duration (SpMetric metric);
/* A figure as printed: a count, or a duration in minutes and seconds. */
char       *sp_metric_format_value (SpMetric metric,
                                    double   value);

typedef struct
{
  double v[SP_METRIC_N];
} SpFigures;

/* One group of a breakdown: a desk, an operator, an hour or a day. */
typedef struct
{
  gint64    key;        /* desk or operator id (0: none), hour 0–23, day index */
  char     *label;      /* desk or operator name, "09:00", "2026-03-29" */
  SpFigures figures;
} SpReportRow;

/* A labelled count: refusals by reason, CIE by reason, tallies by service. */
typedef struct
{
  char   *id;
  char   *label;        /* translated */
  gint64  count;
} SpReportCount;

typedef struct
{
  char   day[11];
  int    wait_days;     /* -1: no free slot that day */
} SpWaitPoint;

typedef struct
{
  GDate       from;           /* first day, local */
  GDate       to;             /* last day, inclusive */
  guint       n_days;
  gint64      start_us;       /* local midnight starting from, UTC µs */
  gint64      end_us;         /* local midnight after to, UTC µs */
  SpReportBy  by;

  SpFigures   totals;
  SpFigures   previous;       /* the n_days before from */
  GPtrArray  *rows;           /* SpReportRow, sorted by key; empty for BY_NONE */
  GPtrArray  *refusal_reasons;  /* SpReportCount */
  GPtrArray  *spid_channels;    /* SpReportCount: rao, partner */
  GPtrArray  *cie_reasons;      /* SpReportCount */
  GPtrArray  *tally_services;   /* SpReportCount: every active service, and
                                 * any inactive one counted in the period */
  GArray     *cie_wait;         /* SpWaitPoint, days with a reading */
} SpReport;

/* Local midnight of a day as UTC µs since the epoch. */
gint64    sp_report_day_start      (const GDate  *day);
/* FALSE with SP_REPORT_ERROR_PERIOD unless both days are valid and from
 * is not after to. */
gboolean  sp_report_check_period   (const GDate  *from,
                                    const GDate  *to,
                                    GError      **error);
/* "YYYY-MM-DD" or "DD/MM/YYYY" into a valid GDate. */
gboolean  sp_report_parse_day      (const char   *text,
                                    GDate        *out_day);

SpReport *sp_report_compute        (SpStore      *store,
                                    const GDate  *from,
                                    const GDate  *to,
                                    SpReportBy    by,
                                    GError      **error);
void      sp_report_free           (SpReport     *report);

const char *sp_report_by_to_string (SpReportBy    by);
gboolean    sp_report_by_from_string (const char *text,
                                      SpReportBy *out_by);

/* Exports (sp-report-export.c). The separator is the setting
 * "export.csv_separator" (";" by default, or ","). */

char       sp_report_csv_separator (SpStore      *store);
/* Appends one RFC 4180 field (quoted when it holds the separator, a quote,
 * CR or LF). */
void       sp_csv_append_field     (GString      *out,
                                    const char   *field,
                                    char          separator);
/* The report as CSV: the totals row, then one row per group; a header line
 * of metric ids. CRLF line ends. */
char      *sp_report_to_csv        (SpReport     *report,
                                    char          separator);
char      *sp_report_to_json       (SpReport     *report);
/* The cases of a period, one a line (kind, uuid, state, detail, desk,
 * operator, started, closed): no name, codice fiscale or contact. */
char      *sp_report_records_csv   (SpStore      *store,
                                    const GDate  *from,
                                    const GDate  *to,
                                    char          separator,
                                    GError      **error);

typedef void (*SpProgressFunc) (double fraction, gpointer user_data);

/* Open data: opendata.csv (day, service, outcome, count) and
 * opendata.json (a description of the columns) in dir. */
gboolean   sp_report_export_opendata (SpStore       *store,
                                      const GDate   *from,
                                      const GDate   *to,
                                      const char    *dir,
                                      SpProgressFunc progress,
                                      gpointer       user_data,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReport, sp_report_free)

G_END_DECLS
