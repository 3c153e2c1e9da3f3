/* test-ui-live.c — the verification flow from live sources, as a teller uses it: the card
 * pictures auto-captured from the preview, the selfie with active liveness on a recorded video,
 * and the sources that fail
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ekyc-liveness-session.h"
#include "test-utils.h"
#include "ui-test-utils.h"

typedef struct {
  char            *dir;
  char            *front;
  char            *back;
  char            *id_number;
  char            *full_name;
  EkycApplication *app;
  EkycWindow      *window;
} Fixture;

static EkycApplication *shared_app;
static EkycWindow *shared_window;

/* A seed whose challenges the person in real.mov performs, in his order: he smiles, turns to
 * his right, then to his left (see tests/app-capture/test-liveness.c). */
static guint64
seed_for_real_video (void)
{
  for (guint64 seed = 1; seed < 100000; seed++)
    {
      g_autoptr(EkycLivenessSession) s = ekyc_liveness_session_new (seed);

      if (ekyc_liveness_session_get_n_challenges (s) == 3
          && ekyc_liveness_session_get_challenge_at (s, 0) == EKYC_CHALLENGE_SMILE
          && ekyc_liveness_session_get_challenge_at (s, 1) == EKYC_CHALLENGE_TURN_RIGHT
          && ekyc_liveness_session_get_challenge_at (s, 2) == EKYC_CHALLENGE_TURN_LEFT)
        return seed;
    }
  g_assert_not_reached ();
  return 0;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *card;

  f->dir = g_dir_make_tmp ("ekyc-ui-live-XXXXXX", &error);
  g_assert_no_error (error);
  if (!ekyc_test_make_cards (f->dir, 1, "clean", "23"))
    {
      g_test_skip ("shared faces missing");
      return;
    }
  f->front = g_build_filename (f->dir, "0000-front.jpg", NULL);
  f->back = g_build_filename (f->dir, "0000-back.jpg", NULL);
  json = g_build_filename (f->dir, "0000.json", NULL);
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  card = json_node_get_object (json_parser_get_root (parser));
  f->id_number = g_strdup (json_object_get_string_member (card, "id_number"));
  f->full_name = g_strdup (json_object_get_string_member (card, "full_name"));

  if (shared_window == NULL)
    shared_window = ui_test_start (&shared_app, 1000, 700);
  f->app = shared_app;
  f->window = shared_window;
  g_assert_true (ui_test_wait_engine (f->app, 120));
  ui_test_sign_in (f->window, f->app);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "flow.restart", NULL);
  ui_test_settle (50);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window != NULL)
    {
      ekyc_application_set_source (f->app, NULL);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "flow.restart", NULL);
    }
  ekyc_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->front);
  g_free (f->back);
  g_free (f->id_number);
  g_free (f->full_name);
}

static EkycCapturePage *
page_of (Fixture *f, guint step)
{
  return EKYC_CAPTURE_PAGE (ekyc_window_get_step_page (f->window, step));
}

typedef struct {
  Fixture *f;
  guint    step;
} StepWait;

/* The step took its picture (the page is busy with it) or is over. */
static gboolean
picture_taken (gpointer data)
{
  StepWait *w = data;

  return ekyc_window_get_step (w->f->window) != w->step
         || ekyc_capture_page_get_busy (page_of (w->f, w->step))
         || ekyc_capture_page_get_problem (page_of (w->f, w->step)) != NULL;
}

static gboolean
step_over (gpointer data)
{
  StepWait *w = data;

  return ekyc_window_get_step (w->f->window) != w->step
         || (!ekyc_capture_page_get_busy (page_of (w->f, w->step))
             && ekyc_capture_page_get_problem (page_of (w->f, w->step)) != NULL);
}

static gboolean
hint_shown (gpointer data)
{
  StepWait *w = data;
  const char *hint = ekyc_capture_page_get_hint (page_of (w->f, w->step));

  return hint != NULL && *hint != '\0';
}

/* Waits until the current step auto-captures from the preview (or, @manual, until the preview
 * is analysed, then presses Capture as the teller would); then sets the next source while the
 * picture is read, as a teller turns the card over meanwhile. */
