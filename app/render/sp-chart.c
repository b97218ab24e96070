/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-chart.c — bars and a line, with pango text */
#define G_LOG_DOMAIN "sp-chart"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "sp-chart.h"

static void
set_rgba (cairo_t      *cr,
          const double  rgba[4])
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             int         size_pt,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, size_pt * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static double
nice_maximum (double max)
{
  double step;

  if (max <= 0)
    return 1;
  step = pow (10, floor (log10 (max)));
  for (int k = 1; k <= 10; k++)
    if (k * step >= max)
      return k * step;
  return 10 * step;
}

void
sp_chart_draw (cairo_t             *cr,
               double               width,
               double               height,
               SpChartKind          kind,
               const char          *title,
               const char * const  *labels,
               const double        *values,
               guint                n,
               const SpChartStyle  *style)
{
  g_autoptr(GString) max_text = g_string_new (NULL);
  PangoLayout *layout;
  double max = 0, top, left = 8, bottom, plot_w, plot_h, slot;
  int tw, th, label_w = 0;
  guint every = 1;

  cairo_save (cr);

  /* Title. */
  layout = make_layout (cr, title, 10, TRUE);
  pango_layout_get_pixel_size (layout, &tw, &th);
  set_rgba (cr, style->foreground);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  top = th + 8;

  for (guint i = 0; i < n; i++)
    max = MAX (max, values[i]);
  max = nice_maximum (max);
  g_string_printf (max_text, "%g", max);

  layout = make_layout (cr, max_text->str, 8, FALSE);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, 0, top - th / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  left = tw + 6;

  bottom = height - (th + 6);
  plot_w = width - left - 4;
  plot_h = bottom - top;
  if (plot_w <= 10 || plot_h <= 10 || n == 0)
    {
      cairo_restore (cr);
      return;
    }
  slot = plot_w / n;

  /* Axes: a faint top line at the maximum, the base line. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, style->foreground[0], style->foreground[1], style->foreground[2], 0.25);
  cairo_move_to (cr, left, top + 0.5);
  cairo_line_to (cr, left + plot_w, top + 0.5);
  cairo_stroke (cr);
  set_rgba (cr, style->foreground);
  cairo_move_to (cr, left, bottom + 0.5);
  cairo_line_to (cr, left + plot_w, bottom + 0.5);
  cairo_stroke (cr);

  /* Data. */
  set_rgba (cr, style->accent);
  if (kind == SP_CHART_BARS)
    {
      for (guint i = 0; i < n; i++)
        {
          double h = values[i] > 0 ? values[i] / max * plot_h : 0;
          double gap = MIN (slot * 0.2, 6);

          if (h > 0)
            cairo_rectangle (cr, left + i * slot + gap / 2, bottom - h, MAX (slot - gap, 1), h);
        }
      cairo_fill (cr);
    }
  else
    {
      gboolean drawing = FALSE;

      cairo_set_line_width (cr, 2);
      for (guint i = 0; i < n; i++)
        {
          double x = left + (i + 0.5) * slot;
          double y = bottom - (values[i] >= 0 ? values[i] / max * plot_h : 0);

          if (values[i] < 0)
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      cairo_stroke (cr);
    }

  /* Labels, thinned so that they do not overlap. */
  for (guint i = 0; i < n; i++)
    {
      layout = make_layout (cr, labels[i], 8, FALSE);
      pango_layout_get_pixel_size (layout, &tw, &th);
      label_w = MAX (label_w, tw);
      g_object_unref (layout);
    }
  while (every * slot < label_w + 6 && every < n)
    every++;
  set_rgba (cr, style->foreground);
  for (guint i = 0; i < n; i += every)
    {
      layout = make_layout (cr, labels[i], 8, FALSE);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, CLAMP (left + (i + 0.5) * slot - tw / 2.0, 0, width - tw), bottom + 3);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  cairo_restore (cr);
}
