/* bench-card-detect.c — detection rate, corner error and time of ekyc_card_detect on factory cards
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-card-detect [--turned] [--once] DIR…   (each DIR made by ekyc-synth-cards; built, not
 *                                                 registered as a test)
 *
 * --turned: every photo turned half a turn (the card held upside down; the truth turned with
 * it), the side and upside_down judged; --once: one run per photo (rates only, no best of 3).
 *
 * Per directory: cards found (and found within 10 px of the truth), median/p90 mean corner error (px) against the ground truth, the
 * quality flags that fired, front / back told right (on the cards found right), and the detection time (median, p95; wall and process CPU, each the
 * best of 3 runs per photo) over every photo.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ekyc/ekyc.h>

#include "bench-utils.h"

static gboolean turned, once;

/* @image turned half a turn. */
static EkycImage *
turn_image (EkycImage *image)
{
  int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
  gsize stride = ekyc_image_get_stride (image);
  const guint8 *src = ekyc_image_get_pixels (image);
  g_autofree guint8 *dst = g_malloc ((gsize) w * h * 3);

  g_assert (ekyc_image_get_format (image) == EKYC_PIXEL_FORMAT_BGR
            || ekyc_image_get_format (image) == EKYC_PIXEL_FORMAT_RGB);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      memcpy (dst + ((gsize) (h - 1 - y) * w + (w - 1 - x)) * 3, src + y * stride + x * 3, 3);
  return ekyc_image_new_from_memory_copy (dst, w, h, (gsize) w * 3, ekyc_image_get_format (image),
                                          NULL);
}

static void
bench_dir (const char *dir)
{
  g_autoptr(GArray) errors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  int total = 0, found = 0, right = 0, flags[5] = { 0 }, side_right = 0, side_judged = 0;
  int way_right = 0;

  for (int i = 0;; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04d.json", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *truth;

      if (!json_parser_load_from_file (parser, path, NULL))
        break;
      truth = json_node_get_object (json_parser_get_root (parser));
      for (int s = 0; s < 2; s++)
        {
          const char *sidename = s ? "back" : "front";
          g_autofree char *img_name = g_strdup_printf ("%04d-%s.jpg", i, sidename);
          g_autofree char *img_path = g_build_filename (dir, img_name, NULL);
          g_autofree char *key = g_strdup_printf ("%s_corners", sidename);
          g_autoptr(EkycImage) image = ekyc_image_new_from_file (img_path, NULL);
          JsonArray *corners = json_object_get_array_member (truth, key);
          EkycCardDetection det;
          double err = 0, t0, c0, best = 1e9, best_cpu = 1e9;
          gboolean start_turned;

          g_assert (image != NULL);
          if (turned)
            {
              EkycImage *t = turn_image (image);

              ekyc_image_unref (image);
              image = t;
            }
          for (int rep = 0; rep < (once ? 1 : 3); rep++)
            {
              t0 = g_get_monotonic_time ();
              c0 = ekyc_bench_cpu_ms ();
              g_assert (ekyc_card_detect (image, &det, NULL));
              best_cpu = MIN (best_cpu, ekyc_bench_cpu_ms () - c0);
              best = MIN (best, (g_get_monotonic_time () - t0) / 1000.0);
            }
          g_array_append_val (times, best);
          g_array_append_val (cpu_times, best_cpu);
          total++;
          if (!det.found)
            {
              printf ("  %s: not found\n", img_name);
              continue;
            }
          found++;
          for (int k = 0; k < 5; k++)
            if (det.problems & (1 << k))
              flags[k]++;
          /* the detector's corners start at the card's top-left as seen, or at its own
           * top-left's opposite corner when it tells the card is turned (upside down, or a
           * quarter turn that its rectified image shows upside down): the error is that of the
           * nearer of the two starts, and the way up is right when it matches that start */
          {
            double errs[2] = { 0, 0 };

            for (int k = 0; k < 2; k++)
              for (int c = 0; c < 4; c++)
                {
                  JsonArray *p = json_array_get_array_element (corners, (c + 2 * k) % 4);
                  double tx = json_array_get_double_element (p, 0);
                  double ty = json_array_get_double_element (p, 1);

                  if (turned)
                    {
                      tx = ekyc_image_get_width (image) - tx;
                      ty = ekyc_image_get_height (image) - ty;
                    }
                  errs[k] += hypot (det.corners[c].x - tx, det.corners[c].y - ty) / 4;
                }
            err = MIN (errs[0], errs[1]);
            start_turned = errs[1] < errs[0];
          }
          g_array_append_val (errors, err);
          if (err <= 10)
            {
              right++;
              side_judged++;
              if (det.side == (s ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_FRONT))
                side_right++;
              else
                printf ("  %s: taken for the %s (confidence %.2f)\n", img_name,
                        ekyc_card_side_name (det.side), det.side_confidence);
              if (det.upside_down == start_turned)
                way_right++;
              else
                printf ("  %s: taken for %s\n", img_name,
                        det.upside_down ? "upside down" : "upright");
            }
          if (err > 5 || g_getenv ("VERBOSE"))
            printf ("  %s: error %.1f px, confidence %.2f, sharp %.0f, bright %.0f, glare %.3f, "
                    "problems 0x%x, corners (%.0f, %.0f) (%.0f, %.0f) (%.0f, %.0f) (%.0f, %.0f)\n",
                    img_name, err, det.confidence, det.sharpness, det.brightness, det.glare,
                    det.problems, det.corners[0].x, det.corners[0].y, det.corners[1].x,
                    det.corners[1].y, det.corners[2].x, det.corners[2].y, det.corners[3].x,
                    det.corners[3].y);
        }
    }
  {
    double e50 = ekyc_bench_quantile (errors, 0.5), e90 = ekyc_bench_quantile (errors, 0.9);
    double t50 = ekyc_bench_quantile (times, 0.5), t95 = ekyc_bench_quantile (times, 0.95);
    double c50 = ekyc_bench_quantile (cpu_times, 0.5), c95 = ekyc_bench_quantile (cpu_times, 0.95);
    printf ("%s: found %d/%d (%.1f %%), within 10 px of the truth %d (%.1f %%), corner error median %.2f px, p90 %.2f px; "
            "wall median %.2f ms, p95 %.2f ms; CPU median %.2f ms, p95 %.2f ms; "
            "flags cut %d small %d blur %d glare %d dark %d; side right %d/%d, way up right %d/%d of those found right\n",
            dir, found, total, 100.0 * found / MAX (total, 1), right, 100.0 * right / MAX (total, 1), e50, e90, t50, t95,
            c50, c95, flags[0], flags[1], flags[2], flags[3], flags[4], side_right, side_judged, way_right,
            side_judged);
  }
}

int
main (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--turned"))
      turned = TRUE;
    else if (g_str_equal (argv[i], "--once"))
      once = TRUE;
    else
      bench_dir (argv[i]);
  return 0;
}
