/* sp-tally-bar.c — counting other counter services with one click */
#define G_LOG_DOMAIN "sp-tally-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-report.h"
#include "sp-tally-bar.h"
#include "sp-window.h"

struct _SpTallyBar
{
  GtkWidget              parent_instance;

  GtkWidget             *box;
  GtkShortcutController *shortcuts;

  SpContext             *context;
  gboolean               use_shortcuts;
  GPtrArray             *services;   /* SpCounterService */
};

G_DEFINE_FINAL_TYPE (SpTallyBar, sp_tally_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SHORTCUTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
count_service (SpTallyBar *self,
               guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SpCounterService *service;
  SpDesk *desk;
  SpOperator *op;

  if (self->services == NULL || index >= self->services->len || sp_context_get_locked (self->context))
    return;
  service = g_ptr_array_index (self->services, index);
  desk = sp_context_get_desk (self->context);
  op = sp_context_get_operator (self->context);

  if (!sp_report_add_tally (sp_context_get_store (self->context),
                            desk != NULL ? sp_desk_get_id (desk) : 0,
                            op != NULL ? sp_operator_get_id (op) : 0,
                            service->code, &error))
    message = g_strdup (error->message);
  else
    /* Translators: shown after a click on a counter service; %s is its name */
    message = g_strdup_printf (_("Counted: %s"), _(service->name));

  sp_window_show_toast_for (GTK_WIDGET (self), message);
}

static void
on_button_clicked_cb (GtkButton  *button,
                      SpTallyBar *self)
{
  count_service (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static gboolean
on_shortcut_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  count_service (SP_TALLY_BAR (widget), g_variant_get_uint32 (args));
  return TRUE;
}

void
sp_tally_bar_reload (SpTallyBar *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkWidget *title;

  g_return_if_fail (SP_IS_TALLY_BAR (self));

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  if (self->shortcuts != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->shortcuts);
      while (g_list_model_get_n_items (model) > 0)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (model, 0);
          gtk_shortcut_controller_remove_shortcut (self->shortcuts, s);
        }
    }

  g_clear_pointer (&self->services, g_ptr_array_unref);
  self->services = sp_counter_service_list (sp_context_get_store (self->context), &error);
  if (self->services == NULL)
    {
      g_warning ("Cannot list the counter services: %s", error->message);
      return;
    }

  title = gtk_label_new (_("Other services:"));
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (self->box), title);

  for (guint i = 0; i < self->services->len; i++)
    {
      SpCounterService *service = g_ptr_array_index (self->services, i);
      GtkWidget *button = gtk_button_new_with_label (_(service->name));

      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_button_clicked_cb), self);
      if (self->use_shortcuts && service->shortcut > 0)
        {
          g_autofree char *accel = g_strdup_printf ("<Control>%d", service->shortcut);
          /* Translators: a tooltip; %s is a shortcut such as Ctrl+1 */
          g_autofree char *tip = NULL;
          GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (accel);
          GtkShortcutAction *action = gtk_callback_action_new (on_shortcut_cb, NULL, NULL);
          GtkShortcut *shortcut = gtk_shortcut_new (trigger, action);
          guint key;
          GdkModifierType mods;

          gtk_shortcut_set_arguments (shortcut, g_variant_new_uint32 (i));
          gtk_shortcut_controller_add_shortcut (self->shortcuts, shortcut);
          gtk_accelerator_parse (accel, &key, &mods);
          g_autofree char *label = gtk_accelerator_get_label (key, mods);
          tip = g_strdup_printf (_("Count one (%s)"), label);
          gtk_widget_set_tooltip_text (button, tip);
        }
      gtk_box_append (GTK_BOX (self->box), button);
    }
}

static void
sp_tally_bar_constructed (GObject *object)
{
  SpTallyBar *self = SP_TALLY_BAR (object);

  G_OBJECT_CLASS (sp_tally_bar_parent_class)->constructed (object);

  if (self->use_shortcuts)
    {
      self->shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
      gtk_shortcut_controller_set_scope (self->shortcuts, GTK_SHORTCUT_SCOPE_GLOBAL);
      gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->shortcuts));
    }
  sp_tally_bar_reload (self);
}

static void
sp_tally_bar_dispose (GObject *object)
{
  SpTallyBar *self = SP_TALLY_BAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sp_tally_bar_parent_class)->dispose (object);
}

static void
sp_tally_bar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SpTallyBar *self = SP_TALLY_BAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SHORTCUTS:
      self->use_shortcuts = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_tally_bar_class_init (SpTallyBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_tally_bar_constructed;
  object_class->dispose = sp_tally_bar_dispose;
  object_class->set_property = sp_tally_bar_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SP_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORTCUTS] =
    g_param_spec_boolean ("shortcuts", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
sp_tally_bar_init (SpTallyBar *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Count other counter services"), -1);
}

GtkWidget *
sp_tally_bar_new (SpContext *context,
                  gboolean   shortcuts)
{
  return g_object_new (SP_TYPE_TALLY_BAR, "context", context, "shortcuts", shortcuts, NULL);
}
