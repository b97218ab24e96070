/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-receipt.c — the receipt of a completed identification */
#define G_LOG_DOMAIN "sp-identification"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-identification-private.h"

static gboolean
sealed_by_demo (SpStore          *store,
                SpIdentification *self)
{
  return sp_store_query_int (store, 0, NULL,
                             "SELECT s.kind = 'demo' FROM identifications i "
                             "JOIN seals s ON s.id = i.seal_id WHERE i.uuid = ?1",
                             SP_TEXT (sp_identification_get_uuid (self)), SP_END) != 0;

}

SpReceipt *
sp_identification_issue_receipt (SpStore           *store,
                                 SpIdentification  *self,
                                 SpActor            actor,
                                 const char        *desk_name,
                                 const char        *operator_name,
                                 GError           **error)
{
  g_autoptr(SpReceipt) receipt = NULL;
  g_autofree char *name = NULL;
  const char *lang;

  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), NULL);

  if (sp_identification_get_state (self) != SP_IDENTIFICATION_COMPLETED)
    {
      g_set_error_literal (error, SP_IDENTIFICATION_ERROR, SP_IDENTIFICATION_ERROR_STATE,
                           _("Only a completed identification has a receipt."));
      return NULL;
    }

  lang = sp_identification_get_field (self, SP_ID_LANGUAGE);
  name = sp_identification_dup_display_name (self);
  receipt = sp_receipt_new (SP_RECEIPT_KIND_SPID_IDENTIFICATION, sp_identification_get_uuid (self));
  sp_receipt_set_language (receipt, *lang != '\0' ? lang : "it");
  sp_receipt_set_desk (receipt, actor.desk_id, desk_name);
  sp_receipt_set_operator (receipt, actor.operator_id, operator_name);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Citizen"), name);

  if (sp_identification_get_channel (self) == SP_IDENTIFICATION_CHANNEL_RAO)
    {
      g_autofree char *deadline = sp_identification_format_local (sp_identification_get_expires_at (self), "%Y-%m-%d");
      const char *provider = sp_identification_get_field (self, SP_ID_INTENDED_PROVIDER);

      /* Training data say so on paper too. */
      if (sealed_by_demo (store, self))
        sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("DEMO"),
                              N_("Training data, sealed with the demo’s own seal: no identity "
                                 "provider accepts this identification."));
      /* Printed large in a face where no two characters of the code's
       * alphabet look alike, its symbols spelled under it. */
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, N_("First half of the activation code"),
                            sp_identification_get_code_first_half (self));
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, N_("Complete the activation by"), deadline);
      if (*provider != '\0')
        sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Identity provider"), provider);
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Next steps"),
                            N_("The second part of the activation code was sent to your email, "
                               "with the activation package. Choose an identity provider at "
                               "www.spid.gov.it, follow its link for identification by a “RAO "
                               "pubblico”, upload the package and type the whole code: first the "
                               "part above, then the one in the email."));
    }
  else
    {
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, N_("Identity provider"),
                            sp_identification_get_field (self, SP_ID_PROVIDER));
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, N_("Provider request code"),
                            sp_identification_get_field (self, SP_ID_PROVIDER_REQUEST_CODE));
      sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, N_("Next steps"),
                            N_("Your identity was verified at this desk. The identity provider "
                               "will activate your SPID identity and write to you by email: "
                               "follow its instructions to choose your password."));
    }

  if (!sp_receipt_issue (store, receipt, actor, error))
    return NULL;

  return g_steal_pointer (&receipt);
}
