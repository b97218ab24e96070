/* sp-receipt.c — receipts, their signed QR payload, and their copies
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
#define G_LOG_DOMAIN "sp-receipt"

#include "config.h"

#include "sp-setting-keys.h"

#include <string.h>
#include <libintl.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "sp-error.h"
#include "sp-receipt.h"

#define PAYLOAD_TAG        "SP"
#define PAYLOAD_VERSION    1
#define PAYLOAD_LENGTH     63
#define DATE_CHARS         8
#define KEY_ID_CHARS       4
#define UUID_BYTES         16
#define UUID_CHARS         26   /* ceil (128 / 5) */
#define MAC_BYTES          10   /* 80 bits: more than the 64 the issue asks */
#define MAC_CHARS          16   /* 80 / 5 */
#define SHORT_CODE_CHARS   10   /* 50 bits of the signature, as XXXXX-XXXXX */

#define MAC_DOMAIN         "sportello-receipt-v1\n"
#define KEY_ID_DOMAIN      "sportello-receipt-key-id"

#define AUDIT_RECEIPT_ISSUE   "receipt-issue"
#define AUDIT_RECEIPT_REPRINT "receipt-reprint"

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

G_DEFINE_QUARK (sp-receipt-error-quark, sp_receipt_error)

struct _SpReceipt
{
  GObject        parent_instance;

  gint64         id;
  char          *uuid;
  SpReceiptKind  kind;
  char          *record_uuid;
  gint64         issued_at;
  char          *issued_date;
  char          *language;
  gint64         desk_id;
  char          *desk_name;
  gint64         operator_id;
  char          *operator_name;
  GArray        *fields;         /* of SpReceiptField */
  char          *payload;
  char          *short_code;
  guint          copy;
  guint          print_count;

  char          *comune_name;
  char          *comune_address;
  char          *logo_path;
  char          *footer;
};

G_DEFINE_FINAL_TYPE (SpReceipt, sp_receipt, G_TYPE_OBJECT)

/* Kinds */

typedef struct
{
  SpReceiptKind  kind;
  const char    *name;
  char           letter;
  const char    *title;
} KindInfo;

static const KindInfo kinds[] = {
  { SP_RECEIPT_KIND_SPID_IDENTIFICATION, "spid-identification", 'S',
    N_("SPID identification receipt") },
  { SP_RECEIPT_KIND_CIE_REQUEST, "cie-request", 'C',
    N_("Electronic identity card (CIE) request receipt") },
  { SP_RECEIPT_KIND_APPOINTMENT, "appointment", 'A',
    N_("Appointment confirmation") },
};

static const KindInfo *
find_kind (SpReceiptKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return &kinds[i];

  return NULL;
}

static const KindInfo *
find_kind_by_letter (char letter)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].letter == letter)
      return &kinds[i];

  return NULL;
}

const char *
sp_receipt_kind_to_string (SpReceiptKind kind)
{
  const KindInfo *info = find_kind (kind);

  return info != NULL ? info->name : NULL;
}

gboolean
sp_receipt_kind_from_string (const char    *name,
                             SpReceiptKind *out_kind)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, name))
      {
        if (out_kind != NULL)
          *out_kind = kinds[i].kind;
        return TRUE;
      }

  return FALSE;
}

const char *
sp_receipt_kind_get_title (SpReceiptKind kind)
{
  const KindInfo *info = find_kind (kind);

  return info != NULL ? info->title : NULL;
}

const char *
sp_receipt_error_to_string (SpReceiptError code)
{
  switch (code)
    {
    case SP_RECEIPT_ERROR_MALFORMED:    return "malformed";
    case SP_RECEIPT_ERROR_TRUNCATED:    return "truncated";
    case SP_RECEIPT_ERROR_VERSION:      return "unsupported-version";
    case SP_RECEIPT_ERROR_UNKNOWN_KIND: return "unknown-kind";
    case SP_RECEIPT_ERROR_FOREIGN:      return "foreign";
    case SP_RECEIPT_ERROR_TAMPERED:     return "tampered";
    case SP_RECEIPT_ERROR_NOT_FOUND:    return "not-found";
    case SP_RECEIPT_ERROR_INVALID:      return "invalid";
    default:                            return "failed";
    }
}

