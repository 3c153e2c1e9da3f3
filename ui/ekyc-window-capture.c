/* ekyc-window-capture.c — the live source behind the capture pages: preview, hints,
 * auto-capture, active liveness on the selfie page, the source's errors
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "ekyc-capture.h"
#include "ekyc-window-private.h"

/* One EkycCapture for the window, restarted when the source changes; its mode follows the page
 * (CARD on the card sides, FACE on the selfie). A recorded source (a file) is analysed frame by
 * frame so that what it shows is judged the same on any machine. */
struct _EkycWindowCapture
{
  EkycWindow          *window;   /* borrowed: the window owns this */
  EkycCapturePage     *page;     /* the page shown, NULL when none is */
  EkycCapture         *capture;
  gboolean             has_engine;
  char                *source;   /* what the capture was started with */
  gboolean             fresh;    /* restarted, and nothing it showed was used yet */
  gboolean             arm_when_moved; /* auto-capture once the frame stops being good */

  EkycLivenessSession *session;
  EkycStill           *selfie;   /* the neutral face before the first challenge */
  gboolean             liveness_done;
  gboolean             liveness_passed;
  char                *liveness_detail;
  GArray              *last_challenges; /* EkycChallenge: the sequence of the last session */
  gboolean             new_challenges;   /* the next session asks a different sequence */
};

static void update_page (EkycWindowCapture *capture);

EkycWindowCapture *
_ekyc_window_capture_new (EkycWindow *window)
{
  EkycWindowCapture *capture = g_new0 (EkycWindowCapture, 1);

  capture->window = window;
  capture->last_challenges = g_array_new (FALSE, FALSE, sizeof (EkycChallenge));
  return capture;
}

static void
end_session (EkycWindowCapture *capture)
{
  if (capture->session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (capture->session, capture);
  ekyc_liveness_session_cancel (capture->session);
  g_clear_object (&capture->session);
  g_clear_object (&capture->selfie);
}

static void
drop_capture (EkycWindowCapture *capture)
{
  end_session (capture);
  if (capture->capture == NULL)
    return;
  g_signal_handlers_disconnect_by_data (capture->capture, capture);
  ekyc_capture_stop (capture->capture);
  g_clear_object (&capture->capture);
  g_clear_pointer (&capture->source, g_free);
}

void
_ekyc_window_capture_free (EkycWindowCapture *capture)
{
  drop_capture (capture);
  g_free (capture->liveness_detail);
  g_array_unref (capture->last_challenges);
  g_free (capture);
}

static EkycApplication *
application (EkycWindowCapture *capture)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (capture->window));

  return app ? EKYC_APPLICATION (app) : NULL;
}

static const char *
current_source (EkycWindowCapture *capture)
{
  EkycApplication *app = application (capture);
  const char *source = app ? ekyc_application_get_source (app) : NULL;

  return source != NULL ? source : "";
}

static gboolean
is_recorded (const char *source)
{
  return *source != '\0' && g_file_test (source, G_FILE_TEST_IS_REGULAR);
}

static EkycStep
page_step (EkycWindowCapture *capture)
{
  return ekyc_capture_page_get_step (capture->page);
}

static gboolean
page_is_busy (EkycWindowCapture *capture)
{
  return capture->page == NULL || ekyc_capture_page_get_busy (capture->page);
}

/* The camera chosen in Preferences: by id, else by display name, else the first one. */
static void
choose_camera (EkycWindowCapture *capture)
{
  EkycApplication *app = application (capture);
  EkycCameraMonitor *monitor = ekyc_capture_get_camera_monitor (capture->capture);
  g_autofree char *wanted = app ? g_settings_get_string (ekyc_application_get_settings (app),
                                                         "camera-device") : NULL;
  g_autoptr(GstDevice) device = NULL;

  if (wanted == NULL || *wanted == '\0')
    return;
  device = ekyc_camera_monitor_find (monitor, wanted);
  for (guint i = 0; device == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (monitor)); i++)
    {
      g_autoptr(GstDevice) d = g_list_model_get_item (G_LIST_MODEL (monitor), i);
      g_autofree char *name = gst_device_get_display_name (d);

      if (g_strcmp0 (name, wanted) == 0)
        device = g_steal_pointer (&d);
    }
  if (device != NULL)
    ekyc_capture_set_device (capture->capture, device);
}

static void
submit_still (EkycWindowCapture *capture, EkycStill *still)
{
  capture->fresh = FALSE;
  _ekyc_window_submit (capture->window, ekyc_still_get_image (still));
}

