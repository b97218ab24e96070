/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt.h — a receipt handed to a citizen
 *
 * Every case ends with a receipt: a kind, the uuid of the record it was
 * issued for, the issue time, the desk and operator, the citizen's language
 * and the kind's printed fields. Issuing stores it (sp-receipt-store.h) so
 * it can be printed again from its uuid; reprints are counted and printed
 * as duplicates. Its QR code carries a signed payload and no personal data
 * (sp-receipt-payload.h, sp-receipt-signature.h).
 */
#pragma once

#include <glib-object.h>

/* The labels and titles are msgids, written in the receipt's language by
 * sp_catalogue_translate(). */
#include "sp-catalogue.h"
#include "sp-receipt-kind.h"

G_BEGIN_DECLS

/* How a field's value is printed. */
typedef enum
{
  /* printed as given */
  SP_RECEIPT_FIELD_TEXT,     /*< nick=text >*/
  /* "YYYY-MM-DD", printed in the receipt's language */
  SP_RECEIPT_FIELD_DATE,     /*< nick=date >*/
  /* an English msgid, translated like the labels */
  SP_RECEIPT_FIELD_MESSAGE,  /*< nick=message >*/
  /* a code the citizen copies: large, monospace */
  SP_RECEIPT_FIELD_CODE,     /*< nick=code >*/
} SpReceiptFieldType;

typedef struct
{
  char               *label;   /* English msgid, marked with N_() by the caller */
  char               *value;
  SpReceiptFieldType  type;
} SpReceiptField;

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

G_END_DECLS

/* Callers that issue, load or verify receipts had only this header before
 * the storage had its own file. */
#include "sp-receipt-store.h"
