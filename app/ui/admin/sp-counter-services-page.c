/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-counter-services-page.c — add, rename, give shortcuts to, order and
 * turn off the other counter services. Admins only. */

#define G_LOG_DOMAIN "sp-counter-services-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-counter-service.h"
#include "sp-counter-services-page.h"
#include "sp-entry-row.h"
#include "sp-form.h"

/* The controls of a service's row, by the key each is kept under. */
typedef enum
{
  CONTROL_NONE,
  CONTROL_SHORTCUT,
  CONTROL_UP,
  CONTROL_DOWN,
  CONTROL_RENAME,
  CONTROL_ACTIVE,
} Control;

static const char * const control_keys[] = { NULL, "shortcut", "up", "down", "rename", "active" };

struct _SpCounterServicesPage
{
  SpPreferencesPage   parent_instance;

  /* template widgets */
  GtkListBox         *services_list;
  SpEntryRow         *name_row;
  SpEntryRow         *code_row;
  AdwComboRow        *shortcut_row;
  GtkButton          *add_button;

  /* owned */
  GListModel         *services;         /* SpCounterService, all, in order */
  GtkStringList      *shortcut_labels;  /* None, Ctrl+1 … Ctrl+9 */
  GtkSizeGroup       *shortcut_widths;  /* the rows' controls line up */
  guint               reload_id;
  char               *focus_code;       /* after a reload, the focus goes to */
  Control             focus_control;    /* this control of this service */

  /* the form, as the admin fills it */
  gboolean            updating;         /* the page itself writes a field */
  gboolean            code_by_hand;     /* typed: no longer follows the name */
  gboolean            shortcut_by_hand; /* chosen: no longer the first free */
};

static gboolean reload_idle_cb     (gpointer               user_data);
static void     open_rename_dialog (SpCounterServicesPage *self,
                                    SpCounterService      *service,
                                    const char            *text);

G_DEFINE_FINAL_TYPE (SpCounterServicesPage, sp_counter_services_page, SP_TYPE_PREFERENCES_PAGE)

static SpContext *
get_context (SpCounterServicesPage *self)
{
  return sp_preferences_page_get_context (SP_PREFERENCES_PAGE (self));
}

static SpStore *
get_store (SpCounterServicesPage *self)
{
  return sp_preferences_page_get_store (SP_PREFERENCES_PAGE (self));
}

static SpCounterService *
service_of (gpointer control)
{
  return g_object_get_data (G_OBJECT (control), "service");
}

/* The first shortcut no service has, or 0. */
static guint
first_free_shortcut (SpCounterServicesPage *self)
{
  gboolean used[SP_COUNTER_SERVICE_SHORTCUT_MAX + 1] = { FALSE };

  for (guint i = 0; self->services != NULL && i < g_list_model_get_n_items (self->services); i++)
    {
      g_autoptr(SpCounterService) service = g_list_model_get_item (self->services, i);
      used[sp_counter_service_get_shortcut (service)] = TRUE;
    }
  for (guint n = 1; n <= SP_COUNTER_SERVICE_SHORTCUT_MAX; n++)
    if (!used[n])
      return n;
  return 0;
}

/* Checks the new service as it is typed. An empty field is no error yet:
 * it only keeps the button off. */
static void
validate_add (SpCounterServicesPage *self)
{
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) code_error = NULL;
  g_autoptr(GError) shortcut_error = NULL;
  g_autofree char *name = sp_form_dup_text (GTK_EDITABLE (self->name_row));
  g_autofree char *code = sp_form_dup_text (GTK_EDITABLE (self->code_row));
  guint shortcut = adw_combo_row_get_selected (self->shortcut_row);
  gboolean name_ok = sp_counter_service_check_name (get_store (self), name, 0, &name_error);
  gboolean code_ok = sp_counter_service_check_code (get_store (self), code, &code_error);
  gboolean shortcut_ok = sp_counter_service_check_shortcut (get_store (self), shortcut, 0, &shortcut_error);

  sp_entry_row_set_error (self->name_row, name_ok || *name == '\0' ? NULL : name_error->message);
  sp_entry_row_set_error (self->code_row, code_ok || *code == '\0' ? NULL : code_error->message);
  sp_form_set_row_error (GTK_WIDGET (self->shortcut_row), shortcut_ok ? NULL : shortcut_error->message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->shortcut_row), shortcut_ok ? "" : shortcut_error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), name_ok && code_ok && shortcut_ok);
}

static void
set_field (SpCounterServicesPage *self,
           SpEntryRow            *row,
           const char            *text)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->updating = FALSE;
}