static void
on_still_captured (EkycCapture *source, EkycStill *still, EkycWindowCapture *capture)
{
  /* Manual stills are taken by _ekyc_window_capture_take(); the selfie by the liveness. */
  if (!ekyc_still_get_automatic (still) || page_is_busy (capture)
      || page_step (capture) == EKYC_STEP_SELFIE)
    return;
  submit_still (capture, still);
}

static void
on_frame_analyzed (EkycCapture *source, EkycFrameAnalysis *analysis, EkycWindowCapture *capture)
{
  /* The card of the previous step is still in front of the camera: wait until it moves (turned
   * over, taken away) before capturing again. */
  if (capture->arm_when_moved && !analysis->good)
    {
      capture->arm_when_moved = FALSE;
      ekyc_capture_set_auto_capture (source, TRUE);
    }
}

static gboolean
auto_capture_enabled (EkycWindowCapture *capture)
{
  EkycApplication *app = application (capture);

  return app == NULL || g_settings_get_boolean (ekyc_application_get_settings (app),
                                                "auto-capture");
}

static void
arm_auto_capture (EkycWindowCapture *capture)
{
  gboolean card = page_step (capture) != EKYC_STEP_SELFIE && auto_capture_enabled (capture);

  capture->arm_when_moved = card && !capture->fresh;
  ekyc_capture_set_auto_capture (capture->capture, card && capture->fresh);
}

static void
start_capture (EkycWindowCapture *capture)
{
  EkycApplication *app = application (capture);
  EkycEngine *engine = app ? ekyc_application_get_engine (app) : NULL;
  const char *source = current_source (capture);
  g_autoptr(GError) error = NULL;

  drop_capture (capture);
  capture->capture = ekyc_capture_new (engine);
  capture->has_engine = engine != NULL;
  capture->source = g_strdup (source);
  capture->fresh = TRUE;
  if (*source != '\0')
    ekyc_capture_set_source (capture->capture, source);
  else
    choose_camera (capture);
  ekyc_capture_set_analyze_every_frame (capture->capture, is_recorded (source));
  g_signal_connect_swapped (capture->capture, "notify::state", G_CALLBACK (update_page), capture);
  g_signal_connect_swapped (capture->capture, "notify::hint-message",
                            G_CALLBACK (update_page), capture);
  g_signal_connect_swapped (capture->capture, "notify::good", G_CALLBACK (update_page), capture);
  g_signal_connect (capture->capture, "still-captured", G_CALLBACK (on_still_captured), capture);
  g_signal_connect (capture->capture, "frame-analyzed", G_CALLBACK (on_frame_analyzed), capture);
  if (!ekyc_capture_start (capture->capture, &error))
    g_debug ("capture source “%s”: %s", source, error->message);
}

/* ---- the page ---- */

static void
show_problem (EkycWindowCapture *capture, EkycCameraState state, const GError *error)
{
  EkycCapturePage *page = capture->page;

  if (state == EKYC_CAMERA_STATE_NO_CAMERAS)
    ekyc_capture_page_set_placeholder (page, _("No camera"),
                                       _("No camera was found. Connect one, choose a source in "
                                         "Preferences, or import a scan or photo."));
  else if (g_error_matches (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_DEVICE_LOST))
    ekyc_capture_page_set_placeholder (page, _("The camera was disconnected"),
                                       error->message);
  else if (error != NULL)
    ekyc_capture_page_set_placeholder (page, _("The source cannot be used"), error->message);
  else
    ekyc_capture_page_set_placeholder (page, _("Starting the camera…"), NULL);
}

static void
update_page (EkycWindowCapture *capture)
{
  EkycCameraState state;
  EkycCapturePaintable *paintable;
  gboolean live;

  if (capture->page == NULL || capture->capture == NULL)
    return;
  state = ekyc_capture_get_state (capture->capture);
  paintable = ekyc_capture_get_paintable (capture->capture);
  /* A recorded source that ended keeps its last frame on screen. */
  live = state == EKYC_CAMERA_STATE_READY
         || (state == EKYC_CAMERA_STATE_STOPPED
             && ekyc_capture_paintable_get_texture (paintable) != NULL);
  ekyc_capture_page_set_paintable (capture->page, live ? GDK_PAINTABLE (paintable) : NULL);
  if (!live)
    show_problem (capture, state, ekyc_capture_get_error (capture->capture));
  /* During a challenge its instruction is the one thing to do: no other advice then. */
  ekyc_capture_page_set_hint (capture->page,
                              state == EKYC_CAMERA_STATE_READY
                              && (capture->session == NULL
                                  || ekyc_liveness_session_get_state (capture->session)
                                     != EKYC_LIVENESS_STATE_CHALLENGE)
                              ? ekyc_capture_get_hint_message (capture->capture) : NULL);
  ekyc_capture_page_set_guide_ok (capture->page, state == EKYC_CAMERA_STATE_READY
                                                 && ekyc_capture_get_good (capture->capture));
}

