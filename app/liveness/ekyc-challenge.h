/* ekyc-challenge.h — active liveness challenges and how each is seen in the face landmarks
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include <ekyc/ekyc.h>

G_BEGIN_DECLS

/**
 * EkycChallenge:
 * One thing the person is asked to do. Left and right are the person's own (not the mirrored
 * preview's): TURN_LEFT is yaw > 0 in #EkycFaceLandmarks.
 */
typedef enum {
  EKYC_CHALLENGE_TURN_LEFT,
  EKYC_CHALLENGE_TURN_RIGHT,
  EKYC_CHALLENGE_BLINK,
  EKYC_CHALLENGE_SMILE,
  EKYC_CHALLENGE_OPEN_MOUTH,
  EKYC_N_CHALLENGES
} EkycChallenge;

/* (transfer none): the translated instruction ("Turn your head to the left"). */
const char *ekyc_challenge_get_instruction (EkycChallenge challenge);
/* (transfer none): a stable machine name ("turn-left"). */
const char *ekyc_challenge_get_name        (EkycChallenge challenge);

/**
 * EkycFaceSignals:
 * What the challenge detectors measure in one frame's landmarks. Angles in degrees (yaw > 0: the
 * person turned to their left); openness as in #EkycFaceLandmarks; @smile is the mouth width over
 * the distance between the outer eye corners (wider when smiling).
 */
typedef struct {
  float yaw, pitch;
  float eye_openness;     /* mean of both eyes */
  float mouth_openness;
  float smile;
} EkycFaceSignals;

void ekyc_face_signals_from_landmarks (const EkycFaceLandmarks *landmarks, EkycFaceSignals *out);

/**
 * ekyc_challenge_is_neutral:
 * Whether @now is a neutral face from which @challenge can start: looking roughly straight, eyes
 * open, mouth closed (each challenge checks what it needs).
 */
gboolean ekyc_challenge_is_neutral (EkycChallenge challenge, const EkycFaceSignals *now);

/**
 * ekyc_challenge_is_done:
 * Whether @now shows @challenge performed, compared with @neutral (the face when the challenge
 * began). BLINK needs the eyes closed here; the session also wants them open again afterwards.
 */
gboolean ekyc_challenge_is_done (EkycChallenge challenge, const EkycFaceSignals *neutral,
                                 const EkycFaceSignals *now);

G_END_DECLS
