/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-render.c — drawing a receipt with cairo and pango
 *
 * One function lays out and draws the page; measuring the roll's height
 * draws it once on a recording surface. Every string is drawn in the
 * receipt's own language through sp_catalogue_translate(), so the msgids
 * here are marked N_() (extracted into po/ like any other) and translated
 * at drawing time, not with _(), which would follow the desk's language.
 *
 * Text metrics are unhinted and the pango resolution is 72 dpi, so one
 * user unit is one point and the layout is the same on screen, paper, PDF
 * and PNG at any resolution.
 */
#define G_LOG_DOMAIN "sp-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sp-activation-code.h"
#include "sp-qr.h"
#include "sp-receipt-render.h"

#define MM (72.0 / 25.4)

#define SANS "DejaVu Sans, Sans"
/* Codes the citizen copies, among them the activation code's half drawn
 * from AgID's 65 characters: in DejaVu Sans Mono every one of them stands
 * apart (I has serifs, Z and 2, S and 5, B and 8, G and 6, q and g differ,
 * each symbol has its own shape), and build-aux/dev installs it. */
#define MONO "DejaVu Sans Mono, Monospace"
/* Room between a code's characters, as a fraction of its size. */
#define CODE_LETTER_SPACING 0.12

/* The receipt's language, not the desk's. */
#define T(msgid) sp_catalogue_translate (painter->language, (msgid))
#define TC(context, msgid) sp_catalogue_translate_context (painter->language, (context), (msgid))

typedef struct
{
  double   page_width;
  double   margin_x;
  double   margin_top;
  double   margin_bottom;
  double   content_width;
  double   logo_height;
  double   qr_size;        /* with its quiet zone */
  double   comune_size;
  double   small_size;
  double   title_size;
  double   text_size;
  double   code_size;
  double   footer_size;
  double   gap;
  gboolean two_columns;    /* fields beside the QR code (A4) */
} Geometry;

static const Geometry a4_geometry = {
  .page_width = 210 * MM,
  .margin_x = 20 * MM,
  .margin_top = 18 * MM,
  .margin_bottom = 18 * MM,
  .content_width = 170 * MM,
  .logo_height = 22 * MM,
  .qr_size = 48 * MM,
  .comune_size = 17,
  .small_size = 9.5,
  .title_size = 17,
  .text_size = 11,
  .code_size = 15,
  .footer_size = 8.5,
  .gap = 4 * MM,
  .two_columns = TRUE,
};

/* 80 mm roll: the printer reaches the middle 72 mm. */
static const Geometry roll_geometry = {
  .page_width = 80 * MM,
  .margin_x = 4 * MM,
  .margin_top = 3 * MM,
  .margin_bottom = 12 * MM,   /* feed past the tear bar */
  .content_width = 72 * MM,
  .logo_height = 14 * MM,
  .qr_size = 40 * MM,
  .comune_size = 12,
  .small_size = 7.5,
  .title_size = 11.5,
  .text_size = 9,
  .code_size = 13,
  .footer_size = 6.5,
  .gap = 2.5 * MM,
  .two_columns = FALSE,
};

typedef struct
{
  cairo_t         *cr;
  PangoContext    *context;
  const Geometry  *geometry;
  SpReceipt       *receipt;
  const char      *language;
  cairo_surface_t *logo;       /* NULL: none, or unreadable */
} Painter;

typedef struct
{
  const char *label;     /* translated */
  char       *value;     /* as printed */
  char       *spelling;  /* a code's symbols by name, or NULL */
  gboolean    code;
} Row;

static const Geometry *
get_geometry (SpReceiptPaper paper)
{
  return paper == SP_RECEIPT_PAPER_A4 ? &a4_geometry : &roll_geometry;
}

double
sp_receipt_paper_get_width (SpReceiptPaper paper)
{
  return get_geometry (paper)->page_width;
}

/* Text */

