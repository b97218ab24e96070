/* sp-supervision-page.c — what the counters did: today, a period, charts,
 * tables, the day-close report, exports and the audit trail */
#define G_LOG_DOMAIN "sp-supervision-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-audit-view.h"
#include "sp-chart.h"
#include "sp-cie-wait.h"
#include "sp-day-close.h"
#include "sp-entry-row.h"
#include "sp-report.h"
#include "sp-supervision-page.h"
#include "sp-tally-bar.h"
#include "sp-window.h"

struct _SpSupervisionPage
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkFlowBox     *today_box;
  GtkBox         *tally_slot;
  SpEntryRow     *from_row;
  SpEntryRow     *to_row;
  GtkButton      *show_button;
  GtkButton      *csv_button;
  GtkButton      *opendata_button;
  GtkButton      *dayclose_button;
  GtkSpinner     *busy_spinner;
  GtkProgressBar *progress_bar;
  GtkFlowBox     *period_box;
  GtkDrawingArea *hour_chart;
  GtkDrawingArea *desk_chart;
  GtkDrawingArea *day_chart;
  GtkDrawingArea *wait_chart;
  GtkGrid        *desk_table;
  GtkGrid        *operator_table;
  SpEntryRow     *audit_operator_row;
  SpEntryRow     *audit_action_row;
  SpEntryRow     *audit_date_row;
  GtkLabel       *verify_label;
  GtkListBox     *audit_list;

  /* owned */
  SpContext      *context;
  GCancellable   *cancellable;
  SpReport       *by_hour;
  SpReport       *by_day;
  SpReport       *by_desk;
  SpReport       *by_operator;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (SpSupervisionPage, sp_supervision_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The figures shown as cards, in order. */
static const SpMetric card_metrics[] = {
  SP_METRIC_SPID_COMPLETED, SP_METRIC_SPID_REFUSED, SP_METRIC_CIE_REQUESTS,
  SP_METRIC_APPOINTMENTS_BOOKED, SP_METRIC_APPOINTMENTS_SERVED, SP_METRIC_WALK_INS,
  SP_METRIC_APPOINTMENTS_NO_SHOW, SP_METRIC_APPOINTMENTS_CANCELLED, SP_METRIC_TALLIES,
  SP_METRIC_UNSENT_EMAILS, SP_METRIC_WAIT_AVG, SP_METRIC_WAIT_P90,
  SP_METRIC_SERVICE_AVG, SP_METRIC_SERVICE_P90,
};

static void
toast (SpSupervisionPage *self,
       const char        *message)
{
  sp_window_show_toast_for (GTK_WIDGET (self), message);
}

static char *
format_figure (SpMetric metric,
               double   value)
{
  if (sp_metric_is_duration (metric) && value <= 0)
    return g_strdup ("—");   /* nobody waited or was served */
  if (sp_metric_is_duration (metric))
    {
      int s = (int) (value + 0.5);
      /* Translators: a duration in minutes and seconds */
      return g_strdup_printf (_("%d min %02d s"), s / 60, s % 60);
    }
  return g_strdup_printf ("%.0f", value);
}

static void
clear_container (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else if (GTK_IS_GRID (box))
        gtk_grid_remove (GTK_GRID (box), child);
      else if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_widget_unparent (child);
    }
}

/* A card: the value big, the caption under it, and for a period the
 * previous period's value. Its accessible name reads "Today, CIE
 * requests: 12". */
