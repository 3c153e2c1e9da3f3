/* test-capture.c — EkycCapture on real GStreamer pipelines: test sources, videos, images, errors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "ekyc-capture.h"
#include "ekyc-scan-import.h"
#include "test-utils.h"

static EkycEngine *engine;

typedef struct {
  GMainLoop *loop;
  GPtrArray *analyses;
  gboolean   eos;
  guint      stills;
  guint      stop_after;
} Run;

static void
on_analyzed (EkycCapture *capture, EkycFrameAnalysis *analysis, Run *run)
{
  g_ptr_array_add (run->analyses, ekyc_frame_analysis_ref (analysis));
  if (run->stop_after > 0 && run->analyses->len >= run->stop_after)
    g_main_loop_quit (run->loop);
}

static void
on_eos (EkycCapture *capture, Run *run)
{
  run->eos = TRUE;
  g_main_loop_quit (run->loop);
}

static void
on_state (EkycCapture *capture, GParamSpec *pspec, Run *run)
{
  if (ekyc_capture_get_state (capture) == EKYC_CAMERA_STATE_ERROR)
    g_main_loop_quit (run->loop);
}

static void
on_still (EkycCapture *capture, EkycStill *still, Run *run)
{
  run->stills++;
  g_main_loop_quit (run->loop);
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("the capture did not finish in time");
  return G_SOURCE_REMOVE;
}

/* Runs @capture until end of stream, an error, or @stop_after analyses. */
static void
run_capture (EkycCapture *capture, Run *run, guint stop_after)
{
  guint timeout;

  run->loop = g_main_loop_new (NULL, FALSE);
  run->analyses = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_frame_analysis_unref);
  run->stop_after = stop_after;
  g_signal_connect (capture, "frame-analyzed", G_CALLBACK (on_analyzed), run);
  g_signal_connect (capture, "eos", G_CALLBACK (on_eos), run);
  g_signal_connect (capture, "notify::state", G_CALLBACK (on_state), run);
  g_signal_connect (capture, "still-captured", G_CALLBACK (on_still), run);
  timeout = g_timeout_add_seconds (240, on_timeout, NULL);
  g_main_loop_run (run->loop);
  g_source_remove (timeout);
  g_signal_handlers_disconnect_by_data (capture, run);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_pointer (&run->analyses, g_ptr_array_unref);
}

static void
test_testsrc_delivers_frames (void)
{
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;
  Run run = { 0 };

  ekyc_capture_set_source_description (capture,
                                       "videotestsrc num-buffers=20 ! "
                                       "video/x-raw,width=320,height=240,framerate=30/1");
  ekyc_capture_set_mode (capture, EKYC_CAPTURE_MODE_CARD);
  ekyc_capture_set_analyze_every_frame (capture, TRUE);
  ekyc_capture_start (capture, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekyc_capture_get_state (capture), ==, EKYC_CAMERA_STATE_LOADING);
  run_capture (capture, &run, 0);

  g_assert_true (run.eos);
  g_assert_cmpint (ekyc_capture_get_state (capture), ==, EKYC_CAMERA_STATE_STOPPED);
  {
    /* ui/ binds to these: enum properties with registered types. */
    GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (capture), "state");
    EkycCaptureHint hint;

    g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
    g_assert_true (pspec->value_type == EKYC_TYPE_CAMERA_STATE);
    g_object_get (capture, "hint", &hint, NULL);
    g_assert_cmpint (hint, ==, EKYC_CAPTURE_HINT_NO_CARD);
  }
  /* Every frame analysed, in order, with stream times 1/30 s apart. */
  g_assert_cmpuint (run.analyses->len, ==, 20);
  for (guint i = 0; i < run.analyses->len; i++)
    {
      EkycFrameAnalysis *a = g_ptr_array_index (run.analyses, i);

      g_assert_cmpuint (a->frame_number, ==, i + 1);
      g_assert_cmpint (a->width, ==, 320);
      g_assert_cmpint (a->height, ==, 240);
      g_assert_cmpint (a->mode, ==, EKYC_CAPTURE_MODE_CARD);
      g_assert_false (a->has_card);
      g_assert_cmpint (a->hint, ==, EKYC_CAPTURE_HINT_NO_CARD);
      g_assert_cmpint (a->pts_us, ==, (gint64) i * G_USEC_PER_SEC / 30);
    }
  g_assert_cmpuint (ekyc_capture_get_hint (capture), ==, EKYC_CAPTURE_HINT_NO_CARD);
  g_assert_cmpstr (ekyc_capture_get_hint_message (capture), ==, "Place the card inside the frame");
  texture = ekyc_capture_paintable_get_texture (ekyc_capture_get_paintable (capture));
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 320);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 240);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (
                     GDK_PAINTABLE (ekyc_capture_get_paintable (capture))), ==, 320);
  run_clear (&run);
}

