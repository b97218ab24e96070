/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-identification-rules.c — what a SPID identification needs to be completed:
 * the citizen, the document, the health card, the contacts, the checklist */
#define G_LOG_DOMAIN "sp-identification"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-contact.h"
#include "sp-document.h"
#include "sp-health-card.h"
#include "sp-identification-private.h"
#include "sp-operator.h"
#include "sp-rao-request.h"
#include "sp-seal.h"

void
sp_identification_problem_free (SpIdentificationProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* How streets are written in Italy, abbreviations included ("P.zza"). */
static const struct { const char *written; const char *type; } street_prefixes[] = {
  { "Via", "Via" }, { "Viale", "Viale" }, { "V.le", "Viale" }, { "Vicolo", "Vicolo" },
  { "Vic.", "Vicolo" }, { "Strada", "Strada" }, { "Str.", "Strada" }, { "Piazza", "Piazza" },
  { "P.zza", "Piazza" }, { "P.za", "Piazza" }, { "Piazzale", "Piazzale" }, { "P.le", "Piazzale" },
  { "Largo", "Largo" }, { "L.go", "Largo" }, { "Corso", "Corso" }, { "C.so", "Corso" },
  { "Contrada", "Contrada" }, { "C.da", "Contrada" },
};

const char *
sp_identification_split_street (const char  *street,
                                const char **name)
{
  const char *p;

  g_return_val_if_fail (street != NULL, NULL);

  p = street;
  while (g_ascii_isspace (*p))
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (street_prefixes); i++)
    {
      gsize len = strlen (street_prefixes[i].written);
      const char *rest = p + len;

      /* "Via" is a type in "Via Roma" and "Via.Roma", not in "Viareggio". */
      if (g_ascii_strncasecmp (p, street_prefixes[i].written, len) != 0)
        continue;
      if (street_prefixes[i].written[len - 1] != '.' && *rest == '.')
        rest++;
      else if (street_prefixes[i].written[len - 1] != '.' && !g_ascii_isspace (*rest))
        continue;
      while (g_ascii_isspace (*rest))
        rest++;
      if (*rest == '\0')
        continue;
      if (name != NULL)
        *name = rest;
      for (guint t = 0; sp_rao_address_types[t] != NULL; t++)
        if (g_str_equal (sp_rao_address_types[t], street_prefixes[i].type))
          return sp_rao_address_types[t];
      g_return_val_if_reached (NULL);
    }
  return NULL;
}

static char *
mobile_country_digits (SpIdentification  *self,
                       GError           **error)
{
  g_autofree char *text = g_strstrip (g_strdup (sp_identification_get_field (self, SP_ID_MOBILE_COUNTRY)));
  const char *digits = text;
  gsize len;

  if (*text == '\0')
    return g_strdup (SP_CONTACT_DEFAULT_COUNTRY);
  if (*digits == '+')
    digits++;
  else if (g_str_has_prefix (digits, "00"))
    digits += 2;
  len = strlen (digits);
  if (len < 1 || len > 3 || strspn (digits, "0123456789") != len || digits[0] == '0')
    {
      g_set_error_literal (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_INVALID,
                           _("The country calling code is + and 1 to 3 digits, for example +39 for Italy."));
      return NULL;
    }
  return g_strdup (digits);
}

char *
sp_identification_normalize_mobile (SpIdentification  *self,
                                    GError           **error)
{
  g_autofree char *country = NULL;
  g_autofree char *prefix = NULL;
  char *e164;

  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), NULL);

  country = mobile_country_digits (self, error);
  if (country == NULL)
    return NULL;
  e164 = sp_contact_normalize_phone (sp_identification_get_field (self, SP_ID_MOBILE), country, error);
  if (e164 == NULL)
    return NULL;

  /* A number typed with its own prefix must agree with the code chosen. */
  prefix = g_strconcat ("+", country, NULL);
  if (!g_str_has_prefix (e164, prefix))
    {
      g_set_error (error, SP_CONTACT_ERROR, SP_CONTACT_ERROR_PHONE_INVALID,
                   /* Translators: %s is the country calling code chosen, "+39". */
                   _("The number is typed with another country prefix than %s: type it without the "
                     "prefix, or change the country calling code."), prefix);
      g_free (e164);
      return NULL;
    }
  return e164;
}

