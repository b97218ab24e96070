/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart.h — small charts drawn with cairo: bars and a line
 *
 * Shared by the screen (GtkDrawingArea) and paper. No GTK here: the
 * caller passes the colours of its theme.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_CHART_BARS,
  SP_CHART_LINE,
} SpChartKind;

typedef struct
{
  double foreground[4];   /* text and axes, RGBA */
  double accent[4];       /* bars and line */
} SpChartStyle;

/* Draws title, axis with its maximum, and the n values with their labels
 * (thinned out when they would overlap). values may be negative for "no
 * value" (a gap in a line, no bar). */
void sp_chart_draw (cairo_t             *cr,
                    double               width,
                    double               height,
                    SpChartKind          kind,
                    const char          *title,
                    const char * const  *labels,
                    const double        *values,
                    guint                n,
                    const SpChartStyle  *style);

G_END_DECLS
