/* test-liveness.c — active liveness on recorded streams: the live clip passes what it performs,
 * the screen replay and a still photo fail
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "ekyc-capture.h"
#include "ekyc-liveness-session.h"
#include "test-utils.h"

static EkycEngine *engine;
static GPtrArray *real_frames, *fake_frames;

static void
on_analyzed (EkycCapture *capture, EkycFrameAnalysis *analysis, GPtrArray *frames)
{
  g_ptr_array_add (frames, ekyc_frame_analysis_ref (analysis));
}

static void
on_eos (EkycCapture *capture, GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

static void
on_state (EkycCapture *capture, GParamSpec *pspec, GMainLoop *loop)
{
  g_assert_cmpint (ekyc_capture_get_state (capture), !=, EKYC_CAMERA_STATE_ERROR);
}

/* Every frame of a recorded source through the capture's face analysis, passive liveness on
 * each; cached, since several sessions replay the same analyses. */
static GPtrArray *
analyse_source (const char *source)
{
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_frame_analysis_unref);

  ekyc_capture_set_source (capture, source);
  ekyc_capture_set_mode (capture, EKYC_CAPTURE_MODE_FACE);
  ekyc_capture_set_analyze_every_frame (capture, TRUE);
  g_object_set (capture, "liveness-interval", 1, NULL);
  g_signal_connect (capture, "frame-analyzed", G_CALLBACK (on_analyzed), frames);
  g_signal_connect (capture, "eos", G_CALLBACK (on_eos), loop);
  g_signal_connect (capture, "notify::state", G_CALLBACK (on_state), loop);
  g_assert_true (ekyc_capture_start (capture, &error));
  g_assert_no_error (error);
  g_main_loop_run (loop);
  return frames;
}

static GPtrArray *
video_frames (const char *name, GPtrArray **cache)
{
  g_autofree char *path = ekyc_test_shared_path ("liveness", "replay-video", name, NULL);

  if (path == NULL)
    return NULL;
  if (*cache == NULL)
    *cache = analyse_source (path);
  return *cache;
}

static EkycLivenessSession *
replay (GPtrArray *frames, const EkycChallenge *challenges, guint n)
{
  EkycLivenessSession *session = ekyc_liveness_session_new_with_challenges (challenges, n);

  ekyc_liveness_session_start (session);
  for (guint i = 0; i < frames->len; i++)
    ekyc_liveness_session_push_analysis (session, g_ptr_array_index (frames, i));
  ekyc_liveness_session_end_of_stream (session);
  g_test_message ("%s: passive %.2f, motion %.3f", ekyc_liveness_session_get_message (session),
                  ekyc_liveness_session_get_passive_score (session),
                  ekyc_liveness_session_get_motion (session));
  return session;
}

static void
test_sequence_from_seed (void)
{
  guint seen[EKYC_N_CHALLENGES] = { 0 }, lengths[4] = { 0 };

  for (guint64 seed = 1; seed <= 300; seed++)
    {
      g_autoptr(EkycLivenessSession) a = ekyc_liveness_session_new (seed);
      g_autoptr(EkycLivenessSession) b = ekyc_liveness_session_new (seed);
      guint n = ekyc_liveness_session_get_n_challenges (a);
      gboolean smile = FALSE, mouth = FALSE;

      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, 3);
      g_assert_cmpuint (ekyc_liveness_session_get_n_challenges (b), ==, n);
      lengths[n]++;
      for (guint i = 0; i < n; i++)
        {
          EkycChallenge c = ekyc_liveness_session_get_challenge_at (a, i);

          g_assert_cmpint (c, ==, ekyc_liveness_session_get_challenge_at (b, i));
          for (guint k = 0; k < i; k++)
            g_assert_cmpint (c, !=, ekyc_liveness_session_get_challenge_at (a, k));
          seen[c]++;
          smile |= c == EKYC_CHALLENGE_SMILE;
          mouth |= c == EKYC_CHALLENGE_OPEN_MOUTH;
        }
      g_assert_false (smile && mouth);
    }
  for (guint c = 0; c < EKYC_N_CHALLENGES; c++)
    g_assert_cmpuint (seen[c], >, 50);
  g_assert_cmpuint (lengths[2], >, 50);
  g_assert_cmpuint (lengths[3], >, 50);
  {
    /* Seed 0 draws its own seed: two sessions differ (with overwhelming probability). */
    g_autoptr(EkycLivenessSession) a = ekyc_liveness_session_new (0);
    g_autoptr(EkycLivenessSession) b = ekyc_liveness_session_new (0);
    guint64 sa, sb;

    g_object_get (a, "seed", &sa, NULL);
    g_object_get (b, "seed", &sb, NULL);
    g_assert_cmpuint (sa, !=, sb);
  }
}

