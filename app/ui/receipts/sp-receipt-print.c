/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-print.c — printing a receipt through GtkPrintOperation */
#define G_LOG_DOMAIN "sp-receipt-print"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-receipt-print.h"
#include "sp-window.h"

#define MM (72.0 / 25.4)

typedef struct
{
  SpReceipt      *receipt;
  SpReceiptPaper  paper;
} PrintJob;

char *
sp_receipt_print_get_settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "sportello", "receipt-print.ini", NULL);
}

static char *
group_name (const char     *what,
            SpReceiptPaper  paper)
{
  return g_strdup_printf ("%s %s", what, sp_receipt_paper_to_string (paper));
}

static GKeyFile *
load_key_file (void)
{
  g_autofree char *path = sp_receipt_print_get_settings_path ();
  GKeyFile *key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_warning ("Ignoring the saved print settings in %s: %s", path, error->message);

  return key_file;
}

static void
save_settings (GtkPrintOperation *operation,
               SpReceiptPaper     paper)
{
  g_autoptr(GKeyFile) key_file = load_key_file ();
  g_autofree char *path = sp_receipt_print_get_settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *settings_group = group_name ("Print Settings", paper);
  g_autofree char *page_group = group_name ("Page Setup", paper);
  g_autoptr(GError) error = NULL;
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (operation);

  if (settings == NULL)
    return;

  g_key_file_remove_group (key_file, settings_group, NULL);
  gtk_print_settings_to_key_file (settings, key_file, settings_group);

  /* The roll's length changes with every receipt: only A4's page is kept. */
  if (paper == SP_RECEIPT_PAPER_A4 && page_setup != NULL)
    {
      g_key_file_remove_group (key_file, page_group, NULL);
      gtk_page_setup_to_key_file (page_setup, key_file, page_group);
    }

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Cannot remember the print settings in %s: %s", path,
               error != NULL ? error->message : g_strerror (errno));
}

