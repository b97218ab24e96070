/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-draft-spool.h — a draft kept on this desk while the server is away
 *
 * When a draft cannot be written to the database (the office's server
 * went away), its form is kept in a file of this desk's own until the
 * database has it again, so that a crash or a killed program meanwhile
 * loses nothing: resuming the draft takes the newer form from the file.
 * The file is sealed under the installation secret (libsodium's
 * secretbox, as the database's own secrets): the citizen's data never
 * lies in clear on the desk's disk.
 */
#pragma once

#include "sp-identification.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* Writes (replacing) the draft's form to its file, readable by this user
 * alone. */
gboolean sp_draft_spool_keep    (SpStore           *store,
                                 SpIdentification  *draft,
                                 GError           **error);
/* Puts back the form kept for this draft, if any (*restored), leaving the
 * draft dirty for the next save; the file stays until sp_draft_spool_forget. */
gboolean sp_draft_spool_restore (SpStore           *store,
                                 SpIdentification  *draft,
                                 gboolean          *restored,
                                 GError           **error);
/* The database has the draft: its file goes. */
void     sp_draft_spool_forget  (SpIdentification  *draft);

G_END_DECLS
