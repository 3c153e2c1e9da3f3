/* test-card-detect.c — ekyc_card_detect and ekyc_card_rectify on the card factory's photos
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs ekyc-synth-cards once (12 clean and 12 easy cards, 8 easy ones of the held-out look, both
 * sides; EKYC_SYNTH_CARDS overrides the path meson compiles in), then checks the detection rate and the corner error against the ground truth, the rectified card, the quality flags on
 * photos made bad on purpose (cut by the frame, blurred, dark, glare), front told from back, and a
 * photo without a card.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include <ekyc/ekyc.h>

#include "test-utils.h"

#define N_CARDS  12
#define SEED     "4242"
#define GOOD_ERR 10.0 /* px: a detection farther than this from the truth counts as a miss */

#define N_OTHER  8 /* held-out look (--other-look: other fonts, ink, tint, backgrounds, light) */

static char *dirs[3]; /* clean, easy, held-out look (easy) */

static EkycImage *
load_photo (const char *dir, int index, gboolean back, EkycPoint truth[4])
{
  g_autofree char *json_name = g_strdup_printf ("%04d.json", index);
  g_autofree char *json_path = g_build_filename (dir, json_name, NULL);
  g_autofree char *name = g_strdup_printf ("%04d-%s.jpg", index, back ? "back" : "front");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *corners;
  EkycImage *image;

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  corners = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          back ? "back_corners" : "front_corners");
  for (int c = 0; c < 4; c++)
    {
      JsonArray *p = json_array_get_array_element (corners, c);
      truth[c].x = (float) json_array_get_double_element (p, 0);
      truth[c].y = (float) json_array_get_double_element (p, 1);
    }
  image = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  return image;
}

