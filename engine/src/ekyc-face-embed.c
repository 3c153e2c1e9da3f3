/* ekyc-face-embed.c — align to the ArcFace template, embed, compare, and the calibrated thresholds
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-face"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ekyc-engine-private.h"
#include "ekyc-image-private.h"

/* Least-squares similarity (rotation, uniform scale, translation) from the crop's template points
 * to the face's five points: the map from crop pixel to image pixel. */
static void
alignment_to_source (const EkycEmbedderSpec *spec, const EkycFaceLandmarks *landmarks,
                     double to_src[6])
{
  EkycPoint pts[5];
  double dst[5][2], md[2] = { 0, 0 }, ms[2] = { 0, 0 };
  double sxx = 0, a = 0, b = 0;

  ekyc_face_landmarks_get_five_points (landmarks, pts);
  for (int i = 0; i < 5; i++)
    {
      dst[i][0] = spec->template[i][0] * spec->model.input.width;
      dst[i][1] = spec->template[i][1] * spec->model.input.height;
      md[0] += dst[i][0] / 5, md[1] += dst[i][1] / 5;
      ms[0] += pts[i].x / 5.0, ms[1] += pts[i].y / 5.0;
    }
  for (int i = 0; i < 5; i++)
    {
      double tx = dst[i][0] - md[0], ty = dst[i][1] - md[1];
      double px = pts[i].x - ms[0], py = pts[i].y - ms[1];
      sxx += tx * tx + ty * ty;
      a += tx * px + ty * py;
      b += tx * py - ty * px;
    }
  a /= sxx;
  b /= sxx;
  to_src[0] = a, to_src[1] = -b;
  to_src[3] = b, to_src[4] = a;
  to_src[2] = ms[0] - (a * md[0] - b * md[1]);
  to_src[5] = ms[1] - (b * md[0] + a * md[1]);
}

gboolean
ekyc_engine_embed_face (EkycEngine *engine, const EkycImage *image,
                        const EkycFaceLandmarks *landmarks, EkycEmbedding *out, GError **error)
{
  const EkycEmbedderSpec *spec;
  double to_src[6], norm = 0;
  g_autofree float *blob = NULL;
  float *outputs[1];

  g_return_val_if_fail (engine != NULL && image != NULL, FALSE);
  g_return_val_if_fail (landmarks != NULL && out != NULL, FALSE);

  spec = engine->embedder_spec;
  memset (out, 0, sizeof *out);
  g_strlcpy (out->model, spec->name, sizeof out->model);
  out->dim = spec->dim;
  alignment_to_source (spec, landmarks, to_src);
  blob = _ekyc_model_make_blob (&engine->embedder, image, to_src, error);
  outputs[0] = out->values;
  if (blob == NULL || !_ekyc_model_run (&engine->embedder, blob, outputs, error))
    return FALSE;
  for (int i = 0; i < out->dim; i++)
    norm += (double) out->values[i] * out->values[i];
  norm = sqrt (norm);
  if (norm > 0)
    for (int i = 0; i < out->dim; i++)
      out->values[i] /= norm;
  return TRUE;
}

EkycImage *
ekyc_engine_align_face (EkycEngine *engine, const EkycImage *image,
                        const EkycFaceLandmarks *landmarks, GError **error)
{
  const EkycEmbedderSpec *spec;
  double to_src[6];
  int w, h;
  guint8 *bgr;
  g_autofree char *message = NULL;
  EkycCvView view;

  g_return_val_if_fail (engine != NULL && image != NULL && landmarks != NULL, NULL);

  spec = engine->embedder_spec;
  w = spec->model.input.width;
  h = spec->model.input.height;
  alignment_to_source (spec, landmarks, to_src);
  bgr = g_malloc ((gsize) w * h * 3);
  _ekyc_image_get_view (image, &view);
  if (!_ekyc_cv_warp_to_bgr (&view, to_src, w, h, TRUE, bgr, &message))
    {
      g_free (bgr);
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return NULL;
    }
  return ekyc_image_new_from_memory (bgr, w, h, (gsize) w * 3, EKYC_PIXEL_FORMAT_BGR, g_free, bgr,
                                     error);
}

float
ekyc_embedding_similarity (const EkycEmbedding *a, const EkycEmbedding *b)
{
  double dot = 0;

  g_return_val_if_fail (a != NULL && b != NULL, -2.0f);
  if (a->dim != b->dim || strcmp (a->model, b->model) != 0)
    return -2.0f;
  for (int i = 0; i < a->dim; i++)
    dot += (double) a->values[i] * b->values[i];
  return (float) dot;
}

float
ekyc_engine_match_threshold (const EkycEngine *engine, double fmr)
{
  const float *t;
  double lg;

  g_return_val_if_fail (engine != NULL, 1.0f);
  g_return_val_if_fail (fmr > 0 && fmr < 1, 1.0f);

  t = engine->embedder_spec->thresholds;
  /* thresholds[i] is at FMR 10^-(i+2); interpolate linearly in log10(FMR) */
  lg = CLAMP (-log10 (fmr), 2.0, 5.0) - 2.0;
  {
    int i = MIN ((int) lg, 2);
    double f = lg - i;
    return t[i] + (t[i + 1] - t[i]) * f;
  }
}
