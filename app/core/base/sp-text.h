/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text.h — folding of names for codes and searches
 *
 * Names typed at the counter carry accents, apostrophes (' and ’),
 * ligatures and letters of other alphabets' Latin forms. The codice fiscale
 * and the place search both need them folded to plain upper-case ASCII:
 * È→E, Ñ→N, ß→SS, Æ→AE, Đ→D, Þ→TH.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sp_text_fold_upper (const char *text);
char *sp_text_fold_key   (const char *text);

G_END_DECLS