static double
corner_error (const EkycPoint a[4], const EkycPoint b[4])
{
  double sum = 0;

  for (int c = 0; c < 4; c++)
    sum += hypot (a[c].x - b[c].x, a[c].y - b[c].y);
  return sum / 4;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static gboolean
have_cards (void)
{
  if (dirs[0] == NULL)
    {
      g_test_skip ("the shared face photos are missing");
      return FALSE;
    }
  return TRUE;
}

/* Both sides of every card: found (within GOOD_ERR of the truth) at @min_rate, median error. */
static void
check_level (int level, double min_rate, double max_median)
{
  double errors[2 * N_CARDS];
  int n = 0, good = 0;

  if (!have_cards ())
    return;
  for (int i = 0; i < N_CARDS; i++)
    for (int back = 0; back < 2; back++)
      {
        EkycPoint truth[4];
        g_autoptr(EkycImage) image = load_photo (dirs[level], i, back, truth);
        g_autoptr(GError) error = NULL;
        EkycCardDetection det;
        double e;

        g_assert_true (ekyc_card_detect (image, &det, &error));
        g_assert_no_error (error);
        e = det.found ? corner_error (det.corners, truth) : INFINITY;
        errors[n++] = e;
        if (e <= GOOD_ERR)
          good++;
        else
          g_test_message ("card %d %s: %s, error %.1f px", i, back ? "back" : "front",
                          det.found ? "found" : "not found", e);
      }
  qsort (errors, n, sizeof errors[0], (GCompareFunc) cmp_double);
  g_test_message ("%d/%d found, median corner error %.2f px", good, n, errors[n / 2]);
  g_assert_cmpfloat ((double) good / n, >=, min_rate);
  g_assert_cmpfloat (errors[n / 2], <=, max_median);
}

/* The goals are 100 % clean and 95 % easy; these floors were measured on this seed with the
 * portrait and fingerprint boxes as anchors (23/24 and 22/24; BENCHMARKS.md, "Card detection");
 * with the QR code's square too it finds 24/24 and 23/24. Before the card was predicted from
 * inner features when its own outline did not close, they were 90 % and 80 %. */
static void
test_clean (void)
{
  check_level (0, 0.95, 3.0);
}

static void
test_easy (void)
{
  check_level (1, 0.9, 6.0);
}

/* The rectified card has the asked size, and its corners are the image's corners: on a dark
 * canvas with a margin, the detector finds it again where it was put. */
static void
test_rectify (void)
{
  const int margin = 120;
  EkycPoint truth[4], expected[4];
  g_autoptr(EkycImage) image = NULL, card = NULL, canvas = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *pixels = NULL;
  EkycCardDetection det, again;
  int w, h, cw, ch;

  if (!have_cards ())
    return;
  image = load_photo (dirs[1], 0, FALSE, truth);
  g_assert_true (ekyc_card_detect (image, &det, &error));
  g_assert_true (det.found);

  card = ekyc_card_rectify (image, &det, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_image_get_width (card), ==, 1000);
  g_assert_cmpint (ekyc_image_get_height (card), ==, 631);
  g_assert_cmpint (ekyc_image_get_format (card), ==, EKYC_PIXEL_FORMAT_BGR);
  {
    g_autoptr(EkycImage) small = ekyc_card_rectify (image, &det, 500, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ekyc_image_get_height (small), ==, 315);
  }

  w = ekyc_image_get_width (card);
  h = ekyc_image_get_height (card);
  cw = w + 2 * margin;
  ch = h + 2 * margin;
  pixels = g_malloc ((gsize) cw * ch * 3);
  memset (pixels, 40, (gsize) cw * ch * 3);
  for (int y = 0; y < h; y++)
    memcpy (pixels + ((gsize) (y + margin) * cw + margin) * 3,
            ekyc_image_get_pixels (card) + (gsize) y * ekyc_image_get_stride (card),
            (gsize) w * 3);
  canvas = ekyc_image_new_from_memory (pixels, cw, ch, (gsize) cw * 3, EKYC_PIXEL_FORMAT_BGR,
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_card_detect (canvas, &again, &error));
  g_assert_true (again.found);
  expected[0] = (EkycPoint) { margin, margin };
  expected[1] = (EkycPoint) { margin + w, margin };
  expected[2] = (EkycPoint) { margin + w, margin + h };
  expected[3] = (EkycPoint) { margin, margin + h };
  g_test_message ("re-detected corners %.2f px from the rectified image's corners",
                  corner_error (again.corners, expected));
  g_assert_cmpfloat (corner_error (again.corners, expected), <=, 3.0);
  g_assert_cmpint (again.problems & EKYC_CARD_QUALITY_CUT_OFF, ==, 0);
  g_clear_pointer (&canvas, ekyc_image_unref);

  det.found = FALSE;
  g_assert_null (ekyc_card_rectify (image, &det, 0, &error));
  g_assert_error (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT);
}

/* A copy of @image's BGR pixels, for the constructed bad cases. */
static guint8 *
copy_pixels (const EkycImage *image)
{
  int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
  guint8 *copy = g_malloc ((gsize) w * h * 3);

  g_assert_cmpint (ekyc_image_get_format (image), ==, EKYC_PIXEL_FORMAT_BGR);
  for (int y = 0; y < h; y++)
    memcpy (copy + (gsize) y * w * 3,
            ekyc_image_get_pixels (image) + (gsize) y * ekyc_image_get_stride (image),
            (gsize) w * 3);
  return copy;
}

/* The same photo in every 3- and 4-byte channel order (a camera hands BGRA, a file BGR) gives
 * the same corners and the same rectified card; a detection in between on a frame of another size
 * (the detector reuses its buffers from one frame to the next) changes nothing. */
static void
test_channel_orders (void)
{
  static const struct { EkycPixelFormat format; int bytes, b, g, r; } orders[] = {
    { EKYC_PIXEL_FORMAT_RGB, 3, 2, 1, 0 },  { EKYC_PIXEL_FORMAT_RGBA, 4, 2, 1, 0 },
    { EKYC_PIXEL_FORMAT_BGRA, 4, 0, 1, 2 }, { EKYC_PIXEL_FORMAT_ARGB, 4, 3, 2, 1 },
    { EKYC_PIXEL_FORMAT_ABGR, 4, 1, 2, 3 }, { EKYC_PIXEL_FORMAT_BGR, 3, 0, 1, 2 },
  };
  EkycPoint truth[4];
  g_autoptr(EkycImage) image = NULL, card = NULL, other_size = NULL;
  g_autoptr(GError) error = NULL;
  EkycCardDetection det, other;
  int w, h;

  if (!have_cards ())
    return;
  image = load_photo (dirs[1], 1, FALSE, truth);
  w = ekyc_image_get_width (image);
  h = ekyc_image_get_height (image);
  g_assert_true (ekyc_card_detect (image, &det, &error));
  g_assert_true (det.found);
  card = ekyc_card_rectify (image, &det, 500, &error);
  g_assert_no_error (error);
  {
    /* a frame of another size: the card 600 px wide on a dark 800 × 600 canvas */
    g_autoptr(EkycImage) small_card = ekyc_card_rectify (image, &det, 600, &error);
    g_autofree guint8 *pixels = g_malloc ((gsize) 800 * 600 * 3);
    int cw = ekyc_image_get_width (small_card), ch = ekyc_image_get_height (small_card);

    g_assert_no_error (error);
    memset (pixels, 40, (gsize) 800 * 600 * 3);
    for (int y = 0; y < ch; y++)
      memcpy (pixels + ((gsize) (y + 100) * 800 + 100) * 3,
              ekyc_image_get_pixels (small_card) + (gsize) y * ekyc_image_get_stride (small_card),
              (gsize) cw * 3);
    other_size = ekyc_image_new_from_memory_copy (pixels, 800, 600, 800 * 3, EKYC_PIXEL_FORMAT_BGR,
                                            &error);
    g_assert_no_error (error);
  }
  for (guint k = 0; k < G_N_ELEMENTS (orders); k++)
    {
      g_autofree guint8 *bgr = copy_pixels (image);
      g_autofree guint8 *pixels = g_malloc0 ((gsize) w * h * orders[k].bytes);
      g_autoptr(EkycImage) frame = NULL, rectified = NULL;
      EkycCardDetection again;

      for (gsize i = 0; i < (gsize) w * h; i++)
        {
          guint8 *px = pixels + i * orders[k].bytes;

          px[orders[k].b] = bgr[3 * i];
          px[orders[k].g] = bgr[3 * i + 1];
          px[orders[k].r] = bgr[3 * i + 2];
        }
      frame = ekyc_image_new_from_memory (pixels, w, h, (gsize) w * orders[k].bytes,
                                          orders[k].format, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ekyc_card_detect (other_size, &other, &error));
      g_assert_true (other.found);
      g_assert_true (ekyc_card_detect (frame, &again, &error));
      g_assert_no_error (error);
      g_assert_true (again.found);
      g_assert_cmpfloat (corner_error (again.corners, det.corners), <, 0.01);
      g_assert_cmpint (again.side, ==, det.side);
      g_assert_cmpfloat (fabs (again.sharpness - det.sharpness), <, 0.01);
      rectified = ekyc_card_rectify (frame, &again, 500, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ekyc_image_get_format (rectified), ==, EKYC_PIXEL_FORMAT_BGR);
      g_assert_cmpmem (ekyc_image_get_pixels (rectified),
                       ekyc_image_get_stride (rectified) * ekyc_image_get_height (rectified),
                       ekyc_image_get_pixels (card),
                       ekyc_image_get_stride (card) * ekyc_image_get_height (card));
    }
}

static EkycCardDetection
detect_pixels (guint8 *pixels, int w, int h, gsize stride)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = ekyc_image_new_from_memory (pixels, w, h, stride,
                                                           EKYC_PIXEL_FORMAT_BGR, NULL, NULL,
                                                           &error);
  EkycCardDetection det;

  g_assert_no_error (error);
  g_assert_true (ekyc_card_detect (image, &det, &error));
  g_assert_no_error (error);
  return det;
}