static void
test_video_file_faces (void)
{
  g_autofree char *path = ekyc_test_shared_path ("liveness", "replay-video", "real.mov", NULL);
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(GError) error = NULL;
  guint faces = 0, scored = 0;
  Run run = { 0 };

  if (path == NULL)
    return;
  /* The name says QuickTime, the bytes are WebM: the pipeline sniffs the content. */
  ekyc_capture_set_source (capture, path);
  ekyc_capture_set_mode (capture, EKYC_CAPTURE_MODE_FACE);
  ekyc_capture_set_analyze_every_frame (capture, TRUE);
  g_assert_true (ekyc_capture_start (capture, &error));
  run_capture (capture, &run, 60);
  ekyc_capture_stop (capture);

  g_assert_cmpuint (run.analyses->len, ==, 60);
  for (guint i = 0; i < run.analyses->len; i++)
    {
      EkycFrameAnalysis *a = g_ptr_array_index (run.analyses, i);

      g_assert_cmpint (a->width, ==, 960);
      g_assert_cmpint (a->height, ==, 540);
      faces += a->has_face;
      scored += a->has_liveness;
      if (a->has_face)
        {
          /* The face is in the middle third of the frame, about 160 px wide. */
          g_assert_cmpfloat (a->landmarks.box.x, >, 250);
          g_assert_cmpfloat (a->landmarks.box.x + a->landmarks.box.width, <, 710);
          g_assert_cmpfloat (a->landmarks.box.width, >, 100);
          g_assert_cmpuint (a->n_faces, ==, 1);
        }
    }
  g_assert_cmpuint (faces, >=, 58);
  /* Passive liveness on every third face frame. */
  g_assert_cmpuint (scored, >=, 19);
  g_assert_cmpuint (scored, <=, 21);
  g_assert_cmpint (ekyc_capture_get_state (capture), ==, EKYC_CAMERA_STATE_STOPPED);
  run_clear (&run);
}

static void
test_image_file_through_imagefreeze (void)
{
  g_autofree char *path = ekyc_test_shared_path ("liveness", "silent-face", "image_T1.jpg", NULL);
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(EkycImage) decoded = NULL;
  g_autoptr(GError) error = NULL;
  EkycStill *still;
  EkycFrameAnalysis *first;
  Run run = { 0 };

  if (path == NULL)
    return;
  decoded = ekyc_image_new_from_file (path, &error);
  g_assert_no_error (error);
  ekyc_capture_set_file (capture, path);
  ekyc_capture_set_mode (capture, EKYC_CAPTURE_MODE_FACE);
  g_assert_true (ekyc_capture_start (capture, &error));
  run_capture (capture, &run, 4);

  /* An image is a live source of identical frames: state READY, the same face in each. */
  g_assert_false (run.eos);
  g_assert_cmpint (ekyc_capture_get_state (capture), ==, EKYC_CAMERA_STATE_READY);
  first = g_ptr_array_index (run.analyses, 0);
  g_assert_cmpint (first->width, ==, ekyc_image_get_width (decoded));
  g_assert_cmpint (first->height, ==, ekyc_image_get_height (decoded));
  for (guint i = 0; i < run.analyses->len; i++)
    {
      EkycFrameAnalysis *a = g_ptr_array_index (run.analyses, i);

      g_assert_true (a->has_face);
      /* (the tracker settles within a few pixels of the detector's first placement) */
      g_assert_cmpfloat (fabsf (a->landmarks.box.x - first->landmarks.box.x), <, 6);
    }
  g_assert_cmpuint (g_list_model_get_n_items (ekyc_capture_get_stills (capture)), ==, 0);
  still = ekyc_capture_take_still (capture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);
  g_assert_nonnull (ekyc_still_get_analysis (still));
  g_assert_true (ekyc_still_get_analysis (still)->has_face);
  g_assert_cmpint (gdk_texture_get_width (ekyc_still_get_texture (still)), ==,
                   ekyc_image_get_width (decoded));
  g_assert_cmpuint (g_list_model_get_n_items (ekyc_capture_get_stills (capture)), ==, 1);
  {
    g_autoptr(GBytes) jpeg = ekyc_still_to_jpeg (still, 90, &error);
    g_autoptr(EkycImage) again = NULL;

    g_assert_no_error (error);
    again = ekyc_image_new_from_encoded (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                         &error);
    g_assert_no_error (error);
    g_assert_cmpint (ekyc_image_get_width (again), ==, ekyc_image_get_width (decoded));
  }
  ekyc_capture_stop (capture);
  g_assert_cmpint (ekyc_capture_get_state (capture), ==, EKYC_CAMERA_STATE_STOPPED);
  run_clear (&run);
}

