/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-operators-page.c — add, deactivate, reset and change the role of
 * operators; add and deactivate desks. Admins only. */

#define G_LOG_DOMAIN "sp-operators-page"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "sp-bundle-import-window.h"
#include "sp-codice-fiscale.h"
#include "sp-enrolment.h"
#include "sp-entry-row.h"
#include "sp-form.h"
#include "sp-operators-page.h"
#include "sp-password.h"

struct _SpOperatorsPage
{
  SpPage       parent_instance;

  /* template widgets */
  GtkListBox  *operators_list;
  GtkListBox  *desks_list;
  SpEntryRow  *username_row;
  SpEntryRow  *display_name_row;
  SpEntryRow  *cf_row;
  AdwComboRow *role_row;
  SpEntryRow  *password_row;
  SpEntryRow  *confirm_row;
  GtkLabel    *add_error_label;
  GtkButton   *add_button;
  SpEntryRow  *desk_name_row;
  AdwComboRow *desk_kind_row;
  GtkButton   *add_desk_button;

  /* owned */
  GListModel  *operators;
  GListModel  *desks;
};

G_DEFINE_FINAL_TYPE (SpOperatorsPage, sp_operators_page, SP_TYPE_PAGE)

static SpStore *
get_store (SpOperatorsPage *self)
{
  return sp_page_get_store (SP_PAGE (self));
}

static SpActor
get_actor (SpOperatorsPage *self)
{
  return sp_context_get_actor (sp_page_get_context (SP_PAGE (self)));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  sp_page_reload (SP_PAGE (user_data));
  return G_SOURCE_REMOVE;
}

/* Rows are rebuilt after the signal that changed them has returned. */
static void
queue_reload (SpOperatorsPage *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_role_selected_cb (GtkDropDown     *dropdown,
                     GParamSpec      *pspec,
                     SpOperatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  SpOperator *op = g_object_get_data (G_OBJECT (dropdown), "operator");
  SpRole role = (SpRole) gtk_drop_down_get_selected (dropdown);

  if (role == sp_operator_get_role (op))
    return;

  if (!sp_operator_set_role (get_store (self), get_actor (self), op, role, &error))
    sp_page_show_error (SP_PAGE (self), error, NULL);

  queue_reload (self);
}

static void
on_active_set_cb (GtkSwitch       *toggle,
                  GParamSpec      *pspec,
                  SpOperatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  SpOperator *op = g_object_get_data (G_OBJECT (toggle), "operator");
  SpDesk *desk = g_object_get_data (G_OBJECT (toggle), "desk");
  gboolean active = gtk_switch_get_active (toggle);
  gboolean ok;

  if (op != NULL)
    ok = active == sp_operator_get_active (op) ||
         sp_operator_set_active (get_store (self), get_actor (self), op, active, &error);
  else
    ok = active == sp_desk_get_active (desk) ||
         sp_desk_set_active (get_store (self), get_actor (self), desk, active, &error);

  if (!ok)
    sp_page_show_error (SP_PAGE (self), error, NULL);

  queue_reload (self);
}

static void
on_reset_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SpOperatorsPage  *self)
{
  g_autoptr(GError) error = NULL;
  SpOperator *op = g_object_get_data (G_OBJECT (dialog), "operator");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  if (g_strcmp0 (response, "reset") != 0)
    return;

  if (!sp_operator_reset_password (get_store (self), get_actor (self), op,
                                   gtk_editable_get_text (entry), &error))
    sp_page_show_error (SP_PAGE (self), error, NULL);
  else
    sp_page_show_toast (SP_PAGE (self), _("The password was changed."));
}

static void
on_reset_entry_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  SpOperator *op = g_object_get_data (G_OBJECT (dialog), "operator");
  g_autoptr(GError) error = NULL;
  gboolean ok = sp_password_check_strength (gtk_editable_get_text (entry),
                                            sp_operator_get_username (op), &error);

  adw_message_dialog_set_body (dialog, ok ? _("The operator will use this password from the next sign-in.")
                                          : error->message);
  adw_message_dialog_set_response_enabled (dialog, "reset", ok);
}

