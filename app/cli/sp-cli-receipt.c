/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-receipt.c — sportello-admin receipt verify | render
 *
 *   receipt verify PAYLOAD
 *       JSON on stdout: kind, uuid (of the record), date, authentic, reason
 *       (a stable word: ok, malformed, truncated, tampered, foreign,
 *       not-found …) and a message; exit 0 only when authentic.
 *   receipt render UUID --format pdf|png --paper a4|80mm --lang it|en --output FILE
 *       UUID is the receipt's own, or the record's (its latest receipt).
 *       What comes out is a copy handed over or filed, so it is recorded
 *       as a reprint and marked as a duplicate, like one from a desk.
 */
#define G_LOG_DOMAIN "sp-cli-receipt"

#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "sp-cli-receipt.h"
#include "sp-receipt.h"
#include "sp-receipt-render.h"

static int
run_verify (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autoptr(SpReceipt) receipt = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *date = NULL;
  SpStore *store;

  if (argc != 2)
    return sp_cli_usage_error (_("Usage: sportello-admin receipt verify PAYLOAD"));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  receipt = sp_receipt_verify (store, argv[1], &payload, &error);
  if (receipt == NULL && error != NULL && error->domain != SP_RECEIPT_ERROR)
    return sp_cli_fail (error, 1);

  if (payload != NULL)
    date = g_strdup_printf ("%.4s-%.2s-%.2s", payload->date, payload->date + 4, payload->date + 6);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  sp_cli_json_add_string_or_null (builder, "kind",
                                  payload != NULL ? sp_receipt_kind_to_string (payload->kind) : NULL);
  sp_cli_json_add_string_or_null (builder, "uuid", payload != NULL ? payload->record_uuid : NULL);
  sp_cli_json_add_string_or_null (builder, "date", date);
  sp_cli_json_add_boolean (builder, "authentic", receipt != NULL);
  sp_cli_json_add_string_or_null (builder, "reason", receipt != NULL ? "ok"
                                  : sp_receipt_error_to_string ((SpReceiptError) error->code));
  sp_cli_json_add_string_or_null (builder, "message", receipt != NULL ? _("The receipt is authentic.")
                                                                      : error->message);
  if (receipt != NULL)
    {
      g_autoptr(GDateTime) issued = g_date_time_new_from_unix_utc (sp_receipt_get_issued_at (receipt)
                                                                    / G_USEC_PER_SEC);
      g_autofree char *issued_text = g_date_time_format_iso8601 (issued);

      sp_cli_json_add_string_or_null (builder, "receipt_uuid", sp_receipt_get_uuid (receipt));
      sp_cli_json_add_string_or_null (builder, "issued_at", issued_text);
      sp_cli_json_add_int (builder, "copies", sp_receipt_get_print_count (receipt));
    }
  json_builder_end_object (builder);
  sp_cli_print_builder (builder, FALSE);

  return receipt != NULL ? 0 : 1;
}

/* The receipt's own uuid, or else the latest receipt of a record. */
static SpReceipt *
find_receipt (SpStore     *store,
              const char  *uuid,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SpReceipt *receipt;

  receipt = sp_receipt_load (store, uuid, &local_error);
  if (receipt != NULL)
    return receipt;
  if (!g_error_matches (local_error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (SpReceiptKind kind = SP_RECEIPT_KIND_FIRST; kind <= SP_RECEIPT_KIND_LAST; kind++)
    {
      g_clear_error (&local_error);
      receipt = sp_receipt_load_for_record (store, kind, uuid, &local_error);
      if (receipt != NULL)
        return receipt;
    }

  g_set_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND,
               _("No receipt has the identifier “%s”, and no record with it has a receipt."), uuid);
  return NULL;
}

static int
run_render (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *language = NULL;
  g_autofree char *output = NULL;
  double dpi = 150;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("pdf or png (default: from the file name)"), "FORMAT" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 or 80mm (default: a4)"), "PAPER" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &language, N_("The citizen's language: it or en (default: the receipt's)"), "LANG" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), "FILE" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("Resolution of a PNG (default: 150)"), "DPI" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReceipt) found = NULL;
  g_autoptr(SpReceipt) copy = NULL;
  g_autofree char *printed_by = NULL;
  SpReceiptPaper paper = SP_RECEIPT_PAPER_A4;
  gboolean pdf;
  SpStore *store;

  if (!sp_cli_parse_options (&argc, &argv, _("UUID — render a receipt to PDF or PNG"), NULL, entries))
    return 2;

  if (argc != 2)
    return sp_cli_usage_error (_("Usage: sportello-admin receipt render UUID --format pdf|png --paper a4|80mm --lang it|en --output FILE"));
  if (output == NULL)
    return sp_cli_usage_error (_("Say where to write the receipt with --output FILE."));

  if (format == NULL)
    format = g_str_has_suffix (output, ".png") ? g_strdup ("png") : g_strdup ("pdf");
  if (g_ascii_strcasecmp (format, "pdf") == 0)
    pdf = TRUE;
  else if (g_ascii_strcasecmp (format, "png") == 0)
    pdf = FALSE;
  else
    return sp_cli_usage_error (_("Unknown format “%s”: use pdf or png."), format);

  if (paper_name != NULL && !sp_receipt_paper_from_string (paper_name, &paper))
    return sp_cli_usage_error (_("Unknown paper “%s”: use a4 or 80mm."), paper_name);

  if (language != NULL && !g_strv_contains (sp_catalogue_get_languages (), language))
    return sp_cli_usage_error (_("Receipts cannot be printed in “%s”: use it or en."), language);

  if (dpi < 72 || dpi > 1200)
    return sp_cli_usage_error (_("The resolution must be between 72 and 1200 dpi."));

  store = sp_cli_open_store (cli);
  if (store == NULL)
    return 1;

  found = find_receipt (store, argv[1], &error);
  if (found == NULL)
    return sp_cli_fail (error, 1);

  /* Translators: who reprinted a receipt, when it was the command-line tool; %s is the system user. */
  printed_by = g_strdup_printf (_("sportello-admin (%s)"), g_get_user_name ());
  copy = sp_receipt_reprint (store, sp_receipt_get_uuid (found), SP_ACTOR_SYSTEM, printed_by, &error);
  if (copy == NULL)
    return sp_cli_fail (error, 1);

  if (language != NULL)
    sp_receipt_set_language (copy, language);

  if (pdf ? !sp_receipt_render_to_pdf (copy, paper, output, &error)
          : !sp_receipt_render_to_png (copy, paper, dpi, output, &error))
    return sp_cli_fail (error, 1);

  return 0;
}

static const SpCliSubcommand subcommands[] = {
  { "verify", run_verify },
  { "render", run_render },
};

const SpCliGroup sp_cli_receipt_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin receipt verify PAYLOAD | render UUID [OPTIONS…]")
};
