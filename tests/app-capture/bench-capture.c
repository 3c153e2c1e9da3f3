/* bench-capture.c — per-frame analysis time and preview frame rate of EkycCapture
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   EKYC_MODEL_DIR=build/data build/tests/app-capture/bench-capture ../shared/data
 *
 * 1. Analysis time: every frame of real.mov (960 × 540, FACE mode: track, quality, passive
 *    liveness on every third frame) and of a 1280 × 720 card photo frozen by imagefreeze (CARD
 *    mode), analyze-every-frame so none is skipped.
 * 2. Preview rate in real time: real.mov played at its own speed (15 fps) with FACE analysis
 *    running, and videotestsrc at 1280 × 720, 30 fps, with CARD analysis: preview frames per
 *    second reaching the main loop, and analysed frames per second. */
#include "config.h"

#include <stdlib.h>

#include "ekyc-capture.h"

static EkycEngine *engine;

typedef struct {
  GMainLoop *loop;
  GArray    *ms;
  guint      analysed;
  guint      limit;
} Run;

static void
on_analyzed (EkycCapture *capture, EkycFrameAnalysis *a, Run *run)
{
  g_array_append_val (run->ms, a->ms_analysis);
  if (++run->analysed == run->limit)
    g_main_loop_quit (run->loop);
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
quantile (GArray *values, double q)
{
  g_array_sort (values, compare_doubles);
  if (values->len == 0)
    return 0;
  return g_array_index (values, double, MIN (values->len - 1, (guint) (q * values->len)));
}

static void
run (const char *label, const char *source, EkycCaptureMode mode, gboolean every_frame,
     guint limit, guint seconds)
{
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(GError) error = NULL;
  Run r = { g_main_loop_new (NULL, FALSE), g_array_new (FALSE, FALSE, sizeof (double)), 0, limit };
  gint64 start;
  guint64 frames;
  double elapsed;

  ekyc_capture_set_source (capture, source);
  ekyc_capture_set_mode (capture, mode);
  ekyc_capture_set_analyze_every_frame (capture, every_frame);
  g_signal_connect (capture, "frame-analyzed", G_CALLBACK (on_analyzed), &r);
  g_signal_connect_swapped (capture, "eos", G_CALLBACK (g_main_loop_quit), r.loop);
  if (!ekyc_capture_start (capture, &error))
    g_error ("%s: %s", label, error->message);
  start = g_get_monotonic_time ();
  if (seconds > 0)
    g_timeout_add_seconds (seconds, quit_loop, r.loop);
  g_main_loop_run (r.loop);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_object_get (capture, "frames", &frames, NULL);
  ekyc_capture_stop (capture);
  g_print ("| %s | %u | %.1f | %.1f | %.1f | %.1f | %.1f |\n", label, r.analysed,
           quantile (r.ms, 0.5), quantile (r.ms, 0.9), quantile (r.ms, 0.99),
           every_frame ? 0.0 : frames / elapsed, every_frame ? 0.0 : r.analysed / elapsed);
  g_array_unref (r.ms);
  g_main_loop_unref (r.loop);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *real = NULL;
  g_autofree char *card = NULL;

  gst_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: %s SHARED_DATA [CARD_PHOTO]\n", argv[0]);
      return 2;
    }
  engine = ekyc_engine_new (NULL, &error);
  if (engine == NULL)
    g_error ("%s", error->message);
  real = g_build_filename (argv[1], "liveness", "replay-video", "real.mov", NULL);
  g_print ("| run | frames analysed | ms p50 | ms p90 | ms p99 | preview fps | analysed fps |\n"
           "|---|---|---|---|---|---|---|\n");
  run ("real.mov, FACE, every frame", real, EKYC_CAPTURE_MODE_FACE, TRUE, 0, 0);
  if (argc > 2)
    {
      card = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! videoconvert ! "
                              "imagefreeze num-buffers=60 ! video/x-raw,framerate=15/1", argv[2]);
      run ("card photo, CARD, every frame", card, EKYC_CAPTURE_MODE_CARD, TRUE, 0, 0);
    }
  run ("real.mov, FACE, real time", real, EKYC_CAPTURE_MODE_FACE, FALSE, 0, 0);
  run ("videotestsrc 1280x720@30, CARD, real time",
       "videotestsrc is-live=true pattern=ball ! video/x-raw,width=1280,height=720,framerate=30/1",
       EKYC_CAPTURE_MODE_CARD, FALSE, 0, 10);
  ekyc_engine_free (engine);
  return 0;
}