static void
restore_focus (SpCounterServicesPage *self)
{
  GtkWidget *row;

  if (self->focus_code == NULL)
    return;

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->services_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      SpCounterService *service = service_of (row);
      GtkWidget *control;

      if (service == NULL || !g_str_equal (sp_counter_service_get_code (service), self->focus_code))
        continue;
      control = g_object_get_data (G_OBJECT (row), control_keys[self->focus_control]);
      /* Moved to the top or the bottom: the other arrow still can. */
      if (!gtk_widget_get_sensitive (control) && self->focus_control == CONTROL_UP)
        control = g_object_get_data (G_OBJECT (row), control_keys[CONTROL_DOWN]);
      else if (!gtk_widget_get_sensitive (control) && self->focus_control == CONTROL_DOWN)
        control = g_object_get_data (G_OBJECT (row), control_keys[CONTROL_UP]);
      gtk_widget_grab_focus (control);
      break;
    }

  g_clear_pointer (&self->focus_code, g_free);
}

/* A control at the end of a service's row: centred, named for screen
 * readers after the service, and found again by its key after a reload. */
G_GNUC_PRINTF (5, 6)
static void
add_control (AdwActionRow     *row,
             SpCounterService *service,
             GtkWidget        *control,
             Control           which,
             const char       *name_format,
             ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, name_format);
  name = g_strdup_vprintf (name_format, args);
  va_end (args);

  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (GTK_IS_BUTTON (control))
    {
      gtk_widget_set_tooltip_text (control, name);
      gtk_widget_add_css_class (control, "flat");
    }
  g_object_set_data_full (G_OBJECT (control), "service", g_object_ref (service), g_object_unref);
  g_object_set_data (G_OBJECT (row), control_keys[which], control);
  adw_action_row_add_suffix (row, control);
}

/* The list is rebuilt after each edit: the focus will go back to the
 * control used, as a keyboard user expects. */
static void
remember_focus (SpCounterServicesPage *self,
                SpCounterService      *service,
                Control                control)
{
  g_free (self->focus_code);
  self->focus_code = g_strdup (sp_counter_service_get_code (service));
  self->focus_control = control;
}

/* After an edit every view of the list reloads: this one, and the home
 * page's buttons and shortcuts. */
static void
edited (SpCounterServicesPage *self,
        SpCounterService      *service,
        Control                control)
{
  remember_focus (self, service, control);
  sp_context_notify_changed (get_context (self), SP_CONTEXT_CHANGED_COUNTER_SERVICES);
}

/* Rows are rebuilt after the signal that changed them has returned. */
static void
queue_reload (SpCounterServicesPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* Says why, and shows the list as stored again. */
static void
refused (SpCounterServicesPage *self,
         SpCounterService      *service,
         Control                control,
         const GError          *error)
{
  sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), error->message);
  remember_focus (self, service, control);
  queue_reload (self);
}

static void
on_row_shortcut_selected_cb (GtkDropDown           *dropdown,
                             GParamSpec            *pspec,
                             SpCounterServicesPage *self)
{
  g_autoptr(GError) error = NULL;
  SpCounterService *service = service_of (dropdown);

  if (sp_counter_service_set_shortcut (get_store (self), sp_context_get_actor (get_context (self)), service,
                                       (int) gtk_drop_down_get_selected (dropdown), &error))
    edited (self, service, CONTROL_SHORTCUT);
  else
    refused (self, service, CONTROL_SHORTCUT, error);
}

static void
on_move_clicked_cb (GtkButton             *button,
                    SpCounterServicesPage *self)
{
  g_autoptr(GError) error = NULL;
  SpCounterService *service = service_of (button);
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  Control control = delta < 0 ? CONTROL_UP : CONTROL_DOWN;

  if (sp_counter_service_move (get_store (self), sp_context_get_actor (get_context (self)), service, delta, &error))
    edited (self, service, control);
  else
    refused (self, service, control, error);
}

static void
on_active_set_cb (GtkSwitch             *toggle,
                  GParamSpec            *pspec,
                  SpCounterServicesPage *self)
{
  g_autoptr(GError) error = NULL;
  SpCounterService *service = service_of (toggle);

  if (sp_counter_service_set_active (get_store (self), sp_context_get_actor (get_context (self)), service,
                                     gtk_switch_get_active (toggle), &error))
    edited (self, service, CONTROL_ACTIVE);
  else
    refused (self, service, CONTROL_ACTIVE, error);
}

static void
on_rename_text_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  SpCounterServicesPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  SpCounterService *service = g_object_get_data (G_OBJECT (dialog), "service");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = sp_form_dup_text (entry);
  gboolean ok = sp_counter_service_check_name (get_store (self), text, sp_counter_service_get_id (service), &error);

  adw_message_dialog_set_body (dialog, ok ? _("Clerks see the new name on the home page at once.")
                                          : error->message);
  adw_message_dialog_set_response_enabled (dialog, "rename",
                                           ok && !g_str_equal (text, sp_counter_service_get_display_name (service)));
}

