/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-construct-property.h — construct-only properties kept in a struct field
 *
 * Most windows and views take their context, their GSettings or a flag once,
 * at construction, and keep it in a field. Instead of a set_property and
 * get_property switch in every class, they install each property here and
 * share one pair of accessors that write and read the field in place.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Installs a readable, construct-only property name (a static string) on
 * klass whose value lives in the instance at offset (G_STRUCT_OFFSET, or
 * G_PRIVATE_OFFSET for a derivable type's private field), and makes klass's
 * get_property and set_property the ones that use such fields: a class
 * installs all its properties this way or none. value_type is an object
 * type (default NULL), G_TYPE_STRING (NULL), G_TYPE_BOOLEAN (FALSE) or an
 * enum type (its smallest value). */
void sp_construct_property_install (GObjectClass *klass,
                                    const char   *name,
                                    GType         value_type,
                                    goffset       offset);

/* Drops the objects and frees the strings of the properties that
 * owner_type installed (not those of its parents or children): from
 * dispose or finalize, whichever the class needs. */
void sp_construct_properties_clear (GObject      *object,
                                    GType         owner_type);

G_END_DECLS