static void
assert_start_fails (const char *description, const char *file, int code)
{
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(GError) error = NULL;

  if (file != NULL)
    ekyc_capture_set_file (capture, file);
  else
    ekyc_capture_set_source_description (capture, description);
  g_assert_false (ekyc_capture_start (capture, &error));
  g_assert_error (error, EKYC_CAPTURE_ERROR, code);
  g_assert_cmpint (ekyc_capture_get_state (capture), ==, EKYC_CAMERA_STATE_ERROR);
  g_assert_error ((GError *) ekyc_capture_get_error (capture), EKYC_CAPTURE_ERROR, code);
  g_assert_cmpstr (ekyc_capture_get_error (capture)->message, ==, error->message);
}

static void
test_errors_at_start (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekyc-capture-XXXXXX", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);

  assert_start_fails ("nosuchelementanywhere ! videoconvert", NULL,
                      EKYC_CAPTURE_ERROR_ELEMENT_NOT_FOUND);
  assert_start_fails ("videotestsrc ! ! !", NULL, EKYC_CAPTURE_ERROR_INVALID_SOURCE);
  assert_start_fails (NULL, "/nonexistent/selfie.webm", EKYC_CAPTURE_ERROR_FILE_NOT_FOUND);
  g_assert_true (g_file_set_contents (text, "not a picture\n", -1, NULL));
  assert_start_fails (NULL, text, EKYC_CAPTURE_ERROR_NOT_MEDIA);
  g_unlink (text);
  g_rmdir (dir);
}

static gboolean
take_still_soon (gpointer data)
{
  EkycCapture *capture = data;

  if (ekyc_capture_get_state (capture) != EKYC_CAMERA_STATE_READY)
    return G_SOURCE_CONTINUE;
  g_assert_nonnull (ekyc_capture_take_still (capture, NULL));
  return G_SOURCE_REMOVE;
}

static void
test_error_while_running_keeps_stills (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekyc-capture-XXXXXX", NULL);
  g_autofree char *fake = g_build_filename (dir, "selfie.jpg", NULL);
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(GError) error = NULL;
  guint8 junk[4096];
  Run run = { 0 };

  ekyc_capture_set_source_description (capture, "videotestsrc is-live=true ! "
                                       "video/x-raw,width=160,height=120");
  g_assert_true (ekyc_capture_start (capture, &error));
  g_timeout_add (20, take_still_soon, capture);
  run_capture (capture, &run, 0 /* until the still */);
  run_clear (&run);
  g_assert_cmpuint (g_list_model_get_n_items (ekyc_capture_get_stills (capture)), ==, 1);

  /* A file named like a JPEG whose bytes are not: the pipeline starts, then decodebin fails. */
  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_test_rand_int ();
  g_assert_true (g_file_set_contents (fake, (const char *) junk, sizeof junk, NULL));
  ekyc_capture_set_file (capture, fake);
  if (ekyc_capture_start (capture, &error))
    run_capture (capture, &run, 0);
  else
    g_clear_error (&error);
  g_assert_cmpint (ekyc_capture_get_state (capture), ==, EKYC_CAMERA_STATE_ERROR);
  g_assert_error ((GError *) ekyc_capture_get_error (capture), EKYC_CAPTURE_ERROR,
                  EKYC_CAPTURE_ERROR_NOT_MEDIA);
  /* What was captured before the error is still there. */
  g_assert_cmpuint (g_list_model_get_n_items (ekyc_capture_get_stills (capture)), ==, 1);
  run_clear (&run);
  g_unlink (fake);
  g_rmdir (dir);
}

static void
test_no_frame_yet (void)
{
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_assert_null (ekyc_capture_take_still (capture, &error));
  g_assert_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_SOURCE_FAILED);
  g_clear_error (&error);
  /* Mode NONE: the still is the latest preview frame. */
  ekyc_capture_set_source_description (capture, "videotestsrc is-live=true");
  g_assert_true (ekyc_capture_start (capture, &error));
  g_timeout_add (20, take_still_soon, capture);
  run_capture (capture, &run, 0);
  g_assert_cmpuint (run.stills, ==, 1);
  {
    g_autoptr(EkycStill) still = g_list_model_get_item (ekyc_capture_get_stills (capture), 0);
    g_assert_null (ekyc_still_get_analysis (still));
  }
  run_clear (&run);
}