static void
on_rename_response_cb (AdwMessageDialog      *dialog,
                       const char            *response,
                       SpCounterServicesPage *self)
{
  g_autoptr(GError) error = NULL;
  SpCounterService *service = g_object_get_data (G_OBJECT (dialog), "service");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  if (g_strcmp0 (response, "rename") != 0)
    return;

  if (!sp_counter_service_rename (get_store (self), sp_context_get_actor (get_context (self)), service,
                                  gtk_editable_get_text (entry), &error))
    {
      /* Nothing typed is lost: the dialog comes back with it. */
      sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), error->message);
      open_rename_dialog (self, service, gtk_editable_get_text (entry));
      return;
    }

  edited (self, service, CONTROL_RENAME);
}

static void
open_rename_dialog (SpCounterServicesPage *self,
                    SpCounterService      *service,
                    const char            *text)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* Translators: the heading of a dialog; %s is a counter service's name */
  heading = g_strdup_printf (_("Rename “%s”"), sp_counter_service_get_display_name (service));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  dialog = sp_form_entry_dialog_new (GTK_WIDGET (self), heading, entry, _("New name"), "rename", _("_Rename"));
  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "service", g_object_ref (service), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_rename_text_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);
  sp_form_entry_dialog_present (dialog);
}

static void
on_rename_clicked_cb (GtkButton             *button,
                      SpCounterServicesPage *self)
{
  SpCounterService *service = service_of (button);

  open_rename_dialog (self, service, sp_counter_service_get_display_name (service));
}

static GtkWidget *
create_row (SpCounterServicesPage *self,
            SpCounterService      *service,
            guint                  index,
            guint                  n_services)
{
  const char *name = sp_counter_service_get_display_name (service);
  const char *code = sp_counter_service_get_code (service);
  gboolean active = sp_counter_service_get_active (service);
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;
  GtkWidget *dropdown, *up, *down, *rename, *toggle;

  row = ADW_ACTION_ROW (adw_action_row_new ());
  /* Names are the comune's own text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  /* Translators: the code of a counter service no longer in use */
  subtitle = active ? g_strdup (code) : g_strdup_printf (_("%s · turned off"), code);
  adw_action_row_set_subtitle (row, subtitle);
  g_object_set_data_full (G_OBJECT (row), "service", g_object_ref (service), g_object_unref);

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->shortcut_labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), sp_counter_service_get_shortcut (service));
  /* A service no longer in use keeps no shortcut. */
  gtk_widget_set_sensitive (dropdown, active);
  gtk_size_group_add_widget (self->shortcut_widths, dropdown);
  /* Translators: accessible name; %s is a counter service's name */
  add_control (row, service, dropdown, CONTROL_SHORTCUT, _("Shortcut of %s"), name);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_row_shortcut_selected_cb), self);

  up = gtk_button_new_from_icon_name ("go-up-symbolic");
  gtk_widget_set_sensitive (up, index > 0);
  g_object_set_data (G_OBJECT (up), "delta", GINT_TO_POINTER (-1));
  /* Translators: a button's accessible name; %s is a counter service's name */
  add_control (row, service, up, CONTROL_UP, _("Move %s up"), name);
  g_signal_connect (up, "clicked", G_CALLBACK (on_move_clicked_cb), self);

  down = gtk_button_new_from_icon_name ("go-down-symbolic");
  gtk_widget_set_sensitive (down, index + 1 < n_services);
  g_object_set_data (G_OBJECT (down), "delta", GINT_TO_POINTER (1));
  /* Translators: a button's accessible name; %s is a counter service's name */
  add_control (row, service, down, CONTROL_DOWN, _("Move %s down"), name);
  g_signal_connect (down, "clicked", G_CALLBACK (on_move_clicked_cb), self);

  rename = gtk_button_new_from_icon_name ("document-edit-symbolic");
  /* Translators: a button's accessible name; %s is a counter service's name */
  add_control (row, service, rename, CONTROL_RENAME, _("Rename %s"), name);
  g_signal_connect (rename, "clicked", G_CALLBACK (on_rename_clicked_cb), self);

  toggle = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  /* Translators: accessible name of a switch; %s is a counter service's name */
  add_control (row, service, toggle, CONTROL_ACTIVE, _("%s in use"), name);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_active_set_cb), self);

  return GTK_WIDGET (row);
}

