/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-construct-property.c — construct-only properties kept in a struct field */

#define G_LOG_DOMAIN "sp-construct-property"

#include "config.h"

#include "sp-construct-property.h"

/* Each installed GParamSpec carries the offset of its field. */
static GQuark
offset_quark (void)
{
  return g_quark_from_static_string ("sp-construct-property-offset");
}

static gpointer
get_field (GObject    *object,
           GParamSpec *pspec)
{
  goffset offset = GPOINTER_TO_INT (g_param_spec_get_qdata (pspec, offset_quark ()));

  return G_STRUCT_MEMBER_P (object, offset);
}

static void
set_property (GObject      *object,
              guint         prop_id,
              const GValue *value,
              GParamSpec   *pspec)
{
  gpointer field = get_field (object, pspec);

  if (G_IS_PARAM_SPEC_OBJECT (pspec))
    g_set_object ((GObject **) field, g_value_get_object (value));
  else if (G_IS_PARAM_SPEC_STRING (pspec))
    {
      g_free (*(char **) field);
      *(char **) field = g_value_dup_string (value);
    }
  else if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    *(gboolean *) field = g_value_get_boolean (value);
  else if (G_IS_PARAM_SPEC_ENUM (pspec))
    *(int *) field = g_value_get_enum (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
get_property (GObject    *object,
              guint       prop_id,
              GValue     *value,
              GParamSpec *pspec)
{
  gpointer field = get_field (object, pspec);

  if (G_IS_PARAM_SPEC_OBJECT (pspec))
    g_value_set_object (value, *(GObject **) field);
  else if (G_IS_PARAM_SPEC_STRING (pspec))
    g_value_set_string (value, *(char **) field);
  else if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    g_value_set_boolean (value, *(gboolean *) field);
  else if (G_IS_PARAM_SPEC_ENUM (pspec))
    g_value_set_enum (value, *(int *) field);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static GParamSpec *
new_param_spec (const char *name,
                GType       value_type)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  if (g_type_is_a (value_type, G_TYPE_OBJECT))
    return g_param_spec_object (name, NULL, NULL, value_type, flags);
  if (value_type == G_TYPE_STRING)
    return g_param_spec_string (name, NULL, NULL, NULL, flags);
  if (value_type == G_TYPE_BOOLEAN)
    return g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
  if (G_TYPE_IS_ENUM (value_type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (value_type);

      return g_param_spec_enum (name, NULL, NULL, value_type, enum_class->minimum, flags);
    }
  g_assert_not_reached ();
}

/* Property ids count from 1 in each class. */
static guint
next_prop_id (GObjectClass *klass)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs, n_own = 0;

  pspecs = g_object_class_list_properties (klass, &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    if (pspecs[i]->owner_type == G_TYPE_FROM_CLASS (klass))
      n_own++;
  return n_own + 1;
}

void
sp_construct_property_install (GObjectClass *klass,
                               const char   *name,
                               GType         value_type,
                               goffset       offset)
{
  GParamSpec *pspec;

  g_return_if_fail (G_IS_OBJECT_CLASS (klass));
  g_return_if_fail (name != NULL);
  g_return_if_fail (offset != 0 && offset >= G_MININT && offset <= G_MAXINT);

  klass->get_property = get_property;
  klass->set_property = set_property;

  pspec = new_param_spec (name, value_type);
  g_param_spec_set_qdata (pspec, offset_quark (), GINT_TO_POINTER ((int) offset));
  g_object_class_install_property (klass, next_prop_id (klass), pspec);
}

void
sp_construct_properties_clear (GObject *object,
                               GType    owner_type)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_return_if_fail (G_IS_OBJECT (object));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      if (pspecs[i]->owner_type != owner_type ||
          g_param_spec_get_qdata (pspecs[i], offset_quark ()) == NULL)
        continue;
      if (G_IS_PARAM_SPEC_OBJECT (pspecs[i]))
        g_clear_object ((GObject **) get_field (object, pspecs[i]));
      else if (G_IS_PARAM_SPEC_STRING (pspecs[i]))
        g_clear_pointer ((char **) get_field (object, pspecs[i]), g_free);
    }
}
