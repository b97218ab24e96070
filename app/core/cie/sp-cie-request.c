/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-request.c — CIE requests and their rules */
#define G_LOG_DOMAIN "sp-cie-request"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sp-appointment.h"
#include "sp-citizen.h"
#include "sp-cie-request.h"
#include "sp-codice-fiscale.h"
#include "sp-document.h"
#include "sp-enum.h"
#include "sp-error.h"
#include "sp-holidays.h"
#include "sp-record.h"
#include "sp-setting-keys.h"

G_DEFINE_QUARK (sp-cie-error-quark, sp_cie_error)

struct _SpCieRequest
{
  GObject        parent_instance;

  gint64         id;
  char          *uuid;
  gint64         citizen_id;
  char          *codice_fiscale;
  char          *surname;
  char          *given_name;
  char          *birth_date;
  SpCieReason    reason;
  char          *police_report;
  char          *ministry_number;
  char          *card_number;
  int            fee_cents;
  SpCiePayment   payment;
  char          *payment_reference;
  gboolean       fingerprints_taken;
  SpCieOrgan     organ_donation;
  SpCieDelivery  delivery;
  char          *delivery_address;
  char          *delegate;
  int            validity_years;
  char          *expected_delivery;
  SpCieState     state;
  gint64         created_at;
};

G_DEFINE_FINAL_TYPE (SpCieRequest, sp_cie_request, G_TYPE_OBJECT)

/* The nicks (sp-core-enums) are the stored strings; the labels are
 * English msgids, translated where shown. */
static const char * const reason_labels[] = {
  N_("First issue"), N_("Renewal"), N_("Expired card"), N_("Lost card"), N_("Stolen card"), N_("Damaged card"),
};
static const char * const payment_labels[] = { N_("Card terminal"), N_("pagoPA"), N_("Cash") };
static const char * const organ_labels[] = { N_("Not stated"), N_("Consents"), N_("Refuses") };
static const char * const delivery_labels[] = {
  N_("By registered mail to the home address"), N_("Collection at the comune"),
};
static const char * const state_labels[] = {
  N_("Requested"), N_("Card arrived at the comune"), N_("Handed over"), N_("Delivered by post"),
};

const char *sp_cie_reason_to_string (SpCieReason r) { return sp_enum_to_nick (SP_TYPE_CIE_REASON, r); }
const char *sp_cie_reason_get_label (SpCieReason r) { return reason_labels[r]; }
const char *sp_cie_payment_to_string (SpCiePayment p) { return sp_enum_to_nick (SP_TYPE_CIE_PAYMENT, p); }
const char *sp_cie_payment_get_label (SpCiePayment p) { return payment_labels[p]; }
const char *sp_cie_organ_to_string (SpCieOrgan o) { return sp_enum_to_nick (SP_TYPE_CIE_ORGAN, o); }
const char *sp_cie_organ_get_label (SpCieOrgan o) { return organ_labels[o]; }
const char *sp_cie_delivery_to_string (SpCieDelivery d) { return sp_enum_to_nick (SP_TYPE_CIE_DELIVERY, d); }
const char *sp_cie_delivery_get_label (SpCieDelivery d) { return delivery_labels[d]; }
const char *sp_cie_state_to_string (SpCieState s) { return sp_enum_to_nick (SP_TYPE_CIE_STATE, s); }
const char *sp_cie_state_get_label (SpCieState s) { return state_labels[s]; }

gboolean
sp_cie_reason_from_string (const char  *text,
                           SpCieReason *out)
{
  return sp_enum_from_nick (SP_TYPE_CIE_REASON, text, (int *) out);
}

gboolean
sp_cie_state_from_string (const char *text,
                          SpCieState *out)
{
  return sp_enum_from_nick (SP_TYPE_CIE_STATE, text, (int *) out);
}

/* Rules */

int
sp_cie_age (const GDate *birth,
            const GDate *today)
{
  int age = g_date_get_year (today) - g_date_get_year (birth);

  if (g_date_get_month (today) < g_date_get_month (birth)
      || (g_date_get_month (today) == g_date_get_month (birth)
          && g_date_get_day (today) < g_date_get_day (birth)))
    age--;
  return age;
}

