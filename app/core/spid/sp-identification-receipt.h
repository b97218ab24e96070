/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-receipt.h — the receipt of a completed identification
 *
 * What the citizen takes home (RAO-TOKEN.md §6): for RAO pubblico the first
 * half of the code and the deadline, for a partner counter the provider's
 * request code. Included by sp-identification.h.
 */
#pragma once

#include "sp-identification.h"

G_BEGIN_DECLS

/* Builds and issues the receipt of a completed identification. */
SpReceipt              *sp_identification_issue_receipt    (SpStore          *store,
                                                            SpIdentification *self,
                                                            SpActor           actor,
                                                            const char       *desk_name,
                                                            const char       *operator_name,
                                                            GError          **error);

G_END_DECLS