static GtkPageSetup *
make_page_setup (GKeyFile       *key_file,
                 SpReceipt      *receipt,
                 SpReceiptPaper  paper)
{
  g_autofree char *page_group = group_name ("Page Setup", paper);
  GtkPageSetup *page_setup = NULL;
  GtkPaperSize *size;

  if (paper == SP_RECEIPT_PAPER_A4)
    {
      page_setup = gtk_page_setup_new_from_key_file (key_file, page_group, NULL);
      if (page_setup == NULL)
        {
          page_setup = gtk_page_setup_new ();
          size = gtk_paper_size_new (GTK_PAPER_NAME_A4);
          gtk_page_setup_set_paper_size_and_default_margins (page_setup, size);
          gtk_paper_size_free (size);
        }
      gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
      return page_setup;
    }

  /* The roll: 80 mm wide and as long as this receipt. */
  page_setup = gtk_page_setup_new ();
  size = gtk_paper_size_new_custom ("sportello-roll-80mm", _("80 mm receipt roll"),
                                    80, sp_receipt_render_measure_height (receipt, paper) / MM,
                                    GTK_UNIT_MM);
  gtk_page_setup_set_paper_size (page_setup, size);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (page_setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (page_setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (page_setup, 4, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (page_setup, 4, GTK_UNIT_MM);
  gtk_paper_size_free (size);

  return page_setup;
}

static void
on_operation_draw_page_cb (GtkPrintOperation *operation,
                           GtkPrintContext   *context,
                           int                page_nr,
                           gpointer           user_data)
{
  PrintJob *job = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  /* Full page, in points: the renderer's own coordinates. */
  sp_receipt_render (job->receipt, cr, job->paper);
}

static GtkPrintOperationResult
run_operation (SpReceipt               *receipt,
               SpReceiptPaper           paper,
               GtkPrintOperationAction  action,
               GtkWindow               *parent,
               const char              *export_path,
               GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *settings_group = NULL;
  g_autofree char *job_name = NULL;
  GtkPrintOperationResult result;
  PrintJob job = { receipt, paper };

  key_file = load_key_file ();
  settings_group = group_name ("Print Settings", paper);
  settings = gtk_print_settings_new_from_key_file (key_file, settings_group, NULL);
  if (settings == NULL)
    settings = gtk_print_settings_new ();
  page_setup = make_page_setup (key_file, receipt, paper);
  gtk_print_settings_set_paper_size (settings, gtk_page_setup_get_paper_size (page_setup));

  operation = gtk_print_operation_new ();
  /* Translators: the print job's name; %s is the receipt's check code. */
  job_name = g_strdup_printf (_("Receipt %s"), sp_receipt_get_short_code (receipt) != NULL
                                                 ? sp_receipt_get_short_code (receipt) : "");
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, FALSE);

  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  g_signal_connect (operation, "draw-page", G_CALLBACK (on_operation_draw_page_cb), &job);

  result = gtk_print_operation_run (operation, action, parent, error);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && export_path == NULL)
    save_settings (operation, paper);

  return result;
}

GtkPrintOperationResult
sp_receipt_print_run (SpReceipt               *receipt,
                      SpReceiptPaper           paper,
                      GtkPrintOperationAction  action,
                      GtkWindow               *parent,
                      GError                 **error)
{
  g_return_val_if_fail (SP_IS_RECEIPT (receipt), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  return run_operation (receipt, paper, action, parent, NULL, error);
}

gboolean
sp_receipt_print_export (SpReceipt       *receipt,
                         SpReceiptPaper   paper,
                         const char      *path,
                         GError         **error)
{
  g_return_val_if_fail (SP_IS_RECEIPT (receipt), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_operation (receipt, paper, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, path, error)
         == GTK_PRINT_OPERATION_RESULT_APPLY;
}

/* The main window a widget belongs to, directly or through the dialog it
 * is in; NULL when none. */
static SpWindow *
find_main_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent;

  if (SP_IS_WINDOW (root))
    return SP_WINDOW (root);
  if (!GTK_IS_WINDOW (root))
    return NULL;
  parent = gtk_window_get_transient_for (GTK_WINDOW (root));
  return SP_IS_WINDOW (parent) ? SP_WINDOW (parent) : NULL;
}

static gboolean
print_in_window (GtkWidget  *widget,
                 SpReceipt  *receipt,
                 GError    **error)
{
  SpWindow *window = find_main_window (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (window == NULL)
    return TRUE;
  return sp_window_print_receipt (window, receipt,
                                  GTK_WINDOW (root) != GTK_WINDOW (window) ? GTK_WINDOW (root) : NULL,
                                  error);
}

gboolean
sp_receipt_print_issue (GtkWidget  *widget,
                        SpContext  *context,
                        SpReceipt  *receipt,
                        GError    **error)
{
  SpDesk *desk;
  SpOperator *op;
  const char * const *languages = g_get_language_names ();

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (SP_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (SP_IS_RECEIPT (receipt), FALSE);

  desk = sp_context_get_desk (context);
  op = sp_context_get_operator (context);

  /* The desk's language, when the program has it; Italian otherwise. */
  sp_receipt_set_language (receipt, "it");
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_str_equal (languages[i], "en") || g_str_equal (languages[i], "C"))
      {
        sp_receipt_set_language (receipt, "en");
        break;
      }
    else if (g_str_has_prefix (languages[i], "it"))
      break;
  if (desk != NULL)
    sp_receipt_set_desk (receipt, sp_desk_get_id (desk), sp_desk_get_name (desk));
  if (op != NULL)
    sp_receipt_set_operator (receipt, sp_operator_get_id (op), sp_operator_get_display_name (op));

  if (!sp_receipt_issue (sp_context_get_store (context), receipt, sp_context_get_actor (context), error))
    return FALSE;
  return print_in_window (widget, receipt, error);
}

SpReceipt *
sp_receipt_print_reprint (GtkWidget  *widget,
                          SpContext  *context,
                          SpReceipt  *receipt,
                          GError    **error)
{
  g_autoptr(SpReceipt) copy = NULL;
  SpOperator *op;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (SP_IS_RECEIPT (receipt), NULL);

  op = sp_context_get_operator (context);
  copy = sp_receipt_reprint (sp_context_get_store (context), sp_receipt_get_uuid (receipt),
                             sp_context_get_actor (context),
                             op != NULL ? sp_operator_get_display_name (op) : "", error);
  if (copy == NULL || !print_in_window (widget, copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

gboolean
sp_receipt_print_duplicate (GtkWidget      *widget,
                            SpContext      *context,
                            SpReceiptKind   kind,
                            const char     *record_uuid,
                            GError        **error)
{
  g_autoptr(SpReceipt) latest = NULL;
  g_autoptr(SpReceipt) copy = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (SP_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (record_uuid != NULL, FALSE);

  latest = sp_receipt_load_for_record (sp_context_get_store (context), kind, record_uuid, error);
  if (latest == NULL)
    return FALSE;
  copy = sp_receipt_print_reprint (widget, context, latest, error);
  return copy != NULL;
}
