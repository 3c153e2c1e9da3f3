/* ekyc-face-detect.c — BlazeFace: letterbox, run, decode 896 anchors, blend overlapping boxes
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-face"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ekyc-engine-private.h"
#include "ekyc-face-detect-private.h"

#define N_ANCHORS     896
#define N_VALUES      16   /* box (4) + 6 keypoints × 2 */
#define MIN_SCORE     0.55f
#define IOU_THRESHOLD 0.3f

typedef struct {
  float score;
  float values[N_VALUES];  /* decoded, input pixels: cx, cy, w, h, kx0, ky0, … */
} Candidate;

/* Anchors of BlazeFace at input size S: strides S/16 (2 anchors per cell) and S/8 (6 per cell),
 * centred in their cells, in input pixels (as MediaPipe's SSD anchor calculator makes them). */
static void
anchor_of (int index, int input_size, float *ax, float *ay)
{
  int stride, per_cell, grid, cell;

  if (index < 512)
    stride = input_size / 16, per_cell = 2;
  else
    stride = input_size / 8, per_cell = 6, index -= 512;
  grid = (input_size + stride - 1) / stride;
  cell = index / per_cell;
  *ax = stride * ((cell % grid) + 0.5f);
  *ay = stride * ((cell / grid) + 0.5f);
}

static float
iou (const float *a, const float *b)
{
  float ax0 = a[0] - a[2] / 2, ax1 = a[0] + a[2] / 2, ay0 = a[1] - a[3] / 2, ay1 = a[1] + a[3] / 2;
  float bx0 = b[0] - b[2] / 2, bx1 = b[0] + b[2] / 2, by0 = b[1] - b[3] / 2, by1 = b[1] + b[3] / 2;
  float iw = MIN (ax1, bx1) - MAX (ax0, bx0), ih = MIN (ay1, by1) - MAX (ay0, by0);
  float inter, uni;

  if (iw <= 0 || ih <= 0)
    return 0;
  inter = iw * ih;
  uni = a[2] * a[3] + b[2] * b[3] - inter;
  return uni > 0 ? inter / uni : 0;
}

static int
by_score_desc (gconstpointer a, gconstpointer b)
{
  float sa = ((const Candidate *) a)->score, sb = ((const Candidate *) b)->score;
  return (sa < sb) - (sa > sb);
}

/* Weighted non-maximum suppression: each kept face is the score-weighted mean of the boxes that
 * overlap it, which steadies the box from frame to frame. */
static GArray *
blend_overlapping (GArray *candidates)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree gboolean *used = g_new0 (gboolean, candidates->len);

  g_array_sort (candidates, by_score_desc);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *top = &g_array_index (candidates, Candidate, i);
      Candidate blended = { .score = top->score };
      float total = 0;

      if (used[i])
        continue;
      for (guint j = i; j < candidates->len; j++)
        {
          const Candidate *c = &g_array_index (candidates, Candidate, j);
          if (used[j] || iou (top->values, c->values) < IOU_THRESHOLD)
            continue;
          used[j] = TRUE;
          total += c->score;
          for (int k = 0; k < N_VALUES; k++)
            blended.values[k] += c->score * c->values[k];
        }
      for (int k = 0; k < N_VALUES; k++)
        blended.values[k] /= total;
      g_array_append_val (kept, blended);
    }
  return kept;
}

static int
by_area_desc (gconstpointer a, gconstpointer b)
{
  const EkycFaceDetection *fa = a, *fb = b;
  float aa = fa->box.width * fa->box.height, ab = fb->box.width * fb->box.height;
  return (aa < ab) - (aa > ab);
}

