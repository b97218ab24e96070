/* sp-cie-page.c — the CIE request form, validated as the clerk types */
#define G_LOG_DOMAIN "sp-cie-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-appointment.h"
#include "sp-appointments-page.h"
#include "sp-cie-page.h"
#include "sp-cie-records-view.h"
#include "sp-cie-request.h"
#include "sp-citizen.h"
#include "sp-codice-fiscale.h"
#include "sp-entry-row.h"
#include "sp-holidays.h"
#include "sp-today-page.h"

struct _SpCiePage
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkToggleButton *requests_toggle;
  GtkWidget       *form_view;
  GtkWidget       *requests_view;
  GtkLabel        *from_label;
  SpEntryRow      *cf_row;
  SpEntryRow      *surname_row;
  SpEntryRow      *name_row;
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
  SpContext       *context;
  GtkWidget       *records;
  char            *appointment_uuid;
  char            *last_request_uuid;
  gboolean         tried;          /* show every error after a first attempt */
  gboolean         filling;
};

G_DEFINE_FINAL_TYPE (SpCiePage, sp_cie_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
report (SpCiePage  *self,
        const char *message)
{
  sp_window_show_toast_for (GTK_WIDGET (self), message);
}

static SpStore *
get_store (SpCiePage *self)
{
  return sp_context_get_store (self->context);
}

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

static void
read_input (SpCiePage         *self,
            SpCieRequestInput *in)
{
  *in = (SpCieRequestInput) {
    .codice_fiscale = text_of (self->cf_row),
    .surname = text_of (self->surname_row),
    .given_name = text_of (self->name_row),
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
    case SP_CIE_ERROR_NAME: return self->surname_row;
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

/* Recomputes what follows from the fields and shows the problems of the
 * fields already typed in (all of them after a first attempt). Returns the
 * number of problems. */
static guint
validate (SpCiePage *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *fee = NULL;
  g_autofree char *expected = NULL;
  SpEntryRow *rows[] = { self->cf_row, self->surname_row, self->birth_row, self->police_row,
                         self->old_expiry_row, self->ministry_row, self->card_row,
                         self->payment_ref_row, self->address_row };
  SpCieRequestInput in;
  SpCieReason reason;
  gboolean have_birth = FALSE;
  GDate now, birth, delivery;
  const char *organ_note = NULL;

  read_input (self, &in);
  today (&now);
  reason = in.reason;

  /* Fields that apply only in some cases. */
  gtk_widget_set_visible (GTK_WIDGET (self->police_row),
                          reason == SP_CIE_REASON_LOST || reason == SP_CIE_REASON_STOLEN);
  gtk_widget_set_visible (GTK_WIDGET (self->payment_ref_row), in.payment != SP_CIE_PAYMENT_CASH);
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), in.delivery == SP_CIE_DELIVERY_HOME);
  gtk_widget_set_visible (GTK_WIDGET (self->delegate_row), in.delivery == SP_CIE_DELIVERY_COMUNE);

  fee = sp_cie_format_fee (sp_cie_fee_cents (get_store (self), reason));
  adw_action_row_set_subtitle (self->fee_row, fee);

  if (sp_date_parse_iso (in.birth_date, &birth))
    have_birth = TRUE;
  else
    {
      g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (in.codice_fiscale, NULL, &now);
      have_birth = sp_cf_info_get_birth_date (info, &birth);
    }

  if (have_birth && g_date_compare (&birth, &now) <= 0)
    {
      g_autofree char *years = NULL;
      int validity = sp_cie_validity_years (&birth, &now);
      gboolean exempt = sp_cie_fingerprints_exempt (&birth, &now);

      years = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year (age %d)", "%d years (age %d)", validity),
                               validity, sp_cie_age (&birth, &now));
      adw_action_row_set_subtitle (self->validity_row, years);
      if (exempt)
        {
          gtk_switch_set_active (self->fingerprints_switch, TRUE);
          adw_action_row_set_subtitle (self->fingerprints_row, _("Exempt: under 12"));
        }
      else
        adw_action_row_set_subtitle (self->fingerprints_row, _("Taken, unless exempt for another reason"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->fingerprints_switch), !exempt);

      if (!sp_cie_may_state_organ_choice (&birth, &now))
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

  sp_cie_expected_delivery (get_store (self), &now, &delivery);
  {
    char buffer[64] = "";
    /* Translators: expected delivery date (strftime) */
    g_date_strftime (buffer, sizeof buffer, _("%A %e %B %Y"), &delivery);
    /* Translators: %s is a date; 6 working days, holidays excluded */
    expected = g_strdup_printf (_("%s (6 working days)"), g_strstrip (buffer));
  }
  adw_action_row_set_subtitle (self->expected_row, expected);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    sp_entry_row_set_error (rows[i], NULL);

  problems = sp_cie_request_check (get_store (self), &in, &now);
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
  {
    GDate expiry;

    if (reason == SP_CIE_REASON_RENEWAL && sp_date_parse_iso (in.old_card_expiry, &expiry)
        && sp_cie_renewal_is_early (&expiry, &now))
      sp_entry_row_set_error (self->old_expiry_row,
                              _("The old card is not yet within 180 days of its expiry: renewal is early."));
  }

  return problems->len;
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
    citizen = sp_citizen_find_by_codice_fiscale (get_store (self), info->code, NULL);
  if (citizen != NULL)
    {
      self->filling = TRUE;
      if (*text_of (self->surname_row) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->surname_row), citizen->surname);
      if (*text_of (self->name_row) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->name_row), citizen->name);
      if (*text_of (self->birth_row) == '\0' && citizen->birth_date != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->birth_row), citizen->birth_date);
      self->filling = FALSE;
    }
  validate (self);
}

