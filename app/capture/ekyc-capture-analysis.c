/* ekyc-capture-analysis.c — the worker's per-frame analysis: card or face, then one hint
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ekyc-capture-private.h"

/* Motion between analysed frames (fraction of the subject's size) above which we say
 * "hold still". */
#define HOLD_STILL_MOTION 0.04f
#define TRACK_MIN_CONFIDENCE 0.5f
/* How sure the card detector must be of the side before the teller is told to turn the card
 * over (its confidence runs from 0.5, undecided, to 1). */
#define WRONG_SIDE_MIN_CONFIDENCE 0.75f

struct _EkycAnalyzer
{
  EkycEngine        *engine;
  EkycCaptureMode    mode;
  guint              reset;
  gboolean           tracking;
  EkycFaceLandmarks  previous;
  gboolean           have_card;
  EkycPoint          card_corners[4];
  guint              face_frames;
  guint64            frame_number;
};

EkycAnalyzer *
_ekyc_analyzer_new (EkycEngine *engine)
{
  EkycAnalyzer *self = g_new0 (EkycAnalyzer, 1);

  self->engine = engine;
  self->reset = G_MAXUINT;
  return self;
}

void
_ekyc_analyzer_free (EkycAnalyzer *self)
{
  g_free (self);
}

static float
card_motion (EkycAnalyzer *self, const EkycCardDetection *card)
{
  float moved = 0, size;

  size = hypotf (card->corners[1].x - card->corners[0].x, card->corners[1].y - card->corners[0].y);
  if (self->have_card && size > 0)
    for (int i = 0; i < 4; i++)
      moved = MAX (moved, hypotf (card->corners[i].x - self->card_corners[i].x,
                                  card->corners[i].y - self->card_corners[i].y) / size);
  memcpy (self->card_corners, card->corners, sizeof self->card_corners);
  self->have_card = TRUE;
  return moved;
}

/* Whether @card is surely the side the step does not want. The detector judges the side on a
 * card held upside down too (a back's MRZ at the top, a front's emblem at the bottom right), so
 * an upside-down back is the back. */
static gboolean
wrong_side (const EkycCardDetection *card, EkycCardSide wanted)
{
  return wanted != EKYC_CARD_SIDE_UNKNOWN && card->side != EKYC_CARD_SIDE_UNKNOWN
         && card->side != wanted && card->side_confidence >= WRONG_SIDE_MIN_CONFIDENCE;
}

static void
analyze_card (EkycAnalyzer *self, EkycImage *image, EkycCardSide wanted, EkycFrameAnalysis *out)
{
  g_autoptr(GError) error = NULL;
  EkycCardQualityFlags p;

  if (!ekyc_card_detect (image, &out->card, &error))
    {
      GST_WARNING ("card detection failed: %s", error->message);
      out->hint = EKYC_CAPTURE_HINT_NO_CARD;
      return;
    }
  out->has_card = out->card.found;
  if (!out->card.found)
    {
      self->have_card = FALSE;
      out->hint = EKYC_CAPTURE_HINT_NO_CARD;
      return;
    }
  out->motion = card_motion (self, &out->card);
  p = out->card.problems;
  if (p & EKYC_CARD_QUALITY_CUT_OFF)
    out->hint = EKYC_CAPTURE_HINT_CARD_CUT_OFF;
  else if (p & EKYC_CARD_QUALITY_TOO_SMALL)
    out->hint = EKYC_CAPTURE_HINT_MOVE_CLOSER;
  else if (p & EKYC_CARD_QUALITY_TOO_DARK)
    out->hint = EKYC_CAPTURE_HINT_TOO_DARK;
  else if (p & EKYC_CARD_QUALITY_GLARE)
    out->hint = EKYC_CAPTURE_HINT_GLARE;
  else if (p & EKYC_CARD_QUALITY_BLURRED)
    out->hint = EKYC_CAPTURE_HINT_BLURRED;
  /* The side is judged only on a card otherwise well captured: small or blurred, it is not
   * sure enough to send the customer turning the card. */
  else if (wrong_side (&out->card, wanted))
    out->hint = wanted == EKYC_CARD_SIDE_FRONT ? EKYC_CAPTURE_HINT_SHOW_FRONT
                                               : EKYC_CAPTURE_HINT_SHOW_BACK;
  else if (out->motion > HOLD_STILL_MOTION)
    out->hint = EKYC_CAPTURE_HINT_HOLD_STILL;
  else
    out->hint = EKYC_CAPTURE_HINT_GOOD;
  /* Sharper and larger is better; any problem halves the score. */
  out->quality = out->card.confidence * MIN (1.0f, out->card.sharpness / 400.0f + 0.5f)
                 * MIN (1.0f, out->card.width_fraction / 0.7f)
                 * (out->hint == EKYC_CAPTURE_HINT_GOOD ? 1.0f : 0.5f);
}

