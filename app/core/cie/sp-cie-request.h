/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-request.h — CIE (electronic identity card) requests and their rules
 *
 * A request is recorded at the counter, from an appointment or a walk-in:
 * citizen, reason, the Ministry's request number and the new card's number,
 * the fee from the comune's fee table, payment, fingerprints (exempt under
 * 12, automatically), organ-donation choice (adults only), delivery, the
 * card's validity from the citizen's age, and the expected delivery (6
 * working days). Then it is followed up:
 *
 *   requested ─→ arrived (at the comune) ─→ handed-over     (collection)
 *       └──────────────────────────────────→ delivered      (by post)
 *
 * The rules are plain functions of "today" so screens validate as the clerk
 * types and tests can pin the date.
 */
#pragma once

#include "sp-store-rows.h"
#include <gio/gio.h>
#include "sp-setting-keys.h"

#include "sp-audit.h"
#include "sp-receipt.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_CIE_ERROR (sp_cie_error_quark ())

/* One code per field, so a form can put the message next to it. */
typedef enum
{
  SP_CIE_ERROR_CODICE_FISCALE,
  SP_CIE_ERROR_NAME,
  SP_CIE_ERROR_BIRTH_DATE,
  SP_CIE_ERROR_POLICE_REPORT,
  SP_CIE_ERROR_OLD_CARD_EXPIRY,
  SP_CIE_ERROR_MINISTRY_NUMBER,
  SP_CIE_ERROR_CARD_NUMBER,
  SP_CIE_ERROR_PAYMENT_REFERENCE,
  SP_CIE_ERROR_ORGAN_DONATION,
  SP_CIE_ERROR_DELIVERY_ADDRESS,
  SP_CIE_ERROR_NOT_FOUND,
  SP_CIE_ERROR_STATE,
  SP_CIE_ERROR_NOT_HERE,        /* a pop-up desk where the comune takes none */
} SpCieError;

GQuark sp_cie_error_quark (void);

#define SP_AUDIT_CIE_REQUEST "cie-request"
#define SP_AUDIT_CIE_STATE   "cie-state"

/* Settings: the fee table in euro cents, and the delivery time. */
#define SP_CIE_FEE_STANDARD_DEFAULT  2200
#define SP_CIE_FEE_DUPLICATE_DEFAULT 2700
#define SP_CIE_DELIVERY_WORKING_DAYS 6
#define SP_CIE_RENEWAL_WINDOW_DAYS   180

typedef enum
{
  SP_CIE_REASON_FIRST,    /*< nick=first >*/
  SP_CIE_REASON_RENEWAL,  /*< nick=renewal >*/
  SP_CIE_REASON_EXPIRED,  /*< nick=expired >*/
  SP_CIE_REASON_LOST,     /*< nick=lost >*/
  SP_CIE_REASON_STOLEN,   /*< nick=stolen >*/
  SP_CIE_REASON_DAMAGED,  /*< nick=damaged >*/
} SpCieReason;

typedef enum
{
  SP_CIE_PAYMENT_CARD,    /*< nick=card >*/
  SP_CIE_PAYMENT_PAGOPA,  /*< nick=pagopa >*/
  SP_CIE_PAYMENT_CASH,    /*< nick=cash >*/
} SpCiePayment;

typedef enum
{
  SP_CIE_ORGAN_NOT_STATED, /*< nick=not-stated >*/
  SP_CIE_ORGAN_YES,        /*< nick=yes >*/
  SP_CIE_ORGAN_NO,         /*< nick=no >*/
} SpCieOrgan;

typedef enum
{
  SP_CIE_DELIVERY_HOME,    /*< nick=home >*/
  SP_CIE_DELIVERY_COMUNE,  /*< nick=comune >*/
} SpCieDelivery;

