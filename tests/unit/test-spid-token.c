/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-spid-token.c — the RAO activation code, the ICRequestData and the
 * sealed token (sp-activation-code, sp-rao-request, sp-spid-token) */
#include "config.h"

#include <string.h>

#include "sp-activation-code.h"
#include "sp-codice-fiscale.h"
#include "sp-health-card.h"
#include "sp-identification.h"
#include "sp-rao-request.h"
#include "sp-receipt.h"
#include "sp-spid-token.h"
#include "sp-test-util.h"

#define ISSUE_INSTANT 1795428000   /* 23/11/2026 10:00 UTC */
#define IPA_CODE      "c_i304"
#define OPERATOR_ID   7

static SpPlaces *places;
static SpSeal *seal;
static SpSeal *other_seal;

/* ---- the activation code ------------------------------------------------ */

static void
test_code_generate (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counts[256] = { 0, };

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GError) error = NULL;
      char *code = sp_activation_code_generate ();
      gboolean digit = FALSE, lower = FALSE, upper = FALSE, symbol = FALSE;

      g_assert_cmpuint (strlen (code), ==, SP_ACTIVATION_CODE_LENGTH);
      for (const char *p = code; *p != '\0'; p++)
        {
          g_assert_nonnull (strchr (SP_ACTIVATION_CODE_ALPHABET, *p));
          g_assert_null (strchr ("LOilo01", *p));
          digit |= g_ascii_isdigit (*p);
          lower |= g_ascii_islower (*p);
          upper |= g_ascii_isupper (*p);
          symbol |= strchr ("!$?#=*+-.:", *p) != NULL;
          counts[(guchar) *p]++;
        }
      g_assert_true (digit && lower && upper && symbol);
      g_assert_true (sp_activation_code_validate (code, &error));
      g_assert_no_error (error);
      g_assert_false (g_hash_table_contains (seen, code));
      g_hash_table_add (seen, code);
    }

  /* 12 000 draws over 65 characters: every one appears. */
  for (const char *p = SP_ACTIVATION_CODE_ALPHABET; *p != '\0'; p++)
    g_assert_cmpuint (counts[(guchar) *p], >, 0);
}

static void
test_code_validate (void)
{
  static const struct
  {
    const char *code;
    int         error;
  } cases[] = {
    { "Ab3!Ab3!Ab3!", -1 },
    { "zzzzzzzzzzZ2", SP_ACTIVATION_CODE_ERROR_CLASSES },   /* no symbol */
    { "zzzzzzzzzz!2", SP_ACTIVATION_CODE_ERROR_CLASSES },   /* no upper case */
    { "ZZZZZZZZZZ!2", SP_ACTIVATION_CODE_ERROR_CLASSES },   /* no lower case */
    { "ZZZZZZZZZz!?", SP_ACTIVATION_CODE_ERROR_CLASSES },   /* no digit */
    { "Ab3!Ab3!Ab3", SP_ACTIVATION_CODE_ERROR_LENGTH },
    { "Ab3!Ab3!Ab3!A", SP_ACTIVATION_CODE_ERROR_LENGTH },
    { "", SP_ACTIVATION_CODE_ERROR_LENGTH },
    { "Ab3!Ab3!AbO!", SP_ACTIVATION_CODE_ERROR_CHARACTER },  /* O */
    { "Ab3!Ab3!Ab0!", SP_ACTIVATION_CODE_ERROR_CHARACTER },  /* 0 */
    { "Ab3!Ab3!Abl!", SP_ACTIVATION_CODE_ERROR_CHARACTER },  /* l */
    { "Ab3!Ab3!Ab1!", SP_ACTIVATION_CODE_ERROR_CHARACTER },  /* 1 */
    { "Ab3!Ab3!Abi!", SP_ACTIVATION_CODE_ERROR_CHARACTER },  /* i */
    { "Ab3!Ab3!AbL!", SP_ACTIVATION_CODE_ERROR_CHARACTER },  /* L */
    { "Ab3!Ab3!Abo!", SP_ACTIVATION_CODE_ERROR_CHARACTER },  /* o */
    { "Ab3!Ab3!Ab3@", SP_ACTIVATION_CODE_ERROR_CHARACTER },  /* @ is no symbol of it */
    { "Ab3!Ab3 Ab3!", SP_ACTIVATION_CODE_ERROR_CHARACTER },
    { "Ab3!Ab3!Ab3è", SP_ACTIVATION_CODE_ERROR_CHARACTER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = sp_activation_code_validate (cases[i].code, &error);

      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SP_ACTIVATION_CODE_ERROR, cases[i].error);
          g_assert_nonnull (error->message);
        }
    }
}

