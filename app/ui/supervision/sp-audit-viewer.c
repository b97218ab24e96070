/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-viewer.c — the audit trail for supervisors */

#define G_LOG_DOMAIN "sp-audit-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-audit.h"
#include "sp-audit-view.h"
#include "sp-audit-viewer.h"
#include "sp-entry-row.h"
#include "sp-report.h"

/* The rows shown at most: the newest. */
#define MAX_ROWS 200

struct _SpAuditViewer
{
  SpPage      parent_instance;

  /* template widgets */
  SpEntryRow *operator_row;
  SpEntryRow *action_row;
  SpEntryRow *date_row;
  GtkLabel   *verify_label;
  GtkListBox *audit_list;
};

G_DEFINE_FINAL_TYPE (SpAuditViewer, sp_audit_viewer, SP_TYPE_PAGE)

static GtkWidget *
make_row (const SpAuditEntry *e)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (e->at / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (at, "%d/%m/%Y %H:%M:%S");
  g_autofree char *title = g_markup_printf_escaped ("%s — %s", e->action,
                                                    *e->operator != '\0' ? e->operator : _("system"));
  g_autofree char *subtitle = g_markup_printf_escaped ("#%" G_GINT64_FORMAT " · %s · %s · %s", e->id, when,
                                                       *e->desk != '\0' ? e->desk : "—", e->details);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  return row;
}

static void
clear_list (SpAuditViewer *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audit_list))) != NULL)
    gtk_list_box_remove (self->audit_list, child);
}

static void
refresh (SpAuditViewer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  GDate day;
  gboolean use_day = FALSE;

  sp_entry_row_set_error (self->date_row, NULL);
  if (*date_text != '\0')
    {
      use_day = sp_report_parse_day (date_text, &day);
      if (!use_day)
        {
          sp_entry_row_set_error (self->date_row, _("Type a date such as 2026-03-01."));
          return;
        }
    }

  entries = sp_audit_view_list (sp_page_get_store (SP_PAGE (self)),
                                gtk_editable_get_text (GTK_EDITABLE (self->operator_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->action_row)),
                                use_day ? &day : NULL, MAX_ROWS, &error);
  clear_list (self);
  if (entries == NULL)
    {
      sp_page_show_toast (SP_PAGE (self), error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->audit_list, make_row (g_ptr_array_index (entries, i)));
  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No audit rows match."));
      gtk_list_box_append (self->audit_list, row);
    }
}

static void
on_filter_clicked_cb (SpAuditViewer *self)
{
  refresh (self);
}

static void
on_verify_clicked_cb (SpAuditViewer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint64 checked = 0;
  gint64 broken = 0;

  if (sp_audit_verify (sp_page_get_store (SP_PAGE (self)), &checked, &broken, &error))
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The audit trail holds: %llu row checked.",
                                            "The audit trail holds: %llu rows checked.", checked),
                               (unsigned long long) checked);
  else
    message = g_strdup (error->message);
  gtk_label_set_text (self->verify_label, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verify_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  message, -1);
}

static void
sp_audit_viewer_reload (SpPage *page)
{
  refresh (SP_AUDIT_VIEWER (page));
}

static void
sp_audit_viewer_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_AUDIT_VIEWER);

  G_OBJECT_CLASS (sp_audit_viewer_parent_class)->dispose (object);
}

static void
sp_audit_viewer_class_init (SpAuditViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpPageClass *page_class = SP_PAGE_CLASS (klass);

  object_class->dispose = sp_audit_viewer_dispose;
  page_class->reload = sp_audit_viewer_reload;
  /* Read afresh each time it is shown: the trail only grows. */
  page_class->reload_on_map = TRUE;

  g_type_ensure (SP_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/it/sportello/Sportello/ui/sp-audit-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, SpAuditViewer, operator_row);
  gtk_widget_class_bind_template_child (widget_class, SpAuditViewer, action_row);
  gtk_widget_class_bind_template_child (widget_class, SpAuditViewer, date_row);
  gtk_widget_class_bind_template_child (widget_class, SpAuditViewer, verify_label);
  gtk_widget_class_bind_template_child (widget_class, SpAuditViewer, audit_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_verify_clicked_cb);
}

static void
sp_audit_viewer_init (SpAuditViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_audit_viewer_new (SpContext *context)
{
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);

  return g_object_new (SP_TYPE_AUDIT_VIEWER, "context", context, NULL);
}
