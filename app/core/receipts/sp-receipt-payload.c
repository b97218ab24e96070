/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-receipt-payload.c — the receipt's QR payload: its syntax and encodings
 *
 * The payload, version 1, is 63 characters:
 *
 *   SP1-S-20260123-K7QD-<record uuid, 26>-<signature, 16>
 *
 *   SP1       tag and format version
 *   S         kind: S SPID identification, C CIE request, A appointment
 *   20260123  the local date the receipt was issued
 *   K7QD      key id: 20 bits of HMAC(secret, fixed text), which tells a
 *             receipt from another installation from a tampered one
 *   record    the record's 16-byte uuid in base32
 *   signature HMAC-SHA256(secret, domain ‖ everything before it),
 *             truncated to 80 bits, in base32
 *
 * Why this alphabet: upper-case base32 (RFC 4648: A–Z, 2–7), digits and '-'
 * are all in the QR code's alphanumeric mode (5.5 bits a character instead
 * of 8), so the whole payload fits a version 4 symbol at level M (33×33
 * modules) where base64url would need version 5. Letters and digits are
 * on the same keys in the Italian and US keyboard layouts, which matters
 * because a barcode scanner "types" what it reads; '-' is not, so the
 * parser also accepts what a scanner set to the other layout types for it
 * (' or /). Base32 has no 0, 1 or 8, so a clerk who types the short code
 * with O, I or B mistyped as digits is still understood.
 */
#define G_LOG_DOMAIN "sp-receipt-payload"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-receipt-payload-private.h"

#define PAYLOAD_TAG        "SP"
#define PAYLOAD_VERSION    1
#define PAYLOAD_LENGTH     63
#define DATE_CHARS         8
#define KEY_ID_CHARS       SP_RECEIPT_KEY_ID_CHARS
#define UUID_BYTES         16
#define UUID_CHARS         26   /* ceil (128 / 5) */
#define MAC_BYTES          SP_RECEIPT_MAC_BYTES
#define MAC_CHARS          16   /* 80 / 5 */
#define SHORT_CODE_CHARS   10   /* 50 bits of the signature, as XXXXX-XXXXX */

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* Encodings */

char *
sp_receipt_base32_encode (const guint8 *data,
                          gsize         length)
{
  GString *out = g_string_sized_new ((length * 8 + 4) / 5 + 1);
  guint32 buffer = 0;
  guint bits = 0;

  for (gsize i = 0; i < length; i++)
    {
      buffer = (buffer << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (out, base32_alphabet[(buffer >> (bits - 5)) & 0x1f]);
          bits -= 5;
        }
    }

  if (bits > 0)
    g_string_append_c (out, base32_alphabet[(buffer << (5 - bits)) & 0x1f]);

  return g_string_free (out, FALSE);
}

static int
base32_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= '2' && c <= '7')
    return c - '2' + 26;
  return -1;
}

static gboolean
is_base32 (const char *text,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (base32_value (text[i]) < 0)
      return FALSE;

  return TRUE;
}

/* Decodes exactly out_length bytes; the unused low bits of the last
 * character must be zero, so that each value has one spelling only. */
static gboolean
base32_decode (const char *text,
               gsize       length,
               guint8     *out,
               gsize       out_length)
{
  guint32 buffer = 0;
  guint bits = 0;
  gsize n = 0;

  if (length != (out_length * 8 + 4) / 5)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      int value = base32_value (text[i]);

      if (value < 0)
        return FALSE;

      buffer = (buffer << 5) | (guint32) value;
      bits += 5;
      if (bits >= 8)
        {
          out[n++] = (buffer >> (bits - 8)) & 0xff;
          bits -= 8;
        }
    }

  return n == out_length && (buffer & ((1u << bits) - 1)) == 0;
}

