/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-entry-row.c — title, entry and inline error in one list row */
#define G_LOG_DOMAIN "sp-entry-row"

#include "config.h"

#include "sp-entry-row.h"

struct _SpEntryRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *entry;
  gboolean      password;
};

static void sp_entry_row_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpEntryRow, sp_entry_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, sp_entry_row_editable_init))

enum {
  PROP_0,
  PROP_PASSWORD,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkEditable *
sp_entry_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (SP_ENTRY_ROW (editable)->entry);
}

static void
sp_entry_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = sp_entry_row_get_delegate;
}

static void
on_entry_activate_cb (GtkWidget  *entry,
                      SpEntryRow *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
update_accessible_name (SpEntryRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
on_title_changed_cb (SpEntryRow *self)
{
  update_accessible_name (self);
}

void
sp_entry_row_set_error (SpEntryRow *self,
                        const char *message)
{
  g_return_if_fail (SP_IS_ENTRY_ROW (self));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), message != NULL ? message : "");
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

GtkWidget *
sp_entry_row_get_entry (SpEntryRow *self)
{
  g_return_val_if_fail (SP_IS_ENTRY_ROW (self), NULL);
  return self->entry;
}

static void
sp_entry_row_constructed (GObject *object)
{
  SpEntryRow *self = (SpEntryRow *)object;

  G_OBJECT_CLASS (sp_entry_row_parent_class)->constructed (object);

  if (self->password)
    {
      self->entry = gtk_password_entry_new ();
      gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (self->entry), TRUE);
    }
  else
    self->entry = gtk_entry_new ();

  gtk_widget_set_valign (self->entry, GTK_ALIGN_CENTER);
  /* One width for every entry, so that a form's fields line up. */
  gtk_widget_set_size_request (self->entry, 300, -1);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->entry);

  gtk_editable_init_delegate (GTK_EDITABLE (self));
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
  update_accessible_name (self);
}

static void
sp_entry_row_dispose (GObject *object)
{
  SpEntryRow *self = (SpEntryRow *)object;

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  self->entry = NULL;

  G_OBJECT_CLASS (sp_entry_row_parent_class)->dispose (object);
}

static void
sp_entry_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SpEntryRow *self = SP_ENTRY_ROW (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_PASSWORD:
      self->password = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_entry_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SpEntryRow *self = SP_ENTRY_ROW (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_PASSWORD:
      g_value_set_boolean (value, self->password);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
sp_entry_row_grab_focus (GtkWidget *widget)
{
  SpEntryRow *self = SP_ENTRY_ROW (widget);

  return self->entry != NULL && gtk_widget_grab_focus (self->entry);
}

static void
sp_entry_row_class_init (SpEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_entry_row_constructed;
  object_class->dispose = sp_entry_row_dispose;
  object_class->get_property = sp_entry_row_get_property;
  object_class->set_property = sp_entry_row_set_property;
  widget_class->grab_focus = sp_entry_row_grab_focus;

  properties[PROP_PASSWORD] =
    g_param_spec_boolean ("password", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);

  /* Enter in the entry: forms use it to go on or confirm. */
  signals[ACTIVATED] = g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sp_entry_row_init (SpEntryRow *self)
{
}
