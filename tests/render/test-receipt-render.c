/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-receipt-render.c — receipts checked as the outside world sees them
 *
 * Each kind is rendered on both papers to PNG at 150 dpi; the QR code is
 * decoded from the pixels with zbarimg (what a scanner at another desk
 * reads) and the payload must verify; pdftotext must find the fields in
 * the PDF; nothing may be drawn outside the printable width. The same is
 * done through `sportello-admin receipt render` and `receipt verify`.
 */
#include "config.h"

#include <math.h>
#include <sys/wait.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "sp-activation-code.h"
#include "sp-qr.h"
#include "sp-receipt.h"
#include "sp-receipt-render.h"
#include "sp-test-util.h"

#define DPI 150.0
#define PX_PER_MM (DPI / 25.4)

typedef struct
{
  SpReceiptKind kind;
  const char   *value;      /* a field value pdftotext must find */
  const char   *code;
} KindCase;

static const KindCase kind_cases[] = {
  { SP_RECEIPT_KIND_SPID_IDENTIFICATION, "Giovanni Battista Bianchi", "K7QD4M" },
  { SP_RECEIPT_KIND_CIE_REQUEST, "Lucia Ferri", "CA00000AA" },
  { SP_RECEIPT_KIND_APPOINTMENT, "Paolo Neri", "A-0042" },
};

static char *
run (const char * const *argv,
     int                *out_status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  /* A missing tool is a failure, not a skip: CI must install it. */
  g_assert_no_error (error);

  if (out_status != NULL)
    *out_status = g_spawn_check_wait_status (status, NULL) ? 0 : (WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  return out;
}

static char *
decode_qr (const char *png)
{
  const char *argv[] = { "zbarimg", "--raw", "-q", png, NULL };
  char *text = run (argv, NULL);

  return g_strstrip (text);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *text = run (argv, NULL);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\f", -1);
  GString *joined = g_string_new (NULL);

  /* Words in reading order, one space apart: a value wrapped over two
   * lines is still found. */
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (joined, joined->len > 0 ? " %s" : "%s", words[i]);

  return g_string_free (joined, FALSE);
}

static SpReceipt *
issue (SpTestDb      *db,
       const KindCase *c,
       const char     *language)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *record = g_uuid_string_random ();
  SpReceipt *receipt = sp_receipt_new (c->kind, record);

  sp_receipt_set_language (receipt, language);
  sp_receipt_set_desk (receipt, 1, "Sportello 1");
  sp_receipt_set_operator (receipt, 1, "Anna Amministratrice");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, "Citizen", c->value);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, "Request number", c->code);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, "Valid until", "2026-12-23");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_MESSAGE, "Delivery", "At the Comune's office");

  g_assert_true (sp_receipt_issue (db->store, receipt, (SpActor) { 1, 1 }, &error));
  g_assert_no_error (error);
  return receipt;
}

/* Nothing dark outside [left, right) pixels: text stays inside the paper's
 * printable width. */
static void
assert_within_columns (const char *png,
                       int         left,
                       int         right,
                       int         expected_width)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  int width, height, stride;
  const guint8 *data;
  int dark_outside = 0;
  int dark_inside = 0;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  g_assert_cmpint (width, ==, expected_width);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;
        int luminance;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        luminance = (((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff)) / 3;
        if (luminance < 128)
          {
            if (x < left || x >= right)
              dark_outside++;
            else
              dark_inside++;
          }
      }

  cairo_surface_destroy (image);
  g_assert_cmpint (dark_outside, ==, 0);
  g_assert_cmpint (dark_inside, >, 1000);
}

static void
check_png (SpTestDb       *db,
           SpReceipt      *receipt,
           SpReceiptPaper  paper,
           const char     *png)
{
  g_autofree char *decoded = decode_qr (png);
  g_autoptr(SpReceipt) verified = NULL;
  g_autoptr(GError) error = NULL;
  double margin_mm = paper == SP_RECEIPT_PAPER_A4 ? 20 : 4;
  int width = (int) ceil (sp_receipt_paper_get_width (paper) * DPI / 72);
  int margin = (int) floor (margin_mm * PX_PER_MM) - 1;

  g_assert_cmpstr (decoded, ==, sp_receipt_get_payload (receipt));
  verified = sp_receipt_verify (db->store, decoded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_receipt_get_uuid (verified), ==, sp_receipt_get_uuid (receipt));

  assert_within_columns (png, margin, width - margin, width);
}