static gboolean
uuid_to_bytes (const char *uuid,
               guint8      out[UUID_BYTES])
{
  gsize n = 0;

  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    return FALSE;

  for (const char *p = uuid; *p != '\0' && n < UUID_BYTES; p++)
    {
      if (*p == '-')
        continue;
      out[n++] = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
      p++;
    }

  return n == UUID_BYTES;
}

static char *
uuid_from_bytes (const guint8 bytes[UUID_BYTES])
{
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5],
                          bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

static gboolean
is_valid_date (const char *text)
{
  guint year, month, day;

  if (strlen (text) != DATE_CHARS)
    return FALSE;
  for (guint i = 0; i < DATE_CHARS; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10) / 10000;
  month = ((guint) g_ascii_strtoull (text + 4, NULL, 10) / 100);
  day = (guint) g_ascii_strtoull (text + 6, NULL, 10);

  return year >= 2000 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

void
sp_receipt_payload_free (SpReceiptPayload *payload)
{
  if (payload == NULL)
    return;

  g_free (payload->record_uuid);
  g_free (payload->date);
  g_free (payload->key_id);
  g_free (payload);
}

gboolean
sp_receipt_payload_is_candidate (const char *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return FALSE;

  clean = g_ascii_strup (text, -1);
  g_strstrip (clean);
  return g_str_has_prefix (clean, PAYLOAD_TAG) && g_ascii_isdigit (clean[2]);
}

static gboolean
set_truncated (GError **error)
{
  g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_TRUNCATED,
                       _("The receipt code is incomplete: scan it again, or type the whole code."));
  return FALSE;
}

static gboolean
set_malformed (GError **error)
{
  g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_MALFORMED,
                       _("This is not a Sportello receipt code."));
  return FALSE;
}

/* Checks that field i of the payload has the expected length and
 * characters. A field that is the last one present and shorter than
 * expected means the code was cut short. */
static gboolean
check_field (char      **parts,
             guint       n_parts,
             guint       i,
             gsize       expected,
             gboolean  (*valid) (const char *, gsize),
             GError    **error)
{
  gsize length;

  if (i >= n_parts)
    return set_truncated (error);

  length = strlen (parts[i]);
  if (valid != NULL && !valid (parts[i], MIN (length, expected)))
    return set_malformed (error);
  if (length < expected && i == n_parts - 1)
    return set_truncated (error);
  if (length != expected)
    return set_malformed (error);

  return TRUE;
}

static gboolean
is_digits (const char *text,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

static gboolean
is_kind_letter (const char *text,
                gsize       length)
{
  return length == 0 || g_ascii_isupper (text[0]);
}

SpReceiptPayload *
sp_receipt_payload_decode (const char  *text,
                           char       **out_body,
                           guint8       out_mac[MAC_BYTES],
                           GError     **error)
{
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autofree char *clean = NULL;
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  SpReceiptKind kind;
  guint8 uuid[UUID_BYTES];
  guint64 version;

  if (text == NULL || strlen (text) > 4 * PAYLOAD_LENGTH)
    {
      set_malformed (error);
      return NULL;
    }

  clean = g_ascii_strup (text, -1);
  g_strstrip (clean);
  g_strdelimit (clean, "'/", '-');

  if (!g_str_has_prefix (clean, PAYLOAD_TAG))
    {
      set_malformed (error);
      return NULL;
    }

  parts = g_strsplit (clean, "-", -1);
  n_parts = g_strv_length (parts);

  /* The tag and version. */
  if (!is_digits (parts[0] + 2, strlen (parts[0] + 2)))
    {
      set_malformed (error);
      return NULL;
    }
  if (parts[0][2] == '\0')
    {
      if (n_parts == 1)
        set_truncated (error);
      else
        set_malformed (error);
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (parts[0] + 2, 10, 0, 999, &version, NULL))
    {
      set_malformed (error);
      return NULL;
    }
  if (version != PAYLOAD_VERSION)
    {
      g_set_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_VERSION,
                   _("This receipt was made by a newer version of Sportello (code version %u): update this desk to read it."),
                   (guint) version);
      return NULL;
    }

  if (n_parts > 6)
    {
      set_malformed (error);
      return NULL;
    }

  if (!check_field (parts, n_parts, 1, 1, is_kind_letter, error) ||
      !check_field (parts, n_parts, 2, DATE_CHARS, is_digits, error) ||
      !check_field (parts, n_parts, 3, KEY_ID_CHARS, is_base32, error) ||
      !check_field (parts, n_parts, 4, UUID_CHARS, is_base32, error) ||
      !check_field (parts, n_parts, 5, MAC_CHARS, is_base32, error))
    return NULL;

  if (!sp_receipt_kind_from_letter (parts[1][0], &kind))
    {
      g_set_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_UNKNOWN_KIND,
                   _("This receipt is of a kind this version of Sportello does not know (“%s”)."),
                   parts[1]);
      return NULL;
    }

  if (!is_valid_date (parts[2]) ||
      !base32_decode (parts[4], UUID_CHARS, uuid, UUID_BYTES) ||
      !base32_decode (parts[5], MAC_CHARS, out_mac, MAC_BYTES))
    {
      set_malformed (error);
      return NULL;
    }

  payload = g_new0 (SpReceiptPayload, 1);
  payload->version = (int) version;
  payload->kind = kind;
  payload->record_uuid = uuid_from_bytes (uuid);
  payload->date = g_strdup (parts[2]);
  payload->key_id = g_strdup (parts[3]);

  if (out_body != NULL)
    *out_body = g_strndup (clean, strlen (clean) - MAC_CHARS - 1);

  return g_steal_pointer (&payload);
}

