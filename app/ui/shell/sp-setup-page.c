/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-setup-page.c — the set-up form shown on an empty database */
#define G_LOG_DOMAIN "sp-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-codice-fiscale.h"
#include "sp-entry-row.h"
#include "sp-form.h"
#include "sp-password.h"
#include "sp-setup-page.h"
#include "sp-setup.h"

struct _SpSetupPage
{
  SpPage       parent_instance;

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
