/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-tally.h — one click on a counter service: the tally row that counts it
 *
 * The tallies table is this module's: one row a click, with the desk, the
 * operator and the time, read by the reports. A click is not audited: the
 * row is the record.
 */
#pragma once

#include "sp-store-rows.h"
#include "sp-audit.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* Counts one of an active counter service (by code, any case) for the
 * actor's desk and operator; SP_COUNTER_SERVICE_ERROR_NOT_FOUND or
 * _INACTIVE when it cannot be counted. uuid: the tally's (NULL: a new
 * one); a uuid already counted is not counted again (sp-pending-write.h). */
gboolean sp_tally_add (SpStore     *store,
                       SpActor      actor,
                       const char  *uuid,
                       const char  *code,
                       GError     **error);

/* How tallies, their service by its code travel from a pop-up desk to the office (sp-store-rows.h). */
const SpRowsTable *sp_tally_travelling_rows (void);

G_END_DECLS