static void
capture_step (Fixture *f, guint step, const char *next_source, gboolean manual)
{
  StepWait w = { f, step };

  g_assert_cmpuint (ekyc_window_get_step (f->window), ==, step);
  if (manual)
    {
      g_assert_true (ui_test_wait (hint_shown, &w, 60));
      g_assert_nonnull (ekyc_capture_page_get_paintable (page_of (f, step)));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (f, step)), "page.capture",
                                                 NULL));
    }
  g_assert_true (ui_test_wait (picture_taken, &w, 120));
  g_assert_null (ekyc_capture_page_get_problem (page_of (f, step)));
  ekyc_application_set_source (f->app, next_source);
  g_assert_true (ui_test_wait (step_over, &w, 120));
  g_assert_null (ekyc_capture_page_get_problem (page_of (f, step)));
  g_assert_cmpuint (ekyc_window_get_step (f->window), ==, step + 1);
}

static gboolean
challenge_shown (gpointer data)
{
  Fixture *f = data;
  const char *text = ekyc_capture_page_get_challenge (page_of (f, EKYC_STEP_SELFIE));

  return ekyc_window_get_step (f->window) != EKYC_STEP_SELFIE || (text != NULL && *text != '\0');
}

/* The cards from the preview, the selfie from @selfie_source; returns at the result page. */
static EkycVerification *
run_live_flow (Fixture *f, const char *selfie_source)
{
  StepWait w = { f, EKYC_STEP_SELFIE };

  ekyc_application_set_source (f->app, f->front);
  capture_step (f, EKYC_STEP_FRONT, f->back, FALSE);
  /* The white MRZ and fingerprint boxes of the synthetic back read as glare to the card
   * detector, so the preview never calls it good: the teller captures by hand. */
  capture_step (f, EKYC_STEP_BACK, selfie_source, TRUE);
  /* The selfie page shows the challenges over the live preview until the session ends. */
  g_assert_true (ui_test_wait (challenge_shown, f, 60));
  g_assert_true (ui_test_wait (step_over, &w, 240));
  if (ekyc_capture_page_get_problem (page_of (f, EKYC_STEP_SELFIE)) != NULL)
    {
      /* The selfie kept shows no usable face (a replay): the teller goes on to the result. */
      g_test_message ("selfie: %s", ekyc_capture_page_get_problem (page_of (f, EKYC_STEP_SELFIE)));
      gtk_widget_activate_action (GTK_WIDGET (page_of (f, EKYC_STEP_SELFIE)), "page.continue",
                                  NULL);
    }
  g_assert_cmpuint (ekyc_window_get_step (f->window), ==, 3);
  return ekyc_result_page_get_verification (ekyc_window_get_result_page (f->window));
}

static EkycCheck *
find_check (EkycVerification *v, const char *id)
{
  GPtrArray *checks = ekyc_verification_get_checks (v);

  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (((EkycCheck *) g_ptr_array_index (checks, i))->id, id))
      return g_ptr_array_index (checks, i);
  g_error ("no check %s", id);
  return NULL;
}

static void
test_real_video_passes_liveness_and_is_saved (Fixture *f, gconstpointer data)
{
  g_autofree char *video = ekyc_test_shared_path ("liveness", "replay-video", "real.mov", NULL);
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GError) error = NULL;
  EkycVerification *v;
  EkycCheck *active;

  if (f->front == NULL || video == NULL)
    return;
  v = run_live_flow (f, video);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_ID_NUMBER), ==, f->id_number);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_FULL_NAME), ==, f->full_name);
  g_assert_nonnull (ekyc_verification_get_image (v, EKYC_STEP_BACK));
  g_assert_nonnull (ekyc_verification_get_face (v, EKYC_STEP_SELFIE));
  active = find_check (v, "active-liveness");
  g_test_message ("active liveness: %s", active->detail);
  g_assert_cmpint (active->outcome, ==, EKYC_VERDICT_PASS);

  ui_test_save (f->window);
  cases = ekyc_application_query_cases (f->app, f->id_number, -1, -1, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
}

static void
assert_liveness_fails (Fixture *f, const char *selfie_source)
{
  EkycVerification *v = run_live_flow (f, selfie_source);
  EkycCheck *active = find_check (v, "active-liveness");

  g_test_message ("active liveness: %s", active->detail);
  g_assert_cmpint (active->outcome, !=, EKYC_VERDICT_PASS);
  g_assert_cmpint (ekyc_verification_get_decision (v), !=, EKYC_VERDICT_PASS);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_ID_NUMBER), ==, f->id_number);
}

