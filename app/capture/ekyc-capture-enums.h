/* ekyc-capture-enums.h — the states, modes and hints of capture that ui/ binds to
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EkycCameraState:
 * @EKYC_CAMERA_STATE_LOADING: the source is starting (no frame yet).
 * @EKYC_CAMERA_STATE_READY: frames are flowing.
 * @EKYC_CAMERA_STATE_NO_CAMERAS: no source was set and no camera is connected.
 * @EKYC_CAMERA_STATE_ERROR: the source failed; see the capture's #EkycCapture:error.
 * @EKYC_CAMERA_STATE_STOPPED: not started, stopped, or a recorded source reached its end.
 */
typedef enum {
  EKYC_CAMERA_STATE_STOPPED,
  EKYC_CAMERA_STATE_LOADING,
  EKYC_CAMERA_STATE_READY,
  EKYC_CAMERA_STATE_NO_CAMERAS,
  EKYC_CAMERA_STATE_ERROR,
} EkycCameraState;

/**
 * EkycCaptureMode:
 * What the per-frame analysis looks for.
 */
typedef enum {
  EKYC_CAPTURE_MODE_NONE,  /* preview only */
  EKYC_CAPTURE_MODE_CARD,  /* an ID-1 card: placement, sharpness, glare */
  EKYC_CAPTURE_MODE_FACE,  /* one face: landmarks, quality, passive liveness */
} EkycCaptureMode;

/**
 * EkycCaptureHint:
 * The one thing the person in front of the camera should do next, most important first.
 * ekyc_capture_hint_get_message() gives the translated sentence.
 */
typedef enum {
  EKYC_CAPTURE_HINT_NONE,           /* nothing analysed yet */
  EKYC_CAPTURE_HINT_GOOD,           /* well placed and sharp: ready to capture */
  EKYC_CAPTURE_HINT_NO_CARD,
  EKYC_CAPTURE_HINT_CARD_CUT_OFF,
  EKYC_CAPTURE_HINT_NO_FACE,
  EKYC_CAPTURE_HINT_MULTIPLE_FACES,
  EKYC_CAPTURE_HINT_MOVE_CLOSER,
  EKYC_CAPTURE_HINT_CENTRE_FACE,
  EKYC_CAPTURE_HINT_LOOK_STRAIGHT,
  EKYC_CAPTURE_HINT_OPEN_EYES,
  EKYC_CAPTURE_HINT_TOO_DARK,
  EKYC_CAPTURE_HINT_TOO_BRIGHT,
  EKYC_CAPTURE_HINT_GLARE,
  EKYC_CAPTURE_HINT_BLURRED,
  EKYC_CAPTURE_HINT_HOLD_STILL,
  EKYC_CAPTURE_HINT_SHOW_FRONT,     /* the back is shown where the front is wanted */
  EKYC_CAPTURE_HINT_SHOW_BACK,      /* the front is shown where the back is wanted */
} EkycCaptureHint;

/* (transfer none): the translated advice for @hint ("Move closer"), "" for NONE. */
const char *ekyc_capture_hint_get_message (EkycCaptureHint hint);
/* (transfer none): a stable machine name ("move-closer"), for logs and tests. */
const char *ekyc_capture_hint_get_name (EkycCaptureHint hint);

G_END_DECLS
