/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-records-view.h — CIE requests found by citizen, number or state,
 * with their follow-up: card arrived, handed over, delivered by post
 * (sp_page_reload() searches again) */
#pragma once

#include <adwaita.h>

#include "sp-context.h"
#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_CIE_RECORDS_VIEW (sp_cie_records_view_get_type ())

G_DECLARE_FINAL_TYPE (SpCieRecordsView, sp_cie_records_view, SP, CIE_RECORDS_VIEW, SpPage)

GtkWidget *sp_cie_records_view_new    (SpContext        *context);
/* Searches for this text (codice fiscale, surname, request or card number). */
void       sp_cie_records_view_search (SpCieRecordsView *self,
                                       const char       *text);

G_END_DECLS