static void
on_reset_clicked_cb (GtkButton       *button,
                     SpOperatorsPage *self)
{
  SpOperator *op = g_object_get_data (G_OBJECT (button), "operator");
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* Translators: %s is an operator's name */
  heading = g_strdup_printf (_("New Password for %s"), sp_operator_get_display_name (op));
  entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  dialog = sp_form_entry_dialog_new (GTK_WIDGET (self), heading, entry, _("New password"),
                                     "reset", _("_Change Password"));
  g_object_set_data_full (G_OBJECT (dialog), "operator", g_object_ref (op), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_reset_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reset_response_cb), self);
  sp_form_entry_dialog_present (dialog);
}

static GtkWidget *
create_operator_row (SpOperatorsPage *self,
                     SpOperator      *op)
{
  const char *roles[] = { sp_role_get_label (SP_ROLE_CLERK), sp_role_get_label (SP_ROLE_SUPERVISOR),
                          sp_role_get_label (SP_ROLE_ADMIN), NULL };
  g_autofree char *subtitle = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *reset_name = NULL;
  g_autofree char *active_name = NULL;
  const char *name = sp_operator_get_display_name (op);
  GtkWidget *row, *dropdown, *button, *toggle;

  /* Translators: username · role (· deactivated) in the operators list */
  subtitle = sp_operator_get_active (op)
    ? g_strdup_printf (_("%s · %s"), sp_operator_get_username (op),
                       sp_role_get_label (sp_operator_get_role (op)))
    : g_strdup_printf (_("%s · %s · deactivated"), sp_operator_get_username (op),
                       sp_role_get_label (sp_operator_get_role (op)));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  dropdown = gtk_drop_down_new_from_strings (roles);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), sp_operator_get_role (op));
  /* Translators: accessible name, %s is an operator's name */
  role_name = g_strdup_printf (_("Role of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, role_name, -1);
  g_object_set_data_full (G_OBJECT (dropdown), "operator", g_object_ref (op), g_object_unref);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_role_selected_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);

  button = gtk_button_new_from_icon_name ("dialog-password-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: accessible name, %s is an operator's name */
  reset_name = g_strdup_printf (_("Reset password of %s"), name);
  gtk_widget_set_tooltip_text (button, reset_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, reset_name, -1);
  g_object_set_data_full (G_OBJECT (button), "operator", g_object_ref (op), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_reset_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), sp_operator_get_active (op));
  /* Translators: accessible name of the switch, %s is an operator's name */
  active_name = g_strdup_printf (_("%s can sign in"), name);
  gtk_widget_set_tooltip_text (toggle, active_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, active_name, -1);
  g_object_set_data_full (G_OBJECT (toggle), "operator", g_object_ref (op), g_object_unref);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_active_set_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);

  return row;
}

/* The passphrase is shown once: the file and it go to the laptop by
 * separate ways. */
static void
on_passphrase_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  const char *passphrase = g_object_get_data (G_OBJECT (dialog), "passphrase");

  if (g_str_equal (response, "copy"))
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), passphrase);
}

