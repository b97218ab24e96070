/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-page.c — the CIE request form, validated as the clerk types */

#define G_LOG_DOMAIN "sp-cie-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-appointment.h"
#include "sp-cie-page.h"
#include "sp-cie-records-view.h"
#include "sp-cie-request.h"
#include "sp-citizen.h"
#include "sp-codice-fiscale.h"
#include "sp-dates.h"
#include "sp-entry-row.h"
#include "sp-today-page.h"

struct _SpCiePage
{
  SpPage           parent_instance;

  /* template widgets */
  GtkToggleButton *requests_toggle;
  GtkWidget       *form_view;
  GtkWidget       *requests_view;
  GtkLabel        *from_label;
  SpEntryRow      *cf_row;
  SpEntryRow      *surname_row;
  GtkCheckButton  *no_surname_check;
  SpEntryRow      *name_row;
  GtkCheckButton  *no_name_check;
  SpEntryRow      *birth_row;
  AdwComboRow     *reason_row;
  SpEntryRow      *police_row;
  SpEntryRow      *old_expiry_row;
  SpEntryRow      *ministry_row;
  SpEntryRow      *card_row;
  AdwActionRow    *fee_row;
  AdwComboRow     *payment_row;
  SpEntryRow      *payment_ref_row;
  AdwActionRow    *fingerprints_row;
  GtkSwitch       *fingerprints_switch;
  AdwComboRow     *organ_row;
  AdwComboRow     *delivery_row;
  SpEntryRow      *address_row;
  SpEntryRow      *delegate_row;
  AdwActionRow    *validity_row;
  AdwActionRow    *expected_row;
  GtkLabel        *result_label;
  GtkWidget       *reprint_button;

  /* owned */
  GtkWidget       *records;
  char            *appointment_uuid;
  char            *last_request_uuid;
  gboolean         tried;          /* show every error after a first attempt */
  gboolean         filling;
};

G_DEFINE_FINAL_TYPE (SpCiePage, sp_cie_page, SP_TYPE_PAGE)

