/* SPDX-License-Identifier: GPL-3.0-or-later */
/* minimal-window.c — the benchmark's baseline: the smallest GTK 4 program
 * that opens a window, built and measured beside sportello. Like sportello
 * under SPORTELLO_EXIT_AFTER_FIRST_FRAME, it prints its peak resident
 * memory when its first frame is drawn, and quits. */
#include <gtk/gtk.h>

#include "sp-bench-frame.h"

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Baseline"));
  sp_bench_frame_watch (window);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("it.sportello.Baseline", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
