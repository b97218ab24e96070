/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-seal-group.c — the comune's seal certificate in Preferences: what it
 * is, and its import from a PKCS#12 file or a PKCS#11 token */
#define G_LOG_DOMAIN "sp-seal-group"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-construct-property.h"
#include "sp-form.h"
#include "sp-holidays.h"
#include "sp-seal.h"
#include "sp-seal-group.h"
#include "sp-toast.h"

struct _SpSealGroup
{
  AdwPreferencesGroup  parent_instance;

  /* template widgets */
  AdwActionRow        *none_row;
  AdwActionRow        *subject_row;
  GtkWidget           *demo_label;
  AdwActionRow        *issuer_row;
  AdwActionRow        *valid_from_row;
  AdwActionRow        *valid_until_row;
  AdwActionRow        *policies_row;
  AdwActionRow        *key_row;

  /* owned */
  SpContext           *context;
};

G_DEFINE_FINAL_TYPE (SpSealGroup, sp_seal_group, ADW_TYPE_PREFERENCES_GROUP)

static char *
format_time (gint64 usec)
{
  return sp_date_format_local (usec, "%d/%m/%Y %H:%M");
}

static char *
format_until (SpSeal *seal,
              gint64  now)
{
  g_autofree char *date = format_time (sp_seal_get_not_after (seal));
  int days = sp_seal_get_days_left (seal, now);

  if (sp_seal_get_not_after (seal) <= now)
    /* Translators: %s is the date and time the seal certificate expired */
    return g_strdup_printf (_("%s · expired"), date);
  if (days <= 0)
    /* Translators: %s is the date and time the seal certificate expires */
    return g_strdup_printf (_("%s · expires today"), date);
  /* Translators: %s is the date and time the seal certificate expires */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d day left", "%s · %d days left", days),
                          date, days);
}

static GtkWindow *
get_window (SpSealGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* An import that failed: nothing changed, and the message says why. */
static void
show_error (SpSealGroup *self,
            const char  *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self),
                                                       _("The Seal Certificate Was Not Imported"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Makes seal the comune's, as the signed-in administrator, and says so. */
static void
save_seal (SpSealGroup *self,
           SpSeal      *seal,
           gboolean     store_pin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *until = NULL;
  g_autofree char *message = NULL;

  if (!sp_seal_save (sp_context_get_store (self->context), seal,
                     sp_context_get_actor (self->context), store_pin, &error))
    {
      show_error (self, error->message);
      return;
    }

  sp_seal_group_reload (self);
  until = format_time (sp_seal_get_not_after (seal));
  /* Translators: %s is the date and time the new seal certificate expires */
  message = g_strdup_printf (_("The seal certificate is set: valid until %s."), until);
  sp_toast_show (GTK_WIDGET (self), message);
  sp_context_notify_changed (self->context, SP_CONTEXT_CHANGED_SEAL);
}

/* PKCS#12: a file, then its password. */
static void
on_password_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         SpSealGroup      *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = NULL;
  GBytes *pkcs12 = g_object_get_data (G_OBJECT (dialog), "pkcs12");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  if (g_strcmp0 (response, "import") != 0)
    return;

  seal = sp_seal_new_from_pkcs12 (pkcs12, gtk_editable_get_text (entry), sp_store_now (), &error);

  if (seal == NULL)
    {
      show_error (self, error->message);
      return;
    }
  save_seal (self, seal, FALSE);
}

static void
ask_password (SpSealGroup *self,
              GBytes      *pkcs12,
              const char  *name)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* A GtkPasswordEntry: sp_form_entry_dialog_new answers Enter in it from
   * an idle, because GTK 4.8's entry crashed when the response to its
   * "activate" destroyed it with the dialog (as in the operators page's
   * password reset). */
  entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  /* Translators: %s is the name of the PKCS#12 file */
  heading = g_strdup_printf (_("Password of %s"), name);
  dialog = sp_form_entry_dialog_new (GTK_WIDGET (self), heading, entry, _("Password of the PKCS#12 file"),
                                     "import", _("_Import"));
  adw_message_dialog_set_body (dialog, _("The key is kept in the database, encrypted, and no command exports it."));
  g_object_set_data_full (G_OBJECT (dialog), "pkcs12", g_bytes_ref (pkcs12), (GDestroyNotify) g_bytes_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_password_response_cb), self, 0);
  sp_form_entry_dialog_present (dialog);
}

static void
on_pkcs12_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     SpSealGroup     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) contents = g_file_load_bytes (file, NULL, NULL, &error);
      g_autofree char *name = g_file_get_basename (file);

      if (contents == NULL)
        show_error (self, error->message);
      else
        ask_password (self, contents, name);
    }
  g_object_unref (chooser);
}

static GtkFileFilter *
create_filter (const char         *name,
               const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  return filter;
}

