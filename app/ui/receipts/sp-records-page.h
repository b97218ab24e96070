/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-records-page.h — the Records section: find identifications by
 * codice fiscale, name, date or state; open one; reprint its receipt */
#pragma once

#include <adwaita.h>

#include "sp-page.h"
#include "sp-window.h"

G_BEGIN_DECLS

#define SP_TYPE_RECORDS_PAGE (sp_records_page_get_type ())

G_DECLARE_FINAL_TYPE (SpRecordsPage, sp_records_page, SP, RECORDS_PAGE, SpPage)

GtkWidget *sp_records_page_new         (SpContext  *context);
/* The scanner's handler for a health card: its codice fiscale searched. */
void       sp_records_page_scan_search (SpWindow   *window,
                                        const char *codice_fiscale);

G_END_DECLS