/* Receipt languages
 *
 * A receipt is printed in the citizen's language while the desk runs in
 * the clerk's. gettext cannot do that safely: the per-thread uselocale()
 * trick is overridden by a LANGUAGE variable (set in most desktop
 * sessions) and needs the it_IT locale generated on the machine, and
 * switching LANGUAGE is process-wide. So the receipt reads its strings from
 * the same installed catalogue (<localedir>/<lang>/LC_MESSAGES/sportello.mo)
 * with a small read-only lookup: msgfmt writes the original strings sorted,
 * so a binary search finds them. Catalogues are mapped once and kept for
 * the life of the process, under a lock; a missing one means English.
 */

typedef struct
{
  GMappedFile *file;
  const guint8 *data;
  gsize        size;
  gboolean     swap;
  guint32      n_strings;
  guint32      originals;
  guint32      translations;
} Catalog;

static const char * const languages[] = { "it", "en", NULL };

const char * const *
sp_receipt_get_languages (void)
{
  return languages;
}

const char *
sp_receipt_language_get_name (const char *language)
{
  g_return_val_if_fail (language != NULL, NULL);

  /* Each language in its own name: not translated. */
  if (g_str_equal (language, "it"))
    return "Italiano";
  if (g_str_equal (language, "en"))
    return "English";

  return language;
}

static guint32
catalog_word (const Catalog *catalog,
              gsize          offset)
{
  guint32 word;

  memcpy (&word, catalog->data + offset, sizeof word);
  return catalog->swap ? GUINT32_SWAP_LE_BE (word) : word;
}

/* The string at entry index of a table, or NULL if the file lies. */
static const char *
catalog_string (const Catalog *catalog,
                guint32        table,
                guint32        index)
{
  gsize entry = (gsize) table + (gsize) index * 8;
  guint32 length;
  guint32 offset;

  if (entry + 8 > catalog->size)
    return NULL;

  length = catalog_word (catalog, entry);
  offset = catalog_word (catalog, entry + 4);
  if ((gsize) offset + length >= catalog->size || catalog->data[offset + length] != '\0')
    return NULL;

  return (const char *) catalog->data + offset;
}

static Catalog *
catalog_open (const char *path)
{
  g_autoptr(GMappedFile) file = NULL;
  Catalog *catalog;
  guint32 magic;

  file = g_mapped_file_new (path, FALSE, NULL);
  if (file == NULL || g_mapped_file_get_length (file) < 28)
    return NULL;

  catalog = g_new0 (Catalog, 1);
  catalog->data = (const guint8 *) g_mapped_file_get_contents (file);
  catalog->size = g_mapped_file_get_length (file);
  memcpy (&magic, catalog->data, sizeof magic);
  if (magic == 0x950412de)
    catalog->swap = FALSE;
  else if (magic == 0xde120495)
    catalog->swap = TRUE;
  else
    {
      g_free (catalog);
      return NULL;
    }

  catalog->n_strings = catalog_word (catalog, 8);
  catalog->originals = catalog_word (catalog, 12);
  catalog->translations = catalog_word (catalog, 16);
  catalog->file = g_steal_pointer (&file);
  return catalog;
}

static const char *
catalog_lookup (const Catalog *catalog,
                const char    *key)
{
  guint32 low = 0;
  guint32 high = catalog->n_strings;

  while (low < high)
    {
      guint32 middle = low + (high - low) / 2;
      const char *original = catalog_string (catalog, catalog->originals, middle);
      int cmp;

      if (original == NULL)
        return NULL;

      cmp = strcmp (key, original);
      if (cmp == 0)
        {
          const char *translation = catalog_string (catalog, catalog->translations, middle);

          return translation != NULL && *translation != '\0' ? translation : NULL;
        }
      if (cmp < 0)
        high = middle;
      else
        low = middle + 1;
    }

  return NULL;
}

static const char *
find_catalog_path (const char *language,
                   char      **out_path)
{
  const char *dirs[4];
  guint n = 0;

  /* Where the program bound its messages (uninstalled runs bind the build
   * tree, named by SPORTELLO_LOCALEDIR), then the installed and the build
   * tree's directories. */
  dirs[n++] = bindtextdomain (GETTEXT_PACKAGE, NULL);
  dirs[n++] = g_getenv ("SPORTELLO_LOCALEDIR");
  dirs[n++] = LOCALEDIR;
#ifdef SP_BUILD_LOCALEDIR
  dirs[n++] = SP_BUILD_LOCALEDIR;
#endif

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL)
        continue;

      path = g_build_filename (dirs[i], language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          *out_path = g_steal_pointer (&path);
          return *out_path;
        }
    }

  return NULL;
}