/* A path can be typed in the chooser (Ctrl+L, or a leading "/"). */
static GtkFileChooserNative *
create_chooser (GtkWindow          *parent,
                const char         *title,
                const char         *filter_name,
                const char * const *patterns)
{
  static const char * const any[] = { "*", NULL };
  g_autoptr(GtkFileFilter) filter = create_filter (filter_name, patterns);
  g_autoptr(GtkFileFilter) all = create_filter (_("All files"), any);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

static void
on_pkcs12_clicked_cb (SpSealGroup *self)
{
  static const char * const patterns[] = { "*.p12", "*.P12", "*.pfx", "*.PFX", NULL };
  GtkFileChooserNative *chooser;

  chooser = create_chooser (get_window (self), _("Import the Seal Certificate"), _("PKCS#12 files"), patterns);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_pkcs12_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* PKCS#11: the token's URI, the certificate, the PIN. */
typedef struct
{
  GtkWidget *uri_entry;
  GtkWidget *certificate_entry;
  GtkWidget *pin_entry;
  GtkWidget *remember_switch;
} Pkcs11Form;

static void
on_pkcs11_changed_cb (GtkEditable      *editable,
                      AdwMessageDialog *dialog)
{
  Pkcs11Form *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autofree char *uri = sp_form_dup_text (GTK_EDITABLE (form->uri_entry));
  g_autofree char *certificate = sp_form_dup_text (GTK_EDITABLE (form->certificate_entry));

  adw_message_dialog_set_response_enabled (dialog, "use",
                                           g_str_has_prefix (uri, "pkcs11:") && *certificate != '\0');
}

static void
on_pkcs11_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       SpSealGroup      *self)
{
  Pkcs11Form *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) certificate = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = NULL;
  const char *pin;

  if (g_strcmp0 (response, "use") != 0)
    return;

  uri = sp_form_dup_text (GTK_EDITABLE (form->uri_entry));
  path = sp_form_dup_text (GTK_EDITABLE (form->certificate_entry));
  pin = gtk_editable_get_text (GTK_EDITABLE (form->pin_entry));
  file = g_file_new_for_commandline_arg (path);
  certificate = g_file_load_bytes (file, NULL, NULL, &error);
  if (certificate == NULL)
    {
      show_error (self, error->message);
      return;
    }

  seal = sp_seal_new_from_pkcs11 (uri, certificate, *pin != '\0' ? pin : NULL, sp_store_now (), &error);
  if (seal == NULL)
    {
      show_error (self, error->message);
      return;
    }
  save_seal (self, seal,
             *pin != '\0' && gtk_switch_get_active (GTK_SWITCH (form->remember_switch)));
}

static void
on_certificate_chosen_cb (GtkNativeDialog *chooser,
                          int              response,
                          GtkEditable     *entry)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        gtk_editable_set_text (entry, path);
    }
  g_object_unref (chooser);
}

static void
on_choose_certificate_clicked_cb (GtkButton   *button,
                                  GtkEditable *entry)
{
  static const char * const patterns[] = { "*.pem", "*.crt", "*.cer", "*.der", "*.PEM", "*.CRT", "*.CER", "*.DER", NULL };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *chooser;

  chooser = create_chooser (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            _("The Seal Certificate"), _("Certificates (PEM or DER)"), patterns);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_certificate_chosen_cb), entry, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A label over its field, the field named after it for screen readers. */
static void
append_field (GtkBox     *box,
              const char *mnemonic,
              GtkWidget  *field,
              GtkWidget  *target)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), target);
  gtk_widget_set_margin_top (label, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  gtk_box_append (box, label);
  gtk_box_append (box, field);
}

