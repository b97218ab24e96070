/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-qr.c — QR matrices from libqrencode */
#define G_LOG_DOMAIN "sp-qr"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <qrencode.h>

#include "sp-qr.h"

G_DEFINE_QUARK (sp-qr-error-quark, sp_qr_error)

SpQrMatrix *
sp_qr_matrix_new (const char  *text,
                  GError     **error)
{
  QRcode *code;
  SpQrMatrix *matrix;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Version 0: the smallest that fits. Case-sensitive, with QR_MODE_8 as
   * the hint, libqrencode splits the text into numeric, alphanumeric and
   * 8-bit segments, whichever is shortest. */
  errno = 0;
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      if (errno == ERANGE)
        g_set_error_literal (error, SP_QR_ERROR, SP_QR_ERROR_TOO_LONG,
                             _("The text is too long for a QR code."));
      else
        g_set_error (error, SP_QR_ERROR, SP_QR_ERROR_FAILED,
                     _("The QR code could not be made: %s."), g_strerror (errno));
      return NULL;
    }

  matrix = g_new0 (SpQrMatrix, 1);
  matrix->version = code->version;
  matrix->size = code->width;
  n = (gsize) code->width * (gsize) code->width;
  matrix->modules = g_malloc (n);
  /* libqrencode keeps other flags in the upper bits; bit 0 is the colour. */
  for (gsize i = 0; i < n; i++)
    matrix->modules[i] = code->data[i] & 1;

  QRcode_free (code);
  return matrix;
}

gboolean
sp_qr_matrix_is_dark (const SpQrMatrix *matrix,
                      int               x,
                      int               y)
{
  g_return_val_if_fail (matrix != NULL, FALSE);

  if (x < 0 || y < 0 || x >= matrix->size || y >= matrix->size)
    return FALSE;

  return matrix->modules[(gsize) y * (gsize) matrix->size + (gsize) x] != 0;
}

void
sp_qr_matrix_free (SpQrMatrix *matrix)
{
  if (matrix == NULL)
    return;

  g_free (matrix->modules);
  g_free (matrix);
}
