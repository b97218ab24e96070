/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-preferences-page.c — the CIE counter's comune-wide settings */

#define G_LOG_DOMAIN "sp-cie-preferences-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-appointment.h"
#include "sp-booking-service.h"
#include "sp-cie-preferences-page.h"
#include "sp-cie-request.h"
#include "sp-entry-row.h"
#include "sp-settings.h"

struct _SpCiePreferencesPage
{
  SpPreferencesPage   parent_instance;

  /* made in constructed */
  SpEntryRow         *patron_day_row;
  SpEntryRow         *patron_name_row;
  SpEntryRow         *grace_row;
  SpEntryRow         *fee_standard_row;
  SpEntryRow         *fee_duplicate_row;
  SpEntryRow         *address_row;
  GPtrArray          *bring_rows;   /* SpEntryRow, one per service */
  GPtrArray          *bring_keys;   /* char *, their settings */
};

G_DEFINE_FINAL_TYPE (SpCiePreferencesPage, sp_cie_preferences_page, SP_TYPE_PREFERENCES_PAGE)

static const char *
text_of (SpEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* "22", "22.00", "22,5" → cents; -1 when not an amount. */
static int
parse_euro (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = NULL;
  gint64 euro, cents = 0;

  g_strdelimit (copy, ",", '.');
  parts = g_strsplit (copy, ".", 2);
  if (!g_ascii_string_to_signed (parts[0], 10, 0, 1000, &euro, NULL))
    return -1;
  if (parts[1] != NULL)
    {
      if (strlen (parts[1]) == 0 || strlen (parts[1]) > 2
          || !g_ascii_string_to_signed (parts[1], 10, 0, 99, &cents, NULL))
        return -1;
      if (strlen (parts[1]) == 1)
        cents *= 10;
    }
  /* Up to 1000 €, the most the fee settings accept. */
  return euro * 100 + cents <= 100000 ? (int) (euro * 100 + cents) : -1;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpCiePreferencesPage *self = SP_CIE_PREFERENCES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *patron_day = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  int standard = parse_euro (text_of (self->fee_standard_row));
  int duplicate = parse_euro (text_of (self->fee_duplicate_row));
  gint64 grace;
  gboolean ok = TRUE;

  sp_entry_row_set_error (self->patron_day_row, NULL);
  sp_entry_row_set_error (self->grace_row, NULL);
  sp_entry_row_set_error (self->fee_standard_row, NULL);
  sp_entry_row_set_error (self->fee_duplicate_row, NULL);

  patron_day = g_strstrip (g_strdup (text_of (self->patron_day_row)));
  if (!sp_settings_validate (sp_preferences_page_get_store (SP_PREFERENCES_PAGE (self)), SP_SETTING_PATRON_DAY, patron_day, &error))
    {
      sp_entry_row_set_error (self->patron_day_row, error->message);
      g_clear_error (&error);
      ok = FALSE;
    }
  if (!g_ascii_string_to_signed (text_of (self->grace_row), 10, 0, 240, &grace, NULL))
    {
      sp_entry_row_set_error (self->grace_row, _("Type the minutes, from 0 to 240."));
      ok = FALSE;
    }
  if (standard < 0)
    {
      sp_entry_row_set_error (self->fee_standard_row, _("Type an amount in euro, e.g. 22.00."));
      ok = FALSE;
    }
  if (duplicate < 0)
    {
      sp_entry_row_set_error (self->fee_duplicate_row, _("Type an amount in euro, e.g. 27.00."));
      ok = FALSE;
    }
  if (!ok)
    return;

  g_ptr_array_add (keys, (gpointer) SP_SETTING_PATRON_DAY);
  g_ptr_array_add (values, g_steal_pointer (&patron_day));
  g_ptr_array_add (keys, (gpointer) SP_SETTING_PATRON_NAME);
  g_ptr_array_add (values, g_strstrip (g_strdup (text_of (self->patron_name_row))));
  g_ptr_array_add (keys, (gpointer) SP_SETTING_NO_SHOW_GRACE);
  g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, grace));
  g_ptr_array_add (keys, (gpointer) SP_SETTING_CIE_FEE_STANDARD);
  g_ptr_array_add (values, g_strdup_printf ("%d", standard));
  g_ptr_array_add (keys, (gpointer) SP_SETTING_CIE_FEE_DUPLICATE);
  g_ptr_array_add (values, g_strdup_printf ("%d", duplicate));
  g_ptr_array_add (keys, (gpointer) SP_SETTING_OFFICE_ADDRESS);
  g_ptr_array_add (values, g_strstrip (g_strdup (text_of (self->address_row))));
  for (guint i = 0; i < self->bring_rows->len; i++)
    {
      g_auto(GStrv) items = g_strsplit (text_of (g_ptr_array_index (self->bring_rows, i)), ";", -1);

      for (guint k = 0; items[k] != NULL; k++)
        g_strstrip (items[k]);
      g_ptr_array_add (keys, g_ptr_array_index (self->bring_keys, i));
      g_ptr_array_add (values, g_strjoinv ("\n", items));
    }
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (values, NULL);

  sp_preferences_page_save_settings (SP_PREFERENCES_PAGE (self),
                                     (const char * const *) keys->pdata,
                                     (const char * const *) values->pdata);
}

