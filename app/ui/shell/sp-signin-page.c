/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-signin-page.c — sign-in and unlock */
#define G_LOG_DOMAIN "sp-signin-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-construct-property.h"
#include "sp-demo.h"
#include "sp-entry-row.h"
#include "sp-form.h"
#include "sp-signin-page.h"

struct _SpSigninPage
{
  SpPage         parent_instance;

  /* template widgets */
  AdwStatusPage *status_page;
  AdwComboRow   *desk_row;
  SpEntryRow   *username_row;
  SpEntryRow   *password_row;
  GtkLabel      *demo_label;
  GtkLabel      *database_label;
  GtkLabel      *error_label;
  GtkButton     *signin_button;

  /* owned */
  GSettings     *settings;
  GListModel    *desks;
};

G_DEFINE_FINAL_TYPE (SpSigninPage, sp_signin_page, SP_TYPE_PAGE)

static void
show_error (SpSigninPage *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_button (SpSigninPage *self)
{
  gboolean ready = self->desks != NULL &&
                   adw_combo_row_get_selected (self->desk_row) != GTK_INVALID_LIST_POSITION &&
                   *gtk_editable_get_text (GTK_EDITABLE (self->username_row)) != '\0' &&
                   *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->signin_button), ready);
}

static void
on_field_changed_cb (SpSigninPage *self)
{
  update_button (self);
}

static void
on_signin_cb (SpSigninPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDesk) desk = NULL;
  g_autofree char *username = sp_form_dup_text (GTK_EDITABLE (self->username_row));
  guint selected = adw_combo_row_get_selected (self->desk_row);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->signin_button)) || selected == GTK_INVALID_LIST_POSITION)
    return;

  desk = g_list_model_get_item (self->desks, selected);
  if (!sp_context_sign_in (sp_page_get_context (SP_PAGE (self)), desk, username,
                           gtk_editable_get_text (GTK_EDITABLE (self->password_row)), &error))
    {
      show_error (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  g_settings_set_string (self->settings, "last-desk", sp_desk_get_uuid (desk));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
}

static char *
desk_name_cb (SpDesk *desk)
{
  return g_strdup (sp_desk_get_name (desk));
}

/* Which database this desk is on: a file here, or an office's server. */
static void
update_database (SpSigninPage *self)
{
  SpStore *store = sp_context_get_store (sp_page_get_context (SP_PAGE (self)));
  g_autofree char *where = sp_store_describe_location (sp_store_get_path (store));
  /* Translators: %s is a file ("/home/…/sportello.db") or a server
   * ("database «sportello» on «db.comune.it» as «desk»") */
  g_autofree char *text = g_strdup_printf (_("Database: %s"), where);

  gtk_label_set_text (self->database_label, text);
}

/* demo1, demo2 … demo10, then demo-supervisor. */
static int
compare_demo_usernames (gconstpointer a,
                        gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  gboolean x_numbered = g_ascii_isdigit (x[strlen ("demo")]);
  gboolean y_numbered = g_ascii_isdigit (y[strlen ("demo")]);

  if (x_numbered != y_numbered)
    return x_numbered ? -1 : 1;
  if (strlen (x) != strlen (y))
    return strlen (x) < strlen (y) ? -1 : 1;
  return strcmp (x, y);
}

/* On a database the demo filled, whoever tries the program must not have
 * to look for how to sign in: the demo's operators and their password. */
static void
update_demo (SpSigninPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) operators = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;

  if (sp_context_get_demo (sp_page_get_context (SP_PAGE (self))))
    operators = sp_operator_list (sp_page_get_store (SP_PAGE (self)), FALSE, &error);
  if (operators == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->demo_label), FALSE);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (operators); i++)
    {
      g_autoptr(SpOperator) op = g_list_model_get_item (operators, i);

      if (g_str_has_prefix (sp_operator_get_username (op), "demo"))
        g_ptr_array_add (names, (gpointer) sp_operator_get_username (op));
    }
  g_ptr_array_sort (names, compare_demo_usernames);
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);

  /* Translators: %s is a list of usernames ("demo1, demo2, demo-supervisor"),
   * the second %s the demo's password */
  text = g_strdup_printf (_("Demo database: the operators %s sign in with the password %s."),
                          list, SP_DEMO_PASSWORD);
  gtk_label_set_text (self->demo_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), names->len > 1);
}

