/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-day-close.h — the day-close report: a summary page and one page per
 * desk, with counts only (nothing personal), to PDF or a printer */
#pragma once

#include <cairo.h>

#include "sp-report.h"

G_BEGIN_DECLS

typedef struct _SpDayClose SpDayClose;

SpDayClose *sp_day_close_new          (SpStore      *store,
                                       const GDate  *day,
                                       GError      **error);
void        sp_day_close_free         (SpDayClose   *self);
/* The summary, then one page per desk that worked that day. */
guint       sp_day_close_get_n_pages  (SpDayClose   *self);
/* Draws a page on a surface of width × height points (A4: 595 × 842). */
void        sp_day_close_draw_page    (SpDayClose   *self,
                                       cairo_t      *cr,
                                       double        width,
                                       double        height,
                                       guint         page);
gboolean    sp_day_close_export_pdf   (SpDayClose   *self,
                                       const char   *path,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpDayClose, sp_day_close_free)

G_END_DECLS