static void
test_each_kind_both_papers (SpTestDb *db, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_cases); i++)
    {
      const KindCase *c = &kind_cases[i];
      g_autoptr(SpReceipt) receipt = issue (db, c, "en");

      for (SpReceiptPaper paper = SP_RECEIPT_PAPER_A4; paper <= SP_RECEIPT_PAPER_ROLL_80MM; paper++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *name = g_strdup_printf ("%s-%s", sp_receipt_kind_to_string (c->kind),
                                                   sp_receipt_paper_to_string (paper));
          g_autofree char *png = g_build_filename (g_get_user_data_dir (), name, NULL);
          g_autofree char *pdf = g_strconcat (png, ".pdf", NULL);
          g_autofree char *text = NULL;

          g_assert_true (sp_receipt_render_to_png (receipt, paper, DPI, png, &error));
          g_assert_no_error (error);
          check_png (db, receipt, paper, png);

          g_assert_true (sp_receipt_render_to_pdf (receipt, paper, pdf, &error));
          g_assert_no_error (error);
          text = pdf_text (pdf);
          g_assert_nonnull (strstr (text, "Comune di Santarcangelo di Romagna"));
          g_assert_nonnull (strstr (text, sp_receipt_kind_get_title (c->kind)));
          g_assert_nonnull (strstr (text, c->value));
          g_assert_nonnull (strstr (text, c->code));
          g_assert_nonnull (strstr (text, "23/12/2026"));
          g_assert_nonnull (strstr (text, "At the Comune's office"));
          g_assert_nonnull (strstr (text, "Sportello 1"));
          g_assert_nonnull (strstr (text, "Anna Amministratrice"));
          g_assert_nonnull (strstr (text, sp_receipt_get_short_code (receipt)));
          g_assert_null (strstr (text, "DUPLICATE"));
        }
    }
}

static void
test_roll_height_fits_content (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpReceipt) receipt = issue (db, &kind_cases[0], "en");
  g_autoptr(SpReceipt) longer = issue (db, &kind_cases[0], "en");
  double height = sp_receipt_render_measure_height (receipt, SP_RECEIPT_PAPER_ROLL_80MM);
  double longer_height;

  /* Between a short strip and a sheet. */
  g_assert_cmpfloat (height, >, 100 * 72 / 25.4);
  g_assert_cmpfloat (height, <, 250 * 72 / 25.4);
  g_assert_cmpfloat_with_epsilon (sp_receipt_render_measure_height (receipt, SP_RECEIPT_PAPER_A4),
                                  297 * 72 / 25.4, 0.01);

  for (guint i = 0; i < 5; i++)
    sp_receipt_add_field (longer, SP_RECEIPT_FIELD_TEXT, "Notes", "One more line of notes");
  longer_height = sp_receipt_render_measure_height (longer, SP_RECEIPT_PAPER_ROLL_80MM);
  g_assert_cmpfloat (longer_height, >, height + 5 * 10);
}

static void
test_long_values_stay_printable (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpReceipt) receipt = issue (db, &kind_cases[1], "en");
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (g_get_user_data_dir (), "long.png", NULL);

  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, "Address",
                        "Via Giovanni Battista Pergolesi Centoventiseiesimo Reggimento 1234567890");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, "Code",
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ");
  sp_receipt_set_branding (receipt, "Comune di Castelnuovo di Garfagnana e Sillano Giuncugnano",
                           "Piazza Umberto I 1, 55032 Castelnuovo di Garfagnana (LU)", NULL, NULL);

  g_assert_true (sp_receipt_render_to_png (receipt, SP_RECEIPT_PAPER_ROLL_80MM, DPI, png, &error));
  g_assert_no_error (error);
  check_png (db, receipt, SP_RECEIPT_PAPER_ROLL_80MM, png);
}

static void
test_duplicate_marked (SpTestDb *db, gconstpointer data)
{
  g_autoptr(SpReceipt) receipt = issue (db, &kind_cases[2], "en");
  g_autoptr(SpReceipt) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "duplicate.pdf", NULL);
  g_autofree char *png = g_build_filename (g_get_user_data_dir (), "duplicate.png", NULL);
  g_autofree char *text = NULL;

  copy = sp_receipt_reprint (db->store, sp_receipt_get_uuid (receipt), (SpActor) { 1, 1 },
                             "Anna Amministratrice", &error);
  g_assert_no_error (error);
  g_assert_true (sp_receipt_render_to_pdf (copy, SP_RECEIPT_PAPER_ROLL_80MM, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "DUPLICATE — copy 2"));

  /* A duplicate still scans and verifies. */
  g_assert_true (sp_receipt_render_to_png (copy, SP_RECEIPT_PAPER_ROLL_80MM, DPI, png, &error));
  check_png (db, copy, SP_RECEIPT_PAPER_ROLL_80MM, png);
}

