/* sp-form.c — accessible names and inline errors for form rows */
#define G_LOG_DOMAIN "sp-form"

#include "config.h"

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
