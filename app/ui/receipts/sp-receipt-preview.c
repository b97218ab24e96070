/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-preview.c — the receipt on screen
 *
 * Draws the page with sp_receipt_render() scaled to the widget's width
 * (height for width), on white with a thin frame, as it will come out of
 * the printer. An image for assistive technologies, named "Receipt
 * preview" and described by the receipt's title and check code.
 */
#define G_LOG_DOMAIN "sp-receipt-preview"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sp-enum.h"
#include "sp-receipt-preview.h"

#define PIXELS_PER_POINT (96.0 / 72.0)
#define FRAME 1.0

struct _SpReceiptPreview
{
  GtkWidget       parent_instance;

  /* owned references */
  SpReceipt      *receipt;

  SpReceiptPaper  paper;
  double          page_height;   /* points; 0 until measured */
};

G_DEFINE_FINAL_TYPE (SpReceiptPreview, sp_receipt_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECEIPT,
  PROP_PAPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
get_page_height (SpReceiptPreview *self)
{
  if (self->receipt == NULL)
    return sp_receipt_paper_get_width (self->paper) * 1.4;

  if (self->page_height <= 0)
    self->page_height = sp_receipt_render_measure_height (self->receipt, self->paper);

  return self->page_height;
}

static void
update_description (SpReceiptPreview *self)
{
  g_autofree char *description = NULL;

  if (self->receipt != NULL && sp_receipt_get_short_code (self->receipt) != NULL)
    /* Translators: read by a screen reader for the receipt preview: the receipt's title, and its check code. */
    description = g_strdup_printf (_("%s, check code %s"),
                                   _(sp_receipt_kind_get_title (sp_receipt_get_kind (self->receipt))),
                                   sp_receipt_get_short_code (self->receipt));
  else if (self->receipt != NULL)
    description = g_strdup (_(sp_receipt_kind_get_title (sp_receipt_get_kind (self->receipt))));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No receipt"),
                                  -1);
}

static void
invalidate (SpReceiptPreview *self)
{
  self->page_height = 0;
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static GtkSizeRequestMode
sp_receipt_preview_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sp_receipt_preview_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  SpReceiptPreview *self = SP_RECEIPT_PREVIEW (widget);
  double page_width = sp_receipt_paper_get_width (self->paper);
  double page_height = get_page_height (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Natural: the paper's real size on a 96 dpi screen. */
      *minimum = 120;
      *natural = (int) ceil (page_width * PIXELS_PER_POINT + 2 * FRAME);
    }
  else
    {
      double width = for_size > 0 ? for_size - 2 * FRAME : page_width * PIXELS_PER_POINT;
      int height = (int) ceil (width * page_height / page_width + 2 * FRAME);

      *minimum = height;
      *natural = height;
    }
}

static void
sp_receipt_preview_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SpReceiptPreview *self = SP_RECEIPT_PREVIEW (widget);
  double page_width = sp_receipt_paper_get_width (self->paper);
  double page_height = get_page_height (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale;
  double drawn_width, drawn_height;
  double x, y;
  cairo_t *cr;

  if (width <= 2 * FRAME || height <= 2 * FRAME)
    return;

  scale = MIN ((width - 2 * FRAME) / page_width, (height - 2 * FRAME) / page_height);
  drawn_width = page_width * scale;
  drawn_height = page_height * scale;
  x = floor ((width - drawn_width) / 2);
  y = FRAME;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (x - FRAME, y - FRAME,
                                                       drawn_width + 2 * FRAME,
                                                       drawn_height + 2 * FRAME));

  /* The paper: white, whatever the theme, with a thin grey edge. */
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_rectangle (cr, x - FRAME, y - FRAME, drawn_width + 2 * FRAME, drawn_height + 2 * FRAME);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, drawn_width, drawn_height);
  cairo_fill (cr);

  if (self->receipt != NULL)
    {
      cairo_rectangle (cr, x, y, drawn_width, drawn_height);
      cairo_clip (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, scale, scale);
      sp_receipt_render (self->receipt, cr, self->paper);
    }

  cairo_destroy (cr);
}

static void
sp_receipt_preview_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SpReceiptPreview *self = SP_RECEIPT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_RECEIPT:
      g_value_set_object (value, self->receipt);
      break;

    case PROP_PAPER:
      g_value_set_enum (value, self->paper);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_receipt_preview_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SpReceiptPreview *self = SP_RECEIPT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_RECEIPT:
      sp_receipt_preview_set_receipt (self, g_value_get_object (value));
      break;

    case PROP_PAPER:
      sp_receipt_preview_set_paper (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_receipt_preview_dispose (GObject *object)
{
  SpReceiptPreview *self = SP_RECEIPT_PREVIEW (object);

  g_clear_object (&self->receipt);

  G_OBJECT_CLASS (sp_receipt_preview_parent_class)->dispose (object);
}

static void
sp_receipt_preview_class_init (SpReceiptPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_receipt_preview_dispose;
  object_class->get_property = sp_receipt_preview_get_property;
  object_class->set_property = sp_receipt_preview_set_property;

  widget_class->get_request_mode = sp_receipt_preview_get_request_mode;
  widget_class->measure = sp_receipt_preview_measure;
  widget_class->snapshot = sp_receipt_preview_snapshot;

  properties[PROP_RECEIPT] =
    g_param_spec_object ("receipt", NULL, NULL,
                         SP_TYPE_RECEIPT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PAPER] =
    g_param_spec_enum ("paper", NULL, NULL,
                       SP_TYPE_RECEIPT_PAPER, SP_RECEIPT_PAPER_ROLL_80MM,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "receipt-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_receipt_preview_init (SpReceiptPreview *self)
{
  self->paper = SP_RECEIPT_PAPER_ROLL_80MM;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Receipt preview"),
                                  -1);
  update_description (self);
}

GtkWidget *
sp_receipt_preview_new (void)
{
  return g_object_new (SP_TYPE_RECEIPT_PREVIEW, NULL);
}

SpReceipt *
sp_receipt_preview_get_receipt (SpReceiptPreview *self)
{
  g_return_val_if_fail (SP_IS_RECEIPT_PREVIEW (self), NULL);

  return self->receipt;
}

void
sp_receipt_preview_set_receipt (SpReceiptPreview *self,
                                SpReceipt        *receipt)
{
  g_return_if_fail (SP_IS_RECEIPT_PREVIEW (self));
  g_return_if_fail (receipt == NULL || SP_IS_RECEIPT (receipt));

  if (!g_set_object (&self->receipt, receipt))
    return;

  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIPT]);
}

SpReceiptPaper
sp_receipt_preview_get_paper (SpReceiptPreview *self)
{
  g_return_val_if_fail (SP_IS_RECEIPT_PREVIEW (self), SP_RECEIPT_PAPER_ROLL_80MM);

  return self->paper;
}

void
sp_receipt_preview_set_paper (SpReceiptPreview *self,
                              SpReceiptPaper    paper)
{
  g_return_if_fail (SP_IS_RECEIPT_PREVIEW (self));

  if (self->paper == paper)
    return;

  self->paper = paper;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}
