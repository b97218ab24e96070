/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-health-card.h — the tessera sanitaria
 *
 * 20 digits beginning 80380 (80 health, 380 Italy) with a Luhn check
 * digit, the rule of the RAO pubblico reference implementation, and an
 * expiry date. Errors are in SP_DOCUMENT_ERROR.
 */
#pragma once

#include <glib.h>

#include "sp-document.h"

G_BEGIN_DECLS

#define SP_HEALTH_CARD_LENGTH 20
#define SP_HEALTH_CARD_PREFIX "80380"

char      sp_health_card_luhn_digit      (const char  *digits);
char     *sp_health_card_normalize       (const char  *number);
gboolean  sp_health_card_validate_number (const char  *number,
                                          GError     **error);
gboolean  sp_health_card_validate        (const char  *number,
                                          const GDate *expires,
                                          const GDate *today,
                                          GError     **error);

G_END_DECLS
