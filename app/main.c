/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — sportello, the desktop program */
#define G_LOG_DOMAIN "sportello"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpApplication) app = NULL;
  const char *localedir = g_getenv ("SPORTELLO_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Run from the build tree, `build-aux/dev run` points at the compiled
   * catalogues there. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
