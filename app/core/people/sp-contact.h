/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-contact.h — email addresses and phone numbers taken at the counter
 *
 * What matters at a counter: an email with one @ and a domain with a dot,
 * no spaces; a phone number normalised to E.164 (+393331234567), Italian
 * numbers with or without +39 / 0039, foreign ones with their prefix. Each
 * is typed twice by the clerk; the confirm helpers catch typos.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_CONTACT_ERROR (sp_contact_error_quark ())

typedef enum
{
  SP_CONTACT_ERROR_EMAIL_EMPTY,
  SP_CONTACT_ERROR_EMAIL_INVALID,
  SP_CONTACT_ERROR_EMAIL_MISMATCH,
  SP_CONTACT_ERROR_PHONE_EMPTY,
  SP_CONTACT_ERROR_PHONE_INVALID,
  SP_CONTACT_ERROR_PHONE_MISMATCH,
} SpContactError;

#define SP_CONTACT_DEFAULT_COUNTRY "39"

GQuark    sp_contact_error_quark      (void);

char     *sp_contact_normalize_email  (const char  *email,
                                       GError     **error);
char     *sp_contact_confirm_email    (const char  *email,
                                       const char  *again,
                                       GError     **error);
char     *sp_contact_normalize_phone  (const char  *phone,
                                       const char  *default_country,
                                       GError     **error);
char     *sp_contact_confirm_phone    (const char  *phone,
                                       const char  *again,
                                       const char  *default_country,
                                       GError     **error);
gboolean  sp_contact_phone_is_mobile  (const char  *e164);

G_END_DECLS
