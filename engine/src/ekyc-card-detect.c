/* ekyc-card-detect.c — finding the ID-1 card in a frame, judging the capture, rectifying it
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-card-detect.h"
#include "ekyc/ekyc-error.h"
#include "ekyc-card-frame-private.h"
#include "ekyc-i18n-private.h"
#include "ekyc-image-private.h"

/* Limits (BENCHMARKS.md, "Card detection"). */
#define MIN_CONFIDENCE   0.45   /* below: not a card */
#define MIN_SHARPNESS    60.0   /* Laplacian variance on the card at 500 px wide */
#define MIN_BRIGHTNESS   70.0
#define MAX_GLARE        0.01   /* fraction of the card in glare blobs (ekyc-cv-card.cpp) */
#define CUT_MARGIN       1.0    /* px: a corner this far outside the frame is cut off */
#define MRZ_PITCH_BACK   0.55   /* MRZ pitch score from here: a back (else ≤ 0.21, backs ≥ 0.89) */
#define EMBLEM_TURNED    20.0   /* a front is upside down when the bottom right is this much
                                   redder than the top left (48–88 the other way round) */

static double
side (const EkycPoint *a, const EkycPoint *b)
{
  return hypot (a->x - b->x, a->y - b->y);
}

/* Front or back, and which way up. A back shows the MRZ's fixed-pitch lines at its bottom, or at
 * its top when upside down; a front shows its red emblem at the top left, or at the bottom right
 * when upside down. */
static void
judge_side (const EkycCvCardStats *stats, EkycCardDetection *out)
{
  gboolean turned = stats->mrz_pitch_turned > stats->mrz_pitch;
  double mrz_pitch = MAX (stats->mrz_pitch, stats->mrz_pitch_turned);

  out->side = mrz_pitch >= MRZ_PITCH_BACK ? EKYC_CARD_SIDE_BACK : EKYC_CARD_SIDE_FRONT;
  out->side_confidence = (float) CLAMP (0.5 + fabs (mrz_pitch - MRZ_PITCH_BACK), 0.5, 1.0);
  if (out->side == EKYC_CARD_SIDE_BACK)
    out->upside_down = turned;
  else
    out->upside_down = stats->emblem_red_turned - stats->emblem_red >= EMBLEM_TURNED;
}

