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
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value_by_nick (klass, nick);
  if (found == NULL)
    return FALSE;
  *out_value = found->value;
  return TRUE;
}