static void
test_logo (SpTestDb *db, gconstpointer data)
{
  g_autofree char *logo = g_build_filename (g_get_user_data_dir (), "logo.png", NULL);
  g_autofree char *png = g_build_filename (g_get_user_data_dir (), "with-logo.png", NULL);
  g_autoptr(SpReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (surface);
  gboolean red_found = FALSE;
  const guint8 *pixels;
  int stride;

  cairo_set_source_rgb (cr, 0.8, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, logo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (sp_store_set_setting (db->store, "receipt.logo", logo, NULL));
  receipt = issue (db, &kind_cases[0], "en");
  g_assert_cmpstr (sp_receipt_get_logo_path (receipt), ==, logo);

  for (SpReceiptPaper paper = SP_RECEIPT_PAPER_A4; paper <= SP_RECEIPT_PAPER_ROLL_80MM; paper++)
    {
      g_assert_true (sp_receipt_render_to_png (receipt, paper, DPI, png, &error));
      g_assert_no_error (error);
      check_png (db, receipt, paper, png);

      surface = cairo_image_surface_create_from_png (png);
      pixels = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      red_found = FALSE;
      for (int y = 0; y < cairo_image_surface_get_height (surface) && !red_found; y++)
        for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
          {
            guint32 pixel;

            memcpy (&pixel, pixels + y * stride + x * 4, 4);
            if (((pixel >> 16) & 0xff) > 180 && ((pixel >> 8) & 0xff) < 40)
              {
                red_found = TRUE;
                break;
              }
          }
      cairo_surface_destroy (surface);
      g_assert_true (red_found);
    }

  /* A logo that cannot be read is left out, with a warning, not a failure. */
  g_test_expect_message ("sp-render", G_LOG_LEVEL_WARNING, "*cannot be read*");
  sp_receipt_set_branding (receipt, "Comune", NULL, "/nonexistent/logo.png", NULL);
  g_assert_true (sp_receipt_render_to_png (receipt, SP_RECEIPT_PAPER_ROLL_80MM, DPI, png, &error));
  g_test_assert_expected_messages ();
}

/* Through the command-line tool, as the IT office and a scanning desk would. */
static JsonObject *
admin_verify (SpTestDb   *db,
              const char *admin,
              const char *payload,
              int        *out_status)
{
  const char *argv[] = { admin, "--database", db->path, "receipt", "verify", payload, NULL };
  g_autofree char *out = run (argv, out_status);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_command_line (SpTestDb *db, gconstpointer data)
{
  const char *admin = g_getenv ("SPORTELLO_ADMIN");

  g_assert_nonnull (admin);

  for (guint i = 0; i < G_N_ELEMENTS (kind_cases); i++)
    {
      g_autoptr(SpReceipt) receipt = issue (db, &kind_cases[i], "it");

      for (SpReceiptPaper paper = SP_RECEIPT_PAPER_A4; paper <= SP_RECEIPT_PAPER_ROLL_80MM; paper++)
        {
          g_autofree char *png = g_build_filename (g_get_user_data_dir (), "cli.png", NULL);
          g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "cli.pdf", NULL);
          const char *render_png[] = { admin, "--database", db->path, "receipt", "render",
                                       sp_receipt_get_uuid (receipt), "--format", "png",
                                       "--paper", sp_receipt_paper_to_string (paper),
                                       "--lang", "it", "--output", png, NULL };
          /* By the record's uuid this time, in English. */
          const char *render_pdf[] = { admin, "--database", db->path, "receipt", "render",
                                       sp_receipt_get_record_uuid (receipt), "--format", "pdf",
                                       "--paper", sp_receipt_paper_to_string (paper),
                                       "--lang", "en", "--output", pdf, NULL };
          g_autofree char *out = NULL;
          g_autofree char *decoded = NULL;
          g_autofree char *text = NULL;
          g_autoptr(JsonObject) result = NULL;
          int status = -1;

          g_free (run (render_png, &status));
          g_assert_cmpint (status, ==, 0);
          decoded = decode_qr (png);
          g_assert_cmpstr (decoded, ==, sp_receipt_get_payload (receipt));

          result = admin_verify (db, admin, decoded, &status);
          g_assert_cmpint (status, ==, 0);
          g_assert_true (json_object_get_boolean_member (result, "authentic"));
          g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "ok");
          g_assert_cmpstr (json_object_get_string_member (result, "kind"), ==,
                           sp_receipt_kind_to_string (kind_cases[i].kind));
          g_assert_cmpstr (json_object_get_string_member (result, "uuid"), ==,
                           sp_receipt_get_record_uuid (receipt));

          g_free (run (render_pdf, &status));
          g_assert_cmpint (status, ==, 0);
          text = pdf_text (pdf);
          g_assert_nonnull (strstr (text, kind_cases[i].value));
          g_assert_nonnull (strstr (text, kind_cases[i].code));
          g_assert_nonnull (strstr (text, sp_receipt_get_short_code (receipt)));
          /* What the tool prints is a recorded copy. */
          g_assert_nonnull (strstr (text, "DUPLICATE"));
        }

      /* Four copies from the tool, after the original. */
      {
        g_autoptr(SpReceipt) reloaded = sp_receipt_load (db->store, sp_receipt_get_uuid (receipt), NULL);
        g_assert_cmpuint (sp_receipt_get_print_count (reloaded), ==, 5);
      }
    }

  /* Rejections, each with its reason and exit status 1. */
  {
    g_autoptr(SpReceipt) receipt = issue (db, &kind_cases[0], "en");
    g_autofree char *tampered = g_strdup (sp_receipt_get_payload (receipt));
    g_autofree char *truncated = g_strndup (sp_receipt_get_payload (receipt), 50);
    g_autoptr(JsonObject) result = NULL;
    int status = -1;

    tampered[60] = tampered[60] == 'A' ? 'B' : 'A';
    result = admin_verify (db, admin, tampered, &status);
    g_assert_cmpint (status, ==, 1);
    g_assert_false (json_object_get_boolean_member (result, "authentic"));
    g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "tampered");
    g_assert_cmpstr (json_object_get_string_member (result, "uuid"), ==, sp_receipt_get_record_uuid (receipt));

    g_clear_pointer (&result, json_object_unref);
    result = admin_verify (db, admin, truncated, &status);
    g_assert_cmpint (status, ==, 1);
    g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "truncated");
    g_assert_true (json_object_get_null_member (result, "uuid"));

    g_clear_pointer (&result, json_object_unref);
    result = admin_verify (db, admin, "hello", &status);
    g_assert_cmpint (status, ==, 1);
    g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "malformed");
  }

  /* Usage errors exit 2. */
  {
    const char *bad_paper[] = { admin, "--database", db->path, "receipt", "render", "x",
                                "--paper", "a3", "--output", "/tmp/x.pdf", NULL };
    int status = -1;

    g_free (run (bad_paper, &status));
    g_assert_cmpint (status, ==, 2);
  }
}

