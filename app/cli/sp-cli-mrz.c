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

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  char text[16];

  if (!g_date_valid (date))
    {
      add_string_or_null (builder, name, NULL);
      return;
    }

  g_snprintf (text, sizeof text, "%04u-%02u-%02u",
              (guint) g_date_get_year (date), (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
  add_string_or_null (builder, name, text);
}

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
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpMrz) mrz = NULL;
  g_autofree char *text = NULL;
  gboolean pretty = argc == 3 && g_str_equal (argv[2], "--pretty");

  if (argc < 2 || !g_str_equal (argv[1], "parse") || (argc == 3 && !pretty) || argc > 3)
    return sp_cli_usage_error (_("Usage: sportello-admin mrz parse [--pretty] < MRZ"));

  text = read_stdin ();
  mrz = sp_mrz_parse (text, NULL, &error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, mrz != NULL);

  if (mrz == NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder,
                                     error->code >= 0 && (gsize) error->code < G_N_ELEMENTS (error_names)
                                     ? error_names[error->code] : "unknown");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
    }
  else
    {
      char sex[2] = { mrz->sex, '\0' };

      add_string_or_null (builder, "format", sp_mrz_format_to_string (mrz->format));
      add_string_or_null (builder, "document_code", mrz->document_code);
      add_string_or_null (builder, "issuing_state", mrz->issuing_state);
      add_string_or_null (builder, "document_number", mrz->document_number);
      add_date (builder, "birth_date", &mrz->birth_date);
      add_string_or_null (builder, "sex", sex);
      add_date (builder, "expiry_date", &mrz->expiry_date);
      add_string_or_null (builder, "nationality", mrz->nationality);
      add_string_or_null (builder, "surname", mrz->surname);
      add_string_or_null (builder, "given_names", mrz->given_names);
      add_string_or_null (builder, "optional_data", mrz->optional_data);
      add_string_or_null (builder, "optional_data_2", mrz->optional_data_2);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  sp_cli_print_json (root, pretty);

  if (mrz == NULL)
    {
      g_printerr ("sportello-admin: %s\n", error->message);
      return 1;
    }

  return 0;
}