static void
test_code_halves_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = sp_activation_code_first_half ("Ab3!Cd4?Ef5#");
  g_autofree char *second = sp_activation_code_second_half ("Ab3!Cd4?Ef5#");
  g_autofree char *parsed = NULL;
  g_autofree char *joined = NULL;

  g_assert_cmpstr (first, ==, "Ab3!Cd");
  g_assert_cmpstr (second, ==, "4?Ef5#");

  /* White space dropped, case kept. */
  parsed = sp_activation_code_parse (" Ab3!Cd  4?Ef5#\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed, ==, "Ab3!Cd4?Ef5#");

  joined = g_strconcat (first, "\t", second, NULL);
  g_free (parsed);
  parsed = sp_activation_code_parse (joined, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed, ==, "Ab3!Cd4?Ef5#");

  /* Case is not folded: all upper case lacks the lower-case letters. */
  g_assert_null (sp_activation_code_parse ("AB3!CD4?EF5#", &error));
  g_assert_error (error, SP_ACTIVATION_CODE_ERROR, SP_ACTIVATION_CODE_ERROR_CLASSES);
  g_clear_error (&error);
  /* Dashes are characters of the code, not separators. */
  g_assert_null (sp_activation_code_parse ("Ab3!Cd-4?Ef5#", &error));
  g_assert_error (error, SP_ACTIVATION_CODE_ERROR, SP_ACTIVATION_CODE_ERROR_LENGTH);
  g_clear_error (&error);
  g_assert_null (sp_activation_code_parse ("Ab3!Cd", &error));
  g_assert_error (error, SP_ACTIVATION_CODE_ERROR, SP_ACTIVATION_CODE_ERROR_LENGTH);
}

static void
test_code_spell (void)
{
  g_autofree char *en = sp_activation_code_spell_symbols ("a!b#c!", "en");
  g_autofree char *all = sp_activation_code_spell_symbols ("!$?#=*+-.:", "en");
  g_autofree char *it = sp_activation_code_spell_symbols ("x:y-", "it");

  g_assert_cmpstr (en, ==, "! exclamation mark · # hash");
  g_assert_cmpstr (all, ==, "! exclamation mark · $ dollar sign · ? question mark · # hash · "
                            "= equals sign · * asterisk · + plus sign · - minus sign · "
                            ". full stop · : colon");
  g_assert_null (sp_activation_code_spell_symbols ("AbCd23", "en"));
  /* In the receipt's language: Italian once the catalogue holds the
   * names (the build tree's po/), else the English ones. */
  if (g_str_equal (sp_catalogue_translate ("it", "colon"), "colon"))
    g_assert_cmpstr (it, ==, ": colon · - minus sign");
  else
    g_assert_cmpstr (it, ==, ": due punti · - trattino (meno)");
}

/* ---- the ICRequestData's rules -------------------------------------------- */

