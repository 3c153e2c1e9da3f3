/* ekyc-liveness-session.c — the challenge sequence, its timers and the final verdict
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-liveness"
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "ekyc-capture-enum-types.h"
#include "ekyc-liveness-session.h"

#define FACE_LOST_SECONDS  3.0
#define MIN_CONFIDENCE     0.6f
#define FRONTAL_YAW        20.0f
/* The mesh must move by at least this fraction of the face size over the session. */
#define MIN_MOTION         0.03
/* The passive verdict takes the 90th percentile of the frontal frames' scores: on the webcam clip
 * real.mov the model scores most frames low (median 0.18) but a tenth of them above 0.69, while a
 * replay on a phone screen (fake.mp4 after its first 2 s) scores 0.00 on every frame. */
#define PASSIVE_QUANTILE   0.9

struct _EkycLivenessSession
{
  GObject             parent_instance;
  guint64             seed;
  EkycChallenge       challenges[EKYC_N_CHALLENGES];
  guint               n_challenges;
  double              timeout;
  guint               min_passive_frames;

  EkycLivenessState   state;
  EkycLivenessFailure failure;
  char               *message;
  guint               index;
  gint64              challenge_start_us;
  gint64              last_face_us;
  gint64              now_us;
  gboolean            have_neutral;
  gboolean            eyes_closed_seen;
  EkycFaceSignals     neutral;

  GArray             *passive_scores;   /* float */
  float               passive_threshold;
  gboolean            have_motion_ref;
  float               motion_ref[2];
  float               motion_size;
  double              motion;

  GObject            *followed;
  gulong              analyzed_handler, eos_handler;
};

G_DEFINE_FINAL_TYPE (EkycLivenessSession, ekyc_liveness_session, G_TYPE_OBJECT)

enum {
  PROP_0, PROP_SEED, PROP_STATE, PROP_FAILURE, PROP_MESSAGE, PROP_CHALLENGE, PROP_CHALLENGE_INDEX,
  PROP_N_CHALLENGES, PROP_TIME_LEFT, PROP_PASSIVE_SCORE, PROP_CHALLENGE_TIMEOUT,
  PROP_MIN_PASSIVE_FRAMES, N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHALLENGE_DONE, SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
draw_challenges (EkycLivenessSession *self)
{
  g_autoptr(GRand) rand = NULL;
  EkycChallenge pool[EKYC_N_CHALLENGES];
  guint32 seed[2];

  if (self->seed == 0)
    self->seed = ((guint64) g_random_int () << 32) | g_random_int ();
  seed[0] = (guint32) self->seed;
  seed[1] = (guint32) (self->seed >> 32);
  rand = g_rand_new_with_seed_array (seed, 2);
  for (guint i = 0; i < EKYC_N_CHALLENGES; i++)
    pool[i] = i;
  /* Fisher–Yates: distinct challenges in a random order. */
  for (guint i = EKYC_N_CHALLENGES - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      EkycChallenge t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
  self->n_challenges = g_rand_int_range (rand, 2, 4);
  /* Smile and open mouth look alike to a hurried user; never ask for both. */
  for (guint i = 0, n = 0; n < self->n_challenges && i < EKYC_N_CHALLENGES; i++)
    {
      gboolean both_mouths = FALSE;

      for (guint k = 0; k < n; k++)
        both_mouths |= (self->challenges[k] == EKYC_CHALLENGE_SMILE
                        && pool[i] == EKYC_CHALLENGE_OPEN_MOUTH)
                       || (self->challenges[k] == EKYC_CHALLENGE_OPEN_MOUTH
                           && pool[i] == EKYC_CHALLENGE_SMILE);
      if (!both_mouths)
        self->challenges[n++] = pool[i];
    }
}

EkycLivenessSession *
ekyc_liveness_session_new (guint64 seed)
{
  return g_object_new (EKYC_TYPE_LIVENESS_SESSION, "seed", seed, NULL);
}

EkycLivenessSession *
ekyc_liveness_session_new_with_challenges (const EkycChallenge *challenges, guint n)
{
  EkycLivenessSession *self;

  g_return_val_if_fail (challenges != NULL, NULL);
  g_return_val_if_fail (n >= 1 && n <= EKYC_N_CHALLENGES, NULL);

  self = g_object_new (EKYC_TYPE_LIVENESS_SESSION, "seed", (guint64) 1, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_return_val_if_fail ((guint) challenges[i] < EKYC_N_CHALLENGES, self);
      self->challenges[i] = challenges[i];
    }
  self->n_challenges = n;
  return self;
}

guint
ekyc_liveness_session_get_n_challenges (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), 0);
  return self->n_challenges;
}

