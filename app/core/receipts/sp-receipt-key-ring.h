/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-key-ring.h — receipt keys other than this installation's own
 *
 * A receipt printed on a pop-up desk's laptop is signed with that desk's
 * receipt key: the office keeps it here, sealed under its installation
 * secret, by the short id receipts name it with, so that every office
 * desk verifies the laptop's receipts and says which desk signed them.
 * The only module that writes receipt_keys.
 */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* Inside a transaction: keeps secret as desk_id's receipt key (again: no
 * change). */
gboolean  sp_receipt_key_ring_add       (SpStore   *store,
                                         gint64     desk_id,
                                         GBytes    *secret,
                                         GError   **error);
/* The key named key_id and its desk (*desk_id), or NULL without error
 * when the ring has none. */
GBytes   *sp_receipt_key_ring_lookup    (SpStore     *store,
                                         const char  *key_id,
                                         gint64      *desk_id,
                                         GError     **error);
/* desk_id's key, or NULL without error when it has none. */
GBytes   *sp_receipt_key_ring_for_desk  (SpStore   *store,
                                         gint64     desk_id,
                                         GError   **error);

G_END_DECLS
