/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bundle-export.c — "Bring Records Back" on a pop-up desk's laptop */

#define G_LOG_DOMAIN "sp-bundle-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sp-bundle-export.h"
#include "sp-bundle.h"
#include "sp-setting-keys.h"
#include "sp-toast.h"

gboolean
sp_bundle_export_is_possible (SpContext *context)
{
  g_autofree char *desk = NULL;

  g_return_val_if_fail (SP_IS_CONTEXT (context), FALSE);

  desk = sp_store_get_setting (sp_context_get_store (context), SP_SETTING_POPUP_DESK);
  return desk != NULL;
}

static gint64
count_records (const SpBundleSummary *summary)
{
  g_autoptr(GList) tables = json_object_get_members (summary->counts);
  gint64 total = 0;

  for (GList *l = tables; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (summary->counts, l->data);

      if (JSON_NODE_HOLDS_VALUE (node))
        total += json_node_get_int (node);
    }
  return total;
}

static void
show_saved (GtkWindow             *parent,
            const char            *name,
            const SpBundleSummary *summary)
{
  g_autofree char *body = NULL;
  gint64 records = count_records (summary);
  AdwMessageDialog *dialog;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the file's name, the bundle's number, how many records */
                                       "%s is bundle %lld of this desk, with %lld record. Take it to the "
                                       "office: it is encrypted for the office alone and signed by this desk.",
                                       "%s is bundle %lld of this desk, with %lld records. Take it to the "
                                       "office: it is encrypted for the office alone and signed by this desk.",
                                       records),
                          name, (long long) summary->sequence, (long long) records);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Records Ready to Bring Back"), body));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_chosen_cb (GtkNativeDialog *chooser,
              int              response,
              SpContext       *context)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBundleSummary) summary = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  contents = sp_bundle_export (sp_context_get_store (context), sp_context_get_actor (context), FALSE,
                               &summary, &error);
  /* Sealed and signed, but the citizens' records are no one else's
   * business on the way. */
  if (contents == NULL ||
      !g_file_set_contents_full (path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      sp_toast_show (GTK_WIDGET (parent), error->message);
      goto out;
    }
  name = g_file_get_basename (file);
  show_saved (parent, name, summary);
out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (context);
}

void
sp_bundle_export_run (GtkWindow *parent,
                      SpContext *context)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *suggested = NULL;
  SpDesk *desk = sp_context_get_desk (context);
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (SP_IS_CONTEXT (context));

  /* Translators: the bundle file's suggested name: the desk and the day */
  suggested = g_strdup_printf (_("%s %s.bundle"), desk != NULL ? sp_desk_get_name (desk) : "", day);
  chooser = gtk_file_chooser_native_new (_("Save the Records to Bring Back"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), g_strstrip (suggested));
  g_signal_connect (chooser, "response", G_CALLBACK (on_chosen_cb), g_object_ref (context));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
