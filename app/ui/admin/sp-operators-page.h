/* sp-operators-page.h — admins manage operators and desks */
#pragma once

#include <adwaita.h>

#include "sp-context.h"

G_BEGIN_DECLS

#define SP_TYPE_OPERATORS_PAGE (sp_operators_page_get_type ())

G_DECLARE_FINAL_TYPE (SpOperatorsPage, sp_operators_page, SP, OPERATORS_PAGE, GtkWidget)

SpOperatorsPage *sp_operators_page_new    (SpContext       *context);
void             sp_operators_page_reload (SpOperatorsPage *self);

G_END_DECLS