static void
show_passphrase (SpOperatorsPage *self,
                 const char      *file_name,
                 const char      *passphrase,
                 gboolean         with_card)
{
  g_autofree char *body = NULL;
  GtkWidget *label = gtk_label_new (passphrase);
  AdwMessageDialog *dialog;

  if (with_card)
    /* Translators: %s is the enrolment file's name */
    body = g_strdup_printf (_("%s is saved. The laptop seals with the comune’s smart card: the card goes "
                              "with it. Give the laptop the file and, by another way, this passphrase, "
                              "which is shown only now:"), file_name);
  else
    /* Translators: %s is the enrolment file's name */
    body = g_strdup_printf (_("%s is saved. Give the laptop the file and, by another way, this passphrase, "
                              "which is shown only now:"), file_name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Enrolment File Saved"), body));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Passphrase"), -1);
  adw_message_dialog_set_extra_child (dialog, label);
  adw_message_dialog_add_responses (dialog, "copy", _("_Copy the Passphrase"), "close", _("_Close"), NULL);
  adw_message_dialog_set_close_response (dialog, "close");
  adw_message_dialog_set_default_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "passphrase", g_strdup (passphrase), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_passphrase_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_enrolment_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        SpOperatorsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  SpDesk *desk = g_object_get_data (G_OBJECT (chooser), "desk");
  SpEnrolmentSeal seal = { SP_ENROLMENT_SEAL_NONE, NULL, NULL };

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  seal.kind = sp_enrolment_default_seal (get_store (self));
  contents = sp_enrolment_create_with_seal (get_store (self), get_actor (self), sp_desk_get_name (desk),
                                            &seal, &passphrase, &error);
  /* Only its owner reads it: it holds the desk's keys and the
   * operators' password hashes (sealed, but no one else's business). */
  if (contents == NULL ||
      !g_file_set_contents_full (path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      goto out;
    }
  name = g_file_get_basename (file);
  show_passphrase (self, name, passphrase, seal.kind == SP_ENROLMENT_SEAL_CARD);
  sodium_memzero (passphrase, strlen (passphrase));
out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_enrol_clicked_cb (GtkButton       *button,
                     SpOperatorsPage *self)
{
  SpDesk *desk = g_object_get_data (G_OBJECT (button), "desk");
  g_autofree char *suggested = g_strdup_printf ("%s.enrol", sp_desk_get_name (desk));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save the Enrolment File"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data_full (G_OBJECT (chooser), "desk", g_object_ref (desk), g_object_unref);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_enrolment_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_records_clicked_cb (SpOperatorsPage *self)
{
  sp_bundle_import_window_choose (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  sp_page_get_context (SP_PAGE (self)));
}

static GtkWidget *
create_desk_row (SpOperatorsPage *self,
                 SpDesk          *desk)
{
  g_autofree char *active_name = NULL;
  GtkWidget *row, *toggle;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sp_desk_get_name (desk));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               sp_desk_get_active (desk) ? sp_desk_kind_get_label (sp_desk_get_kind (desk))
                                                         : _("Deactivated"));

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), sp_desk_get_active (desk));
  /* Translators: accessible name of the switch, %s is a desk's name */
  active_name = g_strdup_printf (_("Desk %s in use"), sp_desk_get_name (desk));
  gtk_widget_set_tooltip_text (toggle, active_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, active_name, -1);
  g_object_set_data_full (G_OBJECT (toggle), "desk", g_object_ref (desk), g_object_unref);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_active_set_cb), self);

  /* A pop-up desk's laptop is prepared from here. */
  if (sp_desk_get_kind (desk) == SP_DESK_POPUP && sp_desk_get_active (desk))
    {
      g_autofree char *enrol_name = NULL;
      GtkWidget *enrol = gtk_button_new_with_label (_("Enrol…"));

      /* Translators: accessible name of the button, %s is a pop-up desk's name */
      enrol_name = g_strdup_printf (_("Enrol the pop-up desk %s"), sp_desk_get_name (desk));
      gtk_widget_set_valign (enrol, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (enrol, enrol_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (enrol), GTK_ACCESSIBLE_PROPERTY_LABEL, enrol_name, -1);
      g_object_set_data_full (G_OBJECT (enrol), "desk", g_object_ref (desk), g_object_unref);
      g_signal_connect (enrol, "clicked", G_CALLBACK (on_enrol_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), enrol);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);

  return row;
}

static void
rebuild_list (GtkListBox      *list,
              GListModel      *model,
              SpOperatorsPage *self,
              GtkWidget     *(*create) (SpOperatorsPage *, gpointer))
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gtk_list_box_append (list, create (self, item));
    }
}

static void
sp_operators_page_reload (SpPage *page)
{
  SpOperatorsPage *self = SP_OPERATORS_PAGE (page);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->operators);
  g_clear_object (&self->desks);
  self->operators = sp_operator_list (get_store (self), TRUE, &error);
  if (self->operators == NULL)
    sp_page_show_error (SP_PAGE (self), error, NULL);
  g_clear_error (&error);
  self->desks = sp_desk_list (get_store (self), TRUE, &error);
  if (self->desks == NULL)
    sp_page_show_error (SP_PAGE (self), error, NULL);

  rebuild_list (self->operators_list, self->operators, self,
                (GtkWidget *(*) (SpOperatorsPage *, gpointer)) create_operator_row);
  rebuild_list (self->desks_list, self->desks, self,
                (GtkWidget *(*) (SpOperatorsPage *, gpointer)) create_desk_row);
}