static const char *
text_of (SpEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
today (GDate *out)
{
  sp_date_from_time (sp_store_now (), out);
}

/* Every text field, in the order of the form. */
static void
get_text_rows (SpCiePage  *self,
               SpEntryRow *rows[11])
{
  SpEntryRow *all[] = { self->cf_row, self->surname_row, self->name_row, self->birth_row, self->police_row,
                        self->old_expiry_row, self->ministry_row, self->card_row, self->payment_ref_row,
                        self->address_row, self->delegate_row };

  G_STATIC_ASSERT (G_N_ELEMENTS (all) == 11);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    rows[i] = all[i];
}

static gboolean
lacks_surname (SpCiePage *self)
{
  return gtk_check_button_get_active (self->no_surname_check);
}

static gboolean
lacks_given_name (SpCiePage *self)
{
  return gtk_check_button_get_active (self->no_name_check);
}

static void
read_input (SpCiePage         *self,
            SpCieRequestInput *in)
{
  *in = (SpCieRequestInput) {
    .codice_fiscale = text_of (self->cf_row),
    /* A part the citizen lacks was emptied with its box ticked. */
    .surname = text_of (self->surname_row),
    .given_name = text_of (self->name_row),
    .single_name = lacks_surname (self) || lacks_given_name (self),
    .birth_date = text_of (self->birth_row),
    .reason = adw_combo_row_get_selected (self->reason_row),
    .police_report = text_of (self->police_row),
    .old_card_expiry = text_of (self->old_expiry_row),
    .ministry_number = text_of (self->ministry_row),
    .card_number = text_of (self->card_row),
    .payment = adw_combo_row_get_selected (self->payment_row),
    .payment_reference = text_of (self->payment_ref_row),
    .fingerprints_exempt = gtk_switch_get_active (self->fingerprints_switch),
    .organ_donation = adw_combo_row_get_selected (self->organ_row),
    .delivery = adw_combo_row_get_selected (self->delivery_row),
    .delivery_address = text_of (self->address_row),
    .delegate = text_of (self->delegate_row),
    .appointment_uuid = self->appointment_uuid,
  };
}

static SpEntryRow *
row_for_error (SpCiePage *self,
               int        code)
{
  switch (code)
    {
    case SP_CIE_ERROR_CODICE_FISCALE: return self->cf_row;
    /* Under the surname, unless the citizen has none. */
    case SP_CIE_ERROR_NAME: return lacks_surname (self) ? self->name_row : self->surname_row;
    case SP_CIE_ERROR_BIRTH_DATE: return self->birth_row;
    case SP_CIE_ERROR_POLICE_REPORT: return self->police_row;
    case SP_CIE_ERROR_OLD_CARD_EXPIRY: return self->old_expiry_row;
    case SP_CIE_ERROR_MINISTRY_NUMBER: return self->ministry_row;
    case SP_CIE_ERROR_CARD_NUMBER: return self->card_row;
    case SP_CIE_ERROR_PAYMENT_REFERENCE: return self->payment_ref_row;
    case SP_CIE_ERROR_DELIVERY_ADDRESS: return self->address_row;
    default: return NULL;
    }
}

/* Validity, fingerprints and organ donation follow from the age. */
static void
show_age_rules (SpCiePage   *self,
                const GDate *birth,
                const GDate *now)
{
  const char *organ_note = NULL;

  if (birth != NULL)
    {
      g_autofree char *years = NULL;
      int validity = sp_cie_validity_years (birth, now);
      gboolean exempt = sp_cie_fingerprints_exempt (birth, now);

      years = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year (age %d)", "%d years (age %d)", validity),
                               validity, sp_cie_age (birth, now));
      adw_action_row_set_subtitle (self->validity_row, years);
      if (exempt)
        {
          gtk_switch_set_active (self->fingerprints_switch, TRUE);
          adw_action_row_set_subtitle (self->fingerprints_row, _("Exempt: under 12"));
        }
      else
        adw_action_row_set_subtitle (self->fingerprints_row, _("Taken, unless exempt for another reason"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->fingerprints_switch), !exempt);

      if (!sp_cie_may_state_organ_choice (birth, now))
        {
          organ_note = _("Only adults state a choice");
          if (adw_combo_row_get_selected (self->organ_row) != SP_CIE_ORGAN_NOT_STATED)
            adw_combo_row_set_selected (self->organ_row, SP_CIE_ORGAN_NOT_STATED);
        }
      gtk_widget_set_sensitive (GTK_WIDGET (self->organ_row), organ_note == NULL);
    }
  else
    {
      adw_action_row_set_subtitle (self->validity_row, _("From the birth date"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->fingerprints_switch), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->organ_row), TRUE);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->organ_row), organ_note);
}

static void
show_expected_delivery (SpCiePage   *self,
                        const GDate *now)
{
  g_autofree char *expected = NULL;
  char buffer[64] = "";
  GDate delivery;

  sp_cie_expected_delivery (sp_page_get_store (SP_PAGE (self)), now, &delivery);
  /* Translators: expected delivery date (strftime) */
  g_date_strftime (buffer, sizeof buffer, _("%A %e %B %Y"), &delivery);
  /* Translators: %s is a date; 6 working days, holidays excluded */
  expected = g_strdup_printf (_("%s (6 working days)"), g_strstrip (buffer));
  adw_action_row_set_subtitle (self->expected_row, expected);
}

/* Recomputes what follows from the fields and shows the problems of the
 * fields already typed in (all of them after a first attempt). Returns the
 * number of problems. */