static const Catalog *
get_catalog (const char *language)
{
  static GMutex lock;
  static GHashTable *catalogs;   /* language → Catalog or NULL, never freed */
  g_autofree char *short_language = NULL;
  const Catalog *catalog;
  gpointer found;

  /* English is the source language. */
  if (language == NULL || g_str_has_prefix (language, "en") || g_str_equal (language, "C"))
    return NULL;

  g_mutex_lock (&lock);

  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);

  if (g_hash_table_lookup_extended (catalogs, language, NULL, &found))
    {
      g_mutex_unlock (&lock);
      return found;
    }

  {
    g_autofree char *path = NULL;

    if (find_catalog_path (language, &path) == NULL &&
        strchr (language, '_') != NULL)
      {
        short_language = g_strndup (language, strchr (language, '_') - language);
        find_catalog_path (short_language, &path);
      }

    catalog = path != NULL ? catalog_open (path) : NULL;
    if (catalog == NULL)
      g_debug ("No catalogue for receipt language “%s”: printing in English", language);
  }

  g_hash_table_insert (catalogs, g_strdup (language), (gpointer) catalog);
  g_mutex_unlock (&lock);

  return catalog;
}

const char *
sp_receipt_translate (const char *language,
                      const char *msgid)
{
  const Catalog *catalog;
  const char *translation;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (*msgid == '\0' || (catalog = get_catalog (language)) == NULL)
    return msgid;

  translation = catalog_lookup (catalog, msgid);
  return translation != NULL ? translation : msgid;
}

const char *
sp_receipt_translate_context (const char *language,
                              const char *context,
                              const char *msgid)
{
  g_autofree char *key = NULL;
  const Catalog *catalog;
  const char *translation;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  if ((catalog = get_catalog (language)) == NULL)
    return msgid;

  key = g_strconcat (context, "\004", msgid, NULL);
  translation = catalog_lookup (catalog, key);
  return translation != NULL ? translation : msgid;
}

/* Encodings */

static char *
base32_encode (const guint8 *data,
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

/* Signatures: GLib's HMAC-SHA256 over a fixed domain and the payload body */

static void
hmac_sha256 (GBytes     *secret,
             const char *domain,
             const char *message,
             guint8      out[32])
{
  g_autoptr(GHmac) hmac = NULL;
  gsize key_length = 0;
  const guint8 *key = g_bytes_get_data (secret, &key_length);
  gsize out_length = 32;

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  g_hmac_update (hmac, (const guchar *) domain, -1);
  if (message != NULL)
    g_hmac_update (hmac, (const guchar *) message, -1);
  g_hmac_get_digest (hmac, out, &out_length);
  g_assert (out_length == 32);
}

static char *
compute_key_id (GBytes *secret)
{
  guint8 digest[32];
  g_autofree char *encoded = NULL;

  hmac_sha256 (secret, KEY_ID_DOMAIN, NULL, digest);
  encoded = base32_encode (digest, 5);
  sodium_memzero (digest, sizeof digest);
  return g_strndup (encoded, KEY_ID_CHARS);
}

static gboolean
check_secret (GBytes  *secret,
              GError **error)
{
  if (secret == NULL || g_bytes_get_size (secret) < 16)
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID,
                           _("The installation has no signing key: receipts cannot be signed or checked."));
      return FALSE;
    }

  return TRUE;
}

char *
sp_receipt_payload_sign (GBytes        *secret,
                         SpReceiptKind  kind,
                         const char    *record_uuid,
                         const char    *date,
                         GError       **error)
{
  const KindInfo *info = find_kind (kind);
  guint8 uuid[UUID_BYTES];
  guint8 digest[32];
  g_autofree char *key_id = NULL;
  g_autofree char *uuid_text = NULL;
  g_autofree char *mac_text = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_secret (secret, error))
    return NULL;

  if (info == NULL)
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

  key_id = compute_key_id (secret);
  uuid_text = base32_encode (uuid, UUID_BYTES);
  body = g_strdup_printf (PAYLOAD_TAG "%d-%c-%s-%s-%s",
                          PAYLOAD_VERSION, info->letter, date, key_id, uuid_text);

  hmac_sha256 (secret, MAC_DOMAIN, body, digest);
  mac_text = base32_encode (digest, MAC_BYTES);
  sodium_memzero (digest, sizeof digest);

  return g_strdup_printf ("%s-%s", body, mac_text);
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

