/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-enrolment.c — a pop-up desk's enrolment file: sealed under its
 * one-time passphrase, opened with it as typed, refused altered, cut short
 * or with another passphrase */
#include "config.h"

#include <string.h>

#include "sp-enrolment-file.h"

static void
test_passphrase (void)
{
  g_autofree char *a = sp_enrolment_new_passphrase ();
  g_autofree char *b = sp_enrolment_new_passphrase ();

  /* Six groups of four, none of the characters one misreads. */
  g_assert_cmpuint (strlen (a), ==, 29);
  for (guint i = 0; a[i] != '\0'; i++)
    {
      if (i % 5 == 4)
        g_assert_cmpint (a[i], ==, '-');
      else
        g_assert_nonnull (strchr ("ACDEFGHJKMNPQRTUVWXY34679", a[i]));
    }
  g_assert_cmpstr (a, !=, b);
}

static void
test_seal_and_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = sp_enrolment_new_passphrase ();
  g_autofree char *typed = g_ascii_strdown (passphrase, -1);
  g_autofree char *opened = NULL;
  g_autoptr(GBytes) file = sp_enrolment_file_seal ("{\"operators\":[]}", passphrase, &error);
  gsize size;
  const char *data = g_bytes_get_data (file, &size);

  g_assert_no_error (error);
  g_assert_null (g_strstr_len (data, size, "operators"));

  /* Typed in lower case, the dashes as spaces: the same key. */
  g_strdelimit (typed, "-", ' ');
  opened = sp_enrolment_file_open (file, typed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, "{\"operators\":[]}");
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = sp_enrolment_new_passphrase ();
  g_autofree char *other = sp_enrolment_new_passphrase ();
  g_autoptr(GBytes) file = sp_enrolment_file_seal ("{}", passphrase, &error);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (file, 0, g_bytes_get_size (file) - 1);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("PK\3\4 a zip file", 15);
  gsize size = g_bytes_get_size (file);
  guint8 *flipped = g_memdup2 (g_bytes_get_data (file, NULL), size);
  g_autoptr(GBytes) altered = NULL;

  flipped[size - 3] ^= 0x20;
  altered = g_bytes_new_take (flipped, size);

  g_assert_null (sp_enrolment_file_open (file, other, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (sp_enrolment_file_open (altered, passphrase, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (sp_enrolment_file_open (cut, passphrase, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (sp_enrolment_file_open (garbage, passphrase, &error));
  g_assert_error (error, SP_ENROLMENT_ERROR, SP_ENROLMENT_ERROR_NOT_ENROLMENT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enrolment/passphrase", test_passphrase);
  g_test_add_func ("/enrolment/seal-and-open", test_seal_and_open);
  g_test_add_func ("/enrolment/refused", test_refused);

  return g_test_run ();
}