static gboolean
detect_with (EkycEngine *engine, EkycModel *model, const EkycImage *image, float min_score,
             EkycFaceDetection **faces_out, gsize *n_faces_out, GError **error)
{
  const EkycModelSpec *spec = model->spec;
  int size = spec->input.width;
  int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
  double scale = (double) size / MAX (w, h);
  /* Letterbox: the image, scaled to fit, centred in the square input. */
  double pad_x = (size - w * scale) / 2, pad_y = (size - h * scale) / 2;
  double to_src[6] = { 1 / scale, 0, -pad_x / scale, 0, 1 / scale, -pad_y / scale };
  g_autofree float *blob = NULL;
  g_autofree float *reg512 = g_new (float, 512 * N_VALUES);
  g_autofree float *reg384 = g_new (float, 384 * N_VALUES);
  float logit512[512], logit384[384];
  float *outputs[] = { reg512, reg384, logit512, logit384 };
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) kept = NULL;
  EkycFaceDetection *faces;

  blob = _ekyc_model_make_blob (model, image, to_src, error);
  if (blob == NULL || !_ekyc_model_run (model, blob, outputs, error))
    return FALSE;

  for (int i = 0; i < N_ANCHORS; i++)
    {
      float logit = i < 512 ? logit512[i] : logit384[i - 512];
      const float *raw = i < 512 ? reg512 + i * N_VALUES : reg384 + (i - 512) * N_VALUES;
      Candidate c;
      float ax, ay;

      if (logit < -20)
        continue;
      c.score = 1.0f / (1.0f + expf (-logit));
      if (c.score < min_score)
        continue;
      anchor_of (i, size, &ax, &ay);
      c.values[0] = raw[0] + ax;
      c.values[1] = raw[1] + ay;
      c.values[2] = raw[2];
      c.values[3] = raw[3];
      for (int k = 0; k < 6; k++)
        {
          c.values[4 + 2 * k] = raw[4 + 2 * k] + ax;
          c.values[5 + 2 * k] = raw[5 + 2 * k] + ay;
        }
      if (c.values[2] <= 1 || c.values[3] <= 1)
        continue;
      g_array_append_val (candidates, c);
    }

  kept = blend_overlapping (candidates);
  faces = kept->len ? g_new0 (EkycFaceDetection, kept->len) : NULL;
  for (guint i = 0; i < kept->len; i++)
    {
      const Candidate *c = &g_array_index (kept, Candidate, i);
      EkycFaceDetection *f = &faces[i];
      double x0, y0;

      _ekyc_affine_apply (to_src, c->values[0] - c->values[2] / 2, c->values[1] - c->values[3] / 2,
                          &x0, &y0);
      f->box.x = x0;
      f->box.y = y0;
      f->box.width = c->values[2] / scale;
      f->box.height = c->values[3] / scale;
      f->score = c->score;
      for (int k = 0; k < EKYC_N_KEYPOINTS; k++)
        {
          double kx, ky;
          _ekyc_affine_apply (to_src, c->values[4 + 2 * k], c->values[5 + 2 * k], &kx, &ky);
          f->keypoints[k].x = kx;
          f->keypoints[k].y = ky;
        }
    }
  if (kept->len > 1)
    qsort (faces, kept->len, sizeof *faces, by_area_desc);
  *faces_out = faces;
  *n_faces_out = kept->len;
  return TRUE;
}

gboolean
_ekyc_detect_faces_raw (EkycEngine *engine, const EkycImage *image, gboolean stills,
                        EkycFaceDetection **faces_out, gsize *n_faces_out, GError **error)
{
  /* Frames: the fast short-range model first. Stills: the full-range one first, whose boxes
   * put the mesh crop where FaceMesh expects it more often (BENCHMARKS.md, "Detector"). */
  EkycModel *first = stills ? &engine->detector_far : &engine->detector;
  EkycModel *second = stills ? &engine->detector : &engine->detector_far;

  if (!detect_with (engine, first, image, MIN_SCORE, faces_out, n_faces_out, error))
    return FALSE;
  if (*n_faces_out > 0)
    return TRUE;
  return detect_with (engine, second, image, MIN_SCORE, faces_out, n_faces_out, error);
}

gboolean
ekyc_engine_detect_faces (EkycEngine *engine, const EkycImage *image,
                          EkycFaceDetection **faces_out, gsize *n_faces_out, GError **error)
{
  g_return_val_if_fail (engine != NULL, FALSE);
  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (faces_out != NULL && n_faces_out != NULL, FALSE);

  *faces_out = NULL;
  *n_faces_out = 0;
  return _ekyc_detect_faces_raw (engine, image, FALSE, faces_out, n_faces_out, error);
}
