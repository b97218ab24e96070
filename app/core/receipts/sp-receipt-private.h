/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-private.h — the receipt's fields, for its storage
 *
 * sp-receipt-store.c fills a receipt from its row and records what issuing
 * gave it (id, uuid, times, payload); nothing else reaches inside.
 */
#pragma once

#include "sp-receipt.h"

G_BEGIN_DECLS

struct _SpReceipt
{
  GObject        parent_instance;

  gint64         id;
  char          *uuid;
  SpReceiptKind  kind;
  char          *record_uuid;
  gint64         issued_at;
  char          *issued_date;
  char          *language;
  gint64         desk_id;
  char          *desk_name;
  gint64         operator_id;
  char          *operator_name;
  GArray        *fields;         /* of SpReceiptField */
  char          *payload;
  char          *short_code;
  guint          copy;
  guint          print_count;

  char          *comune_name;
  char          *comune_address;
  char          *logo_path;
  char          *footer;
};

G_END_DECLS
