/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-page.c — what the counters did: today, a period, charts,
 * tables, the day-close report, exports and the audit trail
 *
 * The page puts the pieces together: the cards, charts and tables show
 * the reports computed in a thread (sp-period-reports); the day close, the
 * exports and the audit viewer live in files of their own. */
#define G_LOG_DOMAIN "sp-supervision-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-audit-viewer.h"
#include "sp-cie-wait.h"
#include "sp-dates.h"
#include "sp-day-close-print.h"
#include "sp-entry-row.h"
#include "sp-period-reports.h"
#include "sp-report.h"
#include "sp-supervision-cards.h"
#include "sp-supervision-chart.h"
#include "sp-supervision-export.h"
#include "sp-supervision-page.h"
#include "sp-supervision-table.h"
#include "sp-tally-bar.h"

struct _SpSupervisionPage
{
  SpPage              parent_instance;

  /* template widgets */
  SpSupervisionCards *today_box;
  GtkBox             *tally_slot;
  SpEntryRow         *from_row;
  SpEntryRow         *to_row;
  GtkButton          *show_button;
  GtkButton          *csv_button;
  GtkButton          *opendata_button;
  GtkSpinner         *busy_spinner;
  GtkProgressBar     *progress_bar;
  SpSupervisionCards *period_box;
  SpSupervisionChart *hour_chart;
  SpSupervisionChart *desk_chart;
  SpSupervisionChart *day_chart;
  SpSupervisionChart *wait_chart;
  SpSupervisionTable *desk_table;
  SpSupervisionTable *operator_table;
  GtkBox             *audit_slot;

  /* owned */
  GCancellable       *cancellable;
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (SpSupervisionPage, sp_supervision_page, SP_TYPE_PAGE)

static void
set_day_text (SpEntryRow  *row,
              const GDate *day)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", day);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_busy (SpSupervisionPage *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->show_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->opendata_button), !busy);
}

static gboolean
read_period (SpSupervisionPage *self,
             GDate             *from,
             GDate             *to)
{
  gboolean ok = TRUE;

  sp_entry_row_set_error (self->from_row, NULL);
  sp_entry_row_set_error (self->to_row, NULL);
  if (!sp_report_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->from_row)), from))
    {
      sp_entry_row_set_error (self->from_row, _("Type a date such as 2026-03-01."));
      ok = FALSE;
    }
  if (!sp_report_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), to))
    {
      sp_entry_row_set_error (self->to_row, _("Type a date such as 2026-03-31."));
      ok = FALSE;
    }
  if (ok && g_date_compare (from, to) > 0)
    {
      sp_entry_row_set_error (self->to_row, _("The period must end on or after the day it starts."));
      ok = FALSE;
    }
  return ok;
}

static void
refresh_today (SpSupervisionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = NULL;
  SpStore *store = sp_page_get_store (SP_PAGE (self));
  GDate today;

  /* Today's reading of the wait for a CIE slot, for the trend. */
  sp_cie_wait_note (store, sp_store_now ());

  sp_date_from_time (g_get_real_time (), &today);
  report = sp_report_compute (store, &today, &today, SP_REPORT_BY_NONE, &error);
  sp_supervision_cards_show (self->today_box, report != NULL ? &report->totals : NULL, NULL);
  if (report == NULL)
    sp_page_show_toast (SP_PAGE (self), error->message);
}

static void
show_period (SpSupervisionPage     *self,
             const SpPeriodReports *reports)
{
  SpReport *by_day = reports->by_day;

  sp_supervision_cards_show (self->period_box, by_day != NULL ? &by_day->totals : NULL,
                             by_day != NULL ? &by_day->previous : NULL);
  sp_supervision_table_show (self->desk_table, reports->by_desk);
  sp_supervision_table_show (self->operator_table, reports->by_operator);
  sp_supervision_chart_set_report (self->hour_chart, reports->by_hour);
  sp_supervision_chart_set_report (self->desk_chart, reports->by_desk);
  sp_supervision_chart_set_report (self->day_chart, by_day);
  sp_supervision_chart_set_report (self->wait_chart, by_day);
}

