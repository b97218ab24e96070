/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-form.c — accessible names and inline errors for form rows */
#define G_LOG_DOMAIN "sp-form"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-entry-row.h"
#include "sp-form.h"

void
sp_form_name_entry_row (AdwEntryRow *row)
{
  GtkEditable *delegate;
  const char *title;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (delegate != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

void
sp_form_set_row_error (GtkWidget  *row,
                       const char *message)
{
  GtkWidget *target = row;

  g_return_if_fail (GTK_IS_WIDGET (row));

  if (SP_IS_ENTRY_ROW (row))
    {
      sp_entry_row_set_error (SP_ENTRY_ROW (row), message);
      return;
    }

  if (ADW_IS_ENTRY_ROW (row) && gtk_editable_get_delegate (GTK_EDITABLE (row)) != NULL)
    target = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

char *
sp_form_dup_text (GtkEditable *editable)
{
  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* adw_message_dialog_response () only emits "response"; the dialog's
 * buttons also close it, so this does too. */
static gboolean
respond_idle_cb (gpointer data)
{
  AdwMessageDialog *dialog = data;
  const char *response = adw_message_dialog_get_default_response (dialog);

  /* Hidden: already answered (Enter pressed twice, or a click). */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)) && response != NULL
      && adw_message_dialog_get_response_enabled (dialog, response))
    {
      adw_message_dialog_response (dialog, response);
      if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
        gtk_window_close (GTK_WINDOW (dialog));
    }
  return G_SOURCE_REMOVE;
}

static void
on_password_activate_cb (GtkPasswordEntry *entry,
                         AdwMessageDialog *dialog)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, respond_idle_cb, g_object_ref (dialog), g_object_unref);
}

/* GTK 4.8's GtkPasswordEntry watches the focus of the text inside it and
 * does not stop when it is disposed: if that text still has the focus when
 * the dialog goes, the window's next focus change runs on the freed entry.
 * The focus leaves before the dialog closes. */
static gboolean
on_dialog_close_request_cb (GtkWindow *dialog)
{
  gtk_window_set_focus (dialog, NULL);
  return FALSE;
}

void
sp_form_answer_on_activate (GtkWidget        *entry,
                            AdwMessageDialog *dialog)
{
  g_return_if_fail (GTK_IS_PASSWORD_ENTRY (entry));
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  g_signal_connect_object (entry, "activate", G_CALLBACK (on_password_activate_cb), dialog, 0);
  if (g_object_get_data (G_OBJECT (dialog), "sp-form-focus-guard") == NULL)
    {
      g_signal_connect (dialog, "close-request", G_CALLBACK (on_dialog_close_request_cb), NULL);
      g_object_set_data (G_OBJECT (dialog), "sp-form-focus-guard", GINT_TO_POINTER (TRUE));
    }
}

AdwMessageDialog *
sp_form_entry_dialog_new (GtkWidget  *widget,
                          const char *heading,
                          GtkWidget  *entry,
                          const char *entry_name,
                          const char *response,
                          const char *response_label)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       heading, NULL));
  if (GTK_IS_ENTRY (entry))
    gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  else if (GTK_IS_PASSWORD_ENTRY (entry))
    sp_form_answer_on_activate (entry, dialog);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, entry_name, -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, response_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);

  return dialog;
}

void
sp_form_entry_dialog_present (AdwMessageDialog *dialog)
{
  GtkWidget *entry;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_signal_emit_by_name (entry, "changed");
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
