/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-setup-page.h — first start: comune, first desk, first administrator */
#pragma once

#include <adwaita.h>

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_SETUP_PAGE (sp_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (SpSetupPage, sp_setup_page, SP, SETUP_PAGE, SpPage)

SpSetupPage *sp_setup_page_new (SpContext *context);

G_END_DECLS
