/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-day-close-print.h — printing a day's day-close report (a summary,
 * then a page per desk) from the page that asks for it
 *
 * With $SPORTELLO_PRINT_TO_PDF set (tests), it is written to that PDF file
 * instead of going through the print dialog.
 */
#pragma once

#include "sp-page.h"

G_BEGIN_DECLS

/* Says in a toast of page what went wrong, or that the PDF was saved. */
void sp_day_close_print (SpPage      *page,
                         const GDate *day);

G_END_DECLS