static void
add_card (GtkFlowBox  *box,
          const char  *scope,
          SpMetric     metric,
          double       value,
          const double *previous)
{
  g_autofree char *text = format_figure (metric, value);
  g_autofree char *name = NULL;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = gtk_label_new (text);
  GtkWidget *caption = gtk_label_new (_(sp_metric_get_label (metric)));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (value_label, 8);
  gtk_widget_add_css_class (value_label, "title-2");
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_set_margin_start (caption, 6);
  gtk_widget_set_margin_end (caption, 6);
  gtk_widget_set_margin_bottom (caption, previous == NULL ? 8 : 0);
  /* Translators: the accessible name of a figure: "Today, CIE requests: 12" */
  name = g_strdup_printf (_("%s, %s: %s"), scope, _(sp_metric_get_label (metric)), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value_label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (card), value_label);
  gtk_box_append (GTK_BOX (card), caption);
  if (previous != NULL)
    {
      g_autofree char *before = format_figure (metric, *previous);
      /* Translators: under a figure, the previous period's value */
      g_autofree char *line = g_strdup_printf (_("before: %s"), before);
      GtkWidget *label = gtk_label_new (line);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_margin_bottom (label, 8);
      gtk_box_append (GTK_BOX (card), label);
    }
  gtk_flow_box_append (box, card);
}

static void
today_date (GDate *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
set_day_text (SpEntryRow  *row,
              const GDate *day)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", day);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
refresh_today (SpSupervisionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  SpStore *store = sp_context_get_store (self->context);
  GDate today;

  /* Today's reading of the wait for a CIE slot, for the trend. */
  sp_cie_wait_note (store, sp_store_now ());

  today_date (&today);
  report = sp_report_compute (store, &today, &today, SP_REPORT_BY_NONE, &error);
  clear_container (GTK_WIDGET (self->today_box));
  if (report == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (card_metrics); i++)
    add_card (self->today_box, _("Today"), card_metrics[i], report->totals.v[card_metrics[i]], NULL);
}

/* Tables by desk and by operator. */
static void
fill_table (GtkGrid  *grid,
            SpReport *report,
            const char *first_column)
{
  static const SpMetric columns[] = {
    SP_METRIC_SPID_COMPLETED, SP_METRIC_SPID_REFUSED, SP_METRIC_CIE_REQUESTS,
    SP_METRIC_APPOINTMENTS_SERVED, SP_METRIC_WALK_INS, SP_METRIC_APPOINTMENTS_NO_SHOW,
    SP_METRIC_TALLIES, SP_METRIC_WAIT_AVG,
  };

  clear_container (GTK_WIDGET (grid));
  if (report == NULL)
    return;

  {
    GtkWidget *label = gtk_label_new (first_column);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_grid_attach (grid, label, 0, 0, 1, 1);
  }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkWidget *label = gtk_label_new (_(sp_metric_get_label (columns[c])));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (grid, label, c + 1, 0, 1, 1);
    }
  for (guint r = 0; r < report->rows->len; r++)
    {
      SpReportRow *row = g_ptr_array_index (report->rows, r);
      GtkWidget *name = gtk_label_new (row->label);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_grid_attach (grid, name, 0, r + 1, 1, 1);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *text = format_figure (columns[c], row->figures.v[columns[c]]);
          g_autofree char *accessible = g_strdup_printf (_("%s, %s: %s"), row->label,
                                                         _(sp_metric_get_label (columns[c])), text);
          GtkWidget *label = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (label), 1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          accessible, -1);
          gtk_grid_attach (grid, label, c + 1, r + 1, 1, 1);
        }
    }
  if (report->rows->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing recorded in this period."));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (grid, label, 0, 1, G_N_ELEMENTS (columns) + 1, 1);
    }
}

static void
show_period (SpSupervisionPage *self)
{
  SpReport *report = self->by_day;

  clear_container (GTK_WIDGET (self->period_box));
  if (report != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (card_metrics); i++)
      add_card (self->period_box, _("Period"), card_metrics[i],
                report->totals.v[card_metrics[i]], &report->previous.v[card_metrics[i]]);
  fill_table (self->desk_table, self->by_desk, _("Desk"));
  fill_table (self->operator_table, self->by_operator, _("Operator"));
  gtk_widget_queue_draw (GTK_WIDGET (self->hour_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->day_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->desk_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->wait_chart));
}

/* Charts. */
static void
chart_style (GtkWidget    *widget,
             SpChartStyle *style)
{
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style->foreground[0] = fg.red;
  style->foreground[1] = fg.green;
  style->foreground[2] = fg.blue;
  style->foreground[3] = fg.alpha;
  /* libadwaita's blue 3: contrast on light and dark. */
  style->accent[0] = 0x35 / 255.0;
  style->accent[1] = 0x84 / 255.0;
  style->accent[2] = 0xe4 / 255.0;
  style->accent[3] = 1;
}

