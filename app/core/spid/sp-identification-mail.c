/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-mail.c — the e-mail a RAO identification sends the citizen */
#define G_LOG_DOMAIN "sp-identification"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-activation-code.h"
#include "sp-contact.h"
#include "sp-identification-private.h"
#include "sp-outbox.h"
#include "sp-spid-token.h"

/* The e-mail of RAO-TOKEN.md §6, in the citizen's language: who
 * identified them and when, the second half of the code, how to go on at
 * an identity provider, the token attached. */
gboolean
sp_identification_queue_email (SpStore           *store,
                               SpIdentification  *self,
                               const char        *code,
                               const char        *token,
                               gboolean           demo,
                               GError           **error)
{
  const char *lang = sp_identification_get_field (self, SP_ID_LANGUAGE);
  g_autofree char *recipient = sp_contact_normalize_email (sp_identification_get_field (self, SP_ID_EMAIL), NULL);
  g_autofree char *comune = sp_store_get_setting (store, SP_SETTING_COMUNE_NAME);
  g_autofree char *second = sp_activation_code_second_half (code);
  g_autofree char *spelled = NULL;
  g_autofree char *date = sp_identification_format_local (sp_identification_get_completed_at (self), "%d/%m/%Y");
  g_autofree char *time = sp_identification_format_local (sp_identification_get_completed_at (self), "%H:%M");
  g_autofree char *deadline = sp_identification_format_local (sp_identification_get_expires_at (self), "%d/%m/%Y");
  g_autofree char *name = g_strdup_printf ("%s %s", sp_identification_get_field (self, SP_ID_NAME),
                                           sp_identification_get_field (self, SP_ID_SURNAME));
  g_autofree char *file_name = sp_spid_token_file_name (sp_identification_get_uuid (self));
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) attachment = NULL;

  if (*lang == '\0')
    lang = "it";
  spelled = sp_activation_code_spell_symbols (second, lang);

  /* The e-mail is in the citizen's language, whatever the desk's. */
  text = g_string_new (NULL);
  if (demo)
    g_string_append_printf (text, "%s\n\n",
                            sp_catalogue_translate (lang, N_("DEMO: this message comes from training data. "
                                                           "No identity provider accepts its token.")));
  g_string_append_printf (text,
                          sp_catalogue_translate (lang,
                            N_("Dear %s,\n\n"
                               "this message holds what you need to obtain your SPID digital identity.\n\n"
                               "You were identified in person at the public desk of %s on %s at %s. "
                               "You were given a receipt with the first part of your activation code.\n\n"
                               "The second part of your activation code is: %s\n")),
                          name, comune != NULL ? comune : "", date, time, second);
  if (spelled != NULL)
    g_string_append_printf (text, "(%s)\n", spelled);
  g_string_append_printf (text, "\n%s\n\n",
                          sp_catalogue_translate (lang, N_("Upper and lower case letters are different: type "
                                                         "each character exactly as it is written.")));
  g_string_append_printf (text,
                          sp_catalogue_translate (lang,
                            N_("To finish, choose one of the SPID identity providers listed at "
                               "https://www.spid.gov.it and follow its link for identification by a "
                               "“RAO pubblico”. Keep at hand your codice fiscale and the mobile phone "
                               "whose number you gave. Upload the activation package attached to this "
                               "message (the file %s) and type the activation code, joining its two "
                               "parts: first the one on your receipt, then the one above. You can "
                               "choose any identity provider that takes part.\n\n"
                               "Do it by %s: after that day the activation package is no longer "
                               "valid and you must be identified again.\n\n"
                               "If you did not ask for a SPID identity, ignore this message.\n\n"
                               "This message was sent automatically: please do not reply.\n")),
                          file_name, deadline);
  body = g_string_free (g_steal_pointer (&text), FALSE);

  subject = g_strdup_printf ("%s%s", demo ? "[DEMO] " : "",
                             sp_catalogue_translate (lang, N_("SPID - Identification at a public desk")));
  attachment = g_bytes_new (token, strlen (token));
  uuid = sp_outbox_enqueue (store, sp_identification_get_uuid (self), recipient, subject, body, file_name, attachment, error);
  return uuid != NULL;
}
