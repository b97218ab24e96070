/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-day-close-print.c — printing a day's day-close report */

#define G_LOG_DOMAIN "sp-day-close-print"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-day-close.h"
#include "sp-day-close-print.h"

static void
on_print_begin_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  SpDayClose *report = user_data;

  gtk_print_operation_set_n_pages (operation, sp_day_close_get_n_pages (report));
}

static void
on_print_draw_page_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       gpointer           user_data)
{
  SpDayClose *report = user_data;

  sp_day_close_draw_page (report, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context), page);
}

static gboolean
print_with_dialog (SpPage      *page,
                   SpDayClose  *report,
                   GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Day-close report"));
  gtk_print_operation_set_export_filename (operation, "day-close.pdf");
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_print_begin_cb), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_print_draw_page_cb), report);
  /* The dialog runs its own loop: report outlives the operation. */
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

void
sp_day_close_print (SpPage      *page,
                    const GDate *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpDayClose) report = NULL;
  const char *pdf = g_getenv ("SPORTELLO_PRINT_TO_PDF");

  g_return_if_fail (SP_IS_PAGE (page));
  g_return_if_fail (g_date_valid (day));

  report = sp_day_close_new (sp_page_get_store (page), day, &error);
  if (report == NULL)
    {
      sp_page_show_toast (page, error->message);
      return;
    }

  if (pdf != NULL && *pdf != '\0')
    {
      if (!sp_day_close_export_pdf (report, pdf, &error))
        sp_page_show_toast (page, error->message);
      else
        sp_page_show_toast (page, _("Day-close report saved."));
      return;
    }

  if (!print_with_dialog (page, report, &error))
    sp_page_show_toast (page, error->message);
}