/* Parses; on success also returns the signed body and the signature. */
static SpReceiptPayload *
parse_payload (const char  *text,
               char       **out_body,
               guint8       out_mac[MAC_BYTES],
               GError     **error)
{
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autofree char *clean = NULL;
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  const KindInfo *info;
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

  info = find_kind_by_letter (parts[1][0]);
  if (info == NULL)
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
  payload->kind = info->kind;
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

  return parse_payload (text, NULL, mac, error);
}

static gboolean
authenticate (GBytes            *secret,
              SpReceiptPayload  *payload,
              const char        *body,
              const guint8       mac[MAC_BYTES],
              GError           **error)
{
  g_autofree char *key_id = NULL;
  guint8 digest[32];
  int cmp;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  key_id = compute_key_id (secret);
  if (!g_str_equal (key_id, payload->key_id))
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_FOREIGN,
                           _("This receipt was issued by another Sportello installation, not by this office."));
      return FALSE;
    }

  hmac_sha256 (secret, MAC_DOMAIN, body, digest);
  cmp = sodium_memcmp (digest, mac, MAC_BYTES);
  sodium_memzero (digest, sizeof digest);

  if (cmp != 0)
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_TAMPERED,
                           _("This receipt is not authentic: its code was altered or copied wrongly."));
      return FALSE;
    }

  return TRUE;
}

SpReceiptPayload *
sp_receipt_payload_verify (GBytes      *secret,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autofree char *body = NULL;
  guint8 mac[MAC_BYTES];

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_secret (secret, error))
    return NULL;

  payload = parse_payload (text, &body, mac, error);
  if (payload == NULL || !authenticate (secret, payload, body, mac, error))
    return NULL;

  return g_steal_pointer (&payload);
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
static char *
normalize_short_code (const char *text)
{
  GString *out = g_string_new (NULL);

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
        return (g_string_free (out, TRUE), NULL);
    }

  if (out->len != SHORT_CODE_CHARS)
    return (g_string_free (out, TRUE), NULL);

  g_string_insert_c (out, 5, '-');
  return g_string_free (out, FALSE);
}

/* The object */

static void
clear_field (gpointer data)
{
  SpReceiptField *field = data;

  g_free (field->label);
  g_free (field->value);
}

static void
sp_receipt_finalize (GObject *object)
{
  SpReceipt *self = SP_RECEIPT (object);

  g_free (self->uuid);
  g_free (self->record_uuid);
  g_free (self->issued_date);
  g_free (self->language);
  g_free (self->desk_name);
  g_free (self->operator_name);
  g_array_unref (self->fields);
  g_free (self->payload);
  g_free (self->short_code);
  g_free (self->comune_name);
  g_free (self->comune_address);
  g_free (self->logo_path);
  g_free (self->footer);

  G_OBJECT_CLASS (sp_receipt_parent_class)->finalize (object);
}

static void
sp_receipt_class_init (SpReceiptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_receipt_finalize;
}

static void
sp_receipt_init (SpReceipt *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (SpReceiptField));
  g_array_set_clear_func (self->fields, clear_field);
  self->language = g_strdup ("it");
  self->desk_name = g_strdup ("");
  self->operator_name = g_strdup ("");
  self->copy = 1;
}

SpReceipt *
sp_receipt_new (SpReceiptKind  kind,
                const char    *record_uuid)
{
  SpReceipt *self;

  g_return_val_if_fail (find_kind (kind) != NULL, NULL);
  g_return_val_if_fail (record_uuid != NULL, NULL);

  self = g_object_new (SP_TYPE_RECEIPT, NULL);
  self->kind = kind;
  self->record_uuid = g_ascii_strdown (record_uuid, -1);
  return self;
}

void
sp_receipt_set_language (SpReceipt  *self,
                         const char *language)
{
  g_return_if_fail (SP_IS_RECEIPT (self));
  g_return_if_fail (language != NULL);

  g_free (self->language);
  self->language = g_strdup (language);
}

void
sp_receipt_set_desk (SpReceipt  *self,
                     gint64      desk_id,
                     const char *desk_name)
{
  g_return_if_fail (SP_IS_RECEIPT (self));

  self->desk_id = desk_id;
  g_free (self->desk_name);
  self->desk_name = g_strdup (desk_name != NULL ? desk_name : "");
}

