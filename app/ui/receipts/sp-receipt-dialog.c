/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-dialog.c — shows a receipt brought back to the desk */
#define G_LOG_DOMAIN "sp-receipt-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-receipt-dialog.h"
#include "sp-receipt-preview.h"
#include "sp-receipt-print.h"
#include "sp-toast.h"

struct _SpReceiptDialog
{
  AdwWindow         parent_instance;

  SpWindow         *window;      /* unowned: the dialog is transient for it */
  SpReceipt        *receipt;
  SpReceiptPreview *preview;
  GtkLabel         *copies_label;
};

G_DEFINE_FINAL_TYPE (SpReceiptDialog, sp_receipt_dialog, ADW_TYPE_WINDOW)

static void
update_copies (SpReceiptDialog *self)
{
  g_autofree char *text = NULL;
  guint count = sp_receipt_get_print_count (self->receipt);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed once", "Printed %u times", count),
                          count);
  gtk_label_set_text (self->copies_label, text);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpReceiptDialog *self = SP_RECEIPT_DIALOG (widget);
  SpContext *context = sp_window_get_context (self->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReceipt) copy = NULL;

  if (self->receipt == NULL)
    return;

  /* This very receipt, not the record's latest: the clerk holds it. */
  copy = sp_receipt_print_reprint (GTK_WIDGET (self), context, self->receipt, &error);
  if (copy == NULL)
    {
      sp_toast_show (GTK_WIDGET (self->window), error->message);
      return;
    }

  g_set_object (&self->receipt, copy);
  sp_receipt_preview_set_receipt (self->preview, copy);
  update_copies (self);
}

static void
sp_receipt_dialog_dispose (GObject *object)
{
  SpReceiptDialog *self = (SpReceiptDialog *)object;

  g_clear_object (&self->receipt);

  G_OBJECT_CLASS (sp_receipt_dialog_parent_class)->dispose (object);
}

static void
sp_receipt_dialog_class_init (SpReceiptDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_receipt_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "receipt.reprint", NULL, reprint_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "receipt.reprint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_receipt_dialog_init (SpReceiptDialog *self)
{
}

GtkWidget *
sp_receipt_dialog_new (SpWindow   *window,
                       SpReceipt  *receipt,
                       gboolean    authentic,
                       const char *message)
{
  SpReceiptDialog *self;
  GtkWidget *box, *header, *status, *list, *content, *button, *scroller;

  g_return_val_if_fail (SP_IS_WINDOW (window), NULL);

  self = g_object_new (SP_TYPE_RECEIPT_DIALOG,
                       "transient-for", window,
                       "modal", TRUE,
                       "default-width", 560,
                       "default-height", receipt != NULL ? 720 : 200,
                       "title", authentic ? _("Authentic Receipt") : _("Receipt Not Authentic"),
                       NULL);
  self->window = window;
  self->receipt = receipt != NULL ? g_object_ref (receipt) : NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);

  /* Said in words and with an icon, never by colour alone. */
  status = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (status),
                                 authentic ? _("Authentic: issued by this comune") : _("Not authentic"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (status), message != NULL ? message : "");
  adw_action_row_add_prefix (ADW_ACTION_ROW (status),
                             gtk_image_new_from_icon_name (authentic ? "emblem-ok-symbolic"
                                                                     : "dialog-warning-symbolic"));
  gtk_widget_add_css_class (status, authentic ? "success" : "error");
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), status);
  gtk_box_append (GTK_BOX (content), list);

  if (receipt != NULL)
    {
      self->copies_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->copies_label, 0);
      gtk_widget_add_css_class (GTK_WIDGET (self->copies_label), "dim-label");
      gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->copies_label));
      update_copies (self);

      self->preview = SP_RECEIPT_PREVIEW (sp_receipt_preview_new ());
      sp_receipt_preview_set_receipt (self->preview, receipt);
      sp_receipt_preview_set_paper (self->preview, sp_window_get_paper (window));
      scroller = gtk_scrolled_window_new ();
      gtk_widget_set_vexpand (scroller, TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->preview));
      gtk_box_append (GTK_BOX (content), scroller);

      button = gtk_button_new_with_mnemonic (_("_Reprint (Ctrl+P)"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "receipt.reprint");
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (content), button);
    }

  adw_window_set_content (ADW_WINDOW (self), box);
  return GTK_WIDGET (self);
}