static char *
make_card_photo (char **dir_out)
{
  g_autofree char *dir = g_dir_make_tmp ("ekyc-cards-XXXXXX", NULL);
  char *path = g_build_filename (dir, "0000-front.jpg", NULL);

  if (!ekyc_test_make_cards (dir, 1, "clean", "71"))
    {
      g_test_skip ("shared faces missing");
      g_free (path);
      return NULL;
    }
  *dir_out = g_steal_pointer (&dir);
  return path;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

/* Starts @capture on the card photo @path in CARD mode wanting @side, auto-capture armed, a
 * card stable for 0.3 s captured. */
static void
start_card_capture (EkycCapture *capture, const char *path, EkycCardSide side)
{
  g_autoptr(GError) error = NULL;

  ekyc_capture_set_file (capture, path);
  ekyc_capture_set_mode (capture, EKYC_CAPTURE_MODE_CARD);
  ekyc_capture_set_card_side (capture, side);
  ekyc_capture_set_auto_capture (capture, TRUE);
  g_object_set (capture, "stable-duration", 0.3, NULL);
  g_assert_true (ekyc_capture_start (capture, &error));
}

static void
test_card_auto_capture (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_card_photo (&dir);
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkycStill) still = NULL;
  Run run = { 0 };

  if (path == NULL)
    return;
  start_card_capture (capture, path, EKYC_CARD_SIDE_UNKNOWN);
  run_capture (capture, &run, 0 /* until the automatic still */);

  g_assert_cmpuint (run.stills, ==, 1);
  g_assert_false (ekyc_capture_get_auto_capture (capture));
  g_assert_true (ekyc_capture_get_stable (capture));
  still = g_list_model_get_item (ekyc_capture_get_stills (capture), 0);
  g_assert_true (ekyc_still_get_automatic (still));
  g_assert_true (ekyc_still_get_analysis (still)->has_card);
  g_assert_true (ekyc_still_get_analysis (still)->good);
  g_assert_cmpint (ekyc_still_get_analysis (still)->hint, ==, EKYC_CAPTURE_HINT_GOOD);
  /* Good for the stable duration before it fired: not the first lucky frame. */
  g_assert_cmpuint (run.analyses->len, >=, 2);
  g_assert_cmpint (((EkycFrameAnalysis *) g_ptr_array_index (run.analyses,
                                                             run.analyses->len - 1))->pts_us
                   - ((EkycFrameAnalysis *) g_ptr_array_index (run.analyses, 0))->pts_us,
                   >=, 300000);
  ekyc_capture_stop (capture);
  run_clear (&run);

  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/scan.png");
    g_autoptr(EkycStill) scan = ekyc_scan_import_file (file, engine, EKYC_CAPTURE_MODE_CARD,
                                                       NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ekyc_still_get_analysis (scan)->has_card);
    g_assert_cmpstr (ekyc_still_get_source_name (scan), ==, "0000-front.jpg");
    g_assert_null (ekyc_scan_import_file (missing, engine, EKYC_CAPTURE_MODE_CARD, NULL, &error));
    g_assert_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_FILE_NOT_FOUND);
  }
  remove_tree (dir);
}

/* A card shown from the wrong side is named so, and never captured automatically; from the
 * side the step wants, it is. Both sides of a factory card, as the camera would see them. */
static void
test_card_wrong_side_is_named_and_not_captured (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *front = make_card_photo (&dir);
  g_autofree char *back = NULL;

  if (front == NULL)
    return;
  back = g_build_filename (dir, "0000-back.jpg", NULL);
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? back : front;
      EkycCardSide wanted = i == 0 ? EKYC_CARD_SIDE_FRONT : EKYC_CARD_SIDE_BACK;
      EkycCaptureHint expected = i == 0 ? EKYC_CAPTURE_HINT_SHOW_FRONT
                                        : EKYC_CAPTURE_HINT_SHOW_BACK;
      g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
      Run run = { 0 };

      start_card_capture (capture, path, wanted);
      run_capture (capture, &run, 8);
      g_assert_cmpuint (run.stills, ==, 0);
      for (guint k = 0; k < run.analyses->len; k++)
        {
          EkycFrameAnalysis *a = g_ptr_array_index (run.analyses, k);

          g_assert_true (a->has_card);
          g_assert_false (a->good);
          g_assert_cmpstr (ekyc_capture_hint_get_name (a->hint), ==,
                           ekyc_capture_hint_get_name (expected));
        }
      g_test_message ("%s: %s", path, ekyc_capture_get_hint_message (capture));
      run_clear (&run);

      /* Turned to the side the step wants (the same source, the other side expected): good,
       * and taken automatically. */
      ekyc_capture_set_card_side (capture, wanted == EKYC_CARD_SIDE_FRONT ? EKYC_CARD_SIDE_BACK
                                                                          : EKYC_CARD_SIDE_FRONT);
      run_capture (capture, &run, 0 /* until the automatic still */);
      g_assert_cmpuint (run.stills, ==, 1);
      g_assert_cmpint (ekyc_capture_get_hint (capture), ==, EKYC_CAPTURE_HINT_GOOD);
      ekyc_capture_stop (capture);
      run_clear (&run);
    }
  remove_tree (dir);
}

