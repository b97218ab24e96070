/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-page.c — the base of every view over the context */

#define G_LOG_DOMAIN "sp-page"

#include "config.h"

#include "sp-construct-property.h"
#include "sp-page.h"
#include "sp-pending-write.h"
#include "sp-receipt-print.h"
#include "sp-toast.h"

typedef struct
{
  SpContext      *context;
  gulong          other_desks_id;
  SpPendingWrite *pending_write;
} SpPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SpPage, sp_page, GTK_TYPE_WIDGET)

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

  g_clear_pointer (&priv->pending_write, sp_pending_write_free);
  sp_construct_properties_clear (object, SP_TYPE_PAGE);

  G_OBJECT_CLASS (sp_page_parent_class)->finalize (object);
}

/* Another desk booked, called, counted…: a page showing shared data
 * shows it now, as it does each time it is shown. */
static void
on_job_done_cb (SpMaintenance    *maintenance,
                SpMaintenanceJob  job,
                guint             changed,
                const GError     *error,
                SpPage           *self)
{
  if (job == SP_MAINTENANCE_OTHER_DESKS && changed > 0)
    sp_page_reload (self);
}

static void
sp_page_map (GtkWidget *widget)
{
  SpPage *self = SP_PAGE (widget);
  SpPagePrivate *priv = sp_page_get_instance_private (self);

  GTK_WIDGET_CLASS (sp_page_parent_class)->map (widget);

  if (!SP_PAGE_GET_CLASS (widget)->reload_on_map)
    return;
  sp_page_reload (self);

  if (SP_PAGE_GET_CLASS (widget)->reload_on_change &&
      priv->context != NULL && sp_context_get_maintenance (priv->context) != NULL)
    priv->other_desks_id = g_signal_connect_object (sp_context_get_maintenance (priv->context), "job-done",
                                                    G_CALLBACK (on_job_done_cb), self, 0);
}

static void
sp_page_unmap (GtkWidget *widget)
{
  SpPagePrivate *priv = sp_page_get_instance_private (SP_PAGE (widget));

  if (priv->other_desks_id != 0 && priv->context != NULL)
    g_clear_signal_handler (&priv->other_desks_id, sp_context_get_maintenance (priv->context));

  GTK_WIDGET_CLASS (sp_page_parent_class)->unmap (widget);
}

static void
sp_page_class_init (SpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_page_dispose;
  object_class->finalize = sp_page_finalize;
  sp_construct_property_install (object_class, "context", SP_TYPE_CONTEXT,
                                 G_PRIVATE_OFFSET (SpPage, context));
  widget_class->map = sp_page_map;
  widget_class->unmap = sp_page_unmap;

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

const char *
sp_page_begin_write (SpPage     *self,
                     const char *input)
{
  SpPagePrivate *priv;

  g_return_val_if_fail (SP_IS_PAGE (self), NULL);

  priv = sp_page_get_instance_private (self);
  if (priv->pending_write == NULL)
    priv->pending_write = sp_pending_write_new ();
  return sp_pending_write_uuid (priv->pending_write, input);
}

void
sp_page_end_write (SpPage       *self,
                   const GError *error)
{
  SpPagePrivate *priv;

  g_return_if_fail (SP_IS_PAGE (self));

  priv = sp_page_get_instance_private (self);
  if (priv->pending_write != NULL)
    sp_pending_write_settle (priv->pending_write, error);
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
