/* bench-card-qr.c — the QR code alone over a synthetic card set: read rate, passes, CPU
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-card-qr DIR [N]   the first N cards (default all) of a set made by ekyc-synth-cards
 *
 * Per card, both photos go through ekyc_card_detect() then ekyc_qr_decode_card(), as the card
 * reader does. A read is the truth's payload byte for byte; a payload that differs is counted as
 * wrong (it must stay 0: the parser's checks cannot catch every wrong byte). CPU time (process)
 * of detect + QR per photo, the side with the QR and the side without apart; medians and p95.
 * Which pass read each code. Built, not registered as a test (BENCHMARKS.md, "the QR on the card").
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <ekyc/ekyc.h>

#include "bench-utils.h"

#define N_PASSES (EKYC_QR_PASS_CARD_BOTTOM_LEFT + 1)

typedef struct {
  int     cards, read, wrong, passes[N_PASSES];
  GArray *ms_with, *ms_without;
} Totals;

/* Detect + QR on one photo; returns the first code's bytes (or NULL) and its pass. */
static char *
read_photo (const char *path, GArray *ms, EkycQrPass *pass)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycImage) image = ekyc_image_new_from_file (path, &error);
  g_autoptr(GPtrArray) codes = NULL;
  EkycCardDetection detection;
  double t;

  if (image == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return NULL;
    }
  t = ekyc_bench_cpu_ms ();
  if (!ekyc_card_detect (image, &detection, NULL))
    detection.found = FALSE;
  codes = ekyc_qr_decode_card (image, &detection, NULL);
  t = ekyc_bench_cpu_ms () - t;
  g_array_append_val (ms, t);
  if ((codes == NULL || codes->len == 0) && g_getenv ("BENCH_MISSES") != NULL)
    g_printerr ("%s: card %s (%.0f,%.0f %.0f,%.0f %.0f,%.0f %.0f,%.0f)\n", path,
                detection.found ? "found" : "not found", detection.corners[0].x,
                detection.corners[0].y, detection.corners[1].x, detection.corners[1].y,
                detection.corners[2].x, detection.corners[2].y, detection.corners[3].x,
                detection.corners[3].y);
  if (codes == NULL || codes->len == 0)
    return NULL;
  {
    EkycQrCode *code = g_ptr_array_index (codes, 0);

    *pass = code->pass;
    return g_strndup ((const char *) code->data, code->length);
  }
}

static void
bench_card (const char *dir, int index, Totals *totals)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%04d.json", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  JsonObject *truth;
  const char *payload, *qr_side;

  if (!json_parser_load_from_file (parser, path, &error))
    return;
  truth = json_node_get_object (json_parser_get_root (parser));
  payload = json_object_get_string_member (truth, "qr_payload");
  qr_side = json_object_get_string_member (truth, "qr_side");
  totals->cards++;
  for (int s = 0; s < 2; s++)
    {
      const char *side = s == 0 ? "front" : "back";
      gboolean has_qr = g_str_equal (side, qr_side);
      g_autofree char *photo_name = g_strdup_printf ("%04d-%s.jpg", index, side);
      g_autofree char *photo = g_build_filename (dir, photo_name, NULL);
      EkycQrPass pass = EKYC_QR_PASS_FULL;
      g_autofree char *got = read_photo (photo, has_qr ? totals->ms_with : totals->ms_without,
                                         &pass);

      if (got == NULL)
        {
          if (has_qr && g_getenv ("BENCH_MISSES") != NULL)
            g_printerr ("%s: no QR read\n", photo);
          continue;
        }
      if (has_qr && g_str_equal (got, payload))
        {
          totals->read++;
          totals->passes[pass]++;
        }
      else
        {
          totals->wrong++;
          g_printerr ("%s: WRONG payload %s\n", photo, got);
        }
    }
}

int
main (int argc, char **argv)
{
  Totals totals = { 0 };
  int n = argc > 2 ? atoi (argv[2]) : G_MAXINT;

  if (argc < 2)
    {
      g_printerr ("usage: bench-card-qr DIR [N]\n");
      return 2;
    }
  totals.ms_with = g_array_new (FALSE, FALSE, sizeof (double));
  totals.ms_without = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04d.json", i);
      g_autofree char *path = g_build_filename (argv[1], name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        break;
      bench_card (argv[1], i, &totals);
    }
  printf ("%s: %d cards, QR read %.3f, wrong payloads %d\n", argv[1], totals.cards,
          totals.cards > 0 ? (double) totals.read / totals.cards : 0.0, totals.wrong);
  printf ("  passes:");
  for (int p = 0; p < N_PASSES; p++)
    if (totals.passes[p] > 0)
      printf (" %s %d", ekyc_qr_pass_name (p), totals.passes[p]);
  printf ("\n  CPU detect + QR per photo: with the QR median %.0f / p95 %.0f ms, "
          "without median %.0f / p95 %.0f ms\n",
          ekyc_bench_quantile (totals.ms_with, 0.5), ekyc_bench_quantile (totals.ms_with, 0.95),
          ekyc_bench_quantile (totals.ms_without, 0.5),
          ekyc_bench_quantile (totals.ms_without, 0.95));
  g_array_unref (totals.ms_with);
  g_array_unref (totals.ms_without);
  return 0;
}