static void
draw_hour_chart (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  SpSupervisionPage *self = user_data;
  char names[24][8];
  const char *labels[24];
  double values[24] = { 0 };
  int first = 8, last = 18;
  SpChartStyle style;

  if (self->by_hour == NULL)
    return;
  for (guint i = 0; i < self->by_hour->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (self->by_hour->rows, i);
      if (row->key < 0 || row->key > 23)
        continue;
      values[row->key] = row->figures.v[SP_METRIC_APPOINTMENTS_SERVED] + row->figures.v[SP_METRIC_TALLIES];
      if (values[row->key] > 0)
        {
          first = MIN (first, (int) row->key);
          last = MAX (last, (int) row->key);
        }
    }
  for (int h = first; h <= last; h++)
    {
      g_snprintf (names[h], sizeof names[h], "%02d", h);
      labels[h] = names[h];
    }
  chart_style (GTK_WIDGET (area), &style);
  sp_chart_draw (cr, width, height, SP_CHART_BARS, _("Citizens served and services counted, by hour"),
                 labels + first, values + first, last - first + 1, &style);
}

static void
draw_desk_chart (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  SpSupervisionPage *self = user_data;
  g_autofree const char **labels = NULL;
  g_autofree double *values = NULL;
  SpChartStyle style;
  guint n;

  if (self->by_desk == NULL)
    return;
  n = self->by_desk->rows->len;
  labels = g_new0 (const char *, n + 1);
  values = g_new0 (double, n + 1);
  for (guint i = 0; i < n; i++)
    {
      SpReportRow *row = g_ptr_array_index (self->by_desk->rows, i);
      labels[i] = row->label;
      values[i] = row->figures.v[SP_METRIC_APPOINTMENTS_SERVED] + row->figures.v[SP_METRIC_TALLIES];
    }
  chart_style (GTK_WIDGET (area), &style);
  sp_chart_draw (cr, width, height, SP_CHART_BARS, _("Citizens served and services counted, by desk"),
                 labels, values, n, &style);
}

static void
draw_day_chart (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  SpSupervisionPage *self = user_data;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = NULL;
  g_autofree double *waits = NULL;
  SpChartStyle style;
  gboolean wait = GTK_WIDGET (area) == GTK_WIDGET (self->wait_chart);
  guint n;
  GDate day;

  if (self->by_day == NULL)
    return;
  n = self->by_day->n_days;
  values = g_new0 (double, n);
  waits = g_new (double, n);
  day = self->by_day->from;
  for (guint i = 0; i < n; i++, g_date_add_days (&day, 1))
    {
      char text[16];

      g_date_strftime (text, sizeof text, n > 62 ? "%m/%y" : "%d/%m", &day);
      g_ptr_array_add (names, g_strdup (text));
      waits[i] = -1;
    }
  for (guint i = 0; i < self->by_day->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (self->by_day->rows, i);
      if (row->key >= 0 && row->key < n)
        values[row->key] = row->figures.v[SP_METRIC_APPOINTMENTS_SERVED] + row->figures.v[SP_METRIC_TALLIES];
    }
  for (guint i = 0; i < self->by_day->cie_wait->len; i++)
    {
      SpWaitPoint *p = &g_array_index (self->by_day->cie_wait, SpWaitPoint, i);
      GDate d;

      if (sp_report_parse_day (p->day, &d))
        {
          int k = g_date_days_between (&self->by_day->from, &d);
          if (k >= 0 && (guint) k < n)
            waits[k] = p->wait_days;
        }
    }
  chart_style (GTK_WIDGET (area), &style);
  sp_chart_draw (cr, width, height, wait ? SP_CHART_LINE : SP_CHART_BARS,
                 wait ? _("Working days to the first free CIE slot")
                      : _("Citizens served and services counted, by day"),
                 (const char * const *) names->pdata, wait ? waits : values, n, &style);
}