static gboolean
find_face (EkycAnalyzer *self, EkycImage *image, EkycFrameAnalysis *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree EkycFaceDetection *faces = NULL;
  gsize n_faces = 0;

  if (self->tracking
      && ekyc_engine_track_face (self->engine, image, &self->previous, &out->landmarks, &error)
      && out->landmarks.confidence >= TRACK_MIN_CONFIDENCE)
    {
      out->n_faces = 1;
      return TRUE;
    }
  g_clear_error (&error);
  self->tracking = FALSE;
  if (!ekyc_engine_detect_faces (self->engine, image, &faces, &n_faces, &error))
    {
      GST_WARNING ("face detection failed: %s", error->message);
      return FALSE;
    }
  out->n_faces = n_faces;
  if (n_faces == 0)
    return FALSE;
  if (!ekyc_engine_face_landmarks (self->engine, image, &faces[0], &out->landmarks, &error))
    {
      GST_WARNING ("face landmarks failed: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
analyze_face (EkycAnalyzer *self, EkycImage *image, guint liveness_interval,
              EkycFrameAnalysis *out)
{
  g_autoptr(GError) error = NULL;
  EkycQualityFlags p;
  float size;

  if (self->engine == NULL || !find_face (self, image, out))
    {
      out->hint = EKYC_CAPTURE_HINT_NO_FACE;
      self->tracking = FALSE;
      return;
    }
  out->has_face = TRUE;
  size = MAX (out->landmarks.box.width, 1.0f);
  if (self->tracking)
    out->motion = hypotf (out->landmarks.mesh[1][0] - self->previous.mesh[1][0],
                          out->landmarks.mesh[1][1] - self->previous.mesh[1][1]) / size;
  self->previous = out->landmarks;
  self->tracking = TRUE;

  if (!ekyc_engine_face_quality (self->engine, image, &out->landmarks, &out->face_quality,
                                 &error))
    {
      GST_WARNING ("face quality failed: %s", error->message);
      g_clear_error (&error);
    }
  if (liveness_interval > 0 && self->face_frames++ % liveness_interval == 0)
    {
      g_autofree EkycFaceDetection *faces = NULL;
      EkycFaceDetection detection = { 0 };
      gsize n_faces = 0;

      /* The liveness model was calibrated on the detector's box (it crops 2.7 × around it), and
       * the detector also counts the faces while the mesh tracks one. */
      detection.box = out->landmarks.box;
      detection.score = out->landmarks.confidence;
      if (ekyc_engine_detect_faces (self->engine, image, &faces, &n_faces, NULL) && n_faces > 0)
        {
          guint large = 0;

          detection = faces[0];
          for (gsize i = 0; i < n_faces; i++)
            large += faces[i].box.width >= 0.5f * faces[0].box.width;
          out->n_faces = MAX (out->n_faces, large);
        }
      out->has_liveness = ekyc_engine_passive_liveness (self->engine, image, &detection,
                                                        &out->liveness, &error);
      if (!out->has_liveness)
        GST_WARNING ("passive liveness failed: %s", error->message);
    }

  p = out->face_quality.problems;
  if (out->n_faces > 1)
    out->hint = EKYC_CAPTURE_HINT_MULTIPLE_FACES;
  else if (p & EKYC_QUALITY_TOO_SMALL)
    out->hint = EKYC_CAPTURE_HINT_MOVE_CLOSER;
  else if (p & EKYC_QUALITY_OFF_CENTRE)
    out->hint = EKYC_CAPTURE_HINT_CENTRE_FACE;
  else if (p & EKYC_QUALITY_TURNED)
    out->hint = EKYC_CAPTURE_HINT_LOOK_STRAIGHT;
  else if (p & EKYC_QUALITY_TOO_DARK)
    out->hint = EKYC_CAPTURE_HINT_TOO_DARK;
  else if (p & EKYC_QUALITY_TOO_BRIGHT)
    out->hint = EKYC_CAPTURE_HINT_TOO_BRIGHT;
  else if (p & EKYC_QUALITY_BLURRED)
    out->hint = EKYC_CAPTURE_HINT_BLURRED;
  else if (out->motion > HOLD_STILL_MOTION)
    out->hint = EKYC_CAPTURE_HINT_HOLD_STILL;
  else if (p & EKYC_QUALITY_EYES_CLOSED)
    out->hint = EKYC_CAPTURE_HINT_OPEN_EYES;
  else
    out->hint = EKYC_CAPTURE_HINT_GOOD;
  out->quality = out->face_quality.score * (out->hint == EKYC_CAPTURE_HINT_GOOD ? 1.0f : 0.5f);
}

EkycFrameAnalysis *
_ekyc_analyzer_run (EkycAnalyzer *self, EkycImage *image, EkycCaptureMode mode,
                    EkycCardSide card_side, guint reset, guint liveness_interval)
{
  EkycFrameAnalysis *out = ekyc_frame_analysis_new ();
  gint64 start = g_get_monotonic_time ();

  if (mode != self->mode || reset != self->reset)
    {
      self->mode = mode;
      self->reset = reset;
      self->tracking = FALSE;
      self->have_card = FALSE;
      self->face_frames = 0;
    }
  out->mode = mode;
  out->width = ekyc_image_get_width (image);
  out->height = ekyc_image_get_height (image);
  switch (mode)
    {
    case EKYC_CAPTURE_MODE_CARD:
      analyze_card (self, image, card_side, out);
      break;
    case EKYC_CAPTURE_MODE_FACE:
      analyze_face (self, image, liveness_interval, out);
      break;
    case EKYC_CAPTURE_MODE_NONE:
    default:
      break;
    }
  out->good = out->hint == EKYC_CAPTURE_HINT_GOOD;
  out->ms_analysis = (g_get_monotonic_time () - start) / 1000.0;
  GST_LOG ("analysed %dx%d as mode %d in %.1f ms: %s", out->width, out->height, mode,
           out->ms_analysis, ekyc_capture_hint_get_name (out->hint));
  return out;
}