EkycChallenge
ekyc_liveness_session_get_challenge_at (EkycLivenessSession *self, guint i)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), 0);
  g_return_val_if_fail (i < self->n_challenges, 0);
  return self->challenges[i];
}

void
ekyc_liveness_session_set_challenge_timeout (EkycLivenessSession *self, double seconds)
{
  g_return_if_fail (EKYC_IS_LIVENESS_SESSION (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHALLENGE_TIMEOUT]);
}

static void
set_message (EkycLivenessSession *self, const char *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
set_state (EkycLivenessSession *self, EkycLivenessState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void unfollow (EkycLivenessSession *self);

static const char *
failure_message (EkycLivenessFailure failure)
{
  switch (failure)
    {
    case EKYC_LIVENESS_FAILURE_TIMEOUT:
      return _("Liveness failed: the movement was not made in time.");
    case EKYC_LIVENESS_FAILURE_FACE_LOST:
      return _("Liveness failed: the face left the camera's view.");
    case EKYC_LIVENESS_FAILURE_NO_MOTION:
      return _("Liveness failed: the face never moved, as in a photo.");
    case EKYC_LIVENESS_FAILURE_PASSIVE:
      return _("Liveness failed: the face looks like a photo or a screen.");
    case EKYC_LIVENESS_FAILURE_STREAM_ENDED:
      return _("Liveness failed: the video ended before the checks did.");
    case EKYC_LIVENESS_FAILURE_CANCELLED:
      return _("Liveness check cancelled.");
    case EKYC_LIVENESS_FAILURE_NONE:
    default:
      return "";
    }
}

static void
finish (EkycLivenessSession *self, EkycLivenessFailure failure)
{
  g_object_freeze_notify (G_OBJECT (self));
  /* A face that never moved explains every other failure. */
  if (failure != EKYC_LIVENESS_FAILURE_NONE && failure != EKYC_LIVENESS_FAILURE_CANCELLED
      && self->have_motion_ref && self->motion < MIN_MOTION)
    failure = EKYC_LIVENESS_FAILURE_NO_MOTION;
  self->failure = failure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE]);
  set_state (self, failure == EKYC_LIVENESS_FAILURE_NONE ? EKYC_LIVENESS_STATE_PASSED
                                                          : EKYC_LIVENESS_STATE_FAILED);
  set_message (self, failure == EKYC_LIVENESS_FAILURE_NONE
                     ? _("Liveness confirmed.") : failure_message (failure));
  g_object_thaw_notify (G_OBJECT (self));
  g_debug ("liveness %s: failure %d, passive %.2f (%u scores), motion %.3f",
           failure ? "failed" : "passed", failure, ekyc_liveness_session_get_passive_score (self),
           self->passive_scores->len, self->motion);
  unfollow (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void
begin_challenge (EkycLivenessSession *self, guint index, gint64 now_us)
{
  self->index = index;
  self->challenge_start_us = now_us;
  self->have_neutral = FALSE;
  self->eyes_closed_seen = FALSE;
  set_state (self, EKYC_LIVENESS_STATE_WAITING);
  set_message (self, ekyc_challenge_get_instruction (self->challenges[index]));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHALLENGE_INDEX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHALLENGE]);
}

void
ekyc_liveness_session_start (EkycLivenessSession *self)
{
  g_return_if_fail (EKYC_IS_LIVENESS_SESSION (self));
  g_return_if_fail (self->state == EKYC_LIVENESS_STATE_IDLE);

  /* The clock starts at the first frame pushed. */
  self->challenge_start_us = -1;
  self->last_face_us = -1;
  begin_challenge (self, 0, -1);
}

void
ekyc_liveness_session_cancel (EkycLivenessSession *self)
{
  g_return_if_fail (EKYC_IS_LIVENESS_SESSION (self));

  if (self->state == EKYC_LIVENESS_STATE_WAITING || self->state == EKYC_LIVENESS_STATE_CHALLENGE)
    finish (self, EKYC_LIVENESS_FAILURE_CANCELLED);
}

