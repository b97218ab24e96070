/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-seal-banner.h — the warning at the top of the window when the
 * comune's seal certificate expires soon or has expired
 *
 * Shown to administrators only, from SP_SEAL_WARNING_DAYS days before the
 * seal expires; checked at sign-in and whenever a seal is saved
 * (SpContext::changed::seal). libadwaita 1.2 has no AdwBanner.
 */
#pragma once

#include <adwaita.h>

#include "sp-page.h"

G_BEGIN_DECLS

#define SP_TYPE_SEAL_BANNER (sp_seal_banner_get_type ())

G_DECLARE_FINAL_TYPE (SpSealBanner, sp_seal_banner, SP, SEAL_BANNER, SpPage)

GtkWidget *sp_seal_banner_new    (SpContext    *context);
/* Reads the seal and the session again. */
void       sp_seal_banner_update (SpSealBanner *self);

G_END_DECLS