/* The first half of the activation code: in DejaVu Sans Mono, its symbols
 * spelled under it in the receipt's language, the text whole for pdftotext
 * (no space between the spaced-out characters). */
static void
test_activation_code (SpTestDb *db, gconstpointer data)
{
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(SpReceipt) receipt = sp_receipt_new (SP_RECEIPT_KIND_SPID_IDENTIFICATION, record);
  g_autoptr(GError) error = NULL;
  const char *half = "a#K7:q";

  sp_receipt_set_language (receipt, "en");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_TEXT, "Citizen", "Rossi Mario");
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_CODE, "First half of the activation code", half);
  sp_receipt_add_field (receipt, SP_RECEIPT_FIELD_DATE, "Complete the activation by", "2026-12-23");
  g_assert_true (sp_receipt_issue (db->store, receipt, (SpActor) { 1, 1 }, &error));
  g_assert_no_error (error);

  for (SpReceiptPaper paper = SP_RECEIPT_PAPER_A4; paper <= SP_RECEIPT_PAPER_ROLL_80MM; paper++)
    {
      g_autofree char *name = g_strdup_printf ("code-%s", sp_receipt_paper_to_string (paper));
      g_autofree char *png = g_build_filename (g_get_user_data_dir (), name, NULL);
      g_autofree char *pdf = g_strconcat (png, ".pdf", NULL);
      g_autofree char *text = NULL;
      g_autofree char *fonts = NULL;
      const char *pdffonts[] = { "pdffonts", pdf, NULL };

      g_assert_true (sp_receipt_render_to_pdf (receipt, paper, pdf, &error));
      g_assert_no_error (error);
      text = pdf_text (pdf);
      g_assert_nonnull (strstr (text, "First half of the activation code"));
      g_assert_nonnull (strstr (text, half));
      g_assert_nonnull (strstr (text, "# hash · : colon"));

      /* The face is the one chosen, embedded, not a fallback. */
      fonts = run (pdffonts, NULL);
      g_assert_nonnull (strstr (fonts, "DejaVuSansMono-Bold"));

      g_assert_true (sp_receipt_render_to_png (receipt, paper, DPI, png, &error));
      g_assert_no_error (error);
      check_png (db, receipt, paper, png);
    }

  /* In Italian the same symbols by their Italian names, as the program's
   * catalogue spells them. */
  {
    g_autofree char *record_it = g_uuid_string_random ();
    g_autoptr(SpReceipt) italian = sp_receipt_new (SP_RECEIPT_KIND_SPID_IDENTIFICATION, record_it);
    g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "code-it.pdf", NULL);
    g_autofree char *spelled = sp_activation_code_spell_symbols (half, "it");
    g_autofree char *text = NULL;

    sp_receipt_set_language (italian, "it");
    sp_receipt_add_field (italian, SP_RECEIPT_FIELD_CODE, "First half of the activation code", half);
    g_assert_true (sp_receipt_render_to_pdf (italian, SP_RECEIPT_PAPER_A4, pdf, &error));
    g_assert_no_error (error);
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, sp_catalogue_translate ("it", "First half of the activation code")));
    g_assert_nonnull (strstr (text, spelled));
  }
}