static void
test_real_video_passes (void)
{
  /* What the person in real.mov does, in order: smiles (from 1.2 s), turns to his right
   * (6.8–8.8 s), then to his left (9.2–11.7 s). */
  const EkycChallenge performed[] = { EKYC_CHALLENGE_SMILE, EKYC_CHALLENGE_TURN_RIGHT,
                                      EKYC_CHALLENGE_TURN_LEFT };
  GPtrArray *frames = video_frames ("real.mov", &real_frames);
  g_autoptr(EkycLivenessSession) session = NULL;

  if (frames == NULL)
    return;
  g_assert_cmpuint (frames->len, >=, 190);
  session = replay (frames, performed, 3);
  g_assert_cmpint (ekyc_liveness_session_get_state (session), ==, EKYC_LIVENESS_STATE_PASSED);
  g_assert_cmpint (ekyc_liveness_session_get_failure (session), ==, EKYC_LIVENESS_FAILURE_NONE);
  g_assert_cmpuint (ekyc_liveness_session_get_challenge_index (session), ==, 2);
  g_assert_cmpfloat (ekyc_liveness_session_get_passive_score (session), >=,
                     ekyc_engine_liveness_threshold (engine));
}

static void
test_real_video_fails_what_it_does_not_perform (void)
{
  /* He never opens his mouth wide; and the turns come in the other order. */
  const EkycChallenge mouth[] = { EKYC_CHALLENGE_OPEN_MOUTH, EKYC_CHALLENGE_TURN_LEFT };
  const EkycChallenge left_first[] = { EKYC_CHALLENGE_TURN_LEFT, EKYC_CHALLENGE_TURN_RIGHT };
  GPtrArray *frames = video_frames ("real.mov", &real_frames);
  g_autoptr(EkycLivenessSession) a = NULL;
  g_autoptr(EkycLivenessSession) b = NULL;

  if (frames == NULL)
    return;
  a = replay (frames, mouth, 2);
  g_assert_cmpint (ekyc_liveness_session_get_state (a), ==, EKYC_LIVENESS_STATE_FAILED);
  g_assert_cmpint (ekyc_liveness_session_get_failure (a), ==, EKYC_LIVENESS_FAILURE_TIMEOUT);
  g_assert_cmpuint (ekyc_liveness_session_get_challenge_index (a), ==, 0);
  b = replay (frames, left_first, 2);
  g_assert_cmpint (ekyc_liveness_session_get_state (b), ==, EKYC_LIVENESS_STATE_FAILED);
}

static void
test_replay_video_fails (void)
{
  const EkycChallenge sequence[] = { EKYC_CHALLENGE_SMILE, EKYC_CHALLENGE_TURN_RIGHT,
                                     EKYC_CHALLENGE_TURN_LEFT };
  GPtrArray *frames = video_frames ("fake.mp4", &fake_frames);
  g_autoptr(GPtrArray) screen = NULL;
  g_autoptr(EkycLivenessSession) session = NULL;
  g_autoptr(EkycLivenessSession) turn = NULL;
  const EkycChallenge look_left[] = { EKYC_CHALLENGE_TURN_LEFT, EKYC_CHALLENGE_BLINK };

  if (frames == NULL)
    return;
  session = replay (frames, sequence, 3);
  g_assert_cmpint (ekyc_liveness_session_get_state (session), ==, EKYC_LIVENESS_STATE_FAILED);

  /* From 2 s on, only the phone's screen shows a face: whatever it is asked, the passive score
   * of the replayed face stays far under the threshold. */
  screen = g_ptr_array_new ();
  for (guint i = 0; i < frames->len; i++)
    if (((EkycFrameAnalysis *) g_ptr_array_index (frames, i))->pts_us >= 2 * G_USEC_PER_SEC)
      g_ptr_array_add (screen, g_ptr_array_index (frames, i));
  g_assert_cmpuint (screen->len, >, 100);
  turn = replay (screen, look_left, 2);
  g_assert_cmpint (ekyc_liveness_session_get_state (turn), ==, EKYC_LIVENESS_STATE_FAILED);
  g_assert_cmpfloat (ekyc_liveness_session_get_passive_score (turn), <,
                     ekyc_engine_liveness_threshold (engine) / 2);
}

