/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-private.h — what the store's own files share about the engine */
#pragma once

#include <sqlite3.h>

#include "sp-store.h"

G_BEGIN_DECLS

sqlite3      *sp_store_get_handle           (SpStore     *self);
gboolean      sp_store_set_error            (SpStore     *self,
                                             int          rc,
                                             GError     **error);

G_END_DECLS