void
sp_receipt_set_operator (SpReceipt  *self,
                         gint64      operator_id,
                         const char *operator_name)
{
  g_return_if_fail (SP_IS_RECEIPT (self));

  self->operator_id = operator_id;
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name != NULL ? operator_name : "");
}

void
sp_receipt_add_field (SpReceipt          *self,
                      SpReceiptFieldType  type,
                      const char         *label,
                      const char         *value)
{
  SpReceiptField field;

  g_return_if_fail (SP_IS_RECEIPT (self));
  g_return_if_fail (label != NULL);

  field.label = g_strdup (label);
  field.value = g_strdup (value != NULL ? value : "");
  field.type = type;
  g_array_append_val (self->fields, field);
}

void
sp_receipt_set_branding (SpReceipt  *self,
                         const char *comune_name,
                         const char *comune_address,
                         const char *logo_path,
                         const char *footer)
{
  g_return_if_fail (SP_IS_RECEIPT (self));

  g_free (self->comune_name);
  g_free (self->comune_address);
  g_free (self->logo_path);
  g_free (self->footer);
  self->comune_name = g_strdup (comune_name);
  self->comune_address = g_strdup (comune_address);
  self->logo_path = g_strdup (logo_path);
  self->footer = g_strdup (footer);
}

#define GETTER(type, name, field, fallback)              \
  type                                                   \
  sp_receipt_get_##name (SpReceipt *self)                \
  {                                                      \
    g_return_val_if_fail (SP_IS_RECEIPT (self), fallback); \
    return self->field;                                  \
  }

GETTER (gint64, id, id, 0)
GETTER (const char *, uuid, uuid, NULL)
GETTER (SpReceiptKind, kind, kind, 0)
GETTER (const char *, record_uuid, record_uuid, NULL)
GETTER (gint64, issued_at, issued_at, 0)
GETTER (const char *, language, language, NULL)
GETTER (gint64, desk_id, desk_id, 0)
GETTER (const char *, desk_name, desk_name, NULL)
GETTER (gint64, operator_id, operator_id, 0)
GETTER (const char *, operator_name, operator_name, NULL)
GETTER (const char *, payload, payload, NULL)
GETTER (const char *, short_code, short_code, NULL)
GETTER (guint, copy, copy, 0)
GETTER (guint, print_count, print_count, 0)
GETTER (const char *, comune_name, comune_name, NULL)
GETTER (const char *, comune_address, comune_address, NULL)
GETTER (const char *, logo_path, logo_path, NULL)
GETTER (const char *, footer, footer, NULL)

#undef GETTER

guint
sp_receipt_get_n_fields (SpReceipt *self)
{
  g_return_val_if_fail (SP_IS_RECEIPT (self), 0);

  return self->fields->len;
}

const SpReceiptField *
sp_receipt_get_field (SpReceipt *self,
                      guint      index)
{
  g_return_val_if_fail (SP_IS_RECEIPT (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return &g_array_index (self->fields, SpReceiptField, index);
}

gboolean
sp_receipt_is_duplicate (SpReceipt *self)
{
  g_return_val_if_fail (SP_IS_RECEIPT (self), FALSE);

  return self->copy > 1;
}

/* Storage */

static const char *field_type_names[] = { "text", "date", "message", "code" };

static char *
fields_to_json (SpReceipt *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->fields->len; i++)
    {
      const SpReceiptField *field = &g_array_index (self->fields, SpReceiptField, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, field->label);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, field->value);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, field_type_names[field->type]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
fields_from_json (SpReceipt   *self,
                  const char  *json,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                           _("The stored receipt is damaged and cannot be printed again."));
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      SpReceiptFieldType type = SP_RECEIPT_FIELD_TEXT;
      const char *type_name;

      if (object == NULL)
        continue;

      type_name = json_object_get_string_member_with_default (object, "type", "text");
      for (guint t = 0; t < G_N_ELEMENTS (field_type_names); t++)
        if (g_str_equal (type_name, field_type_names[t]))
          type = (SpReceiptFieldType) t;

      sp_receipt_add_field (self, type,
                            json_object_get_string_member_with_default (object, "label", ""),
                            json_object_get_string_member_with_default (object, "value", ""));
    }

  return TRUE;
}