/* The period, computed in a thread with its own connection. */
typedef struct
{
  char     *path;
  GDate     from;
  GDate     to;
  SpReport *reports[4];   /* hour, day, desk, operator */
} PeriodJob;

static void
period_job_free (PeriodJob *job)
{
  g_free (job->path);
  for (guint i = 0; i < G_N_ELEMENTS (job->reports); i++)
    sp_report_free (job->reports[i]);
  g_free (job);
}

static void
compute_period_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  static const SpReportBy by[] = { SP_REPORT_BY_HOUR, SP_REPORT_BY_DAY, SP_REPORT_BY_DESK, SP_REPORT_BY_OPERATOR };
  PeriodJob *job = data;
  g_autoptr(SpStore) store = NULL;
  GError *error = NULL;

  store = sp_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (by); i++)
    {
      job->reports[i] = sp_report_compute (store, &job->from, &job->to, by[i], &error);
      if (job->reports[i] == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (SpSupervisionPage *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->show_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->opendata_button), !busy);
}

static void
on_period_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (source);
  PeriodJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->by_hour, sp_report_free);
  g_clear_pointer (&self->by_day, sp_report_free);
  g_clear_pointer (&self->by_desk, sp_report_free);
  g_clear_pointer (&self->by_operator, sp_report_free);
  self->by_hour = g_steal_pointer (&job->reports[0]);
  self->by_day = g_steal_pointer (&job->reports[1]);
  self->by_desk = g_steal_pointer (&job->reports[2]);
  self->by_operator = g_steal_pointer (&job->reports[3]);
  show_period (self);
}

static gboolean
read_period (SpSupervisionPage *self,
             GDate             *from,
             GDate             *to)
{
  gboolean ok = TRUE;

  sp_entry_row_set_error (self->from_row, NULL);
  sp_entry_row_set_error (self->to_row, NULL);
  if (!sp_report_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->from_row)), from))
    {
      sp_entry_row_set_error (self->from_row, _("Type a date such as 2026-03-01."));
      ok = FALSE;
    }
  if (!sp_report_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), to))
    {
      sp_entry_row_set_error (self->to_row, _("Type a date such as 2026-03-31."));
      ok = FALSE;
    }
  if (ok && g_date_compare (from, to) > 0)
    {
      sp_entry_row_set_error (self->to_row, _("The period must end on or after the day it starts."));
      ok = FALSE;
    }
  return ok;
}

static void
refresh_period (SpSupervisionPage *self)
{
  g_autoptr(GTask) task = NULL;
  PeriodJob *job;
  GDate from, to;

  if (self->busy || !read_period (self, &from, &to))
    return;

  job = g_new0 (PeriodJob, 1);
  job->path = g_strdup (sp_store_get_path (sp_context_get_store (self->context)));
  job->from = from;
  job->to = to;
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, on_period_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) period_job_free);
  g_task_run_in_thread (task, compute_period_thread);
}

static void
on_show_clicked_cb (SpSupervisionPage *self)
{
  refresh_period (self);
}

static void
on_month_clicked_cb (SpSupervisionPage *self)
{
  GDate today, first;

  today_date (&today);
  first = today;
  g_date_set_day (&first, 1);
  set_day_text (self->from_row, &first);
  set_day_text (self->to_row, &today);
  refresh_period (self);
}

/* Day-close report. */
typedef struct
{
  SpDayClose *report;
} PrintData;

static void
on_print_begin_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  PrintData *data = user_data;

  gtk_print_operation_set_n_pages (operation, sp_day_close_get_n_pages (data->report));
}

static void
on_print_draw_page_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       gpointer           user_data)
{
  PrintData *data = user_data;

  sp_day_close_draw_page (data->report, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context), page);
}

