/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-window.c — idle lock, receipt paper (GSettings, this
 * machine) and the comune's details and lockout (database, every desk;
 * admins only) */

#define G_LOG_DOMAIN "sp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cie-preferences-page.h"
#include "sp-construct-property.h"
#include "sp-counter-services-page.h"
#include "sp-spid-preferences-page.h"
#include "sp-form.h"
#include "sp-preferences-window.h"
#include "sp-settings.h"
#include "sp-setup.h"
#include "sp-supervision-preferences-page.h"
#include "sp-toast.h"

struct _SpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  GtkSpinButton        *idle_spin;
  AdwComboRow          *paper_row;
  AdwPreferencesGroup  *comune_group;
  AdwEntryRow          *comune_name_row;
  AdwEntryRow          *comune_ipa_row;
  AdwEntryRow          *comune_address_row;
  AdwPreferencesGroup  *security_group;
  GtkSpinButton        *lockout_spin;

  /* owned */
  SpContext            *context;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Writes one database setting and its audit row together. */
static void
save_setting (SpPreferencesWindow *self,
              const char          *key,
              const char          *value)
{
  g_autoptr(GError) error = NULL;
  const char *keys[] = { key, NULL };
  const char *values[] = { value, NULL };

  if (sp_settings_save (sp_context_get_store (self->context), sp_context_get_actor (self->context),
                        keys, values, &error))
    sp_toast_show (GTK_WIDGET (self), _("Saved."));
  else
    sp_toast_show (GTK_WIDGET (self), error->message);
}

static void
on_comune_name_apply_cb (AdwEntryRow         *row,
                         SpPreferencesWindow *self)
{
  g_autofree char *text = sp_form_dup_text (GTK_EDITABLE (row));

  if (*text == '\0')
    {
      sp_form_set_row_error (GTK_WIDGET (row), _("The name of the comune is missing."));
      return;
    }

  sp_form_set_row_error (GTK_WIDGET (row), NULL);
  save_setting (self, SP_SETTING_COMUNE_NAME, text);
}

static void
on_comune_ipa_apply_cb (AdwEntryRow         *row,
                        SpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = sp_form_dup_text (GTK_EDITABLE (row));

  if (!sp_setup_check_ipa (text, &error))
    {
      sp_form_set_row_error (GTK_WIDGET (row), error->message);
      return;
    }

  sp_form_set_row_error (GTK_WIDGET (row), NULL);
  save_setting (self, SP_SETTING_COMUNE_IPA, text);
}

static void
on_comune_address_apply_cb (AdwEntryRow         *row,
                            SpPreferencesWindow *self)
{
  g_autofree char *text = sp_form_dup_text (GTK_EDITABLE (row));

  save_setting (self, SP_SETTING_COMUNE_ADDRESS, text);
}

static void
on_lockout_changed_cb (GtkSpinButton       *spin,
                       SpPreferencesWindow *self)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));
  g_autofree char *current = sp_store_get_setting (sp_context_get_store (self->context),
                                                   SP_SETTING_LOCKOUT_MINUTES);

  if (g_strcmp0 (current, value) != 0)
    save_setting (self, SP_SETTING_LOCKOUT_MINUTES, value);
}

static void
on_paper_selected_cb (AdwComboRow         *row,
                      GParamSpec          *pspec,
                      SpPreferencesWindow *self)
{
  g_settings_set_enum (self->settings, "default-paper", adw_combo_row_get_selected (row));
}

static void
load_entry (AdwEntryRow *row,
            SpStore     *store,
            const char  *key)
{
  g_autofree char *value = sp_store_get_setting (store, key);

  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  sp_form_name_entry_row (row);
}

static void
sp_preferences_window_constructed (GObject *object)
{
  SpPreferencesWindow *self = (SpPreferencesWindow *)object;
  SpStore *store = sp_context_get_store (self->context);
  SpOperator *op = sp_context_get_operator (self->context);
  gboolean admin = op != NULL && sp_operator_is_admin (op);

  G_OBJECT_CLASS (sp_preferences_window_parent_class)->constructed (object);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (sp_cie_preferences_page_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (sp_spid_preferences_page_new (self->context)));
  /* Clerks neither export nor erase: the page is not theirs to read. */
  if (op != NULL && sp_operator_can_supervise (op))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (sp_supervision_preferences_page_new (self->context)));
  /* The list of counter services is the comune's, like its people. */
  if (admin)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (sp_counter_services_page_new (self->context)));

  g_settings_bind (self->settings, "idle-lock-minutes",
                   gtk_spin_button_get_adjustment (self->idle_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  adw_combo_row_set_selected (self->paper_row, g_settings_get_enum (self->settings, "default-paper"));
  g_signal_connect (self->paper_row, "notify::selected", G_CALLBACK (on_paper_selected_cb), self);

  load_entry (self->comune_name_row, store, SP_SETTING_COMUNE_NAME);
  load_entry (self->comune_ipa_row, store, SP_SETTING_COMUNE_IPA);
  load_entry (self->comune_address_row, store, SP_SETTING_COMUNE_ADDRESS);
  gtk_spin_button_set_value (self->lockout_spin,
                             sp_store_get_setting_int (store, SP_SETTING_LOCKOUT_MINUTES,
                                                       SP_DEFAULT_LOCKOUT_MINUTES));
  g_signal_connect (self->lockout_spin, "value-changed", G_CALLBACK (on_lockout_changed_cb), self);

  /* Everyone sees the comune's details; only admins change them. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->comune_group), admin);
  gtk_widget_set_visible (GTK_WIDGET (self->security_group), admin);
}

static void
sp_preferences_window_dispose (GObject *object)
{
  SpPreferencesWindow *self = (SpPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_PREFERENCES_WINDOW);
  sp_construct_properties_clear (object, SP_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (sp_preferences_window_parent_class)->dispose (object);
}

static void
sp_preferences_window_class_init (SpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_preferences_window_constructed;
  object_class->dispose = sp_preferences_window_dispose;

  sp_construct_property_install (object_class, "context", SP_TYPE_CONTEXT,
                                 G_STRUCT_OFFSET (SpPreferencesWindow, context));
  sp_construct_property_install (object_class, "settings", G_TYPE_SETTINGS,
                                 G_STRUCT_OFFSET (SpPreferencesWindow, settings));

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, comune_group);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, comune_name_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, comune_ipa_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, comune_address_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, security_group);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, lockout_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_comune_name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_comune_ipa_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_comune_address_apply_cb);
}

static void
sp_preferences_window_init (SpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_preferences_window_new (SpContext *context,
                           GSettings *settings)
{
  return g_object_new (SP_TYPE_PREFERENCES_WINDOW, "context", context, "settings", settings, NULL);
}