static guint
validate (SpCiePage *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *fee = NULL;
  SpStore *store = sp_page_get_store (SP_PAGE (self));
  SpEntryRow *rows[11];
  SpCieRequestInput in;
  SpCieReason reason;
  gboolean have_birth = FALSE;
  GDate now, birth, expiry;

  read_input (self, &in);
  today (&now);
  reason = in.reason;

  /* Fields that apply only in some cases. */
  gtk_widget_set_visible (GTK_WIDGET (self->police_row),
                          reason == SP_CIE_REASON_LOST || reason == SP_CIE_REASON_STOLEN);
  gtk_widget_set_visible (GTK_WIDGET (self->payment_ref_row), in.payment != SP_CIE_PAYMENT_CASH);
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), in.delivery == SP_CIE_DELIVERY_HOME);
  gtk_widget_set_visible (GTK_WIDGET (self->delegate_row), in.delivery == SP_CIE_DELIVERY_COMUNE);

  fee = sp_cie_format_fee (sp_cie_fee_cents (store, reason));
  adw_action_row_set_subtitle (self->fee_row, fee);

  if (sp_date_parse_iso (in.birth_date, &birth))
    have_birth = TRUE;
  else
    {
      g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (in.codice_fiscale, NULL, &now);
      have_birth = sp_cf_info_get_birth_date (info, &birth);
    }
  show_age_rules (self, have_birth && g_date_compare (&birth, &now) <= 0 ? &birth : NULL, &now);
  show_expected_delivery (self, &now);

  get_text_rows (self, rows);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    sp_entry_row_set_error (rows[i], NULL);

  problems = sp_cie_request_check (store, &in, &now);
  for (guint i = 0; i < problems->len; i++)
    {
      const GError *e = g_ptr_array_index (problems, i);
      SpEntryRow *row = row_for_error (self, e->code);

      if (row == NULL)
        continue;
      if (self->tried || *text_of (row) != '\0')
        sp_entry_row_set_error (row, e->message);
    }

  /* A warning, not an error: renewal before the 180-day window. */
  if (reason == SP_CIE_REASON_RENEWAL && sp_date_parse_iso (in.old_card_expiry, &expiry)
      && sp_cie_renewal_is_early (&expiry, &now))
    sp_entry_row_set_error (self->old_expiry_row,
                            _("The old card is not yet within 180 days of its expiry: renewal is early."));

  return problems->len;
}

/* Sets a field without taking it for the clerk's typing. */
static void
fill_field (SpCiePage  *self,
            SpEntryRow *row,
            const char *text)
{
  gboolean filling = self->filling;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->filling = filling;
}

/* A name part the citizen does not have is empty and cannot be typed;
 * the other part then must be there (the codice fiscale has XXX for one
 * part, never for both). */
static void
sync_name_part (SpCiePage      *self,
                GtkCheckButton *missing,
                SpEntryRow     *row,
                GtkCheckButton *other)
{
  gboolean lacks = gtk_check_button_get_active (missing);

  if (lacks)
    fill_field (self, row, "");
  /* The entry too: screen readers read its own state, not its row's. */
  gtk_widget_set_sensitive (GTK_WIDGET (row), !lacks);
  gtk_widget_set_sensitive (sp_entry_row_get_entry (row), !lacks);
  gtk_widget_set_sensitive (GTK_WIDGET (other), !lacks);
}

static void
clear_form (SpCiePage *self)
{
  SpEntryRow *rows[11];

  get_text_rows (self, rows);
  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  gtk_check_button_set_active (self->no_surname_check, FALSE);
  gtk_check_button_set_active (self->no_name_check, FALSE);
  adw_combo_row_set_selected (self->reason_row, 0);
  adw_combo_row_set_selected (self->payment_row, 0);
  adw_combo_row_set_selected (self->organ_row, 0);
  adw_combo_row_set_selected (self->delivery_row, 0);
  gtk_switch_set_active (self->fingerprints_switch, FALSE);
  self->filling = FALSE;
  self->tried = FALSE;
  g_clear_pointer (&self->appointment_uuid, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->from_label), FALSE);
  validate (self);
}

static void
on_field_changed_cb (SpCiePage *self)
{
  if (self->filling)
    return;
  validate (self);
}