static void
on_dayclose_clicked_cb (SpSupervisionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDayClose) report = NULL;
  const char *pdf = g_getenv ("SPORTELLO_PRINT_TO_PDF");
  GDate day;

  if (!sp_report_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), &day))
    today_date (&day);

  report = sp_day_close_new (sp_context_get_store (self->context), &day, &error);
  if (report == NULL)
    {
      toast (self, error->message);
      return;
    }

  if (pdf != NULL && *pdf != '\0')
    {
      if (!sp_day_close_export_pdf (report, pdf, &error))
        toast (self, error->message);
      else
        toast (self, _("Day-close report saved."));
      return;
    }

  {
    g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
    PrintData data = { report };
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

    gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
    gtk_print_operation_set_job_name (operation, _("Day-close report"));
    gtk_print_operation_set_export_filename (operation, "day-close.pdf");
    g_signal_connect (operation, "begin-print", G_CALLBACK (on_print_begin_cb), &data);
    g_signal_connect (operation, "draw-page", G_CALLBACK (on_print_draw_page_cb), &data);
    if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
      toast (self, error->message);
  }
}

/* Exports, in a thread with their own connection, with progress. */
typedef struct
{
  SpSupervisionPage *self;    /* a reference */
  char              *path;    /* database */
  char              *target;  /* file or folder */
  GDate              from;
  GDate              to;
  gboolean           opendata;
  double             fraction;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->self);
  g_free (job->path);
  g_free (job->target);
  g_free (job);
}

