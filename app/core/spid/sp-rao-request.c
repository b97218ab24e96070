/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-rao-request.c — the ICRequestData of a RAO identification */
#define G_LOG_DOMAIN "sp-rao-request"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-contact.h"
#include "sp-rao-request.h"

G_DEFINE_QUARK (sp-rao-request-error-quark, sp_rao_request_error)

#define ITALY_CODE        "Z000"
#define ABROAD_COUNTY     "EE"
#define FISCAL_PREFIX     "TINIT-"
#define DEFAULT_COUNTRY   "+39"
#define MINISTRY_ISSUER   "ministeroTrasporti"

const char * const sp_rao_address_types[] = {
  "Via", "Viale", "Vicolo", "Strada", "Piazza", "Piazzale", "Largo", "Corso",
  "Contrada", "Altro", NULL
};

/* One of our names and what the token calls it. */
typedef struct
{
  const char *ours;
  const char *token;
} TokenName;

/* Our document types and the token's idCardType. */
static const TokenName card_types[] = {
  { "cie",             "cartaIdentita" },
  { "identity-card",   "cartaIdentita" },
  { "passport",        "passaporto" },
  { "driving-licence", "patenteGuida" },
};

/* Our issuing bodies (sp-document.h) and the token's kinds. */
static const TokenName issuer_kinds[] = {
  { "comune",         "comune" },
  { "questura",       "questura" },
  { "prefettura",     "prefettura" },
  { "motorizzazione", "motorizzazione" },
  { "ministero",      MINISTRY_ISSUER },
  { "consolato",      "consolato" },
  { "ambasciata",     "ambasciata" },
};

/* Words the reference implementation drops from the issuing body's place
 * ("Comune di Roma" → "comuneRoma"). */
static const char * const issuer_exclusions[] = {
  "di", "delle", "e", "a", "con", "da", "su", "tra", "fra", NULL
};
static const char * const issuer_elisions[] = { "dell'", "d'", NULL };

static gboolean
fail_field (GError     **error,
            const char  *format,
            ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail_field (GError     **error,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (SP_RAO_REQUEST_ERROR, SP_RAO_REQUEST_ERROR_FIELD, format, args);
  va_end (args);
  return FALSE;
}

/* text without any white space, upper-cased when upper. */
static char *
dup_without_spaces (const char *text,
                    gboolean    upper)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, upper ? g_unichar_toupper (c) : c);
    }

  return g_string_free (out, FALSE);
}

/* The field with its white space trimmed: "" when not typed. */
static char *
dup_field (SpIdentification *identification,
           const char       *key)
{
  return g_strstrip (g_strdup (sp_identification_get_field (identification, key)));
}

/* A part of the citizen's name as dup_field () has it, or "" when the
 * citizen has none (none_flag). */
static char *
dup_name_part (SpIdentification *identification,
               const char       *key,
               const char       *none_flag)
{
  if (sp_identification_get_flag (identification, none_flag))
    return g_strdup ("");
  return dup_field (identification, key);
}

/* Words split on runs of white space, lower-cased; the apostrophe ’ as '. */
static GStrv
split_words (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autoptr(GString) plain = g_string_new (lower);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  g_string_replace (plain, "\u2019", "'", 0);
  g_strdelimit (plain->str, "\t\n\r\f\v", ' ');
  words = g_strsplit (plain->str, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_strv_builder_add (builder, words[i]);

  return g_strv_builder_end (builder);
}

/* "emilia" → "Emilia": the first character in title case, the rest kept. */
static void
append_capitalized (GString    *out,
                    const char *word)
{
  gunichar first = g_utf8_get_char (word);

  g_string_append_unichar (out, g_unichar_totitle (first));
  g_string_append (out, g_utf8_next_char (word));
}

char *
sp_rao_request_capitalize (const char *text)
{
  g_auto(GStrv) words = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  words = split_words (text);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_capitalized (out, words[i]);
    }

  return g_string_free (out, FALSE);
}

