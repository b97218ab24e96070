/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-setup.h — the first start: comune, first desk, first administrator */
#pragma once

#include "sp-desk.h"
#include "sp-setting-keys.h"
#include "sp-operator.h"

G_BEGIN_DECLS


typedef struct
{
  const char *comune_name;
  const char *comune_ipa;        /* optional */
  const char *desk_name;
  SpDeskKind  desk_kind;
  const char *admin_username;
  const char *admin_display_name;
  const char *admin_codice_fiscale; /* optional */
  const char *admin_password;
} SpSetupData;

/* TRUE while the database has no operator at all. */
gboolean sp_setup_is_needed (SpStore            *store);
/* Validates everything first, then writes it all in one transaction. */
gboolean sp_setup_run       (SpStore            *store,
                             const SpSetupData  *data,
                             GError            **error);
/* The IPA code: letters and digits, 1 to 11 characters (empty allowed). */
gboolean sp_setup_check_ipa (const char         *ipa,
                             GError            **error);

G_END_DECLS
