/* sp-receipt.h — receipts handed to citizens, and their signed QR payload
 *
 * Every case ends with a receipt: a kind, the uuid of the record it was
 * issued for, the issue time, the desk and operator, the citizen's language
 * and the kind's printed fields. Issuing stores it (so it can be printed
 * again from its uuid); reprints are counted and printed as duplicates.
 *
 * The QR code carries a compact payload — version, kind, date, the
 * installation's key id, record uuid and a truncated HMAC-SHA256 keyed with
 * the installation secret — and no personal data. Any desk sharing the
 * installation's database can verify it and open the record.
 */
#pragma once

#include <glib-object.h>

#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_RECEIPT_ERROR (sp_receipt_error_quark ())

typedef enum
{
  SP_RECEIPT_ERROR_MALFORMED,   /* not a Sportello receipt code at all */
  SP_RECEIPT_ERROR_TRUNCATED,   /* starts like one, but is cut short */
  SP_RECEIPT_ERROR_VERSION,     /* from a newer (or unknown) Sportello */
  SP_RECEIPT_ERROR_UNKNOWN_KIND,/* a kind this version does not know */
  SP_RECEIPT_ERROR_FOREIGN,     /* signed by another installation */
  SP_RECEIPT_ERROR_TAMPERED,    /* our key id, but the signature is wrong */
  SP_RECEIPT_ERROR_NOT_FOUND,   /* authentic, but no such receipt here */
  SP_RECEIPT_ERROR_INVALID,     /* the caller's data cannot make a receipt */
} SpReceiptError;

GQuark sp_receipt_error_quark (void);
/* A stable machine name for an error code ("tampered", …), for JSON. */
const char *sp_receipt_error_to_string (SpReceiptError code);

/* Kinds are stored by name and encoded in the QR by one letter; new kinds
 * are appended, never renumbered. */
typedef enum
{
  SP_RECEIPT_KIND_SPID_IDENTIFICATION = 1,
  SP_RECEIPT_KIND_CIE_REQUEST,
  SP_RECEIPT_KIND_APPOINTMENT,
} SpReceiptKind;

#define SP_RECEIPT_KIND_FIRST SP_RECEIPT_KIND_SPID_IDENTIFICATION
#define SP_RECEIPT_KIND_LAST  SP_RECEIPT_KIND_APPOINTMENT

const char    *sp_receipt_kind_to_string   (SpReceiptKind  kind);
gboolean       sp_receipt_kind_from_string (const char    *name,
                                            SpReceiptKind *out_kind);
/* The receipt's title as an English msgid: translate it in the receipt's
 * language with sp_receipt_translate(), not with _(). */
const char    *sp_receipt_kind_get_title   (SpReceiptKind  kind);

/* How a field's value is printed. */
typedef enum
{
  SP_RECEIPT_FIELD_TEXT,     /* printed as given */
  SP_RECEIPT_FIELD_DATE,     /* "YYYY-MM-DD", printed in the receipt's language */
  SP_RECEIPT_FIELD_MESSAGE,  /* an English msgid, translated like the labels */
  SP_RECEIPT_FIELD_CODE,     /* a code the citizen copies: large, monospace */
} SpReceiptFieldType;

typedef struct
{
  char               *label;   /* English msgid, marked with N_() by the caller */
  char               *value;
  SpReceiptFieldType  type;
} SpReceiptField;

/* Languages a receipt can be printed in: the program's translations. */
const char * const *sp_receipt_get_languages        (void);
/* The language's own name ("Italiano", "English"). */
const char         *sp_receipt_language_get_name    (const char *language);
/* Translates an English msgid into the receipt's language, whatever the
 * desk's language: reads the installed catalogue of that language directly
 * (see sp-receipt.c), so it neither depends on LANGUAGE or the locales
 * generated on the machine nor changes any process-wide state. */
const char         *sp_receipt_translate            (const char *language,
                                                     const char *msgid) G_GNUC_FORMAT (2);
/* Same with a context (msgctxt), as C_() marks it. */
const char         *sp_receipt_translate_context    (const char *language,
                                                     const char *context,
                                                     const char *msgid) G_GNUC_FORMAT (3);

#define SP_TYPE_RECEIPT (sp_receipt_get_type ())

G_DECLARE_FINAL_TYPE (SpReceipt, sp_receipt, SP, RECEIPT, GObject)

/* A receipt being prepared (not stored yet): record_uuid is the uuid of the
 * identification, CIE request or appointment it is issued for. */
SpReceipt     *sp_receipt_new                 (SpReceiptKind  kind,
                                               const char    *record_uuid);
void           sp_receipt_set_language        (SpReceipt     *self,
                                               const char    *language);
void           sp_receipt_set_desk            (SpReceipt     *self,
                                               gint64         desk_id,
                                               const char    *desk_name);
void           sp_receipt_set_operator        (SpReceipt     *self,
                                               gint64         operator_id,
                                               const char    *operator_name);
/* label is an English msgid the caller marked with N_(). Order is kept. */
void           sp_receipt_add_field           (SpReceipt         *self,
                                               SpReceiptFieldType type,
                                               const char        *label,
                                               const char        *value);