/* Horizontal then vertical running mean of width 2 r + 1, in place. */
static void
box_blur (guint8 *p, int w, int h, int r)
{
  g_autofree int *line = g_new (int, MAX (w, h) * 3);

  for (int y = 0; y < h; y++)
    {
      guint8 *row = p + (gsize) y * w * 3;
      for (int i = 0; i < w * 3; i++)
        line[i] = row[i];
      for (int x = 0; x < w; x++)
        for (int c = 0; c < 3; c++)
          {
            int sum = 0;
            for (int k = -r; k <= r; k++)
              sum += line[CLAMP (x + k, 0, w - 1) * 3 + c];
            row[x * 3 + c] = (guint8) (sum / (2 * r + 1));
          }
    }
  for (int x = 0; x < w; x++)
    {
      for (int y = 0; y < h; y++)
        for (int c = 0; c < 3; c++)
          line[y * 3 + c] = p[((gsize) y * w + x) * 3 + c];
      for (int y = 0; y < h; y++)
        for (int c = 0; c < 3; c++)
          {
            int sum = 0;
            for (int k = -r; k <= r; k++)
              sum += line[CLAMP (y + k, 0, h - 1) * 3 + c];
            p[((gsize) y * w + x) * 3 + c] = (guint8) (sum / (2 * r + 1));
          }
    }
}

