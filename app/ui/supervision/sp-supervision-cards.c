/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-cards.c — a report's figures as cards */

#define G_LOG_DOMAIN "sp-supervision-cards"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-construct-property.h"
#include "sp-supervision-cards.h"

struct _SpSupervisionCards
{
  GtkWidget   parent_instance;

  /* owned */
  GtkFlowBox *box;
  char       *scope;
};

G_DEFINE_FINAL_TYPE (SpSupervisionCards, sp_supervision_cards, GTK_TYPE_WIDGET)

/* The figures shown as cards, in order. */
static const SpMetric card_metrics[] = {
  SP_METRIC_SPID_COMPLETED, SP_METRIC_SPID_REFUSED, SP_METRIC_CIE_REQUESTS,
  SP_METRIC_APPOINTMENTS_BOOKED, SP_METRIC_APPOINTMENTS_SERVED, SP_METRIC_WALK_INS,
  SP_METRIC_APPOINTMENTS_NO_SHOW, SP_METRIC_APPOINTMENTS_CANCELLED, SP_METRIC_TALLIES,
  SP_METRIC_UNSENT_EMAILS, SP_METRIC_WAIT_AVG, SP_METRIC_WAIT_P90,
  SP_METRIC_SERVICE_AVG, SP_METRIC_SERVICE_P90,
};

static void
add_card (SpSupervisionCards *self,
          SpMetric            metric,
          double              value,
          const double       *previous)
{
  g_autofree char *text = sp_supervision_format_figure (metric, value);
  g_autofree char *name = NULL;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = gtk_label_new (text);
  GtkWidget *caption = gtk_label_new (_(sp_metric_get_label (metric)));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (value_label, 8);
  gtk_widget_add_css_class (value_label, "title-2");
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_set_margin_start (caption, 6);
  gtk_widget_set_margin_end (caption, 6);
  gtk_widget_set_margin_bottom (caption, previous == NULL ? 8 : 0);
  /* Translators: the accessible name of a figure: "Today, CIE requests: 12" */
  name = g_strdup_printf (_("%s, %s: %s"), self->scope != NULL ? self->scope : "",
                          _(sp_metric_get_label (metric)), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value_label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (card), value_label);
  gtk_box_append (GTK_BOX (card), caption);
  if (previous != NULL)
    {
      g_autofree char *before = sp_supervision_format_figure (metric, *previous);
      /* Translators: under a figure, the previous period's value */
      g_autofree char *line = g_strdup_printf (_("before: %s"), before);
      GtkWidget *label = gtk_label_new (line);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_margin_bottom (label, 8);
      gtk_box_append (GTK_BOX (card), label);
    }
  gtk_flow_box_append (self->box, card);
}

static void
sp_supervision_cards_dispose (GObject *object)
{
  SpSupervisionCards *self = SP_SUPERVISION_CARDS (object);

  if (self->box != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->box));
      self->box = NULL;
    }

  G_OBJECT_CLASS (sp_supervision_cards_parent_class)->dispose (object);
}

static void
sp_supervision_cards_finalize (GObject *object)
{
  sp_construct_properties_clear (object, SP_TYPE_SUPERVISION_CARDS);

  G_OBJECT_CLASS (sp_supervision_cards_parent_class)->finalize (object);
}

static void
sp_supervision_cards_class_init (SpSupervisionCardsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_supervision_cards_dispose;
  object_class->finalize = sp_supervision_cards_finalize;
  /* "Today" or "Period": the first words of each figure's accessible name. */
  sp_construct_property_install (object_class, "scope", G_TYPE_STRING,
                                 G_STRUCT_OFFSET (SpSupervisionCards, scope));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sp_supervision_cards_init (SpSupervisionCards *self)
{
  self->box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->box, TRUE);
  gtk_flow_box_set_max_children_per_line (self->box, 6);
  gtk_flow_box_set_min_children_per_line (self->box, 2);
  gtk_flow_box_set_row_spacing (self->box, 6);
  gtk_flow_box_set_column_spacing (self->box, 6);
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
}

void
sp_supervision_cards_show (SpSupervisionCards *self,
                           const SpFigures    *totals,
                           const SpFigures    *previous)
{
  GtkWidget *child;

  g_return_if_fail (SP_IS_SUPERVISION_CARDS (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_flow_box_remove (self->box, child);
  if (totals == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (card_metrics); i++)
    add_card (self, card_metrics[i], totals->v[card_metrics[i]],
              previous != NULL ? &previous->v[card_metrics[i]] : NULL);
}

char *
sp_supervision_format_figure (SpMetric metric,
                              double   value)
{
  if (sp_metric_is_duration (metric) && value <= 0)
    return g_strdup ("—");   /* nobody waited or was served */
  return sp_metric_format_value (metric, value);
}
