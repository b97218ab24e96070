/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sp-error"

#include "config.h"

#include "sp-error.h"

G_DEFINE_QUARK (sp-store-error-quark, sp_store_error)
G_DEFINE_QUARK (sp-auth-error-quark, sp_auth_error)
G_DEFINE_QUARK (sp-audit-error-quark, sp_audit_error)
