/* ekyc-liveness-session.h — active liveness: a random challenge sequence checked on the live stream
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib-object.h>
#include <ekyc/ekyc.h>

#include "ekyc-capture-enum-types.h"
#include "ekyc-challenge.h"
#include "ekyc-frame-analysis.h"

G_BEGIN_DECLS

typedef enum {
  EKYC_LIVENESS_STATE_IDLE,      /* created, not started */
  EKYC_LIVENESS_STATE_WAITING,   /* started: waiting for a neutral face to begin a challenge */
  EKYC_LIVENESS_STATE_CHALLENGE, /* a challenge is shown and its timer runs */
  EKYC_LIVENESS_STATE_PASSED,    /* every challenge done, passive liveness and motion good */
  EKYC_LIVENESS_STATE_FAILED,    /* see #EkycLivenessSession:failure */
} EkycLivenessState;

typedef enum {
  EKYC_LIVENESS_FAILURE_NONE,
  EKYC_LIVENESS_FAILURE_TIMEOUT,      /* a challenge was not performed in time */
  EKYC_LIVENESS_FAILURE_FACE_LOST,    /* no face for too long */
  EKYC_LIVENESS_FAILURE_NO_MOTION,    /* the face never moved: a still image */
  EKYC_LIVENESS_FAILURE_PASSIVE,      /* the passive score says presentation attack (replay, print) */
  EKYC_LIVENESS_FAILURE_STREAM_ENDED, /* the source ended before the sequence did */
  EKYC_LIVENESS_FAILURE_CANCELLED,
} EkycLivenessFailure;

#define EKYC_TYPE_LIVENESS_SESSION (ekyc_liveness_session_get_type ())
G_DECLARE_FINAL_TYPE (EkycLivenessSession, ekyc_liveness_session, EKYC, LIVENESS_SESSION, GObject)

/**
 * EkycLivenessSession:
 *
 * A sequence of 2–3 distinct challenges drawn from a seeded RNG. Feed it every analysed frame
 * (ekyc_liveness_session_push_analysis(), or connect it to a capture with
 * ekyc_liveness_session_follow()); time is the frames' stream time, so a recorded source is
 * judged the same at any decoding speed. Each challenge starts from a neutral face and must be
 * done within "challenge-timeout" seconds (default 8). The verdict PASSED also needs the median
 * passive liveness score of the session's frames at or above the engine's threshold (with at
 * least "min-passive-frames" scores, default 3) and real motion of the face mesh (a still image
 * never passes, whatever it shows).
 *
 * Properties (read-only unless said): "state", "failure", "message" (translated: the current
 * instruction, or the verdict with its reason), "challenge" (the current #EkycChallenge, -1
 * before the first), "challenge-index", "n-challenges", "time-left" (seconds of the current
 * challenge), "passive-score" (median so far, -1 without scores), "seed" (construct-only).
 * Signals: "challenge-done" (guint index, int challenge), "finished" (state is PASSED or FAILED).
 */

/* @seed 0 draws a random seed (from /dev/urandom through GLib). */
EkycLivenessSession *ekyc_liveness_session_new        (guint64 seed);
/* A fixed sequence (tests, evaluation): @n in 1..EKYC_N_CHALLENGES. */
EkycLivenessSession *ekyc_liveness_session_new_with_challenges (const EkycChallenge *challenges,
                                                                guint                n);
guint                ekyc_liveness_session_get_n_challenges (EkycLivenessSession *self);
EkycChallenge        ekyc_liveness_session_get_challenge_at (EkycLivenessSession *self, guint i);
void                 ekyc_liveness_session_set_challenge_timeout (EkycLivenessSession *self,
                                                                  double seconds);

void                 ekyc_liveness_session_start  (EkycLivenessSession *self);
void                 ekyc_liveness_session_cancel (EkycLivenessSession *self);

/* One frame at stream time @pts_us: @landmarks NULL when no face was found; @passive NULL when
 * this frame was not scored. */
void                 ekyc_liveness_session_push_frame (EkycLivenessSession      *self,
                                                       gint64                    pts_us,
                                                       const EkycFaceLandmarks  *landmarks,
                                                       const EkycLivenessResult *passive);
void                 ekyc_liveness_session_push_analysis (EkycLivenessSession *self,
                                                          EkycFrameAnalysis   *analysis);
/* The stream ended: a session still running fails with STREAM_ENDED. */
void                 ekyc_liveness_session_end_of_stream (EkycLivenessSession *self);
/* Connects to @capture's "frame-analyzed" and "eos" until the session finishes. The capture must
 * be an EkycCapture (GObject here to keep this header free of GStreamer). */
void                 ekyc_liveness_session_follow (EkycLivenessSession *self, GObject *capture);

EkycLivenessState    ekyc_liveness_session_get_state    (EkycLivenessSession *self);
EkycLivenessFailure  ekyc_liveness_session_get_failure  (EkycLivenessSession *self);
const char          *ekyc_liveness_session_get_message  (EkycLivenessSession *self);
int                  ekyc_liveness_session_get_challenge (EkycLivenessSession *self);
guint                ekyc_liveness_session_get_challenge_index (EkycLivenessSession *self);
double               ekyc_liveness_session_get_time_left (EkycLivenessSession *self);
double               ekyc_liveness_session_get_passive_score (EkycLivenessSession *self);
/* How far the face moved in the session, as the largest spread of the mesh over its size. */
double               ekyc_liveness_session_get_motion   (EkycLivenessSession *self);

G_END_DECLS