gint64         sp_receipt_get_id              (SpReceipt *self);
const char    *sp_receipt_get_uuid            (SpReceipt *self);
SpReceiptKind  sp_receipt_get_kind            (SpReceipt *self);
const char    *sp_receipt_get_record_uuid     (SpReceipt *self);
gint64         sp_receipt_get_issued_at       (SpReceipt *self);
const char    *sp_receipt_get_language        (SpReceipt *self);
gint64         sp_receipt_get_desk_id         (SpReceipt *self);
const char    *sp_receipt_get_desk_name       (SpReceipt *self);
gint64         sp_receipt_get_operator_id     (SpReceipt *self);
const char    *sp_receipt_get_operator_name   (SpReceipt *self);
guint          sp_receipt_get_n_fields        (SpReceipt *self);
const SpReceiptField *sp_receipt_get_field    (SpReceipt *self,
                                               guint      index);
/* Set once issued or loaded; NULL on a receipt not stored yet. */
const char    *sp_receipt_get_payload         (SpReceipt *self);
const char    *sp_receipt_get_short_code      (SpReceipt *self);
/* Which copy this is: 1 the original, 2… reprints; a copy > 1 is a duplicate. */
guint          sp_receipt_get_copy            (SpReceipt *self);
gboolean       sp_receipt_is_duplicate        (SpReceipt *self);
/* How many copies were printed so far, original included. */
guint          sp_receipt_get_print_count     (SpReceipt *self);

/* The comune's header and footer, read from the settings when the receipt
 * is issued or loaded ("comune.name", "comune.address", "receipt.logo",
 * "receipt.footer"); the setters are for previews and tests. */
const char    *sp_receipt_get_comune_name     (SpReceipt *self);
const char    *sp_receipt_get_comune_address  (SpReceipt *self);
const char    *sp_receipt_get_logo_path       (SpReceipt *self);
const char    *sp_receipt_get_footer          (SpReceipt *self);
void           sp_receipt_set_branding        (SpReceipt  *self,
                                               const char *comune_name,
                                               const char *comune_address,
                                               const char *logo_path,
                                               const char *footer);

/* Stores the receipt, signs it, records its first copy and an audit row,
 * in one transaction. On success the receipt has its id, uuid, issue time,
 * payload and short code. */
gboolean       sp_receipt_issue               (SpStore    *store,
                                               SpReceipt  *self,
                                               SpActor     actor,
                                               GError    **error);
/* Loads a stored receipt by its own uuid, as the original (copy 1). */
SpReceipt     *sp_receipt_load                (SpStore     *store,
                                               const char  *uuid,
                                               GError     **error);
/* The latest receipt issued for a record. */
SpReceipt     *sp_receipt_load_for_record     (SpStore       *store,
                                               SpReceiptKind  kind,
                                               const char    *record_uuid,
                                               GError       **error);
/* The receipt whose short code (as printed under the QR) this is. */
SpReceipt     *sp_receipt_lookup_short_code   (SpStore     *store,
                                               const char  *short_code,
                                               GError     **error);
/* Records one more copy of a stored receipt (who, when) and returns it
 * marked as that duplicate copy, ready to render. printed_by is the name
 * printed and stored for who reprinted it (an operator's display name). */
SpReceipt     *sp_receipt_reprint             (SpStore     *store,
                                               const char  *uuid,
                                               SpActor      actor,
                                               const char  *printed_by,
                                               GError     **error);

typedef struct
{
  guint   copy;
  gint64  printed_at;
  gint64  desk_id;
  gint64  operator_id;
  char   *printed_by;
} SpReceiptPrint;

void           sp_receipt_print_free          (SpReceiptPrint *print);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReceiptPrint, sp_receipt_print_free)
/* Every copy printed, oldest first: a GPtrArray of SpReceiptPrint. */
GPtrArray     *sp_receipt_list_prints         (SpStore     *store,
                                               SpReceipt   *self,
                                               GError     **error);

/* The parts of a payload, whether or not it is authentic. */
typedef struct
{
  int            version;
  SpReceiptKind  kind;
  char          *record_uuid;   /* canonical 36-character form */
  char          *date;          /* YYYYMMDD */
  char          *key_id;
} SpReceiptPayload;

void           sp_receipt_payload_free        (SpReceiptPayload *payload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReceiptPayload, sp_receipt_payload_free)

/* Cheap test for the scanner field: does this text claim to be a receipt
 * payload (so a failure to verify it should be reported as such)? */
gboolean       sp_receipt_payload_is_candidate (const char *text);
/* Builds the payload for kind, record and date with the installation
 * secret. Exposed for tests and tools; sp_receipt_issue() calls it. */
char          *sp_receipt_payload_sign        (GBytes        *secret,
                                               SpReceiptKind  kind,
                                               const char    *record_uuid,
                                               const char    *date,
                                               GError       **error);
/* Syntax only: splits a payload into its parts (MALFORMED, TRUNCATED,
 * VERSION, UNKNOWN_KIND). Surrounding blanks and lower case, as a scanner
 * with caps lock types them, are accepted. */
SpReceiptPayload *sp_receipt_payload_parse    (const char  *text,
                                               GError     **error);
/* Syntax and signature (FOREIGN, TAMPERED), without the database. */
SpReceiptPayload *sp_receipt_payload_verify   (GBytes      *secret,
                                               const char  *text,
                                               GError     **error);
/* Everything a scanning desk needs: well formed, authentic, and the
 * receipt present in this database (NOT_FOUND). Returns the stored
 * receipt; *out_payload (optional) is set whenever the text parsed, so a
 * caller can say which record a rejected receipt claims to be. */
SpReceipt     *sp_receipt_verify              (SpStore            *store,
                                               const char         *text,
                                               SpReceiptPayload  **out_payload,
                                               GError            **error);
/* The short code derived from a payload, as printed under the QR. */
char          *sp_receipt_payload_short_code  (const char *payload);

G_END_DECLS
