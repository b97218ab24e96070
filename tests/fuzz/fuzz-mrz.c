/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-mrz.c — libFuzzer target: parse arbitrary MRZ text. */
#include "config.h"

#include <stdint.h>

#include "sp-mrz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GDate) today = g_date_new_dmy (1, 6, 2025);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = sp_mrz_parse (text, today, &error);

  g_assert ((mrz == NULL) == (error != NULL));
  if (mrz != NULL)
    {
      g_autoptr(SpMrz) copy = sp_mrz_copy (mrz);
      g_assert (copy->document_number != NULL);
      g_assert (copy->surname != NULL && copy->given_names != NULL);
    }

  return 0;
}