static void
test_capitalize (void)
{
  static const char * const cases[][2] = {
    { "D'ANGELO", "D'angelo" },
    { "anna maria", "Anna Maria" },
    { "ANNA-MARIA DE LUCA", "Anna-maria De Luca" },
    { "  mario   rossi ", "Mario Rossi" },
    { "ÈLISA", "Èlisa" },
    { "niccolò", "Niccolò" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sp_rao_request_capitalize (cases[i][0]);
      g_assert_cmpstr (out, ==, cases[i][1]);
    }
}

static void
test_issuer (void)
{
  static const char * const cases[][3] = {
    { "comune", "DI ROMA", "comuneRoma" },
    { "comune", "di Roma", "comuneRoma" },
    { "comune", "Roma", "comuneRoma" },
    { "comune", "Comune di Rimini", "comuneRimini" },
    { "comune", "Santarcangelo di Romagna", "comuneSantarcangeloRomagna" },
    { "questura", "Reggio nell'Emilia", "questuraReggioNell'emilia" },
    { "questura", "LIVORNO", "questuraLivorno" },
    { "prefettura", "dell'Aquila", "prefetturaAquila" },
    { "motorizzazione", "Bologna", "motorizzazioneBologna" },
    { "ministero", "", "ministeroTrasporti" },
    { "ministero", "Ministero delle Infrastrutture e dei Trasporti", "ministeroTrasporti" },
    { "consolato", "New York", "consolatoNewYork" },
    { "ambasciata", "a Berna", "ambasciataBerna" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sp_rao_request_format_issuer (cases[i][0], cases[i][1]);
      g_assert_cmpstr (out, ==, cases[i][2]);
    }

  g_assert_null (sp_rao_request_format_issuer ("amministrazione", "Roma"));
  g_assert_null (sp_rao_request_format_issuer ("comune", ""));
  g_assert_null (sp_rao_request_format_issuer ("comune", "di"));

  g_assert_cmpstr (sp_rao_request_issuer_kind ("ministero"), ==, "ministeroTrasporti");
  g_assert_cmpstr (sp_rao_request_issuer_kind ("consolato"), ==, "consolato");
  g_assert_null (sp_rao_request_issuer_kind ("amministrazione"));

  g_assert_cmpstr (sp_rao_request_card_type ("cie"), ==, "cartaIdentita");
  g_assert_cmpstr (sp_rao_request_card_type ("identity-card"), ==, "cartaIdentita");
  g_assert_cmpstr (sp_rao_request_card_type ("passport"), ==, "passaporto");
  g_assert_cmpstr (sp_rao_request_card_type ("driving-licence"), ==, "patenteGuida");
  g_assert_null (sp_rao_request_card_type ("firearms-licence"));
  g_assert_null (sp_rao_request_card_type ("state-card"));
}

/* ---- building the ICRequestData ------------------------------------------- */

static char *
valid_health_card (void)
{
  const char *first19 = "8038000000000000001";
  return g_strdup_printf ("%s%c", first19, sp_health_card_luhn_digit (first19));
}

/* Anna Maria D'Angelo, born in Rimini, living in Santarcangelo, CIE from
 * the comune of Rimini, with a PEC. */
static SpIdentification *
make_italian (SpTestDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hc = valid_health_card ();
  SpIdentification *id = sp_identification_new_draft (db->store, (SpActor) { 1, 1 },
                                                      SP_IDENTIFICATION_CHANNEL_RAO, &error);

  g_assert_no_error (error);
  sp_identification_set_fields (id,
                                SP_ID_CODICE_FISCALE, " dngnmr80a41h294x ", SP_ID_SURNAME, "D'ANGELO",
                                SP_ID_NAME, "anna maria", SP_ID_SEX, "F", SP_ID_BIRTH_DATE, "01/01/1980",
                                SP_ID_BIRTH_PLACE, "Rimini", SP_ID_RESIDENCE_TYPE, "Via",
                                SP_ID_RESIDENCE_STREET, "Roma", SP_ID_RESIDENCE_NUMBER, "12/A",
                                SP_ID_RESIDENCE_POSTCODE, "47822",
                                SP_ID_RESIDENCE_PLACE, "Santarcangelo di Romagna", SP_ID_DOCUMENT_TYPE, "cie",
                                SP_ID_DOCUMENT_NUMBER, "ca 12345 ab", SP_ID_DOCUMENT_ISSUER, "comune",
                                SP_ID_DOCUMENT_ISSUER_NAME, "Comune di Rimini",
                                SP_ID_DOCUMENT_ISSUED, "10/03/2022", SP_ID_DOCUMENT_EXPIRES, "10/03/2032",
                                SP_ID_HEALTH_CARD_NUMBER, hc, SP_ID_HEALTH_CARD_EXPIRES, "31/12/2029",
                                SP_ID_EMAIL, " anna.dangelo@example.org ", SP_ID_MOBILE, "333 123 4567",
                                SP_ID_PEC, "anna.dangelo@pec.example.it",
                                NULL);
  return id;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_json_equal (JsonNode   *node,
                   const char *expected_text)
{
  g_autoptr(JsonNode) expected = parse_json (expected_text);

  if (!json_node_equal (node, expected))
    {
      g_autofree char *got = json_to_string (node, TRUE);
      g_autofree char *want = json_to_string (expected, TRUE);
      g_error ("ICRequestData differs:\n%s\nexpected:\n%s", got, want);
    }
}

/* The request's spidAttributes member. */
static JsonObject *
spid_attributes (JsonNode *request)
{
  return json_object_get_object_member (json_node_get_object (request), "spidAttributes");
}

static JsonNode *
build (SpIdentification *id,
       GError          **error)
{
  return sp_rao_request_build (id, places, IPA_CODE, OPERATOR_ID, ISSUE_INSTANT, error);
}

static void
test_request_italian (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_italian (db);
  g_autoptr(JsonNode) request = build (id, &error);
  g_autofree char *expected = NULL;
  g_autofree char *hc = valid_health_card ();

  g_assert_no_error (error);
  expected = g_strdup_printf (
    "{\"info\": {\"id\": \"%s\", \"issueInstant\": 1795428000,"
    "            \"issuer\": {\"issuerCode\": \"c_i304\", \"issuerInternalReference\": \"7\"}},"
    " \"electronicIdentification\": {\"identificationType\": \"TS\","
    "     \"identificationSerialCode\": \"%s\", \"identificationExpirationDate\": \"2029-12-31\"},"
    " \"spidAttributes\": {"
    "   \"mandatoryAttributes\": {"
    "     \"name\": \"Anna Maria\", \"familyName\": \"D'angelo\","
    /* Rimini was in the province of Forlì until 1992: the row valid
     * on the date of birth. */
    "     \"placeOfBirth\": \"H294\", \"countyOfBirth\": \"FO\", \"nationOfBirth\": \"Z000\","
    "     \"dateOfBirth\": \"1980-01-01\", \"gender\": \"F\","
    "     \"fiscalNumber\": \"TINIT-DNGNMR80A41H294X\", \"email\": \"anna.dangelo@example.org\","
    "     \"idCard\": {\"idCardType\": \"cartaIdentita\", \"idCardDocNumber\": \"CA12345AB\","
    "                 \"idCardIssuer\": \"comuneRimini\", \"idCardIssueDate\": \"2022-03-10\","
    "                 \"idCardExpirationDate\": \"2032-03-10\"},"
    "     \"mobilePhone\": {\"countryCallingCode\": \"+39\", \"phoneNumber\": \"3331234567\"},"
    "     \"address\": {\"addressType\": \"Via\", \"addressName\": \"Roma\", \"addressNumber\": \"12/A\","
    "                  \"postalCode\": \"47822\", \"municipality\": \"I304\", \"county\": \"RN\","
    "                  \"nation\": \"Z000\"}},"
    "   \"optionalAttributes\": {\"digitalAddress\": \"anna.dangelo@pec.example.it\"}}}",
    sp_identification_get_uuid (id), hc);
  assert_json_equal (request, expected);
}

static void
test_request_born_abroad (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_italian (db);
  g_autoptr(JsonNode) request = NULL;
  JsonObject *mandatory;
  JsonObject *card;

  sp_identification_set_fields (id,
                                SP_ID_BIRTH_PLACE, "Germania", SP_ID_DOCUMENT_TYPE, "passport",
                                SP_ID_DOCUMENT_NUMBER, "YA1234567", SP_ID_DOCUMENT_ISSUER, "questura",
                                SP_ID_DOCUMENT_ISSUER_NAME, "di Reggio nell'Emilia", SP_ID_PEC, "  ",
                                NULL);
  request = build (id, &error);
  g_assert_no_error (error);

  mandatory = json_object_get_object_member (spid_attributes (request), "mandatoryAttributes");
  g_assert_cmpstr (json_object_get_string_member (mandatory, "placeOfBirth"), ==, "Z112");
  g_assert_cmpstr (json_object_get_string_member (mandatory, "countyOfBirth"), ==, "EE");
  g_assert_cmpstr (json_object_get_string_member (mandatory, "nationOfBirth"), ==, "Z112");
  card = json_object_get_object_member (mandatory, "idCard");
  g_assert_cmpstr (json_object_get_string_member (card, "idCardType"), ==, "passaporto");
  g_assert_cmpstr (json_object_get_string_member (card, "idCardIssuer"), ==, "questuraReggioNell'emilia");
  /* No PEC: no optionalAttributes at all. */
  g_assert_false (json_object_has_member (spid_attributes (request), "optionalAttributes"));
}

static void
test_request_living_abroad (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_italian (db);
  g_autoptr(JsonNode) request = NULL;
  JsonObject *mandatory;
  JsonObject *address;
  JsonObject *mobile;
  JsonObject *card;

  sp_identification_set_fields (id,
                                SP_ID_RESIDENCE_TYPE, "piazza", SP_ID_RESIDENCE_STREET, "Bundesplatz",
                                SP_ID_RESIDENCE_NUMBER, "3", SP_ID_RESIDENCE_POSTCODE, "CH 3005",
                                SP_ID_RESIDENCE_PLACE, "Svizzera", SP_ID_MOBILE_COUNTRY, "+41",
                                SP_ID_MOBILE, "+41 79 123 45 67", SP_ID_DOCUMENT_TYPE, "driving-licence",
                                SP_ID_DOCUMENT_NUMBER, "U1A23B456C", SP_ID_DOCUMENT_ISSUER, "ministero",
                                SP_ID_DOCUMENT_ISSUER_NAME, "",
                                NULL);
  request = build (id, &error);
  g_assert_no_error (error);

  mandatory = json_object_get_object_member (spid_attributes (request), "mandatoryAttributes");
  address = json_object_get_object_member (mandatory, "address");
  assert_json_equal (json_object_get_member (mandatory, "address"),
                     "{\"addressType\": \"Piazza\", \"addressName\": \"Bundesplatz\", \"addressNumber\": \"3\","
                     " \"postalCode\": \"CH3005\", \"municipality\": \"Z133\", \"county\": \"EE\","
                     " \"nation\": \"Z133\"}");
  g_assert_nonnull (address);
  mobile = json_object_get_object_member (mandatory, "mobilePhone");
  g_assert_cmpstr (json_object_get_string_member (mobile, "countryCallingCode"), ==, "+41");
  g_assert_cmpstr (json_object_get_string_member (mobile, "phoneNumber"), ==, "791234567");
  card = json_object_get_object_member (mandatory, "idCard");
  g_assert_cmpstr (json_object_get_string_member (card, "idCardType"), ==, "patenteGuida");
  g_assert_cmpstr (json_object_get_string_member (card, "idCardIssuer"), ==, "ministeroTrasporti");
}

static void
test_request_refusals (SpTestDb *db, gconstpointer data)
{
  static const char * const cases[][2] = {
    { SP_ID_DOCUMENT_TYPE, "firearms-licence" },
    { SP_ID_DOCUMENT_ISSUER, "amministrazione" },
    { SP_ID_DOCUMENT_ISSUER_NAME, "" },
    { SP_ID_RESIDENCE_TYPE, "" },
    { SP_ID_RESIDENCE_TYPE, "Boulevard" },
    { SP_ID_BIRTH_PLACE, "Atlantide" },
    { SP_ID_BIRTH_DATE, "31/02/1980" },
    { SP_ID_HEALTH_CARD_EXPIRES, "" },
    { SP_ID_HEALTH_CARD_NUMBER, "" },
    { SP_ID_MOBILE, "+41 79 123 45 67" },   /* against the default +39 */
    { SP_ID_MOBILE_COUNTRY, "39a" },
    { SP_ID_EMAIL, "anna" },
    { SP_ID_PEC, "anna@" },
    { SP_ID_SEX, "X" },
    { SP_ID_CODICE_FISCALE, "DNGNMR80" },
    { SP_ID_NAME, " " },
    { SP_ID_RESIDENCE_STREET, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpIdentification) id = make_italian (db);
      g_autoptr(JsonNode) request = NULL;

      sp_identification_set_field (id, cases[i][0], cases[i][1]);
      request = build (id, &error);
      if (request != NULL)
        g_error ("%s = “%s” was accepted", cases[i][0], cases[i][1]);
      g_assert_error (error, SP_RAO_REQUEST_ERROR, SP_RAO_REQUEST_ERROR_FIELD);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpIdentification) id = make_italian (db);

    g_assert_null (sp_rao_request_build (id, places, "", OPERATOR_ID, ISSUE_INSTANT, &error));
    g_assert_error (error, SP_RAO_REQUEST_ERROR, SP_RAO_REQUEST_ERROR_FIELD);
  }
}

/* ---- the token ----------------------------------------------------------- */

static char *
issue_token (SpTestDb         *db,
             SpIdentification *id,
             const char       *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) request = build (id, &error);
  char *token;

  g_assert_no_error (error);
  token = sp_spid_token_issue (seal, request, code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  return token;
}

static JsonNode *
decode_part (const char *part)
{
  g_autoptr(GString) text = g_string_new (part);
  g_autofree guchar *data = NULL;
  gsize len;

  g_string_replace (text, "-", "+", 0);
  g_string_replace (text, "_", "/", 0);
  while (text->len % 4 != 0)
    g_string_append_c (text, '=');
  data = g_base64_decode (text->str, &len);
  {
    g_autofree char *json = g_strndup ((const char *) data, len);
    return parse_json (json);
  }
}

static void
test_token_round_trip (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = make_italian (db);
  g_autoptr(JsonNode) request = build (id, &error);
  g_autoptr(SpSpidTokenContents) contents = NULL;
  g_autoptr(SpSpidTokenContents) sealed_only = NULL;
  g_autoptr(JsonNode) header = NULL;
  g_autoptr(JsonNode) claims = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *token = NULL;
  g_autofree char *cert_b64 = NULL;
  g_autofree char *file_name = NULL;
  const char *code = "Ab3!Cd4?Ef5#";
  JsonObject *object;
  GBytes *der = sp_seal_get_certificate (seal);

  g_assert_no_error (error);
  token = sp_spid_token_issue (seal, request, code, &error);
  g_assert_no_error (error);

  /* One line, three base64url parts without padding. */
  g_assert_null (strchr (token, '\n'));
  g_assert_null (strchr (token, '='));
  parts = g_strsplit (token, ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);

  header = decode_part (parts[0]);
  object = json_node_get_object (header);
  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "typ"), ==, "JWT");
  g_assert_cmpstr (json_object_get_string_member (object, "alg"), ==, "RS256");
  cert_b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "x5c")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "x5c"), 0),
                   ==, cert_b64);

  claims = decode_part (parts[1]);
  object = json_node_get_object (claims);
  g_assert_cmpuint (json_object_get_size (object), ==, 7);
  /* base64 ("c_i304") "." base64 ("7") */
  g_assert_cmpstr (json_object_get_string_member (object, "iss"), ==, "Y19pMzA0.Nw==");
  g_assert_cmpstr (json_object_get_string_member (object, "sub"), ==, sp_identification_get_uuid (id));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (object, "jti")));
  g_assert_cmpstr (json_object_get_string_member (object, "jti"), !=, sp_identification_get_uuid (id));
  g_assert_cmpint (json_object_get_int_member (object, "iat"), ==, 1795428000);
  g_assert_cmpint (json_object_get_int_member (object, "exp"), ==, 1795428000 + 2592000);
  g_assert_cmpstr (json_object_get_string_member (object, "fiscalNumber"), ==, "DNGNMR80A41H294X");
  {
    g_auto(GStrv) jwe = g_strsplit (json_object_get_string_member (object, "encryptedData"), ".", -1);
    g_autoptr(JsonNode) jwe_header = NULL;

    g_assert_cmpuint (g_strv_length (jwe), ==, 5);
    g_assert_cmpstr (jwe[1], ==, "");   /* dir: no encrypted key */
    jwe_header = decode_part (jwe[0]);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (jwe_header), "alg"), ==, "dir");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (jwe_header), "enc"), ==, "A256CBC-HS512");
  }

  /* Opened with the code: the same ICRequestData. */
  contents = sp_spid_token_open (token, code, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (contents->request, request));
  g_assert_true (g_bytes_equal (contents->certificate, der));

  /* Without a code: the seal is checked, the data stay closed. */
  sealed_only = sp_spid_token_open (token, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (sealed_only->request);
  g_assert_nonnull (sealed_only->claims);

  /* The whole code, typed with spaces as on paper, opens it too. */
  {
    g_autofree char *typed = sp_activation_code_parse ("Ab3!Cd 4?Ef5#", &error);
    g_autoptr(SpSpidTokenContents) again = sp_spid_token_open (token, typed, &error);
    g_assert_no_error (error);
    g_assert_nonnull (again->request);
  }

  file_name = sp_spid_token_file_name (sp_identification_get_uuid (id));
  g_assert_true (g_str_has_suffix (file_name, "_tuo_token.txt"));
  g_assert_true (g_str_has_prefix (file_name, sp_identification_get_uuid (id)));
}

