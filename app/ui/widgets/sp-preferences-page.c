/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-page.c — the base of the pages of Preferences */

#define G_LOG_DOMAIN "sp-preferences-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-construct-property.h"
#include "sp-preferences-page.h"
#include "sp-settings.h"
#include "sp-toast.h"

typedef struct
{
  SpContext *context;
} SpPreferencesPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SpPreferencesPage, sp_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static void
sp_preferences_page_finalize (GObject *object)
{
  sp_construct_properties_clear (object, SP_TYPE_PREFERENCES_PAGE);

  G_OBJECT_CLASS (sp_preferences_page_parent_class)->finalize (object);
}

static void
sp_preferences_page_class_init (SpPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_preferences_page_finalize;
  sp_construct_property_install (object_class, "context", SP_TYPE_CONTEXT,
                                 G_PRIVATE_OFFSET (SpPreferencesPage, context));
}

static void
sp_preferences_page_init (SpPreferencesPage *self)
{
}

SpContext *
sp_preferences_page_get_context (SpPreferencesPage *self)
{
  SpPreferencesPagePrivate *priv;

  g_return_val_if_fail (SP_IS_PREFERENCES_PAGE (self), NULL);

  priv = sp_preferences_page_get_instance_private (self);
  return priv->context;
}

SpStore *
sp_preferences_page_get_store (SpPreferencesPage *self)
{
  g_return_val_if_fail (SP_IS_PREFERENCES_PAGE (self), NULL);

  return sp_context_get_store (sp_preferences_page_get_context (self));
}

void
sp_preferences_page_show_toast (SpPreferencesPage *self,
                                const char        *message)
{
  g_return_if_fail (SP_IS_PREFERENCES_PAGE (self));

  sp_toast_show (GTK_WIDGET (self), message);
}

gboolean
sp_preferences_page_save_settings (SpPreferencesPage  *self,
                                   const char * const *keys,
                                   const char * const *values)
{
  g_autoptr(GError) error = NULL;
  SpContext *context;

  g_return_val_if_fail (SP_IS_PREFERENCES_PAGE (self), FALSE);

  context = sp_preferences_page_get_context (self);
  if (!sp_settings_save (sp_context_get_store (context), sp_context_get_actor (context),
                         keys, values, &error))
    {
      sp_toast_show (GTK_WIDGET (self), error->message);
      return FALSE;
    }

  sp_toast_show (GTK_WIDGET (self), _("Saved."));
  return TRUE;
}
