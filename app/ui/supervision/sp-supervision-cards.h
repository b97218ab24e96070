/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-supervision-cards.h — a report's figures as cards: the value big, its
 * caption under it and, for a period, the previous period's value
 *
 * Each value's accessible name reads "Today, CIE requests: 12", the scope
 * (the construct-only "scope" property) first, so that a screen reader (and the UI tests) tell the day's figures
 * from the period's.
 */
#pragma once

#include <gtk/gtk.h>

#include "sp-report.h"

G_BEGIN_DECLS

#define SP_TYPE_SUPERVISION_CARDS (sp_supervision_cards_get_type ())

G_DECLARE_FINAL_TYPE (SpSupervisionCards, sp_supervision_cards, SP, SUPERVISION_CARDS, GtkWidget)

/* Shows totals (and previous under each, when not NULL); NULL totals
 * leave the cards empty. */
void        sp_supervision_cards_show      (SpSupervisionCards *self,
                                            const SpFigures    *totals,
                                            const SpFigures    *previous);

/* A figure on screen: as sp_metric_format_value(), and "—" for a duration
 * nobody waited or was served. */
char       *sp_supervision_format_figure   (SpMetric            metric,
                                            double              value);

G_END_DECLS