/* A known citizen fills the names and birth date. */
static void
on_cf_changed_cb (SpCiePage *self)
{
  g_autoptr(SpCitizen) citizen = NULL;
  g_autoptr(SpCfInfo) info = NULL;
  GDate now;

  if (self->filling)
    return;
  today (&now);
  info = sp_codice_fiscale_check (text_of (self->cf_row), NULL, &now);
  if (sp_cf_info_is_valid (info))
    citizen = sp_citizen_find_by_codice_fiscale (sp_page_get_store (SP_PAGE (self)), info->code, NULL);
  if (citizen != NULL)
    {
      if (*text_of (self->surname_row) == '\0' && !lacks_surname (self))
        fill_field (self, self->surname_row, citizen->surname);
      if (*text_of (self->name_row) == '\0' && !lacks_given_name (self))
        fill_field (self, self->name_row, citizen->name);
      if (*text_of (self->birth_row) == '\0' && citizen->birth_date != NULL)
        fill_field (self, self->birth_row, citizen->birth_date);
    }
  validate (self);
}

static void
on_no_name_part_toggled_cb (SpCiePage *self)
{
  sync_name_part (self, self->no_surname_check, self->surname_row, self->no_name_check);
  sync_name_part (self, self->no_name_check, self->name_row, self->no_surname_check);
  on_field_changed_cb (self);
}

static void
on_requests_toggled_cb (SpCiePage *self)
{
  gboolean requests = gtk_toggle_button_get_active (self->requests_toggle);

  /* Hidden, not just behind a stack: screen readers must not find them. */
  gtk_widget_set_visible (self->form_view, !requests);
  gtk_widget_set_visible (self->requests_view, requests);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpCiePage *self = SP_CIE_PAGE (widget);
  SpPage *page = SP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCieRequest) request = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *input = NULL;
  g_autofree char *message = NULL;
  SpCieRequestInput in;
  GDate now;

  /* The shortcut does nothing while the form is out of sight. */
  if (!gtk_widget_get_visible (self->form_view))
    return;

  self->tried = TRUE;
  if (validate (self) > 0)
    {
      sp_page_show_toast (page, _("Some fields need attention: see the messages under them."));
      return;
    }

  read_input (self, &in);
  today (&now);
  /* What identifies the request on the Ministry's side and on paper. */
  input = g_strdup_printf ("cie|%s|%d|%s|%s|%s|%d|%s", in.codice_fiscale, in.reason, in.ministry_number,
                           in.card_number, in.payment_reference, in.delivery, in.delivery_address);
  in.uuid = sp_page_begin_write (page, input);
  request = sp_cie_request_create (sp_page_get_store (page), sp_context_get_actor (sp_page_get_context (page)),
                                   &in, &now, &error);
  sp_page_end_write (page, error);
  if (request == NULL)
    {
      sp_page_show_error (page, error, NULL);
      return;
    }

  g_free (self->last_request_uuid);
  self->last_request_uuid = g_strdup (sp_cie_request_get_uuid (request));
  gtk_widget_action_set_enabled (widget, "cie.reprint", TRUE);
  receipt = sp_cie_request_build_receipt (sp_page_get_store (page), request);
  if (!sp_page_issue_and_print_receipt (page, receipt, &error))
    sp_page_show_error (page, error, NULL);

  /* Translators: after recording: citizen's name and the Ministry's request number */
  message = g_strdup_printf (_("CIE request recorded for %s %s (request %s). The receipt was printed."),
                             sp_cie_request_get_surname (request), sp_cie_request_get_given_name (request),
                             sp_cie_request_get_ministry_number (request));
  gtk_label_set_text (self->result_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
  gtk_widget_set_visible (self->reprint_button, TRUE);
  sp_page_show_toast (page, message);
  clear_form (self);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpCiePage *self = SP_CIE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->last_request_uuid == NULL)
    return;
  if (!sp_page_reprint_receipt (SP_PAGE (self), SP_RECEIPT_KIND_CIE_REQUEST, self->last_request_uuid, &error))
    sp_page_show_error (SP_PAGE (self), error, NULL);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  clear_form (SP_CIE_PAGE (widget));
}

static void
sp_cie_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sp_cie_page_parent_class)->map (widget);
  validate (SP_CIE_PAGE (widget));
}

static void
sp_cie_page_constructed (GObject *object)
{
  SpCiePage *self = SP_CIE_PAGE (object);

  G_OBJECT_CLASS (sp_cie_page_parent_class)->constructed (object);

  self->records = sp_cie_records_view_new (sp_page_get_context (SP_PAGE (self)));
  gtk_box_append (GTK_BOX (self->requests_view), self->records);
  on_requests_toggled_cb (self);
  validate (self);
}

