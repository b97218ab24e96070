/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-day-close.c — the day-close report, drawn with cairo and pango */
#define G_LOG_DOMAIN "sp-day-close"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sp-day-close.h"

/* SP_SETTING_COMUNE_NAME lives in sp-setup.h. */
#include "sp-setup.h"

struct _SpDayClose
{
  SpReport *report;      /* the day, by desk */
  char     *comune;
  char     *day_text;    /* as printed */
};

#define MARGIN 48.0

static void
free_report (SpReport *report)
{
  sp_report_free (report);
}

SpDayClose *
sp_day_close_new (SpStore      *store,
                  const GDate  *day,
                  GError      **error)
{
  g_autoptr(SpReport) report = NULL;
  SpDayClose *self;
  char text[64];

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  report = sp_report_compute (store, day, day, SP_REPORT_BY_DESK, error);
  if (report == NULL)
    return NULL;

  self = g_new0 (SpDayClose, 1);
  self->report = g_steal_pointer (&report);
  self->comune = sp_store_get_setting (store, SP_SETTING_COMUNE_NAME);
  if (self->comune == NULL)
    self->comune = g_strdup ("");
  g_date_strftime (text, sizeof text, "%d/%m/%Y", day);
  self->day_text = g_strdup (text);
  return self;
}

void
sp_day_close_free (SpDayClose *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->report, free_report);
  g_free (self->comune);
  g_free (self->day_text);
  g_free (self);
}

guint
sp_day_close_get_n_pages (SpDayClose *self)
{
  return 1 + self->report->rows->len;
}

static double
show_text (cairo_t    *cr,
           double      x,
           double      y,
           double      width,
           const char *text,
           double      size,
           gboolean    bold,
           PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  return y + (double) h / PANGO_SCALE;
}

/* label … value [… previous] lines; returns the new y. */
static double
show_figures (cairo_t         *cr,
              double           y,
              double           width,
              const SpFigures *figures,
              const SpFigures *previous)
{
  double col = width - MARGIN * 2;

  if (previous != NULL)
    {
      show_text (cr, MARGIN + col * 0.55, y, col * 0.2, _("Today"), 9, TRUE, PANGO_ALIGN_RIGHT);
      y = show_text (cr, MARGIN + col * 0.8, y, col * 0.2, _("Previous day"), 9, TRUE, PANGO_ALIGN_RIGHT) + 2;
    }
  for (guint m = 0; m < SP_METRIC_N; m++)
    {
      g_autofree char *value = sp_metric_format_value (m, figures->v[m]);

      if (m == SP_METRIC_UNSENT_EMAILS && previous == NULL)
        continue;   /* not broken down by desk */
      show_text (cr, MARGIN, y, col * 0.55, _(sp_metric_get_label (m)), 10, FALSE, PANGO_ALIGN_LEFT);
      if (previous != NULL)
        {
          g_autofree char *before = sp_metric_format_value (m, previous->v[m]);
          show_text (cr, MARGIN + col * 0.8, y, col * 0.2, before, 10, FALSE, PANGO_ALIGN_RIGHT);
        }
      y = show_text (cr, MARGIN + col * 0.55, y, col * 0.2, value, 10, TRUE, PANGO_ALIGN_RIGHT) + 3;
    }
  return y;
}

static double
show_counts (cairo_t    *cr,
             double      y,
             double      width,
             const char *title,
             GPtrArray  *counts)
{
  double col = width - MARGIN * 2;

  y = show_text (cr, MARGIN, y + 8, col, title, 11, TRUE, PANGO_ALIGN_LEFT) + 3;
  for (guint i = 0; i < counts->len; i++)
    {
      SpReportCount *c = g_ptr_array_index (counts, i);
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, c->count);

      show_text (cr, MARGIN + 12, y, col * 0.55 - 12, c->label, 9, FALSE, PANGO_ALIGN_LEFT);
      y = show_text (cr, MARGIN + col * 0.55, y, col * 0.2, value, 9, FALSE, PANGO_ALIGN_RIGHT) + 2;
    }
  return y;
}

void
sp_day_close_draw_page (SpDayClose *self,
                        cairo_t    *cr,
                        double      width,
                        double      height,
                        guint       page)
{
  g_autofree char *heading = NULL;
  g_autofree char *footer = NULL;
  double y = MARGIN, col = width - MARGIN * 2;

  g_return_if_fail (page < sp_day_close_get_n_pages (self));

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* Translators: the title of the printed report; %s is the day */
  heading = g_strdup_printf (_("Day-close report — %s"), self->day_text);
  y = show_text (cr, MARGIN, y, col, heading, 16, TRUE, PANGO_ALIGN_LEFT);
  y = show_text (cr, MARGIN, y + 2, col, self->comune, 11, FALSE, PANGO_ALIGN_LEFT) + 14;

  if (page == 0)
    {
      y = show_text (cr, MARGIN, y, col, _("Summary of all desks"), 13, TRUE, PANGO_ALIGN_LEFT) + 6;
      y = show_figures (cr, y, width, &self->report->totals, &self->report->previous);
      if (y < height - 200)
        y = show_counts (cr, y, width, _("SPID refusals by reason"), self->report->refusal_reasons);
      if (y < height - 160)
        y = show_counts (cr, y, width, _("CIE requests by reason"), self->report->cie_reasons);
      if (y < height - 120)
        show_counts (cr, y, width, _("Other counter services"), self->report->tally_services);
    }
  else
    {
      SpReportRow *row = g_ptr_array_index (self->report->rows, page - 1);
      /* Translators: a page of the day-close report; %s is the desk's name */
      g_autofree char *title = g_strdup_printf (_("Desk: %s"), row->label);

      y = show_text (cr, MARGIN, y, col, title, 13, TRUE, PANGO_ALIGN_LEFT) + 6;
      show_figures (cr, y, width, &row->figures, NULL);
    }

  /* Translators: the footer of each page: page n of m */
  footer = g_strdup_printf (_("Page %u of %u — counts only, no personal data"),
                            page + 1, sp_day_close_get_n_pages (self));
  show_text (cr, MARGIN, height - MARGIN + 12, col, footer, 8, FALSE, PANGO_ALIGN_CENTER);
  cairo_restore (cr);
}

gboolean
sp_day_close_export_pdf (SpDayClose  *self,
                         const char  *path,
                         GError     **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_status_t status;
  cairo_t *cr = cairo_create (surface);

  for (guint p = 0; p < sp_day_close_get_n_pages (self); p++)
    {
      sp_day_close_draw_page (self, cr, 595, 842, p);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SP_REPORT_ERROR, SP_REPORT_ERROR_EXPORT,
                   _("Cannot write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