static void
on_entry_activated_cb (SpEntryRow           *row,
                       SpCiePreferencesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "cie-preferences.save", NULL);
}

static SpEntryRow *
add_row (SpCiePreferencesPage *self,
         AdwPreferencesGroup  *group,
         const char           *title,
         const char           *value)
{
  SpEntryRow *row = g_object_new (SP_TYPE_ENTRY_ROW, "title", title, NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static void
sp_cie_preferences_page_constructed (GObject *object)
{
  SpCiePreferencesPage *self = SP_CIE_PREFERENCES_PAGE (object);
  SpStore *store = sp_preferences_page_get_store (SP_PREFERENCES_PAGE (self));
  SpOperator *op = sp_context_get_operator (sp_preferences_page_get_context (SP_PREFERENCES_PAGE (self)));
  g_autoptr(GPtrArray) services = NULL;
  g_autofree char *patron_day = sp_store_get_setting (store, SP_SETTING_PATRON_DAY);
  g_autofree char *patron_name = sp_store_get_setting (store, SP_SETTING_PATRON_NAME);
  g_autofree char *address = sp_store_get_setting (store, SP_SETTING_OFFICE_ADDRESS);
  g_autofree char *grace = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            sp_store_get_setting_int (store, SP_SETTING_NO_SHOW_GRACE,
                                                                      SP_NO_SHOW_GRACE_DEFAULT));
  g_autofree char *standard = NULL;
  g_autofree char *duplicate = NULL;
  AdwPreferencesGroup *calendar, *fees, *receipts;
  GtkWidget *save;
  int cents;

  G_OBJECT_CLASS (sp_cie_preferences_page_parent_class)->constructed (object);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("CIE and Appointments"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "x-office-calendar-symbolic");

  calendar = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (calendar, _("Calendar"));
  adw_preferences_group_set_description (calendar, _("National holidays are always closed; add the comune’s patron saint here."));
  self->patron_day_row = add_row (self, calendar, _("Patron saint’s day (MM-DD)"), patron_day);
  self->patron_name_row = add_row (self, calendar, _("Patron saint’s name"), patron_name);
  self->grace_row = add_row (self, calendar, _("No-show after (minutes late)"), grace);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), calendar);

  fees = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (fees, _("CIE Fees"));
  adw_preferences_group_set_description (fees, _("The State’s €16.79 plus the comune’s rights. Duplicates: lost, stolen or damaged cards."));
  cents = sp_cie_fee_cents (store, SP_CIE_REASON_FIRST);
  standard = g_strdup_printf ("%d.%02d", cents / 100, cents % 100);
  cents = sp_cie_fee_cents (store, SP_CIE_REASON_LOST);
  duplicate = g_strdup_printf ("%d.%02d", cents / 100, cents % 100);
  self->fee_standard_row = add_row (self, fees, _("Standard fee (euro)"), standard);
  self->fee_duplicate_row = add_row (self, fees, _("Duplicate fee (euro)"), duplicate);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), fees);

  receipts = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (receipts, _("Appointment Receipts"));
  adw_preferences_group_set_description (receipts, _("What to bring: items separated by semicolons; empty for the usual list."));
  self->address_row = add_row (self, receipts, _("Office address"), address);
  services = sp_booking_service_list (store, NULL);
  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      SpBookingService *service = g_ptr_array_index (services, i);
      g_autofree char *key = g_strconcat (SP_SETTING_BRING_PREFIX, service->code, SP_SETTING_BRING_SUFFIX, NULL);
      g_autofree char *value = sp_store_get_setting (store, key);
      g_autofree char *shown = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) items = g_strsplit (value != NULL ? value : "", "\n", -1);

      shown = g_strjoinv ("; ", items);
      /* Translators: %s is a service, e.g. "CIE" */
      title = g_strdup_printf (_("What to bring for %s"), service->name);
      g_ptr_array_add (self->bring_rows, add_row (self, receipts, title, shown));
      g_ptr_array_add (self->bring_keys, g_steal_pointer (&key));
    }
  save = gtk_button_new_with_mnemonic (_("_Save CIE Settings"));
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  gtk_widget_set_margin_top (save, 12);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "cie-preferences.save");
  adw_preferences_group_add (receipts, save);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), receipts);

  /* Everyone sees them; only administrators change them. */
  if (op == NULL || !sp_operator_is_admin (op))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (calendar), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (fees), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (receipts), FALSE);
    }
}

static void
sp_cie_preferences_page_finalize (GObject *object)
{
  SpCiePreferencesPage *self = SP_CIE_PREFERENCES_PAGE (object);

  g_clear_pointer (&self->bring_rows, g_ptr_array_unref);
  g_clear_pointer (&self->bring_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_cie_preferences_page_parent_class)->finalize (object);
}

static void
sp_cie_preferences_page_class_init (SpCiePreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_cie_preferences_page_constructed;
  object_class->finalize = sp_cie_preferences_page_finalize;

  gtk_widget_class_install_action (widget_class, "cie-preferences.save", NULL, save_action);
}

static void
sp_cie_preferences_page_init (SpCiePreferencesPage *self)
{
  self->bring_rows = g_ptr_array_new ();
  self->bring_keys = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
sp_cie_preferences_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_CIE_PREFERENCES_PAGE, "context", context, NULL);
}