typedef enum
{
  SP_CIE_STATE_REQUESTED,    /*< nick=requested >*/
  SP_CIE_STATE_ARRIVED,      /*< nick=arrived >*/
  SP_CIE_STATE_HANDED_OVER,  /*< nick=handed-over >*/
  SP_CIE_STATE_DELIVERED,    /*< nick=delivered >*/
} SpCieState;

const char *sp_cie_reason_to_string    (SpCieReason  reason);
gboolean    sp_cie_reason_from_string  (const char  *text, SpCieReason *out);
const char *sp_cie_reason_get_label    (SpCieReason  reason);   /* English msgid */
const char *sp_cie_payment_to_string   (SpCiePayment payment);
const char *sp_cie_payment_get_label   (SpCiePayment payment);  /* English msgid */
const char *sp_cie_organ_to_string     (SpCieOrgan   organ);
const char *sp_cie_organ_get_label     (SpCieOrgan   organ);    /* English msgid */
const char *sp_cie_delivery_to_string  (SpCieDelivery delivery);
const char *sp_cie_delivery_get_label  (SpCieDelivery delivery); /* English msgid */
const char *sp_cie_state_to_string     (SpCieState   state);
gboolean    sp_cie_state_from_string   (const char  *text, SpCieState *out);
const char *sp_cie_state_get_label     (SpCieState   state);    /* English msgid */

/* Rules. */
/* Age in whole years on today. */
int         sp_cie_age                 (const GDate *birth, const GDate *today);
/* 3 years under age 3, 5 from 3 to 17, 10 for adults. */
int         sp_cie_validity_years      (const GDate *birth, const GDate *today);
gboolean    sp_cie_fingerprints_exempt (const GDate *birth, const GDate *today);
gboolean    sp_cie_may_state_organ_choice (const GDate *birth, const GDate *today);
/* Duplicate fee for lost, stolen, damaged; standard otherwise. */
gboolean    sp_cie_reason_is_duplicate (SpCieReason  reason);
int         sp_cie_fee_cents           (SpStore     *store, SpCieReason reason);
/* "22,00 €" */
char       *sp_cie_format_fee          (int          cents);
/* A warning (not an error) when the old card expires more than 180 days
 * after today: renewal is not due yet. */
gboolean    sp_cie_renewal_is_early    (const GDate *old_expiry, const GDate *today);
/* Today + 6 working days (holidays and patron excluded). */
void        sp_cie_expected_delivery   (SpStore     *store, const GDate *today, GDate *out);
/* The card number's format (the identity core's CIE rules). */
gboolean    sp_cie_check_card_number   (const char  *number, GError **error);

/* What the clerk recorded. Strings may be NULL when optional. */
typedef struct
{
  const char   *codice_fiscale;
  const char   *surname;
  const char   *given_name;
  /* The citizen has no surname or no given name (some foreign citizens):
   * one of the two may then be empty, never both, as the codice
   * fiscale's XXX stands for it. */
  gboolean      single_name;
  const char   *birth_date;          /* YYYY-MM-DD; NULL: from the codice fiscale */
  SpCieReason   reason;
  const char   *police_report;       /* lost, stolen */
  const char   *old_card_expiry;     /* YYYY-MM-DD, optional */
  const char   *ministry_number;
  const char   *card_number;
  SpCiePayment  payment;
  const char   *payment_reference;   /* pagoPA notice code (IUV) required */
  gboolean      fingerprints_exempt; /* besides the automatic under-12 rule */
  SpCieOrgan    organ_donation;
  SpCieDelivery delivery;
  const char   *delivery_address;    /* home delivery */
  const char   *delegate;            /* collection, optional */
  const char   *appointment_uuid;    /* optional */
  /* The new request's (NULL: a new one); given again after an attempt
   * whose outcome was unknown, the request it wrote (sp-pending-write.h). */
  const char   *uuid;
} SpCieRequestInput;

#define SP_TYPE_CIE_REQUEST (sp_cie_request_get_type ())

G_DECLARE_FINAL_TYPE (SpCieRequest, sp_cie_request, SP, CIE_REQUEST, GObject)

