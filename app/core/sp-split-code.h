/* sp-split-code.h — the RAO pubblico's 12-character split code
 *
 * Drawn with libsodium's randombytes_uniform() from an alphabet without
 * look-alike characters (no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V): the first
 * half is printed on the citizen's receipt, the second half travels by
 * email. Only someone holding both halves has the whole code.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_SPLIT_CODE_LENGTH   12
#define SP_SPLIT_CODE_HALF     6
#define SP_SPLIT_CODE_ALPHABET "ACDEFGHJKMNPRTWXY34679"

#define SP_SPLIT_CODE_ERROR (sp_split_code_error_quark ())

typedef enum
{
  SP_SPLIT_CODE_ERROR_LENGTH,     /* not 12 characters */
  SP_SPLIT_CODE_ERROR_CHARACTER,  /* a character outside the alphabet */
} SpSplitCodeError;

GQuark    sp_split_code_error_quark   (void);
/* A fresh code, SP_SPLIT_CODE_LENGTH characters of the alphabet. */
char     *sp_split_code_generate      (void);
char     *sp_split_code_first_half    (const char  *code);
char     *sp_split_code_second_half   (const char  *code);
/* Accepts what a citizen types: lower case, spaces and dashes between the
 * halves. Returns the 12 characters, or NULL with an error. */
char     *sp_split_code_normalize     (const char  *input,
                                       GError     **error);

G_END_DECLS
