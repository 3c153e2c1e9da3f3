/* ekyc-face-quality.c — is this face good enough to compare? Each problem with its reason
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-face"
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc-engine-private.h"
#include "ekyc-image-private.h"

/* Limits (BENCHMARKS.md, "Quality"). */
#define MIN_INTEROCULAR      30.0   /* px between the eye centres */
#define MAX_CENTRE_OFFSET    0.25   /* of the image diagonal */
#define MAX_YAW              25.0   /* degrees */
#define MAX_PITCH            25.0
#define MIN_SHARPNESS        30.0   /* Laplacian variance at 112 px across the face */
#define MIN_BRIGHTNESS       55.0
#define MAX_BRIGHTNESS       215.0
#define MAX_OVEREXPOSED      0.20
#define MIN_EYE_OPENNESS     0.12
#define STATS_SIZE           112

gboolean
ekyc_engine_face_quality (EkycEngine *engine, const EkycImage *image,
                          const EkycFaceLandmarks *lm, EkycFaceQuality *out, GError **error)
{
  EkycPoint pts[5];
  EkycCvView view;
  double to_src[6], mean, lapvar, over, cx, cy, w, h, side, angle;
  g_autofree char *message = NULL;
  float penalty = 0;

  g_return_val_if_fail (engine != NULL && image != NULL, FALSE);
  g_return_val_if_fail (lm != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  ekyc_face_landmarks_get_five_points (lm, pts);
  w = ekyc_image_get_width (image);
  h = ekyc_image_get_height (image);
  out->face_size = hypot (pts[1].x - pts[0].x, pts[1].y - pts[0].y);
  cx = lm->box.x + lm->box.width / 2;
  cy = lm->box.y + lm->box.height / 2;
  out->centre_offset = hypot (cx - w / 2, cy - h / 2) / hypot (w, h);

  /* Statistics over the inner face (without hair and background), at a fixed scale. */
  side = MAX (lm->box.width, lm->box.height) * 0.7;
  angle = lm->roll * G_PI / 180;
  _ekyc_affine_from_square (cx, cy, side, angle, STATS_SIZE, FALSE, to_src);
  _ekyc_image_get_view (image, &view);
  if (!_ekyc_cv_region_stats (&view, to_src, STATS_SIZE, &mean, &lapvar, &over, &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return FALSE;
    }
  out->sharpness = lapvar;
  out->brightness = mean;
  out->overexposed = over;

  if (out->face_size < MIN_INTEROCULAR)
    out->problems |= EKYC_QUALITY_TOO_SMALL, penalty += 0.3f;
  if (out->centre_offset > MAX_CENTRE_OFFSET)
    out->problems |= EKYC_QUALITY_OFF_CENTRE, penalty += 0.1f;
  if (fabsf (lm->yaw) > MAX_YAW || fabsf (lm->pitch) > MAX_PITCH)
    out->problems |= EKYC_QUALITY_TURNED, penalty += 0.3f;
  if (out->sharpness < MIN_SHARPNESS)
    out->problems |= EKYC_QUALITY_BLURRED, penalty += 0.3f;
  if (out->brightness < MIN_BRIGHTNESS)
    out->problems |= EKYC_QUALITY_TOO_DARK, penalty += 0.2f;
  if (out->brightness > MAX_BRIGHTNESS || out->overexposed > MAX_OVEREXPOSED)
    out->problems |= EKYC_QUALITY_TOO_BRIGHT, penalty += 0.2f;
  if (lm->right_eye_openness < MIN_EYE_OPENNESS && lm->left_eye_openness < MIN_EYE_OPENNESS)
    out->problems |= EKYC_QUALITY_EYES_CLOSED, penalty += 0.2f;
  out->score = MAX (0.0f, 1.0f - penalty);
  return TRUE;
}

const char *
ekyc_quality_flag_name (EkycQualityFlags flag)
{
  switch (flag)
    {
    case EKYC_QUALITY_OK: return "ok";
    case EKYC_QUALITY_TOO_SMALL: return "too-small";
    case EKYC_QUALITY_OFF_CENTRE: return "off-centre";
    case EKYC_QUALITY_TURNED: return "turned";
    case EKYC_QUALITY_BLURRED: return "blurred";
    case EKYC_QUALITY_TOO_DARK: return "too-dark";
    case EKYC_QUALITY_TOO_BRIGHT: return "too-bright";
    case EKYC_QUALITY_EYES_CLOSED: return "eyes-closed";
    default: return "unknown";
    }
}

const char *
ekyc_quality_flag_advice (EkycQualityFlags flag)
{
  switch (flag)
    {
    case EKYC_QUALITY_OK: return _("The face is good to compare.");
    case EKYC_QUALITY_TOO_SMALL: return _("The face is too small: move closer to the camera.");
    case EKYC_QUALITY_OFF_CENTRE: return _("The face is off-centre: look straight into the frame.");
    case EKYC_QUALITY_TURNED: return _("The head is turned: look straight at the camera.");
    case EKYC_QUALITY_BLURRED: return _("The picture is blurred: hold still.");
    case EKYC_QUALITY_TOO_DARK: return _("The face is too dark: add light in front of the face.");
    case EKYC_QUALITY_TOO_BRIGHT: return _("The face is too bright: avoid direct light or glare.");
    case EKYC_QUALITY_EYES_CLOSED: return _("The eyes are closed: keep them open.");
    default: return "";
    }
}