static void
load_branding (SpStore   *store,
               SpReceipt *self)
{
  g_autofree char *name = sp_store_get_setting (store, SP_SETTING_COMUNE_NAME);
  g_autofree char *address = sp_store_get_setting (store, SP_SETTING_COMUNE_ADDRESS);
  g_autofree char *logo = sp_store_get_setting (store, SP_SETTING_RECEIPT_LOGO);
  g_autofree char *footer = sp_store_get_setting (store, SP_SETTING_RECEIPT_FOOTER);

  sp_receipt_set_branding (self, name, address,
                           logo != NULL && *logo != '\0' ? logo : NULL,
                           footer != NULL && *footer != '\0' ? footer : NULL);
}

static gboolean
sign_receipt (SpStore    *store,
              SpReceipt  *self,
              GError    **error)
{
  g_autoptr(GBytes) secret = sp_store_get_installation_secret (store, error);

  if (secret == NULL)
    return FALSE;

  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->short_code, g_free);
  self->payload = sp_receipt_payload_sign (secret, self->kind, self->record_uuid,
                                           self->issued_date, error);
  if (self->payload == NULL)
    return FALSE;

  self->short_code = sp_receipt_payload_short_code (self->payload);
  return TRUE;
}

static char *
audit_details (SpReceipt *self,
               guint      copy)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  /* Kind and record only: never personal data. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, sp_receipt_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "record_uuid");
  json_builder_add_string_value (builder, self->record_uuid);
  json_builder_set_member_name (builder, "copy");
  json_builder_add_int_value (builder, copy);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
insert_print (SpStore     *store,
              SpReceipt   *self,
              guint        copy,
              SpActor      actor,
              const char  *printed_by,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = sp_store_new_uuid ();

  stmt = sp_store_prepare (store,
                           "INSERT INTO receipt_prints (uuid, receipt_id, copy, printed_at, "
                           "desk_id, operator_id, printed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sp_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, self->id);
  sqlite3_bind_int64 (stmt, 3, copy);
  sqlite3_bind_int64 (stmt, 4, sp_store_now ());
  if (actor.desk_id > 0)
    sqlite3_bind_int64 (stmt, 5, actor.desk_id);
  if (actor.operator_id > 0)
    sqlite3_bind_int64 (stmt, 6, actor.operator_id);
  sp_store_bind_text (stmt, 7, printed_by != NULL ? printed_by : "");

  return sp_store_step_done (store, stmt, error);
}

gboolean
sp_receipt_issue (SpStore    *store,
                  SpReceipt  *self,
                  SpActor     actor,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *details = NULL;
  gint64 now;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_RECEIPT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->id != 0)
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID,
                           _("This receipt was already issued: print a copy instead."));
      return FALSE;
    }

  if (!g_uuid_string_is_valid (self->record_uuid))
    {
      g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_INVALID,
                           _("The record has no valid identifier, so no receipt can be made for it."));
      return FALSE;
    }

  now = sp_store_now ();
  local = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  uuid = sp_store_new_uuid ();

  self->issued_at = now;
  g_free (self->issued_date);
  self->issued_date = g_date_time_format (local, "%Y%m%d");

  if (!sign_receipt (store, self, error))
    return FALSE;

  if (self->comune_name == NULL)
    load_branding (store, self);

  if (!sp_store_begin (store, error))
    return FALSE;

  fields = fields_to_json (self);
  stmt = sp_store_prepare (store,
                           "INSERT INTO receipts (uuid, kind, record_uuid, issued_at, issued_date, "
                           "desk_id, operator_id, desk_name, operator_name, language, fields, "
                           "short_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                           error);
  if (stmt == NULL)
    goto failed;

  sp_store_bind_text (stmt, 1, uuid);
  sp_store_bind_text (stmt, 2, sp_receipt_kind_to_string (self->kind));
  sp_store_bind_text (stmt, 3, self->record_uuid);
  sqlite3_bind_int64 (stmt, 4, self->issued_at);
  sp_store_bind_text (stmt, 5, self->issued_date);
  if (self->desk_id > 0)
    sqlite3_bind_int64 (stmt, 6, self->desk_id);
  if (self->operator_id > 0)
    sqlite3_bind_int64 (stmt, 7, self->operator_id);
  sp_store_bind_text (stmt, 8, self->desk_name);
  sp_store_bind_text (stmt, 9, self->operator_name);
  sp_store_bind_text (stmt, 10, self->language);
  sp_store_bind_text (stmt, 11, fields);
  sp_store_bind_text (stmt, 12, self->short_code);

  if (!sp_store_step_done (store, stmt, error))
    goto failed;

  self->id = sp_store_last_insert_id (store);

  if (!insert_print (store, self, 1, actor, self->operator_name, error))
    goto failed;

  details = audit_details (self, 1);
  if (!sp_audit_append (store, actor, AUDIT_RECEIPT_ISSUE, uuid, details, error) ||
      !sp_store_commit (store, error))
    goto failed;

  self->uuid = g_steal_pointer (&uuid);
  self->copy = 1;
  self->print_count = 1;
  return TRUE;

failed:
  sp_store_rollback (store);
  self->id = 0;
  return FALSE;
}

#define RECEIPT_COLUMNS \
  "id, uuid, kind, record_uuid, issued_at, issued_date, coalesce(desk_id, 0), " \
  "coalesce(operator_id, 0), desk_name, operator_name, language, fields, " \
  "(SELECT count(*) FROM receipt_prints p WHERE p.receipt_id = receipts.id)"

static SpReceipt *
receipt_from_row (SpStore       *store,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(SpReceipt) self = g_object_new (SP_TYPE_RECEIPT, NULL);
  g_autofree char *kind_name = sp_store_column_dup (stmt, 2);
  g_autofree char *fields = sp_store_column_dup (stmt, 11);

  if (kind_name == NULL || !sp_receipt_kind_from_string (kind_name, &self->kind))
    {
      g_set_error (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_UNKNOWN_KIND,
                   _("This receipt is of a kind this version of Sportello does not know (“%s”)."),
                   kind_name != NULL ? kind_name : "");
      return NULL;
    }

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = sp_store_column_dup (stmt, 1);
  self->record_uuid = sp_store_column_dup (stmt, 3);
  self->issued_at = sqlite3_column_int64 (stmt, 4);
  self->issued_date = sp_store_column_dup (stmt, 5);
  self->desk_id = sqlite3_column_int64 (stmt, 6);
  self->operator_id = sqlite3_column_int64 (stmt, 7);
  g_free (self->desk_name);
  self->desk_name = sp_store_column_dup (stmt, 8);
  g_free (self->operator_name);
  self->operator_name = sp_store_column_dup (stmt, 9);
  g_free (self->language);
  self->language = sp_store_column_dup (stmt, 10);
  self->print_count = (guint) sqlite3_column_int64 (stmt, 12);
  self->copy = 1;

  if (!fields_from_json (self, fields != NULL ? fields : "[]", error) ||
      !sign_receipt (store, self, error))
    return NULL;

  load_branding (store, self);
  return g_steal_pointer (&self);
}

static SpReceipt *
load_one (SpStore       *store,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return receipt_from_row (store, stmt, error);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND,
                         _("No such receipt was issued here."));
  else
    sp_store_set_error (store, rc, error);

  return NULL;
}

SpReceipt *
sp_receipt_load (SpStore     *store,
                 const char  *uuid,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = sp_store_prepare (store, "SELECT " RECEIPT_COLUMNS " FROM receipts WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;

  sp_store_bind_text (stmt, 1, uuid);
  return load_one (store, stmt, error);
}

SpReceipt *
sp_receipt_load_for_record (SpStore       *store,
                            SpReceiptKind  kind,
                            const char    *record_uuid,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (record_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = sp_store_prepare (store,
                           "SELECT " RECEIPT_COLUMNS " FROM receipts "
                           "WHERE kind = ?1 AND record_uuid = ?2 "
                           "ORDER BY issued_at DESC, id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;

  lower = g_ascii_strdown (record_uuid, -1);
  sp_store_bind_text (stmt, 1, sp_receipt_kind_to_string (kind));
  sp_store_bind_text (stmt, 2, lower);
  return load_one (store, stmt, error);
}

SpReceipt *
sp_receipt_lookup_short_code (SpStore     *store,
                              const char  *short_code,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (short_code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  code = normalize_short_code (short_code);
  if (code == NULL)
    {
      set_malformed (error);
      return NULL;
    }

  stmt = sp_store_prepare (store,
                           "SELECT " RECEIPT_COLUMNS " FROM receipts WHERE short_code = ?1 "
                           "ORDER BY issued_at DESC, id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;

  sp_store_bind_text (stmt, 1, code);
  return load_one (store, stmt, error);
}

SpReceipt *
sp_receipt_reprint (SpStore     *store,
                    const char  *uuid,
                    SpActor      actor,
                    const char  *printed_by,
                    GError     **error)
{
  g_autoptr(SpReceipt) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *details = NULL;
  guint copy;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sp_store_begin (store, error))
    return NULL;

  self = sp_receipt_load (store, uuid, error);
  if (self == NULL)
    goto failed;

  stmt = sp_store_prepare (store,
                           "SELECT coalesce(max(copy), 0) FROM receipt_prints WHERE receipt_id = ?1",
                           error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, self->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sp_store_set_error (store, sqlite3_errcode (sp_store_get_handle (store)), error);
      goto failed;
    }
  /* A receipt never printed (imported without its copies) gets its
   * original now; otherwise this is a duplicate. */
  copy = (guint) sqlite3_column_int64 (stmt, 0) + 1;

  details = audit_details (self, copy);
  if (!insert_print (store, self, copy, actor, printed_by, error) ||
      !sp_audit_append (store, actor, AUDIT_RECEIPT_REPRINT, self->uuid, details, error) ||
      !sp_store_commit (store, error))
    goto failed;

  self->copy = copy;
  self->print_count = copy;
  return g_steal_pointer (&self);

