/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-chart.h — one chart of a period on screen: by hour, by
 * desk, by day, or the wait for a free CIE slot, drawn by sp-chart in the
 * theme's colours */
#pragma once

#include <gtk/gtk.h>

#include "sp-report.h"

G_BEGIN_DECLS

typedef enum
{
  SP_SUPERVISION_CHART_BY_HOUR,   /*< nick=by-hour >*/
  SP_SUPERVISION_CHART_BY_DESK,   /*< nick=by-desk >*/
  SP_SUPERVISION_CHART_BY_DAY,    /*< nick=by-day >*/
  SP_SUPERVISION_CHART_CIE_WAIT,  /*< nick=cie-wait >*/
} SpSupervisionChartKind;

#define SP_TYPE_SUPERVISION_CHART_KIND (sp_supervision_chart_kind_get_type ())
GType sp_supervision_chart_kind_get_type (void) G_GNUC_CONST;

#define SP_TYPE_SUPERVISION_CHART (sp_supervision_chart_get_type ())

G_DECLARE_FINAL_TYPE (SpSupervisionChart, sp_supervision_chart, SP, SUPERVISION_CHART, GtkDrawingArea)

/* Takes what the chart's kind draws from report (broken down by hour, by
 * desk or by day as the kind wants); NULL draws nothing. */
void sp_supervision_chart_set_report (SpSupervisionChart *self,
                                      const SpReport     *report);

G_END_DECLS