SpReceiptPayload *
sp_receipt_payload_parse (const char  *text,
                          GError     **error)
{
  guint8 mac[MAC_BYTES];

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sp_receipt_payload_decode (text, NULL, mac, error);
}

char *
sp_receipt_payload_short_code (const char *payload)
{
  const char *mac;

  g_return_val_if_fail (payload != NULL, NULL);

  if (strlen (payload) < MAC_CHARS)
    return NULL;

  mac = payload + strlen (payload) - MAC_CHARS;
  return g_strdup_printf ("%.5s-%.5s", mac, mac + 5);
}

/* Normalises a typed short code: upper case, no blanks or dashes, and the
 * digits that look like base32 letters read as those letters. */
char *
sp_receipt_short_code_normalize (const char  *text,
                                 GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '0')
        c = 'O';
      else if (c == '1')
        c = 'I';
      else if (c == '8')
        c = 'B';

      if (base32_value (c) >= 0)
        g_string_append_c (out, c);
      else if (c != '-' && !g_ascii_isspace (c))
        return (set_malformed (error), NULL);
    }

  if (out->len != SHORT_CODE_CHARS)
    return (set_malformed (error), NULL);

  g_string_insert_c (out, 5, '-');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sp_receipt_payload_encode_body (SpReceiptKind  kind,
                                const char    *record_uuid,
                                const char    *date,
                                const char    *key_id,
                                GError       **error)
{
  char letter = sp_receipt_kind_get_letter (kind);
  guint8 uuid[UUID_BYTES];
  g_autofree char *uuid_text = NULL;

  if (letter == '\0')
    {
      g_set_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_UNKNOWN_KIND,
                   _("Unknown kind of receipt (%d)."), (int) kind);
      return NULL;
    }

  if (!uuid_to_bytes (record_uuid, uuid))
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID,
                           _("The record has no valid identifier, so no receipt can be made for it."));
      return NULL;
    }

  if (date == NULL || !is_valid_date (date))
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID,
                           _("The receipt's date is not valid."));
      return NULL;
    }

  uuid_text = sp_receipt_base32_encode (uuid, UUID_BYTES);
  return g_strdup_printf (PAYLOAD_TAG "%d-%c-%s-%s-%s",
                          PAYLOAD_VERSION, letter, date, key_id, uuid_text);
}
