/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bench-frame.h — for `build-aux/dev bench`: with
 * SPORTELLO_EXIT_AFTER_FIRST_FRAME set, print "first-frame RSS_KB" when the
 * window's first frame has been painted, then quit. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sp_bench_frame_watch (GtkWidget *window);

G_END_DECLS
