/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-mail.h — the e-mail a RAO identification sends the citizen
 *
 * RAO-TOKEN.md §6: who identified the citizen and when, the second half of
 * the activation code, how to go on at an identity provider, and the sealed
 * token attached. Included by sp-identification.h.
 */
#pragma once

#include "sp-identification.h"

G_BEGIN_DECLS

/* Queues the e-mail of a RAO identification completed at its completion
 * time, in the citizen's language; code is the full activation code, token
 * the sealed token, demo TRUE when the demo's seal sealed it. Runs in the
 * caller's transaction. */
gboolean                sp_identification_queue_email      (SpStore          *store,
                                                            SpIdentification *self,
                                                            const char       *code,
                                                            const char       *token,
                                                            gboolean          demo,
                                                            GError          **error);

G_END_DECLS