void
sp_signin_page_reset (SpSigninPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  SpContext *context;
  SpOperator *op;
  guint selected = 0;

  g_return_if_fail (SP_IS_SIGNIN_PAGE (self));

  context = sp_page_get_context (SP_PAGE (self));
  update_demo (self);
  update_database (self);
  g_clear_object (&self->desks);
  self->desks = sp_desk_list (sp_context_get_store (context), FALSE, &error);
  if (self->desks == NULL)
    {
      show_error (self, error->message);
      return;
    }
  adw_combo_row_set_model (self->desk_row, self->desks);

  /* The desk of the running session, or the one chosen last time here. */
  last = g_settings_get_string (self->settings, "last-desk");
  for (guint i = 0; i < g_list_model_get_n_items (self->desks); i++)
    {
      g_autoptr(SpDesk) desk = g_list_model_get_item (self->desks, i);
      SpDesk *current = sp_context_get_desk (context);

      if ((current != NULL && sp_desk_get_id (current) == sp_desk_get_id (desk)) ||
          (current == NULL && g_strcmp0 (last, sp_desk_get_uuid (desk)) == 0))
        selected = i;
    }
  adw_combo_row_set_selected (self->desk_row, selected);

  op = sp_context_get_operator (context);
  if (op != NULL && sp_context_get_locked (context))
    {
      g_autofree char *description = NULL;

      adw_status_page_set_title (self->status_page, _("Locked"));
      /* Translators: %s is the operator's name */
      description = g_strdup_printf (_("Personal data is hidden. %s can type the password to go on; another operator signing in ends that session."),
                                     sp_operator_get_display_name (op));
      adw_status_page_set_description (self->status_page, description);
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), sp_operator_get_username (op));
    }
  else
    {
      adw_status_page_set_title (self->status_page, _("Sign In"));
      adw_status_page_set_description (self->status_page,
                                       _("Choose your desk and type your username and password."));
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), "");
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  update_button (self);

  if (op != NULL && sp_context_get_locked (context))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
}

static void
sp_signin_page_constructed (GObject *object)
{
  SpSigninPage *self = (SpSigninPage *)object;
  g_autoptr(GtkExpression) expression = NULL;

  G_OBJECT_CLASS (sp_signin_page_parent_class)->constructed (object);

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (desk_name_cb), NULL, NULL);
  adw_combo_row_set_expression (self->desk_row, expression);
}

static void
sp_signin_page_dispose (GObject *object)
{
  SpSigninPage *self = (SpSigninPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SIGNIN_PAGE);
  g_clear_object (&self->desks);
  sp_construct_properties_clear (object, SP_TYPE_SIGNIN_PAGE);

  G_OBJECT_CLASS (sp_signin_page_parent_class)->dispose (object);
}

static void
sp_signin_page_class_init (SpSigninPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_signin_page_constructed;
  object_class->dispose = sp_signin_page_dispose;

  sp_construct_property_install (object_class, "settings", G_TYPE_SETTINGS,
                                 G_STRUCT_OFFSET (SpSigninPage, settings));

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-signin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSigninPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SpSigninPage, desk_row);
  gtk_widget_class_bind_template_child (widget_class, SpSigninPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, SpSigninPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, SpSigninPage, demo_label);
  gtk_widget_class_bind_template_child (widget_class, SpSigninPage, database_label);
  gtk_widget_class_bind_template_child (widget_class, SpSigninPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpSigninPage, signin_button);
  gtk_widget_class_bind_template_callback (widget_class, on_signin_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
}

static void
sp_signin_page_init (SpSigninPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SpSigninPage *
sp_signin_page_new (SpContext *context,
                    GSettings *settings)
{
  return g_object_new (SP_TYPE_SIGNIN_PAGE, "context", context, "settings", settings, NULL);
}
