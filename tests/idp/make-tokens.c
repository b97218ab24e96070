/* SPDX-License-Identifier: GPL-3.0-or-later */
/* make-tokens.c — sealed tokens for the identity provider's reading
 *
 *   make-tokens CASES.json SEALS_DIR OUT_DIR
 *
 * For each case of CASES.json (tests/idp/cases.json), in a fresh store:
 * a RAO draft with every field as the clerk typed it
 * (sp_identification_set_field), its ICRequestData (sp_rao_request_build),
 * a fresh activation code and the token (sp_spid_token_issue) sealed with
 * tests/seal/make-test-seals.sh's good seal, from the PKCS#12 file or from
 * the SoftHSM2 token. Writes OUT_DIR/NAME.token, NAME.first, NAME.second
 * (the halves, as the receipt and the e-mail give them) and
 * NAME.expected.json: the case's literal "expect" with only the run's own
 * values added (info.id, the identification's uuid; info.issueInstant).
 * Prints each case's name on a line. Nothing here reads a token back:
 * idp_read_token.py does, with an identity provider's libraries.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "sp-activation-code.h"
#include "sp-fixtures.h"
#include "sp-rao-request.h"
#include "sp-seal.h"
#include "sp-spid-token.h"

#define P12_PASSWORD "test"
#define TOKEN_PIN    "1234"

G_GNUC_NORETURN static void
die (const char *what,
     GError     *error)
{
  g_printerr ("make-tokens: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static char *
seal_path (const char *dir,
           const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &error))
    die (path, error);
  return g_bytes_new_take (data, len);
}

static SpSeal *
load_seal (const char *dir,
           const char *kind)
{
  g_autoptr(GError) error = NULL;
  SpSeal *seal;

  if (g_str_equal (kind, "pkcs12"))
    {
      g_autofree char *path = seal_path (dir, "good.p12");
      g_autoptr(GBytes) p12 = read_file (path);

      seal = sp_seal_new_from_pkcs12 (p12, P12_PASSWORD, sp_store_now (), &error);
    }
  else if (g_str_equal (kind, "pkcs11"))
    {
      g_autofree char *url_path = seal_path (dir, "good.pkcs11-url");
      g_autofree char *cert_path = seal_path (dir, "good-cert.pem");
      g_autoptr(GBytes) url = read_file (url_path);
      g_autoptr(GBytes) certificate = read_file (cert_path);
      g_autofree char *line = g_strstrip (g_strndup (g_bytes_get_data (url, NULL),
                                                     g_bytes_get_size (url)));

      seal = sp_seal_new_from_pkcs11 (line, certificate, TOKEN_PIN, sp_store_now (), &error);
    }
  else
    {
      g_printerr ("make-tokens: unknown seal “%s”\n", kind);
      exit (1);
    }

  if (seal == NULL)
    die (kind, error);
  return seal;
}

static void
write_text (const char *dir,
            const char *name,
            const char *suffix,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, suffix, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  if (!g_file_set_contents (path, text, -1, &error))
    die (path, error);
}

/* The case's literal expectation, with the run's uuid and time. */
static char *
expected_json (JsonObject *expect,
               const char *uuid,
               gint64      issue_instant)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *copy;
  JsonObject *info;

  json_node_set_object (node, expect);
  node = json_node_copy (node);
  copy = json_node_get_object (node);
  info = json_object_get_object_member (copy, "info");
  if (info == NULL)
    {
      g_printerr ("make-tokens: a case's expect has no info\n");
      exit (1);
    }
  json_object_set_string_member (info, "id", uuid);
  json_object_set_int_member (info, "issueInstant", issue_instant);
  return json_to_string (node, TRUE);
}

static void
make_case (SpStore    *store,
           SpPlaces   *places,
           const char *seals_dir,
           const char *out_dir,
           const char *issuer_code,
           gint64      operator_id,
           JsonObject *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpIdentification) id = NULL;
  g_autoptr(SpSeal) seal = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *code = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;
  const char *name = json_object_get_string_member (spec, "name");
  JsonObject *fields = json_object_get_object_member (spec, "fields");
  gint64 issue_instant = g_get_real_time () / G_USEC_PER_SEC;

  /* Desk 1, and the set-up's administrator as the operator. */
  id = sp_identification_new_draft (store, (SpActor) { 1, operator_id },
                                    SP_IDENTIFICATION_CHANNEL_RAO, &error);
  if (id == NULL)
    die (name, error);
  if (sp_identification_get_operator_id (id) != operator_id)
    {
      g_printerr ("make-tokens: the draft's operator is not %" G_GINT64_FORMAT "\n", operator_id);
      exit (1);
    }

  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    sp_identification_set_field (id, l->data, json_object_get_string_member (fields, l->data));
  if (!sp_identification_save_draft (store, id, &error))
    die (name, error);

  request = sp_rao_request_build (id, places, issuer_code, sp_identification_get_operator_id (id),
                                  issue_instant, &error);
  if (request == NULL)
    die (name, error);

  seal = load_seal (seals_dir, json_object_get_string_member (spec, "seal"));
  code = sp_activation_code_generate ();
  token = sp_spid_token_issue (seal, request, code, &error);
  if (token == NULL)
    die (name, error);

  first = sp_activation_code_first_half (code);
  second = sp_activation_code_second_half (code);
  expected = expected_json (json_object_get_object_member (spec, "expect"),
                            sp_identification_get_uuid (id), issue_instant);
  line = g_strconcat (token, "\n", NULL);

  write_text (out_dir, name, ".token", line);
  write_text (out_dir, name, ".first", first);
  write_text (out_dir, name, ".second", second);
  write_text (out_dir, name, ".expected.json", expected);
  g_print ("%s\n", name);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpPlaces) places = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *softhsm_conf = NULL;
  JsonObject *root;
  JsonArray *cases;

  if (argc != 4)
    {
      g_printerr ("usage: make-tokens CASES.json SEALS_DIR OUT_DIR\n");
      return 2;
    }

  /* Before GnuTLS first loads p11-kit's modules, so SoftHSM2 reads it. */
  softhsm_conf = g_build_filename (argv[2], "softhsm2.conf", NULL);
  g_setenv ("SOFTHSM2_CONF", softhsm_conf, TRUE);

  if (!json_parser_load_from_file (parser, argv[1], &error))
    die (argv[1], error);
  root = json_node_get_object (json_parser_get_root (parser));
  cases = json_object_get_array_member (root, "cases");

  if (g_mkdir_with_parents (argv[3], 0700) != 0)
    die (argv[3], NULL);
  db_path = g_build_filename (argv[3], "sportello.db", NULL);
  g_remove (db_path);
  store = sp_fixture_open_store (db_path, &error);
  if (store == NULL)
    die (db_path, error);
  places = sp_places_new_builtin (&error);
  if (places == NULL)
    die ("places", error);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    make_case (store, places, argv[2], argv[3],
               json_object_get_string_member (root, "issuerCode"),
               json_object_get_int_member (root, "operator"),
               json_array_get_object_element (cases, i));

  return 0;
}
