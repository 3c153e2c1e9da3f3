/* ekyc-liveness.c — passive liveness from one frame: the face with its surroundings, one model
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-liveness"
#include "config.h"

#include <math.h>

#include "ekyc-engine-private.h"

/* The model was trained on crops of 2.7 × the box of its own detector (faceplugin fr_detect),
 * which is taller than BlazeFace's square box and sits higher (forehead to chin). Measured on
 * NUAA live frames (BENCHMARKS.md, "Liveness crop"): width 0.90, height 1.19 of BlazeFace's
 * side, centre 0.15 of the side higher. The geometry is mapped first, then scaled as the
 * model's own code does. */
#define LIVENESS_CROP_SCALE 2.7
#define MODEL_BOX_WIDTH     0.90
#define MODEL_BOX_HEIGHT    1.19
#define MODEL_BOX_RAISE     0.15

/* The crop, as the model's own code makes it: a box scaled around the face centre, shrunk if the
 * image is too small for it, then slid inside the image. */
static void
liveness_crop (const EkycFaceDetection *d, int img_w, int img_h, double to_src[6], int size)
{
  double side = MAX (d->box.width, d->box.height);
  double bw = side * MODEL_BOX_WIDTH, bh = side * MODEL_BOX_HEIGHT;
  double scale = MIN (MIN ((img_h - 1) / bh, (img_w - 1) / bw), LIVENESS_CROP_SCALE);
  double nw = bw * scale, nh = bh * scale;
  double cx = d->box.x + d->box.width / 2;
  double cy = d->box.y + d->box.height / 2 - side * MODEL_BOX_RAISE;
  double x0 = cx - nw / 2, y0 = cy - nh / 2, x1 = cx + nw / 2, y1 = cy + nh / 2;

  if (x0 < 0)
    x1 -= x0, x0 = 0;
  if (y0 < 0)
    y1 -= y0, y0 = 0;
  if (x1 > img_w - 1)
    x0 -= x1 - img_w + 1, x1 = img_w - 1;
  if (y1 > img_h - 1)
    y0 -= y1 - img_h + 1, y1 = img_h - 1;
  x0 = MAX (x0, 0), y0 = MAX (y0, 0);
  to_src[0] = (x1 - x0) / size, to_src[1] = 0, to_src[2] = x0;
  to_src[3] = 0, to_src[4] = (y1 - y0) / size, to_src[5] = y0;
}

gboolean
ekyc_engine_passive_liveness (EkycEngine *engine, const EkycImage *image,
                              const EkycFaceDetection *detection, EkycLivenessResult *out,
                              GError **error)
{
  double to_src[6];
  g_autofree float *blob = NULL;
  float logits[3], max, sum = 0, p[3];
  float *outputs[] = { logits };

  g_return_val_if_fail (engine != NULL && image != NULL, FALSE);
  g_return_val_if_fail (detection != NULL && out != NULL, FALSE);

  liveness_crop (detection, ekyc_image_get_width (image), ekyc_image_get_height (image), to_src,
                 engine->liveness.spec->input.width);
  blob = _ekyc_model_make_blob (&engine->liveness, image, to_src, error);
  if (blob == NULL || !_ekyc_model_run (&engine->liveness, blob, outputs, error))
    return FALSE;
  max = MAX (logits[0], MAX (logits[1], logits[2]));
  for (int i = 0; i < 3; i++)
    sum += p[i] = expf (logits[i] - max);
  out->score = p[0] / sum;
  out->threshold = engine->liveness_threshold;
  out->live = out->score >= out->threshold;
  return TRUE;
}

float
ekyc_engine_liveness_threshold (const EkycEngine *engine)
{
  g_return_val_if_fail (engine != NULL, 0.5f);
  return engine->liveness_threshold;
}