/* A saturated ellipse of light over the middle of the card, a sixth of its size. */
static void
paint_glare (guint8 *pixels, int w, int h, const EkycPoint truth[4])
{
  double cx = (truth[0].x + truth[2].x) / 2, cy = (truth[0].y + truth[2].y) / 2;
  double rx = (truth[1].x - truth[0].x) / 6, ry = (truth[3].y - truth[0].y) / 6;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (pow ((x - cx) / rx, 2) + pow ((y - cy) / ry, 2) <= 1)
        memset (pixels + ((gsize) y * w + x) * 3, 255, 3);
}

static void
test_quality_flags (void)
{
  EkycPoint truth[4];
  g_autoptr(EkycImage) image = NULL;
  g_autofree guint8 *pixels = NULL;
  EkycCardDetection det;
  int w, h;

  if (!have_cards ())
    return;
  image = load_photo (dirs[0], 1, FALSE, truth);
  w = ekyc_image_get_width (image);
  h = ekyc_image_get_height (image);

  /* as captured: no problem */
  pixels = copy_pixels (image);
  det = detect_pixels (pixels, w, h, (gsize) w * 3);
  g_assert_true (det.found);
  g_test_message ("clean: sharpness %.0f, brightness %.0f, glare %.3f, width %.2f",
                  det.sharpness, det.brightness, det.glare, det.width_fraction);
  g_assert_cmpint (det.problems, ==, EKYC_CARD_QUALITY_OK);

  /* cut off: a frame that ends at 90 % of the card's width (borrowed rows) */
  {
    int cut = (int) (truth[0].x + (truth[1].x - truth[0].x) * 0.9);
    det = detect_pixels (pixels, cut, h, (gsize) w * 3);
    g_assert_true (det.found);
    g_test_message ("cut: corners (%.0f, %.0f) (%.0f, %.0f) (%.0f, %.0f) (%.0f, %.0f) in %d px",
                    det.corners[0].x, det.corners[0].y, det.corners[1].x, det.corners[1].y,
                    det.corners[2].x, det.corners[2].y, det.corners[3].x, det.corners[3].y, cut);
    g_assert_true (det.problems & EKYC_CARD_QUALITY_CUT_OFF);
  }

  /* dark: a quarter of the light */
  {
    g_autofree guint8 *dark = copy_pixels (image);
    for (gsize i = 0; i < (gsize) w * h * 3; i++)
      dark[i] /= 4;
    det = detect_pixels (dark, w, h, (gsize) w * 3);
    g_assert_true (det.found);
    g_test_message ("dark: brightness %.0f", det.brightness);
    g_assert_true (det.problems & EKYC_CARD_QUALITY_TOO_DARK);
  }

  /* glare: a saturated ellipse over the middle of the card */
  {
    g_autofree guint8 *glare = copy_pixels (image);
    paint_glare (glare, w, h, truth);
    det = detect_pixels (glare, w, h, (gsize) w * 3);
    g_assert_true (det.found);
    g_test_message ("glare: %.3f", det.glare);
    g_assert_true (det.problems & EKYC_CARD_QUALITY_GLARE);
  }

  /* blurred: three box passes of 9 px (about a Gaussian of sigma 4.5) */
  {
    g_autofree guint8 *blur = copy_pixels (image);
    for (int pass = 0; pass < 3; pass++)
      box_blur (blur, w, h, 4);
    det = detect_pixels (blur, w, h, (gsize) w * 3);
    g_assert_true (det.found);
    g_test_message ("blurred: sharpness %.0f", det.sharpness);
    g_assert_true (det.problems & EKYC_CARD_QUALITY_BLURRED);
  }

  g_assert_cmpstr (ekyc_card_quality_flag_name (EKYC_CARD_QUALITY_GLARE), ==, "glare");
  g_assert_nonnull (ekyc_card_quality_flag_advice (EKYC_CARD_QUALITY_CUT_OFF));
}