static PangoLayout *
make_layout (Painter        *painter,
             const char     *text,
             const char     *family,
             double          size,
             gboolean        bold,
             double          width,
             PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (painter->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (family);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  /* A code or a name broken over two lines must not gain a hyphen that
   * the citizen would copy. */
  {
    PangoAttrList *attributes = pango_attr_list_new ();

    pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
    if (g_str_equal (family, MONO))
      pango_attr_list_insert (attributes,
                              pango_attr_letter_spacing_new ((int) (size * CODE_LETTER_SPACING * PANGO_SCALE)));
    pango_layout_set_attributes (layout, attributes);
    pango_attr_list_unref (attributes);
  }

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Draws text at (x, y) and returns its height. */
static double
draw_text (Painter        *painter,
           const char     *text,
           const char     *family,
           double          size,
           gboolean        bold,
           double          x,
           double          y,
           double          width,
           PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0')
    return 0;

  layout = make_layout (painter, text, family, size, bold, width, alignment);
  cairo_move_to (painter->cr, x, y);
  pango_cairo_show_layout (painter->cr, layout);

  return layout_height (layout);
}

static void
draw_rule (Painter *painter,
           double   y)
{
  const Geometry *g = painter->geometry;

  cairo_save (painter->cr);
  cairo_set_line_width (painter->cr, 0.6);
  cairo_move_to (painter->cr, g->margin_x, y);
  cairo_line_to (painter->cr, g->margin_x + g->content_width, y);
  cairo_stroke (painter->cr);
  cairo_restore (painter->cr);
}

static char *
format_date (Painter    *painter,
             const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3 ||
      (date = g_date_time_new_local (year, month, day, 12, 0, 0)) == NULL)
    return g_strdup (iso_date);

  /* Translators: the date format of a receipt (strftime); keep it numeric. */
  return g_date_time_format (date, TC ("receipt date", NC_("receipt date", "%d/%m/%Y")));
}

static char *
format_issued_at (Painter *painter)
{
  gint64 issued_at = sp_receipt_get_issued_at (painter->receipt);
  g_autoptr(GDateTime) time = NULL;
  const char *format;

  if (issued_at == 0)
    time = g_date_time_new_now_local ();
  else
    time = g_date_time_new_from_unix_local (issued_at / G_USEC_PER_SEC);

  /* Translators: date and time a receipt was issued (strftime); keep it numeric. */
  format = NC_("receipt date and time", "%d/%m/%Y %H:%M");
  return g_date_time_format (time, TC ("receipt date and time", format));
}

static GArray *
collect_rows (Painter *painter)
{
  SpReceipt *receipt = painter->receipt;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  Row row;

  for (guint i = 0; i < sp_receipt_get_n_fields (receipt); i++)
    {
      const SpReceiptField *field = sp_receipt_get_field (receipt, i);

      row.label = T (field->label);
      row.code = field->type == SP_RECEIPT_FIELD_CODE;
      /* The symbols of a code, named in the receipt's language: "#" is a
       * "cancelletto" to whoever copies it. */
      row.spelling = row.code ? sp_activation_code_spell_symbols (field->value, painter->language) : NULL;
      if (field->type == SP_RECEIPT_FIELD_DATE)
        row.value = format_date (painter, field->value);
      else if (field->type == SP_RECEIPT_FIELD_MESSAGE)
        row.value = g_strdup (T (field->value));
      else
        row.value = g_strdup (field->value);
      g_array_append_val (rows, row);
    }

  row.code = FALSE;
  row.spelling = NULL;
  row.label = T (N_("Issued on"));
  row.value = format_issued_at (painter);
  g_array_append_val (rows, row);

  if (*sp_receipt_get_desk_name (receipt) != '\0')
    {
      row.label = T (N_("Desk"));
      row.value = g_strdup (sp_receipt_get_desk_name (receipt));
      g_array_append_val (rows, row);
    }

  if (*sp_receipt_get_operator_name (receipt) != '\0')
    {
      row.label = T (N_("Operator"));
      row.value = g_strdup (sp_receipt_get_operator_name (receipt));
      g_array_append_val (rows, row);
    }

  return rows;
}

static void
free_rows (GArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      g_free (g_array_index (rows, Row, i).value);
      g_free (g_array_index (rows, Row, i).spelling);
    }
  g_array_unref (rows);
}

/* Pictures */

static cairo_surface_t *
load_logo (SpReceipt *receipt)
{
  const char *path = sp_receipt_get_logo_path (receipt);
  cairo_surface_t *logo;

  if (path == NULL || *path == '\0')
    return NULL;

  logo = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (logo) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width (logo) == 0 ||
      cairo_image_surface_get_height (logo) == 0)
    {
      g_warning ("The receipt logo “%s” cannot be read as a PNG image: %s",
                 path, cairo_status_to_string (cairo_surface_status (logo)));
      cairo_surface_destroy (logo);
      return NULL;
    }

  return logo;
}