int
sp_cie_validity_years (const GDate *birth,
                       const GDate *today)
{
  int age = sp_cie_age (birth, today);

  if (age < 3)
    return 3;
  if (age < 18)
    return 5;
  return 10;
}

gboolean
sp_cie_fingerprints_exempt (const GDate *birth,
                            const GDate *today)
{
  return sp_cie_age (birth, today) < 12;
}

gboolean
sp_cie_may_state_organ_choice (const GDate *birth,
                               const GDate *today)
{
  return sp_cie_age (birth, today) >= 18;
}

gboolean
sp_cie_reason_is_duplicate (SpCieReason reason)
{
  return reason == SP_CIE_REASON_LOST || reason == SP_CIE_REASON_STOLEN
         || reason == SP_CIE_REASON_DAMAGED;
}

int
sp_cie_fee_cents (SpStore     *store,
                  SpCieReason  reason)
{
  if (sp_cie_reason_is_duplicate (reason))
    return (int) sp_store_get_setting_int (store, SP_SETTING_CIE_FEE_DUPLICATE, SP_CIE_FEE_DUPLICATE_DEFAULT);
  return (int) sp_store_get_setting_int (store, SP_SETTING_CIE_FEE_STANDARD, SP_CIE_FEE_STANDARD_DEFAULT);
}

char *
sp_cie_format_fee (int cents)
{
  return g_strdup_printf ("%d,%02d €", cents / 100, cents % 100);
}

gboolean
sp_cie_renewal_is_early (const GDate *old_expiry,
                         const GDate *today)
{
  GDate window = *today;

  g_date_add_days (&window, SP_CIE_RENEWAL_WINDOW_DAYS);
  return g_date_compare (old_expiry, &window) > 0;
}

void
sp_cie_expected_delivery (SpStore     *store,
                          const GDate *today,
                          GDate       *out)
{
  g_autoptr(SpHolidayRules) rules = sp_holiday_rules_load (store);

  *out = *today;
  sp_working_days_add (out, SP_CIE_DELIVERY_WORKING_DAYS, rules);
}

