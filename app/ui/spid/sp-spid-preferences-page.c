/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-spid-preferences-page.c — Preferences for SPID identification: mail,
 * identification rules, the seal certificate, the outbox */
#define G_LOG_DOMAIN "sp-spid-preferences-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sp-contact.h"
#include "sp-entry-row.h"
#include "sp-identification.h"
#include "sp-mailer.h"
#include "sp-outbox.h"
#include "sp-seal-group.h"
#include "sp-spid-preferences-page.h"

struct _SpSpidPreferencesPage
{
  SpPreferencesPage   parent_instance;

  GtkWidget          *server_row;
  GtkWidget          *port_row;
  GtkWidget          *security[3];
  GtkWidget          *username_row;
  GtkWidget          *password_row;
  GtkWidget          *sender_row;
  GtkWidget          *minors_switch;
  GtkLabel           *outbox_label;
};

G_DEFINE_FINAL_TYPE (SpSpidPreferencesPage, sp_spid_preferences_page, SP_TYPE_PREFERENCES_PAGE)

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title,
           gboolean    password)
{
  GtkWidget *row = g_object_new (SP_TYPE_ENTRY_ROW, "title", title, "password", password, NULL);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* Ends group with its Save button and adds it to the page; only admins
 * change what it holds. */
static void
add_group (SpSpidPreferencesPage *self,
           GtkWidget             *group,
           const char            *save_label,
           GCallback              on_save_clicked,
           gboolean               admin)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (save_label);

  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 12);
  g_signal_connect_swapped (button, "clicked", on_save_clicked, self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
  gtk_widget_set_sensitive (group, admin);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
}

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
on_save_mail_clicked_cb (SpSpidPreferencesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_strstrip (g_strdup (text_of (self->server_row)));
  g_autofree char *sender = NULL;
  g_autofree char *port = NULL;
  const char *security = "starttls";
  char *end = NULL;
  long port_number = strtol (text_of (self->port_row), &end, 10);
  gboolean ok = TRUE;

  sp_entry_row_set_error (SP_ENTRY_ROW (self->server_row), NULL);
  sp_entry_row_set_error (SP_ENTRY_ROW (self->port_row), NULL);
  sp_entry_row_set_error (SP_ENTRY_ROW (self->sender_row), NULL);

  if (*server == '\0')
    {
      sp_entry_row_set_error (SP_ENTRY_ROW (self->server_row), _("Type the name of the outgoing mail server."));
      ok = FALSE;
    }
  if (end == NULL || *end != '\0' || port_number < 1 || port_number > 65535)
    {
      sp_entry_row_set_error (SP_ENTRY_ROW (self->port_row), _("The port is a number from 1 to 65535."));
      ok = FALSE;
    }
  sender = sp_contact_normalize_email (text_of (self->sender_row), &error);
  if (sender == NULL)
    {
      sp_entry_row_set_error (SP_ENTRY_ROW (self->sender_row), error->message);
      ok = FALSE;
    }
  if (!ok)
    return;
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (self->security); i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->security[i])))
      security = sp_mailer_security_to_string (i);
  port = g_strdup_printf ("%ld", port_number);

  {
    const char *keys[] = { SP_SETTING_SMTP_SERVER, SP_SETTING_SMTP_PORT, SP_SETTING_SMTP_SECURITY,
                           SP_SETTING_SMTP_USERNAME, SP_SETTING_SMTP_SENDER, NULL };
    const char *values[] = { server, port, security,
                             text_of (self->username_row), sender, NULL };
    const char *password = *text_of (self->password_row) != '\0' ? text_of (self->password_row) : NULL;

    SpPreferencesPage *page = SP_PREFERENCES_PAGE (self);

    if (!sp_mailer_save_settings (sp_preferences_page_get_store (page),
                                  sp_context_get_actor (sp_preferences_page_get_context (page)),
                                  keys, values, password, &error))
      {
        sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), error->message);
        return;
      }
  }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), _("Email settings saved."));
}

static void
on_save_spid_clicked_cb (SpSpidPreferencesPage *self)
{
  const char *keys[] = { SP_SETTING_SPID_MINORS_ALLOWED, NULL };
  const char *values[2] = { NULL };

  values[0] = gtk_switch_get_active (GTK_SWITCH (self->minors_switch)) ? "1" : "0";
  sp_preferences_page_save_settings (SP_PREFERENCES_PAGE (self), keys, values);
}

