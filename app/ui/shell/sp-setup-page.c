/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-setup-page.c — the set-up form shown on an empty database */
#define G_LOG_DOMAIN "sp-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-codice-fiscale.h"
#include "sp-enrolment.h"
#include "sp-entry-row.h"
#include "sp-form.h"
#include "sp-password.h"
#include "sp-setup-page.h"
#include "sp-setup.h"

struct _SpSetupPage
{
  SpPage       parent_instance;

  /* The enrolment's passphrase entry, one for every time it is asked:
   * GTK 4.8 leaves a destroyed password entry's Caps Lock handler on the
   * keyboard. */
  GtkWidget  *passphrase_entry;

  /* template widgets */
  SpEntryRow *comune_row;
  SpEntryRow *ipa_row;
  SpEntryRow *desk_row;
  AdwComboRow *desk_kind_row;
  SpEntryRow *username_row;
  SpEntryRow *display_name_row;
  SpEntryRow *cf_row;
  SpEntryRow *password_row;
  SpEntryRow *confirm_row;
  GtkLabel    *error_label;
  GtkButton   *setup_button;
};

G_DEFINE_FINAL_TYPE (SpSetupPage, sp_setup_page, SP_TYPE_PAGE)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (SpEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Checks every field as the clerk types; marks the wrong ones and says
 * what is wrong with the first of them. Fields not yet touched are not
 * marked, only the button stays off. */
static gboolean
validate (SpSetupPage *self)
{
  g_autoptr(GError) ipa_error = NULL;
  g_autoptr(GError) password_error = NULL;
  g_autoptr(GError) cf_error = NULL;
  const char *first_problem = NULL;
  const char *password = text_of (self->password_row);
  const char *confirm = text_of (self->confirm_row);
  const char *cf = text_of (self->cf_row);
  gboolean complete;
  gboolean ok = TRUE;

#define CHECK(row, bad, message)                                           \
  G_STMT_START {                                                           \
    gboolean bad_ = (bad);                                                 \
    sp_form_set_row_error (GTK_WIDGET (row), bad_ ? (message) : NULL);     \
    if (bad_ && first_problem == NULL)                                     \
      first_problem = (message);                                           \
    ok = ok && !bad_;                                                      \
  } G_STMT_END

  CHECK (self->ipa_row, !sp_setup_check_ipa (text_of (self->ipa_row), &ipa_error),
         ipa_error != NULL ? ipa_error->message : NULL);
  CHECK (self->cf_row, *cf != '\0' && !sp_codice_fiscale_validate (cf, NULL, &cf_error),
         cf_error != NULL ? cf_error->message : NULL);
  CHECK (self->password_row,
         *password != '\0' &&
         !sp_password_check_strength (password, text_of (self->username_row), &password_error),
         password_error != NULL ? password_error->message : NULL);
  CHECK (self->confirm_row, *confirm != '\0' && g_strcmp0 (password, confirm) != 0,
         _("The two passwords are different."));

#undef CHECK

  complete = !is_blank (text_of (self->comune_row)) &&
             !is_blank (text_of (self->desk_row)) &&
             !is_blank (text_of (self->username_row)) &&
             !is_blank (text_of (self->display_name_row)) &&
             *password != '\0' && *confirm != '\0';

  gtk_label_set_text (self->error_label, first_problem != NULL ? first_problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), first_problem != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->setup_button), ok && complete);

  return ok && complete;
}

static void
on_field_changed_cb (GtkEditable *editable,
                     SpSetupPage *self)
{
  validate (self);
}

static void
on_setup_clicked_cb (SpSetupPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *comune = sp_form_dup_text (GTK_EDITABLE (self->comune_row));
  g_autofree char *ipa = sp_form_dup_text (GTK_EDITABLE (self->ipa_row));
  g_autofree char *desk = sp_form_dup_text (GTK_EDITABLE (self->desk_row));
  g_autofree char *username = sp_form_dup_text (GTK_EDITABLE (self->username_row));
  g_autofree char *display_name = sp_form_dup_text (GTK_EDITABLE (self->display_name_row));
  g_autofree char *cf = sp_form_dup_text (GTK_EDITABLE (self->cf_row));
  SpSetupData data = { 0 };

  if (!validate (self))
    return;

  data.comune_name = comune;
  data.comune_ipa = ipa;
  data.desk_name = desk;
  data.desk_kind = adw_combo_row_get_selected (self->desk_kind_row) == 1 ? SP_DESK_POPUP
                                                                          : SP_DESK_COUNTER;
  data.admin_username = username;
  data.admin_display_name = display_name;
  data.admin_codice_fiscale = cf;
  data.admin_password = text_of (self->password_row);

  if (!sp_setup_run (sp_page_get_store (SP_PAGE (self)), &data, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  g_signal_emit (self, signals[DONE], 0);
}

/* Joining as a pop-up desk: the enrolment file, then its passphrase. */
static void
on_passphrase_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           SpSetupPage      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  GBytes *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "join"))
    return;
  if (!sp_enrolment_join (sp_page_get_store (SP_PAGE (self)), file, gtk_editable_get_text (entry), &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
}

static void
on_enrolment_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        SpSetupPage     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      contents = g_file_load_bytes (file, NULL, NULL, &error);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (contents == NULL)
    {
      if (error != NULL)
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is the enrolment file's name */
  body = g_strdup_printf (_("Type the passphrase the office gave with %s."), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Passphrase of the Enrolment File"), body));
  if (self->passphrase_entry == NULL)
    {
      self->passphrase_entry = g_object_ref_sink (gtk_password_entry_new ());
      gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (self->passphrase_entry), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->passphrase_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Passphrase"), -1);
      g_object_set (self->passphrase_entry, "activates-default", TRUE, NULL);
    }
  entry = self->passphrase_entry;
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "join", _("_Join"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "join", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "join");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_steal_pointer (&contents), (GDestroyNotify) g_bytes_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_passphrase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_join_clicked_cb (SpSetupPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open the Enrolment File"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_enrolment_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
sp_setup_page_constructed (GObject *object)
{
  SpSetupPage *self = (SpSetupPage *)object;
  SpEntryRow *rows[] = { self->comune_row, self->ipa_row, self->desk_row, self->username_row,
                          self->display_name_row, self->cf_row, self->password_row,
                          self->confirm_row };

  G_OBJECT_CLASS (sp_setup_page_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_signal_connect (rows[i], "changed", G_CALLBACK (on_field_changed_cb), self);
    }

  validate (self);
}

static void
sp_setup_page_dispose (GObject *object)
{
  SpSetupPage *self = (SpSetupPage *)object;

  g_clear_object (&self->passphrase_entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SETUP_PAGE);

  G_OBJECT_CLASS (sp_setup_page_parent_class)->dispose (object);
}

static void
sp_setup_page_class_init (SpSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_setup_page_constructed;
  object_class->dispose = sp_setup_page_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, comune_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, ipa_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, desk_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, desk_kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, cf_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpSetupPage, setup_button);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_join_clicked_cb);
}

static void
sp_setup_page_init (SpSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SpSetupPage *
sp_setup_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_SETUP_PAGE, "context", context, NULL);
}