/* Draws the logo scaled to fit max_width × max_height at (x, y); returns
 * its drawn width and height. */
static void
draw_logo (Painter         *painter,
           cairo_surface_t *logo,
           double           x,
           double           y,
           double           max_width,
           double           max_height,
           double          *out_width,
           double          *out_height)
{
  double width = cairo_image_surface_get_width (logo);
  double height = cairo_image_surface_get_height (logo);
  double scale = MIN (max_width / width, max_height / height);

  cairo_save (painter->cr);
  cairo_translate (painter->cr, x, y);
  cairo_scale (painter->cr, scale, scale);
  cairo_set_source_surface (painter->cr, logo, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (painter->cr), CAIRO_FILTER_GOOD);
  cairo_paint (painter->cr);
  cairo_restore (painter->cr);

  *out_width = width * scale;
  *out_height = height * scale;
}

/* The QR code as one path of squares (no seams between modules), on a
 * white square that includes the quiet zone. On an image surface the
 * module size and position are rounded to whole pixels so that every
 * module is the same size: what a scanner reads best. Returns the size
 * actually drawn. */
static double
draw_qr (Painter          *painter,
         const SpQrMatrix *matrix,
         double            x,
         double            y,
         double            size)
{
  cairo_t *cr = painter->cr;
  int modules = matrix->size + 2 * SP_QR_QUIET_ZONE;
  double module = size / modules;
  cairo_surface_t *target = cairo_get_target (cr);

  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      double px = 1, py = 0;
      double pixels_per_unit;

      cairo_user_to_device_distance (cr, &px, &py);
      pixels_per_unit = hypot (px, py);
      if (pixels_per_unit > 0)
        {
          double module_pixels = MAX (1, floor (module * pixels_per_unit));

          module = module_pixels / pixels_per_unit;
          x += (size - module * modules) / 2;
          cairo_user_to_device (cr, &x, &y);
          x = round (x);
          y = round (y);
          cairo_device_to_user (cr, &x, &y);
        }
    }

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, module * modules, module * modules);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_new_path (cr);
  for (int row = 0; row < matrix->size; row++)
    {
      int column = 0;

      while (column < matrix->size)
        {
          int start;

          if (!sp_qr_matrix_is_dark (matrix, column, row))
            {
              column++;
              continue;
            }

          start = column;
          while (column < matrix->size && sp_qr_matrix_is_dark (matrix, column, row))
            column++;

          cairo_rectangle (cr,
                           x + (start + SP_QR_QUIET_ZONE) * module,
                           y + (row + SP_QR_QUIET_ZONE) * module,
                           (column - start) * module,
                           module);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);

  return module * modules;
}

/* The QR block: code, short code, caption; centred in width. Returns its
 * height. */
