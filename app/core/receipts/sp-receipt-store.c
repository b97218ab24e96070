/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-store.c — receipts and their copies: the receipts and
 * receipt_prints tables */
#define G_LOG_DOMAIN "sp-receipt-store"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sp-enum.h"
#include "sp-error.h"
#include "sp-desk.h"
#include "sp-receipt-key-ring.h"
#include "sp-receipt-payload-private.h"
#include "sp-receipt-private.h"
#include "sp-receipt-signature.h"
#include "sp-receipt-store.h"
#include "sp-setting-keys.h"

#define AUDIT_RECEIPT_ISSUE   "receipt-issue"
#define AUDIT_RECEIPT_REPRINT "receipt-reprint"

#define RECEIPT_COLUMNS \
  "id, uuid, kind, record_uuid, issued_at, issued_date, coalesce(desk_id, 0), " \
  "coalesce(operator_id, 0), desk_name, operator_name, language, fields, " \
  "(SELECT count(*) FROM receipt_prints p WHERE p.receipt_id = receipts.id)"
#define SELECT_RECEIPTS "SELECT " RECEIPT_COLUMNS " FROM receipts "
/* A record or a short code may have several receipts: the newest counts. */
#define NEWEST_ONLY     " ORDER BY issued_at DESC, id DESC LIMIT 1"

typedef struct
{
  SpReceipt  *receipt;
  SpActor     actor;
  const char *uuid;
} IssueData;

typedef struct
{
  const char *uuid;
  SpActor     actor;
  const char *printed_by;
  SpReceipt  *receipt;     /* out: the copy recorded */
} ReprintData;

static char *
builder_to_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static char *
fields_to_json (SpReceipt *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->fields->len; i++)
    {
      const SpReceiptField *field = &g_array_index (self->fields, SpReceiptField, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, field->label);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, field->value);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, sp_enum_to_nick (SP_TYPE_RECEIPT_FIELD_TYPE, field->type));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return builder_to_json (builder);
}

static gboolean
fields_from_json (SpReceipt   *self,
                  const char  *json,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                           _("The stored receipt is damaged and cannot be printed again."));
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      int type = SP_RECEIPT_FIELD_TEXT;
      const char *type_name;

      if (object == NULL)
        continue;

      /* A type this version does not know is printed as given. */
      type_name = json_object_get_string_member_with_default (object, "type", "text");
      if (!sp_enum_from_nick (SP_TYPE_RECEIPT_FIELD_TYPE, type_name, &type))
        type = SP_RECEIPT_FIELD_TEXT;

      sp_receipt_add_field (self, (SpReceiptFieldType) type,
                            json_object_get_string_member_with_default (object, "label", ""),
                            json_object_get_string_member_with_default (object, "value", ""));
    }

  return TRUE;
}

static void
load_branding (SpStore   *store,
               SpReceipt *self)
{
  g_autofree char *name = sp_store_get_setting (store, SP_SETTING_COMUNE_NAME);
  g_autofree char *address = sp_store_get_setting (store, SP_SETTING_COMUNE_ADDRESS);
  g_autofree char *logo = sp_store_get_setting (store, SP_SETTING_RECEIPT_LOGO);
  g_autofree char *footer = sp_store_get_setting (store, SP_SETTING_RECEIPT_FOOTER);

  sp_receipt_set_branding (self, name, address,
                           logo != NULL && *logo != '\0' ? logo : NULL,
                           footer != NULL && *footer != '\0' ? footer : NULL);
}

static gboolean
sign_receipt (SpStore    *store,
              SpReceipt  *self,
              GError    **error)
{
  g_autoptr(GBytes) secret = sp_store_get_installation_secret (store, error);

  if (secret == NULL)
    return FALSE;

  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->short_code, g_free);
  self->payload = sp_receipt_payload_sign (secret, self->kind, self->record_uuid,
                                           self->issued_date, error);
  if (self->payload == NULL)
    return FALSE;

  self->short_code = sp_receipt_payload_short_code (self->payload);
  return TRUE;
}