static gboolean
update_progress_idle (gpointer user_data)
{
  ExportJob *job = user_data;

  gtk_progress_bar_set_fraction (job->self->progress_bar, job->fraction);
  export_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
export_progress (double   fraction,
                 gpointer user_data)
{
  ExportJob *job = user_data;
  ExportJob *copy = g_new0 (ExportJob, 1);

  copy->self = g_object_ref (job->self);
  copy->fraction = fraction;
  g_idle_add (update_progress_idle, copy);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpReport) report = NULL;
  g_autofree char *csv = NULL;
  GError *error = NULL;

  store = sp_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->opendata)
    {
      if (!sp_report_export_opendata (store, &job->from, &job->to, job->target,
                                      export_progress, job, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  export_progress (0.1, job);
  report = sp_report_compute (store, &job->from, &job->to, SP_REPORT_BY_DAY, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  export_progress (0.8, job);
  csv = sp_report_to_csv (report, sp_report_csv_separator (store));
  if (!g_file_set_contents (job->target, csv, -1, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  export_progress (1.0, job);
  g_task_return_boolean (task, TRUE);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast (self, error->message);
  else
    {
      /* Translators: %s is a file or folder */
      g_autofree char *message = g_strdup_printf (_("Exported to %s"), job->target);
      toast (self, message);
    }
}

static void
start_export (SpSupervisionPage *self,
              const char        *target,
              gboolean           opendata)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;
  GDate from, to;

  if (self->busy || !read_period (self, &from, &to))
    return;

  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->path = g_strdup (sp_store_get_path (sp_context_get_store (self->context)));
  job->target = g_strdup (target);
  job->from = from;
  job->to = to;
  job->opendata = opendata;

  set_busy (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, opendata ? _("Exporting open data…") : _("Exporting CSV…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  task = g_task_new (self, self->cancellable, on_export_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response_cb (GtkNativeDialog   *dialog,
                        int                response,
                        SpSupervisionPage *self)
{
  gboolean opendata = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "opendata"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        start_export (self, path, opendata);
    }
  g_object_unref (dialog);
}

static void
choose_target (SpSupervisionPage *self,
               gboolean           opendata)
{
  const char *target = g_getenv ("SPORTELLO_EXPORT_TO");
  GtkFileChooserNative *chooser;
  GtkRoot *root;

  /* For tests: no dialog. */
  if (target != NULL && *target != '\0')
    {
      start_export (self, target, opendata);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (opendata ? _("Open Data Folder") : _("Export CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         opendata ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                  : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!opendata)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "sportello-report.csv");
  g_object_set_data (G_OBJECT (chooser), "opendata", GINT_TO_POINTER (opendata));
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_csv_clicked_cb (SpSupervisionPage *self)
{
  choose_target (self, FALSE);
}

static void
on_opendata_clicked_cb (SpSupervisionPage *self)
{
  choose_target (self, TRUE);
}

/* Audit viewer. */
static void
refresh_audit (SpSupervisionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->audit_date_row));
  GDate day;
  gboolean use_day = FALSE;

  sp_entry_row_set_error (self->audit_date_row, NULL);
  if (*date_text != '\0')
    {
      use_day = sp_report_parse_day (date_text, &day);
      if (!use_day)
        {
          sp_entry_row_set_error (self->audit_date_row, _("Type a date such as 2026-03-01."));
          return;
        }
    }

  entries = sp_audit_view_list (sp_context_get_store (self->context),
                                gtk_editable_get_text (GTK_EDITABLE (self->audit_operator_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->audit_action_row)),
                                use_day ? &day : NULL, 200, &error);
  clear_container (GTK_WIDGET (self->audit_list));
  if (entries == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      SpAuditEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (e->at / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (at, "%d/%m/%Y %H:%M:%S");
      g_autofree char *title = g_markup_printf_escaped ("%s — %s", e->action,
                                                        *e->operator != '\0' ? e->operator : _("system"));
      g_autofree char *subtitle = g_markup_printf_escaped ("#%" G_GINT64_FORMAT " · %s · %s · %s", e->id, when,
                                                           *e->desk != '\0' ? e->desk : "—", e->details);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_append (self->audit_list, row);
    }
  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No audit rows match."));
      gtk_list_box_append (self->audit_list, row);
    }
}

static void
on_filter_clicked_cb (SpSupervisionPage *self)
{
  refresh_audit (self);
}

static void
on_verify_clicked_cb (SpSupervisionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint64 checked = 0;
  gint64 broken = 0;

  if (sp_audit_verify (sp_context_get_store (self->context), &checked, &broken, &error))
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The audit trail holds: %llu row checked.",
                                            "The audit trail holds: %llu rows checked.", checked),
                               (unsigned long long) checked);
  else
    message = g_strdup (error->message);
  gtk_label_set_text (self->verify_label, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verify_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  message, -1);
}

static void
sp_supervision_page_map (GtkWidget *widget)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (widget);

  GTK_WIDGET_CLASS (sp_supervision_page_parent_class)->map (widget);

  refresh_today (self);
  refresh_period (self);
  refresh_audit (self);
}

static void
sp_supervision_page_constructed (GObject *object)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (object);
  GDate today, first;

  G_OBJECT_CLASS (sp_supervision_page_parent_class)->constructed (object);

  gtk_box_append (self->tally_slot, sp_tally_bar_new (self->context, FALSE));

  today_date (&today);
  first = today;
  g_date_set_day (&first, 1);
  set_day_text (self->from_row, &first);
  set_day_text (self->to_row, &today);
}

static void
sp_supervision_page_dispose (GObject *object)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SUPERVISION_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->by_hour, sp_report_free);
  g_clear_pointer (&self->by_day, sp_report_free);
  g_clear_pointer (&self->by_desk, sp_report_free);
  g_clear_pointer (&self->by_operator, sp_report_free);
  G_OBJECT_CLASS (sp_supervision_page_parent_class)->dispose (object);
}

static void
sp_supervision_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_supervision_page_class_init (SpSupervisionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_supervision_page_constructed;
  object_class->dispose = sp_supervision_page_dispose;
  object_class->set_property = sp_supervision_page_set_property;
  widget_class->map = sp_supervision_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SP_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-supervision-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, today_box);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, tally_slot);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, show_button);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, csv_button);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, opendata_button);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, dayclose_button);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, period_box);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, hour_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, desk_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, day_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, wait_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, desk_table);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, operator_table);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, audit_operator_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, audit_action_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, audit_date_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, verify_label);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, audit_list);
  gtk_widget_class_bind_template_callback (widget_class, on_show_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dayclose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_csv_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_opendata_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_verify_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_supervision_page_init (SpSupervisionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  gtk_drawing_area_set_draw_func (self->hour_chart, draw_hour_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->desk_chart, draw_desk_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->day_chart, draw_day_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->wait_chart, draw_day_chart, self, NULL);
}

GtkWidget *
sp_supervision_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_SUPERVISION_PAGE, "context", context, NULL);
}