static double
draw_qr_block (Painter *painter,
               double   x,
               double   y,
               double   width)
{
  const Geometry *g = painter->geometry;
  const char *payload = sp_receipt_get_payload (painter->receipt);
  const char *short_code = sp_receipt_get_short_code (painter->receipt);
  g_autoptr(SpQrMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;
  double size = MIN (g->qr_size, width);
  double qr_x = x + (width - size) / 2;
  double top = y;

  if (payload != NULL)
    matrix = sp_qr_matrix_new (payload, &error);

  if (matrix != NULL)
    {
      y += draw_qr (painter, matrix, qr_x, y, size);
    }
  else
    {
      if (error != NULL)
        g_warning ("Cannot draw the receipt's QR code: %s", error->message);

      /* A receipt not issued yet (a preview) has no code to show. */
      cairo_save (painter->cr);
      cairo_set_line_width (painter->cr, 0.8);
      cairo_set_dash (painter->cr, (double[]) { 3, 3 }, 2, 0);
      cairo_rectangle (painter->cr, qr_x + 4, y + 4, size - 8, size - 8);
      cairo_stroke (painter->cr);
      cairo_restore (painter->cr);
      draw_text (painter, T (N_("The QR code is printed when the receipt is issued.")),
                 SANS, g->small_size, FALSE, qr_x + 8, y + size / 2 - g->small_size,
                 size - 16, PANGO_ALIGN_CENTER);
      y += size;
    }

  if (short_code != NULL)
    {
      y += draw_text (painter, short_code, MONO, g->code_size, TRUE,
                      x, y, width, PANGO_ALIGN_CENTER);
      /* Translators: printed under the QR code, below the short code. */
      y += draw_text (painter, T (N_("Receipt check code")), SANS, g->small_size, FALSE,
                      x, y, width, PANGO_ALIGN_CENTER);
    }

  return y - top;
}

/* Rows: stacked (label above value) or in two columns. */
static double
draw_rows (Painter *painter,
           GArray  *rows,
           double   x,
           double   y,
           double   width)
{
  const Geometry *g = painter->geometry;
  double label_width = g->two_columns ? MIN (48 * MM, width * 0.42) : width;
  double top = y;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      const char *family = row->code ? MONO : SANS;
      double size = row->code ? g->code_size : g->text_size;

      if (g->two_columns)
        {
          double label_height, value_height;

          label_height = draw_text (painter, row->label, SANS, g->text_size, FALSE,
                                    x, y + (row->code ? (size - g->text_size) * 0.6 : 0),
                                    label_width - 3 * MM, PANGO_ALIGN_LEFT);
          value_height = draw_text (painter, row->value, family, size, TRUE,
                                    x + label_width, y, width - label_width, PANGO_ALIGN_LEFT);
          if (row->spelling != NULL)
            value_height += draw_text (painter, row->spelling, SANS, g->small_size, FALSE,
                                       x + label_width, y + value_height, width - label_width,
                                       PANGO_ALIGN_LEFT);
          y += MAX (label_height, value_height) + 1.8 * MM;
        }
      else
        {
          y += draw_text (painter, row->label, SANS, g->small_size, FALSE,
                          x, y, width, PANGO_ALIGN_LEFT);
          y += draw_text (painter, row->value, family, size, TRUE,
                          x, y, width, PANGO_ALIGN_LEFT);
          if (row->spelling != NULL)
            y += draw_text (painter, row->spelling, SANS, g->small_size, FALSE,
                            x, y, width, PANGO_ALIGN_LEFT);
          y += 1.2 * MM;
        }
    }

  return y - top;
}

static char *
footer_text (Painter *painter)
{
  const char *custom = sp_receipt_get_footer (painter->receipt);

  if (custom != NULL && *custom != '\0')
    return g_strdup (custom);

  return g_strdup_printf ("%s\n%s",
                          T (N_("Your personal data are processed by the Comune only to provide this service, "
                                "under the EU General Data Protection Regulation (2016/679). For information, "
                                "or to exercise your rights, ask at the counter or contact the Comune's data "
                                "protection officer.")),
                          T (N_("The QR code holds no personal data: it lets any office of the Comune "
                                "check that this receipt is authentic.")));
}

/* The comune as it names itself: the setting may hold the bare name
 * ("Santarcangelo di Romagna") or the full one ("Città di Torino"). This is
 * a proper name, the same on an Italian and an English receipt. */
static char *
comune_heading (SpReceipt *receipt)
{
  const char *name = sp_receipt_get_comune_name (receipt);

  if (name == NULL || *name == '\0')
    return NULL;

  if (g_ascii_strncasecmp (name, "Comune ", 7) == 0 ||
      g_str_has_prefix (name, "Città ") ||
      g_str_has_prefix (name, "CITTÀ "))
    return g_strdup (name);

  return g_strdup_printf ("Comune di %s", name);
}

