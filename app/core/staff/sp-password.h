/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-password.h — operator passwords: strength rule and Argon2id hashes */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_PASSWORD_MIN_LENGTH 10

/* The rule: at least 10 characters with three of lower case, upper case,
 * digits and symbols — or a passphrase of 16 characters or more — and not
 * containing the username. */
gboolean  sp_password_check_strength (const char  *password,
                                      const char  *username,
                                      GError     **error);
/* libsodium crypto_pwhash_str (Argon2id); NULL only if out of memory. */
char     *sp_password_hash           (const char  *password,
                                      GError     **error);
gboolean  sp_password_verify         (const char  *hash,
                                      const char  *password);

G_END_DECLS
