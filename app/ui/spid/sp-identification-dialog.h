/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-dialog.h — one identification, read-only, with its
 * receipt reprint (Records, and a scanned receipt's QR) */
#pragma once

#include <adwaita.h>

#include "sp-window.h"

G_BEGIN_DECLS

/* Opens the identification with that uuid over the window. Also the
 * scanner's handler for SPID identification receipts. */
gboolean sp_identification_dialog_open (SpWindow   *window,
                                    const char *uuid);

G_END_DECLS