/* Lays out and draws the page; returns the bottom of the content. */
static double
draw_page (Painter *painter,
           double   page_height)
{
  const Geometry *g = painter->geometry;
  SpReceipt *receipt = painter->receipt;
  PangoAlignment header_alignment = g->two_columns ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER;
  cairo_surface_t *logo = painter->logo;
  double x = g->margin_x;
  double width = g->content_width;
  double y = g->margin_top;
  double text_x = x;
  double text_width = width;
  double header_top = y;
  double logo_height = 0;
  g_autofree char *footer = NULL;
  g_autofree char *heading = comune_heading (receipt);
  GArray *rows;

  cairo_set_source_rgb (painter->cr, 0, 0, 0);

  /* Header: logo, comune, address. */
  if (logo != NULL)
    {
      double logo_width;

      if (g->two_columns)
        {
          draw_logo (painter, logo, x, y, 45 * MM, g->logo_height, &logo_width, &logo_height);
          text_x = x + logo_width + 5 * MM;
          text_width = width - logo_width - 5 * MM;
        }
      else
        {
          double w = cairo_image_surface_get_width (logo);
          double h = cairo_image_surface_get_height (logo);
          double scale = MIN (width / w, g->logo_height / h);

          draw_logo (painter, logo, x + (width - w * scale) / 2, y, width, g->logo_height,
                     &logo_width, &logo_height);
          y += logo_height + 1.5 * MM;
        }
    }

  if (g->two_columns && logo_height > 0)
    y += MAX (0, (logo_height - g->comune_size * 2.6) / 2);
  y += draw_text (painter, heading, SANS, g->comune_size, TRUE,
                  text_x, y, text_width, header_alignment);
  y += draw_text (painter, sp_receipt_get_comune_address (receipt), SANS, g->small_size, FALSE,
                  text_x, y, text_width, header_alignment);
  if (g->two_columns)
    y = MAX (y, header_top + logo_height);

  y += g->gap / 2;
  draw_rule (painter, y);
  y += g->gap;

  /* Title, and the duplicate mark. */
  y += draw_text (painter, T (sp_receipt_kind_get_title (sp_receipt_get_kind (receipt))),
                  SANS, g->title_size, TRUE, x, y, width, header_alignment);
  y += g->gap;

  if (sp_receipt_is_duplicate (receipt))
    {
      g_autofree char *mark = NULL;
      double height;

      /* Translators: printed in a box on a reprinted receipt; %u is which copy (2, 3 …). */
      mark = g_strdup_printf (T (N_("DUPLICATE — copy %u")), sp_receipt_get_copy (receipt));
      {
        g_autoptr(PangoLayout) layout = make_layout (painter, mark, SANS, g->text_size * 1.1, TRUE,
                                                     width - 4 * MM, PANGO_ALIGN_CENTER);
        height = layout_height (layout) + 2 * MM;
        cairo_save (painter->cr);
        cairo_set_line_width (painter->cr, 1.5);
        cairo_rectangle (painter->cr, x + 0.75, y, width - 1.5, height);
        cairo_stroke (painter->cr);
        cairo_restore (painter->cr);
        cairo_move_to (painter->cr, x + 2 * MM, y + 1 * MM);
        pango_cairo_show_layout (painter->cr, layout);
      }
      y += height + g->gap;
    }

  /* Fields, and the QR code: beside them on A4, below them on the roll. */
  rows = collect_rows (painter);
  if (g->two_columns)
    {
      double fields_width = width - g->qr_size - 8 * MM;
      double fields_height = draw_rows (painter, rows, x, y, fields_width);
      double qr_height = draw_qr_block (painter, x + width - g->qr_size, y, g->qr_size);

      y += MAX (fields_height, qr_height) + g->gap;
    }
  else
    {
      y += draw_rows (painter, rows, x, y, width);
      y += g->gap / 2;
      y += draw_qr_block (painter, x, y, width);
      y += g->gap;
    }
  free_rows (rows);

  /* Footer: at the foot of an A4 page, straight after the content on the roll. */
  footer = footer_text (painter);
  {
    g_autoptr(PangoLayout) layout = make_layout (painter, footer, SANS, g->footer_size, FALSE,
                                                 width, PANGO_ALIGN_LEFT);
    double height = layout_height (layout);
    double footer_y = y;

    if (page_height > 0 && g->two_columns)
      footer_y = MAX (y, page_height - g->margin_bottom - height);

    draw_rule (painter, footer_y);
    cairo_move_to (painter->cr, x, footer_y + 1.5 * MM);
    pango_cairo_show_layout (painter->cr, layout);
    y = footer_y + 1.5 * MM + height;
  }

  return y;
}

