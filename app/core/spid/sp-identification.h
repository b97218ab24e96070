/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification.h — a SPID identification at the desk
 *
 * The case a clerk fills in while the citizen sits across: the channel
 * (RAO pubblico, or partner counter of a named identity provider with the
 * provider's request code), the citizen, the identity document, the health
 * card, email and mobile (each typed twice), the clerk's checklist and the
 * acknowledged mismatches between the codice fiscale and the data.
 *
 * States: draft → completed | refused, and completed → expired when a RAO
 * code was not used within the configured days. Transitions happen only
 * here, each in one transaction with its audit row. The rules are checked
 * in sp-identification-rules.h: sp_identification_complete() refuses while
 * sp_identification_check() reports any unmet rule.
 *
 * A draft is saved as the clerk types (sp_identification_save_draft): the
 * form is kept whole, as typed, so a crash loses nothing already saved.
 */
#pragma once

#include "sp-store-rows.h"
#include <gio/gio.h>
#include "sp-setting-keys.h"

#include "sp-audit.h"
#include "sp-citizen.h"
#include "sp-codice-fiscale.h"
#include "sp-places.h"
#include "sp-receipt.h"
#include "sp-seal.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_IDENTIFICATION_ERROR (sp_identification_error_quark ())

typedef enum
{
  SP_IDENTIFICATION_ERROR_RULES,   /* mandatory items are missing or wrong */
  SP_IDENTIFICATION_ERROR_STATE,   /* not a draft any more */
  SP_IDENTIFICATION_ERROR_REASON,  /* refusal without a known reason */
} SpIdentificationError;

typedef enum
{
  SP_IDENTIFICATION_DRAFT,     /*< nick=draft >*/
  SP_IDENTIFICATION_COMPLETED, /*< nick=completed >*/
  SP_IDENTIFICATION_REFUSED,   /*< nick=refused >*/
  SP_IDENTIFICATION_EXPIRED,   /*< nick=expired >*/
} SpIdentificationState;

typedef enum
{
  SP_IDENTIFICATION_CHANNEL_RAO,      /*< nick=rao >*/      /* RAO pubblico: split code by email */
  SP_IDENTIFICATION_CHANNEL_PARTNER,  /*< nick=partner >*/  /* partner counter of a provider */
} SpIdentificationChannel;

typedef enum
{
  SP_IDENTIFICATION_STEP_CITIZEN,
  SP_IDENTIFICATION_STEP_DOCUMENT,
  SP_IDENTIFICATION_STEP_HEALTH_CARD,
  SP_IDENTIFICATION_STEP_CONTACTS,
  SP_IDENTIFICATION_STEP_CHECKS,
  SP_IDENTIFICATION_N_STEPS,  /*< skip >*/
} SpIdentificationStep;

/* Audit actions. */
#define SP_AUDIT_SPID_START    "spid-start"
#define SP_AUDIT_SPID_COMPLETE "spid-complete"
#define SP_AUDIT_SPID_REFUSE   "spid-refuse"
#define SP_AUDIT_SPID_EXPIRE   "spid-expire"
#define SP_AUDIT_SPID_RESEND   "spid-resend"

/* Comune-wide settings. */
#define SP_SPID_ADULT_AGE              18

/* Field keys: the form as typed. */
#define SP_ID_PROVIDER              "provider"
#define SP_ID_PROVIDER_REQUEST_CODE "provider_request_code"
#define SP_ID_INTENDED_PROVIDER     "intended_provider"
#define SP_ID_CODICE_FISCALE        "codice_fiscale"
#define SP_ID_SURNAME               "surname"
#define SP_ID_NAME                  "name"
#define SP_ID_SEX                   "sex"              /* "M" or "F" */
#define SP_ID_BIRTH_DATE            "birth_date"       /* as typed: 31/12/1980 */
#define SP_ID_BIRTH_PLACE           "birth_place"      /* name or code */
#define SP_ID_RESIDENCE_TYPE        "residence_type"   /* "Via", "Piazza" … (sp_rao_address_types) */
#define SP_ID_RESIDENCE_STREET      "residence_street"
#define SP_ID_RESIDENCE_NUMBER      "residence_number"
#define SP_ID_RESIDENCE_POSTCODE    "residence_postcode"
#define SP_ID_RESIDENCE_PLACE       "residence_place"
#define SP_ID_GUARDIAN_NAME         "guardian_name"
#define SP_ID_GUARDIAN_CF           "guardian_codice_fiscale"
#define SP_ID_DOCUMENT_TYPE         "document_type"    /* "cie", "passport" … */
#define SP_ID_DOCUMENT_NUMBER       "document_number"
#define SP_ID_DOCUMENT_ISSUER       "document_issuer"  /* "comune", "questura" … */
#define SP_ID_DOCUMENT_ISSUER_NAME  "document_issuer_name"
#define SP_ID_DOCUMENT_ISSUED       "document_issued"
#define SP_ID_DOCUMENT_EXPIRES      "document_expires"
#define SP_ID_HEALTH_CARD_NUMBER    "health_card_number"
#define SP_ID_HEALTH_CARD_EXPIRES   "health_card_expires"
#define SP_ID_EMAIL                 "email"
#define SP_ID_EMAIL_CONFIRM         "email_confirm"
#define SP_ID_MOBILE_COUNTRY        "mobile_country_code" /* "+39" unless typed */
#define SP_ID_MOBILE                "mobile"
#define SP_ID_MOBILE_CONFIRM        "mobile_confirm"
#define SP_ID_PEC                   "pec"
#define SP_ID_LANGUAGE              "language"         /* receipt and email */

/* Flags. */
#define SP_ID_FLAG_CONSENT          "consent"
#define SP_ID_FLAG_CHECK_PHOTO      "check_photo"
#define SP_ID_FLAG_CHECK_DOCUMENT   "check_document"
#define SP_ID_FLAG_CHECK_PRIVACY    "check_privacy"
#define SP_ID_FLAG_CHECK_SIGNED     "check_signed"
#define SP_ID_FLAG_DOCUMENT_WARNING "document_warning_ack"
/* A citizen with one name only (some foreign citizens): the surname, or
 * the given name, is left empty on purpose. Never both. */
#define SP_ID_FLAG_NO_SURNAME       "no_surname"
#define SP_ID_FLAG_NO_NAME          "no_name"

/* A reason to refuse, with its label (N_(), translate with _()). */
typedef struct
{
  const char *id;
  const char *label;
} SpRefusalReason;

const SpRefusalReason *sp_identification_get_refusal_reasons (guint *n_reasons);
const char            *sp_identification_state_get_label     (SpIdentificationState state);
const char            *sp_identification_step_get_title      (SpIdentificationStep  step);
/* "31/12/1980", "31-12-1980", "31.12.1980", "31121980" or "1980-12-31". */
gboolean               sp_identification_parse_date          (const char  *text,
                                                              GDate       *date);

#define SP_TYPE_IDENTIFICATION (sp_identification_get_type ())

G_DECLARE_FINAL_TYPE (SpIdentification, sp_identification, SP, IDENTIFICATION, GObject)

GQuark                  sp_identification_error_quark      (void);

SpIdentification       *sp_identification_new_draft        (SpStore                 *store,
                                                            SpActor                  actor,
                                                            SpIdentificationChannel  channel,
                                                            GError                 **error);
SpIdentification       *sp_identification_load             (SpStore                 *store,
                                                            const char              *uuid,
                                                            GError                 **error);
/* The latest draft left at a desk, or NULL. */
SpIdentification       *sp_identification_find_draft       (SpStore                 *store,
                                                            gint64                   desk_id,
                                                            GError                 **error);

gint64                  sp_identification_get_id           (SpIdentification *self);
const char             *sp_identification_get_uuid         (SpIdentification *self);
SpIdentificationState   sp_identification_get_state        (SpIdentification *self);
SpIdentificationChannel sp_identification_get_channel      (SpIdentification *self);
void                    sp_identification_set_channel      (SpIdentification *self,
                                                            SpIdentificationChannel channel);
gint64                  sp_identification_get_created_at   (SpIdentification *self);
gint64                  sp_identification_get_updated_at   (SpIdentification *self);
gint64                  sp_identification_get_completed_at (SpIdentification *self);
gint64                  sp_identification_get_expires_at   (SpIdentification *self);
gint64                  sp_identification_get_operator_id  (SpIdentification *self);
gint64                  sp_identification_get_desk_id      (SpIdentification *self);
const char             *sp_identification_get_refusal_reason (SpIdentification *self);
const char             *sp_identification_get_refusal_note (SpIdentification *self);
const char             *sp_identification_get_code_first_half (SpIdentification *self);
/* "Surname Name", or "" while empty. */
char                   *sp_identification_dup_display_name (SpIdentification *self);

/* Never NULL: "" when not typed. Setting marks the draft dirty. */
const char             *sp_identification_get_field        (SpIdentification *self,
                                                            const char       *key);
void                    sp_identification_set_field        (SpIdentification *self,
                                                            const char       *key,
                                                            const char       *value);
/* Types several fields at once: pairs of key and value, ended by NULL. */
void                    sp_identification_set_fields       (SpIdentification *self,
                                                            const char       *first_key,
                                                            ...) G_GNUC_NULL_TERMINATED;
gboolean                sp_identification_get_flag         (SpIdentification *self,
                                                            const char       *key);
void                    sp_identification_set_flag         (SpIdentification *self,
                                                            const char       *key,
                                                            gboolean          value);
SpCfMismatch            sp_identification_get_acknowledged (SpIdentification *self);
void                    sp_identification_set_acknowledged (SpIdentification *self,
                                                            SpCfMismatch      mismatches);
gboolean                sp_identification_is_dirty         (SpIdentification *self);
/* The whole form (fields, checks, acknowledgements) as JSON, and back:
 * what sp-draft-spool keeps while the database cannot be written.
 * Restoring replaces the form and marks the draft dirty. */
char                   *sp_identification_dup_form         (SpIdentification *self);
void                    sp_identification_restore_form     (SpIdentification *self,
                                                            const char       *form);
/* Fills the citizen's fields from a stored citizen (second visit). */
void                    sp_identification_prefill          (SpIdentification *self,
                                                            const SpCitizen  *citizen,
                                                            SpPlaces         *places);

/* Records when the clerk first reached a step (µs since the epoch, in the
 * form as "step<N>_at"), so each step's time is on record. The summary
 * is step SP_IDENTIFICATION_N_STEPS. */
void                    sp_identification_mark_step        (SpIdentification *self,
                                                            guint             step,
                                                            gint64            now);
gint64                  sp_identification_get_step_time    (SpIdentification *self,
                                                            guint             step);

/* Writes the form if it changed. Not audited: not a transition. */
gboolean                sp_identification_save_draft       (SpStore          *store,
                                                            SpIdentification *self,
                                                            GError          **error);

/* draft → completed. Checks every rule, stores the citizen, and for RAO
 * pubblico draws the activation code, seals AgID's token with the
 * comune's seal and queues the e-mail with the second half of the code and
 * the token; returns the full code in *out_code (never stored: only its
 * first half is, and the second travels in the e-mail). Asked again after
 * an attempt whose outcome the desk did not learn, and that attempt did
 * complete it, self takes what was stored and *out_code is NULL: nothing
 * is done twice. */
gboolean                sp_identification_complete         (SpStore          *store,
                                                            SpIdentification *self,
                                                            SpActor           actor,
                                                            SpPlaces         *places,
                                                            const GDate      *today,
                                                            char            **out_code,
                                                            GError          **error);
/* As sp_identification_complete (), with the seal given (NULL: the
 * comune's, as complete () does; only a RAO identification uses it) and
 * the completion time in µs (0: now). The demo generator seals its
 * identifications of past days with it. */
gboolean                sp_identification_complete_sealed  (SpStore          *store,
                                                            SpIdentification *self,
                                                            SpActor           actor,
                                                            SpPlaces         *places,
                                                            const GDate      *today,
                                                            SpSeal           *seal,
                                                            gint64            at,
                                                            char            **out_code,
                                                            GError          **error);
/* draft → refused, with a reason id from the list and free text. */
gboolean                sp_identification_refuse           (SpStore          *store,
                                                            SpIdentification *self,
                                                            SpActor           actor,
                                                            const char       *reason,
                                                            const char       *note,
                                                            GError          **error);
/* completed RAO → expired once past the deadline; returns how many. */
guint                   sp_identification_expire_due       (SpStore          *store,
                                                            gint64            now,
                                                            GError          **error);

/* The sealed token a completed RAO identification sent, or NULL with an
 * error (not RAO, not completed). */
char                   *sp_identification_dup_token        (SpStore          *store,
                                                            SpIdentification *self,
                                                            GError          **error);
/* Queues the citizen's e-mail (second half of the code and the token)
 * again, audited, for a citizen who lost it. */
gboolean                sp_identification_resend_email     (SpStore          *store,
                                                            SpIdentification *self,
                                                            SpActor           actor,
                                                            GError          **error);

/* Erases the personal data of identifications closed (completed, refused
 * or expired) before cutoff (µs), for retention: in the caller's
 * transaction, the rows changed or -1 with error set. cutoff_day is not
 * used: every eraser takes both. */
gint64                  sp_identification_erase_closed_before (SpStore       *store,
                                                               gint64         cutoff,
                                                               const char    *cutoff_day,
                                                               GError       **error);

/* How identifications once finished (a draft waits for the next bundle), with their sealed tokens; the seal is named when the office has it travel from a pop-up desk to the office (sp-store-rows.h). */
const SpRowsTable *sp_identification_travelling_rows (void);

G_END_DECLS

/* The rest of the object's API, one concept per file. */
#include "sp-identification-mail.h"
#include "sp-identification-receipt.h"
#include "sp-identification-rules.h"
#include "sp-identification-search.h"

