/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-tally-bar.c — counting other counter services with one click */
#define G_LOG_DOMAIN "sp-tally-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-construct-property.h"
#include "sp-counter-service.h"
#include "sp-tally-bar.h"
#include "sp-toast.h"

struct _SpTallyBar
{
  SpPage                 parent_instance;

  GtkWidget             *box;
  GtkFlowBox            *buttons;     /* wrap: the comune may list many */
  GtkSizeGroup          *heights;     /* the title and a line of buttons */
  GtkShortcutController *shortcuts;

  gboolean               use_shortcuts;
  GListModel            *services;    /* SpCounterService, active */
};

G_DEFINE_FINAL_TYPE (SpTallyBar, sp_tally_bar, SP_TYPE_PAGE)

static void
count_service (SpTallyBar *self,
               guint       index)
{
  SpContext *context = sp_page_get_context (SP_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCounterService) service = NULL;
  g_autofree char *input = NULL;
  g_autofree char *message = NULL;

  if (self->services == NULL || index >= g_list_model_get_n_items (self->services) ||
      sp_context_get_locked (context))
    return;
  service = g_list_model_get_item (self->services, index);

  /* A click whose outcome was unknown, made again, counts once. */
  input = g_strconcat ("tally|", sp_counter_service_get_code (service), NULL);
  sp_tally_add (sp_context_get_store (context), sp_context_get_actor (context),
                sp_page_begin_write (SP_PAGE (self), input), sp_counter_service_get_code (service), &error);
  sp_page_end_write (SP_PAGE (self), error);
  if (error != NULL)
    message = g_strdup (error->message);
  else
    /* Translators: shown after a click on a counter service; %s is its name */
    message = g_strdup_printf (_("Counted: %s"), sp_counter_service_get_display_name (service));

  sp_toast_show (GTK_WIDGET (self), message);
}

/* The buttons and the Ctrl+N keys: tally.count with the service's place
 * in the list. */
static void
count_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  count_service (SP_TALLY_BAR (widget), g_variant_get_uint32 (parameter));
}

void
sp_tally_bar_reload (SpTallyBar *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (SP_IS_TALLY_BAR (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->buttons))) != NULL)
    gtk_flow_box_remove (self->buttons, child);
  if (self->shortcuts != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->shortcuts);
      while (g_list_model_get_n_items (model) > 0)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (model, 0);
          gtk_shortcut_controller_remove_shortcut (self->shortcuts, s);
        }
    }

  g_clear_object (&self->services);
  self->services = sp_counter_service_list (sp_page_get_store (SP_PAGE (self)), FALSE, &error);
  if (self->services == NULL)
    {
      g_warning ("Cannot list the counter services: %s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (self->services); i++)
    {
      g_autoptr(SpCounterService) service = g_list_model_get_item (self->services, i);
      GtkWidget *button = gtk_button_new_with_label (sp_counter_service_get_display_name (service));
      int digit = sp_counter_service_get_shortcut (service);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "tally.count");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (i));
      if (self->use_shortcuts && digit > 0)
        {
          g_autofree char *accel = g_strdup_printf ("<Control>%d", digit);
          g_autofree char *label = NULL;
          g_autofree char *tip = NULL;
          GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (accel);
          GtkShortcutAction *action = gtk_named_action_new ("tally.count");
          GtkShortcut *shortcut = gtk_shortcut_new (trigger, action);
          guint key;
          GdkModifierType mods;

          gtk_shortcut_set_arguments (shortcut, g_variant_new_uint32 (i));
          gtk_shortcut_controller_add_shortcut (self->shortcuts, shortcut);
          gtk_accelerator_parse (accel, &key, &mods);
          label = gtk_accelerator_get_label (key, mods);
          /* Translators: a tooltip; %s is a shortcut such as Ctrl+1 */
          tip = g_strdup_printf (_("Count one (%s)"), label);
          gtk_widget_set_tooltip_text (button, tip);
        }
      gtk_size_group_add_widget (self->heights, button);
      gtk_flow_box_append (self->buttons, button);
      /* Tab goes from button to button, as in a plain row of them. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
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
  /* An admin edits the list in Preferences: the buttons and the Ctrl+N
   * keys follow at once. */
  g_signal_connect_object (sp_page_get_context (SP_PAGE (self)), "changed::" SP_CONTEXT_CHANGED_COUNTER_SERVICES,
                           G_CALLBACK (sp_tally_bar_reload), self, G_CONNECT_SWAPPED);
  sp_tally_bar_reload (self);
}

static void
sp_tally_bar_dispose (GObject *object)
{
  SpTallyBar *self = SP_TALLY_BAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->heights);
  g_clear_object (&self->services);
  G_OBJECT_CLASS (sp_tally_bar_parent_class)->dispose (object);
}

static void
sp_tally_bar_class_init (SpTallyBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_tally_bar_constructed;
  object_class->dispose = sp_tally_bar_dispose;

  sp_construct_property_install (object_class, "shortcuts", G_TYPE_BOOLEAN,
                                 G_STRUCT_OFFSET (SpTallyBar, use_shortcuts));

  gtk_widget_class_install_action (widget_class, "tally.count", "u", count_action);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
sp_tally_bar_init (SpTallyBar *self)
{
  GtkWidget *title;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* As tall as a button and at the top: level with the first line. */
  title = gtk_label_new (_("Other services:"));
  gtk_widget_set_valign (title, GTK_ALIGN_START);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (self->box), title);
  self->heights = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
  gtk_size_group_add_widget (self->heights, title);

  self->buttons = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->buttons, GTK_SELECTION_NONE);
  /* As many on a line as the width holds (the window never grows). */
  gtk_flow_box_set_max_children_per_line (self->buttons, 32);
  gtk_flow_box_set_row_spacing (self->buttons, 6);
  gtk_flow_box_set_column_spacing (self->buttons, 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self->buttons), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->buttons));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Count other counter services"), -1);
}

GtkWidget *
sp_tally_bar_new (SpContext *context,
                  gboolean   shortcuts)
{
  return g_object_new (SP_TYPE_TALLY_BAR, "context", context, "shortcuts", shortcuts, NULL);
}