static char *
audit_details (SpReceipt *self,
               guint      copy)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  /* Kind and record only: never personal data. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, sp_receipt_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "record_uuid");
  json_builder_add_string_value (builder, self->record_uuid);
  json_builder_set_member_name (builder, "copy");
  json_builder_add_int_value (builder, copy);
  json_builder_end_object (builder);
  return builder_to_json (builder);
}

static gboolean
insert_print (SpStore     *store,
              SpReceipt   *self,
              guint        copy,
              SpActor      actor,
              const char  *printed_by,
              GError     **error)
{
  g_autofree char *uuid = sp_store_new_uuid ();

  return sp_store_run (store, error,
                       "INSERT INTO receipt_prints (uuid, receipt_id, copy, printed_at, "
                       "desk_id, operator_id, printed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                       SP_TEXT (uuid), SP_INT (self->id), SP_INT (copy), SP_INT (sp_store_now ()),
                       SP_ID (actor.desk_id), SP_ID (actor.operator_id),
                       SP_TEXT (printed_by != NULL ? printed_by : ""), SP_END) >= 0;
}

static gboolean
issue_in_transaction (SpStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  IssueData *data = user_data;
  SpReceipt *self = data->receipt;
  g_autofree char *fields = fields_to_json (self);
  g_autofree char *details = NULL;

  if (sp_store_run (store, error,
                    "INSERT INTO receipts (uuid, kind, record_uuid, issued_at, issued_date, "
                    "desk_id, operator_id, desk_name, operator_name, language, fields, "
                    "short_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    SP_TEXT (data->uuid), SP_TEXT (sp_receipt_kind_to_string (self->kind)),
                    SP_TEXT (self->record_uuid), SP_INT (self->issued_at), SP_TEXT (self->issued_date),
                    SP_ID (self->desk_id), SP_ID (self->operator_id), SP_TEXT (self->desk_name),
                    SP_TEXT (self->operator_name), SP_TEXT (self->language), SP_TEXT (fields),
                    SP_TEXT (self->short_code), SP_END) < 0)
    return FALSE;

  self->id = sp_store_last_insert_id (store);

  if (!insert_print (store, self, 1, data->actor, self->operator_name, error))
    return FALSE;

  details = audit_details (self, 1);
  return sp_audit_append (store, data->actor, AUDIT_RECEIPT_ISSUE, data->uuid, details, error);
}

/* The columns of RECEIPT_COLUMNS that need neither the store nor a check;
 * complete_receipt() does the rest while the statement is on the row. */
static gpointer
receipt_from_row (SpStatement *stmt)
{
  SpReceipt *self = g_object_new (SP_TYPE_RECEIPT, NULL);
  const char *kind_name = sp_statement_get_text (stmt, 2);

  /* Left 0 when unknown: complete_receipt() refuses it. */
  if (kind_name != NULL)
    sp_receipt_kind_from_string (kind_name, &self->kind);

  self->id = sp_statement_get_int (stmt, 0);
  self->uuid = sp_statement_dup_text (stmt, 1);
  self->record_uuid = sp_statement_dup_text (stmt, 3);
  self->issued_at = sp_statement_get_int (stmt, 4);
  self->issued_date = sp_statement_dup_text (stmt, 5);
  self->desk_id = sp_statement_get_int (stmt, 6);
  self->operator_id = sp_statement_get_int (stmt, 7);
  g_free (self->desk_name);
  self->desk_name = sp_statement_dup_text (stmt, 8);
  g_free (self->operator_name);
  self->operator_name = sp_statement_dup_text (stmt, 9);
  g_free (self->language);
  self->language = sp_statement_dup_text (stmt, 10);
  self->print_count = (guint) sp_statement_get_int (stmt, 12);
  self->copy = 1;

  return self;
}