static void
on_period_computed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (source);
  g_autoptr(SpPeriodReports) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = sp_period_reports_compute_finish (result, &error);
  /* Cancelled when the page went away: its widgets are gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (reports == NULL)
    sp_page_show_toast (SP_PAGE (self), error->message);
  else
    show_period (self, reports);
}

static void
refresh_period (SpSupervisionPage *self)
{
  GDate from, to;

  if (self->busy || !read_period (self, &from, &to))
    return;

  set_busy (self, TRUE);
  sp_period_reports_compute_async (self, sp_store_get_path (sp_page_get_store (SP_PAGE (self))),
                                   &from, &to, self->cancellable, on_period_computed_cb, NULL);
}

static void
on_export_progress (double   fraction,
                    gpointer user_data)
{
  SpSupervisionPage *self = user_data;

  /* A late report after the page went away finds no bar. */
  if (self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (source);
  g_autofree char *target = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_supervision_export_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the page went away */
  set_busy (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (error != NULL)
    sp_page_show_toast (SP_PAGE (self), error->message);
  else
    {
      /* Translators: %s is a file or folder */
      g_autofree char *message = g_strdup_printf (_("Exported to %s"), target);
      sp_page_show_toast (SP_PAGE (self), message);
    }
}

static void
start_export (const char *target,
              gboolean    opendata,
              gpointer    user_data)
{
  SpSupervisionPage *self = user_data;
  GDate from, to;

  if (self->busy || !read_period (self, &from, &to))
    return;

  set_busy (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, opendata ? _("Exporting open data…") : _("Exporting CSV…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  sp_supervision_export_async (self, sp_store_get_path (sp_page_get_store (SP_PAGE (self))),
                               target, &from, &to, opendata, on_export_progress, self,
                               self->cancellable, on_export_done_cb, g_strdup (target));
}

static void
on_show_clicked_cb (SpSupervisionPage *self)
{
  refresh_period (self);
}

static void
on_month_clicked_cb (SpSupervisionPage *self)
{
  GDate today, first;

  sp_date_from_time (g_get_real_time (), &today);
  first = today;
  g_date_set_day (&first, 1);
  set_day_text (self->from_row, &first);
  set_day_text (self->to_row, &today);
  refresh_period (self);
}

/* The report of the period's last day, or today's. */
static void
on_dayclose_clicked_cb (SpSupervisionPage *self)
{
  GDate day;

  if (!sp_report_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), &day))
    sp_date_from_time (g_get_real_time (), &day);
  sp_day_close_print (SP_PAGE (self), &day);
}

static void
on_csv_clicked_cb (SpSupervisionPage *self)
{
  sp_supervision_export_choose_target (GTK_WIDGET (self), FALSE, start_export, self);
}

static void
on_opendata_clicked_cb (SpSupervisionPage *self)
{
  sp_supervision_export_choose_target (GTK_WIDGET (self), TRUE, start_export, self);
}

static void
sp_supervision_page_reload (SpPage *page)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (page);

  refresh_today (self);
  refresh_period (self);
}

static void
sp_supervision_page_constructed (GObject *object)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (object);
  SpContext *context = sp_page_get_context (SP_PAGE (self));
  GDate today, first;

  G_OBJECT_CLASS (sp_supervision_page_parent_class)->constructed (object);

  gtk_box_append (self->tally_slot, sp_tally_bar_new (context, FALSE));
  gtk_box_append (self->audit_slot, sp_audit_viewer_new (context));

  sp_date_from_time (g_get_real_time (), &today);
  first = today;
  g_date_set_day (&first, 1);
  set_day_text (self->from_row, &first);
  set_day_text (self->to_row, &today);
}

static void
sp_supervision_page_dispose (GObject *object)
{
  SpSupervisionPage *self = SP_SUPERVISION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SUPERVISION_PAGE);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sp_supervision_page_parent_class)->dispose (object);
}

static void
sp_supervision_page_class_init (SpSupervisionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpPageClass *page_class = SP_PAGE_CLASS (klass);

  object_class->constructed = sp_supervision_page_constructed;
  object_class->dispose = sp_supervision_page_dispose;
  page_class->reload = sp_supervision_page_reload;
  /* Read afresh each time it is shown: the counts change all day. */
  page_class->reload_on_map = TRUE;
  page_class->reload_on_change = TRUE;

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  g_type_ensure (SP_TYPE_SUPERVISION_CARDS);
  g_type_ensure (SP_TYPE_SUPERVISION_CHART);
  g_type_ensure (SP_TYPE_SUPERVISION_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-supervision-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, today_box);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, tally_slot);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, show_button);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, csv_button);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, opendata_button);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, period_box);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, hour_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, desk_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, day_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, wait_chart);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, desk_table);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, operator_table);
  gtk_widget_class_bind_template_child (widget_class, SpSupervisionPage, audit_slot);
  gtk_widget_class_bind_template_callback (widget_class, on_show_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dayclose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_csv_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_opendata_clicked_cb);
}

static void
sp_supervision_page_init (SpSupervisionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
sp_supervision_page_new (SpContext *context)
{
  return g_object_new (SP_TYPE_SUPERVISION_PAGE, "context", context, NULL);
}