/* Lays out one character in the code's face and returns its pixels. */
static cairo_surface_t *
draw_character (const char *character,
                int         size_px)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, size_px, size_px);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("DejaVu Sans Mono Bold");

  pango_font_description_set_absolute_size (font, size_px * 0.6 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, character, -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  cairo_move_to (cr, size_px * 0.2, size_px * 0.1);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* No two characters of AgID's alphabet draw alike in the code's face, at
 * the size of a receipt's code printed at 150 dpi: every glyph is in the
 * face (no box for a missing one) and every pair differs by at least a
 * stroke's worth of pixels. Telling them apart is the face's design (the
 * alphabet leaves out L O i l o 0 1); this catches a fallback face. */
static void
test_code_face_distinct (void)
{
  const char *alphabet = SP_ACTIVATION_CODE_ALPHABET;
  const int size = 32;   /* 15 pt at 150 dpi is about 31 pixels */
  guint n = strlen (alphabet);
  cairo_surface_t *glyphs[80];
  g_autoptr(PangoFontMap) map = pango_cairo_font_map_new ();
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (map));
  g_autoptr(PangoFontDescription) want = pango_font_description_from_string ("DejaVu Sans Mono, Monospace Bold 15");
  g_autoptr(PangoFont) font = pango_font_map_load_font (map, PANGO_CONTEXT (context), want);
  g_autoptr(PangoFontDescription) got = pango_font_describe (font);

  /* The family the receipt asks for is there, not a fallback. */
  g_assert_cmpstr (pango_font_description_get_family (got), ==, "DejaVu Sans Mono");
  g_assert_cmpuint (n, ==, 65);

  for (guint i = 0; i < n; i++)
    {
      char character[2] = { alphabet[i], 0 };
      glyphs[i] = draw_character (character, size);
    }

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        const guint8 *a = cairo_image_surface_get_data (glyphs[i]);
        const guint8 *b = cairo_image_surface_get_data (glyphs[j]);
        int stride = cairo_image_surface_get_stride (glyphs[i]);
        int differ = 0, ink = 0;

        for (int y = 0; y < size; y++)
          for (int x = 0; x < size; x++)
            {
              int pa = a[y * stride + x] > 127, pb = b[y * stride + x] > 127;
              differ += pa != pb;
              ink += pa || pb;
            }
        /* The closest pair, h and n, differs by its ascender: 8 pixels. */
        if (differ < 6)
          g_error ("“%c” and “%c” look alike: %d of %d pixels differ", alphabet[i], alphabet[j], differ, ink);
      }

  for (guint i = 0; i < n; i++)
    cairo_surface_destroy (glyphs[i]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  SP_TEST_ADD_SETUP ("/receipt-render/each-kind-both-papers", test_each_kind_both_papers);
  SP_TEST_ADD_SETUP ("/receipt-render/roll-height", test_roll_height_fits_content);
  SP_TEST_ADD_SETUP ("/receipt-render/long-values", test_long_values_stay_printable);
  SP_TEST_ADD_SETUP ("/receipt-render/duplicate", test_duplicate_marked);
  SP_TEST_ADD_SETUP ("/receipt-render/logo", test_logo);
  SP_TEST_ADD_SETUP ("/receipt-render/command-line", test_command_line);
  SP_TEST_ADD_SETUP ("/receipt-render/activation-code", test_activation_code);
  g_test_add_func ("/receipt-render/code-face-distinct", test_code_face_distinct);

  return g_test_run ();
}