static void
render (SpReceipt       *receipt,
        cairo_t         *cr,
        SpReceiptPaper   paper,
        cairo_surface_t *logo,
        double           page_height,
        double          *out_bottom)
{
  PangoContext *context;
  cairo_font_options_t *options;
  Painter painter = { 0 };
  double bottom;

  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  painter.cr = cr;
  painter.context = context;
  painter.geometry = get_geometry (paper);
  painter.receipt = receipt;
  painter.language = sp_receipt_get_language (receipt);
  painter.logo = logo;

  cairo_save (cr);
  bottom = draw_page (&painter, page_height);
  cairo_restore (cr);
  g_object_unref (context);

  if (out_bottom != NULL)
    *out_bottom = bottom;
}

static double
measure_height (SpReceipt       *receipt,
                SpReceiptPaper   paper,
                cairo_surface_t *logo)
{
  const Geometry *g = get_geometry (paper);
  cairo_surface_t *surface;
  cairo_t *cr;
  double bottom = 0;

  if (paper == SP_RECEIPT_PAPER_A4)
    return 297 * MM;

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  render (receipt, cr, paper, logo, 0, &bottom);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return ceil (bottom + g->margin_bottom);
}

double
sp_receipt_render_measure_height (SpReceipt      *receipt,
                                  SpReceiptPaper  paper)
{
  cairo_surface_t *logo;
  double height;

  g_return_val_if_fail (SP_IS_RECEIPT (receipt), 0);

  logo = load_logo (receipt);
  height = measure_height (receipt, paper, logo);
  g_clear_pointer (&logo, cairo_surface_destroy);

  return height;
}

void
sp_receipt_render (SpReceipt      *receipt,
                   cairo_t        *cr,
                   SpReceiptPaper  paper)
{
  cairo_surface_t *logo;

  g_return_if_fail (SP_IS_RECEIPT (receipt));
  g_return_if_fail (cr != NULL);

  logo = load_logo (receipt);
  render (receipt, cr, paper, logo, measure_height (receipt, paper, logo), NULL);
  g_clear_pointer (&logo, cairo_surface_destroy);
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  if (path != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The receipt could not be written to “%s”: %s."),
                 path, cairo_status_to_string (status));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The receipt could not be drawn: %s."), cairo_status_to_string (status));
  return FALSE;
}

gboolean
sp_receipt_render_to_pdf (SpReceipt       *receipt,
                          SpReceiptPaper   paper,
                          const char      *path,
                          GError         **error)
{
  double width = sp_receipt_paper_get_width (paper);
  double height;
  cairo_surface_t *surface;
  cairo_surface_t *logo;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (SP_IS_RECEIPT (receipt), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create (path, width, 297 * MM);
  if (!check_status (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  logo = load_logo (receipt);
  height = measure_height (receipt, paper, logo);
  cairo_pdf_surface_set_size (surface, width, height);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  sp_catalogue_translate (sp_receipt_get_language (receipt),
                                                        sp_receipt_kind_get_title (sp_receipt_get_kind (receipt))));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Sportello " PACKAGE_VERSION);

  cr = cairo_create (surface);
  render (receipt, cr, paper, logo, height, NULL);
  g_clear_pointer (&logo, cairo_surface_destroy);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_status (status, path, error);
}

cairo_surface_t *
sp_receipt_render_to_image (SpReceipt      *receipt,
                            SpReceiptPaper  paper,
                            double          dpi,
                            GError        **error)
{
  double scale = dpi / 72.0;
  double height_pt;
  cairo_surface_t *surface;
  cairo_surface_t *logo;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (SP_IS_RECEIPT (receipt), NULL);
  g_return_val_if_fail (dpi >= 36 && dpi <= 1200, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  logo = load_logo (receipt);
  height_pt = measure_height (receipt, paper, logo);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (sp_receipt_paper_get_width (paper) * scale),
                                        (int) ceil (height_pt * scale));
  if (!check_status (cairo_surface_status (surface), NULL, error))
    {
      g_clear_pointer (&logo, cairo_surface_destroy);
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  render (receipt, cr, paper, logo, height_pt, NULL);
  g_clear_pointer (&logo, cairo_surface_destroy);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (!check_status (status, NULL, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  return surface;
}

gboolean
sp_receipt_render_to_png (SpReceipt       *receipt,
                          SpReceiptPaper   paper,
                          double           dpi,
                          const char      *path,
                          GError         **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (SP_IS_RECEIPT (receipt), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = sp_receipt_render_to_image (receipt, paper, dpi, error);
  if (surface == NULL)
    return FALSE;

  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  return check_status (status, path, error);
}
