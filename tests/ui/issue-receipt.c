/* SPDX-License-Identifier: GPL-3.0-or-later */
/* issue-receipt.c — test tool: issues one receipt through sp-core and
 * prints its payload, so a UI test has a real signed receipt to scan.
 *
 *   issue-receipt DATABASE KIND   (KIND: spid, cie or appointment)
 */
#include "config.h"

#include <stdio.h>

#include "sp-receipt.h"
#include "sp-store.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *record = NULL;
  SpReceiptKind kind = SP_RECEIPT_KIND_SPID_IDENTIFICATION;
  SpActor actor = { 1, 1 };

  if (argc != 3)
    {
      g_printerr ("usage: issue-receipt DATABASE spid|cie|appointment\n");
      return 2;
    }

  if (g_str_equal (argv[2], "cie"))
    kind = SP_RECEIPT_KIND_CIE_REQUEST;
  else if (g_str_equal (argv[2], "appointment"))
    kind = SP_RECEIPT_KIND_APPOINTMENT;

  store = sp_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  record = sp_store_new_uuid ();
  receipt = sp_receipt_new (kind, record);
  sp_receipt_set_language (receipt, "it");
  sp_receipt_set_desk (receipt, 1, "Sportello 1");
  sp_receipt_set_operator (receipt, 1, "Anna Amministratrice");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, "Citizen", "Mario Rossi");
  if (!sp_receipt_issue (store, receipt, actor, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("%s\n%s\n", sp_receipt_get_payload (receipt), sp_receipt_get_short_code (receipt));
  return 0;
}
