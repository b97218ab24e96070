/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-table.c — a report's breakdown as a table */

#define G_LOG_DOMAIN "sp-supervision-table"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-construct-property.h"
#include "sp-supervision-cards.h"
#include "sp-supervision-table.h"

struct _SpSupervisionTable
{
  GtkWidget  parent_instance;

  /* owned */
  GtkGrid   *grid;
  char      *first_column;
};

G_DEFINE_FINAL_TYPE (SpSupervisionTable, sp_supervision_table, GTK_TYPE_WIDGET)

/* The figures of a breakdown, in column order. */
static const SpMetric columns[] = {
  SP_METRIC_SPID_COMPLETED, SP_METRIC_SPID_REFUSED, SP_METRIC_CIE_REQUESTS,
  SP_METRIC_APPOINTMENTS_SERVED, SP_METRIC_WALK_INS, SP_METRIC_APPOINTMENTS_NO_SHOW,
  SP_METRIC_TALLIES, SP_METRIC_WAIT_AVG,
};

static void
attach_headings (SpSupervisionTable *self)
{
  GtkWidget *label = gtk_label_new (self->first_column);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->grid, label, 0, 0, 1, 1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      label = gtk_label_new (_(sp_metric_get_label (columns[c])));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->grid, label, c + 1, 0, 1, 1);
    }
}

static void
attach_row (SpSupervisionTable *self,
            const SpReportRow  *row,
            int                 y)
{
  GtkWidget *name = gtk_label_new (row->label);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_grid_attach (self->grid, name, 0, y, 1, 1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autofree char *text = sp_supervision_format_figure (columns[c], row->figures.v[columns[c]]);
      g_autofree char *accessible = g_strdup_printf (_("%s, %s: %s"), row->label,
                                                     _(sp_metric_get_label (columns[c])), text);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      gtk_grid_attach (self->grid, label, c + 1, y, 1, 1);
    }
}

static void
sp_supervision_table_dispose (GObject *object)
{
  SpSupervisionTable *self = SP_SUPERVISION_TABLE (object);

  if (self->grid != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->grid));
      self->grid = NULL;
    }

  G_OBJECT_CLASS (sp_supervision_table_parent_class)->dispose (object);
}

static void
sp_supervision_table_finalize (GObject *object)
{
  sp_construct_properties_clear (object, SP_TYPE_SUPERVISION_TABLE);

  G_OBJECT_CLASS (sp_supervision_table_parent_class)->finalize (object);
}

static void
sp_supervision_table_class_init (SpSupervisionTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_supervision_table_dispose;
  object_class->finalize = sp_supervision_table_finalize;
  sp_construct_property_install (object_class, "first-column", G_TYPE_STRING,
                                 G_STRUCT_OFFSET (SpSupervisionTable, first_column));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* The role the grid had when it stood in the page itself. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sp_supervision_table_init (SpSupervisionTable *self)
{
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));
}

void
sp_supervision_table_show (SpSupervisionTable *self,
                           const SpReport     *report)
{
  GtkWidget *child;

  g_return_if_fail (SP_IS_SUPERVISION_TABLE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  if (report == NULL)
    return;

  attach_headings (self);
  for (guint r = 0; r < report->rows->len; r++)
    attach_row (self, g_ptr_array_index (report->rows, r), r + 1);
  if (report->rows->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing recorded in this period."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->grid, label, 0, 1, G_N_ELEMENTS (columns) + 1, 1);
    }
}
