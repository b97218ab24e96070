/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-search.h — finding identifications
 *
 * Records and the command line look identifications up by codice fiscale
 * or name, state and day. Included by sp-identification.h.
 */
#pragma once

#include "sp-identification.h"

G_BEGIN_DECLS

/* Identifications matching a text (codice fiscale or name, may be NULL),
 * a state (-1 for any) and a local date "YYYY-MM-DD" (NULL for any),
 * newest first: a GListModel of SpIdentification. */
GListModel             *sp_identification_search           (SpStore          *store,
                                                            const char       *text,
                                                            int               state,
                                                            const char       *date,
                                                            guint             limit,
                                                            GError          **error);

G_END_DECLS