static void
sp_cie_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_CIE_PAGE);

  G_OBJECT_CLASS (sp_cie_page_parent_class)->dispose (object);
}

static void
sp_cie_page_finalize (GObject *object)
{
  SpCiePage *self = SP_CIE_PAGE (object);

  g_free (self->appointment_uuid);
  g_free (self->last_request_uuid);

  G_OBJECT_CLASS (sp_cie_page_parent_class)->finalize (object);
}

static void
sp_cie_page_class_init (SpCiePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_cie_page_constructed;
  object_class->dispose = sp_cie_page_dispose;
  object_class->finalize = sp_cie_page_finalize;
  widget_class->map = sp_cie_page_map;

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-cie-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpCiePage, name)
  BIND (requests_toggle);
  BIND (form_view);
  BIND (requests_view);
  BIND (from_label);
  BIND (cf_row);
  BIND (surname_row);
  BIND (no_surname_check);
  BIND (name_row);
  BIND (no_name_check);
  BIND (birth_row);
  BIND (reason_row);
  BIND (police_row);
  BIND (old_expiry_row);
  BIND (ministry_row);
  BIND (card_row);
  BIND (fee_row);
  BIND (payment_row);
  BIND (payment_ref_row);
  BIND (fingerprints_row);
  BIND (fingerprints_switch);
  BIND (organ_row);
  BIND (delivery_row);
  BIND (address_row);
  BIND (delegate_row);
  BIND (validity_row);
  BIND (expected_row);
  BIND (result_label);
  BIND (reprint_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cf_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_no_name_part_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_requests_toggled_cb);

  gtk_widget_class_install_action (widget_class, "cie.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "cie.reprint", NULL, reprint_action);
  gtk_widget_class_install_action (widget_class, "cie.clear", NULL, clear_action);

  /* Shortcuts (listed in help-overlay.ui). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "cie.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "cie.reprint", NULL);

  gtk_widget_class_set_css_name (widget_class, "sp-cie-page");
}

static void
sp_cie_page_init (SpCiePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Nothing to print again until a request is recorded. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cie.reprint", FALSE);
}

GtkWidget *
sp_cie_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_CIE_PAGE, "context", context, NULL);
}

void
sp_cie_page_start_from_appointment (SpCiePage  *self,
                                    const char *appointment_uuid)
{
  g_autoptr(SpAppointment) a = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (SP_IS_CIE_PAGE (self));

  a = sp_appointment_load (sp_page_get_store (SP_PAGE (self)), appointment_uuid, NULL);
  clear_form (self);
  gtk_toggle_button_set_active (self->requests_toggle, FALSE);
  if (a == NULL)
    return;
  self->appointment_uuid = g_strdup (appointment_uuid);
  fill_field (self, self->surname_row, sp_appointment_get_surname (a));
  fill_field (self, self->name_row, sp_appointment_get_given_name (a));
  if (sp_appointment_get_codice_fiscale (a) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->cf_row), sp_appointment_get_codice_fiscale (a));
  name = sp_appointment_dup_display_name (a);
  /* Translators: %s is the citizen of the appointment the request comes from */
  label = g_strdup_printf (_("From the appointment of %s"), name);
  gtk_label_set_text (self->from_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->from_label), TRUE);
  validate (self);
}

gboolean
sp_cie_page_scan_open (SpWindow   *window,
                       const char *request_uuid)
{
  g_autoptr(SpCieRequest) r = sp_cie_request_load (sp_context_get_store (sp_window_get_context (window)),
                                                   request_uuid, NULL);
  GtkWidget *page = sp_today_page_show_section (window, SP_TYPE_CIE_PAGE);
  SpCiePage *self;

  if (page == NULL || r == NULL)
    return FALSE;
  self = SP_CIE_PAGE (page);
  gtk_toggle_button_set_active (self->requests_toggle, TRUE);
  sp_cie_records_view_search (SP_CIE_RECORDS_VIEW (self->records), sp_cie_request_get_ministry_number (r));

  return TRUE;
}
