/* test-mrz-read.c — ekyc_mrz_read on factory card backs, specimen passports and bad input
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs ekyc-synth-cards once (clean and easy backs, both layouts), reads the ICAO specimens of
 * ../shared/data/mrz with their ground truth (PassportEye's tests), renders MRZs of its own in
 * OCR-B with Pango (a layout the factory never makes, one with a wrong check digit), reads
 * factory cards whose MRZ is in another face, and feeds pictures without an MRZ: a face, a
 * card's front, a blank page.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include <ekyc/ekyc.h>

#include "test-card-truth.h"
#include "test-utils.h"

#define N_CLEAN 6
#define N_EASY  10
#define SEED    "5151"

static char *dirs[2]; /* clean, easy */

static JsonObject *
load_truth (const char *dir, int index, JsonParser *parser)
{
  g_autofree char *name = g_strdup_printf ("%04d.json", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Whether the back of card @index reads valid and equal to its ground truth. */
static gboolean
back_reads_right (const char *dir, int index)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *truth = json_object_get_array_member (load_truth (dir, index, parser), "mrz");
  g_autoptr(EkycImage) image = ekyc_test_load_card_photo (dir, index, "back");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycMrzReading) reading = ekyc_mrz_read (image, NULL, &error);

  if (reading == NULL)
    {
      g_test_message ("card %d: %s", index, error->message);
      return FALSE;
    }
  g_assert_nonnull (reading->mrz);
  g_assert_cmpuint (reading->mrz->n_lines, ==, 3);
  for (guint l = 0; l < 3; l++)
    if (!g_str_equal (reading->mrz->lines[l], json_array_get_string_element (truth, l)))
      {
        g_test_message ("card %d line %u: read %s, truth %s (valid %d)", index, l + 1,
                        reading->mrz->lines[l], json_array_get_string_element (truth, l),
                        reading->mrz->valid);
        return FALSE;
      }
  return reading->mrz->valid;
}

static void
test_clean (void)
{
  if (dirs[0] == NULL)
    {
      g_test_skip ("no shared faces for the card factory");
      return;
    }
  for (int i = 0; i < N_CLEAN; i++)
    g_assert_true (back_reads_right (dirs[0], i));
}

static void
test_easy (void)
{
  int right = 0;

  if (dirs[1] == NULL)
    {
      g_test_skip ("no shared faces for the card factory");
      return;
    }
  for (int i = 0; i < N_EASY; i++)
    right += back_reads_right (dirs[1], i);
  g_test_message ("easy: %d/%d read right", right, N_EASY);
  g_assert_cmpint (right, >=, N_EASY - 1);
}

/* The ICAO "Utopia" specimens, with PassportEye's ground truth (CSV files in shared/data/mrz). */
static void
test_specimens (void)
{
  const char *names[] = { "passport-td3.jpg", "passport-td3.png", "passport-td2.jpg",
                          "passport-td2.png" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = ekyc_test_shared_path ("mrz", "passporteye", names[i], NULL);
      gboolean td3 = g_str_has_prefix (names[i], "passport-td3");
      g_autoptr(EkycImage) image = NULL;
      g_autoptr(EkycMrzReading) reading = NULL;
      g_autoptr(GError) error = NULL;
      const EkycMrz *m;

      if (path == NULL)
        return;
      image = ekyc_image_new_from_file (path, &error);
      g_assert_no_error (error);
      reading = ekyc_mrz_read (image, NULL, &error);
      g_assert_no_error (error);
      m = reading->mrz;
      g_assert_true (m->valid);
      g_assert_cmpint (m->format, ==, td3 ? EKYC_MRZ_FORMAT_TD3 : EKYC_MRZ_FORMAT_TD2);
      g_assert_cmpstr (m->document_code, ==, td3 ? "P" : "I");
      g_assert_cmpstr (m->issuing_state, ==, "UTO");
      g_assert_cmpstr (m->document_number, ==, td3 ? "L898902C3" : "D23145890");
      g_assert_cmpint (m->birth_year % 100, ==, 74);
      g_assert_cmpint (m->birth_month, ==, 8);
      g_assert_cmpint (m->birth_day, ==, 12);
      g_assert_cmpint (m->expiry_year % 100, ==, 12);
      g_assert_cmpint (m->expiry_month, ==, 4);
      g_assert_cmpint (m->expiry_day, ==, 15);
      g_assert_cmpint (m->sex, ==, 'F');
      g_assert_cmpstr (m->nationality, ==, "UTO");
      g_assert_cmpstr (m->surname, ==, "ERIKSSON");
      g_assert_cmpstr (m->given_names, ==, "ANNA MARIA");
      if (td3)
        g_assert_cmpstr (m->optional_data, ==, "ZE184226B<<<<<");
    }
}

/* An MRZ drawn here in OCR-B, dark grey on a pale tinted page, slightly rotated: a layout and
 * rendering that the card factory does not make. @tilt (0: none) turns the page away about a
 * vertical axis, so that its right side comes closer: the print's pitch then grows along each
 * line, by about (1 + @tilt)² from its left end to its right end. */