static void
test_token_refusals (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpIdentification) id = make_italian (db);
  const char *code = "Ab3!Cd4?Ef5#";
  g_autofree char *token = issue_token (db, id, code);
  g_autofree char *first = sp_activation_code_first_half (code);
  g_autofree char *second = sp_activation_code_second_half (code);
  g_autofree char *swapped = g_strconcat (second, first, NULL);

  /* The halves swapped, one character changed, its case changed. */
  {
    const char *wrong[] = { swapped, "Ab3!Cd4?Ef5*", "aB3!Cd4?Ef5#" };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_true (sp_activation_code_validate (wrong[i], NULL));
        g_assert_null (sp_spid_token_open (token, wrong[i], &error));
        g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_WRONG_CODE);
      }
  }

  /* Not a code at all. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (sp_spid_token_open (token, first, &error));
    g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_CODE);
  }

  /* Any byte altered: in the header, the claims or the signature. */
  {
    gsize len = strlen (token);
    const char *dot1 = strchr (token, '.');
    const char *dot2 = strchr (dot1 + 1, '.');
    gsize positions[] = { 5, (dot1 - token) + 40, (dot2 - token) - 30, (dot2 - token) + 10, len - 5 };

    for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *altered = g_strdup (token);

        altered[positions[i]] = altered[positions[i]] == 'A' ? 'B' : 'A';
        g_assert_null (sp_spid_token_open (altered, code, &error));
        g_assert_nonnull (error);
        g_assert_true (error->domain == SP_SPID_TOKEN_ERROR);
        g_assert_true (error->code == SP_SPID_TOKEN_ERROR_SIGNATURE ||
                       error->code == SP_SPID_TOKEN_ERROR_FORMAT);
      }
  }

  /* The claims of another token under this token's signature. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *other = issue_token (db, id, code);
    g_auto(GStrv) a = g_strsplit (token, ".", -1);
    g_auto(GStrv) b = g_strsplit (other, ".", -1);
    g_autofree char *spliced = g_strjoin (".", a[0], b[1], a[2], NULL);

    g_assert_null (sp_spid_token_open (spliced, code, &error));
    g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_SIGNATURE);
  }

  /* Sealed by another seal, but with this seal's certificate in x5c. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) request = build (id, &error);
    g_autofree char *by_other = sp_spid_token_issue (other_seal, request, code, &error);
    g_auto(GStrv) a = g_strsplit (token, ".", -1);
    g_auto(GStrv) b = g_strsplit (by_other, ".", -1);
    g_autofree char *spliced = g_strjoin (".", a[0], b[1], b[2], NULL);

    g_assert_no_error (error);
    g_assert_null (sp_spid_token_open (spliced, code, &error));
    g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_SIGNATURE);
  }

  /* Not tokens. */
  {
    const char *bad[] = { "", "abc", "a.b", "a.b.c.d", "....", "eyJ0eXAiOiJKV1QifQ.e30.AAAA" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_null (sp_spid_token_open (bad[i], code, &error));
        g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_FORMAT);
      }
  }

  /* A cut token. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *cut = g_strndup (token, strlen (token) - 20);

    g_assert_null (sp_spid_token_open (cut, code, &error));
    g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_SIGNATURE);
  }
}

static void
test_jwe (void)
{
  g_autoptr(GError) error = NULL;
  const char *code = "Ab3!Cd4?Ef5#";
  g_autofree char *jwe = sp_spid_token_encrypt (code, "{\"a\": \"è\"}", &error);
  g_autofree char *again = sp_spid_token_encrypt (code, "{\"a\": \"è\"}", &error);
  g_autofree char *plain = NULL;

  g_assert_no_error (error);
  /* A fresh IV each time. */
  g_assert_cmpstr (jwe, !=, again);
  plain = sp_spid_token_decrypt (code, jwe, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "{\"a\": \"è\"}");

  g_assert_null (sp_spid_token_decrypt ("Ab3!Cd4?Ef5*", jwe, &error));
  g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_WRONG_CODE);
  g_clear_error (&error);
  g_assert_null (sp_spid_token_encrypt ("ABCDEF", "x", &error));
  g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_CODE);
  g_clear_error (&error);
  g_assert_null (sp_spid_token_decrypt (code, "not.a.jwe", &error));
  g_assert_error (error, SP_SPID_TOKEN_ERROR, SP_SPID_TOKEN_ERROR_FORMAT);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  places = sp_places_new_builtin (&error);
  g_assert_no_error (error);
  seal = sp_seal_new_demo ("Santarcangelo di Romagna", &error);
  g_assert_no_error (error);
  other_seal = sp_seal_new_demo ("Rimini", &error);
  g_assert_no_error (error);

  g_test_add_func ("/activation-code/generate", test_code_generate);
  g_test_add_func ("/activation-code/validate", test_code_validate);
  g_test_add_func ("/activation-code/halves-parse", test_code_halves_parse);
  g_test_add_func ("/activation-code/spell", test_code_spell);
  g_test_add_func ("/rao-request/capitalize", test_capitalize);
  g_test_add_func ("/rao-request/issuer", test_issuer);
  SP_TEST_ADD_SETUP ("/rao-request/italian", test_request_italian);
  SP_TEST_ADD_SETUP ("/rao-request/born-abroad", test_request_born_abroad);
  SP_TEST_ADD_SETUP ("/rao-request/living-abroad", test_request_living_abroad);
  SP_TEST_ADD_SETUP ("/rao-request/refusals", test_request_refusals);
  g_test_add_func ("/spid-token/jwe", test_jwe);
  SP_TEST_ADD_SETUP ("/spid-token/round-trip", test_token_round_trip);
  SP_TEST_ADD_SETUP ("/spid-token/refusals", test_token_refusals);

  result = g_test_run ();

  g_clear_object (&seal);
  g_clear_object (&other_seal);
  g_clear_object (&places);
  return result;
}