gboolean
sp_identification_can_seal (SpStore  *store,
                            GError  **error)
{
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  seal = sp_seal_load (store, &local_error);
  if (seal == NULL || sp_seal_is_demo (seal))
    {
      if (local_error != NULL && !g_error_matches (local_error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE))
        g_warning ("The comune’s seal cannot be read: %s", local_error->message);
      g_set_error_literal (error, SP_SEAL_ERROR, SP_SEAL_ERROR_NONE,
                           _("This desk cannot seal RAO identifications: the IT office must set the "
                             "comune’s seal certificate."));
      return FALSE;
    }
  if (!sp_seal_check_usable (seal, sp_store_now (), &local_error))
    {
      /* Translators: %s says why the certificate is not usable (expired …). */
      g_set_error (error, local_error->domain, local_error->code,
                   _("This desk cannot seal RAO identifications: %s The IT office must set a valid "
                     "seal certificate for the comune."), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
add_problem (GPtrArray            *problems,
             SpIdentificationStep  step,
             const char           *field,
             const char           *rule,
             const char           *message)
{
  SpIdentificationProblem *p = g_new0 (SpIdentificationProblem, 1);

  p->step = step;
  p->field = field;
  p->rule = rule;
  p->message = g_strdup (message);
  g_ptr_array_add (problems, p);
}

static gboolean
field_empty (SpIdentification *self,
             const char       *key)
{
  g_autofree char *text = g_strstrip (g_strdup (sp_identification_get_field (self, key)));
  return *text == '\0';
}

const char *
sp_identification_resolve_place_code (SpIdentification *self,
                                      const char       *key,
                                      SpPlaces         *places,
                                      const GDate      *date,
                                      GError          **error)
{
  const SpPlace *place;
  const char *text = sp_identification_get_field (self, key);

  if (places == NULL)
    return *text != '\0' ? text : NULL;

  place = sp_places_resolve (places, text, date, error);
  return place != NULL ? place->code : NULL;
}

char
sp_identification_get_typed_sex (SpIdentification *self)
{
  const char *sex = sp_identification_get_field (self, SP_ID_SEX);
  char c = g_ascii_toupper (sex[0]);

  return (c == 'M' || c == 'F') && sex[1] == '\0' ? c : 0;
}

/* The surname or given name as typed, or "" when the citizen has none. */
static const char *
name_part (SpIdentification *self,
           const char       *key,
           const char       *none_flag)
{
  return sp_identification_get_flag (self, none_flag) ? "" : sp_identification_get_field (self, key);
}

/* TRUE when the part is typed, or the citizen has none. */
static gboolean
has_name_part (SpIdentification *self,
               const char       *key,
               const char       *none_flag)
{
  return sp_identification_get_flag (self, none_flag) || !field_empty (self, key);
}

SpCfMismatch
sp_identification_get_mismatches (SpIdentification *self,
                                  SpPlaces         *places)
{
  GDate birth;
  const char *place_code;
  char sex = sp_identification_get_typed_sex (self);

  if (!sp_identification_parse_date (sp_identification_get_field (self, SP_ID_BIRTH_DATE), &birth) ||
      sex == 0 || !has_name_part (self, SP_ID_SURNAME, SP_ID_FLAG_NO_SURNAME) ||
      !has_name_part (self, SP_ID_NAME, SP_ID_FLAG_NO_NAME))
    return SP_CF_MISMATCH_NONE;

  place_code = sp_identification_resolve_place_code (self, SP_ID_BIRTH_PLACE, places, &birth, NULL);
  if (place_code == NULL)
    return SP_CF_MISMATCH_NONE;

  return sp_codice_fiscale_compare (sp_identification_get_field (self, SP_ID_CODICE_FISCALE),
                                    name_part (self, SP_ID_SURNAME, SP_ID_FLAG_NO_SURNAME),
                                    name_part (self, SP_ID_NAME, SP_ID_FLAG_NO_NAME),
                                    sex, &birth, place_code) & ~SP_CF_MISMATCH_INVALID;
}

static int
age_on (const GDate *birth,
        const GDate *today)
{
  int age = g_date_get_year (today) - g_date_get_year (birth);

  if (g_date_get_month (today) < g_date_get_month (birth) ||
      (g_date_get_month (today) == g_date_get_month (birth) &&
       g_date_get_day (today) < g_date_get_day (birth)))
    age--;
  return age;
}

/* Street, number, postcode and place: a comune, or a foreign state (the
 * postcode is then the other country's, the town goes with the street).
 * The address type is what AgID's token needs, so it is a RAO rule. */
static void
check_residence (SpIdentification *self,
                 SpPlaces         *places,
                 const GDate      *today,
                 GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_CITIZEN;
  const SpPlace *place = NULL;
  gboolean abroad = FALSE;

  if (field_empty (self, SP_ID_RESIDENCE_PLACE))
    add_problem (problems, S, SP_ID_RESIDENCE_PLACE, "residence",
                 _("Type the comune of residence, or the foreign state."));
  else if (places != NULL)
    {
      g_autoptr(GError) error = NULL;

      place = sp_places_resolve (places, sp_identification_get_field (self, SP_ID_RESIDENCE_PLACE),
                                 today, &error);
      if (place == NULL)
        add_problem (problems, S, SP_ID_RESIDENCE_PLACE, "residence", error->message);
      else if (!sp_place_is_valid_on (place, today))
        {
          g_autofree char *message =
            /* Translators: %s is a comune's or state's name. */
            g_strdup_printf (_("%s no longer exists: type the comune or state of residence as it is called today."),
                             place->name);
          add_problem (problems, S, SP_ID_RESIDENCE_PLACE, "residence", message);
        }
      else
        abroad = place->kind == SP_PLACE_STATE;
    }

  if (sp_identification_get_channel (self) == SP_IDENTIFICATION_CHANNEL_RAO)
    {
      const char *type = sp_identification_get_field (self, SP_ID_RESIDENCE_TYPE);
      gboolean known = FALSE;

      for (guint i = 0; sp_rao_address_types[i] != NULL; i++)
        known |= g_str_equal (type, sp_rao_address_types[i]);
      if (!known)
        add_problem (problems, S, SP_ID_RESIDENCE_TYPE, "residence-type",
                     _("Choose the type of address: Via, Piazza … or Altro."));
    }

  if (field_empty (self, SP_ID_RESIDENCE_STREET))
    add_problem (problems, S, SP_ID_RESIDENCE_STREET, "residence",
                 abroad ? _("Type the street and the town of residence.")
                        : _("Type the street of residence."));
  if (field_empty (self, SP_ID_RESIDENCE_NUMBER))
    add_problem (problems, S, SP_ID_RESIDENCE_NUMBER, "residence", _("Type the house number."));

  {
    g_autofree char *cap = g_strstrip (g_strdup (sp_identification_get_field (self, SP_ID_RESIDENCE_POSTCODE)));
    gsize len = strlen (cap);

    if (abroad)
      {
        gboolean ok = len >= 2 && len <= 10;

        for (const char *p = cap; ok && *p != '\0'; p++)
          ok = g_ascii_isalnum (*p) || *p == ' ' || *p == '-';
        if (!ok)
          add_problem (problems, S, SP_ID_RESIDENCE_POSTCODE, "residence",
                       _("Type the postcode of the foreign address: 2 to 10 letters, digits, spaces or dashes."));
      }
    else if (len != 5 || strspn (cap, "0123456789") != 5)
      add_problem (problems, S, SP_ID_RESIDENCE_POSTCODE, "residence",
                   _("The postcode (CAP) has 5 digits."));
  }
}

/* Where each disagreement with the codice fiscale is shown. */
static const struct
{
  SpCfMismatch  mismatch;
  const char   *field;
  const char   *message;
} cf_mismatches[] = {
  { SP_CF_MISMATCH_SURNAME, SP_ID_SURNAME,
    N_("The surname does not match the codice fiscale: confirm it if the document says so.") },
  { SP_CF_MISMATCH_NAME, SP_ID_NAME,
    N_("The name does not match the codice fiscale: confirm it if the document says so.") },
  { SP_CF_MISMATCH_SEX, SP_ID_SEX,
    N_("The sex does not match the codice fiscale: confirm it if the document says so.") },
  { SP_CF_MISMATCH_BIRTH_DATE, SP_ID_BIRTH_DATE,
    N_("The date of birth does not match the codice fiscale: confirm it if the document says so.") },
  { SP_CF_MISMATCH_PLACE, SP_ID_BIRTH_PLACE,
    N_("The place of birth does not match the codice fiscale: confirm it if the document says so.") },
};

static void
check_citizen (SpIdentification *self,
               SpStore          *store,
               SpPlaces         *places,
               const GDate      *today,
               GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_CITIZEN;
  g_autoptr(SpCfInfo) info = NULL;
  g_autoptr(SpOperator) op = NULL;
  GDate birth;
  gboolean birth_ok;
  SpCfMismatch mismatches, unacknowledged;

  if (sp_identification_get_channel (self) == SP_IDENTIFICATION_CHANNEL_RAO && store != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!sp_identification_can_seal (store, &error))
        add_problem (problems, S, "channel", SP_ID_RULE_SEAL, error->message);
    }

  if (sp_identification_get_channel (self) == SP_IDENTIFICATION_CHANNEL_PARTNER)
    {
      if (field_empty (self, SP_ID_PROVIDER))
        add_problem (problems, S, SP_ID_PROVIDER, "provider",
                     _("Name the identity provider of the partner counter."));
      if (field_empty (self, SP_ID_PROVIDER_REQUEST_CODE))
        add_problem (problems, S, SP_ID_PROVIDER_REQUEST_CODE, "provider-request",
                     _("Type the request code the citizen received from the provider."));
    }

  info = sp_codice_fiscale_check (sp_identification_get_field (self, SP_ID_CODICE_FISCALE), places, today);
  if (!sp_cf_info_is_valid (info))
    add_problem (problems, S, SP_ID_CODICE_FISCALE, "cf-invalid",
                 sp_cf_info_get_error (info)->message);

  /* Some foreign citizens have one name only, never none. */
  if (sp_identification_get_flag (self, SP_ID_FLAG_NO_SURNAME) &&
      sp_identification_get_flag (self, SP_ID_FLAG_NO_NAME))
    add_problem (problems, S, SP_ID_FLAG_NO_NAME, "no-names",
                 _("A citizen has a surname, a given name or both: untick “No surname” or “No given name”."));
  else
    {
      if (!has_name_part (self, SP_ID_SURNAME, SP_ID_FLAG_NO_SURNAME))
        add_problem (problems, S, SP_ID_SURNAME, "surname", _("Type the surname."));
      if (!has_name_part (self, SP_ID_NAME, SP_ID_FLAG_NO_NAME))
        add_problem (problems, S, SP_ID_NAME, "name", _("Type the name."));
    }
  if (sp_identification_get_typed_sex (self) == 0)
    add_problem (problems, S, SP_ID_SEX, "sex", _("Choose the sex: M or F."));

  birth_ok = sp_identification_parse_date (sp_identification_get_field (self, SP_ID_BIRTH_DATE), &birth);
  if (!birth_ok)
    add_problem (problems, S, SP_ID_BIRTH_DATE, "birth-date",
                 _("Type the date of birth as day/month/year, for example 31/12/1980."));
  else if (g_date_compare (&birth, today) > 0)
    {
      add_problem (problems, S, SP_ID_BIRTH_DATE, "birth-date",
                   _("The date of birth is in the future."));
      birth_ok = FALSE;
    }

  if (field_empty (self, SP_ID_BIRTH_PLACE))
    add_problem (problems, S, SP_ID_BIRTH_PLACE, "birth-place",
                 _("Type the comune or foreign state of birth."));
  else
    {
      g_autoptr(GError) error = NULL;
      if (sp_identification_resolve_place_code (self, SP_ID_BIRTH_PLACE, places, birth_ok ? &birth : NULL, &error) == NULL)
        add_problem (problems, S, SP_ID_BIRTH_PLACE, "birth-place",
                     error != NULL ? error->message : _("No comune or state has this name."));
    }

  check_residence (self, places, today, problems);

  /* The code must agree with the data, or the clerk confirms it does not. */
  if (sp_cf_info_is_valid (info))
    {
      mismatches = sp_identification_get_mismatches (self, places);
      unacknowledged = mismatches & ~sp_identification_get_acknowledged (self);
      for (guint i = 0; i < G_N_ELEMENTS (cf_mismatches); i++)
        if (unacknowledged & cf_mismatches[i].mismatch)
          add_problem (problems, S, cf_mismatches[i].field, "cf-mismatch", _(cf_mismatches[i].message));

      op = sp_operator_find_by_codice_fiscale (store, info->code);
      if (op != NULL)
        add_problem (problems, S, SP_ID_CODICE_FISCALE, "operator",
                     _("This codice fiscale belongs to an operator: an operator cannot be identified at their own comune’s desk."));
    }

  /* Adults only, unless the comune allows minors with a guardian. */
  if (birth_ok && age_on (&birth, today) < SP_SPID_ADULT_AGE)
    {
      if (sp_store_get_setting_int (store, SP_SETTING_SPID_MINORS_ALLOWED, 0) == 0)
        add_problem (problems, S, SP_ID_BIRTH_DATE, "minor",
                     _("The citizen is under 18: this comune identifies adults only."));
      else
        {
          g_autoptr(SpCfInfo) guardian = NULL;

          if (field_empty (self, SP_ID_GUARDIAN_NAME))
            add_problem (problems, S, SP_ID_GUARDIAN_NAME, "guardian",
                         _("The citizen is under 18: type the name of the parent or guardian present."));
          guardian = sp_codice_fiscale_check (sp_identification_get_field (self, SP_ID_GUARDIAN_CF),
                                              places, today);
          if (!sp_cf_info_is_valid (guardian))
            add_problem (problems, S, SP_ID_GUARDIAN_CF, "guardian",
                         _("Type the codice fiscale of the parent or guardian."));
        }
    }
}

static gboolean
starts_with_word (const char *text,
                  const char *word)
{
  gsize len = strlen (word);

  return g_ascii_strncasecmp (text, word, len) == 0 && text[len] == ' ';
}

/* What AgID's token can carry (RAO-TOKEN.md §2, idCard): three types of
 * document, seven kinds of issuer (the Ministry being the MIT, for a
 * driving licence), and the issuer's place, which the token joins to the
 * kind ("comuneRimini"). */
static void
check_document_for_token (SpIdentification *self,
                          SpDocumentType    type,
                          SpIssuerType      issuer,
                          GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_DOCUMENT;
  const char *issuer_id = sp_identification_get_field (self, SP_ID_DOCUMENT_ISSUER);
  g_autofree char *place = g_strstrip (g_strdup (sp_identification_get_field (self, SP_ID_DOCUMENT_ISSUER_NAME)));

  if (sp_rao_request_card_type (sp_document_type_to_string (type)) == NULL)
    {
      add_problem (problems, S, SP_ID_DOCUMENT_TYPE, "document-rao",
                   _("AgID’s token for RAO pubblico accepts only an identity card, a passport or a "
                     "driving licence: ask for one of them, or identify at the partner counter."));
      return;
    }
  if (issuer == SP_ISSUER_NONE)
    return;   /* sp_document_check () asks for it */
  if (sp_rao_request_issuer_kind (issuer_id) == NULL)
    {
      add_problem (problems, S, SP_ID_DOCUMENT_ISSUER, "document-rao",
                   _("AgID’s token for RAO pubblico accepts only an identity card, a passport or a "
                     "driving licence issued by a comune, questura, prefettura, motorizzazione, the "
                     "Ministry of Transport, a consulate or an embassy."));
      return;
    }
  if (issuer == SP_ISSUER_MINISTERO)
    {
      if (type != SP_DOCUMENT_DRIVING_LICENCE)
        add_problem (problems, S, SP_ID_DOCUMENT_ISSUER, "document-rao",
                     _("For AgID’s token the Ministry is the Ministry of Transport, which issues "
                       "driving licences: choose the office that issued this document."));
      return;   /* "ministeroTrasporti" alone: no place */
    }

  if (*place == '\0')
    add_problem (problems, S, SP_ID_DOCUMENT_ISSUER_NAME, "document-issuer-name",
                 _("Type the place of the issuing office, for example “Rimini” for the Comune di Rimini."));
  else
    {
      /* The kind is chosen above: the place alone, or the token would say
       * "comuneComuneDiRimini". */
      if (starts_with_word (place, issuer_id) ||
          starts_with_word (place, _(sp_issuer_type_get_name (issuer))))
        add_problem (problems, S, SP_ID_DOCUMENT_ISSUER_NAME, "document-issuer-name",
                     _("Type only the place of the issuing office, for example “Rimini”: its kind is chosen above."));
      else
        for (const char *p = place; *p != '\0'; p = g_utf8_next_char (p))
          {
            gunichar c = g_utf8_get_char (p);
            if (!g_unichar_isalpha (c) && c != ' ' && c != '\'' && c != '-' && c != 0x2019)
              {
                add_problem (problems, S, SP_ID_DOCUMENT_ISSUER_NAME, "document-issuer-name",
                             _("The place of the issuing office is a name: letters, spaces, apostrophes and dashes."));
                break;
              }
          }
    }
}

static void
check_document (SpIdentification *self,
                const GDate      *today,
                GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_DOCUMENT;
  g_autoptr(SpDocumentCheck) check = NULL;
  SpDocumentType type;
  SpIssuerType issuer = SP_ISSUER_NONE;
  GDate issued, expires;
  gboolean has_issued, has_expires;

  if (!sp_document_type_from_string (sp_identification_get_field (self, SP_ID_DOCUMENT_TYPE), &type))
    {
      add_problem (problems, S, SP_ID_DOCUMENT_TYPE, "document-type",
                   _("Choose the type of identity document."));
      return;
    }

  sp_issuer_type_from_string (sp_identification_get_field (self, SP_ID_DOCUMENT_ISSUER), &issuer);
  has_issued = sp_identification_parse_date (sp_identification_get_field (self, SP_ID_DOCUMENT_ISSUED), &issued);
  has_expires = sp_identification_parse_date (sp_identification_get_field (self, SP_ID_DOCUMENT_EXPIRES), &expires);

  check = sp_document_check (type, sp_identification_get_field (self, SP_ID_DOCUMENT_NUMBER), issuer,
                             has_issued ? &issued : NULL, has_expires ? &expires : NULL, today);

  for (guint i = 0; i < check->errors->len; i++)
    {
      const GError *e = g_ptr_array_index (check->errors, i);
      const char *field = SP_ID_DOCUMENT_NUMBER;

      switch (e->code)
        {
        case SP_DOCUMENT_ERROR_ISSUER:
          field = SP_ID_DOCUMENT_ISSUER;
          break;
        case SP_DOCUMENT_ERROR_ISSUE_DATE:
          field = SP_ID_DOCUMENT_ISSUED;
          break;
        case SP_DOCUMENT_ERROR_EXPIRY_DATE:
        case SP_DOCUMENT_ERROR_EXPIRED:
          field = SP_ID_DOCUMENT_EXPIRES;
          break;
        case SP_DOCUMENT_ERROR_NOT_ACCEPTED:
          field = SP_ID_DOCUMENT_TYPE;
          break;
        default:
          break;
        }
      add_problem (problems, S, field,
                   e->code == SP_DOCUMENT_ERROR_NOT_ACCEPTED ? "document-not-accepted" : "document",
                   e->message);
    }

  if (check->warnings->len > 0 && !sp_identification_get_flag (self, SP_ID_FLAG_DOCUMENT_WARNING))
    {
      const GError *e = g_ptr_array_index (check->warnings, 0);
      add_problem (problems, S, SP_ID_FLAG_DOCUMENT_WARNING, "document-warning", e->message);
    }

  if (sp_identification_get_channel (self) == SP_IDENTIFICATION_CHANNEL_RAO)
    check_document_for_token (self, type, issuer, problems);
  else if (field_empty (self, SP_ID_DOCUMENT_ISSUER_NAME))
    add_problem (problems, S, SP_ID_DOCUMENT_ISSUER_NAME, "document-issuer-name",
                 _("Type who issued the document, for example “Comune di Rimini”."));
}

static void
check_health_card (SpIdentification *self,
                   const GDate      *today,
                   GPtrArray        *problems)
{
  g_autoptr(GError) error = NULL;
  GDate expires;
  gboolean has_expires;

  has_expires = sp_identification_parse_date (sp_identification_get_field (self, SP_ID_HEALTH_CARD_EXPIRES), &expires);
  if (!sp_health_card_validate_number (sp_identification_get_field (self, SP_ID_HEALTH_CARD_NUMBER), &error))
    {
      add_problem (problems, SP_IDENTIFICATION_STEP_HEALTH_CARD, SP_ID_HEALTH_CARD_NUMBER,
                   "health-card", error->message);
      return;
    }
  if (!has_expires)
    {
      add_problem (problems, SP_IDENTIFICATION_STEP_HEALTH_CARD, SP_ID_HEALTH_CARD_EXPIRES,
                   "health-card", _("Type the health card’s expiry date as day/month/year."));
      return;
    }
  if (!sp_health_card_validate (sp_identification_get_field (self, SP_ID_HEALTH_CARD_NUMBER),
                                &expires, today, &error))
    add_problem (problems, SP_IDENTIFICATION_STEP_HEALTH_CARD, SP_ID_HEALTH_CARD_EXPIRES,
                 "health-card", error->message);
}

static void
check_contacts (SpIdentification *self,
                GPtrArray        *problems)
{
  const SpIdentificationStep S = SP_IDENTIFICATION_STEP_CONTACTS;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *country = NULL;
  g_autofree char *mobile = NULL;

  email = sp_contact_normalize_email (sp_identification_get_field (self, SP_ID_EMAIL), &error);
  if (email == NULL)
    add_problem (problems, S, SP_ID_EMAIL, "email", error->message);
  else
    {
      g_autofree char *confirmed = sp_contact_confirm_email (sp_identification_get_field (self, SP_ID_EMAIL),
                                                             sp_identification_get_field (self, SP_ID_EMAIL_CONFIRM),
                                                             &error);
      if (confirmed == NULL)
        add_problem (problems, S, SP_ID_EMAIL_CONFIRM, "email", error->message);
    }
  g_clear_error (&error);

  country = mobile_country_digits (self, &error);
  if (country == NULL)
    add_problem (problems, S, SP_ID_MOBILE_COUNTRY, "mobile", error->message);
  else if ((mobile = sp_identification_normalize_mobile (self, &error)) == NULL)
    add_problem (problems, S, SP_ID_MOBILE, "mobile", error->message);
  else
    {
      g_autofree char *confirmed = sp_contact_confirm_phone (sp_identification_get_field (self, SP_ID_MOBILE),
                                                             sp_identification_get_field (self, SP_ID_MOBILE_CONFIRM),
                                                             country, &error);
      if (confirmed == NULL)
        add_problem (problems, S, SP_ID_MOBILE_CONFIRM, "mobile", error->message);
    }
  g_clear_error (&error);

  if (!field_empty (self, SP_ID_PEC))
    {
      g_autofree char *pec = sp_contact_normalize_email (sp_identification_get_field (self, SP_ID_PEC), &error);
      if (pec == NULL)
        add_problem (problems, S, SP_ID_PEC, "pec", error->message);
    }

  if (!sp_identification_get_flag (self, SP_ID_FLAG_CONSENT))
    add_problem (problems, S, SP_ID_FLAG_CONSENT, "consent",
                 _("The citizen must agree that the data are passed to the identity provider."));
}

static void
check_checklist (SpIdentification *self,
                 GPtrArray        *problems)
{
  static const struct
  {
    const char *flag;
    const char *message;
  } checklist[] = {
    { SP_ID_FLAG_CHECK_PHOTO,    N_("Confirm that the photo matches the person.") },
    { SP_ID_FLAG_CHECK_DOCUMENT, N_("Confirm that the document is original and intact.") },
    { SP_ID_FLAG_CHECK_PRIVACY,  N_("Confirm that the privacy notice was given.") },
    { SP_ID_FLAG_CHECK_SIGNED,   N_("Confirm that the citizen signed the application.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checklist); i++)
    if (!sp_identification_get_flag (self, checklist[i].flag))
      add_problem (problems, SP_IDENTIFICATION_STEP_CHECKS, checklist[i].flag, "checklist",
                   _(checklist[i].message));
}

GPtrArray *
sp_identification_check (SpIdentification *self,
                         SpStore          *store,
                         SpPlaces         *places,
                         const GDate      *today)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_identification_problem_free);

  g_return_val_if_fail (SP_IS_IDENTIFICATION (self), problems);
  g_return_val_if_fail (today != NULL && g_date_valid (today), problems);

  check_citizen (self, store, places, today, problems);
  check_document (self, today, problems);
  check_health_card (self, today, problems);
  check_contacts (self, problems);
  check_checklist (self, problems);

  return problems;
}
