/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-seal-banner.c — the seal certificate's expiry, told to administrators
 * at the top of the window */
#define G_LOG_DOMAIN "sp-seal-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-seal.h"
#include "sp-seal-banner.h"
#include "sp-seal-group.h"

struct _SpSealBanner
{
  SpPage      parent_instance;

  GtkWidget  *info_bar;
  GtkWidget  *label;
};

G_DEFINE_FINAL_TYPE (SpSealBanner, sp_seal_banner, SP_TYPE_PAGE)

/* What to tell an administrator about the comune's seal, or NULL. */
static char *
dup_warning (SpStore        *store,
             GtkMessageType *type)
{
  g_autoptr(SpSeal) seal = sp_seal_load (store, NULL);
  gint64 now = sp_store_now ();
  int days;

  if (seal == NULL)
    return NULL;

  days = sp_seal_get_days_left (seal, now);
  *type = GTK_MESSAGE_WARNING;
  if (sp_seal_get_not_after (seal) <= now)
    {
      *type = GTK_MESSAGE_ERROR;
      return g_strdup (_("The seal certificate has expired: RAO pubblico identifications cannot start"));
    }
  if (days <= 0)
    return g_strdup (_("The seal certificate expires today: ask AgID for a new one and import it in Preferences"));
  if (days <= SP_SEAL_WARNING_DAYS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The seal certificate expires in %d day: ask AgID for a new one and import it in Preferences",
                                         "The seal certificate expires in %d days: ask AgID for a new one and import it in Preferences",
                                         days), days);
  return NULL;
}

void
sp_seal_banner_update (SpSealBanner *self)
{
  SpContext *context;
  SpOperator *op;
  g_autofree char *warning = NULL;
  GtkMessageType type = GTK_MESSAGE_WARNING;

  g_return_if_fail (SP_IS_SEAL_BANNER (self));

  context = sp_page_get_context (SP_PAGE (self));
  op = sp_context_get_operator (context);
  if (op != NULL && sp_operator_is_admin (op) && !sp_context_get_locked (context))
    warning = dup_warning (sp_context_get_store (context), &type);

  if (warning != NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->label), warning);
      gtk_info_bar_set_message_type (GTK_INFO_BAR (self->info_bar), type);
    }
  /* Hidden, not merely folded, so that screen readers do not read it. */
  gtk_widget_set_visible (GTK_WIDGET (self), warning != NULL);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->info_bar), warning != NULL);
}

static void
on_session_changed_cb (SpSealBanner *self)
{
  sp_seal_banner_update (self);
}

static void
sp_seal_banner_reload (SpPage *page)
{
  sp_seal_banner_update (SP_SEAL_BANNER (page));
}

static void
sp_seal_banner_constructed (GObject *object)
{
  SpSealBanner *self = SP_SEAL_BANNER (object);
  SpContext *context;

  G_OBJECT_CLASS (sp_seal_banner_parent_class)->constructed (object);

  context = sp_page_get_context (SP_PAGE (self));
  g_signal_connect_object (context, "notify::operator", G_CALLBACK (on_session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::locked", G_CALLBACK (on_session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "changed::" SP_CONTEXT_CHANGED_SEAL, G_CALLBACK (on_session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  sp_seal_banner_update (self);
}

static void
sp_seal_banner_dispose (GObject *object)
{
  SpSealBanner *self = SP_SEAL_BANNER (object);

  g_clear_pointer (&self->info_bar, gtk_widget_unparent);

  G_OBJECT_CLASS (sp_seal_banner_parent_class)->dispose (object);
}

static void
sp_seal_banner_class_init (SpSealBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_seal_banner_constructed;
  object_class->dispose = sp_seal_banner_dispose;
  SP_PAGE_CLASS (klass)->reload = sp_seal_banner_reload;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_seal_banner_init (SpSealBanner *self)
{
  GtkWidget *button;

  self->info_bar = gtk_info_bar_new ();
  gtk_widget_set_parent (self->info_bar, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->info_bar), self->label);

  button = gtk_button_new_with_label (_("Open Preferences"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.preferences");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->info_bar), button);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sp_seal_banner_new (SpContext *context)
{
  g_return_val_if_fail (SP_IS_CONTEXT (context), NULL);

  return g_object_new (SP_TYPE_SEAL_BANNER, "context", context, NULL);
}