/* The backs carry printed white (fingerprint boxes, the MRZ band, the QR's quiet zone) that
 * saturates on a clean capture: that is not glare, or the back never captures by itself. Nor is
 * a card photographed brighter (its pale background clipped, the print still dark). Real glare
 * over a back still is. */
static void
test_back_not_glare (void)
{
  int judged = 0, brighter = 0;

  if (!have_cards ())
    return;
  for (int i = 0; i < N_CARDS; i++)
    {
      EkycPoint truth[4];
      g_autoptr(EkycImage) image = load_photo (dirs[0], i, TRUE, truth);
      int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
      g_autofree guint8 *pixels = copy_pixels (image);
      EkycCardDetection det = detect_pixels (pixels, w, h, (gsize) w * 3);

      g_test_message ("back %d: %s, glare %.3f, problems 0x%x", i,
                      det.found ? "found" : "not found", det.glare, det.problems);
      /* the statistics are taken where the card was found: a wrong quad says nothing here */
      if (!det.found || corner_error (det.corners, truth) > GOOD_ERR)
        continue;
      judged++;
      g_assert_cmpint (det.problems & EKYC_CARD_QUALITY_GLARE, ==, 0);

      /* 20 % more light: the pale background clips to white */
      for (gsize k = 0; k < (gsize) w * h * 3; k++)
        pixels[k] = (guint8) MIN (255, pixels[k] * 6 / 5);
      det = detect_pixels (pixels, w, h, (gsize) w * 3);
      g_test_message ("back %d brighter: %s, glare %.3f, brightness %.0f", i,
                      det.found ? "found" : "not found", det.glare, det.brightness);
      /* a card found only through its layout (its outline faint on a pale page) may be lost
       * when the page clips to white: the flags are judged where it is found */
      if (det.found && corner_error (det.corners, truth) <= GOOD_ERR)
        {
          brighter++;
          g_assert_cmpint (det.problems & EKYC_CARD_QUALITY_GLARE, ==, 0);
        }

      if (judged <= 3)
        {
          g_autofree guint8 *glare = copy_pixels (image);
          paint_glare (glare, w, h, truth);
          det = detect_pixels (glare, w, h, (gsize) w * 3);
          g_assert_true (det.found);
          g_test_message ("back %d with glare: %.3f", i, det.glare);
          g_assert_true (det.problems & EKYC_CARD_QUALITY_GLARE);
        }
    }
  g_assert_cmpint (judged, >=, N_CARDS * 2 / 3);
  g_assert_cmpint (brighter, >=, N_CARDS / 2);
}

/* Every side found where it is is told right: the back by its MRZ lines, on both looks. */
static void
test_side (void)
{
  int judged = 0;

  if (!have_cards ())
    return;
  for (int level = 0; level < 3; level++)
    for (int i = 0; i < (level == 2 ? N_OTHER : N_CARDS); i++)
      for (int back = 0; back < 2; back++)
        {
          EkycPoint truth[4];
          g_autoptr(EkycImage) image = NULL;
          EkycCardDetection det;

          if (dirs[level] == NULL)
            continue;
          image = load_photo (dirs[level], i, back, truth);
          g_assert_true (ekyc_card_detect (image, &det, NULL));
          if (!det.found || corner_error (det.corners, truth) > GOOD_ERR)
            continue;
          judged++;
          if (det.side != (back ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_FRONT))
            g_test_message ("level %d card %d %s taken for the %s (%.2f)", level, i,
                            back ? "back" : "front", ekyc_card_side_name (det.side),
                            det.side_confidence);
          g_assert_cmpint (det.side, ==, back ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_FRONT);
          g_assert_false (det.upside_down);
          g_assert_cmpfloat (det.side_confidence, >=, 0.5);
          g_assert_cmpfloat (det.side_confidence, <=, 1.0);
        }
  g_test_message ("%d sides judged", judged);
  g_assert_cmpint (judged, >=, (2 * N_CARDS + 2 * N_CARDS + 2 * N_OTHER) * 9 / 10);
  g_assert_cmpstr (ekyc_card_side_name (EKYC_CARD_SIDE_BACK), ==, "back");
}

