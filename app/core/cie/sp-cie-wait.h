/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cie-wait.h — the daily reading of the wait for a CIE slot
 *
 * Supervisors follow how far ahead the first free CIE slot is, day after
 * day. A reading is taken whenever that can change (an appointment booked,
 * cancelled or moved, a calendar or closure edited) and when an operator
 * signs in, so every working day has one; the last reading of a day wins.
 */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* Records the wait as of now (any desk); a day with no free slot within
 * the horizon is recorded with no wait. Does nothing without a CIE service. */
gboolean sp_cie_wait_record         (SpStore  *store,
                                     gint64    now,
                                     GError  **error);

/* The same, telling how many readings it wrote: 1, or 0 when the reading
 * was unchanged or there is no CIE service; -1 with error set. */
gint64   sp_cie_wait_record_changes (SpStore  *store,
                                     gint64    now,
                                     GError  **error);

/* The same, for callers whose own work is done: a failure is only logged,
 * since a missed reading must never undo a booking. */
void     sp_cie_wait_note           (SpStore  *store,
                                     gint64    now);

G_END_DECLS
