/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-page.c — the base of the pages of Preferences */

#define G_LOG_DOMAIN "sp-preferences-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-preferences-page.h"
#include "sp-settings.h"
#include "sp-toast.h"

typedef struct
{
  SpContext *context;
} SpPreferencesPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SpPreferencesPage, sp_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sp_preferences_page_finalize (GObject *object)
{
  SpPreferencesPagePrivate *priv =
    sp_preferences_page_get_instance_private (SP_PREFERENCES_PAGE (object));

  g_clear_object (&priv->context);

  G_OBJECT_CLASS (sp_preferences_page_parent_class)->finalize (object);
}

static void
sp_preferences_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SpPreferencesPagePrivate *priv =
    sp_preferences_page_get_instance_private (SP_PREFERENCES_PAGE (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_preferences_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SpPreferencesPagePrivate *priv =
    sp_preferences_page_get_instance_private (SP_PREFERENCES_PAGE (object));

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_preferences_page_class_init (SpPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_preferences_page_finalize;
  object_class->get_property = sp_preferences_page_get_property;
  object_class->set_property = sp_preferences_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