static void
test_replay_video_fails_liveness (Fixture *f, gconstpointer data)
{
  g_autofree char *video = ekyc_test_shared_path ("liveness", "replay-video", "fake.mp4", NULL);

  if (f->front == NULL || video == NULL)
    return;
  assert_liveness_fails (f, video);
}

static void
test_still_photo_fails_liveness (Fixture *f, gconstpointer data)
{
  g_autofree char *photo = ekyc_test_shared_path ("liveness", "silent-face", "image_T1.jpg",
                                                  NULL);

  if (f->front == NULL || photo == NULL)
    return;
  assert_liveness_fails (f, photo);
}

static gboolean
placeholder_shown (gpointer data)
{
  Fixture *f = data;

  return ekyc_capture_page_get_placeholder (page_of (f, EKYC_STEP_FRONT)) != NULL
         && g_strcmp0 (ekyc_capture_page_get_placeholder (page_of (f, EKYC_STEP_FRONT)),
                       "Starting the camera…") != 0;
}

static void
test_failing_sources_show_the_error_and_keep_the_flow (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  EkycCapturePage *page = page_of (f, EKYC_STEP_FRONT);
  const char *sources[] = {
    "no-such-gstreamer-element",                          /* not installed */
    "filesrc location=/nonexistent/card.webm ! decodebin", /* fails to start */
    NULL,                                                 /* a file that is not an image */
  };

  if (f->front == NULL)
    return;
  text = g_build_filename (f->dir, "card.jpg", NULL);
  g_assert_true (g_file_set_contents (text, "this is not a picture", -1, NULL));
  sources[2] = text;
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      ekyc_application_set_source (f->app, sources[i]);
      g_assert_true (ui_test_wait (placeholder_shown, f, 30));
      g_test_message ("%s: %s", sources[i], ekyc_capture_page_get_placeholder (page));
      g_assert_cmpstr (ekyc_capture_page_get_placeholder (page), ==,
                       "The source cannot be used");
      g_assert_null (ekyc_capture_page_get_paintable (page));
      g_assert_cmpuint (ekyc_window_get_step (f->window), ==, EKYC_STEP_FRONT);
    }
  /* The teller goes on with a scanned card; the next page says the source still fails, and the
   * front stays captured. */
  g_assert_cmpuint (ui_test_import (f->window, f->front), ==, EKYC_STEP_BACK);
  g_assert_cmpstr (ekyc_capture_page_get_placeholder (page_of (f, EKYC_STEP_BACK)), ==,
                   "The source cannot be used");
  g_assert_nonnull (ekyc_verification_get_image (ekyc_window_get_verification (f->window),
                                                 EKYC_STEP_FRONT));
}

int
main (int argc, char *argv[])
{
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, seed_for_real_video ());
  int status;

  /* Before any thread starts: the app reads it for every liveness session. */
  g_setenv ("EKYC_LIVENESS_SEED", seed, TRUE);
  ui_test_init (&argc, &argv);
  g_test_message ("EKYC_LIVENESS_SEED=%s", seed);
  g_test_add ("/ui/live/failing-sources-show-the-error-and-keep-the-flow", Fixture, NULL,
              fixture_setup, test_failing_sources_show_the_error_and_keep_the_flow,
              fixture_teardown);
  g_test_add ("/ui/live/real-video-passes-liveness-and-is-saved", Fixture, NULL,
              fixture_setup, test_real_video_passes_liveness_and_is_saved, fixture_teardown);
  g_test_add ("/ui/live/replay-video-fails-liveness", Fixture, NULL,
              fixture_setup, test_replay_video_fails_liveness, fixture_teardown);
  g_test_add ("/ui/live/still-photo-fails-liveness", Fixture, NULL,
              fixture_setup, test_still_photo_fails_liveness, fixture_teardown);
  status = g_test_run ();
  if (shared_window != NULL)
    gtk_window_destroy (GTK_WINDOW (shared_window));
  g_clear_object (&shared_app);
  return status;
}