gboolean
sp_cie_check_card_number (const char  *number,
                          GError     **error)
{
  g_autoptr(SpDocumentCheck) check = NULL;
  GDate today;

  if (number == NULL || *number == '\0')
    {
      g_set_error_literal (error, SP_CIE_ERROR, SP_CIE_ERROR_CARD_NUMBER,
                           _("Type the new card’s number."));
      return FALSE;
    }
  /* Only the number is checked here; the dates of a card not yet made do not apply. */
  sp_date_from_time (sp_store_now (), &today);
  check = sp_document_check (SP_DOCUMENT_CIE, number, SP_ISSUER_COMUNE, NULL, NULL, &today);
  for (guint i = 0; i < check->errors->len; i++)
    {
      const GError *e = g_ptr_array_index (check->errors, i);

      if (e->code == SP_DOCUMENT_ERROR_NUMBER_EMPTY || e->code == SP_DOCUMENT_ERROR_NUMBER_FORMAT)
        {
          g_set_error (error, SP_CIE_ERROR, SP_CIE_ERROR_CARD_NUMBER,
                       _("The card number is two letters, five digits and two letters, like CA00000AA."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Object */

/* In the order of REQUEST_COLUMNS. */
static const SpRecordField request_fields[] = {
  SP_RECORD_FIELD ("id", SP_RECORD_INT64, SpCieRequest, id),
  SP_RECORD_FIELD ("uuid", SP_RECORD_STRING, SpCieRequest, uuid),
  SP_RECORD_FIELD ("citizen-id", SP_RECORD_INT64, SpCieRequest, citizen_id),
  SP_RECORD_FIELD ("codice-fiscale", SP_RECORD_STRING, SpCieRequest, codice_fiscale),
  SP_RECORD_FIELD ("surname", SP_RECORD_STRING, SpCieRequest, surname),
  SP_RECORD_FIELD ("given-name", SP_RECORD_STRING, SpCieRequest, given_name),
  SP_RECORD_FIELD ("birth-date", SP_RECORD_STRING, SpCieRequest, birth_date),
  SP_RECORD_ENUM_FIELD ("reason", SpCieRequest, reason, sp_cie_reason_get_type),
  SP_RECORD_FIELD ("police-report", SP_RECORD_STRING, SpCieRequest, police_report),
  SP_RECORD_FIELD ("ministry-number", SP_RECORD_STRING, SpCieRequest, ministry_number),
  SP_RECORD_FIELD ("card-number", SP_RECORD_STRING, SpCieRequest, card_number),
  SP_RECORD_FIELD ("fee-cents", SP_RECORD_INT, SpCieRequest, fee_cents),
  SP_RECORD_ENUM_FIELD ("payment", SpCieRequest, payment, sp_cie_payment_get_type),
  SP_RECORD_FIELD ("payment-reference", SP_RECORD_STRING, SpCieRequest, payment_reference),
  SP_RECORD_FIELD ("fingerprints-taken", SP_RECORD_BOOLEAN, SpCieRequest, fingerprints_taken),
  SP_RECORD_ENUM_FIELD ("organ-donation", SpCieRequest, organ_donation, sp_cie_organ_get_type),
  SP_RECORD_ENUM_FIELD ("delivery", SpCieRequest, delivery, sp_cie_delivery_get_type),
  SP_RECORD_FIELD ("delivery-address", SP_RECORD_STRING, SpCieRequest, delivery_address),
  SP_RECORD_FIELD ("delegate", SP_RECORD_STRING, SpCieRequest, delegate),
  SP_RECORD_FIELD ("validity-years", SP_RECORD_INT, SpCieRequest, validity_years),
  SP_RECORD_FIELD ("expected-delivery", SP_RECORD_STRING, SpCieRequest, expected_delivery),
  SP_RECORD_ENUM_FIELD ("state", SpCieRequest, state, sp_cie_state_get_type),
  SP_RECORD_FIELD ("created-at", SP_RECORD_INT64, SpCieRequest, created_at),
};

static void
sp_cie_request_class_init (SpCieRequestClass *klass)
{
  sp_record_class_install (G_OBJECT_CLASS (klass), request_fields, G_N_ELEMENTS (request_fields));
}

static void
sp_cie_request_init (SpCieRequest *self)
{
}

gint64 sp_cie_request_get_id (SpCieRequest *self) { return self->id; }
const char *sp_cie_request_get_uuid (SpCieRequest *self) { return self->uuid; }
gint64 sp_cie_request_get_citizen_id (SpCieRequest *self) { return self->citizen_id; }
const char *sp_cie_request_get_codice_fiscale (SpCieRequest *self) { return self->codice_fiscale; }
const char *sp_cie_request_get_surname (SpCieRequest *self) { return self->surname; }
const char *sp_cie_request_get_given_name (SpCieRequest *self) { return self->given_name; }
const char *sp_cie_request_get_birth_date (SpCieRequest *self) { return self->birth_date; }
SpCieReason sp_cie_request_get_reason (SpCieRequest *self) { return self->reason; }
const char *sp_cie_request_get_police_report (SpCieRequest *self) { return self->police_report; }
const char *sp_cie_request_get_ministry_number (SpCieRequest *self) { return self->ministry_number; }
const char *sp_cie_request_get_card_number (SpCieRequest *self) { return self->card_number; }
int sp_cie_request_get_fee_cents (SpCieRequest *self) { return self->fee_cents; }
SpCiePayment sp_cie_request_get_payment (SpCieRequest *self) { return self->payment; }
const char *sp_cie_request_get_payment_reference (SpCieRequest *self) { return self->payment_reference; }
gboolean sp_cie_request_get_fingerprints_taken (SpCieRequest *self) { return self->fingerprints_taken; }
SpCieOrgan sp_cie_request_get_organ_donation (SpCieRequest *self) { return self->organ_donation; }
SpCieDelivery sp_cie_request_get_delivery (SpCieRequest *self) { return self->delivery; }
const char *sp_cie_request_get_delivery_address (SpCieRequest *self) { return self->delivery_address; }
const char *sp_cie_request_get_delegate (SpCieRequest *self) { return self->delegate; }
int sp_cie_request_get_validity_years (SpCieRequest *self) { return self->validity_years; }
const char *sp_cie_request_get_expected_delivery (SpCieRequest *self) { return self->expected_delivery; }
SpCieState sp_cie_request_get_state (SpCieRequest *self) { return self->state; }
gint64 sp_cie_request_get_created_at (SpCieRequest *self) { return self->created_at; }

#define REQUEST_COLUMNS \
  "id, uuid, coalesce (citizen_id, 0), codice_fiscale, surname, given_name, birth_date, reason, " \
  "police_report, ministry_number, card_number, fee_cents, payment_method, payment_reference, " \
  "fingerprints = 'taken', organ_donation, delivery, delivery_address, delegate, validity_years, " \
  "expected_delivery, state, created_at FROM cie_requests "

static gpointer
request_from_row (SpStatement *stmt)
{
  return sp_record_new_from_row (SP_TYPE_CIE_REQUEST, stmt);
}

SpCieRequest *
sp_cie_request_load (SpStore     *store,
                     const char  *uuid,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SpCieRequest *request;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  request = sp_store_lookup (store, "SELECT " REQUEST_COLUMNS "WHERE uuid = ?1", uuid, 0,
                             request_from_row, _("The CIE request does not exist."), &local_error);
  if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    g_set_error_literal (error, SP_CIE_ERROR, SP_CIE_ERROR_NOT_FOUND, local_error->message);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return request;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
add_error (GPtrArray *errors, SpCieError code, const char *message)
{
  g_ptr_array_add (errors, g_error_new_literal (SP_CIE_ERROR, code, message));
}

/* The birth date given, or read from the codice fiscale. */
static gboolean
resolve_birth (const SpCieRequestInput *input,
               const GDate             *today,
               GDate                   *birth)
{
  g_autoptr(SpCfInfo) info = NULL;

  if (input->birth_date != NULL && *input->birth_date != '\0')
    return sp_date_parse_iso (input->birth_date, birth);
  if (input->codice_fiscale == NULL)
    return FALSE;
  info = sp_codice_fiscale_check (input->codice_fiscale, NULL, today);
  return sp_cf_info_get_birth_date (info, birth);
}

GPtrArray *
sp_cie_request_check (SpStore                 *store,
                      const SpCieRequestInput *input,
                      const GDate             *today)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(SpCfInfo) info = NULL;
  GDate birth;
  gboolean have_birth;

  g_return_val_if_fail (input != NULL, errors);

  info = sp_codice_fiscale_check (input->codice_fiscale != NULL ? input->codice_fiscale : "", NULL, today);
  if (!sp_cf_info_is_valid (info))
    {
      const GError *e = sp_cf_info_get_error (info);
      add_error (errors, SP_CIE_ERROR_CODICE_FISCALE,
                 e != NULL ? e->message : _("The codice fiscale is not valid."));
    }
  if (is_blank (input->surname) && is_blank (input->given_name))
    add_error (errors, SP_CIE_ERROR_NAME,
               input->single_name ? _("Type the citizen’s surname or name.")
                                  : _("Type the citizen’s surname and name."));
  else if (!input->single_name && (is_blank (input->surname) || is_blank (input->given_name)))
    add_error (errors, SP_CIE_ERROR_NAME, _("Type the citizen’s surname and name."));

  have_birth = resolve_birth (input, today, &birth);
  if (!have_birth || g_date_compare (&birth, today) > 0)
    add_error (errors, SP_CIE_ERROR_BIRTH_DATE, _("Type a valid birth date, not in the future."));

  if ((input->reason == SP_CIE_REASON_LOST || input->reason == SP_CIE_REASON_STOLEN)
      && is_blank (input->police_report))
    add_error (errors, SP_CIE_ERROR_POLICE_REPORT,
               _("A lost or stolen card needs the reference of the police report."));

  if (input->old_card_expiry != NULL && *input->old_card_expiry != '\0')
    {
      GDate expiry;
      if (!sp_date_parse_iso (input->old_card_expiry, &expiry))
        add_error (errors, SP_CIE_ERROR_OLD_CARD_EXPIRY, _("Write the old card’s expiry as YYYY-MM-DD."));
    }

  if (is_blank (input->ministry_number))
    add_error (errors, SP_CIE_ERROR_MINISTRY_NUMBER, _("Type the Ministry’s request number."));

  {
    GError *e = NULL;
    if (!sp_cie_check_card_number (input->card_number, &e))
      g_ptr_array_add (errors, e);
  }

  if (input->payment == SP_CIE_PAYMENT_PAGOPA && is_blank (input->payment_reference))
    add_error (errors, SP_CIE_ERROR_PAYMENT_REFERENCE, _("A pagoPA payment needs its notice code (IUV)."));

  if (have_birth && input->organ_donation != SP_CIE_ORGAN_NOT_STATED
      && !sp_cie_may_state_organ_choice (&birth, today))
    add_error (errors, SP_CIE_ERROR_ORGAN_DONATION, _("Only adults state a choice on organ donation."));

  if (input->delivery == SP_CIE_DELIVERY_HOME && is_blank (input->delivery_address))
    add_error (errors, SP_CIE_ERROR_DELIVERY_ADDRESS, _("Type the address the card is mailed to."));

  return errors;
}

static char *
strip_or_null (const char *text)
{
  return is_blank (text) ? NULL : g_strstrip (g_strdup (text));
}

/* A missing surname or given name (single_name) is stored empty:
 * migration 0010 lets one of the two be. */
static char *
name_or_empty (const char *name)
{
  char *clean = strip_or_null (name);

  return clean != NULL ? clean : g_strdup ("");
}

typedef struct
{
  SpActor                  actor;
  const SpCieRequestInput *input;
  const GDate             *today;
  const char              *uuid;
} RequestCreate;

static gboolean
insert_request (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  RequestCreate *create = user_data;
  const SpCieRequestInput *input = create->input;
  SpActor actor = create->actor;
  g_autoptr(SpCfInfo) info = NULL;
  g_autoptr(SpCitizen) citizen = NULL;
  g_autofree char *cf = NULL;
  g_autofree char *card = NULL;
  g_autofree char *birth_text = NULL;
  g_autofree char *delivery_text = NULL;
  g_autofree char *details = NULL;
  gint64 appointment_id = 0;
  gboolean exempt;
  GDate birth, delivery;
  g_autoptr(GError) local_error = NULL;
  gint64 before;

  /* Written by an attempt whose outcome the desk did not learn
   * (sp-pending-write.h): the request is there. */
  before = sp_store_query_int (store, 0, &local_error, "SELECT id FROM cie_requests WHERE uuid = ?1",
                               SP_TEXT (create->uuid), SP_END);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (before != 0)
    return TRUE;

  info = sp_codice_fiscale_check (input->codice_fiscale, NULL, create->today);
  cf = g_strdup (info->code);
  card = sp_document_normalize_number (input->card_number);
  resolve_birth (input, create->today, &birth);
  birth_text = sp_date_to_iso (&birth);
  exempt = input->fingerprints_exempt || sp_cie_fingerprints_exempt (&birth, create->today);
  sp_cie_expected_delivery (store, create->today, &delivery);
  delivery_text = sp_date_to_iso (&delivery);

  /* The identity core's citizen, when known. */
  citizen = sp_citizen_find_by_codice_fiscale (store, cf, NULL);

  /* The booking's appointment, when there is one (an unknown uuid links
   * nothing, as before). */
  if (input->appointment_uuid != NULL)
    {
      g_autoptr(SpAppointment) appointment = sp_appointment_load (store, input->appointment_uuid, NULL);

      if (appointment != NULL)
        appointment_id = sp_appointment_get_id (appointment);
    }

  {
    g_autofree char *surname = name_or_empty (input->surname);
    g_autofree char *given_name = name_or_empty (input->given_name);
    g_autofree char *police = strip_or_null (input->police_report);
    g_autofree char *old_expiry = strip_or_null (input->old_card_expiry);
    g_autofree char *ministry = strip_or_null (input->ministry_number);
    g_autofree char *reference = strip_or_null (input->payment_reference);
    g_autofree char *address = input->delivery == SP_CIE_DELIVERY_HOME ? strip_or_null (input->delivery_address) : NULL;
    g_autofree char *delegate = input->delivery == SP_CIE_DELIVERY_COMUNE ? strip_or_null (input->delegate) : NULL;

    if (sp_store_run (store, error,
                      "INSERT INTO cie_requests (uuid, appointment_id, citizen_id, codice_fiscale, surname, "
                      "  given_name, birth_date, reason, police_report, old_card_expiry, ministry_number, "
                      "  card_number, fee_cents, payment_method, payment_reference, fingerprints, "
                      "  organ_donation, delivery, delivery_address, delegate, validity_years, "
                      "  expected_delivery, state, desk_id, operator_id, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                      "  ?18, ?19, ?20, ?21, ?22, 'requested', ?23, ?24, ?25, ?25)",
                      SP_TEXT (create->uuid), SP_ID (appointment_id), SP_ID (citizen != NULL ? citizen->id : 0),
                      SP_TEXT (cf), SP_TEXT (surname), SP_TEXT (given_name), SP_TEXT (birth_text),
                      SP_TEXT (sp_cie_reason_to_string (input->reason)), SP_TEXT (police),
                      SP_TEXT (old_expiry), SP_TEXT (ministry), SP_TEXT (card),
                      SP_INT (sp_cie_fee_cents (store, input->reason)),
                      SP_TEXT (sp_cie_payment_to_string (input->payment)), SP_TEXT (reference),
                      SP_TEXT (exempt ? "exempt" : "taken"),
                      SP_TEXT (sp_cie_organ_to_string (input->organ_donation)),
                      SP_TEXT (sp_cie_delivery_to_string (input->delivery)), SP_TEXT (address),
                      SP_TEXT (delegate), SP_INT (sp_cie_validity_years (&birth, create->today)),
                      SP_TEXT (delivery_text), SP_ID (actor.desk_id), SP_ID (actor.operator_id),
                      SP_INT (sp_store_now ()), SP_END) < 0)
      return FALSE;
  }

  details = g_strdup_printf ("{\"codice_fiscale\":\"%s\",\"reason\":\"%s\",\"card_number\":\"%s\"}",
                             cf, sp_cie_reason_to_string (input->reason), card);
  return sp_audit_append (store, actor, SP_AUDIT_CIE_REQUEST, create->uuid, details, error);
}

gboolean
sp_cie_requests_taken_here (SpStore *store)
{
  g_autofree char *popup = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  popup = sp_store_get_setting (store, SP_SETTING_POPUP_DESK);
  return popup == NULL || sp_store_get_setting_int (store, SP_SETTING_CIE_AT_POPUP, 0) != 0;
}

SpCieRequest *
sp_cie_request_create (SpStore                 *store,
                       SpActor                  actor,
                       const SpCieRequestInput *input,
                       const GDate             *today,
                       GError                 **error)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *uuid = input->uuid != NULL ? g_strdup (input->uuid) : sp_store_new_uuid ();
  RequestCreate create = { actor, input, today, uuid };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (input != NULL && today != NULL, NULL);

  if (!sp_cie_requests_taken_here (store))
    {
      g_set_error_literal (error, SP_CIE_ERROR, SP_CIE_ERROR_NOT_HERE,
                           _("The comune takes CIE requests at the office, not at pop-up desks."));
      return NULL;
    }
  errors = sp_cie_request_check (store, input, today);
  if (errors->len > 0)
    {
      g_propagate_error (error, g_error_copy (g_ptr_array_index (errors, 0)));
      return NULL;
    }

  if (!sp_store_transaction (store, insert_request, &create, error))
    return NULL;

  return sp_cie_request_load (store, uuid, error);
}

typedef struct
{
  SpActor     actor;
  const char *uuid;
  SpCieState  state;
} StateChange;

static gboolean
write_state (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  StateChange *change = user_data;
  SpCieState state = change->state;
  g_autoptr(SpCieRequest) request = NULL;
  g_autofree char *details = NULL;
  gboolean allowed = FALSE;

  request = sp_cie_request_load (store, change->uuid, error);
  if (request == NULL)
    return FALSE;

  switch (state)
    {
    case SP_CIE_STATE_ARRIVED:
      allowed = request->state == SP_CIE_STATE_REQUESTED && request->delivery == SP_CIE_DELIVERY_COMUNE;
      break;
    case SP_CIE_STATE_HANDED_OVER:
      allowed = request->state == SP_CIE_STATE_ARRIVED;
      break;
    case SP_CIE_STATE_DELIVERED:
      allowed = request->state == SP_CIE_STATE_REQUESTED && request->delivery == SP_CIE_DELIVERY_HOME;
      break;
    case SP_CIE_STATE_REQUESTED:
    default:
      allowed = FALSE;
      break;
    }
  if (!allowed)
    {
      g_set_error (error, SP_CIE_ERROR, SP_CIE_ERROR_STATE,
                   _("A request that is “%s” cannot become “%s”."),
                   _(state_labels[request->state]), _(state_labels[state]));
      return FALSE;
    }

  if (sp_store_run (store, error,
                    "UPDATE cie_requests SET state = ?1, updated_at = ?2, "
                    "  arrived_at = CASE WHEN ?1 = 'arrived' THEN ?2 ELSE arrived_at END, "
                    "  closed_at = CASE WHEN ?1 IN ('handed-over', 'delivered') THEN ?2 ELSE closed_at END "
                    "WHERE id = ?3",
                    SP_TEXT (sp_cie_state_to_string (state)), SP_INT (sp_store_now ()),
                    SP_INT (request->id), SP_END) < 0)
    return FALSE;
  details = g_strdup_printf ("{\"codice_fiscale\":\"%s\",\"state\":\"%s\"}", request->codice_fiscale,
                             sp_cie_state_to_string (state));
  return sp_audit_append (store, change->actor, SP_AUDIT_CIE_STATE, change->uuid, details, error);
}

gboolean
sp_cie_request_set_state (SpStore     *store,
                          SpActor      actor,
                          const char  *uuid,
                          SpCieState   state,
                          GError     **error)
{
  StateChange change = { actor, uuid, state };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return sp_store_transaction (store, write_state, &change, error);
}

GListModel *
sp_cie_request_search (SpStore     *store,
                       const char  *text,
                       int          state,
                       GError     **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autofree char *up = g_utf8_strup (text != NULL ? text : "", -1);
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  g_strstrip (up);
  pattern = g_strdup_printf ("%s%%", up);
  stmt = sp_store_query (store, error,
                         "SELECT " REQUEST_COLUMNS
                         "WHERE (?1 = '' OR codice_fiscale = ?1 OR upper (ministry_number) = ?1 "
                         "       OR card_number = ?1 OR upper (surname) LIKE ?2 "
                         "       OR upper (surname || ' ' || given_name) LIKE ?2) "
                         "  AND (?3 IS NULL OR state = ?3) "
                         "ORDER BY created_at DESC LIMIT 500",
                         SP_TEXT (up), SP_TEXT (pattern),
                         SP_TEXT (state >= 0 ? sp_enum_to_nick (SP_TYPE_CIE_STATE, state) : NULL), SP_END);
  if (stmt == NULL)
    return NULL;
  return sp_statement_collect (stmt, SP_TYPE_CIE_REQUEST, request_from_row, error);
}

gint64
sp_cie_request_erase_closed_before (SpStore     *store,
                                    gint64       cutoff,
                                    const char  *cutoff_day,
                                    GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), -1);

  return sp_store_run_eraser (store,
                              "UPDATE cie_requests SET codice_fiscale = '" SP_ERASED_CODICE_FISCALE "', "
                              "surname = '" SP_ERASED_TEXT "', given_name = '" SP_ERASED_TEXT "', "
                              "birth_date = '0000-00-00', "
                              "police_report = CASE WHEN police_report IS NULL THEN NULL ELSE '" SP_ERASED_TEXT "' END, "
                              "payment_reference = CASE WHEN payment_reference IS NULL THEN NULL "
                              "ELSE '" SP_ERASED_TEXT "' END, "
                              "old_card_expiry = NULL, card_number = '', delivery_address = NULL, delegate = NULL, "
                              "citizen_id = NULL "
                              "WHERE state IN ('handed-over', 'delivered') AND coalesce(closed_at, updated_at) < ?1 "
                              "AND codice_fiscale <> '" SP_ERASED_CODICE_FISCALE "'",
                              cutoff, cutoff_day, error);
}

SpReceipt *
sp_cie_request_build_receipt (SpStore      *store,
                              SpCieRequest *self)
{
  SpReceipt *receipt = sp_receipt_new (SP_RECEIPT_KIND_CIE_REQUEST, self->uuid);
  /* One of the two may be missing (single_name). */
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", self->surname, self->given_name));
  g_autofree char *fee = sp_cie_format_fee (self->fee_cents);
  static const char * const validity[] = { N_("3 years"), N_("5 years"), N_("10 years") };

  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Name"), name);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Codice fiscale"), self->codice_fiscale);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, N_("Request number"), self->ministry_number);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, N_("CIE number"), self->card_number);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Reason"), reason_labels[self->reason]);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Fee paid"), fee);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Paid by"), payment_labels[self->payment]);
  if (self->payment_reference != NULL)
    sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Payment reference"), self->payment_reference);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Valid for"),
                        validity[self->validity_years == 3 ? 0 : self->validity_years == 5 ? 1 : 2]);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Delivery"), delivery_labels[self->delivery]);
  if (self->delegate != NULL)
    sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Delegate for collection"), self->delegate);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, N_("Expected delivery"), self->expected_delivery);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("What comes next"),
                        self->delivery == SP_CIE_DELIVERY_HOME
                        ? N_("The card comes by registered mail with the second half of the PIN and PUK. Until then this receipt is valid as identification in Italy.")
                        : N_("The comune tells you when the card has arrived: collect it with this receipt. Until then this receipt is valid as identification in Italy."));
  return receipt;
}

