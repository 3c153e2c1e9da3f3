/* ekyc-challenge.c — each active liveness challenge as a test on face landmarks
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-liveness"
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "ekyc-challenge.h"

/* Thresholds measured on ../shared/data/liveness/replay-video/real.mov (a webcam at 960 × 540):
 * neutral mouth-width ratio 0.57, smiling 0.75–0.83; head turns reach ±50°; a phone tilted in
 * front of the camera (fake.mp4) turns the replayed face by under 20°. */
#define TURN_DEGREES          25.0f  /* yaw away from the neutral pose */
#define NEUTRAL_MAX_YAW       15.0f
#define FRONTAL_MAX_YAW       18.0f
#define SMILE_GAIN            1.18f  /* mouth width over neutral */
#define OPEN_MOUTH_MIN        0.35f
#define NEUTRAL_MOUTH_MAX     0.15f
#define EYES_OPEN_MIN         0.18f
#define EYES_CLOSED_MAX       0.12f

/* MediaPipe FaceMesh indices: mouth corners and outer eye corners. */
enum { MESH_MOUTH_RIGHT = 61, MESH_MOUTH_LEFT = 291, MESH_EYE_RIGHT_OUTER = 33,
       MESH_EYE_LEFT_OUTER = 263 };

const char *
ekyc_challenge_get_instruction (EkycChallenge challenge)
{
  switch (challenge)
    {
    case EKYC_CHALLENGE_TURN_LEFT: return _("Turn your head to your left");
    case EKYC_CHALLENGE_TURN_RIGHT: return _("Turn your head to your right");
    case EKYC_CHALLENGE_BLINK: return _("Blink your eyes");
    case EKYC_CHALLENGE_SMILE: return _("Smile");
    case EKYC_CHALLENGE_OPEN_MOUTH: return _("Open your mouth");
    case EKYC_N_CHALLENGES:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
ekyc_challenge_get_name (EkycChallenge challenge)
{
  static const char *const names[] = { "turn-left", "turn-right", "blink", "smile",
                                       "open-mouth" };

  g_return_val_if_fail ((guint) challenge < G_N_ELEMENTS (names), "");
  return names[challenge];
}

static float
distance (const float a[3], const float b[3])
{
  return hypotf (a[0] - b[0], a[1] - b[1]);
}

void
ekyc_face_signals_from_landmarks (const EkycFaceLandmarks *landmarks, EkycFaceSignals *out)
{
  float eyes;

  g_return_if_fail (landmarks != NULL);
  g_return_if_fail (out != NULL);

  eyes = distance (landmarks->mesh[MESH_EYE_RIGHT_OUTER], landmarks->mesh[MESH_EYE_LEFT_OUTER]);
  out->yaw = landmarks->yaw;
  out->pitch = landmarks->pitch;
  out->eye_openness = (landmarks->right_eye_openness + landmarks->left_eye_openness) / 2.0f;
  out->mouth_openness = landmarks->mouth_openness;
  out->smile = eyes > 0 ? distance (landmarks->mesh[MESH_MOUTH_RIGHT],
                                    landmarks->mesh[MESH_MOUTH_LEFT]) / eyes : 0;
}

gboolean
ekyc_challenge_is_neutral (EkycChallenge challenge, const EkycFaceSignals *now)
{
  g_return_val_if_fail (now != NULL, FALSE);

  if (fabsf (now->yaw) > NEUTRAL_MAX_YAW)
    return FALSE;
  switch (challenge)
    {
    case EKYC_CHALLENGE_BLINK: return now->eye_openness >= EYES_OPEN_MIN;
    case EKYC_CHALLENGE_OPEN_MOUTH: return now->mouth_openness <= NEUTRAL_MOUTH_MAX;
    case EKYC_CHALLENGE_SMILE: return now->mouth_openness <= NEUTRAL_MOUTH_MAX;
    case EKYC_CHALLENGE_TURN_LEFT:
    case EKYC_CHALLENGE_TURN_RIGHT:
    case EKYC_N_CHALLENGES:
    default:
      return TRUE;
    }
}

gboolean
ekyc_challenge_is_done (EkycChallenge challenge, const EkycFaceSignals *neutral,
                        const EkycFaceSignals *now)
{
  gboolean frontal;

  g_return_val_if_fail (neutral != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  frontal = fabsf (now->yaw) <= FRONTAL_MAX_YAW;
  switch (challenge)
    {
    case EKYC_CHALLENGE_TURN_LEFT:
      return now->yaw - neutral->yaw >= TURN_DEGREES;
    case EKYC_CHALLENGE_TURN_RIGHT:
      return neutral->yaw - now->yaw >= TURN_DEGREES;
    case EKYC_CHALLENGE_BLINK:
      return frontal && now->eye_openness <= MIN (EYES_CLOSED_MAX, 0.6f * neutral->eye_openness);
    case EKYC_CHALLENGE_SMILE:
      return frontal && now->smile >= SMILE_GAIN * neutral->smile;
    case EKYC_CHALLENGE_OPEN_MOUTH:
      return frontal && now->mouth_openness >= OPEN_MOUTH_MIN;
    case EKYC_N_CHALLENGES:
    default:
      break;
    }
  g_return_val_if_reached (FALSE);
}