/* The same photos turned half a turn (each card held upside down): every card found where it is
 * (its own top-left now at the bottom right, corners[2]) is upside down and told front or back
 * right, on both looks; the corners stay in the order seen. The layout's inner features are also
 * tried as those of a card upside down, so as many are found as upright (62 of 64 both ways;
 * 50 turned when they were tried upright only). */
static void
test_upside_down (void)
{
  int judged = 0, photos = 0;

  if (!have_cards ())
    return;
  for (int level = 0; level < 3; level++)
    for (int i = 0; i < (level == 2 ? N_OTHER : N_CARDS); i++)
      for (int back = 0; back < 2; back++)
        {
          EkycPoint truth[4], turned_truth[4];
          g_autoptr(EkycImage) image = NULL;
          g_autofree guint8 *pixels = NULL;
          int w, h;
          EkycCardDetection det;

          if (dirs[level] == NULL)
            continue;
          image = load_photo (dirs[level], i, back, truth);
          w = ekyc_image_get_width (image);
          h = ekyc_image_get_height (image);
          pixels = g_malloc ((gsize) w * h * 3);
          for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
              memcpy (pixels + ((gsize) (h - 1 - y) * w + (w - 1 - x)) * 3,
                      ekyc_image_get_pixels (image) + (gsize) y * ekyc_image_get_stride (image)
                      + (gsize) x * 3, 3);
          for (int c = 0; c < 4; c++)
            {
              turned_truth[c].x = w - truth[(c + 2) % 4].x;
              turned_truth[c].y = h - truth[(c + 2) % 4].y;
            }
          photos++;
          det = detect_pixels (pixels, w, h, (gsize) w * 3);
          if (!det.found || corner_error (det.corners, turned_truth) > GOOD_ERR)
            continue;
          judged++;
          if (!det.upside_down || det.side != (back ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_FRONT))
            g_test_message ("level %d card %d %s turned: taken for the %s, %s", level, i,
                            back ? "back" : "front", ekyc_card_side_name (det.side),
                            det.upside_down ? "upside down" : "upright");
          g_assert_true (det.upside_down);
          g_assert_cmpint (det.side, ==, back ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_FRONT);
        }
  g_test_message ("%d of %d turned photos found and judged", judged, photos);
  g_assert_cmpint (judged, >=, photos * 9 / 10);
}

/* The factory's held-out look, which the detector was not tuned on. */
static gboolean
make_other_look (const char *out)
{
  const char *shared = g_getenv ("EKYC_SHARED_DATA");
  g_autofree char *faces = g_build_filename (shared ? shared : "../shared/data", "faces", "lfw",
                                             NULL);
  g_autofree char *n = g_strdup_printf ("%d", N_OTHER);
  const char *argv[] = { g_getenv ("EKYC_SYNTH_CARDS"), "--out", out, "--count", n,
                         "--difficulty", "easy", "--seed", SEED, "--faces", faces,
                         "--other-look", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_file_test (faces, G_FILE_TEST_IS_DIR))
    return FALSE;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}

/* Two easy photos where the card's outline did not close and the portrait was taken for the
 * card (the factory's seed 5353, cards 30 and 32): a pale card on a pale background, one side
 * faint (card 30); a card under strong perspective whose portrait alone predicts it too far off
 * on the far side, found through its portrait and QR square together (card 32). */
static void
test_pale_card_on_pale_background (void)
{
  g_autofree char *dir = NULL;
  const char *const args[] = { "--first", "30", "--count", "3", "--difficulty", "easy", "--seed",
                               "5353", NULL };
  const int cards[] = { 30, 32 };

  if (!have_cards ())
    return;
  dir = g_dir_make_tmp ("card-detect-pale-XXXXXX", NULL);
  g_assert_true (ekyc_test_run_card_factory (dir, "lfw", args));
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      EkycPoint truth[4];
      g_autoptr(EkycImage) image = load_photo (dir, cards[i], FALSE, truth);
      g_autoptr(GError) error = NULL;
      EkycCardDetection det;

      g_assert_true (ekyc_card_detect (image, &det, &error));
      g_assert_no_error (error);
      g_assert_true (det.found);
      g_test_message ("card %d: corner error %.1f px", cards[i], corner_error (det.corners, truth));
      g_assert_cmpfloat (corner_error (det.corners, truth), <=, GOOD_ERR);
    }
  ekyc_test_remove_tree (dir);
}

