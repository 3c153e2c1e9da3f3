/* bench-card-read.c — where the time of a card read goes: each step's CPU time, and whole reads
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-card-read DIR [N]   the first N cards (default 10) of a set made by ekyc-synth-cards
 *
 * Per photo, the CPU time of each step alone (ekyc_card_detect, ekyc_qr_decode, ekyc_mrz_read),
 * then per card the read of ekyc_card_reader_read_card() both ways: print OCR only where the
 * codes leave a field (default) and on both sides (EKYC_CARD_READ_ALL_PRINTED). CPU time is the
 * process's (all threads); wall time includes the machine's other load. Medians and p95.
 * Built, not registered as a test (BENCHMARKS.md, "Card reading: speed").
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include <ekyc/ekyc.h>

#include "bench-utils.h"

enum { DETECT_FRONT, DETECT_BACK, QR_FRONT, QR_BACK, MRZ_FRONT, MRZ_BACK, READ_CPU, READ_WALL,
       FULL_CPU, FULL_WALL, N_TIMES };
static const char *const names[N_TIMES] = {
  "detect, front", "detect, back", "QR, front", "QR, back", "MRZ, front", "MRZ, back",
  "read (default), CPU", "read (default), wall", "read (--full), CPU", "read (--full), wall",
};

static void
time_steps (const EkycImage *image, int side, GArray **times)
{
  EkycCardDetection detection;
  double t;

  t = ekyc_bench_cpu_ms ();
  ekyc_card_detect (image, &detection, NULL);
  t = ekyc_bench_cpu_ms () - t;
  g_array_append_val (times[DETECT_FRONT + side], t);
  t = ekyc_bench_cpu_ms ();
  g_ptr_array_unref (ekyc_qr_decode (image, NULL));
  t = ekyc_bench_cpu_ms () - t;
  g_array_append_val (times[QR_FRONT + side], t);
  t = ekyc_bench_cpu_ms ();
  ekyc_mrz_reading_free (ekyc_mrz_read (image, NULL, NULL));
  t = ekyc_bench_cpu_ms () - t;
  g_array_append_val (times[MRZ_FRONT + side], t);
}

static void
time_read (EkycCardReader *reader, const EkycImage *front, const EkycImage *back,
           EkycCardReadFlags flags, GArray *cpu, GArray *wall)
{
  g_autoptr(GError) error = NULL;
  EkycCardSideReading *sides[2] = { NULL, NULL };
  gint64 t0 = g_get_monotonic_time ();
  double c0 = ekyc_bench_cpu_ms (), c, w;
  EkycCardReading *r = ekyc_card_reader_read_card (reader, front, back, flags, NULL, sides, NULL,
                                                   &error);

  c = ekyc_bench_cpu_ms () - c0;
  w = (g_get_monotonic_time () - t0) / 1000.0;
  if (r == NULL)
    g_printerr ("not read: %s\n", error->message);
  g_array_append_val (cpu, c);
  g_array_append_val (wall, w);
  ekyc_card_reading_free (r);
  ekyc_card_side_reading_free (sides[0]);
  ekyc_card_side_reading_free (sides[1]);
}

int
main (int argc, char **argv)
{
  g_autoptr(EkycCardReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GArray *times[N_TIMES];
  int n = argc > 2 ? atoi (argv[2]) : 10;

  if (argc < 2)
    {
      g_printerr ("usage: bench-card-read DIR [N]\n");
      return 2;
    }
  reader = ekyc_card_reader_new (NULL, &error);
  if (reader == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (int i = 0; i < N_TIMES; i++)
    times[i] = g_array_new (FALSE, FALSE, sizeof (double));
  for (int c = 0; c < n; c++)
    {
      EkycImage *images[2] = { NULL, NULL };
      gboolean ok = TRUE;

      for (int s = 0; s < 2; s++)
        {
          g_autofree char *name = g_strdup_printf ("%04d-%s.jpg", c, s ? "back" : "front");
          g_autofree char *path = g_build_filename (argv[1], name, NULL);

          images[s] = ekyc_image_new_from_file (path, NULL);
          ok &= images[s] != NULL;
        }
      if (!ok)
        {
          g_clear_pointer (&images[0], ekyc_image_unref);
          g_clear_pointer (&images[1], ekyc_image_unref);
          break;
        }
      time_steps (images[0], 0, times);
      time_steps (images[1], 1, times);
      time_read (reader, images[0], images[1], EKYC_CARD_READ_DEFAULT, times[READ_CPU],
                 times[READ_WALL]);
      time_read (reader, images[0], images[1], EKYC_CARD_READ_ALL_PRINTED, times[FULL_CPU],
                 times[FULL_WALL]);
      ekyc_image_unref (images[0]);
      ekyc_image_unref (images[1]);
    }
  printf ("%-22s %8s %8s  (ms, %u cards of %s)\n", "step", "median", "p95", times[0]->len,
          argv[1]);
  for (int i = 0; i < N_TIMES; i++)
    {
      printf ("%-22s %8.1f %8.1f\n", names[i], ekyc_bench_quantile (times[i], 0.5),
              ekyc_bench_quantile (times[i], 0.95));
      g_array_unref (times[i]);
    }
  return 0;
}
