/* test-ui-live.c — the verification flow from live sources, as a teller uses it: the card
 * pictures auto-captured from the preview, the selfie with active liveness on a recorded video,
 * and the sources that fail
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ekyc-liveness-panel.h"
#include "ekyc-liveness-session.h"
#include "ekyc-preview.h"
#include "test-utils.h"
#include "ui-test-utils.h"

typedef struct {
  UiTestCard       card;
  gboolean         ready;
  EkycApplication *app;
  EkycWindow      *window;
} Fixture;

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
  f->ready = ui_test_card_make (&f->card, "ekyc-ui-live", "23");
  if (!f->ready)
    return;
  f->window = ui_test_shared_window (&f->app);
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
  ui_test_card_clear (&f->card);
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
      /* Unless auto-capture was quicker (a well-lit back now counts as good, not as glare). */
      if (!picture_taken (&w))
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (f, step)),
                                                   "page.capture", NULL));
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

/* The challenges the selfie page asks now, by name ("smile, turn-right, …"). */
static char *
challenge_sequence (Fixture *f)
{
  EkycLivenessSession *session = ekyc_capture_page_get_liveness (page_of (f, EKYC_STEP_SELFIE));
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_nonnull (session);
  for (guint i = 0; i < ekyc_liveness_session_get_n_challenges (session); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
                            ekyc_challenge_get_name (ekyc_liveness_session_get_challenge_at
                                                     (session, i)));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The challenge panel and the preview (with its face oval) do not overlap on screen. */
static void
assert_panel_clear_of_preview (Fixture *f)
{
  GtkWidget *page = GTK_WIDGET (page_of (f, EKYC_STEP_SELFIE));
  GtkWidget *panel = ui_test_find_child (page, EKYC_TYPE_LIVENESS_PANEL);
  GtkWidget *preview = ui_test_find_child (page, EKYC_TYPE_PREVIEW);
  graphene_rect_t panel_box, preview_box, both;

  g_assert_nonnull (panel);
  g_assert_nonnull (preview);
  ui_test_settle (50);
  g_assert_true (gtk_widget_get_mapped (panel));
  g_assert_true (gtk_widget_compute_bounds (panel, page, &panel_box));
  g_assert_true (gtk_widget_compute_bounds (preview, page, &preview_box));
  g_assert_cmpfloat (panel_box.size.height, >, 0);
  g_assert_false (graphene_rect_intersection (&panel_box, &preview_box, &both)
                  && both.size.width > 0.5f && both.size.height > 0.5f);
}

/* The selfie step from the challenges shown to the result page (@challenges: what they were). */
static void
finish_selfie (Fixture *f, char **challenges)
{
  StepWait w = { f, EKYC_STEP_SELFIE };

  /* The selfie page shows the challenges over the live preview until the session ends. */
  g_assert_true (ui_test_wait (challenge_shown, f, 60));
  assert_panel_clear_of_preview (f);
  if (challenges != NULL)
    *challenges = challenge_sequence (f);
  g_assert_true (ui_test_wait (step_over, &w, 240));
  if (ekyc_capture_page_get_problem (page_of (f, EKYC_STEP_SELFIE)) != NULL)
    {
      /* The selfie kept shows no usable face (a replay): the teller goes on to the result. */
      g_test_message ("selfie: %s", ekyc_capture_page_get_problem (page_of (f, EKYC_STEP_SELFIE)));
      gtk_widget_activate_action (GTK_WIDGET (page_of (f, EKYC_STEP_SELFIE)), "page.continue",
                                  NULL);
    }
  g_assert_cmpuint (ekyc_window_get_step (f->window), ==, 3);
}

/* The cards from the preview, the selfie from @selfie_source; returns at the result page. */
static EkycVerification *
run_live_flow (Fixture *f, const char *selfie_source, char **challenges)
{

  ekyc_application_set_source (f->app, f->card.front);
  capture_step (f, EKYC_STEP_FRONT, f->card.back, FALSE);
  /* The teller captures the back by hand (if auto-capture has not taken it first). */
  capture_step (f, EKYC_STEP_BACK, selfie_source, TRUE);
  finish_selfie (f, challenges);
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

  if (!f->ready || video == NULL)
    return;
  v = run_live_flow (f, video, NULL);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_ID_NUMBER), ==, f->card.id_number);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_FULL_NAME), ==, f->card.full_name);
  g_assert_nonnull (ekyc_verification_get_image (v, EKYC_STEP_BACK));
  g_assert_nonnull (ekyc_verification_get_face (v, EKYC_STEP_SELFIE));
  active = find_check (v, "active-liveness");
  g_test_message ("active liveness: %s", active->detail);
  g_assert_cmpint (active->outcome, ==, EKYC_VERDICT_PASS);

  ui_test_save (f->window);
  cases = ekyc_application_query_cases (f->app, f->card.id_number, -1, -1, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
}

static void
assert_liveness_fails (Fixture *f, const char *selfie_source)
{
  EkycVerification *v = run_live_flow (f, selfie_source, NULL);
  EkycCheck *active = find_check (v, "active-liveness");

  g_test_message ("active liveness: %s", active->detail);
  g_assert_cmpint (active->outcome, !=, EKYC_VERDICT_PASS);
  g_assert_cmpint (ekyc_verification_get_decision (v), !=, EKYC_VERDICT_PASS);
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_ID_NUMBER), ==, f->card.id_number);
}

static void
test_replay_video_fails_liveness (Fixture *f, gconstpointer data)
{
  g_autofree char *video = ekyc_test_shared_path ("liveness", "replay-video", "fake.mp4", NULL);

  if (!f->ready || video == NULL)
    return;
  assert_liveness_fails (f, video);
}