static void
test_still_photo_fails (void)
{
  g_autofree char *path = ekyc_test_shared_path ("liveness", "silent-face", "image_T1.jpg", NULL);
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(EkycLivenessSession) session = NULL;
  const EkycChallenge sequence[] = { EKYC_CHALLENGE_BLINK, EKYC_CHALLENGE_TURN_LEFT };

  if (path == NULL)
    return;
  /* A live photo of a real face, frozen into 6 s of video at 15 frames per second. */
  source = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! videoconvert ! "
                            "imagefreeze num-buffers=90 ! video/x-raw,framerate=15/1", path);
  frames = analyse_source (source);
  g_assert_cmpuint (frames->len, ==, 90);
  g_assert_true (((EkycFrameAnalysis *) g_ptr_array_index (frames, 0))->has_face);
  {
    EkycLivenessSession *s = ekyc_liveness_session_new_with_challenges (sequence, 2);

    session = s;
    ekyc_liveness_session_set_challenge_timeout (s, 4);
    ekyc_liveness_session_start (s);
    for (guint i = 0; i < frames->len; i++)
      ekyc_liveness_session_push_analysis (s, g_ptr_array_index (frames, i));
  }
  g_assert_cmpint (ekyc_liveness_session_get_state (session), ==, EKYC_LIVENESS_STATE_FAILED);
  g_assert_cmpint (ekyc_liveness_session_get_failure (session), ==,
                   EKYC_LIVENESS_FAILURE_NO_MOTION);
  g_assert_cmpfloat (ekyc_liveness_session_get_motion (session), <, 0.03);
}

static void
test_follow_a_capture_live (void)
{
  /* The session bound to a running capture (as ui/ does), on the replay: it finishes, FAILED. */
  g_autofree char *path = ekyc_test_shared_path ("liveness", "replay-video", "fake.mp4", NULL);
  g_autoptr(EkycCapture) capture = ekyc_capture_new (engine);
  g_autoptr(EkycLivenessSession) session = ekyc_liveness_session_new (42);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  ekyc_capture_set_file (capture, path);
  ekyc_capture_set_mode (capture, EKYC_CAPTURE_MODE_FACE);
  ekyc_capture_set_analyze_every_frame (capture, TRUE);
  ekyc_liveness_session_follow (session, G_OBJECT (capture));
  g_signal_connect_swapped (session, "finished", G_CALLBACK (g_main_loop_quit), loop);
  ekyc_liveness_session_start (session);
  g_assert_true (ekyc_capture_start (capture, &error));
  g_main_loop_run (loop);
  g_assert_cmpint (ekyc_liveness_session_get_state (session), ==, EKYC_LIVENESS_STATE_FAILED);
  g_assert_cmpstr (ekyc_liveness_session_get_message (session), !=, "");
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

  g_test_add_func ("/liveness/sequence/drawn-from-the-seed", test_sequence_from_seed);
  g_test_add_func ("/liveness/real-video/passes-what-it-performs", test_real_video_passes);
  g_test_add_func ("/liveness/real-video/fails-what-it-does-not-perform",
                   test_real_video_fails_what_it_does_not_perform);
  g_test_add_func ("/liveness/replay-video/fails", test_replay_video_fails);
  g_test_add_func ("/liveness/still-photo/fails-for-no-motion", test_still_photo_fails);
  g_test_add_func ("/liveness/session/follows-a-running-capture", test_follow_a_capture_live);
  status = g_test_run ();
  g_clear_pointer (&real_frames, g_ptr_array_unref);
  g_clear_pointer (&fake_frames, g_ptr_array_unref);
  ekyc_engine_free (engine);
  return status;
}
