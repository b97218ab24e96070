/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-chart.c — one chart of a period on screen */

#define G_LOG_DOMAIN "sp-supervision-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-chart.h"
#include "sp-construct-property.h"
#include "sp-supervision-chart.h"

struct _SpSupervisionChart
{
  GtkDrawingArea          parent_instance;

  SpSupervisionChartKind  kind;
  /* owned: what is drawn, copied from the report */
  GPtrArray              *labels;   /* char * */
  GArray                 *values;   /* double; negative: no value */
};

G_DEFINE_FINAL_TYPE (SpSupervisionChart, sp_supervision_chart, GTK_TYPE_DRAWING_AREA)

G_DEFINE_ENUM_TYPE (SpSupervisionChartKind, sp_supervision_chart_kind,
  G_DEFINE_ENUM_VALUE (SP_SUPERVISION_CHART_BY_HOUR, "by-hour"),
  G_DEFINE_ENUM_VALUE (SP_SUPERVISION_CHART_BY_DESK, "by-desk"),
  G_DEFINE_ENUM_VALUE (SP_SUPERVISION_CHART_BY_DAY, "by-day"),
  G_DEFINE_ENUM_VALUE (SP_SUPERVISION_CHART_CIE_WAIT, "cie-wait"))

/* What the bars count: every citizen attended, with or without a case. */
static double
attended (const SpReportRow *row)
{
  return row->figures.v[SP_METRIC_APPOINTMENTS_SERVED] + row->figures.v[SP_METRIC_TALLIES];
}

static void
add_point (SpSupervisionChart *self,
           const char         *label,
           double              value)
{
  g_ptr_array_add (self->labels, g_strdup (label));
  g_array_append_val (self->values, value);
}

/* The opening hours, widened to any hour something happened in. */
static void
take_hours (SpSupervisionChart *self,
            const SpReport     *report)
{
  double values[24] = { 0 };
  int first = 8, last = 18;

  for (guint i = 0; i < report->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (report->rows, i);

      if (row->key < 0 || row->key > 23)
        continue;
      values[row->key] = attended (row);
      if (values[row->key] > 0)
        {
          first = MIN (first, (int) row->key);
          last = MAX (last, (int) row->key);
        }
    }
  for (int h = first; h <= last; h++)
    {
      char name[8];

      g_snprintf (name, sizeof name, "%02d", h);
      add_point (self, name, values[h]);
    }
}

static void
take_desks (SpSupervisionChart *self,
            const SpReport     *report)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      SpReportRow *row = g_ptr_array_index (report->rows, i);

      add_point (self, row->label, attended (row));
    }
}

/* Every day of the period, by day and month, or by month and year when
 * the period is long. */
static void
take_days (SpSupervisionChart *self,
           const SpReport     *report,
           gboolean            wait)
{
  guint n = report->n_days;
  GDate day = report->from;

  for (guint i = 0; i < n; i++, g_date_add_days (&day, 1))
    {
      char text[16];

      g_date_strftime (text, sizeof text, n > 62 ? "%m/%y" : "%d/%m", &day);
      add_point (self, text, wait ? -1 : 0);
    }
  if (!wait)
    {
      for (guint i = 0; i < report->rows->len; i++)
        {
          SpReportRow *row = g_ptr_array_index (report->rows, i);

          if (row->key >= 0 && row->key < n)
            g_array_index (self->values, double, row->key) = attended (row);
        }
      return;
    }
  for (guint i = 0; i < report->cie_wait->len; i++)
    {
      SpWaitPoint *p = &g_array_index (report->cie_wait, SpWaitPoint, i);
      GDate d;

      if (sp_report_parse_day (p->day, &d))
        {
          int k = g_date_days_between (&report->from, &d);

          if (k >= 0 && (guint) k < n)
            g_array_index (self->values, double, k) = p->wait_days;
        }
    }
}

static void
get_style (GtkWidget    *widget,
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

static const char *
get_title (SpSupervisionChartKind kind)
{
  switch (kind)
    {
    case SP_SUPERVISION_CHART_BY_HOUR:
      return _("Citizens served and services counted, by hour");
    case SP_SUPERVISION_CHART_BY_DESK:
      return _("Citizens served and services counted, by desk");
    case SP_SUPERVISION_CHART_BY_DAY:
      return _("Citizens served and services counted, by day");
    case SP_SUPERVISION_CHART_CIE_WAIT:
      return _("Working days to the first free CIE slot");
    default:
      g_assert_not_reached ();
    }
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SpSupervisionChart *self = SP_SUPERVISION_CHART (area);
  SpChartStyle style;

  if (self->labels == NULL)
    return;
  get_style (GTK_WIDGET (self), &style);
  sp_chart_draw (cr, width, height,
                 self->kind == SP_SUPERVISION_CHART_CIE_WAIT ? SP_CHART_LINE : SP_CHART_BARS,
                 get_title (self->kind), (const char * const *) self->labels->pdata,
                 (const double *) self->values->data, self->values->len, &style);
}

static void
sp_supervision_chart_finalize (GObject *object)
{
  SpSupervisionChart *self = SP_SUPERVISION_CHART (object);

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (sp_supervision_chart_parent_class)->finalize (object);
}

static void
sp_supervision_chart_class_init (SpSupervisionChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_supervision_chart_finalize;

  sp_construct_property_install (object_class, "kind", SP_TYPE_SUPERVISION_CHART_KIND,
                                 G_STRUCT_OFFSET (SpSupervisionChart, kind));
}

static void
sp_supervision_chart_init (SpSupervisionChart *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_chart, NULL, NULL);
}

void
sp_supervision_chart_set_report (SpSupervisionChart *self,
                                 const SpReport     *report)
{
  g_return_if_fail (SP_IS_SUPERVISION_CHART (self));

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  if (report != NULL)
    {
      self->labels = g_ptr_array_new_with_free_func (g_free);
      self->values = g_array_new (FALSE, FALSE, sizeof (double));
      switch (self->kind)
        {
        case SP_SUPERVISION_CHART_BY_HOUR:
          take_hours (self, report);
          break;
        case SP_SUPERVISION_CHART_BY_DESK:
          take_desks (self, report);
          break;
        case SP_SUPERVISION_CHART_BY_DAY:
        case SP_SUPERVISION_CHART_CIE_WAIT:
          take_days (self, report, self->kind == SP_SUPERVISION_CHART_CIE_WAIT);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