static void
retry_requested (EkycCapturePage *page, EkycWindowCapture *capture)
{
  if (capture->page == page)
    {
      drop_capture (capture);
      _ekyc_window_capture_show (capture, page);
    }
}

/* ---- active liveness ---- */

static guint64
liveness_seed (void)
{
  const char *seed = g_getenv ("EKYC_LIVENESS_SEED");

  /* For tests and demonstrations with a recorded video: the challenges it performs. */
  return seed != NULL ? g_ascii_strtoull (seed, NULL, 10) : 0;
}

static void
session_state_changed (EkycLivenessSession *session, GParamSpec *pspec,
                       EkycWindowCapture *capture)
{
  update_page (capture);
  /* The selfie kept is the face looking straight, just before the first challenge. */
  if (capture->selfie == NULL
      && ekyc_liveness_session_get_state (session) == EKYC_LIVENESS_STATE_CHALLENGE
      && ekyc_liveness_session_get_challenge_index (session) == 0)
    {
      EkycStill *still = ekyc_capture_take_still (capture->capture, NULL);

      capture->selfie = still ? g_object_ref (still) : NULL;
    }
}

static void
session_finished (EkycLivenessSession *session, EkycWindowCapture *capture)
{
  gboolean passed = ekyc_liveness_session_get_state (session) == EKYC_LIVENESS_STATE_PASSED;
  double passive = ekyc_liveness_session_get_passive_score (session);
  g_autoptr(GString) challenges = g_string_new (NULL);
  g_autoptr(EkycStill) still = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ekyc_liveness_session_get_n_challenges (session); i++)
    g_string_append_printf (challenges, "%s%s", i ? ", " : "",
                            ekyc_challenge_get_name (ekyc_liveness_session_get_challenge_at
                                                     (session, i)));
  capture->liveness_done = TRUE;
  capture->liveness_passed = passed;
  g_free (capture->liveness_detail);
  capture->liveness_detail = passive >= 0
    /* Translators: the liveness verdict, the challenges asked and the passive score */
    ? g_strdup_printf (_("%s (%s; passive score %.2f)"), ekyc_liveness_session_get_message (session),
                       challenges->str, passive)
    : g_strdup_printf ("%s (%s)", ekyc_liveness_session_get_message (session), challenges->str);
  g_debug ("liveness: %s", capture->liveness_detail);

  still = capture->selfie ? g_object_ref (capture->selfie) : NULL;
  if (still == NULL && capture->capture != NULL)
    {
      EkycStill *now = ekyc_capture_take_still (capture->capture, &error);

      still = now ? g_object_ref (now) : NULL;
    }
  if (still == NULL)
    {
      ekyc_capture_page_set_problem (capture->page, error ? error->message : NULL, FALSE);
      return;
    }
  if (!page_is_busy (capture))
    submit_still (capture, still);
}

static gboolean
same_challenges (EkycLivenessSession *session, GArray *challenges)
{
  if (ekyc_liveness_session_get_n_challenges (session) != challenges->len)
    return FALSE;
  for (guint i = 0; i < challenges->len; i++)
    if (ekyc_liveness_session_get_challenge_at (session, i)
        != g_array_index (challenges, EkycChallenge, i))
      return FALSE;
  return TRUE;
}

/* A session with random challenges (from EKYC_LIVENESS_SEED when set); after a failed attempt,
 * with a sequence other than the last one, so that a recording of it is of no use. */
static EkycLivenessSession *
new_session (EkycWindowCapture *capture)
{
  guint64 seed = liveness_seed ();
  EkycLivenessSession *session = NULL;

  for (guint64 k = 0; k < 64; k++)
    {
      g_clear_object (&session);
      session = ekyc_liveness_session_new (seed != 0 ? seed + k : 0);
      if (!capture->new_challenges || !same_challenges (session, capture->last_challenges))
        break;
    }
  capture->new_challenges = FALSE;
  g_array_set_size (capture->last_challenges, 0);
  for (guint i = 0; i < ekyc_liveness_session_get_n_challenges (session); i++)
    {
      EkycChallenge c = ekyc_liveness_session_get_challenge_at (session, i);

      g_array_append_val (capture->last_challenges, c);
    }
  return session;
}

