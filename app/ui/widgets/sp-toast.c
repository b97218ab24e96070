/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-toast.c — telling the clerk something in passing */

#define G_LOG_DOMAIN "sp-toast"

#include "config.h"

#include <glib/gstdio.h>

#include "sp-toast.h"
#include "sp-window.h"

static void
log_for_tests (const char *message)
{
  const char *path = g_getenv ("SPORTELLO_TOAST_LOG");
  FILE *file;

  if (path == NULL || *path == '\0')
    return;
  file = g_fopen (path, "a");
  if (file == NULL)
    return;
  fprintf (file, "%s\n", message);
  fclose (file);
}

void
sp_toast_add (AdwToastOverlay *overlay,
              const char      *message)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (message != NULL);

  log_for_tests (message);
  adw_toast_overlay_add_toast (overlay, adw_toast_new (message));
}

void
sp_toast_show (GtkWidget  *widget,
               const char *message)
{
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      sp_toast_add (ADW_TOAST_OVERLAY (overlay), message);
      return;
    }

  root = gtk_widget_get_root (widget);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      log_for_tests (message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
    }
  else if (SP_IS_WINDOW (root))
    sp_window_show_toast (SP_WINDOW (root), message);
}