static gboolean
complete_receipt (SpStore      *store,
                  SpStatement  *stmt,
                  SpReceipt    *self,
                  GError      **error)
{
  const char *fields = sp_statement_get_text (stmt, 11);

  if (self->kind == 0)
    {
      const char *kind_name = sp_statement_get_text (stmt, 2);

      g_set_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_UNKNOWN_KIND,
                   _("This receipt is of a kind this version of Sportello does not know (“%s”)."),
                   kind_name != NULL ? kind_name : "");
      return FALSE;
    }

  if (!fields_from_json (self, fields != NULL ? fields : "[]", error) ||
      !sign_receipt (store, self, error))
    return FALSE;

  load_branding (store, self);
  return TRUE;
}

/* The receipt on the first row of a query of RECEIPT_COLUMNS; takes the
 * statement, NULL when it could not be prepared (error is set then). */
static SpReceipt *
load_one (SpStore      *store,
          SpStatement  *query,
          GError      **error)
{
  g_autoptr(SpStatement) stmt = query;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpReceipt) self = NULL;

  if (stmt == NULL)
    return NULL;

  self = sp_statement_fetch_one (stmt, receipt_from_row, _("No such receipt was issued here."), &local_error);
  if (self == NULL)
    {
      /* Callers (the scanner, the command line) tell this case by the
       * receipts' own code. */
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
        g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND,
                             local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!complete_receipt (store, stmt, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static gboolean
reprint_in_transaction (SpStore   *store,
                        gpointer   user_data,
                        GError   **error)
{
  ReprintData *data = user_data;
  g_autoptr(SpReceipt) self = NULL;
  g_autofree char *details = NULL;
  gint64 last;
  guint copy;

  self = sp_receipt_load (store, data->uuid, error);
  if (self == NULL)
    return FALSE;

  last = sp_store_query_int (store, -1, error,
                             "SELECT coalesce(max(copy), 0) FROM receipt_prints WHERE receipt_id = ?1",
                             SP_INT (self->id), SP_END);
  if (last < 0)
    return FALSE;
  /* A receipt never printed (imported without its copies) gets its
   * original now; otherwise this is a duplicate. */
  copy = (guint) last + 1;

  details = audit_details (self, copy);
  if (!insert_print (store, self, copy, data->actor, data->printed_by, error) ||
      !sp_audit_append (store, data->actor, AUDIT_RECEIPT_REPRINT, self->uuid, details, error))
    return FALSE;

  self->copy = copy;
  self->print_count = copy;
  g_clear_object (&data->receipt);  /* a retried run's */
  data->receipt = g_steal_pointer (&self);
  return TRUE;
}

gboolean
sp_receipt_issue (SpStore    *store,
                  SpReceipt  *self,
                  SpActor     actor,
                  GError    **error)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *uuid = NULL;
  IssueData data;
  gint64 now;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_RECEIPT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->id != 0)
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID,
                           _("This receipt was already issued: print a copy instead."));
      return FALSE;
    }

  if (!g_uuid_string_is_valid (self->record_uuid))
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID,
                           _("The record has no valid identifier, so no receipt can be made for it."));
      return FALSE;
    }

  now = sp_store_now ();
  local = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  uuid = sp_store_new_uuid ();

  self->issued_at = now;
  g_free (self->issued_date);
  self->issued_date = g_date_time_format (local, "%Y%m%d");

  if (!sign_receipt (store, self, error))
    return FALSE;

  if (self->comune_name == NULL)
    load_branding (store, self);

  data = (IssueData) { self, actor, uuid };
  if (!sp_store_transaction (store, issue_in_transaction, &data, error))
    {
      self->id = 0;
      return FALSE;
    }

  self->uuid = g_steal_pointer (&uuid);
  self->copy = 1;
  self->print_count = 1;
  return TRUE;
}

SpReceipt *
sp_receipt_load (SpStore     *store,
                 const char  *uuid,
                 GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_one (store, sp_store_query (store, error, SELECT_RECEIPTS "WHERE uuid = ?1", SP_TEXT (uuid), SP_END),
                   error);
}

