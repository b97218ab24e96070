/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-activation-code.h — the RAO pubblico's activation code (passphrase)
 *
 * AgID's format (RAO-TOKEN.md §1): 12 characters drawn with a CSPRNG from
 * a 65-character alphabet without look-alikes (no L O i l o 0 1), redrawn
 * until they hold a digit, a lower-case letter, an upper-case letter and
 * a symbol. Case matters: nothing here changes it. Characters 1–6 are
 * printed on the receipt, 7–12 travel in the e-mail; the citizen types
 * both at the identity provider, and the token opens only with both.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_ACTIVATION_CODE_LENGTH   12
#define SP_ACTIVATION_CODE_HALF     6
#define SP_ACTIVATION_CODE_SYMBOLS  "!$?#=*+-.:"
#define SP_ACTIVATION_CODE_ALPHABET "ABCDEFGHIJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789" \
                                    SP_ACTIVATION_CODE_SYMBOLS

#define SP_ACTIVATION_CODE_ERROR (sp_activation_code_error_quark ())

typedef enum
{
  SP_ACTIVATION_CODE_ERROR_LENGTH,     /* not 12 characters (6 for a half) */
  SP_ACTIVATION_CODE_ERROR_CHARACTER,  /* a character outside the alphabet */
  SP_ACTIVATION_CODE_ERROR_CLASSES,    /* lacks a digit, a lower, an upper case or a symbol */
} SpActivationCodeError;

GQuark    sp_activation_code_error_quark  (void);
/* A fresh code. */
char     *sp_activation_code_generate     (void);
/* TRUE when code is 12 characters of the alphabet holding all four
 * classes; else FALSE with an error that says which rule fails. */
gboolean  sp_activation_code_validate     (const char  *code,
                                           GError     **error);
char     *sp_activation_code_first_half   (const char  *code);
char     *sp_activation_code_second_half  (const char  *code);
/* The whole code from what a person typed: white space dropped, nothing
 * else changed (case matters). NULL with an error when it is not a code. */
char     *sp_activation_code_parse        (const char  *input,
                                           GError     **error);
/* A line that spells the symbols of text for a person copying it, in
 * language lang ("it", "en"; NULL: the desk's), each symbol once in text
 * order: "! punto esclamativo · # cancelletto". NULL when text holds no
 * symbol. */
char     *sp_activation_code_spell_symbols (const char *text,
                                            const char *lang);

G_END_DECLS
