/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-mrz.c — sportello-admin mrz parse */
#define G_LOG_DOMAIN "sp-cli-mrz"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sp-cli-identity.h"
#include "sp-mrz.h"

static const char * const error_names[] = {
  [SP_MRZ_ERROR_FORMAT] = "format",
  [SP_MRZ_ERROR_CHARACTER] = "character",
  [SP_MRZ_ERROR_CHECK_NUMBER] = "document-number",
  [SP_MRZ_ERROR_CHECK_BIRTH] = "birth-date",
  [SP_MRZ_ERROR_CHECK_EXPIRY] = "expiry-date",
  [SP_MRZ_ERROR_CHECK_OPTIONAL] = "personal-number",
  [SP_MRZ_ERROR_CHECK_COMPOSITE] = "composite",
  [SP_MRZ_ERROR_DATE] = "date",
  [SP_MRZ_ERROR_SEX] = "sex",
};

static char *
read_stdin (void)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  size_t n;

  /* An MRZ is under 100 characters: stop reading well after that. */
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0 && text->len < 64 * 1024)
    g_string_append_len (text, buffer, (gssize) n);

  return g_string_free (text, FALSE);
}

int
sp_cli_mrz (SpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = NULL;
  g_autofree char *text = NULL;
  gboolean pretty = argc == 3 && g_str_equal (argv[2], "--pretty");

  if (argc < 2 || !g_str_equal (argv[1], "parse") || (argc == 3 && !pretty) || argc > 3)
    return sp_cli_usage_error (_("Usage: sportello-admin mrz parse [--pretty] < MRZ"));

  text = read_stdin ();
  mrz = sp_mrz_parse (text, NULL, &error);

  json_builder_begin_object (builder);
  sp_cli_json_add_boolean (builder, "valid", mrz != NULL);

  if (mrz == NULL)
    sp_cli_json_add_error (builder, error, error_names, G_N_ELEMENTS (error_names));
  else
    {
      char sex[2] = { mrz->sex, '\0' };

      sp_cli_json_add_string_or_null (builder, "format", sp_mrz_format_to_string (mrz->format));
      sp_cli_json_add_string_or_null (builder, "document_code", mrz->document_code);
      sp_cli_json_add_string_or_null (builder, "issuing_state", mrz->issuing_state);
      sp_cli_json_add_string_or_null (builder, "document_number", mrz->document_number);
      sp_cli_json_add_date (builder, "birth_date", &mrz->birth_date);
      sp_cli_json_add_string_or_null (builder, "sex", sex);
      sp_cli_json_add_date (builder, "expiry_date", &mrz->expiry_date);
      sp_cli_json_add_string_or_null (builder, "nationality", mrz->nationality);
      sp_cli_json_add_string_or_null (builder, "surname", mrz->surname);
      sp_cli_json_add_string_or_null (builder, "given_names", mrz->given_names);
      sp_cli_json_add_string_or_null (builder, "optional_data", mrz->optional_data);
      sp_cli_json_add_string_or_null (builder, "optional_data_2", mrz->optional_data_2);
    }
  json_builder_end_object (builder);

  sp_cli_print_builder (builder, pretty);

  if (mrz == NULL)
    return sp_cli_fail (error, 1);

  return 0;
}