/* ekyc_card_detect() (ekyc-card-frame.c) on the picture as it is */
gboolean
_ekyc_card_detect_as_seen (const EkycImage *image, EkycCardDetection *out, GError **error)
{
  EkycCvView view;
  EkycCvCardQuad quad;
  g_autofree char *message = NULL;
  EkycCvCardStats stats;
  double w, h, width;
  float confidence;

  g_return_val_if_fail (image != NULL && out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _ekyc_i18n_init ();
  memset (out, 0, sizeof *out);
  _ekyc_image_get_view (image, &view);
  if (!_ekyc_cv_card_find (&view, &quad, &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return FALSE;
    }
  if (!quad.found)
    return TRUE;
  confidence = (float) CLAMP (0.5 * quad.coarse_score + 0.5 * quad.edge_support, 0.0, 1.0);
  if (confidence < MIN_CONFIDENCE)
    return TRUE;

  w = ekyc_image_get_width (image);
  h = ekyc_image_get_height (image);
  out->found = TRUE;
  out->confidence = confidence;
  for (int i = 0; i < 4; i++)
    {
      out->corners[i].x = (float) quad.corners[2 * i];
      out->corners[i].y = (float) quad.corners[2 * i + 1];
      if (out->corners[i].x < -CUT_MARGIN || out->corners[i].y < -CUT_MARGIN ||
          out->corners[i].x > w + CUT_MARGIN || out->corners[i].y > h + CUT_MARGIN)
        out->problems |= EKYC_CARD_QUALITY_CUT_OFF;
    }
  if (quad.border_sides != 0)
    out->problems |= EKYC_CARD_QUALITY_CUT_OFF;

  width = (side (&out->corners[0], &out->corners[1]) + side (&out->corners[3], &out->corners[2]))
          / 2;
  out->width_fraction = (float) (width / w);   /* size flags: ekyc-card-frame.c */

  if (!_ekyc_cv_card_stats (&view, quad.corners, &stats, &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return FALSE;
    }
  out->sharpness = (float) stats.sharpness;
  out->brightness = (float) stats.brightness;
  out->glare = (float) stats.glare;
  if (stats.sharpness < MIN_SHARPNESS)
    out->problems |= EKYC_CARD_QUALITY_BLURRED;
  if (stats.brightness < MIN_BRIGHTNESS)
    out->problems |= EKYC_CARD_QUALITY_TOO_DARK;
  if (stats.glare > MAX_GLARE)
    out->problems |= EKYC_CARD_QUALITY_GLARE;
  judge_side (&stats, out);
  g_debug ("side %s%s: MRZ pitch %.2f, turned %.2f; emblem red %.1f, turned %.1f",
           ekyc_card_side_name (out->side), out->upside_down ? " upside down" : "",
           stats.mrz_pitch, stats.mrz_pitch_turned, stats.emblem_red, stats.emblem_red_turned);
  return TRUE;
}

EkycImage *
ekyc_card_rectify (const EkycImage *image, const EkycCardDetection *det, int width,
                   GError **error)
{
  double corners[8];
  int height;

  g_return_val_if_fail (image != NULL && det != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _ekyc_i18n_init ();
  if (width == 0)
    width = EKYC_CARD_RECTIFIED_WIDTH;
  if (!det->found || width < 64 || width > 4000)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT,
                   "cannot rectify: %s", det->found ? "width out of 64..4000" : "no card found");
      return NULL;
    }
  height = (int) lround (width / EKYC_CARD_ASPECT);
  for (int i = 0; i < 4; i++)
    {
      corners[2 * i] = det->corners[i].x;
      corners[2 * i + 1] = det->corners[i].y;
    }
  return _ekyc_card_warp (image, corners, width, height, error);
}

EkycImage *
_ekyc_card_warp (const EkycImage *image, const double corners[8], int width, int height,
                 GError **error)
{
  EkycCvView view;
  g_autofree char *message = NULL;
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 3);
  EkycImage *result;

  _ekyc_image_get_view (image, &view);
  if (!_ekyc_cv_card_warp (&view, corners, width, height, pixels, &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return NULL;
    }
  /* the geometry is valid, so the image takes the buffer */
  result = ekyc_image_new_from_memory (pixels, width, height, (gsize) width * 3,
                                       EKYC_PIXEL_FORMAT_BGR, g_free, pixels, error);
  if (result != NULL)
    pixels = NULL;
  return result;
}

const char *
ekyc_card_quality_flag_name (EkycCardQualityFlags flag)
{
  switch (flag)
    {
    case EKYC_CARD_QUALITY_OK: return "ok";
    case EKYC_CARD_QUALITY_CUT_OFF: return "cut-off";
    case EKYC_CARD_QUALITY_TOO_SMALL: return "too-small";
    case EKYC_CARD_QUALITY_BLURRED: return "blurred";
    case EKYC_CARD_QUALITY_GLARE: return "glare";
    case EKYC_CARD_QUALITY_TOO_DARK: return "too-dark";
    default: return "unknown";
    }
}

const char *
ekyc_card_quality_flag_advice (EkycCardQualityFlags flag)
{
  switch (flag)
    {
    case EKYC_CARD_QUALITY_OK: return _("The card is good to read.");
    case EKYC_CARD_QUALITY_CUT_OFF:
      return _("Part of the card is outside the picture: show the whole card.");
    case EKYC_CARD_QUALITY_TOO_SMALL: return _("The card is too small: bring it closer.");
    case EKYC_CARD_QUALITY_BLURRED: return _("The card is blurred: hold it still.");
    case EKYC_CARD_QUALITY_GLARE: return _("Light glares on the card: tilt it away from the light.");
    case EKYC_CARD_QUALITY_TOO_DARK: return _("The card is too dark: add light.");
    default: return "";
    }
}