static void
start_session (EkycWindowCapture *capture)
{
  end_session (capture);
  capture->liveness_done = FALSE;
  capture->liveness_passed = FALSE;
  g_clear_pointer (&capture->liveness_detail, g_free);
  capture->session = new_session (capture);
  g_signal_connect (capture->session, "notify::state", G_CALLBACK (session_state_changed),
                    capture);
  g_signal_connect (capture->session, "finished", G_CALLBACK (session_finished), capture);
  ekyc_liveness_session_follow (capture->session, G_OBJECT (capture->capture));
  ekyc_liveness_session_start (capture->session);
}

/* ---- the window's calls ---- */

void
_ekyc_window_capture_show (EkycWindowCapture *capture, EkycCapturePage *page)
{
  EkycApplication *app = application (capture);
  const char *source = current_source (capture);
  gboolean selfie = ekyc_capture_page_get_step (page) == EKYC_STEP_SELFIE;
  EkycCameraState state;

  if (capture->page != NULL && capture->page != page)
    {
      ekyc_capture_page_set_liveness (capture->page, NULL);
      ekyc_capture_page_set_paintable (capture->page, NULL);
    }
  capture->page = page;
  if (g_object_get_data (G_OBJECT (page), "ekyc-retry") == NULL)
    {
      g_object_set_data (G_OBJECT (page), "ekyc-retry", GINT_TO_POINTER (1));
      g_signal_connect (page, "retry", G_CALLBACK (retry_requested), capture);
    }
  end_session (capture);
  ekyc_capture_page_set_liveness (page, NULL);

  state = capture->capture ? ekyc_capture_get_state (capture->capture) : EKYC_CAMERA_STATE_STOPPED;
  if (capture->capture == NULL
      || g_strcmp0 (capture->source, source) != 0
      || (!capture->has_engine && app != NULL && ekyc_application_get_engine (app) != NULL)
      || (state != EKYC_CAMERA_STATE_READY && state != EKYC_CAMERA_STATE_LOADING)
      /* The liveness needs a recorded selfie video from its start. */
      || (selfie && is_recorded (source)))
    start_capture (capture);

  ekyc_capture_set_mode (capture->capture, selfie ? EKYC_CAPTURE_MODE_FACE
                                                  : EKYC_CAPTURE_MODE_CARD);
  ekyc_capture_set_card_side (capture->capture,
                              ekyc_capture_page_get_step (page) == EKYC_STEP_FRONT
                              ? EKYC_CARD_SIDE_FRONT
                              : ekyc_capture_page_get_step (page) == EKYC_STEP_BACK
                              ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_UNKNOWN);
  /* The card found is outlined where it is (the page's guide shows where it should be). */
  ekyc_capture_paintable_set_show_overlay (ekyc_capture_get_paintable (capture->capture), !selfie);
  ekyc_capture_set_loop (capture->capture, !selfie);
  arm_auto_capture (capture);
  update_page (capture);
  if (selfie)
    {
      start_session (capture);
      ekyc_capture_page_set_liveness (page, capture->session);
    }
}

void
_ekyc_window_capture_source_changed (EkycWindowCapture *capture)
{
  /* A page busy with its picture changes source when the next page shows. */
  if (capture->page != NULL && !ekyc_capture_page_get_busy (capture->page))
    _ekyc_window_capture_show (capture, capture->page);
}

EkycImage *
_ekyc_window_capture_take (EkycWindowCapture *capture, GError **error)
{
  EkycStill *still;

  if (capture->capture == NULL)
    {
      g_set_error_literal (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_SOURCE_FAILED,
                           _("There is no picture to capture yet."));
      return NULL;
    }
  still = ekyc_capture_take_still (capture->capture, error);
  if (still == NULL)
    return NULL;
  capture->fresh = FALSE;
  return ekyc_image_ref (ekyc_still_get_image (still));
}

gboolean
_ekyc_window_capture_liveness (EkycWindowCapture *capture, gboolean *passed, char **detail)
{
  *passed = capture->liveness_passed;
  *detail = g_strdup (capture->liveness_detail);
  return capture->liveness_done;
}

void
_ekyc_window_capture_stop (EkycWindowCapture *capture)
{
  if (capture->page != NULL)
    {
      ekyc_capture_page_set_liveness (capture->page, NULL);
      ekyc_capture_page_set_paintable (capture->page, NULL);
    }
  capture->page = NULL;
  drop_capture (capture);
}

void
_ekyc_window_capture_retry_liveness (EkycWindowCapture *capture)
{
  capture->new_challenges = TRUE;
  /* A recorded selfie source starts again from its beginning. */
  drop_capture (capture);
}