SpReceipt *
sp_receipt_load_for_record (SpStore       *store,
                            SpReceiptKind  kind,
                            const char    *record_uuid,
                            GError       **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (record_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lower = g_ascii_strdown (record_uuid, -1);
  return load_one (store, sp_store_query (store, error,
                                          SELECT_RECEIPTS "WHERE kind = ?1 AND record_uuid = ?2" NEWEST_ONLY,
                                          SP_TEXT (sp_receipt_kind_to_string (kind)), SP_TEXT (lower), SP_END),
                   error);
}

SpReceipt *
sp_receipt_lookup_short_code (SpStore     *store,
                              const char  *short_code,
                              GError     **error)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (short_code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  code = sp_receipt_short_code_normalize (short_code, error);
  if (code == NULL)
    return NULL;

  return load_one (store, sp_store_query (store, error,
                                          SELECT_RECEIPTS "WHERE short_code = ?1" NEWEST_ONLY,
                                          SP_TEXT (code), SP_END),
                   error);
}

SpReceipt *
sp_receipt_reprint (SpStore     *store,
                    const char  *uuid,
                    SpActor      actor,
                    const char  *printed_by,
                    GError     **error)
{
  ReprintData data = { uuid, actor, printed_by, NULL };

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sp_store_transaction (store, reprint_in_transaction, &data, error))
    {
      /* The commit itself can fail after the copy was made. */
      g_clear_object (&data.receipt);
      return NULL;
    }

  return data.receipt;
}

void
sp_receipt_print_free (SpReceiptPrint *print)
{
  if (print == NULL)
    return;

  g_free (print->printed_by);
  g_free (print);
}

GPtrArray *
sp_receipt_list_prints (SpStore     *store,
                        SpReceipt   *self,
                        GError     **error)
{
  g_autoptr(SpStatement) stmt = NULL;
  g_autoptr(GPtrArray) prints = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (SP_IS_RECEIPT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = sp_store_query (store, error,
                         "SELECT copy, printed_at, coalesce(desk_id, 0), coalesce(operator_id, 0), "
                         "printed_by FROM receipt_prints WHERE receipt_id = ?1 ORDER BY copy",
                         SP_INT (self->id), SP_END);
  if (stmt == NULL)
    return NULL;

  prints = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_receipt_print_free);
  while (sp_statement_next (stmt, &local_error))
    {
      SpReceiptPrint *print = g_new0 (SpReceiptPrint, 1);

      print->copy = (guint) sp_statement_get_int (stmt, 0);
      print->printed_at = sp_statement_get_int (stmt, 1);
      print->desk_id = sp_statement_get_int (stmt, 2);
      print->operator_id = sp_statement_get_int (stmt, 3);
      print->printed_by = sp_statement_dup_text (stmt, 4);
      g_ptr_array_add (prints, print);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&prints);
}

SpReceipt *
sp_receipt_verify (SpStore            *store,
                   const char         *text,
                   SpReceiptPayload  **out_payload,
                   GError            **error)
{
  g_autoptr(SpReceiptPayload) parsed = NULL;
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 signer_desk = 0;
  SpReceipt *receipt;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_payload != NULL)
    *out_payload = NULL;

  /* The record a rejected receipt claims to be is worth saying even when
   * it turns out not to be authentic. */
  parsed = sp_receipt_payload_parse (text, error);
  if (parsed == NULL)
    return NULL;
  if (out_payload != NULL)
    *out_payload = g_steal_pointer (&parsed);

  secret = sp_store_get_installation_secret (store, error);
  if (secret == NULL)
    return NULL;
  payload = sp_receipt_payload_verify (secret, text, &local_error);
  /* Not this installation's key: perhaps one of its pop-up desks'. */
  if (payload == NULL && g_error_matches (local_error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_FOREIGN))
    {
      const SpReceiptPayload *claimed = parsed != NULL ? parsed : *out_payload;
      g_autoptr(GBytes) desk_secret = sp_receipt_key_ring_lookup (store, claimed->key_id, &signer_desk, NULL);

      if (desk_secret != NULL)
        {
          g_clear_error (&local_error);
          payload = sp_receipt_payload_verify (desk_secret, text, &local_error);
        }
    }
  if (payload == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  receipt = load_one (store, sp_store_query (store, &local_error,
                                             SELECT_RECEIPTS "WHERE kind = ?1 AND record_uuid = ?2 AND issued_date = ?3"
                                             NEWEST_ONLY,
                                             SP_TEXT (sp_receipt_kind_to_string (payload->kind)),
                                             SP_TEXT (payload->record_uuid), SP_TEXT (payload->date), SP_END),
                      &local_error);
  if (receipt == NULL && g_error_matches (local_error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND) &&
      signer_desk != 0)
    {
      g_autoptr(SpDesk) desk = sp_desk_lookup_by_id (store, signer_desk, NULL);

      /* Translators: %s is a pop-up desk's name */
      g_set_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND,
                   _("The receipt is authentic, signed at the pop-up desk %s: its record is not here yet "
                     "(it comes with that desk’s next bundle)."),
                   desk != NULL ? sp_desk_get_name (desk) : "?");
      return NULL;
    }
  if (receipt == NULL && g_error_matches (local_error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND))
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND,
                           _("The receipt is authentic, but its record is not in this database (deleted, or not yet brought back from a pop-up desk)."));
      return NULL;
    }
  if (receipt == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return receipt;
}

