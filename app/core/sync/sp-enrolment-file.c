/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-enrolment-file.c — the envelope a pop-up desk's enrolment travels in */
#define G_LOG_DOMAIN "sp-enrolment-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sp-enrolment-file.h"

#define MAGIC "SPORTELLO-ENROLMENT 1\n"
/* No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud or copied by hand. */
#define ALPHABET "ACDEFGHJKMNPQRTUVWXY34679"
#define PASSPHRASE_CHARS 24

G_DEFINE_QUARK (sp-enrolment-error-quark, sp_enrolment_error)

char *
sp_enrolment_new_passphrase (void)
{
  GString *text = g_string_new (NULL);

  if (sodium_init () < 0)
    g_error ("libsodium cannot start");
  for (guint i = 0; i < PASSPHRASE_CHARS; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (text, '-');
      g_string_append_c (text, ALPHABET[randombytes_uniform (sizeof ALPHABET - 1)]);
    }
  return g_string_free (text, FALSE);
}

/* What the key comes from: the passphrase's letters and digits, upper case. */
static char *
canonical (const char *passphrase)
{
  GString *text = g_string_new (NULL);

  for (const char *p = passphrase; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (text, g_ascii_toupper (*p));
  return g_string_free (text, FALSE);
}

static gboolean
derive_key (const char    *passphrase,
            const guint8  *salt,
            guint8         key[crypto_secretbox_KEYBYTES],
            GError       **error)
{
  g_autofree char *text = canonical (passphrase);

  if (sodium_init () < 0 ||
      crypto_pwhash (key, crypto_secretbox_KEYBYTES, text, strlen (text), salt,
                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_FAILED,
                           _("There is not enough memory to open the enrolment file."));
      return FALSE;
    }
  return TRUE;
}

GBytes *
sp_enrolment_file_seal (const char  *contents,
                        const char  *passphrase,
                        GError     **error)
{
  gsize magic = strlen (MAGIC), len = strlen (contents);
  gsize total = magic + crypto_pwhash_SALTBYTES + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
  guint8 *file = g_malloc (total);
  guint8 *salt = file + magic, *nonce = salt + crypto_pwhash_SALTBYTES, *box = nonce + crypto_secretbox_NONCEBYTES;
  guint8 key[crypto_secretbox_KEYBYTES];

  g_return_val_if_fail (contents != NULL && passphrase != NULL, NULL);

  memcpy (file, MAGIC, magic);
  randombytes_buf (salt, crypto_pwhash_SALTBYTES);
  randombytes_buf (nonce, crypto_secretbox_NONCEBYTES);
  if (!derive_key (passphrase, salt, key, error))
    {
      g_free (file);
      return NULL;
    }
  crypto_secretbox_easy (box, (const guint8 *) contents, len, nonce, key);
  sodium_memzero (key, sizeof key);
  return g_bytes_new_take (file, total);
}

char *
sp_enrolment_file_open (GBytes      *file,
                        const char  *passphrase,
                        GError     **error)
{
  gsize magic = strlen (MAGIC), size = 0, len;
  const guint8 *data = g_bytes_get_data (file, &size);
  const guint8 *salt, *nonce, *box;
  guint8 key[crypto_secretbox_KEYBYTES];
  char *contents;
  int opened;

  g_return_val_if_fail (file != NULL && passphrase != NULL, NULL);

  if (size < magic + crypto_pwhash_SALTBYTES + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES ||
      memcmp (data, MAGIC, magic) != 0)
    {
      g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_NOT_ENROLMENT,
                           _("This is not a pop-up desk’s enrolment file."));
      return NULL;
    }
  salt = data + magic;
  nonce = salt + crypto_pwhash_SALTBYTES;
  box = nonce + crypto_secretbox_NONCEBYTES;
  len = size - (gsize) (box - data);
  if (!derive_key (passphrase, salt, key, error))
    return NULL;
  contents = g_malloc (len - crypto_secretbox_MACBYTES + 1);
  opened = crypto_secretbox_open_easy ((guint8 *) contents, box, len, nonce, key);
  sodium_memzero (key, sizeof key);
  if (opened != 0)
    {
      g_free (contents);
      g_set_error_literal (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_PASSPHRASE,
                           _("The enrolment file does not open with this passphrase: check it (the "
                             "administrator’s screen showed it when the file was made), or the file was "
                             "damaged on the way."));
      return NULL;
    }
  contents[len - crypto_secretbox_MACBYTES] = '\0';
  return contents;
}
