/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-enum.h — an enum's value and the string the database stores for it
 *
 * Enums of sp-core are registered by gnome.mkenums_simple (sp-core-enums.h);
 * the nick of each value, written beside it in its header, is the string
 * stored in the database, printed in JSON and typed on the command line.
 */
#pragma once

#include <glib-object.h>

#include "sp-core-enums.h"

G_BEGIN_DECLS

/* The nick of value, or NULL when value is not one of the enum's. */
const char *sp_enum_to_nick   (GType        enum_type,
                               int          value);
/* The value whose nick is nick; FALSE (out untouched) when none is.
 * out_value may be NULL to ask only whether nick is one. */
gboolean    sp_enum_from_nick (GType        enum_type,
                               const char  *nick,
                               int         *out_value);

/* The same for a flags type: the nick of one flag (value has exactly
 * one bit set, or is the zero value), and the value of a nick. */
const char *sp_flags_to_nick   (GType        flags_type,
                                guint        value);
gboolean    sp_flags_from_nick (GType        flags_type,
                                const char  *nick,
                                guint       *out_value);

G_END_DECLS
