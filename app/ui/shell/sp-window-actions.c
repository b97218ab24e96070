/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window-actions.c — the window's actions and their shortcuts */
#define G_LOG_DOMAIN "sp-window-actions"

#include "config.h"

#include "sp-bundle-export.h"
#include "sp-window-private.h"

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sp_window_lock (SP_WINDOW (widget));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sp_context_sign_out (sp_window_get_context (SP_WINDOW (widget)));
}

static void
focus_scanner_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sp_window_focus_scanner (SP_WINDOW (widget));
}

static void
bring_back_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sp_bundle_export_run (GTK_WINDOW (widget), sp_window_get_context (SP_WINDOW (widget)));
}

static void
go_section_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sp_window_go_to_section (SP_WINDOW (widget), g_variant_get_int32 (parameter));
}

void
sp_window_update_actions (SpWindow *self)
{
  SpContext *context = sp_window_get_context (self);
  gboolean signed_in = sp_context_get_operator (context) != NULL;
  gboolean unlocked = signed_in && !sp_context_get_locked (context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-section", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-scanner", unlocked);
  /* Only a pop-up desk's laptop brings records back to an office. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.bring-back",
                                 unlocked && sp_bundle_export_is_possible (context));
}

void
sp_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);

  gtk_widget_class_install_action (widget_class, "win.go-section", "i", go_section_action);
  gtk_widget_class_install_action (widget_class, "win.focus-scanner", NULL, focus_scanner_action);
  gtk_widget_class_install_action (widget_class, "win.bring-back", NULL, bring_back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.focus-scanner", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.bring-back", NULL);
  /* Alt+1 … Alt+9: the sections in the order the sidebar shows them. */
  for (int i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK,
                                         "win.go-section", "i", i);
}