static EkycImage *
render_mrz_tilted (const char *const *lines, int n_lines, double tilt)
{
  const int width = 1400, height = 520;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("OCR B 30px");
  EkycImage *image;
  GError *error = NULL;

  cairo_set_source_rgb (cr, 0.93, 0.90, 0.82);
  cairo_paint (cr);
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_rotate (cr, 2.0 * G_PI / 180);
  cairo_translate (cr, -width / 2.0, -height / 2.0);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.2);
  pango_layout_set_font_description (layout, font);
  for (int i = 0; i < n_lines; i++)
    {
      cairo_move_to (cr, 90, 120 + 60 * i);
      pango_layout_set_text (layout, lines[i], -1);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_surface_flush (surface);
  if (tilt != 0)
    {
      /* Each output pixel from the page (bilinear): a projective map whose horizontal scale
       * at x is (1 + g (x − centre))² about the lines' middle, g from their half width (about
       * 300 px). */
      const guint8 *src = cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface);
      g_autofree guint8 *out = g_malloc ((gsize) stride * height);
      double g = tilt / 300.0, cx = 390, cy = 180;

      for (int v = 0; v < height; v++)
        for (int u = 0; u < width; u++)
          {
            double w = 1 + g * (u - cx);
            double xs = cx + (u - cx) / w, ys = cy + (v - cy) / w;
            int x0 = (int) floor (xs), y0 = (int) floor (ys);
            double fx = xs - x0, fy = ys - y0;

            x0 = CLAMP (x0, 0, width - 2), y0 = CLAMP (y0, 0, height - 2);
            for (int ch = 0; ch < 4; ch++)
              {
                const guint8 *p = src + (gsize) y0 * stride + 4 * x0 + ch;
                double top = p[0] * (1 - fx) + p[4] * fx;
                double bottom = p[stride] * (1 - fx) + p[stride + 4] * fx;

                out[(gsize) v * stride + 4 * u + ch] = (guint8) lround (top * (1 - fy) +
                                                                        bottom * fy);
              }
          }
      image = ekyc_image_new_from_memory_copy (out, width, height, (gsize) stride,
                                               EKYC_PIXEL_FORMAT_BGRA, &error);
    }
  else
    image = ekyc_image_new_from_memory_copy (cairo_image_surface_get_data (surface), width,
                                             height, (gsize) cairo_image_surface_get_stride (surface),
                                             EKYC_PIXEL_FORMAT_BGRA, &error);
  g_assert_no_error (error);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return image;
}

static EkycImage *
render_mrz (const char *const *lines, int n_lines)
{
  return render_mrz_tilted (lines, n_lines, 0);
}

/* The ICAO 9303 Part 5 TD1 specimen. */
static const char *const td1_good[] = {
  "I<UTOD231458907<<<<<<<<<<<<<<<",
  "7408122F1204159UTO<<<<<<<<<<<6",
  "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
};

static void
test_rendered_td1 (void)
{
  g_autoptr(EkycImage) image = render_mrz (td1_good, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycMrzReading) reading = ekyc_mrz_read (image, NULL, &error);

  g_assert_no_error (error);
  for (int l = 0; l < 3; l++)
    g_assert_cmpstr (reading->mrz->lines[l], ==, td1_good[l]);
  g_assert_true (ekyc_mrz_validate (reading->mrz, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reading->source, ==, EKYC_MRZ_SOURCE_IMAGE);
}

/* A card seen at a slant: the pitch grows by a third, then by 70 %, along the lines. One pitch
 * for the whole line slipped by a cell in the middle of each line (a held-out easy card read
 * "ID55P7<999…" for "IDVNM1846991…"); the cells are now counted gap by gap in the local pitch,
 * and a pitch up to twice as wide at one end is let through. The Vietnamese layout, with a
 * fictional number whose check digits hold. */
static void
test_rendered_td1_in_perspective (void)
{
  const char *const lines[] = {
    "IDVNM1846991619036184699161<<4",
    "8403261F4403263VNM<<<<<<<<<<<4",
    "DUONG<<PHUONG<KIM<NGUYET<<<<<<",
  };

  for (int i = 0; i < 4; i++)
    {
      /* pitch +38 %, then +70 % along the line, either way */
      double tilt = (i % 2 == 0 ? 1 : -1) * (i < 2 ? 0.08 : 0.13);
      g_autoptr(EkycImage) image = render_mrz_tilted (lines, 3, tilt);
      g_autoptr(GError) error = NULL;
      g_autoptr(EkycMrzReading) reading = ekyc_mrz_read (image, NULL, &error);

      g_assert_no_error (error);
      for (int l = 0; l < 3; l++)
        g_assert_cmpstr (reading->mrz->lines[l], ==, lines[l]);
      g_assert_true (reading->mrz->valid);
      g_assert_cmpstr (reading->mrz->vn_id_number, ==, "036184699161");
    }
}

/* The birth date's check digit printed wrong (2 → 3): read as printed, and named. */
static void
test_wrong_check_digit (void)
{
  const char *const lines[] = { td1_good[0], "7408123F1204159UTO<<<<<<<<<<<6", td1_good[2] };
  g_autoptr(EkycImage) image = render_mrz (lines, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycMrzReading) reading = ekyc_mrz_read (image, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (reading->mrz->lines[1], ==, lines[1]);
  g_assert_false (reading->mrz->valid);
  g_assert_true (reading->mrz->checks[EKYC_MRZ_CHECK_DOCUMENT_NUMBER].valid);
  g_assert_false (reading->mrz->checks[EKYC_MRZ_CHECK_BIRTH_DATE].valid);
  g_assert_false (ekyc_mrz_validate (reading->mrz, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_CHECK_FAILED);
  g_assert_nonnull (strstr (error->message, "birth"));
}

static void
assert_no_mrz (EkycImage *image)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycMrzReading) reading = ekyc_mrz_read (image, NULL, &error);

  /* Either nothing MRZ-like was found or it did not read as an MRZ; never a valid one. */
  if (reading != NULL)
    {
      g_assert_false (reading->mrz->valid);
      return;
    }
  g_assert_true (g_error_matches (error, EKYC_ERROR, EKYC_ERROR_MRZ_NOT_FOUND) ||
                 g_error_matches (error, EKYC_ERROR, EKYC_ERROR_MRZ_UNREADABLE));
  g_assert_cmpstr (ekyc_error_code_name (error->code), ==,
                   error->code == EKYC_ERROR_MRZ_NOT_FOUND ? "mrz-not-found" : "mrz-unreadable");
}

static void
test_face_photo (void)
{
  g_autofree char *path = ekyc_test_shared_path ("faces", "deepface", "img1.jpg", NULL);
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  image = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  assert_no_mrz (image);
}

static void
test_front_side (void)
{
  if (dirs[0] == NULL)
    {
      g_test_skip ("no shared faces for the card factory");
      return;
    }
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(EkycImage) image = ekyc_test_load_card_photo (dirs[0], i, "front");
      assert_no_mrz (image);
    }
}