static const SpRowsColumn cie_request_travelling_columns[] = {
  SP_ROWS_COLUMN ("uuid", SP_ROWS_TEXT),
  { "appointment_id", SP_ROWS_REF, "appointments", "uuid", TRUE },
  { "citizen_id", SP_ROWS_REF, "citizens", "codice_fiscale", TRUE },
  SP_ROWS_COLUMN ("codice_fiscale", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("surname", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("given_name", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("birth_date", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("reason", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("police_report", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("old_card_expiry", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("ministry_number", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("card_number", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("fee_cents", SP_ROWS_INT),
  SP_ROWS_COLUMN ("payment_method", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("payment_reference", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("fingerprints", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("organ_donation", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("delivery", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("delivery_address", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("delegate", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("validity_years", SP_ROWS_INT),
  SP_ROWS_COLUMN ("expected_delivery", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("state", SP_ROWS_TEXT),
  SP_ROWS_DESK ("desk_id"),
  SP_ROWS_OPERATOR ("operator_id"),
  SP_ROWS_COLUMN ("created_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("updated_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("arrived_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("closed_at", SP_ROWS_INT),
  SP_ROWS_END,
};

static const SpRowsTable cie_request_travelling_rows = {
  "cie_requests", "uuid", "updated_at", NULL, "desk_id", SP_ROWS_MERGE_OWN_NEWER, cie_request_travelling_columns,
};

const SpRowsTable *
sp_cie_request_travelling_rows (void)
{
  return &cie_request_travelling_rows;
}
