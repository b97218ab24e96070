/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sections.h — the sections of the main window's sidebar, in order
 *
 * Each issue's screen adds one line to the table in sp-sections.c. A
 * section is created when an operator signs in (so nothing of a previous
 * operator's session survives), shown only to the roles it is meant for,
 * and refreshes its data itself when mapped.
 */
#pragma once

#include <gtk/gtk.h>

#include "sp-context.h"

G_BEGIN_DECLS

typedef enum
{
  SP_SECTION_ANYONE,
  SP_SECTION_SUPERVISORS,   /* supervisors and admins */
  SP_SECTION_ADMINS,
} SpSectionAccess;

typedef struct
{
  const char       *name;
  const char       *title;   /* translatable, marked with N_() */
  SpSectionAccess   access;
  GtkWidget      *(*create) (SpContext *context);
} SpSectionInfo;

const SpSectionInfo *sp_sections_get_all      (guint                *n_sections);
gboolean             sp_section_is_allowed    (const SpSectionInfo  *info,
                                               SpOperator           *op);

G_END_DECLS
