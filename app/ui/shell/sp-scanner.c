/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-scanner.c — dispatch of scanned codes */
#define G_LOG_DOMAIN "sp-scanner"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cie-page.h"
#include "sp-codice-fiscale.h"
#include "sp-identification-dialog.h"
#include "sp-receipt-dialog.h"
#include "sp-records-page.h"
#include "sp-scanner.h"
#include "sp-today-page.h"

typedef struct
{
  SpReceiptKind   kind;
  SpScanOpenFunc  open;
} KindHandler;

/* One line per kind of record; a kind without a handler shows the receipt
 * itself (with its copies and Reprint). */
static const KindHandler kind_handlers[] = {
  { SP_RECEIPT_KIND_SPID_IDENTIFICATION, sp_identification_dialog_open },
  { SP_RECEIPT_KIND_CIE_REQUEST, sp_cie_page_scan_open },
  { SP_RECEIPT_KIND_APPOINTMENT, sp_today_page_scan_open },
};

/* Where a health card's codice fiscale leads: the Records search. */
static const SpScanSearchFunc search_citizen = sp_records_page_scan_search;

static gboolean
looks_like_short_code (const char *text)
{
  /* XXXXX-XXXXX, as printed under the QR. */
  if (strlen (text) != 11 || text[5] != '-')
    return FALSE;

  for (guint i = 0; i < 11; i++)
    if (i != 5 && !g_ascii_isalnum (text[i]))
      return FALSE;

  return TRUE;
}

SpScanKind
sp_scanner_classify (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (sp_receipt_payload_is_candidate (clean) || looks_like_short_code (clean))
    return SP_SCAN_RECEIPT;

  if (strlen (clean) == 16)
    {
      g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (clean, NULL, NULL);

      if (info != NULL && sp_cf_info_is_valid (info))
        return SP_SCAN_CODICE_FISCALE;
    }

  return SP_SCAN_UNKNOWN;
}

static void
show_receipt (SpWindow   *window,
              SpReceipt  *receipt,
              gboolean    authentic,
              const char *message)
{
  GtkWidget *dialog = sp_receipt_dialog_new (window, receipt, authentic, message);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
handle_receipt (SpWindow   *window,
                const char *text)
{
  SpStore *store = sp_context_get_store (sp_window_get_context (window));
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (looks_like_short_code (text))
    receipt = sp_receipt_lookup_short_code (store, text, &error);
  else
    receipt = sp_receipt_verify (store, text, &payload, &error);

  if (receipt == NULL)
    {
      show_receipt (window, NULL, FALSE, error->message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (kind_handlers); i++)
    {
      if (kind_handlers[i].kind == sp_receipt_get_kind (receipt) && kind_handlers[i].open != NULL &&
          kind_handlers[i].open (window, sp_receipt_get_record_uuid (receipt)))
        {
          sp_window_show_toast (window, _("Authentic receipt: its record is open."));
          return;
        }
    }

  /* Translators: %s is the kind of receipt, e.g. "CIE request" */
  message = g_strdup_printf (_("%s, issued by this comune."),
                             sp_receipt_kind_get_title (sp_receipt_get_kind (receipt)));
  show_receipt (window, receipt, TRUE, message);
}

void
sp_scanner_handle (SpWindow   *window,
                   const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_if_fail (SP_IS_WINDOW (window));

  if (*clean == '\0')
    return;

  switch (sp_scanner_classify (clean))
    {
    case SP_SCAN_RECEIPT:
      handle_receipt (window, clean);
      break;

    case SP_SCAN_CODICE_FISCALE:
      if (search_citizen != NULL)
        search_citizen (window, clean);
      else
        sp_window_show_toast (window, _("A codice fiscale was scanned, but this desk has no records to search yet."));
      break;

    case SP_SCAN_UNKNOWN:
    default:
      sp_window_show_toast (window, _("This is neither a Sportello receipt nor a codice fiscale. Scan the QR code of a receipt or the barcode of a health card."));
      break;
    }
}