static void
update_outbox (SpSpidPreferencesPage *self)
{
  guint unsent = sp_outbox_count_unsent (sp_preferences_page_get_store (SP_PREFERENCES_PAGE (self)));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u email waiting to be sent.",
                                                        "%u emails waiting to be sent.", unsent), unsent);
  gtk_label_set_label (self->outbox_label, text);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpSpidPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint sent = 0, failed = 0;

  if (!sp_outbox_send_finish (result, &sent, &failed, &error))
    sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), error->message);
  else if (failed > 0)
    sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), _("Some emails could not be sent: they stay in the outbox and will be retried."));
  else
    sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), _("The outbox is sent."));
  update_outbox (self);
}

static void
on_send_clicked_cb (SpSpidPreferencesPage *self)
{
  SpStore *store = sp_preferences_page_get_store (SP_PREFERENCES_PAGE (self));

  sp_outbox_send_async (sp_store_get_path (store), TRUE,
                        NULL, on_sent_cb, g_object_ref (self));
}

static void
sp_spid_preferences_page_constructed (GObject *object)
{
  SpSpidPreferencesPage *self = SP_SPID_PREFERENCES_PAGE (object);
  SpContext *context = sp_preferences_page_get_context (SP_PREFERENCES_PAGE (self));
  SpStore *store = sp_context_get_store (context);
  SpOperator *op = sp_context_get_operator (context);
  gboolean admin = op != NULL && sp_operator_is_admin (op);
  g_autoptr(SpMailerConfig) config = sp_mailer_config_load (store, NULL);
  g_autofree char *port = NULL;
  GtkWidget *group, *row, *button;
  static const char *security_labels[] = {
    N_("None: only for a relay on this computer or network"),
    N_("STARTTLS"),
    N_("TLS from the start (SMTPS)"),
  };

  G_OBJECT_CLASS (sp_spid_preferences_page_parent_class)->constructed (object);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("SPID"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "mail-send-symbolic");

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Outgoing Email"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The comune’s mail server, which sends citizens the second half of their code."));
  self->server_row = entry_row (group, _("Mail server"), FALSE);
  self->port_row = entry_row (group, _("Port"), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (security_labels); i++)
    {
      row = adw_action_row_new ();
      /* One choice of three: radio buttons (GTK 4.8 leaves a grouped
       * check button's role a check box). */
      self->security[i] = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                        NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(security_labels[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->security[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(security_labels[i]), -1);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (self->security[i]), GTK_CHECK_BUTTON (self->security[0]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), self->security[i]);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->security[i]);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  self->username_row = entry_row (group, _("User name"), FALSE);
  self->password_row = entry_row (group, _("Password (leave empty to keep the stored one)"), TRUE);
  self->sender_row = entry_row (group, _("Sender address"), FALSE);
  add_group (self, group, _("Save _Email Settings"), G_CALLBACK (on_save_mail_clicked_cb), admin);

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), config->server != NULL ? config->server : "");
  port = g_strdup_printf ("%u", config->port);
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->security[config->security]), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), config->username != NULL ? config->username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->sender_row), config->sender != NULL ? config->sender : "");

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Identification"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Identify minors with a parent or guardian present"));
  self->minors_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->minors_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->minors_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Identify minors with a parent or guardian present"), -1);
  gtk_switch_set_active (GTK_SWITCH (self->minors_switch),
                         sp_store_get_setting_int (store, SP_SETTING_SPID_MINORS_ALLOWED, 0) != 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->minors_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->minors_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_group (self, group, _("Save _Identification Settings"), G_CALLBACK (on_save_spid_clicked_cb), admin);

  /* The seal is the comune's and its key a secret: not even shown to others. */
  if (admin)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (sp_seal_group_new (context)));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Outbox"));
  self->outbox_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->outbox_label, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->outbox_label));
  button = gtk_button_new_with_mnemonic (_("Send _Now"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_send_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  update_outbox (self);
}

static void
sp_spid_preferences_page_class_init (SpSpidPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sp_spid_preferences_page_constructed;
}

static void
sp_spid_preferences_page_init (SpSpidPreferencesPage *self)
{
}

GtkWidget *
sp_spid_preferences_page_new (SpContext *context)
{
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);

  return g_object_new (SP_TYPE_SPID_PREFERENCES_PAGE, "context", context, NULL);
}
