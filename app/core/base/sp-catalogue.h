/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-catalogue.h — the program's translations, read in any language
 *
 * A receipt or an e-mail is written in the citizen's language while the
 * desk runs in the clerk's. These functions read the installed catalogues
 * (<localedir>/<lang>/LC_MESSAGES/sportello.mo) directly, so the text of
 * one language can be had whatever the process's own language is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Languages a receipt or an e-mail can be written in: the program's
 * translations. */
const char * const *sp_catalogue_get_languages     (void);
/* The language's own name ("Italiano", "English"). */
const char         *sp_catalogue_language_get_name (const char *language);
/* Translates an English msgid into language, whatever the desk's language:
 * neither depends on LANGUAGE or the locales generated on the machine nor
 * changes any process-wide state. A missing catalogue or string gives the
 * msgid back. */
const char         *sp_catalogue_translate         (const char *language,
                                                    const char *msgid) G_GNUC_FORMAT (2);
/* Same with a context (msgctxt), as C_() marks it. */
const char         *sp_catalogue_translate_context (const char *language,
                                                    const char *context,
                                                    const char *msgid) G_GNUC_FORMAT (3);

G_END_DECLS
