/* test-capture-frames.c — capture hands the reader frames of any size and turn, and scans
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A phone held upright gives 720 × 1280 frames with the card's long sides up and down; a flatbed
 * scan is an A4 page with the card small on it, laid across the glass. Through the real pipeline
 * (imagefreeze) and the scan import, the card must be found in them, not told to come closer,
 * the still must keep the frame's size and turn, and the card reader must read the card from
 * that still as it is.
 */
#include "config.h"

#include <gst/gst.h>
#include <json-glib/json-glib.h>

#include "ekyc-capture.h"
#include "ekyc-scan-import.h"
#include "test-utils.h"

static EkycEngine *engine;
static EkycCardReader *reader;

/* One clean factory card captured with the factory's options @args (NULL-terminated), in a new
 * directory (*dir_out); NULL when the shared faces are missing. */
static char *
make_card (const char *const *args, char **dir_out)
{
  const char *shared = g_getenv ("EKYC_SHARED_DATA");
  g_autofree char *faces = g_build_filename (shared ? shared : "../shared/data", "faces", "lfw",
                                             NULL);
  g_autofree char *dir = g_dir_make_tmp ("ekyc-frames-XXXXXX", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *fixed[] = { g_getenv ("EKYC_SYNTH_CARDS"), "--out", dir, "--count", "1",
                          "--difficulty", "clean", "--layout", "cccd-2021", "--seed", "83",
                          "--faces", faces };

  g_assert_nonnull (fixed[0]);
  if (!g_file_test (faces, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("shared faces missing");
      ekyc_test_remove_tree (dir);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, (gpointer) fixed[i]);
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("ekyc-synth-cards failed: %s\n%s", error->message, err ? err : "");
  *dir_out = g_strdup (dir);
  return g_build_filename (dir, "0000-front.jpg", NULL);
}

static char *
truth_id_number (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "0000.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "id_number"));
}

/* The card reader on @image as the app hands it a still: the front, its QR with the number */
static void
assert_reads_front (EkycImage *image, const char *id_number)
{
  g_autoptr(GError) error = NULL;
  EkycCardSideReading *side = ekyc_card_reader_read_side (reader, image, &error);

  g_assert_no_error (error);
  g_assert_nonnull (side);
  g_assert_true (side->detection.found);
  g_assert_cmpint (side->side, ==, EKYC_CARD_SIDE_FRONT);
  g_assert_nonnull (side->qr_payload);
  g_assert_true (g_str_has_prefix (side->qr_payload, id_number));
  /* the outline in the still's own coordinates */
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (side->detection.corners[i].x, >, -2);
      g_assert_cmpfloat (side->detection.corners[i].x, <, ekyc_image_get_width (image) + 2);
      g_assert_cmpfloat (side->detection.corners[i].y, >, -2);
      g_assert_cmpfloat (side->detection.corners[i].y, <, ekyc_image_get_height (image) + 2);
    }
  ekyc_card_side_reading_free (side);
}

typedef struct {
  GMainLoop *loop;
  guint      analyses, cards;
  EkycFrameAnalysis *last;
} Run;

static void
on_analyzed (EkycCapture *capture, EkycFrameAnalysis *analysis, Run *run)
{
  run->analyses++;
  run->cards += analysis->has_card;
  g_clear_pointer (&run->last, ekyc_frame_analysis_unref);
  run->last = ekyc_frame_analysis_ref (analysis);
  if (run->analyses >= 3)
    g_main_loop_quit (run->loop);
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("the capture did not analyse three frames in time");
  return G_SOURCE_REMOVE;
}

static void
test_phone_held_upright (void)
{
  const char *args[] = { "--frame", "720x1280", "--turn", "90", NULL };
  g_autofree char *dir = NULL;
  g_autofree char *path = make_card (args, &dir);
  g_autofree char *id_number = NULL;
  g_autoptr(EkycCapture) capture = NULL;
  EkycStill *still;   /* (transfer none): the capture's */
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  guint timeout;

  if (path == NULL)
    return;
  id_number = truth_id_number (dir);
  capture = ekyc_capture_new (engine);
  ekyc_capture_set_file (capture, path);
  ekyc_capture_set_mode (capture, EKYC_CAPTURE_MODE_CARD);
  g_assert_true (ekyc_capture_start (capture, &error));
  run.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (capture, "frame-analyzed", G_CALLBACK (on_analyzed), &run);
  timeout = g_timeout_add_seconds (240, on_timeout, NULL);
  g_main_loop_run (run.loop);
  g_source_remove (timeout);
  g_signal_handlers_disconnect_by_data (capture, &run);

  g_test_message ("last of %u analyses: card %d, side %d, problems 0x%x, width fraction %.2f, "
                  "corners (%.0f, %.0f) (%.0f, %.0f) (%.0f, %.0f) (%.0f, %.0f)", run.analyses,
                  run.last->has_card, run.last->card.side, run.last->card.problems,
                  run.last->card.width_fraction, run.last->card.corners[0].x,
                  run.last->card.corners[0].y, run.last->card.corners[1].x,
                  run.last->card.corners[1].y, run.last->card.corners[2].x,
                  run.last->card.corners[2].y, run.last->card.corners[3].x,
                  run.last->card.corners[3].y);
  /* the frame as the camera gives it, the card found in it a quarter turned */
  g_assert_cmpint (run.last->width, ==, 720);
  g_assert_cmpint (run.last->height, ==, 1280);
  g_assert_cmpuint (run.cards, ==, run.analyses);
  g_assert_cmpint (run.last->card.side, ==, EKYC_CARD_SIDE_FRONT);
  g_assert_false (run.last->card.problems & EKYC_CARD_QUALITY_TOO_SMALL);
  g_assert_false (run.last->card.problems & EKYC_CARD_QUALITY_CUT_OFF);
  g_assert_cmpint (run.last->hint, !=, EKYC_CAPTURE_HINT_NO_CARD);
  g_assert_cmpint (run.last->hint, !=, EKYC_CAPTURE_HINT_MOVE_CLOSER);

  still = ekyc_capture_take_still (capture, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_image_get_width (ekyc_still_get_image (still)), ==, 720);
  g_assert_cmpint (ekyc_image_get_height (ekyc_still_get_image (still)), ==, 1280);
  ekyc_capture_stop (capture);
  assert_reads_front (ekyc_still_get_image (still), id_number);

  g_clear_pointer (&run.last, ekyc_frame_analysis_unref);
  g_main_loop_unref (run.loop);
  ekyc_test_remove_tree (dir);
}

static void
test_scan_of_a_page (void)
{
  const char *args[] = { "--scan", "300", "--turn", "270", NULL };
  g_autofree char *dir = NULL;
  g_autofree char *path = make_card (args, &dir);
  g_autofree char *id_number = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(EkycStill) scan = NULL;
  g_autoptr(GError) error = NULL;
  EkycFrameAnalysis *a;

  if (path == NULL)
    return;
  id_number = truth_id_number (dir);
  file = g_file_new_for_path (path);
  scan = ekyc_scan_import_file (file, engine, EKYC_CAPTURE_MODE_CARD, NULL, &error);
  g_assert_no_error (error);
  a = ekyc_still_get_analysis (scan);
  /* an A4 page at 300 dpi, the card a quarter of it, laid across: found, big enough */
  g_assert_cmpint (ekyc_image_get_width (ekyc_still_get_image (scan)), ==, 2480);
  g_assert_cmpint (ekyc_image_get_height (ekyc_still_get_image (scan)), ==, 3508);
  g_assert_true (a->has_card);
  g_assert_cmpint (a->card.side, ==, EKYC_CARD_SIDE_FRONT);
  g_assert_false (a->card.problems & EKYC_CARD_QUALITY_TOO_SMALL);
  g_assert_cmpint (a->hint, !=, EKYC_CAPTURE_HINT_MOVE_CLOSER);
  assert_reads_front (ekyc_still_get_image (scan), id_number);
  ekyc_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  ekyc_test_init (&argc, &argv);
  gst_init (&argc, &argv);
  engine = ekyc_engine_new (ekyc_test_model_dir (), &error);
  g_assert_no_error (error);
  reader = ekyc_card_reader_new (NULL, &error);
  g_assert_no_error (error);
  g_test_add_func ("/capture-frames/camera/phone-held-upright", test_phone_held_upright);
  g_test_add_func ("/capture-frames/scan/a4-page-card-across", test_scan_of_a_page);
  status = g_test_run ();
  ekyc_card_reader_free (reader);
  ekyc_engine_free (engine);
  return status;
}
