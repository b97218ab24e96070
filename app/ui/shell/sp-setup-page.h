/* sp-setup-page.h — first start: comune, first desk, first administrator */
#pragma once

#include <adwaita.h>

#include "sp-context.h"

G_BEGIN_DECLS

#define SP_TYPE_SETUP_PAGE (sp_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSetupPage, sp_setup_page, SP, SETUP_PAGE, GtkWidget)

SpSetupPage *sp_setup_page_new (SpContext *context);

G_END_DECLS