static void
validate_add (SpOperatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cf_error = NULL;
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const char *cf = gtk_editable_get_text (GTK_EDITABLE (self->cf_row));
  const char *problem = NULL;
  gboolean weak = *password != '\0' && !sp_password_check_strength (password, username, &error);
  gboolean mismatch = *confirm != '\0' && g_strcmp0 (password, confirm) != 0;
  gboolean bad_cf = *cf != '\0' && !sp_codice_fiscale_validate (cf, NULL, &cf_error);

  sp_form_set_row_error (GTK_WIDGET (self->password_row), weak ? error->message : NULL);
  sp_form_set_row_error (GTK_WIDGET (self->confirm_row), mismatch ? _("The two passwords are different.") : NULL);
  sp_form_set_row_error (GTK_WIDGET (self->cf_row), bad_cf ? cf_error->message : NULL);

  if (weak)
    problem = error->message;
  else if (mismatch)
    problem = _("The two passwords are different.");
  else if (bad_cf)
    problem = cf_error->message;

  gtk_label_set_text (self->add_error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), problem != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            problem == NULL && *username != '\0' && *password != '\0' && *confirm != '\0' &&
                            *gtk_editable_get_text (GTK_EDITABLE (self->display_name_row)) != '\0');
}

static void
on_add_field_changed_cb (SpOperatorsPage *self)
{
  validate_add (self);
}

static void
on_add_clicked_cb (SpOperatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOperator) op = NULL;
  g_autofree char *username = sp_form_dup_text (GTK_EDITABLE (self->username_row));
  g_autofree char *display_name = sp_form_dup_text (GTK_EDITABLE (self->display_name_row));
  g_autofree char *cf = sp_form_dup_text (GTK_EDITABLE (self->cf_row));
  g_autofree char *message = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->add_button)))
    return;

  op = sp_operator_add (get_store (self), get_actor (self), username, display_name,
                        cf, (SpRole) adw_combo_row_get_selected (self->role_row),
                        gtk_editable_get_text (GTK_EDITABLE (self->password_row)), &error);
  if (op == NULL)
    {
      gtk_label_set_text (self->add_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), TRUE);
      return;
    }

  /* Translators: %s is the new operator's name */
  message = g_strdup_printf (_("%s was added."), display_name);
  sp_page_show_toast (SP_PAGE (self), message);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->display_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->cf_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  adw_combo_row_set_selected (self->role_row, SP_ROLE_CLERK);
  sp_page_reload (SP_PAGE (self));
}

static void
on_desk_name_changed_cb (SpOperatorsPage *self)
{
  g_autofree char *name = sp_form_dup_text (GTK_EDITABLE (self->desk_name_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_desk_button), *name != '\0');
}

static void
on_add_desk_clicked_cb (SpOperatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDesk) desk = NULL;
  g_autofree char *name = sp_form_dup_text (GTK_EDITABLE (self->desk_name_row));

  if (*name == '\0')
    return;

  desk = sp_desk_add (get_store (self), get_actor (self), name,
                      adw_combo_row_get_selected (self->desk_kind_row) == 1 ? SP_DESK_POPUP : SP_DESK_COUNTER,
                      &error);
  if (desk == NULL)
    {
      sp_page_show_error (SP_PAGE (self), error, NULL);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->desk_name_row), "");
  sp_page_reload (SP_PAGE (self));
}

static void
sp_operators_page_constructed (GObject *object)
{
  SpOperatorsPage *self = (SpOperatorsPage *)object;

  G_OBJECT_CLASS (sp_operators_page_parent_class)->constructed (object);

  validate_add (self);
  on_desk_name_changed_cb (self);
}

static void
sp_operators_page_dispose (GObject *object)
{
  SpOperatorsPage *self = (SpOperatorsPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_OPERATORS_PAGE);
  g_clear_object (&self->operators);
  g_clear_object (&self->desks);

  G_OBJECT_CLASS (sp_operators_page_parent_class)->dispose (object);
}

static void
sp_operators_page_class_init (SpOperatorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_operators_page_constructed;
  object_class->dispose = sp_operators_page_dispose;
  SP_PAGE_CLASS (klass)->reload = sp_operators_page_reload;
  SP_PAGE_CLASS (klass)->reload_on_map = TRUE;

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-operators-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, operators_list);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, desks_list);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, cf_row);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, desk_name_row);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, desk_kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpOperatorsPage, add_desk_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_desk_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_records_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_desk_clicked_cb);
}

static void
sp_operators_page_init (SpOperatorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_operators_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_OPERATORS_PAGE, "context", context, NULL);
}