static int
compare_floats (gconstpointer a, gconstpointer b)
{
  float x = *(const float *) a, y = *(const float *) b;
  return (x > y) - (x < y);
}

static double
passive_quantile (EkycLivenessSession *self)
{
  g_autoptr(GArray) sorted = NULL;
  guint k;

  if (self->passive_scores->len == 0)
    return -1;
  sorted = g_array_copy (self->passive_scores);
  g_array_sort (sorted, compare_floats);
  k = (guint) ceil (PASSIVE_QUANTILE * sorted->len) - 1;
  return g_array_index (sorted, float, MIN (k, sorted->len - 1));
}

static void
track_motion (EkycLivenessSession *self, const EkycFaceLandmarks *landmarks)
{
  /* The nose tip (mesh 1) against the first frame, over the face size. */
  const float *nose = landmarks->mesh[1];
  double moved;

  if (!self->have_motion_ref)
    {
      self->have_motion_ref = TRUE;
      self->motion_ref[0] = nose[0];
      self->motion_ref[1] = nose[1];
      self->motion_size = MAX (landmarks->box.width, 1.0f);
    }
  moved = hypot (nose[0] - self->motion_ref[0], nose[1] - self->motion_ref[1]) / self->motion_size;
  self->motion = MAX (self->motion, moved);
}

void
ekyc_liveness_session_push_frame (EkycLivenessSession      *self,
                                  gint64                    pts_us,
                                  const EkycFaceLandmarks  *landmarks,
                                  const EkycLivenessResult *passive)
{
  EkycChallenge challenge;
  EkycFaceSignals now;
  double elapsed;

  g_return_if_fail (EKYC_IS_LIVENESS_SESSION (self));

  if (self->state != EKYC_LIVENESS_STATE_WAITING && self->state != EKYC_LIVENESS_STATE_CHALLENGE)
    return;

  self->now_us = pts_us;
  if (self->challenge_start_us < 0)
    self->challenge_start_us = pts_us;
  if (self->last_face_us < 0)
    self->last_face_us = pts_us;

  g_object_freeze_notify (G_OBJECT (self));
  if (landmarks != NULL && landmarks->confidence >= MIN_CONFIDENCE)
    {
      self->last_face_us = pts_us;
      track_motion (self, landmarks);
      if (passive != NULL && fabsf (landmarks->yaw) <= FRONTAL_YAW)
        {
          g_array_append_val (self->passive_scores, passive->score);
          self->passive_threshold = passive->threshold;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSIVE_SCORE]);
        }

      challenge = self->challenges[self->index];
      ekyc_face_signals_from_landmarks (landmarks, &now);
      if (!self->have_neutral)
        {
          if (ekyc_challenge_is_neutral (challenge, &now))
            {
              self->neutral = now;
              self->have_neutral = TRUE;
              set_state (self, EKYC_LIVENESS_STATE_CHALLENGE);
            }
        }
      else if (challenge == EKYC_CHALLENGE_BLINK && self->eyes_closed_seen
               ? now.eye_openness >= 0.7f * self->neutral.eye_openness
               : ekyc_challenge_is_done (challenge, &self->neutral, &now))
        {
          if (challenge == EKYC_CHALLENGE_BLINK && !self->eyes_closed_seen)
            self->eyes_closed_seen = TRUE;
          else
            {
              guint done = self->index;

              g_signal_emit (self, signals[SIGNAL_CHALLENGE_DONE], 0, done, (int) challenge);
              if (done + 1 < self->n_challenges)
                begin_challenge (self, done + 1, pts_us);
              else if (self->passive_scores->len < self->min_passive_frames
                       || passive_quantile (self) < self->passive_threshold)
                finish (self, EKYC_LIVENESS_FAILURE_PASSIVE);
              else if (self->motion < MIN_MOTION)
                finish (self, EKYC_LIVENESS_FAILURE_NO_MOTION);
              else
                finish (self, EKYC_LIVENESS_FAILURE_NONE);
              g_object_thaw_notify (G_OBJECT (self));
              return;
            }
        }
    }

  elapsed = (pts_us - self->challenge_start_us) / (double) G_USEC_PER_SEC;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_LEFT]);
  if ((pts_us - self->last_face_us) / (double) G_USEC_PER_SEC > FACE_LOST_SECONDS)
    finish (self, EKYC_LIVENESS_FAILURE_FACE_LOST);
  else if (elapsed > self->timeout)
    finish (self, EKYC_LIVENESS_FAILURE_TIMEOUT);
  g_object_thaw_notify (G_OBJECT (self));
}