gint64
sp_receipt_erase_fields_before (SpStore     *store,
                                gint64       cutoff,
                                const char  *cutoff_day,
                                GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), -1);
  g_return_val_if_fail (cutoff_day != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  /* Which records were erased is read from their own tables, as their
   * erasers leave them: an identification with no codice fiscale that is
   * not a draft, a CIE request with the erased mark, an appointment closed
   * before the cutoff day. */
  return sp_store_run_eraser (store,
                              "UPDATE receipts SET fields = '[]' "
                              "WHERE issued_at < ?1 AND fields <> '[]' AND record_uuid IN ("
                              "SELECT uuid FROM identifications WHERE state <> 'draft' AND codice_fiscale = '' "
                              "UNION ALL SELECT uuid FROM cie_requests "
                              "WHERE codice_fiscale = '" SP_ERASED_CODICE_FISCALE "' "
                              "UNION ALL SELECT uuid FROM appointments WHERE day < ?2 "
                              "AND state IN ('served', 'cancelled', 'no-show', 'rescheduled'))",
                              cutoff, cutoff_day, error);
}


static const SpRowsColumn receipt_travelling_columns[] = {
  SP_ROWS_COLUMN ("uuid", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("kind", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("record_uuid", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("issued_at", SP_ROWS_INT),
  SP_ROWS_COLUMN ("issued_date", SP_ROWS_TEXT),
  SP_ROWS_DESK ("desk_id"),
  SP_ROWS_OPERATOR ("operator_id"),
  SP_ROWS_COLUMN ("desk_name", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("operator_name", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("language", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("fields", SP_ROWS_TEXT),
  SP_ROWS_COLUMN ("short_code", SP_ROWS_TEXT),
  SP_ROWS_END,
};

static const SpRowsTable receipt_travelling_rows = {
  "receipts", "uuid", "issued_at", NULL, "desk_id", SP_ROWS_MERGE_OWN_NEWER, receipt_travelling_columns,
};

static const SpRowsColumn print_travelling_columns[] = {
  SP_ROWS_COLUMN ("uuid", SP_ROWS_TEXT),
  { "receipt_id", SP_ROWS_REF, "receipts", "uuid", FALSE },
  SP_ROWS_COLUMN ("copy", SP_ROWS_INT),
  SP_ROWS_COLUMN ("printed_at", SP_ROWS_INT),
  SP_ROWS_DESK ("desk_id"),
  SP_ROWS_OPERATOR ("operator_id"),
  SP_ROWS_COLUMN ("printed_by", SP_ROWS_TEXT),
  SP_ROWS_END,
};

static const SpRowsTable print_travelling_rows = {
  "receipt_prints", "uuid", "printed_at", NULL, "desk_id", SP_ROWS_MERGE_OWN_NEWER, print_travelling_columns,
};

const SpRowsTable *
sp_receipt_travelling_rows (void)
{
  return &receipt_travelling_rows;
}

const SpRowsTable *
sp_receipt_print_travelling_rows (void)
{
  return &print_travelling_rows;
}
