/* test-card-detect-mrz.c — a card back found from its machine-readable zone alone
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A 2024 back (its QR square too small a contour to be an anchor, 600 px wide) lies on a page of
 * printed lines that run into its edges, so its outline never closes into a quad of its own and
 * no inner feature predicts it: only the three MRZ lines can. The card must be found where it was
 * put, upright and turned half a turn; with the MRZ painted over, the same photo must not give
 * the card (so the MRZ, not the outline, found it).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include <ekyc/ekyc.h>

#include "test-utils.h"

#define FRAME_W 1280
#define FRAME_H 720
#define CARD_W  600
#define CARD_X  340
#define CARD_Y  170

static char *dir;

/* The factory's clean 2024 back, flattened from its true corners to CARD_W px wide. */
static EkycImage *
load_flat_back (void)
{
  g_autofree char *json_path = g_build_filename (dir, "0000.json", NULL);
  g_autofree char *path = g_build_filename (dir, "0000-back.jpg", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EkycImage) photo = NULL;
  g_autoptr(GError) error = NULL;
  EkycCardDetection truth = { 0 };
  JsonObject *root;
  JsonArray *corners;
  EkycImage *card;

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "layout"), ==, "cancuoc-2024");
  corners = json_object_get_array_member (root, "back_corners");
  for (int c = 0; c < 4; c++)
    {
      JsonArray *p = json_array_get_array_element (corners, c);
      truth.corners[c].x = (float) json_array_get_double_element (p, 0);
      truth.corners[c].y = (float) json_array_get_double_element (p, 1);
    }
  truth.found = TRUE;
  photo = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  card = ekyc_card_rectify (photo, &truth, CARD_W, &error);
  g_assert_no_error (error);
  return card;
}

/* A pale page with dark printed lines every 34 px, @card pasted on it at CARD_X, CARD_Y; with
 * @mrz_painted the card's lower third (where its MRZ is) is painted in its own paper colour. */
static guint8 *
make_page (const EkycImage *card, gboolean mrz_painted)
{
  int w = ekyc_image_get_width (card), h = ekyc_image_get_height (card);
  gsize stride = ekyc_image_get_stride (card);
  const guint8 *src = ekyc_image_get_pixels (card);
  guint8 *page = g_malloc ((gsize) FRAME_W * FRAME_H * 3);
  double paper[3] = { 0, 0, 0 };
  int n = 0;

  for (gsize i = 0; i < (gsize) FRAME_W * FRAME_H; i++)
    memcpy (page + 3 * i, (guint8[]) { 235, 238, 240 }, 3);
  for (int y = 40; y < FRAME_H; y += 34)
    for (int r = y; r < MIN (y + 10, FRAME_H); r++)
      memset (page + ((gsize) r * FRAME_W + 80) * 3, 60, (gsize) (1200 - 80) * 3);
  /* the paper's colour from the card's blank left margin */
  for (int y = h / 3; y < 2 * h / 3; y++)
    for (int x = 2; x < 12; x++, n++)
      for (int k = 0; k < 3; k++)
        paper[k] += src[y * stride + x * 3 + k];
  for (int y = 0; y < h; y++)
    {
      guint8 *row = page + ((gsize) (CARD_Y + y) * FRAME_W + CARD_X) * 3;

      memcpy (row, src + y * stride, (gsize) w * 3);
      if (mrz_painted && y >= h * 38 / 54 && y < h - 4)
        for (int x = 8; x < w - 8; x++)
          for (int k = 0; k < 3; k++)
            row[x * 3 + k] = (guint8) lround (paper[k] / n);
    }
  return page;
}

static EkycCardDetection
detect (guint8 *pixels, gboolean turned)
{
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *turned_pixels = NULL;
  EkycCardDetection det;

  if (turned)
    {
      turned_pixels = g_malloc ((gsize) FRAME_W * FRAME_H * 3);
      for (gsize i = 0; i < (gsize) FRAME_W * FRAME_H; i++)
        memcpy (turned_pixels + 3 * ((gsize) FRAME_W * FRAME_H - 1 - i), pixels + 3 * i, 3);
      pixels = turned_pixels;
    }
  image = ekyc_image_new_from_memory (pixels, FRAME_W, FRAME_H, FRAME_W * 3,
                                      EKYC_PIXEL_FORMAT_BGR, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_card_detect (image, &det, &error));
  g_assert_no_error (error);
  return det;
}

/* Mean distance (px) of @det's corners from where the card was put (turned: the frame turned
 * half a turn, the card's top-left seen at the bottom right). */
static double
error_from_placement (const EkycCardDetection *det, const EkycImage *card, gboolean turned)
{
  double w = ekyc_image_get_width (card), h = ekyc_image_get_height (card), sum = 0;
  EkycPoint put[4] = { { CARD_X, CARD_Y }, { CARD_X + w, CARD_Y }, { CARD_X + w, CARD_Y + h },
                       { CARD_X, CARD_Y + h } };

  for (int c = 0; c < 4; c++)
    {
      EkycPoint p = det->corners[c];

      if (turned)
        p = (EkycPoint) { FRAME_W - p.x, FRAME_H - p.y };
      sum += hypot (p.x - put[turned ? (c + 2) % 4 : c].x, p.y - put[turned ? (c + 2) % 4 : c].y);
    }
  return sum / 4;
}

static void
test_found_by_its_mrz (gconstpointer data)
{
  gboolean turned = GPOINTER_TO_INT (data);
  g_autoptr(EkycImage) card = NULL;
  g_autofree guint8 *page = NULL, *painted = NULL;
  EkycCardDetection det;

  if (dir == NULL)
    {
      g_test_skip ("the shared face photos are missing");
      return;
    }
  card = load_flat_back ();
  page = make_page (card, FALSE);
  det = detect (page, turned);
  g_assert_true (det.found);
  g_test_message ("found %.2f px from where it was put", error_from_placement (&det, card, turned));
  g_assert_cmpfloat (error_from_placement (&det, card, turned), <=, 2.0);
  g_assert_cmpint (det.side, ==, EKYC_CARD_SIDE_BACK);
  g_assert_cmpint (det.upside_down, ==, turned);

  painted = make_page (card, TRUE);
  det = detect (painted, turned);
  g_assert_true (!det.found || error_from_placement (&det, card, turned) > 10);
}

int
main (int argc, char **argv)
{
  const char *shared = g_getenv ("EKYC_SHARED_DATA");
  g_autofree char *faces = NULL, *root = NULL;
  int ret;

  ekyc_test_init (&argc, &argv);
  faces = g_build_filename (shared ? shared : "../shared/data", "faces", "lfw", NULL);
  root = g_dir_make_tmp ("card-detect-mrz-XXXXXX", NULL);
  g_assert_nonnull (root);
  if (g_file_test (faces, G_FILE_TEST_IS_DIR))
    {
      const char *args[] = { g_getenv ("EKYC_SYNTH_CARDS"), "--out", root, "--count", "1",
                             "--difficulty", "clean", "--seed", "4242", "--faces", faces,
                             "--layout", "cancuoc-2024", NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      dir = root;
    }

  g_test_add_data_func ("/card-detect/mrz-anchor/back-on-printed-page", GINT_TO_POINTER (FALSE),
                        test_found_by_its_mrz);
  g_test_add_data_func ("/card-detect/mrz-anchor/back-on-printed-page-upside-down",
                        GINT_TO_POINTER (TRUE), test_found_by_its_mrz);
  ret = g_test_run ();
  ekyc_test_remove_tree (root);
  return ret;
}
