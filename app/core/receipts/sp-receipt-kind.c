/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-kind.c — receipt kinds: names, payload letters, titles */
#define G_LOG_DOMAIN "sp-receipt-kind"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-enum.h"
#include "sp-receipt-kind.h"

typedef struct
{
  SpReceiptKind  kind;
  char           letter;
  const char    *title;
} KindInfo;

static const KindInfo kinds[] = {
  { SP_RECEIPT_KIND_SPID_IDENTIFICATION, 'S', N_("SPID identification receipt") },
  { SP_RECEIPT_KIND_CIE_REQUEST, 'C', N_("Electronic identity card (CIE) request receipt") },
  { SP_RECEIPT_KIND_APPOINTMENT, 'A', N_("Appointment confirmation") },
};

static const KindInfo *
find_kind (SpReceiptKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return &kinds[i];

  return NULL;
}

const char *
sp_receipt_kind_to_string (SpReceiptKind kind)
{
  return sp_enum_to_nick (SP_TYPE_RECEIPT_KIND, kind);
}

gboolean
sp_receipt_kind_from_string (const char    *name,
                             SpReceiptKind *out_kind)
{
  int kind;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!sp_enum_from_nick (SP_TYPE_RECEIPT_KIND, name, &kind))
    return FALSE;

  if (out_kind != NULL)
    *out_kind = (SpReceiptKind) kind;
  return TRUE;
}

const char *
sp_receipt_kind_get_title (SpReceiptKind kind)
{
  const KindInfo *info = find_kind (kind);

  return info != NULL ? info->title : NULL;
}

char
sp_receipt_kind_get_letter (SpReceiptKind kind)
{
  const KindInfo *info = find_kind (kind);

  return info != NULL ? info->letter : '\0';
}

gboolean
sp_receipt_kind_from_letter (char           letter,
                             SpReceiptKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].letter == letter)
      {
        *out_kind = kinds[i].kind;
        return TRUE;
      }

  return FALSE;
}
