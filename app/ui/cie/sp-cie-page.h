/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-page.h — the CIE section: the request form with live validation,
 * and the requests recorded (search and follow-up) */
#pragma once

#include <adwaita.h>

#include "sp-context.h"
#include "sp-page.h"
#include "sp-window.h"

G_BEGIN_DECLS

#define SP_TYPE_CIE_PAGE (sp_cie_page_get_type ())

G_DECLARE_FINAL_TYPE (SpCiePage, sp_cie_page, SP, CIE_PAGE, SpPage)

GtkWidget *sp_cie_page_new                    (SpContext  *context);
/* Starts a request for the citizen of an appointment (linked to it). */
void       sp_cie_page_start_from_appointment (SpCiePage  *self,
                                               const char *appointment_uuid);
/* Shows a recorded request (the scanner's handler for CIE receipts). */
gboolean   sp_cie_page_scan_open              (SpWindow   *window,
                                               const char *request_uuid);

G_END_DECLS