/* An MRZ printed in another face than OCR-B (Courier New's metric twin, the Debian default
 * monospace): every line exact, name included; OCR-B's prototypes alone read none of these. */
static void
test_other_faces (void)
{
  static const char *const families[] = { "Liberation Mono", "DejaVu Sans Mono" };

  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      g_autofree char *dir = g_dir_make_tmp ("mrz-read-face-XXXXXX", NULL);
      const char *const args[] = { "--count", "4", "--difficulty", "easy", "--seed", SEED,
                                   "--mrz-family", families[f], NULL };

      if (!ekyc_test_run_card_factory (dir, "lfw", args))
        {
          g_test_skip ("no shared faces for the card factory");
          ekyc_test_remove_tree (dir);
          return;
        }
      for (int i = 0; i < 4; i++)
        {
          g_test_message ("%s, card %d", families[f], i);
          g_assert_true (back_reads_right (dir, i));
        }
      ekyc_test_remove_tree (dir);
    }
}

static void
test_blank (void)
{
  g_autofree guint8 *pixels = g_malloc (640 * 480);
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(EkycMrzReading) reading = NULL;
  g_autoptr(GError) error = NULL;

  memset (pixels, 235, 640 * 480);
  image = ekyc_image_new_from_memory_copy (pixels, 640, 480, 640, EKYC_PIXEL_FORMAT_GRAY8,
                                           &error);
  g_assert_no_error (error);
  reading = ekyc_mrz_read (image, NULL, &error);
  g_assert_null (reading);
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_MRZ_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  const char *levels[] = { "clean", "easy" };
  const int counts[] = { N_CLEAN, N_EASY };
  g_autofree char *root = NULL;
  int ret;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("mrz-read-XXXXXX", NULL);
  g_assert_nonnull (root);
  for (int i = 0; i < 2; i++)
    {
      dirs[i] = g_build_filename (root, levels[i], NULL);
      if (!ekyc_test_make_cards (dirs[i], counts[i], levels[i], SEED))
        g_clear_pointer (&dirs[i], g_free);
    }

  g_test_add_func ("/mrz-read/factory/clean-all-exact", test_clean);
  g_test_add_func ("/mrz-read/factory/easy-all-but-one-exact", test_easy);
  g_test_add_func ("/mrz-read/factory/other-faces-all-exact", test_other_faces);
  g_test_add_func ("/mrz-read/specimens/utopia-td2-td3", test_specimens);
  g_test_add_func ("/mrz-read/rendered/td1", test_rendered_td1);
  g_test_add_func ("/mrz-read/rendered/td1-in-perspective", test_rendered_td1_in_perspective);
  g_test_add_func ("/mrz-read/rendered/wrong-birth-check-digit", test_wrong_check_digit);
  g_test_add_func ("/mrz-read/bad/face-photo", test_face_photo);
  g_test_add_func ("/mrz-read/bad/front-side", test_front_side);
  g_test_add_func ("/mrz-read/bad/blank", test_blank);
  ret = g_test_run ();

  for (int i = 0; i < 2; i++)
    g_free (dirs[i]);
  ekyc_test_remove_tree (root);
  return ret;
}