static const char *
lookup_token_name (const TokenName *names,
                   guint            n_names,
                   const char      *ours)
{
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i].ours, ours))
      return names[i].token;

  return NULL;
}

const char *
sp_rao_request_card_type (const char *document_type)
{
  g_return_val_if_fail (document_type != NULL, NULL);

  return lookup_token_name (card_types, G_N_ELEMENTS (card_types), document_type);
}

const char *
sp_rao_request_issuer_kind (const char *issuer)
{
  g_return_val_if_fail (issuer != NULL, NULL);

  return lookup_token_name (issuer_kinds, G_N_ELEMENTS (issuer_kinds), issuer);
}

char *
sp_rao_request_format_issuer (const char *kind,
                              const char *place)
{
  const char *token_kind;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = NULL;
  gsize kind_len;

  g_return_val_if_fail (kind != NULL, NULL);

  token_kind = sp_rao_request_issuer_kind (kind);
  if (token_kind == NULL)
    return NULL;
  if (g_str_equal (token_kind, MINISTRY_ISSUER))
    return g_strdup (MINISTRY_ISSUER);

  out = g_string_new (token_kind);
  kind_len = out->len;
  words = split_words (place != NULL ? place : "");
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      /* "Comune di Rimini" typed whole: the kind is said once. */
      if (i == 0 && g_str_equal (word, kind))
        continue;
      if (g_strv_contains (issuer_exclusions, word))
        continue;
      for (guint j = 0; issuer_elisions[j] != NULL; j++)
        if (g_str_has_prefix (word, issuer_elisions[j]))
          {
            word += strlen (issuer_elisions[j]);
            break;
          }
      if (*word == '\0')
        continue;

      append_capitalized (out, word);
    }

  if (out->len == kind_len)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* A date typed by the clerk as YYYY-MM-DD, or NULL with error naming it. */
static char *
dup_date (SpIdentification  *identification,
          const char        *key,
          const char        *name,
          GDate             *out_date,
          GError           **error)
{
  GDate date;

  if (!sp_identification_parse_date (sp_identification_get_field (identification, key), &date))
    {
      /* Translators: %s is a field, e.g. "The date of birth". */
      fail_field (error, _("%s is not a date: type it as day/month/year."), name);
      return NULL;
    }

  if (out_date != NULL)
    *out_date = date;
  return format_date (&date);
}

/* place, county and nation of a comune or a foreign state, as the token
 * names them: Belfiore / sigla / Z000, or the state's code / EE / code. */
