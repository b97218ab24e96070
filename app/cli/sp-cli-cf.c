/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-cf.c — sportello-admin cf check|compute */
#define G_LOG_DOMAIN "sp-cli-cf"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sp-cli-identity.h"
#include "sp-codice-fiscale.h"

/* Stable names of SpCfError for scripts. */
static const char * const error_names[] = {
  [SP_CF_ERROR_EMPTY] = "empty",
  [SP_CF_ERROR_CHARACTER] = "character",
  [SP_CF_ERROR_LENGTH] = "length",
  [SP_CF_ERROR_LETTER_EXPECTED] = "letter-expected",
  [SP_CF_ERROR_DIGIT_EXPECTED] = "digit-expected",
  [SP_CF_ERROR_MONTH] = "month",
  [SP_CF_ERROR_DAY] = "day",
  [SP_CF_ERROR_DATE] = "date",
  [SP_CF_ERROR_PLACE_FORMAT] = "place-format",
  [SP_CF_ERROR_PLACE_UNKNOWN] = "place-unknown",
  [SP_CF_ERROR_CHECK] = "check-character",
  [SP_CF_ERROR_INPUT] = "input",
  [SP_CF_ERROR_FUTURE] = "future",
};

static char *
format_birth_date (const SpCfInfo *info,
                   int             year)
{
  if (year == 0 || info->month == 0 || info->day == 0)
    return NULL;
  return g_strdup_printf ("%04d-%02u-%02u", year, info->month, info->day);
}

static JsonNode *
build_info (const SpCfInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *birth = format_birth_date (info, info->birth_year);
  g_autofree char *other = format_birth_date (info, info->other_birth_year);
  char sex[2] = { info->sex, '\0' };

  json_builder_begin_object (builder);
  sp_cli_json_add_string_or_null (builder, "code", info->code);
  sp_cli_json_add_boolean (builder, "valid", sp_cf_info_is_valid (info));

  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < info->errors->len; i++)
    {
      const GError *error = g_ptr_array_index (info->errors, i);

      json_builder_begin_object (builder);
      sp_cli_json_add_error (builder, error, error_names, G_N_ELEMENTS (error_names));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  sp_cli_json_add_string_or_null (builder, "base_code", info->base_code);
  sp_cli_json_add_int (builder, "omocodia_level", info->omocodia_level);
  sp_cli_json_add_string_or_null (builder, "sex", info->sex != 0 ? sex : NULL);
  sp_cli_json_add_string_or_null (builder, "birth_date", birth);
  /* Set when the century is ambiguous (both within 120 years). */
  sp_cli_json_add_string_or_null (builder, "birth_date_other", other);
  sp_cli_json_add_string_or_null (builder, "place_code", info->place_code);
  sp_cli_json_add_string_or_null (builder, "place_name", info->place != NULL ? info->place->name : NULL);
  sp_cli_json_add_string_or_null (builder, "place_province", info->place != NULL ? info->place->province : NULL);
  sp_cli_json_add_string_or_null (builder, "place_kind",
                      info->place == NULL ? NULL
                      : info->place->kind == SP_PLACE_COMUNE ? "comune" : "state");
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
run_check (SpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(SpPlaces) places = NULL;
  gboolean pretty = FALSE;
  gboolean no_places = FALSE;
  int status = 0;
  const GOptionEntry entries[] = {
    { "pretty", 0, 0, G_OPTION_ARG_NONE, &pretty, N_("Indent the JSON"), NULL },
    { "no-places", 0, 0, G_OPTION_ARG_NONE, &no_places, N_("Do not check that the place code exists"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("CODE… — check codici fiscali; one JSON object per code"),
                             NULL, entries))
    return 2;
  if (argc < 2)
    return sp_cli_usage_error (_("Usage: sportello-admin cf check [--pretty] CODE…"));

  if (!no_places)
    {
      places = sp_cli_load_places (cli);
      if (places == NULL)
        return 1;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(SpCfInfo) info = sp_codice_fiscale_check (argv[i], places, NULL);
      g_autoptr(JsonNode) node = build_info (info);

      sp_cli_print_json (node, pretty);
      if (!sp_cf_info_is_valid (info))
        status = 1;
    }

  return status;
}

static int
run_compute (SpCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPlaces) places = NULL;
  g_autofree char *surname = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sex = NULL;
  g_autofree char *birth_date = NULL;
  g_autofree char *birth_place = NULL;
  g_autofree char *code = NULL;
  const SpPlace *place;
  GDate date;
  guint y, m, d;
  char extra;
  const GOptionEntry entries[] = {
    { "surname", 0, 0, G_OPTION_ARG_STRING, &surname, N_("Surname(s)"), "S" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Given name(s)"), "N" },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("M or F"), "M|F" },
    { "birth-date", 0, 0, G_OPTION_ARG_STRING, &birth_date, N_("Birth date"), "YYYY-MM-DD" },
    { "birth-place", 0, 0, G_OPTION_ARG_STRING, &birth_place, N_("Comune or state, by name or code"), "NAME|CODE" },
    { NULL }
  };

  if (!sp_cli_parse_options (&argc, &argv, _("— compute a codice fiscale"), NULL, entries))
    return 2;
  if (argc != 1 || surname == NULL || name == NULL || sex == NULL ||
      birth_date == NULL || birth_place == NULL)
    return sp_cli_usage_error (_("Usage: sportello-admin cf compute --surname S --name N --sex M|F "
                                 "--birth-date YYYY-MM-DD --birth-place NAME|CODE"));

  if ((g_ascii_strcasecmp (sex, "M") != 0 && g_ascii_strcasecmp (sex, "F") != 0))
    return sp_cli_usage_error (_("--sex must be M or F"));

  g_date_clear (&date, 1);
  if (sscanf (birth_date, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return sp_cli_usage_error (_("--birth-date must be a date written YYYY-MM-DD"));
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  places = sp_cli_load_places (cli);
  if (places == NULL)
    return 1;

  place = sp_places_resolve (places, birth_place, &date, &error);
  if (place == NULL)
    return sp_cli_fail (error, 1);

  code = sp_codice_fiscale_compute (surname, name, sex[0], &date, place->code, &error);
  if (code == NULL)
    return sp_cli_fail (error, 1);

  g_print ("%s\n", code);
  return 0;
}

static const SpCliSubcommand subcommands[] = {
  { "check",   run_check },
  { "compute", run_compute },
};

const SpCliGroup sp_cli_cf_group = {
  subcommands, G_N_ELEMENTS (subcommands),
  N_("Usage: sportello-admin cf check|compute …")
};
