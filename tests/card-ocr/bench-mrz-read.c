/* bench-mrz-read.c — read rate and time of ekyc_mrz_read on factory backs and specimen images
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-mrz-read [-v] DIR…     a directory made by ekyc-synth-cards: every NNNN-back.jpg,
 *                                compared with the MRZ of NNNN.json
 *   bench-mrz-read [-v] IMAGE…   any pictures: counts readings whose check digits all pass
 *
 * A card counts as read when every check digit passes and the three lines equal the ground
 * truth. Times per picture: wall clock (the machine's other load included) and the process's
 * CPU time.
 * Built, not registered as a test (BENCHMARKS.md, "MRZ reading").
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <ekyc/ekyc.h>

#include "bench-utils.h"

static gboolean verbose;
static GArray *cpu_times;

/* Reads @path; returns the reading or NULL, adds the time to @times. */
static EkycMrzReading *
timed_read (const char *path, GArray *times, GError **error)
{
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, error);
  gint64 t0 = g_get_monotonic_time ();
  double cpu0 = ekyc_bench_cpu_ms ();
  EkycMrzReading *reading;
  double ms;

  if (image == NULL)
    return NULL;
  reading = ekyc_mrz_read (image, NULL, error);
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  g_array_append_val (times, ms);
  ms = ekyc_bench_cpu_ms () - cpu0;
  g_array_append_val (cpu_times, ms);
  return reading;
}

static void
report (const char *what, int total, int valid, int right, GArray *times)
{
  printf ("%-40s %3d pictures: %3d valid (%.1f %%)", what, total, valid,
          total ? 100.0 * valid / total : 0.0);
  if (right >= 0)
    printf (", %3d valid and equal to the truth (%.1f %%)", right,
            total ? 100.0 * right / total : 0.0);
  printf ("; wall median %.0f ms, p95 %.0f ms; CPU median %.0f ms, p95 %.0f ms\n",
          ekyc_bench_quantile (times, 0.5), ekyc_bench_quantile (times, 0.95), ekyc_bench_quantile (cpu_times, 0.5),
          ekyc_bench_quantile (cpu_times, 0.95));
  g_array_set_size (cpu_times, 0);
}

static void
bench_dir (const char *dir)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  int total = 0, valid = 0, right = 0;

  for (int i = 0;; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04d.json", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *img_name = g_strdup_printf ("%04d-back.jpg", i);
      g_autofree char *img_path = g_build_filename (dir, img_name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(EkycMrzReading) reading = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *truth;
      gboolean equal = TRUE;

      if (!json_parser_load_from_file (parser, path, NULL))
        break;
      truth = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "mrz");
      total++;
      reading = timed_read (img_path, times, &error);
      if (reading == NULL)
        {
          if (verbose)
            printf ("  %s: %s\n", img_name, error->message);
          continue;
        }
      for (guint l = 0; l < json_array_get_length (truth); l++)
        equal &= l < reading->mrz->n_lines &&
                 g_str_equal (reading->mrz->lines[l], json_array_get_string_element (truth, l));
      valid += reading->mrz->valid;
      right += reading->mrz->valid && equal;
      if (verbose && !(reading->mrz->valid && equal))
        {
          printf ("  %s: %s%s (%s, confidence %.2f)\n", img_name,
                  reading->mrz->valid ? "valid" : "checks fail", equal ? "" : ", differs",
                  reading->source == EKYC_MRZ_SOURCE_CARD ? "card" : "image",
                  reading->confidence);
          for (guint l = 0; l < reading->mrz->n_lines; l++)
            printf ("    %s   %s\n", reading->mrz->lines[l],
                    l < json_array_get_length (truth)
                    ? json_array_get_string_element (truth, l) : "");
        }
    }
  report (dir, total, valid, right, times);
}

static void
bench_image (const char *path, GArray *times, int *images, int *valid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycMrzReading) reading = timed_read (path, times, &error);

  (*images)++;
  if (reading != NULL)
    *valid += reading->mrz->valid;
  if (verbose)
    {
      printf ("  %s: %s\n", path, reading == NULL ? error->message
              : reading->mrz->valid ? "valid" : "checks fail");
      for (guint l = 0; reading != NULL && l < reading->mrz->n_lines; l++)
        printf ("    %s\n", reading->mrz->lines[l]);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  int images = 0, valid = 0;

  cpu_times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "-v"))
        {
          verbose = TRUE;
          continue;
        }
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        bench_dir (argv[i]);
      else
        bench_image (argv[i], times, &images, &valid);
    }
  if (images > 0)
    report ("pictures", images, valid, -1, times);
  return 0;
}
