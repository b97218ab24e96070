/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-preferences-page.c — the CSV separator and the retention
 * period, with how many closed cases are past it now */
#define G_LOG_DOMAIN "sp-supervision-preferences-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-preferences-page.h"
#include "sp-report.h"
#include "sp-retention.h"
#include "sp-settings.h"
#include "sp-supervision-preferences-page.h"

struct _SpSupervisionPreferencesPage
{
  SpPreferencesPage   parent_instance;

  /* template widgets */
  AdwComboRow        *separator_row;
  GtkSpinButton      *months_spin;
  AdwActionRow       *due_row;
  GtkLabel           *due_label;

  /* owned */
  GCancellable       *cancellable;   /* the count of cases past the period */
};

G_DEFINE_FINAL_TYPE (SpSupervisionPreferencesPage, sp_supervision_preferences_page, SP_TYPE_PREFERENCES_PAGE)

/* In the order of the combo row's items. */
static const char * const separators[] = { ";", "," };

/* The cases whose personal data retention erases; emails, receipts and
 * citizens go with them and are not cases of their own. */
static const SpRetentionKind case_kinds[] = {
  SP_RETENTION_IDENTIFICATIONS,
  SP_RETENTION_CIE_REQUESTS,
  SP_RETENTION_APPOINTMENTS,
};

static void
show_due (SpSupervisionPreferencesPage *self,
          const SpRetentionResult      *counted)
{
  g_autoptr(GDateTime) cutoff = NULL;
  g_autoptr(GString) kinds = g_string_new (NULL);
  g_autofree char *day = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *subtitle = NULL;
  guint total = 0;

  if (counted->months == 0)
    {
      gtk_label_set_label (self->due_label, _("Off"));
      adw_action_row_set_subtitle (self->due_row, _("Retention is off: no personal data is erased."));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (case_kinds); i++)
    {
      SpRetentionKind kind = case_kinds[i];

      total += counted->counts[kind];
      if (i > 0)
        g_string_append (kinds, ", ");
      /* Translators: a kind of case and how many, e.g. "CIE requests: 3" */
      g_string_append_printf (kinds, _("%s: %u"), _(sp_retention_kind_get_label (kind)), counted->counts[kind]);
    }
  cutoff = g_date_time_new_from_unix_local (counted->cutoff / G_USEC_PER_SEC);
  day = g_date_time_format (cutoff, "%Y-%m-%d");
  /* Translators: %s is a day (2024-05-31), then e.g. "SPID identifications: 2, CIE requests: 0, …" */
  subtitle = g_strdup_printf (_("Closed before %s, still holding personal data. %s"), day, kinds->str);
  total_text = g_strdup_printf ("%u", total);
  gtk_label_set_label (self->due_label, total_text);
  adw_action_row_set_subtitle (self->due_row, subtitle);
}

static void
on_due_counted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SpSupervisionPreferencesPage *self;
  g_autoptr(GError) error = NULL;
  SpRetentionResult counted;

  /* Cancelled when the page went away: self may be gone too. */
  if (!sp_retention_count_finish (result, &counted, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_SUPERVISION_PREFERENCES_PAGE (user_data);
  if (error != NULL)
    {
      gtk_label_set_label (self->due_label, "");
      adw_action_row_set_subtitle (self->due_row, error->message);
      return;
    }
  show_due (self, &counted);
}

/* With the saved period, as "retention apply" would see it now. */
static void
refresh_due (SpSupervisionPreferencesPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_label_set_label (self->due_label, "…");
  adw_action_row_set_subtitle (self->due_row, _("Counting…"));
  sp_retention_count_async (sp_store_get_path (sp_preferences_page_get_store (SP_PREFERENCES_PAGE (self))),
                            self->cancellable, on_due_counted_cb, self);
}

/* Only what differs from the stored value or its default goes into the
 * batch, so that the audit row names what the administrator changed. */
static void
add_if_changed (SpSupervisionPreferencesPage *self,
                GPtrArray                    *keys,
                GPtrArray                    *values,
                const char                   *key,
                const char                   *value)
{
  g_autofree char *current = NULL;

  sp_settings_get (sp_preferences_page_get_store (SP_PREFERENCES_PAGE (self)), key, &current, NULL, NULL);
  if (g_strcmp0 (current, value) == 0)
    return;
  g_ptr_array_add (keys, (gpointer) key);
  g_ptr_array_add (values, g_strdup (value));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpSupervisionPreferencesPage *self = SP_SUPERVISION_PREFERENCES_PAGE (widget);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *months = NULL;
  guint separator = adw_combo_row_get_selected (self->separator_row);

  /* Takes in digits typed but not yet confirmed with Enter or Tab. */
  gtk_spin_button_update (self->months_spin);
  months = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->months_spin));

  add_if_changed (self, keys, values, SP_SETTING_CSV_SEPARATOR,
                  separators[MIN (separator, G_N_ELEMENTS (separators) - 1)]);
  add_if_changed (self, keys, values, SP_SETTING_RETENTION_MONTHS, months);
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (values, NULL);

  if (sp_preferences_page_save_settings (SP_PREFERENCES_PAGE (self),
                                         (const char * const *) keys->pdata,
                                         (const char * const *) values->pdata))
    refresh_due (self);
}

static void
sp_supervision_preferences_page_constructed (GObject *object)
{
  SpSupervisionPreferencesPage *self = SP_SUPERVISION_PREFERENCES_PAGE (object);
  SpContext *context = sp_preferences_page_get_context (SP_PREFERENCES_PAGE (self));
  SpStore *store = sp_context_get_store (context);
  SpOperator *op = sp_context_get_operator (context);
  gboolean admin = op != NULL && sp_operator_is_admin (op);

  G_OBJECT_CLASS (sp_supervision_preferences_page_parent_class)->constructed (object);

  adw_combo_row_set_selected (self->separator_row, sp_report_csv_separator (store) == ',' ? 1 : 0);
  gtk_spin_button_set_value (self->months_spin, sp_retention_get_months (store));

  /* Supervisors see the comune's choices; only administrators change them.
   * The count stays readable for both. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->separator_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->months_spin), admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision-preferences.save", admin);

  refresh_due (self);
}

static void
sp_supervision_preferences_page_dispose (GObject *object)
{
  SpSupervisionPreferencesPage *self = SP_SUPERVISION_PREFERENCES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SUPERVISION_PREFERENCES_PAGE);

  G_OBJECT_CLASS (sp_supervision_preferences_page_parent_class)->dispose (object);
}

static void
sp_supervision_preferences_page_class_init (SpSupervisionPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_supervision_preferences_page_constructed;
  object_class->dispose = sp_supervision_preferences_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-supervision-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPreferencesPage, separator_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPreferencesPage, months_spin);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPreferencesPage, due_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPreferencesPage, due_label);

  gtk_widget_class_install_action (widget_class, "supervision-preferences.save", NULL, save_action);
}

static void
sp_supervision_preferences_page_init (SpSupervisionPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_supervision_preferences_page_new (SpContext *context)
{
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);

  return g_object_new (SP_TYPE_SUPERVISION_PREFERENCES_PAGE, "context", context, NULL);
}
