/* test-card-frames.c — the card found in any frame a capture gives: sizes, quarter turns, scans
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The factory photographs clean cards as webcams (640 × 480, 1920 × 1080), phones (4032 × 3024,
 * and 3024 × 4032 held upright, the card's long sides up and down), a phone turned the other way,
 * and flatbed scans of an A4 page (200 and 300 dpi, a card laid across the glass, a scan cut to
 * the card's edge). Each side must be found with its corners within 10 px of the truth, as the
 * right side, with its own top-left told (so ekyc_card_rectify() of the corners from it shows
 * the card upright), whole, and not too small when it is not; the truth itself must describe the
 * picture written.
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include <ekyc/ekyc.h>

#include "test-card-truth.h"
#include "test-utils.h"

#define N_CARDS 2
#define SEED    "6161"

typedef struct {
  const char *name;
  const char *args[6];   /* the factory's capture options, NULL-terminated */
  int         width, height; /* the picture's size (0: a cropped scan, any) */
  gboolean    small;     /* the card may be flagged too small (VGA) */
} Condition;

static const Condition conditions[] = {
  { "webcam-640x480", { "--frame", "640x480", NULL }, 640, 480, TRUE },
  { "webcam-1920x1080", { "--frame", "1920x1080", NULL }, 1920, 1080, FALSE },
  { "phone-4032x3024", { "--frame", "4032x3024", NULL }, 4032, 3024, FALSE },
  { "phone-upright-3024x4032", { "--frame", "3024x4032", "--turn", "90", NULL }, 3024, 4032,
    FALSE },
  { "turned-270", { "--turn", "270", "--frame", "1920x1080", NULL }, 1920, 1080, FALSE },
  { "scan-a4-200dpi", { "--scan", "200", NULL }, 1654, 2339, FALSE },
  { "scan-a4-300dpi-across", { "--scan", "300", "--turn", "90", NULL }, 2480, 3508, FALSE },
  { "scan-300dpi-cropped", { "--scan", "300", "--crop", NULL }, 0, 0, FALSE },
};

static char *root;

/* The cards of condition @c in a directory of their own; NULL (the test skipped) without the
 * shared face photos */
static char *
make_cards (const Condition *c)
{
  g_autofree char *n = g_strdup_printf ("%d", N_CARDS);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *fixed[] = { "--count", n, "--difficulty", "clean", "--seed", SEED };
  char *out = g_build_filename (root, c->name, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  for (int i = 0; c->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) c->args[i]);
  g_ptr_array_add (args, NULL);
  if (!ekyc_test_run_card_factory (out, "lfw", (const char *const *) args->pdata))
    g_clear_pointer (&out, g_free);
  return out;
}

/* The mean corner error of @det against the truth's corners, from the start @det says is the
 * card's own top-left (corners[2] when upside_down) */
static double
own_corner_error (const EkycCardDetection *det, JsonArray *want)
{
  double err = 0;

  for (int i = 0; i < 4; i++)
    {
      JsonArray *p = json_array_get_array_element (want, (i + (det->upside_down ? 2 : 0)) % 4);

      err += hypot (det->corners[i].x - json_array_get_double_element (p, 0),
                    det->corners[i].y - json_array_get_double_element (p, 1)) / 4;
    }
  return err;
}

static void
test_condition (gconstpointer data)
{
  const Condition *c = data;
  g_autofree char *dir = make_cards (c);

  if (dir == NULL)
    {
      g_test_skip ("the shared face photos are missing");
      return;
    }
  for (int i = 0; i < N_CARDS; i++)
    {
      g_autoptr(JsonObject) truth = ekyc_test_load_card_truth (dir, i);

      g_assert_true (json_object_has_member (truth, "capture"));
      for (int s = 0; s < 2; s++)
        {
          const char *side = s ? "back" : "front";
          g_autofree char *name = g_strdup_printf ("%04d-%s.jpg", i, side);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *key = g_strdup_printf ("%s_corners", side);
          g_autoptr(GError) error = NULL;
          g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, &error);
          g_autoptr(EkycImage) upright = NULL;
          JsonArray *size = json_object_get_array_member (truth, s ? "back_image_size"
                                                                    : "image_size");
          int w, h;
          EkycCardDetection det, own;
          double err;

          g_assert_no_error (error);
          w = ekyc_image_get_width (image);
          h = ekyc_image_get_height (image);
          /* the truth describes the picture written, the size asked for */
          g_assert_cmpint (json_array_get_int_element (size, 0), ==, w);
          g_assert_cmpint (json_array_get_int_element (size, 1), ==, h);
          if (c->width > 0)
            {
              g_assert_cmpint (w, ==, c->width);
              g_assert_cmpint (h, ==, c->height);
            }
          else
            {
              /* cut to the card: a card's aspect, either way, within the margin */
              double aspect = (double) MAX (w, h) / MIN (w, h);
              g_assert_cmpfloat (fabs (aspect - EKYC_CARD_ASPECT), <, 0.1);
            }

          g_assert_true (ekyc_card_detect (image, &det, &error));
          g_assert_no_error (error);
          if (!det.found)
            g_error ("%s %s: no card found", c->name, name);
          err = own_corner_error (&det, json_object_get_array_member (truth, key));
          g_test_message ("%s %s: error %.1f px from the card's own top-left, side %s, "
                          "upside down %d, problems 0x%x, width fraction %.2f", c->name, name,
                          err, ekyc_card_side_name (det.side), det.upside_down, det.problems,
                          det.width_fraction);
          /* found where the card is, its own top-left told */
          g_assert_cmpfloat (err, <, 10.0);
          g_assert_cmpint (det.side, ==, s ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_FRONT);
          g_assert_false (det.problems & EKYC_CARD_QUALITY_CUT_OFF);
          if (!c->small)
            g_assert_false (det.problems & EKYC_CARD_QUALITY_TOO_SMALL);
          g_assert_cmpfloat (det.width_fraction, >, 0.2);
          g_assert_cmpfloat (det.width_fraction, <=, 1.05);

          /* rectified from its own top-left, the card is upright: a back's MRZ at the bottom */
          own = det;
          for (int k = 0; k < 4; k++)
            own.corners[k] = det.corners[(k + (det.upside_down ? 2 : 0)) % 4];
          upright = ekyc_card_rectify (image, &own, 0, &error);
          g_assert_no_error (error);
          g_assert_cmpint (ekyc_image_get_width (upright), ==, EKYC_CARD_RECTIFIED_WIDTH);
          {
            EkycCardDetection again;

            /* the upright card, found again on its own, is not upside down */
            g_assert_true (ekyc_card_detect (upright, &again, &error));
            if (again.found && again.side == (s ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_FRONT))
              g_assert_false (again.upside_down);
          }
        }
    }
}

int
main (int argc, char **argv)
{
  int status;

  ekyc_test_init (&argc, &argv);
  root = g_dir_make_tmp ("card-frames-XXXXXX", NULL);
  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/card-frames/detect/%s", conditions[i].name);

      g_test_add_data_func (path, &conditions[i], test_condition);
    }
  status = g_test_run ();
  ekyc_test_remove_tree (root);
  g_free (root);
  return status;
}
