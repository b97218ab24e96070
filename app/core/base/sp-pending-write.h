/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-pending-write.h — the uuid of a write whose outcome is not known
 *
 * When the connection to the server goes during COMMIT, the desk cannot
 * know whether the server wrote the row. A page keeps the new row's uuid
 * for as long as the clerk retries the same thing (the same input), and
 * the owners' inserts given a uuid already written return that row
 * instead of writing it twice: a write is idempotent by its uuid.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SpPendingWrite SpPendingWrite;

SpPendingWrite *sp_pending_write_new    (void);
void            sp_pending_write_free   (SpPendingWrite *self);
/* The uuid to write input (what the clerk asked for, as text) with: the
 * one kept from an attempt at the same input whose outcome is unknown,
 * else a new one. */
const char     *sp_pending_write_uuid   (SpPendingWrite *self,
                                         const char     *input);
/* After the attempt: error NULL (written) or any error but the server's
 * going away (nothing written) forgets the uuid; an unreachable server
 * keeps it for the retry. */
void            sp_pending_write_settle (SpPendingWrite *self,
                                         const GError   *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPendingWrite, sp_pending_write_free)

G_END_DECLS
