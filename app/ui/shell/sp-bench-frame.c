/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bench-frame.c — the first-frame probe of the start-up benchmark */
#define G_LOG_DOMAIN "sp-bench-frame"

#include "config.h"

#include <stdio.h>

#include "sp-bench-frame.h"

static long
read_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  printf ("first-frame %ld\n", read_peak_rss_kb ());
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
on_map_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), window);
}

void
sp_bench_frame_watch (GtkWidget *window)
{
  if (g_getenv ("SPORTELLO_EXIT_AFTER_FIRST_FRAME") == NULL)
    return;

  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
}