static void
reload (SpCounterServicesPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n;

  g_clear_object (&self->services);
  self->services = sp_counter_service_list (get_store (self), TRUE, &error);
  if (self->services == NULL)
    {
      sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->services_list))) != NULL)
    gtk_list_box_remove (self->services_list, child);
  n = g_list_model_get_n_items (self->services);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpCounterService) service = g_list_model_get_item (self->services, i);
      gtk_list_box_append (self->services_list, create_row (self, service, i, n));
    }
  restore_focus (self);

  if (!self->shortcut_by_hand)
    {
      self->updating = TRUE;
      adw_combo_row_set_selected (self->shortcut_row, first_free_shortcut (self));
      self->updating = FALSE;
    }
  validate_add (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  SpCounterServicesPage *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_name_changed_cb (SpCounterServicesPage *self)
{
  /* The code follows the name until the admin types one. */
  if (!self->code_by_hand)
    {
      g_autofree char *code = sp_counter_service_suggest_code (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
      set_field (self, self->code_row, code);
    }
  validate_add (self);
}

static void
on_code_changed_cb (SpCounterServicesPage *self)
{
  if (self->updating)
    return;
  /* Cleared, it follows the name again. */
  self->code_by_hand = *gtk_editable_get_text (GTK_EDITABLE (self->code_row)) != '\0';
  validate_add (self);
}

static void
on_shortcut_selected_cb (SpCounterServicesPage *self)
{
  if (self->updating)
    return;
  self->shortcut_by_hand = TRUE;
  validate_add (self);
}

static void
on_add_clicked_cb (SpCounterServicesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) service = NULL;
  g_autofree char *message = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->add_button)))
    return;

  service = sp_counter_service_add (get_store (self), sp_context_get_actor (get_context (self)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->code_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                    (int) adw_combo_row_get_selected (self->shortcut_row), &error);
  if (service == NULL)
    {
      /* The form keeps what was typed. */
      sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), error->message);
      return;
    }

  /* Translators: %s is the new counter service's name */
  message = g_strdup_printf (_("“%s” was added."), sp_counter_service_get_display_name (service));
  sp_preferences_page_show_toast (SP_PREFERENCES_PAGE (self), message);

  /* Ready for the next one. */
  self->code_by_hand = FALSE;
  self->shortcut_by_hand = FALSE;
  set_field (self, self->code_row, "");
  set_field (self, self->name_row, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  sp_context_notify_changed (get_context (self), SP_CONTEXT_CHANGED_COUNTER_SERVICES);
}

static void
sp_counter_services_page_constructed (GObject *object)
{
  SpCounterServicesPage *self = (SpCounterServicesPage *)object;

  G_OBJECT_CLASS (sp_counter_services_page_parent_class)->constructed (object);

  /* Edits here and anywhere else that tells the context. */
  g_signal_connect_object (get_context (self), "changed::" SP_CONTEXT_CHANGED_COUNTER_SERVICES,
                           G_CALLBACK (queue_reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
sp_counter_services_page_dispose (GObject *object)
{
  SpCounterServicesPage *self = (SpCounterServicesPage *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_COUNTER_SERVICES_PAGE);
  g_clear_object (&self->services);
  g_clear_object (&self->shortcut_labels);
  g_clear_object (&self->shortcut_widths);

  G_OBJECT_CLASS (sp_counter_services_page_parent_class)->dispose (object);
}

static void
sp_counter_services_page_finalize (GObject *object)
{
  SpCounterServicesPage *self = (SpCounterServicesPage *)object;

  g_free (self->focus_code);

  G_OBJECT_CLASS (sp_counter_services_page_parent_class)->finalize (object);
}

static void
sp_counter_services_page_class_init (SpCounterServicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_counter_services_page_constructed;
  object_class->dispose = sp_counter_services_page_dispose;
  object_class->finalize = sp_counter_services_page_finalize;

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-counter-services-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpCounterServicesPage, services_list);
  gtk_widget_class_bind_template_child (widget_class, SpCounterServicesPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, SpCounterServicesPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, SpCounterServicesPage, shortcut_row);
  gtk_widget_class_bind_template_child (widget_class, SpCounterServicesPage, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_shortcut_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
}

static void
sp_counter_services_page_init (SpCounterServicesPage *self)
{
  self->shortcut_widths = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->shortcut_labels = gtk_string_list_new (NULL);
  /* Translators: no keyboard shortcut */
  gtk_string_list_append (self->shortcut_labels, C_("shortcut", "None"));
  for (guint n = 1; n <= SP_COUNTER_SERVICE_SHORTCUT_MAX; n++)
    {
      g_autofree char *label = gtk_accelerator_get_label (GDK_KEY_0 + n, GDK_CONTROL_MASK);
      gtk_string_list_append (self->shortcut_labels, label);
    }

  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = TRUE;
  adw_combo_row_set_model (self->shortcut_row, G_LIST_MODEL (self->shortcut_labels));
  self->updating = FALSE;
}

GtkWidget *
sp_counter_services_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_COUNTER_SERVICES_PAGE, "context", context, NULL);
}