static void
on_pkcs11_clicked_cb (SpSealGroup *self)
{
  Pkcs11Form *form = g_new0 (Pkcs11Form, 1);
  AdwMessageDialog *dialog;
  GtkWidget *box, *row, *button, *label;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), _("Use a Key on a Smart Card or HSM"),
                                                       _("The key stays on the token; Sportello keeps its URI and the certificate. "
                                                         "“p11tool --list-all-privkeys --login” prints the URI.")));
  g_object_set_data_full (G_OBJECT (dialog), "form", form, g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  form->uri_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (form->uri_entry), "pkcs11:token=…;object=…");
  gtk_entry_set_activates_default (GTK_ENTRY (form->uri_entry), TRUE);
  append_field (GTK_BOX (box), _("PKCS#11 URI of the _key"), form->uri_entry, form->uri_entry);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  form->certificate_entry = gtk_entry_new ();
  gtk_widget_set_hexpand (form->certificate_entry, TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (form->certificate_entry), TRUE);
  gtk_box_append (GTK_BOX (row), form->certificate_entry);
  button = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose the certificate file"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the certificate file"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_choose_certificate_clicked_cb), form->certificate_entry);
  gtk_box_append (GTK_BOX (row), button);
  append_field (GTK_BOX (box), _("Certificate _file (PEM or DER)"), row, form->certificate_entry);

  form->pin_entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (form->pin_entry), TRUE);
  g_object_set (form->pin_entry, "placeholder-text", _("Empty if the token asks for none"), NULL);
  sp_form_answer_on_activate (form->pin_entry, dialog);
  append_field (GTK_BOX (box), _("P_IN"), form->pin_entry, form->pin_entry);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (row, 6);
  label = gtk_label_new_with_mnemonic (_("_Remember the PIN on this desk"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  form->remember_switch = gtk_switch_new ();
  gtk_widget_set_valign (form->remember_switch, GTK_ALIGN_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), form->remember_switch);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->remember_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remember the PIN on this desk"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->remember_switch), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Kept encrypted in the database, like the mail server’s password, so that sealing asks for nothing."), -1);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), form->remember_switch);
  gtk_box_append (GTK_BOX (box), row);

  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "use", _("_Use This Key"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "use", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "use");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (form->uri_entry, "changed", G_CALLBACK (on_pkcs11_changed_cb), dialog);
  g_signal_connect (form->certificate_entry, "changed", G_CALLBACK (on_pkcs11_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_pkcs11_response_cb), self, 0);

  on_pkcs11_changed_cb (NULL, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (form->uri_entry);
}

static void
set_row (AdwActionRow *row,
         const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL ? text : "");
}

void
sp_seal_group_reload (SpSealGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *policies = NULL;
  g_autofree char *key = NULL;
  SpStore *store;
  gint64 now = sp_store_now ();
  gboolean shown;

  g_return_if_fail (SP_IS_SEAL_GROUP (self));

  store = sp_context_get_store (self->context);
  seal = sp_seal_load (store, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->none_row), seal == NULL);
  /* A seal that is set but cannot be read says why. */
  set_row (self->none_row, seal == NULL && !g_error_matches (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE)
                           ? error->message : NULL);
  if (seal == NULL)
    seal = sp_seal_load_demo (store, NULL);

  shown = seal != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->subject_row), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->issuer_row), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->valid_from_row), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->valid_until_row), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->policies_row), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), shown);
  if (!shown)
    return;

  from = format_time (sp_seal_get_not_before (seal));
  until = format_until (seal, now);
  policies = g_strjoinv (", ", (char **) sp_seal_get_policies (seal));
  key = sp_seal_dup_key_location (seal);

  gtk_widget_set_visible (self->demo_label, sp_seal_is_demo (seal));
  set_row (self->subject_row, sp_seal_get_subject (seal));
  set_row (self->issuer_row, sp_seal_get_issuer (seal));
  set_row (self->valid_from_row, from);
  set_row (self->valid_until_row, until);
  set_row (self->policies_row, *policies != '\0' ? policies : _("none"));
  set_row (self->key_row, key);

  if (sp_seal_get_days_left (seal, now) <= SP_SEAL_WARNING_DAYS)
    gtk_widget_add_css_class (GTK_WIDGET (self->valid_until_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->valid_until_row), "warning");
}

static void
sp_seal_group_constructed (GObject *object)
{
  SpSealGroup *self = SP_SEAL_GROUP (object);

  G_OBJECT_CLASS (sp_seal_group_parent_class)->constructed (object);

  sp_seal_group_reload (self);
}

static void
sp_seal_group_dispose (GObject *object)
{
  SpSealGroup *self = SP_SEAL_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SEAL_GROUP);
  sp_construct_properties_clear (object, SP_TYPE_SEAL_GROUP);

  G_OBJECT_CLASS (sp_seal_group_parent_class)->dispose (object);
}

static void
sp_seal_group_class_init (SpSealGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_seal_group_constructed;
  object_class->dispose = sp_seal_group_dispose;

  sp_construct_property_install (object_class, "context", SP_TYPE_CONTEXT,
                                 G_STRUCT_OFFSET (SpSealGroup, context));

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-seal-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSealGroup, none_row);
  gtk_widget_class_bind_template_child (widget_class, SpSealGroup, subject_row);
  gtk_widget_class_bind_template_child (widget_class, SpSealGroup, demo_label);
  gtk_widget_class_bind_template_child (widget_class, SpSealGroup, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, SpSealGroup, valid_from_row);
  gtk_widget_class_bind_template_child (widget_class, SpSealGroup, valid_until_row);
  gtk_widget_class_bind_template_child (widget_class, SpSealGroup, policies_row);
  gtk_widget_class_bind_template_child (widget_class, SpSealGroup, key_row);
  gtk_widget_class_bind_template_callback (widget_class, on_pkcs12_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pkcs11_clicked_cb);
}

static void
sp_seal_group_init (SpSealGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_seal_group_new (SpContext *context)
{
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);

  return g_object_new (SP_TYPE_SEAL_GROUP, "context", context, NULL);
}