static gboolean
add_place (JsonBuilder      *builder,
           SpPlaces         *places,
           SpIdentification *identification,
           const char       *key,
           const GDate      *date,
           const char       *place_member,
           const char       *county_member,
           const char       *nation_member,
           const char       *name,
           GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = dup_field (identification, key);
  const SpPlace *place;

  if (*text == '\0')
    /* Translators: %s is a field, e.g. "The place of birth". */
    return fail_field (error, _("%s is missing: the token needs it."), name);

  place = sp_places_resolve (places, text, date, &local_error);
  if (place == NULL)
    /* Translators: the first %s is a field ("The place of birth"), the
     * second says why it is not a place. */
    return fail_field (error, _("%s is not a comune or a foreign state: %s"),
                       name, local_error->message);

  if (place->kind == SP_PLACE_COMUNE)
    {
      if (place->province == NULL || *place->province == '\0')
        return fail_field (error, _("%s is a comune without a province: the token needs one."), name);

      json_builder_set_member_name (builder, place_member);
      json_builder_add_string_value (builder, place->code);
      json_builder_set_member_name (builder, county_member);
      json_builder_add_string_value (builder, place->province);
      json_builder_set_member_name (builder, nation_member);
      json_builder_add_string_value (builder, ITALY_CODE);
    }
  else
    {
      json_builder_set_member_name (builder, place_member);
      json_builder_add_string_value (builder, place->code);
      json_builder_set_member_name (builder, county_member);
      json_builder_add_string_value (builder, ABROAD_COUNTY);
      json_builder_set_member_name (builder, nation_member);
      json_builder_add_string_value (builder, place->code);
    }

  return TRUE;
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* "+39" from what was typed ("39", "+39", "0039", ""): NULL when not a
 * calling code. */
static char *
dup_calling_code (const char *typed)
{
  g_autofree char *code = dup_without_spaces (typed, FALSE);
  const char *digits = code;

  if (*digits == '\0')
    return g_strdup (DEFAULT_COUNTRY);
  if (*digits == '+')
    digits++;
  else if (g_str_has_prefix (digits, "00"))
    digits += 2;

  if (*digits < '1' || *digits > '9' || strlen (digits) > 3)
    return NULL;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;

  return g_strconcat ("+", digits, NULL);
}

static gboolean
add_mobile (JsonBuilder      *builder,
            SpIdentification *identification,
            GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *country = NULL;
  g_autofree char *e164 = NULL;

  country = dup_calling_code (sp_identification_get_field (identification, SP_ID_MOBILE_COUNTRY));
  if (country == NULL)
    return fail_field (error, _("The mobile’s country calling code is not valid: type it as +39, +41 …"));

  e164 = sp_contact_normalize_phone (sp_identification_get_field (identification, SP_ID_MOBILE),
                                     country + 1, &local_error);
  if (e164 == NULL)
    /* Translators: %s says what is wrong with the number. */
    return fail_field (error, _("Mobile phone: %s"), local_error->message);

  if (!g_str_has_prefix (e164, country) || e164[strlen (country)] == '\0')
    /* Translators: %s is the country calling code, such as +39. */
    return fail_field (error, _("The mobile number does not begin with the country calling code %s: correct the number or the code."),
                       country);

  json_builder_set_member_name (builder, "mobilePhone");
  json_builder_begin_object (builder);
  add_string (builder, "countryCallingCode", country);
  add_string (builder, "phoneNumber", e164 + strlen (country));
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_address (JsonBuilder      *builder,
             SpIdentification *identification,
             SpPlaces         *places,
             const GDate      *today,
             GError          **error)
{
  g_autofree char *type = dup_field (identification, SP_ID_RESIDENCE_TYPE);
  g_autofree char *street = dup_field (identification, SP_ID_RESIDENCE_STREET);
  g_autofree char *number = dup_field (identification, SP_ID_RESIDENCE_NUMBER);
  g_autofree char *postcode = dup_without_spaces (sp_identification_get_field (identification,
                                                                               SP_ID_RESIDENCE_POSTCODE),
                                                  TRUE);
  const char *address_type = NULL;

  for (guint i = 0; sp_rao_address_types[i] != NULL; i++)
    if (g_ascii_strcasecmp (type, sp_rao_address_types[i]) == 0)
      address_type = sp_rao_address_types[i];
  if (address_type == NULL)
    return fail_field (error, _("Choose the type of the residence address (Via, Piazza … or Altro)."));
  if (*street == '\0')
    return fail_field (error, _("The street of the residence is missing: the token needs it."));
  if (*number == '\0')
    return fail_field (error, _("The house number of the residence is missing: the token needs it (type “snc” when there is none)."));
  if (*postcode == '\0')
    return fail_field (error, _("The postcode of the residence is missing: the token needs it."));

  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  add_string (builder, "addressType", address_type);
  add_string (builder, "addressName", street);
  add_string (builder, "addressNumber", number);
  add_string (builder, "postalCode", postcode);
  if (!add_place (builder, places, identification, SP_ID_RESIDENCE_PLACE, today,
                  "municipality", "county", "nation", _("The place of residence"), error))
    return FALSE;
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_id_card (JsonBuilder      *builder,
             SpIdentification *identification,
             GError          **error)
{
  const char *type = sp_identification_get_field (identification, SP_ID_DOCUMENT_TYPE);
  const char *kind = sp_identification_get_field (identification, SP_ID_DOCUMENT_ISSUER);
  const char *card_type = sp_rao_request_card_type (type);
  g_autofree char *number = dup_without_spaces (sp_identification_get_field (identification,
                                                                             SP_ID_DOCUMENT_NUMBER),
                                                TRUE);
  g_autofree char *issuer = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *expires = NULL;

  if (card_type == NULL)
    return fail_field (error, _("The SPID token accepts only an identity card (paper or CIE), a passport or a driving licence: identify the citizen with one of them."));
  if (*number == '\0')
    return fail_field (error, _("The document number is missing: the token needs it."));
  if (sp_rao_request_issuer_kind (kind) == NULL)
    return fail_field (error, _("The SPID token accepts a document issued by a comune, a questura, a prefettura, the motorizzazione, the Ministry of Transport, a consulate or an embassy: choose the issuing office."));

  issuer = sp_rao_request_format_issuer (kind, sp_identification_get_field (identification,
                                                                           SP_ID_DOCUMENT_ISSUER_NAME));
  if (issuer == NULL)
    return fail_field (error, _("Type where the document was issued (the comune, the city of the questura …): the token needs it."));

  if ((issued = dup_date (identification, SP_ID_DOCUMENT_ISSUED,
                          _("The document’s issue date"), NULL, error)) == NULL ||
      (expires = dup_date (identification, SP_ID_DOCUMENT_EXPIRES,
                           _("The document’s expiry date"), NULL, error)) == NULL)
    return FALSE;

  json_builder_set_member_name (builder, "idCard");
  json_builder_begin_object (builder);
  add_string (builder, "idCardType", card_type);
  add_string (builder, "idCardDocNumber", number);
  add_string (builder, "idCardIssuer", issuer);
  add_string (builder, "idCardIssueDate", issued);
  add_string (builder, "idCardExpirationDate", expires);
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_mandatory (JsonBuilder      *builder,
               SpIdentification *identification,
               SpPlaces         *places,
               const GDate      *today,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = dup_name_part (identification, SP_ID_NAME, SP_ID_FLAG_NO_NAME);
  g_autofree char *surname = dup_name_part (identification, SP_ID_SURNAME, SP_ID_FLAG_NO_SURNAME);
  gboolean no_name = sp_identification_get_flag (identification, SP_ID_FLAG_NO_NAME);
  gboolean no_surname = sp_identification_get_flag (identification, SP_ID_FLAG_NO_SURNAME);
  g_autofree char *sex = dup_field (identification, SP_ID_SEX);
  g_autofree char *cf = dup_without_spaces (sp_identification_get_field (identification,
                                                                         SP_ID_CODICE_FISCALE),
                                            TRUE);
  g_autofree char *fiscal_number = NULL;
  g_autofree char *birth_date = NULL;
  g_autofree char *email = NULL;
  g_autofree char *capitalized = NULL;
  GDate birth;

  /* A citizen with one name only has an empty string for the other. */
  if ((*name == '\0' && !no_name) || (no_name && no_surname))
    return fail_field (error, _("The citizen’s name is missing: the token needs it."));
  if (*surname == '\0' && !no_surname)
    return fail_field (error, _("The citizen’s surname is missing: the token needs it."));
  if (g_ascii_strcasecmp (sex, "M") != 0 && g_ascii_strcasecmp (sex, "F") != 0)
    return fail_field (error, _("The sex must be M or F for the token."));
  if (strlen (cf) != 16)
    return fail_field (error, _("The codice fiscale must have 16 characters for the token."));
  for (const char *p = cf; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return fail_field (error, _("The codice fiscale must have only letters and digits for the token."));

  birth_date = dup_date (identification, SP_ID_BIRTH_DATE, _("The date of birth"), &birth, error);
  if (birth_date == NULL)
    return FALSE;

  email = sp_contact_normalize_email (sp_identification_get_field (identification, SP_ID_EMAIL),
                                      &local_error);
  if (email == NULL)
    /* Translators: %s says what is wrong with the address. */
    return fail_field (error, _("E-mail: %s"), local_error->message);

  json_builder_set_member_name (builder, "mandatoryAttributes");
  json_builder_begin_object (builder);
  capitalized = sp_rao_request_capitalize (name);
  add_string (builder, "name", capitalized);
  g_free (capitalized);
  capitalized = sp_rao_request_capitalize (surname);
  add_string (builder, "familyName", capitalized);
  if (!add_place (builder, places, identification, SP_ID_BIRTH_PLACE, &birth,
                  "placeOfBirth", "countyOfBirth", "nationOfBirth",
                  _("The place of birth"), error))
    return FALSE;
  add_string (builder, "dateOfBirth", birth_date);
  add_string (builder, "gender", g_ascii_toupper (sex[0]) == 'M' ? "M" : "F");
  fiscal_number = g_strconcat (FISCAL_PREFIX, cf, NULL);
  add_string (builder, "fiscalNumber", fiscal_number);
  add_string (builder, "email", email);
  if (!add_id_card (builder, identification, error) ||
      !add_mobile (builder, identification, error) ||
      !add_address (builder, identification, places, today, error))
    return FALSE;
  json_builder_end_object (builder);
  return TRUE;
}

JsonNode *
sp_rao_request_build (SpIdentification *identification,
                      SpPlaces         *places,
                      const char       *issuer_code,
                      gint64            operator_id,
                      gint64            issue_instant,
                      GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *operator_ref = NULL;
  g_autofree char *card_number = NULL;
  g_autofree char *card_expires = NULL;
  g_autofree char *pec = NULL;
  g_autofree char *pec_typed = NULL;
  GDate today;

  g_return_val_if_fail (SP_IS_IDENTIFICATION (identification), NULL);
  g_return_val_if_fail (SP_IS_PLACES (places), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (issuer_code == NULL || *issuer_code == '\0')
    {
      fail_field (error, _("The comune’s IPA code is not set: the IT office must set it before RAO identifications."));
      return NULL;
    }

  when = g_date_time_new_from_unix_utc (issue_instant);
  if (when == NULL)
    {
      fail_field (error, _("The time of the identification is not valid."));
      return NULL;
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (when),
                  g_date_time_get_month (when), g_date_time_get_year (when));

  card_number = dup_without_spaces (sp_identification_get_field (identification,
                                                                 SP_ID_HEALTH_CARD_NUMBER),
                                    FALSE);
  if (*card_number == '\0')
    {
      fail_field (error, _("The health card number is missing: the token needs it."));
      return NULL;
    }
  card_expires = dup_date (identification, SP_ID_HEALTH_CARD_EXPIRES,
                           _("The health card’s expiry date"), NULL, error);
  if (card_expires == NULL)
    return NULL;

  pec_typed = dup_field (identification, SP_ID_PEC);
  if (*pec_typed != '\0')
    {
      pec = sp_contact_normalize_email (pec_typed, &local_error);
      if (pec == NULL)
        {
          /* Translators: %s says what is wrong with the address. */
          fail_field (error, _("PEC: %s"), local_error->message);
          return NULL;
        }
    }

  operator_ref = g_strdup_printf ("%" G_GINT64_FORMAT, operator_id);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "info");
  json_builder_begin_object (builder);
  add_string (builder, "id", sp_identification_get_uuid (identification));
  json_builder_set_member_name (builder, "issueInstant");
  json_builder_add_int_value (builder, issue_instant);
  json_builder_set_member_name (builder, "issuer");
  json_builder_begin_object (builder);
  add_string (builder, "issuerCode", issuer_code);
  add_string (builder, "issuerInternalReference", operator_ref);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "electronicIdentification");
  json_builder_begin_object (builder);
  add_string (builder, "identificationType", "TS");
  add_string (builder, "identificationSerialCode", card_number);
  add_string (builder, "identificationExpirationDate", card_expires);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "spidAttributes");
  json_builder_begin_object (builder);
  if (!add_mandatory (builder, identification, places, &today, error))
    return NULL;
  if (pec != NULL)
    {
      json_builder_set_member_name (builder, "optionalAttributes");
      json_builder_begin_object (builder);
      add_string (builder, "digitalAddress", pec);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