void
ekyc_liveness_session_push_analysis (EkycLivenessSession *self, EkycFrameAnalysis *analysis)
{
  g_return_if_fail (EKYC_IS_LIVENESS_SESSION (self));
  g_return_if_fail (analysis != NULL);

  ekyc_liveness_session_push_frame (self, analysis->pts_us,
                                    analysis->has_face ? &analysis->landmarks : NULL,
                                    analysis->has_liveness ? &analysis->liveness : NULL);
}

void
ekyc_liveness_session_end_of_stream (EkycLivenessSession *self)
{
  g_return_if_fail (EKYC_IS_LIVENESS_SESSION (self));

  if (self->state == EKYC_LIVENESS_STATE_WAITING || self->state == EKYC_LIVENESS_STATE_CHALLENGE)
    finish (self, EKYC_LIVENESS_FAILURE_STREAM_ENDED);
}

static void
on_frame_analyzed (GObject *capture, EkycFrameAnalysis *analysis, gpointer user_data)
{
  ekyc_liveness_session_push_analysis (EKYC_LIVENESS_SESSION (user_data), analysis);
}

static void
on_eos (GObject *capture, gpointer user_data)
{
  ekyc_liveness_session_end_of_stream (EKYC_LIVENESS_SESSION (user_data));
}

static void
unfollow (EkycLivenessSession *self)
{
  if (self->followed == NULL)
    return;
  g_clear_signal_handler (&self->analyzed_handler, self->followed);
  g_clear_signal_handler (&self->eos_handler, self->followed);
  g_clear_weak_pointer (&self->followed);
}

void
ekyc_liveness_session_follow (EkycLivenessSession *self, GObject *capture)
{
  g_return_if_fail (EKYC_IS_LIVENESS_SESSION (self));
  g_return_if_fail (G_IS_OBJECT (capture));
  g_return_if_fail (g_signal_lookup ("frame-analyzed", G_OBJECT_TYPE (capture)) != 0);

  unfollow (self);
  g_set_weak_pointer (&self->followed, capture);
  self->analyzed_handler = g_signal_connect_object (capture, "frame-analyzed",
                                                    G_CALLBACK (on_frame_analyzed), self, 0);
  self->eos_handler = g_signal_connect_object (capture, "eos", G_CALLBACK (on_eos), self, 0);
}

EkycLivenessState
ekyc_liveness_session_get_state (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), 0);
  return self->state;
}

EkycLivenessFailure
ekyc_liveness_session_get_failure (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), 0);
  return self->failure;
}

const char *
ekyc_liveness_session_get_message (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), NULL);
  return self->message ? self->message : "";
}

int
ekyc_liveness_session_get_challenge (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), -1);
  if (self->state == EKYC_LIVENESS_STATE_IDLE)
    return -1;
  return self->challenges[self->index];
}

guint
ekyc_liveness_session_get_challenge_index (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), 0);
  return self->index;
}

double
ekyc_liveness_session_get_time_left (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), 0);
  if (self->state != EKYC_LIVENESS_STATE_WAITING && self->state != EKYC_LIVENESS_STATE_CHALLENGE)
    return 0;
  if (self->challenge_start_us < 0)
    return self->timeout;
  return MAX (0, self->timeout - (self->now_us - self->challenge_start_us) / (double) G_USEC_PER_SEC);
}

double
ekyc_liveness_session_get_passive_score (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), -1);
  return passive_quantile (self);
}

double
ekyc_liveness_session_get_motion (EkycLivenessSession *self)
{
  g_return_val_if_fail (EKYC_IS_LIVENESS_SESSION (self), 0);
  return self->motion;
}

static void
ekyc_liveness_session_constructed (GObject *object)
{
  EkycLivenessSession *self = EKYC_LIVENESS_SESSION (object);

  G_OBJECT_CLASS (ekyc_liveness_session_parent_class)->constructed (object);
  draw_challenges (self);
}

static void
ekyc_liveness_session_dispose (GObject *object)
{
  unfollow (EKYC_LIVENESS_SESSION (object));
  G_OBJECT_CLASS (ekyc_liveness_session_parent_class)->dispose (object);
}

