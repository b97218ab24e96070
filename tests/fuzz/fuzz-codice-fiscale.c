/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-codice-fiscale.c — libFuzzer target: check, compare and compute
 * with arbitrary bytes. */
#include "config.h"

#include <stdint.h>

#include "sp-codice-fiscale.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(SpCfInfo) info = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, 6, 2025);
  g_autoptr(GDate) birth = g_date_new_dmy (10, 12, 1985);
  g_autofree char *computed = NULL;
  const char *half;

  info = sp_codice_fiscale_check (text, NULL, today);
  if (sp_cf_info_is_valid (info))
    {
      g_autoptr(SpCfInfo) base = sp_codice_fiscale_check (info->base_code, NULL, today);
      g_assert (sp_cf_info_is_valid (base));
      g_assert (base->omocodia_level == 0);
    }

  (void) sp_codice_fiscale_compare (text, text, text, 'M', birth, "A562");

  /* Names: the bytes split in two halves. */
  half = text + strlen (text) / 2;
  computed = sp_codice_fiscale_compute (half, text, 'F', birth, "Z404", NULL);
  if (computed != NULL)
    g_assert (sp_codice_fiscale_validate (computed, NULL, NULL));

  return 0;
}