static void
test_still_photo_fails_liveness (Fixture *f, gconstpointer data)
{
  g_autofree char *photo = ekyc_test_shared_path ("liveness", "silent-face", "image_T1.jpg",
                                                  NULL);

  if (!f->ready || photo == NULL)
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

  if (!f->ready)
    return;
  text = g_build_filename (f->card.dir, "card.jpg", NULL);
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
  g_assert_cmpuint (ui_test_import (f->window, f->card.front), ==, EKYC_STEP_BACK);
  g_assert_cmpstr (ekyc_capture_page_get_placeholder (page_of (f, EKYC_STEP_BACK)), ==,
                   "The source cannot be used");
  g_assert_nonnull (ekyc_verification_get_image (ekyc_window_get_verification (f->window),
                                                 EKYC_STEP_FRONT));
}

/* A still photo fails the liveness; Try Again on the result page goes back to the selfie alone,
 * with another challenge sequence, and keeps both card sides. */
static void
test_failed_liveness_is_tried_again_with_new_challenges (Fixture *f, gconstpointer data)
{
  g_autofree char *photo = ekyc_test_shared_path ("liveness", "silent-face", "image_T1.jpg",
                                                  NULL);
  g_autofree char *first = NULL, *second = NULL;
  EkycVerification *v;

  if (!f->ready || photo == NULL)
    return;
  v = run_live_flow (f, photo, &first);
  g_assert_cmpint (find_check (v, "active-liveness")->outcome, !=, EKYC_VERDICT_PASS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "flow.retry-selfie", NULL));
  g_assert_cmpuint (ekyc_window_get_step (f->window), ==, EKYC_STEP_SELFIE);
  v = ekyc_window_get_verification (f->window);
  g_assert_nonnull (ekyc_verification_get_image (v, EKYC_STEP_FRONT));
  g_assert_nonnull (ekyc_verification_get_image (v, EKYC_STEP_BACK));
  finish_selfie (f, &second);
  g_test_message ("challenges: first %s, then %s", first, second);
  g_assert_cmpstr (first, !=, second);
  v = ekyc_result_page_get_verification (ekyc_window_get_result_page (f->window));
  g_assert_cmpstr (ekyc_verification_get_field (v, EKYC_CARD_FIELD_ID_NUMBER), ==, f->card.id_number);
  g_assert_cmpint (find_check (v, "active-liveness")->outcome, !=, EKYC_VERDICT_PASS);
}

/* A live source that stops after 3 s, as a camera unplugged in the middle of the back side. */
#define LOSING_SOURCE "videotestsrc is-live=true pattern=smpte ! " \
                      "video/x-raw,width=640,height=480,framerate=15/1 ! identity error-after=45"

static gboolean
back_live (gpointer data)
{
  Fixture *f = data;

  return ekyc_capture_page_get_paintable (page_of (f, EKYC_STEP_BACK)) != NULL;
}

static gboolean
back_lost (gpointer data)
{
  Fixture *f = data;
  const char *title = ekyc_capture_page_get_placeholder (page_of (f, EKYC_STEP_BACK));

  return title != NULL && g_strcmp0 (title, "Starting the camera…") != 0;
}

static void
test_source_lost_mid_capture_keeps_the_front_and_offers_retry (Fixture *f, gconstpointer data)
{
  EkycCapturePage *page = page_of (f, EKYC_STEP_BACK);

  if (!f->ready)
    return;
  g_assert_cmpuint (ui_test_import (f->window, f->card.front), ==, EKYC_STEP_BACK);
  ekyc_application_set_source (f->app, LOSING_SOURCE);
  g_assert_true (ui_test_wait (back_live, f, 60));
  g_assert_true (ui_test_wait (back_lost, f, 60));
  g_test_message ("lost: %s", ekyc_capture_page_get_placeholder (page));
  g_assert_cmpstr (ekyc_capture_page_get_placeholder (page), ==, "The camera was disconnected");
  g_assert_null (ekyc_capture_page_get_paintable (page));
  /* The front stays captured; the page stays, and offers to try the camera again. */
  g_assert_cmpuint (ekyc_window_get_step (f->window), ==, EKYC_STEP_BACK);
  g_assert_nonnull (ekyc_verification_get_image (ekyc_window_get_verification (f->window),
                                                 EKYC_STEP_FRONT));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.retry", NULL));
  g_assert_true (ui_test_wait (back_live, f, 60));
  /* The camera is back (here: the back of the card): the flow goes on with the front kept. */
  ekyc_application_set_source (f->app, f->card.back);
  capture_step (f, EKYC_STEP_BACK, NULL, TRUE);
  g_assert_nonnull (ekyc_verification_get_image (ekyc_window_get_verification (f->window),
                                                 EKYC_STEP_FRONT));
  g_assert_nonnull (ekyc_verification_get_image (ekyc_window_get_verification (f->window),
                                                 EKYC_STEP_BACK));
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
  g_test_add ("/ui/live/source-lost-mid-capture-keeps-the-front-and-offers-retry", Fixture,
              NULL, fixture_setup, test_source_lost_mid_capture_keeps_the_front_and_offers_retry,
              fixture_teardown);
  g_test_add ("/ui/live/failed-liveness-is-tried-again-with-new-challenges", Fixture, NULL,
              fixture_setup, test_failed_liveness_is_tried_again_with_new_challenges,
              fixture_teardown);
  status = g_test_run ();
  ui_test_shared_free ();
  return status;
}
