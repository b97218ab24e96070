/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt.c — a receipt: its kind, record, desk, language and fields */
#define G_LOG_DOMAIN "sp-receipt"

#include "config.h"

#include "sp-receipt-private.h"

G_DEFINE_FINAL_TYPE (SpReceipt, sp_receipt, G_TYPE_OBJECT)

static void
clear_field (gpointer data)
{
  SpReceiptField *field = data;

  g_free (field->label);
  g_free (field->value);
}

static void
sp_receipt_finalize (GObject *object)
{
  SpReceipt *self = SP_RECEIPT (object);

  g_free (self->uuid);
  g_free (self->record_uuid);
  g_free (self->issued_date);
  g_free (self->language);
  g_free (self->desk_name);
  g_free (self->operator_name);
  g_array_unref (self->fields);
  g_free (self->payload);
  g_free (self->short_code);
  g_free (self->comune_name);
  g_free (self->comune_address);
  g_free (self->logo_path);
  g_free (self->footer);

  G_OBJECT_CLASS (sp_receipt_parent_class)->finalize (object);
}

static void
sp_receipt_class_init (SpReceiptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_receipt_finalize;
}

static void
sp_receipt_init (SpReceipt *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (SpReceiptField));
  g_array_set_clear_func (self->fields, clear_field);
  self->language = g_strdup ("it");
  self->desk_name = g_strdup ("");
  self->operator_name = g_strdup ("");
  self->copy = 1;
}

SpReceipt *
sp_receipt_new (SpReceiptKind  kind,
                const char    *record_uuid)
{
  SpReceipt *self;

  g_return_val_if_fail (sp_receipt_kind_get_letter (kind) != '\0', NULL);
  g_return_val_if_fail (record_uuid != NULL, NULL);

  self = g_object_new (SP_TYPE_RECEIPT, NULL);
  self->kind = kind;
  self->record_uuid = g_ascii_strdown (record_uuid, -1);
  return self;
}

void
sp_receipt_set_language (SpReceipt  *self,
                         const char *language)
{
  g_return_if_fail (SP_IS_RECEIPT (self));
  g_return_if_fail (language != NULL);

  g_free (self->language);
  self->language = g_strdup (language);
}

void
sp_receipt_set_desk (SpReceipt  *self,
                     gint64      desk_id,
                     const char *desk_name)
{
  g_return_if_fail (SP_IS_RECEIPT (self));

  self->desk_id = desk_id;
  g_free (self->desk_name);
  self->desk_name = g_strdup (desk_name != NULL ? desk_name : "");
}

void
sp_receipt_set_operator (SpReceipt  *self,
                         gint64      operator_id,
                         const char *operator_name)
{
  g_return_if_fail (SP_IS_RECEIPT (self));

  self->operator_id = operator_id;
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name != NULL ? operator_name : "");
}

void
sp_receipt_add_field (SpReceipt          *self,
                      SpReceiptFieldType  type,
                      const char         *label,
                      const char         *value)
{
  SpReceiptField field;

  g_return_if_fail (SP_IS_RECEIPT (self));
  g_return_if_fail (label != NULL);

  field.label = g_strdup (label);
  field.value = g_strdup (value != NULL ? value : "");
  field.type = type;
  g_array_append_val (self->fields, field);
}

void
sp_receipt_set_branding (SpReceipt  *self,
                         const char *comune_name,
                         const char *comune_address,
                         const char *logo_path,
                         const char *footer)
{
  g_return_if_fail (SP_IS_RECEIPT (self));

  g_free (self->comune_name);
  g_free (self->comune_address);
  g_free (self->logo_path);
  g_free (self->footer);
  self->comune_name = g_strdup (comune_name);
  self->comune_address = g_strdup (comune_address);
  self->logo_path = g_strdup (logo_path);
  self->footer = g_strdup (footer);
}

#define GETTER(type, name, field, fallback)              \
  type                                                   \
  sp_receipt_get_##name (SpReceipt *self)                \
  {                                                      \
    g_return_val_if_fail (SP_IS_RECEIPT (self), fallback); \
    return self->field;                                  \
  }

GETTER (gint64, id, id, 0)
GETTER (const char *, uuid, uuid, NULL)
GETTER (SpReceiptKind, kind, kind, 0)
GETTER (const char *, record_uuid, record_uuid, NULL)
GETTER (gint64, issued_at, issued_at, 0)
GETTER (const char *, language, language, NULL)
GETTER (gint64, desk_id, desk_id, 0)
GETTER (const char *, desk_name, desk_name, NULL)
GETTER (gint64, operator_id, operator_id, 0)
GETTER (const char *, operator_name, operator_name, NULL)
GETTER (const char *, payload, payload, NULL)
GETTER (const char *, short_code, short_code, NULL)
GETTER (guint, copy, copy, 0)
GETTER (guint, print_count, print_count, 0)
GETTER (const char *, comune_name, comune_name, NULL)
GETTER (const char *, comune_address, comune_address, NULL)
GETTER (const char *, logo_path, logo_path, NULL)
GETTER (const char *, footer, footer, NULL)

#undef GETTER

guint
sp_receipt_get_n_fields (SpReceipt *self)
{
  g_return_val_if_fail (SP_IS_RECEIPT (self), 0);

  return self->fields->len;
}

const SpReceiptField *
sp_receipt_get_field (SpReceipt *self,
                      guint      index)
{
  g_return_val_if_fail (SP_IS_RECEIPT (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return &g_array_index (self->fields, SpReceiptField, index);
}

gboolean
sp_receipt_is_duplicate (SpReceipt *self)
{
  g_return_val_if_fail (SP_IS_RECEIPT (self), FALSE);

  return self->copy > 1;
}