failed:
  sp_store_rollback (store);
  return NULL;
}

void
sp_receipt_print_free (SpReceiptPrint *print)
{
  if (print == NULL)
    return;

  g_free (print->printed_by);
  g_free (print);
}

GPtrArray *
sp_receipt_list_prints (SpStore     *store,
                        SpReceipt   *self,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) prints = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (SP_IS_RECEIPT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = sp_store_prepare (store,
                           "SELECT copy, printed_at, coalesce(desk_id, 0), coalesce(operator_id, 0), "
                           "printed_by FROM receipt_prints WHERE receipt_id = ?1 ORDER BY copy",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, self->id);
  prints = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_receipt_print_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpReceiptPrint *print = g_new0 (SpReceiptPrint, 1);

      print->copy = (guint) sqlite3_column_int64 (stmt, 0);
      print->printed_at = sqlite3_column_int64 (stmt, 1);
      print->desk_id = sqlite3_column_int64 (stmt, 2);
      print->operator_id = sqlite3_column_int64 (stmt, 3);
      print->printed_by = sp_store_column_dup (stmt, 4);
      g_ptr_array_add (prints, print);
    }

  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&prints);
}

SpReceipt *
sp_receipt_verify (SpStore            *store,
                   const char         *text,
                   SpReceiptPayload  **out_payload,
                   GError            **error)
{
  g_autoptr(SpReceiptPayload) payload = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *body = NULL;
  guint8 mac[MAC_BYTES];

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_payload != NULL)
    *out_payload = NULL;

  payload = parse_payload (text, &body, mac, error);
  if (payload == NULL)
    return NULL;

  if (out_payload != NULL)
    {
      SpReceiptPayload *copy = g_new0 (SpReceiptPayload, 1);

      *copy = *payload;
      copy->record_uuid = g_strdup (payload->record_uuid);
      copy->date = g_strdup (payload->date);
      copy->key_id = g_strdup (payload->key_id);
      *out_payload = copy;
    }

  secret = sp_store_get_installation_secret (store, error);
  if (secret == NULL || !check_secret (secret, error) ||
      !authenticate (secret, payload, body, mac, error))
    return NULL;

  stmt = sp_store_prepare (store,
                           "SELECT " RECEIPT_COLUMNS " FROM receipts "
                           "WHERE kind = ?1 AND record_uuid = ?2 AND issued_date = ?3 "
                           "ORDER BY issued_at DESC, id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;

  sp_store_bind_text (stmt, 1, sp_receipt_kind_to_string (payload->kind));
  sp_store_bind_text (stmt, 2, payload->record_uuid);
  sp_store_bind_text (stmt, 3, payload->date);

  {
    g_autoptr(GError) local_error = NULL;
    SpReceipt *receipt = load_one (store, stmt, &local_error);

    if (receipt == NULL && g_error_matches (local_error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND))
      {
        g_set_error_literal (error, SP_RECEIPT_ERROR, SP_RECEIPT_ERROR_NOT_FOUND,
                             _("The receipt is authentic, but its record is not in this database (deleted, or not yet brought back from a pop-up desk)."));
        return NULL;
      }
    if (receipt == NULL)
      g_propagate_error (error, g_steal_pointer (&local_error));
    return receipt;
  }
}