/* A back whose corner nearly touches the frame's bottom edge, on a page of printed lines (the
 * held-out look's seed 9393, easy card 47): the card's contour was joined to the frame's edge and
 * the frame taken for two of its sides (157 px off); the contours drawn without the frame's edge
 * find the card itself. */
static void
test_corner_at_frame_edge (void)
{
  g_autofree char *dir = NULL;
  const char *const args[] = { "--first", "47", "--count", "1", "--difficulty", "easy", "--seed",
                               "9393", "--other-look", NULL };
  EkycPoint truth[4];
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(GError) error = NULL;
  EkycCardDetection det;

  if (!have_cards ())
    return;
  dir = g_dir_make_tmp ("card-detect-edge-XXXXXX", NULL);
  g_assert_true (ekyc_test_run_card_factory (dir, "lfw", args));
  image = load_photo (dir, 47, TRUE, truth);
  g_assert_true (ekyc_card_detect (image, &det, &error));
  g_assert_no_error (error);
  g_assert_true (det.found);
  g_test_message ("corner error %.1f px", corner_error (det.corners, truth));
  g_assert_cmpfloat (corner_error (det.corners, truth), <=, GOOD_ERR);
  ekyc_test_remove_tree (dir);
}

static void
test_no_card (void)
{
  g_autofree char *path = ekyc_test_shared_path ("faces", "deepface", "img1.jpg", NULL);
  g_autoptr(EkycImage) image = NULL;
  g_autoptr(GError) error = NULL;
  EkycCardDetection det;

  if (path == NULL)
    return;
  image = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_card_detect (image, &det, &error));
  g_assert_no_error (error);
  g_assert_false (det.found);
}

int
main (int argc, char **argv)
{
  const char *levels[] = { "clean", "easy" };
  g_autofree char *root = NULL;
  int ret;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("card-detect-XXXXXX", NULL);
  g_assert_nonnull (root);
  for (int i = 0; i < 2; i++)
    {
      dirs[i] = g_build_filename (root, levels[i], NULL);
      if (!ekyc_test_make_cards (dirs[i], N_CARDS, levels[i], SEED))
        g_clear_pointer (&dirs[i], g_free);
    }
  if (dirs[1] == NULL)
    g_clear_pointer (&dirs[0], g_free);
  dirs[2] = g_build_filename (root, "other-look", NULL);
  if (dirs[0] == NULL || !make_other_look (dirs[2]))
    g_clear_pointer (&dirs[2], g_free);

  g_test_add_func ("/card-detect/clean/95-percent-found-median-3-px", test_clean);
  g_test_add_func ("/card-detect/easy/90-percent-found-median-6-px", test_easy);
  g_test_add_func ("/card-detect/easy/pale-card-on-pale-background",
                   test_pale_card_on_pale_background);
  g_test_add_func ("/card-detect/easy/corner-at-the-frame-edge", test_corner_at_frame_edge);
  g_test_add_func ("/card-detect/rectify/corners-at-image-corners", test_rectify);
  g_test_add_func ("/card-detect/formats/same-card-in-every-channel-order", test_channel_orders);
  g_test_add_func ("/card-detect/quality/cut-dark-glare-blurred", test_quality_flags);
  g_test_add_func ("/card-detect/quality/back-is-not-glare", test_back_not_glare);
  g_test_add_func ("/card-detect/side/front-or-back-told-right", test_side);
  g_test_add_func ("/card-detect/side/upside-down-told-on-turned-photos", test_upside_down);
  g_test_add_func ("/card-detect/no-card-in-a-face-photo", test_no_card);
  ret = g_test_run ();

  for (int i = 0; i < 3; i++)
    g_free (dirs[i]);
  ekyc_test_remove_tree (root);
  return ret;
}
