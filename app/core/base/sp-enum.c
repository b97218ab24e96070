/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-enum.c — an enum's value and the string the database stores for it */

#define G_LOG_DOMAIN "sp-enum"

#include "config.h"

#include "sp-enum.h"

const char *
sp_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value (klass, value);
  /* Nicks are static strings of the registered type, alive after unref. */
  return found != NULL ? found->value_nick : NULL;
}

gboolean
sp_enum_from_nick (GType        enum_type,
                   const char  *nick,
                   int         *out_value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value_by_nick (klass, nick);
  if (found == NULL)
    return FALSE;
  if (out_value != NULL)
    *out_value = found->value;
  return TRUE;
}

const char *
sp_flags_to_nick (GType flags_type,
                  guint value)
{
  g_autoptr(GFlagsClass) klass = NULL;
  GFlagsValue *found;

  g_return_val_if_fail (G_TYPE_IS_FLAGS (flags_type), NULL);

  klass = g_type_class_ref (flags_type);
  /* The first value matching is the exact one only for a single bit. */
  found = g_flags_get_first_value (klass, value);
  if (found == NULL || found->value != value)
    return NULL;
  return found->value_nick;
}

gboolean
sp_flags_from_nick (GType        flags_type,
                    const char  *nick,
                    guint       *out_value)
{
  g_autoptr(GFlagsClass) klass = NULL;
  GFlagsValue *found;

  g_return_val_if_fail (G_TYPE_IS_FLAGS (flags_type), FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (flags_type);
  found = g_flags_get_value_by_nick (klass, nick);
  if (found == NULL)
    return FALSE;
  *out_value = found->value;
  return TRUE;
}