/* Writes @path's picture turned half a turn to @out (a card held upside down). */
static void
save_turned (const char *path, const char *out)
{
  g_autoptr(GError) error = NULL;
  EkycImage *image = ekyc_image_new_from_file (path, &error);
  EkycImage *turned;
  int width, height;
  gsize stride, bpp;
  g_autofree guint8 *pixels = NULL;

  g_assert_no_error (error);
  width = ekyc_image_get_width (image);
  height = ekyc_image_get_height (image);
  stride = ekyc_image_get_stride (image);
  g_assert_cmpint (ekyc_image_get_format (image), ==, EKYC_PIXEL_FORMAT_BGR);
  bpp = 3;
  pixels = g_malloc ((gsize) width * height * bpp);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memcpy (pixels + ((gsize) (height - 1 - y) * width + (width - 1 - x)) * bpp,
              ekyc_image_get_pixels (image) + (gsize) y * stride + (gsize) x * bpp, bpp);
  turned = ekyc_image_new_from_memory_copy (pixels, width, height, (gsize) width * bpp,
                                            EKYC_PIXEL_FORMAT_BGR, &error);
  g_assert_no_error (error);
  g_assert_true (ekyc_image_save_jpeg (turned, out, 92, &error));
  ekyc_image_unref (turned);
  ekyc_image_unref (image);
}

/* A back held upside down, in the back step, is the back: not "turn it over". Card 2 of seed
 * 57 turned, its MRZ at the top: the detector judges it the back, upside down. */
static void
test_card_upside_down_back_is_the_back (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekyc-cards-XXXXXX", NULL);
  g_autofree char *back = g_build_filename (dir, "0002-back.jpg", NULL);
  g_autofree char *turned = g_build_filename (dir, "0002-back-turned.jpg", NULL);
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  Run run = { 0 };

  if (!ekyc_test_make_cards (dir, 3, "clean", "57"))
    {
      g_test_skip ("shared faces missing");
      remove_tree (dir);
      return;
    }
  save_turned (back, turned);
  start_card_capture (capture, turned, EKYC_CARD_SIDE_BACK);
  run_capture (capture, &run, 0 /* until the automatic still */);
  g_assert_cmpuint (run.stills, ==, 1);
  for (guint k = 0; k < run.analyses->len; k++)
    {
      EkycFrameAnalysis *a = g_ptr_array_index (run.analyses, k);

      g_assert_cmpint (a->hint, !=, EKYC_CAPTURE_HINT_SHOW_BACK);
      if (a->has_card)
        {
          g_assert_cmpint (a->card.side, ==, EKYC_CARD_SIDE_BACK);
          g_assert_true (a->card.upside_down);
        }
    }
  ekyc_capture_stop (capture);
  run_clear (&run);
  remove_tree (dir);
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

  g_test_add_func ("/capture/videotestsrc/delivers-textures-and-analysis",
                   test_testsrc_delivers_frames);
  g_test_add_func ("/capture/video-file/analyses-faces-in-order", test_video_file_faces);
  g_test_add_func ("/capture/image-file/runs-through-the-same-pipeline",
                   test_image_file_through_imagefreeze);
  g_test_add_func ("/capture/errors/at-start-name-the-problem", test_errors_at_start);
  g_test_add_func ("/capture/errors/while-running-keep-the-stills",
                   test_error_while_running_keeps_stills);
  g_test_add_func ("/capture/still/needs-a-frame-then-takes-the-latest", test_no_frame_yet);
  g_test_add_func ("/capture/card/auto-capture-when-stable-and-scan-import",
                   test_card_auto_capture);
  g_test_add_func ("/capture/card/wrong-side-is-named-and-not-captured",
                   test_card_wrong_side_is_named_and_not_captured);
  g_test_add_func ("/capture/card/upside-down-back-is-the-back",
                   test_card_upside_down_back_is_the_back);
  status = g_test_run ();
  ekyc_engine_free (engine);
  return status;
}