gint64         sp_cie_request_get_id             (SpCieRequest *self);
const char    *sp_cie_request_get_uuid           (SpCieRequest *self);
gint64         sp_cie_request_get_citizen_id     (SpCieRequest *self);
const char    *sp_cie_request_get_codice_fiscale (SpCieRequest *self);
const char    *sp_cie_request_get_surname        (SpCieRequest *self);
const char    *sp_cie_request_get_given_name     (SpCieRequest *self);
const char    *sp_cie_request_get_birth_date     (SpCieRequest *self);
SpCieReason    sp_cie_request_get_reason         (SpCieRequest *self);
const char    *sp_cie_request_get_police_report  (SpCieRequest *self);
const char    *sp_cie_request_get_ministry_number (SpCieRequest *self);
const char    *sp_cie_request_get_card_number    (SpCieRequest *self);
int            sp_cie_request_get_fee_cents      (SpCieRequest *self);
SpCiePayment   sp_cie_request_get_payment        (SpCieRequest *self);
const char    *sp_cie_request_get_payment_reference (SpCieRequest *self);
gboolean       sp_cie_request_get_fingerprints_taken (SpCieRequest *self);
SpCieOrgan     sp_cie_request_get_organ_donation (SpCieRequest *self);
SpCieDelivery  sp_cie_request_get_delivery       (SpCieRequest *self);
const char    *sp_cie_request_get_delivery_address (SpCieRequest *self);
const char    *sp_cie_request_get_delegate       (SpCieRequest *self);
int            sp_cie_request_get_validity_years (SpCieRequest *self);
const char    *sp_cie_request_get_expected_delivery (SpCieRequest *self);
SpCieState     sp_cie_request_get_state          (SpCieRequest *self);
gint64         sp_cie_request_get_created_at     (SpCieRequest *self);

/* Whether this desk takes CIE requests: every desk of the office, a
 * pop-up desk's laptop only if the comune allows it there (setting). */
gboolean       sp_cie_requests_taken_here  (SpStore                 *store);
/* Checks everything (first problem as the error, with its field's code),
 * then stores the request with its audit row and, when the identity core
 * knows the codice fiscale, links the citizen. */
SpCieRequest  *sp_cie_request_create       (SpStore                 *store,
                                            SpActor                  actor,
                                            const SpCieRequestInput *input,
                                            const GDate             *today,
                                            GError                 **error);
/* Only the checks: every problem found, as a GPtrArray of GError. */
GPtrArray     *sp_cie_request_check        (SpStore                 *store,
                                            const SpCieRequestInput *input,
                                            const GDate             *today);
SpCieRequest  *sp_cie_request_load         (SpStore                 *store,
                                            const char              *uuid,
                                            GError                 **error);
/* Follow-up: arrived (collection only), handed-over, delivered (home). */
gboolean       sp_cie_request_set_state    (SpStore                 *store,
                                            SpActor                  actor,
                                            const char              *uuid,
                                            SpCieState               state,
                                            GError                 **error);
/* By codice fiscale, surname, request or card number; state -1: any. */
GListModel    *sp_cie_request_search       (SpStore                 *store,
                                            const char              *text,
                                            int                      state,
                                            GError                 **error);
/* Retention: erases the personal data of the requests closed (handed over
 * or delivered) before cutoff (µs), keeping what the reports count. Rows
 * changed, or -1; in the caller's transaction. */
gint64         sp_cie_request_erase_closed_before (SpStore         *store,
                                                   gint64           cutoff,
                                                   const char      *cutoff_day,
                                                   GError         **error);
/* The receipt handed over (not issued yet). */
SpReceipt     *sp_cie_request_build_receipt (SpStore                *store,
                                             SpCieRequest           *self);

/* How CIE requests (their appointment named when the office has it) travel from a pop-up desk to the office (sp-store-rows.h). */
const SpRowsTable *sp_cie_request_travelling_rows (void);

G_END_DECLS