static void
ekyc_liveness_session_finalize (GObject *object)
{
  EkycLivenessSession *self = EKYC_LIVENESS_SESSION (object);

  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->passive_scores, g_array_unref);
  G_OBJECT_CLASS (ekyc_liveness_session_parent_class)->finalize (object);
}

static void
ekyc_liveness_session_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  EkycLivenessSession *self = EKYC_LIVENESS_SESSION (object);

  switch (prop_id)
    {
    case PROP_SEED: g_value_set_uint64 (value, self->seed); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_FAILURE: g_value_set_enum (value, self->failure); break;
    case PROP_MESSAGE: g_value_set_string (value, ekyc_liveness_session_get_message (self)); break;
    case PROP_CHALLENGE: g_value_set_int (value, ekyc_liveness_session_get_challenge (self)); break;
    case PROP_CHALLENGE_INDEX: g_value_set_uint (value, self->index); break;
    case PROP_N_CHALLENGES: g_value_set_uint (value, self->n_challenges); break;
    case PROP_TIME_LEFT: g_value_set_double (value, ekyc_liveness_session_get_time_left (self)); break;
    case PROP_PASSIVE_SCORE: g_value_set_double (value, passive_quantile (self)); break;
    case PROP_CHALLENGE_TIMEOUT: g_value_set_double (value, self->timeout); break;
    case PROP_MIN_PASSIVE_FRAMES: g_value_set_uint (value, self->min_passive_frames); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_liveness_session_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  EkycLivenessSession *self = EKYC_LIVENESS_SESSION (object);

  switch (prop_id)
    {
    case PROP_SEED: self->seed = g_value_get_uint64 (value); break;
    case PROP_CHALLENGE_TIMEOUT:
      ekyc_liveness_session_set_challenge_timeout (self, g_value_get_double (value));
      break;
    case PROP_MIN_PASSIVE_FRAMES:
      if (self->min_passive_frames != g_value_get_uint (value))
        {
          self->min_passive_frames = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_liveness_session_class_init (EkycLivenessSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ekyc_liveness_session_constructed;
  object_class->dispose = ekyc_liveness_session_dispose;
  object_class->finalize = ekyc_liveness_session_finalize;
  object_class->get_property = ekyc_liveness_session_get_property;
  object_class->set_property = ekyc_liveness_session_set_property;

  properties[PROP_SEED] = g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 0,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                               | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, EKYC_TYPE_LIVENESS_STATE,
                                              EKYC_LIVENESS_STATE_IDLE, ro);
  properties[PROP_FAILURE] = g_param_spec_enum ("failure", NULL, NULL,
                                                EKYC_TYPE_LIVENESS_FAILURE,
                                                EKYC_LIVENESS_FAILURE_NONE, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, "", ro);
  properties[PROP_CHALLENGE] = g_param_spec_int ("challenge", NULL, NULL, -1,
                                                 EKYC_N_CHALLENGES - 1, -1, ro);
  properties[PROP_CHALLENGE_INDEX] = g_param_spec_uint ("challenge-index", NULL, NULL, 0,
                                                        EKYC_N_CHALLENGES, 0, ro);
  properties[PROP_N_CHALLENGES] = g_param_spec_uint ("n-challenges", NULL, NULL, 0,
                                                     EKYC_N_CHALLENGES, 0, ro);
  properties[PROP_TIME_LEFT] = g_param_spec_double ("time-left", NULL, NULL, 0, G_MAXDOUBLE, 0,
                                                    ro);
  properties[PROP_PASSIVE_SCORE] = g_param_spec_double ("passive-score", NULL, NULL, -1, 1, -1,
                                                        ro);
  properties[PROP_CHALLENGE_TIMEOUT] = g_param_spec_double ("challenge-timeout", NULL, NULL,
                                                            0.1, 600, 8, rw);
  properties[PROP_MIN_PASSIVE_FRAMES] = g_param_spec_uint ("min-passive-frames", NULL, NULL,
                                                           0, 1000, 3, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHALLENGE_DONE] =
    g_signal_new ("challenge-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
ekyc_liveness_session_init (EkycLivenessSession *self)
{
  self->timeout = 8;
  self->min_passive_frames = 3;
  self->passive_scores = g_array_new (FALSE, FALSE, sizeof (float));
  self->passive_threshold = 0.5f;
}
