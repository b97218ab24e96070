/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-setup.c — create the comune, its first desk and administrator */
#define G_LOG_DOMAIN "sp-setup"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-error.h"
#include "sp-password.h"
#include "sp-setup.h"

gboolean
sp_setup_is_needed (SpStore *store)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  /* An unreadable store (fallback 1) needs no set-up: it cannot take one. */
  return sp_store_query_int (store, 1, NULL, "SELECT EXISTS (SELECT 1 FROM operators)", SP_END) == 0;
}

gboolean
sp_setup_check_ipa (const char  *ipa,
                    GError     **error)
{
  gsize len = ipa != NULL ? strlen (ipa) : 0;

  for (gsize i = 0; i < len; i++)
    {
      /* Marked too long, and no further: the loop reads up to len. */
      if (!g_ascii_isalnum (ipa[i]) && ipa[i] != '_')
        {
          len = G_MAXSIZE;
          break;
        }
    }

  if (len > 11)
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("The IPA code has up to 11 letters and digits (for example c_h501)."));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  const SpSetupData *data;
  const char        *comune;
} SetupRun;

static gboolean
write_setup (SpStore   *store,
             gpointer   user_data,
             GError   **error)
{
  SetupRun *run = user_data;
  const SpSetupData *data = run->data;
  g_autoptr(SpDesk) desk = NULL;
  g_autoptr(SpOperator) admin = NULL;
  g_autoptr(GBytes) secret = NULL;
  SpActor actor = SP_ACTOR_SYSTEM;

  if (!sp_store_set_setting (store, SP_SETTING_COMUNE_NAME, run->comune, error))
    return FALSE;
  if (data->comune_ipa != NULL && *data->comune_ipa != '\0' &&
      !sp_store_set_setting (store, SP_SETTING_COMUNE_IPA, data->comune_ipa, error))
    return FALSE;

  desk = sp_desk_add (store, actor, data->desk_name, data->desk_kind, error);
  if (desk == NULL)
    return FALSE;

  actor.desk_id = sp_desk_get_id (desk);
  admin = sp_operator_add (store, actor, data->admin_username, data->admin_display_name,
                           data->admin_codice_fiscale, SP_ROLE_ADMIN,
                           data->admin_password, error);
  if (admin == NULL)
    return FALSE;

  secret = sp_store_get_installation_secret (store, error);
  if (secret == NULL)
    return FALSE;

  actor.operator_id = sp_operator_get_id (admin);
  return sp_audit_append (store, actor, SP_AUDIT_SETUP, NULL, NULL, error);
}

gboolean
sp_setup_run (SpStore            *store,
              const SpSetupData  *data,
              GError            **error)
{
  g_autofree char *comune = NULL;
  SetupRun run;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!sp_setup_is_needed (store))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("This database is already set up."));
      return FALSE;
    }

  comune = g_strstrip (g_strdup (data->comune_name != NULL ? data->comune_name : ""));
  if (*comune == '\0')
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_INVALID,
                           _("The name of the comune is missing."));
      return FALSE;
    }

  if (!sp_setup_check_ipa (data->comune_ipa, error))
    return FALSE;

  /* Check the password before the transaction, for a clear first error. */
  if (!sp_password_check_strength (data->admin_password != NULL ? data->admin_password : "",
                                   data->admin_username, error))
    return FALSE;

  run = (SetupRun) { data, comune };
  return sp_store_transaction (store, write_setup, &run, error);
}
