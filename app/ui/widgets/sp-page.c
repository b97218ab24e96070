/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-page.c — the base of every view over the context */

#define G_LOG_DOMAIN "sp-page"

#include "config.h"

#include "sp-page.h"
#include "sp-receipt-print.h"
#include "sp-toast.h"

typedef struct
{
  SpContext *context;
} SpPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SpPage, sp_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sp_page_dispose (GObject *object)
{
  GtkWidget *child;

  /* Children a subclass added by hand; templates dispose their own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sp_page_parent_class)->dispose (object);
}

static void
sp_page_finalize (GObject *object)
{
  SpPagePrivate *priv = sp_page_get_instance_private (SP_PAGE (object));

  g_clear_object (&priv->context);

  G_OBJECT_CLASS (sp_page_parent_class)->finalize (object);
}

static void
sp_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SpPagePrivate *priv = sp_page_get_instance_private (SP_PAGE (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SpPagePrivate *priv = sp_page_get_instance_private (SP_PAGE (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_page_class_init (SpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_page_dispose;
  object_class->finalize = sp_page_finalize;
  object_class->get_property = sp_page_get_property;
  object_class->set_property = sp_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_page_init (SpPage *self)
{
}

SpContext *
sp_page_get_context (SpPage *self)
{
  SpPagePrivate *priv;

  g_return_val_if_fail (SP_IS_PAGE (self), NULL);

  priv = sp_page_get_instance_private (self);
  return priv->context;
}

SpStore *
sp_page_get_store (SpPage *self)
{
  g_return_val_if_fail (SP_IS_PAGE (self), NULL);

  return sp_context_get_store (sp_page_get_context (self));
}

void
sp_page_reload (SpPage *self)
{
  g_return_if_fail (SP_IS_PAGE (self));

  if (SP_PAGE_GET_CLASS (self)->reload != NULL)
    SP_PAGE_GET_CLASS (self)->reload (self);
}

void
sp_page_show_toast (SpPage     *self,
                    const char *message)
{
  g_return_if_fail (SP_IS_PAGE (self));

  sp_toast_show (GTK_WIDGET (self), message);
}

void
sp_page_show_error (SpPage       *self,
                    const GError *error,
                    const char   *fallback)
{
  g_return_if_fail (SP_IS_PAGE (self));

  sp_toast_show (GTK_WIDGET (self), error != NULL ? error->message : fallback);
}

gboolean
sp_page_issue_and_print_receipt (SpPage     *self,
                                 SpReceipt  *receipt,
                                 GError    **error)
{
  g_return_val_if_fail (SP_IS_PAGE (self), FALSE);

  return sp_receipt_print_issue (GTK_WIDGET (self), sp_page_get_context (self),
                                 receipt, error);
}

gboolean
sp_page_reprint_receipt (SpPage         *self,
                         SpReceiptKind   kind,
                         const char     *record_uuid,
                         GError        **error)
{
  g_return_val_if_fail (SP_IS_PAGE (self), FALSE);

  return sp_receipt_print_duplicate (GTK_WIDGET (self), sp_page_get_context (self),
                                     kind, record_uuid, error);
}
