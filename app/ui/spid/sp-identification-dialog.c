/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-dialog.c — one identification, with its receipt */
#define G_LOG_DOMAIN "sp-identification-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-document.h"
#include "sp-identification.h"
#include "sp-identification-dialog.h"
#include "sp-receipt-print.h"
#include "sp-toast.h"

typedef struct
{
  SpWindow *window;
  char     *uuid;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_clear_object (&data->window);
  g_free (data->uuid);
  g_free (data);
}

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (usec == 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

static void
reprint (GtkWidget  *widget,
         DialogData *data)
{
  g_autoptr(GError) error = NULL;

  if (!sp_receipt_print_duplicate (widget, sp_window_get_context (data->window),
                                   SP_RECEIPT_KIND_SPID_IDENTIFICATION, data->uuid, &error))
    {
      sp_toast_show (GTK_WIDGET (data->window),
                     error != NULL ? error->message : _("The receipt cannot be printed."));
      return;
    }
  sp_toast_show (GTK_WIDGET (data->window), _("Receipt reprinted as a duplicate."));
}

static void
on_reprint_clicked_cb (GtkButton  *button,
                       DialogData *data)
{
  reprint (GTK_WIDGET (button), data);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   DialogData            *data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval == GDK_KEY_Escape)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return TRUE;
    }
  if ((keyval == GDK_KEY_p || keyval == GDK_KEY_P) && (state & GDK_CONTROL_MASK) &&
      g_object_get_data (G_OBJECT (widget), "can-reprint") != NULL)
    {
      reprint (widget, data);
      return TRUE;
    }
  return FALSE;
}

gboolean
sp_identification_dialog_open (SpWindow   *window,
                               const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *created = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *expires = NULL;
  SpStore *store;
  GtkWidget *dialog, *box, *header, *page, *group;
  GtkEventController *keys;
  DialogData *data;
  SpDocumentType type;

  g_return_val_if_fail (SP_IS_WINDOW (window), FALSE);

  store = sp_context_get_store (sp_window_get_context (window));
  id = sp_identification_load (store, uuid, &error);
  if (id == NULL)
    return FALSE;

  data = g_new0 (DialogData, 1);
  data->window = g_object_ref (window);
  data->uuid = g_strdup (uuid);

  name = sp_identification_dup_display_name (id);
  dialog = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 640);
  gtk_window_set_title (GTK_WINDOW (dialog), *name != '\0' ? name : _("Identification"));
  g_object_set_data_full (G_OBJECT (dialog), "data", data, (GDestroyNotify) dialog_data_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (dialog), box);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("SPID identification"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  add_row (group, _("State"), sp_identification_state_get_label (sp_identification_get_state (id)));
  add_row (group, _("Channel"), sp_identification_get_channel (id) == SP_IDENTIFICATION_CHANNEL_RAO
                                ? _("RAO pubblico") : _("Partner counter of an identity provider"));
  add_row (group, _("Identity provider"), sp_identification_get_field (id, SP_ID_PROVIDER));
  add_row (group, _("Provider request code"), sp_identification_get_field (id, SP_ID_PROVIDER_REQUEST_CODE));
  created = format_time (sp_identification_get_created_at (id));
  completed = format_time (sp_identification_get_completed_at (id));
  expires = format_time (sp_identification_get_expires_at (id));
  add_row (group, _("Started"), created);
  add_row (group, _("Completed"), completed);
  add_row (group, _("Activation deadline"), expires);
  add_row (group, _("First half of the code"), sp_identification_get_code_first_half (id));
  if (sp_identification_get_refusal_reason (id) != NULL)
    {
      const SpRefusalReason *reasons;
      guint n;

      reasons = sp_identification_get_refusal_reasons (&n);
      for (guint i = 0; i < n; i++)
        if (g_str_equal (reasons[i].id, sp_identification_get_refusal_reason (id)))
          add_row (group, _("Reason for the refusal"), _(reasons[i].label));
      add_row (group, _("Details of the refusal"), sp_identification_get_refusal_note (id));
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Citizen"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  add_row (group, _("Codice fiscale"), sp_identification_get_field (id, SP_ID_CODICE_FISCALE));
  add_row (group, _("Surname"), sp_identification_get_field (id, SP_ID_SURNAME));
  add_row (group, _("Name"), sp_identification_get_field (id, SP_ID_NAME));
  add_row (group, _("Date of birth"), sp_identification_get_field (id, SP_ID_BIRTH_DATE));
  add_row (group, _("Place of birth"), sp_identification_get_field (id, SP_ID_BIRTH_PLACE));
  if (sp_document_type_from_string (sp_identification_get_field (id, SP_ID_DOCUMENT_TYPE), &type))
    {
      g_autofree char *doc = g_strdup_printf ("%s %s", _(sp_document_type_get_name (type)),
                                              sp_identification_get_field (id, SP_ID_DOCUMENT_NUMBER));
      add_row (group, _("Document"), doc);
    }
  add_row (group, _("Email"), sp_identification_get_field (id, SP_ID_EMAIL));
  add_row (group, _("Mobile phone"), sp_identification_get_field (id, SP_ID_MOBILE));

  receipt = sp_receipt_load_for_record (store, SP_RECEIPT_KIND_SPID_IDENTIFICATION, uuid, NULL);
  if (receipt != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Reprint Receipt"));

      gtk_widget_set_tooltip_text (button, _("Print a duplicate of the receipt (Ctrl+P)"));
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (on_reprint_clicked_cb), data);
      group = adw_preferences_group_new ();
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
      g_object_set_data (G_OBJECT (dialog), "can-reprint", GINT_TO_POINTER (1));
    }

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), data);
  gtk_widget_add_controller (dialog, keys);

  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}
