/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-qr.h — a QR code as a plain matrix of modules, from libqrencode
 *
 * Core builds the matrix; render draws it (as vector squares, with the
 * quiet zone the caller adds around it).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_QR_ERROR (sp_qr_error_quark ())

typedef enum
{
  SP_QR_ERROR_TOO_LONG,   /* the text does not fit any QR version */
  SP_QR_ERROR_FAILED,     /* libqrencode failed for another reason */
} SpQrError;

GQuark sp_qr_error_quark (void);

/* The modules of a symbol, without quiet zone: size × size, row-major,
 * 1 for dark. The recommended quiet zone is SP_QR_QUIET_ZONE modules. */
#define SP_QR_QUIET_ZONE 4

typedef struct
{
  int     version;
  int     size;
  guint8 *modules;
} SpQrMatrix;

/* Encodes text at error-correction level M, choosing the smallest version
 * and, segment by segment, the densest mode (numeric, alphanumeric, byte). */
SpQrMatrix *sp_qr_matrix_new    (const char        *text,
                                 GError           **error);
gboolean    sp_qr_matrix_is_dark (const SpQrMatrix *matrix,
                                  int               x,
                                  int               y);
void        sp_qr_matrix_free   (SpQrMatrix        *matrix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpQrMatrix, sp_qr_matrix_free)

G_END_DECLS