static void
clear_form (SpCiePage *self)
{
  SpEntryRow *rows[] = { self->cf_row, self->surname_row, self->name_row, self->birth_row, self->police_row,
                         self->old_expiry_row, self->ministry_row, self->card_row, self->payment_ref_row,
                         self->address_row, self->delegate_row };

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
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
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpCiePage *self = SP_CIE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpCieRequest) request = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *message = NULL;
  SpCieRequestInput in;
  GDate now;

  self->tried = TRUE;
  if (validate (self) > 0)
    {
      report (self, _("Some fields need attention: see the messages under them."));
      return;
    }

  read_input (self, &in);
  today (&now);
  request = sp_cie_request_create (get_store (self), sp_context_get_actor (self->context), &in, &now, &error);
  if (request == NULL)
    {
      report (self, error->message);
      return;
    }

  g_free (self->last_request_uuid);
  self->last_request_uuid = g_strdup (sp_cie_request_get_uuid (request));
  receipt = sp_cie_request_build_receipt (get_store (self), request);
  if (!sp_issue_and_print_receipt (GTK_WIDGET (self), self->context, receipt, &error))
    report (self, error->message);

  /* Translators: after recording: citizen's name and the Ministry's request number */
  message = g_strdup_printf (_("CIE request recorded for %s %s (request %s). The receipt was printed."),
                             sp_cie_request_get_surname (request), sp_cie_request_get_given_name (request),
                             sp_cie_request_get_ministry_number (request));
  gtk_label_set_text (self->result_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
  gtk_widget_set_visible (self->reprint_button, TRUE);
  report (self, message);
  clear_form (self);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpCiePage *self = SP_CIE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReceipt) latest = NULL;
  g_autoptr(SpReceipt) copy = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  SpOperator *op = sp_context_get_operator (self->context);

  if (self->last_request_uuid == NULL)
    return;
  latest = sp_receipt_load_for_record (get_store (self), SP_RECEIPT_KIND_CIE_REQUEST, self->last_request_uuid, &error);
  if (latest != NULL)
    copy = sp_receipt_reprint (get_store (self), sp_receipt_get_uuid (latest), sp_context_get_actor (self->context),
                               op != NULL ? sp_operator_get_display_name (op) : "", &error);
  if (copy == NULL || (SP_IS_WINDOW (root) && !sp_window_print_receipt (SP_WINDOW (root), copy, NULL, &error)))
    report (self, error->message);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  clear_form (SP_CIE_PAGE (widget));
}

static void
on_requests_toggled_cb (SpCiePage *self)
{
  gboolean requests = gtk_toggle_button_get_active (self->requests_toggle);

  /* Hidden, not just behind a stack: screen readers must not find them. */
  gtk_widget_set_visible (self->form_view, !requests);
  gtk_widget_set_visible (self->requests_view, requests);
}

void
sp_cie_page_start_from_appointment (SpCiePage  *self,
                                    const char *appointment_uuid)
{
  g_autoptr(SpAppointment) a = sp_appointment_load (get_store (self), appointment_uuid, NULL);
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  clear_form (self);
  gtk_toggle_button_set_active (self->requests_toggle, FALSE);
  if (a == NULL)
    return;
  self->appointment_uuid = g_strdup (appointment_uuid);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->surname_row), sp_appointment_get_surname (a));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sp_appointment_get_given_name (a));
  self->filling = FALSE;
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

  self->records = sp_cie_records_view_new (self->context);
  gtk_box_append (GTK_BOX (self->requests_view), self->records);
  on_requests_toggled_cb (self);
  validate (self);
}

static void
sp_cie_page_dispose (GObject *object)
{
  SpCiePage *self = SP_CIE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_CIE_PAGE);
  g_clear_object (&self->context);

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
sp_cie_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpCiePage *self = SP_CIE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_cie_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SpCiePage *self = SP_CIE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_cie_page_class_init (SpCiePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_cie_page_constructed;
  object_class->dispose = sp_cie_page_dispose;
  object_class->finalize = sp_cie_page_finalize;
  object_class->get_property = sp_cie_page_get_property;
  object_class->set_property = sp_cie_page_set_property;
  widget_class->map = sp_cie_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-cie-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpCiePage, name)
  BIND (requests_toggle);
  BIND (form_view);
  BIND (requests_view);
  BIND (from_label);
  BIND (cf_row);
  BIND (surname_row);
  BIND (name_row);
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
  gtk_widget_class_bind_template_callback (widget_class, on_requests_toggled_cb);

  gtk_widget_class_install_action (widget_class, "cie.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "cie.reprint", NULL, reprint_action);
  gtk_widget_class_install_action (widget_class, "cie.clear", NULL, clear_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sp-cie-page");
}

static void
sp_cie_page_init (SpCiePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_cie_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_CIE_PAGE, "context", context, NULL);
}
