/* ekyc-face-landmarks.c — FaceMesh and Iris on a rotated face crop; pose and openness from them
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-face"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ekyc-engine-private.h"

/* FaceMesh indices (MediaPipe topology). "Right" and "left" are the subject's. */
enum {
  MESH_FOREHEAD = 10,
  MESH_LIP_UPPER_INNER = 13,
  MESH_LIP_LOWER_INNER = 14,
  MESH_NOSE_TIP = 1,
  MESH_RIGHT_EYE_OUTER = 33,
  MESH_RIGHT_EYE_INNER = 133,
  MESH_RIGHT_EYE_UPPER = 159,
  MESH_RIGHT_EYE_LOWER = 145,
  MESH_LEFT_EYE_INNER = 362,
  MESH_LEFT_EYE_OUTER = 263,
  MESH_LEFT_EYE_UPPER = 386,
  MESH_LEFT_EYE_LOWER = 374,
  MESH_MOUTH_RIGHT = 61,
  MESH_MOUTH_LEFT = 291,
  MESH_CHIN = 152,
  MESH_RIGHT_CHEEK = 234,
  MESH_LEFT_CHEEK = 454,
};

#define MESH_CROP_SCALE 1.5  /* the face box, squared and enlarged, as MediaPipe crops it */
#define IRIS_CROP_SCALE 2.3  /* eye width → iris crop side */
#define IRIS_CONTOUR_POINTS 71

static double
dist2d (const float *a, const float *b)
{
  return hypot (a[0] - b[0], a[1] - b[1]);
}

typedef struct {
  EkycModel       *model;
  const EkycImage *image;
  const float     *corner_a, *corner_b;
  double           angle;
  gboolean         mirror;
  EkycPoint       *out;
} IrisJob;

static gboolean
run_iris (gpointer data, GError **error)
{
  const IrisJob *job = data;
  const float *corner_a = job->corner_a, *corner_b = job->corner_b;
  double cx = (corner_a[0] + corner_b[0]) / 2, cy = (corner_a[1] + corner_b[1]) / 2;
  double side = dist2d (corner_a, corner_b) * IRIS_CROP_SCALE;
  double to_src[6];
  g_autofree float *blob = NULL;
  float raw[76 * 3];
  float *outputs[] = { raw };

  if (side < 4)
    side = 4;
  _ekyc_affine_from_square (cx, cy, side, job->angle, job->model->spec->input.width, job->mirror,
                            to_src);
  blob = _ekyc_model_make_blob (job->model, job->image, to_src, error);
  if (blob == NULL || !_ekyc_model_run (job->model, blob, outputs, error))
    return FALSE;
  for (int i = 0; i < EKYC_IRIS_N_POINTS; i++)
    {
      const float *p = raw + (IRIS_CONTOUR_POINTS + i) * 3;
      double x, y;
      _ekyc_affine_apply (to_src, p[0], p[1], &x, &y);
      job->out[i].x = x;
      job->out[i].y = y;
    }
  return TRUE;
}

static void
normalize3 (double v[3])
{
  double n = sqrt (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  if (n > 0)
    v[0] /= n, v[1] /= n, v[2] /= n;
}

/* Pose from the mesh: X runs from the right cheek to the left cheek (image right for a frontal
 * face), U from chin to forehead; their cross product points out of the face, towards the
 * camera (z negative) when frontal. */
static void
compute_pose (EkycFaceLandmarks *lm)
{
  const float (*m)[3] = (const float (*)[3]) lm->mesh;
  double x[3], u[3], n[3];

  for (int i = 0; i < 3; i++)
    {
      x[i] = m[MESH_LEFT_CHEEK][i] - m[MESH_RIGHT_CHEEK][i];
      u[i] = m[MESH_FOREHEAD][i] - m[MESH_CHIN][i];
    }
  normalize3 (x);
  normalize3 (u);
  n[0] = x[1] * u[2] - x[2] * u[1];
  n[1] = x[2] * u[0] - x[0] * u[2];
  n[2] = x[0] * u[1] - x[1] * u[0];
  normalize3 (n);
  lm->yaw = atan2 (n[0], -n[2]) * 180 / G_PI;
  lm->pitch = atan2 (-n[1], -n[2]) * 180 / G_PI;
  lm->roll = atan2 (x[1], x[0]) * 180 / G_PI;
}

static float
openness (const float (*m)[3], int upper, int lower, int corner_a, int corner_b)
{
  double width = dist2d (m[corner_a], m[corner_b]);
  return width > 0 ? dist2d (m[upper], m[lower]) / width : 0;
}

/* Mesh and irises from a rotated square region of interest. */
static gboolean
landmarks_from_roi (EkycEngine *engine, const EkycImage *image, double cx, double cy,
                    double side, double angle, EkycFaceLandmarks *out, GError **error)
{
  double to_src[6], scale;
  int size;
  g_autofree float *blob = NULL;
  g_autofree float *mesh = g_new (float, EKYC_MESH_N_POINTS * 3);
  float flag;
  float *outputs[2];
  float minx = G_MAXFLOAT, miny = G_MAXFLOAT, maxx = -G_MAXFLOAT, maxy = -G_MAXFLOAT;
  const float (*m)[3];

  memset (out, 0, sizeof *out);
  size = engine->mesh.spec->input.width;
  _ekyc_affine_from_square (cx, cy, side, angle, size, FALSE, to_src);

  blob = _ekyc_model_make_blob (&engine->mesh, image, to_src, error);
  outputs[0] = mesh;
  outputs[1] = &flag;
  if (blob == NULL || !_ekyc_model_run (&engine->mesh, blob, outputs, error))
    return FALSE;

  scale = side / size;
  for (int i = 0; i < EKYC_MESH_N_POINTS; i++)
    {
      double x, y;
      _ekyc_affine_apply (to_src, mesh[3 * i], mesh[3 * i + 1], &x, &y);
      out->mesh[i][0] = x;
      out->mesh[i][1] = y;
      out->mesh[i][2] = mesh[3 * i + 2] * scale;
      minx = MIN (minx, x), maxx = MAX (maxx, x);
      miny = MIN (miny, y), maxy = MAX (maxy, y);
    }
  out->box = (EkycRect) { minx, miny, maxx - minx, maxy - miny };
  out->confidence = flag;
  m = (const float (*)[3]) out->mesh;

  /* The eyes, in the roll of the mesh itself (more precise than the detector's keypoints); the
   * left eye on the engine's helper thread while this one does the right. */
  angle = atan2 (m[MESH_LEFT_EYE_OUTER][1] - m[MESH_RIGHT_EYE_OUTER][1],
                 m[MESH_LEFT_EYE_OUTER][0] - m[MESH_RIGHT_EYE_OUTER][0]);
  {
    IrisJob right = { &engine->iris, image, m[MESH_RIGHT_EYE_OUTER], m[MESH_RIGHT_EYE_INNER],
                      angle, FALSE, out->right_iris };
    IrisJob left = { &engine->iris_left, image, m[MESH_LEFT_EYE_INNER], m[MESH_LEFT_EYE_OUTER],
                     angle, TRUE, out->left_iris };
    EkycHelperTask *task = _ekyc_engine_spawn (engine, run_iris, &left);
    g_autoptr(GError) right_error = NULL;
    gboolean right_ok = run_iris (&right, &right_error);

    if (!_ekyc_engine_join (task, error))
      return FALSE;
    if (!right_ok)
      {
        g_propagate_error (error, g_steal_pointer (&right_error));
        return FALSE;
      }
  }

  compute_pose (out);
  out->right_eye_openness = openness (m, MESH_RIGHT_EYE_UPPER, MESH_RIGHT_EYE_LOWER,
                                      MESH_RIGHT_EYE_OUTER, MESH_RIGHT_EYE_INNER);
  out->left_eye_openness = openness (m, MESH_LEFT_EYE_UPPER, MESH_LEFT_EYE_LOWER,
                                     MESH_LEFT_EYE_INNER, MESH_LEFT_EYE_OUTER);
  out->mouth_openness = openness (m, MESH_LIP_UPPER_INNER, MESH_LIP_LOWER_INNER,
                                  MESH_MOUTH_RIGHT, MESH_MOUTH_LEFT);
  return TRUE;
}

gboolean
ekyc_engine_face_landmarks (EkycEngine *engine, const EkycImage *image,
                            const EkycFaceDetection *detection, EkycFaceLandmarks *out,
                            GError **error)
{
  const EkycPoint *re, *le;

  g_return_val_if_fail (engine != NULL && image != NULL, FALSE);
  g_return_val_if_fail (detection != NULL && out != NULL, FALSE);

  re = &detection->keypoints[EKYC_KEYPOINT_RIGHT_EYE];
  le = &detection->keypoints[EKYC_KEYPOINT_LEFT_EYE];
  return landmarks_from_roi (engine, image, detection->box.x + detection->box.width / 2,
                             detection->box.y + detection->box.height / 2,
                             MAX (detection->box.width, detection->box.height) * MESH_CROP_SCALE,
                             atan2 (le->y - re->y, le->x - re->x), out, error);
}

gboolean
ekyc_engine_track_face (EkycEngine *engine, const EkycImage *image,
                        const EkycFaceLandmarks *previous, EkycFaceLandmarks *out,
                        GError **error)
{
  const float (*m)[3];
  EkycRect box;

  g_return_val_if_fail (engine != NULL && image != NULL, FALSE);
  g_return_val_if_fail (previous != NULL && out != NULL && previous != out, FALSE);

  /* As MediaPipe tracks: the previous mesh's box, squared and enlarged, turned by the line
   * through the outer eye corners. */
  m = (const float (*)[3]) previous->mesh;
  box = previous->box;
  return landmarks_from_roi (engine, image, box.x + box.width / 2, box.y + box.height / 2,
                             MAX (box.width, box.height) * MESH_CROP_SCALE,
                             atan2 (m[MESH_LEFT_EYE_OUTER][1] - m[MESH_RIGHT_EYE_OUTER][1],
                                    m[MESH_LEFT_EYE_OUTER][0] - m[MESH_RIGHT_EYE_OUTER][0]),
                             out, error);
}

void
ekyc_face_landmarks_get_five_points (const EkycFaceLandmarks *lm, EkycPoint out[5])
{
  const float (*m)[3];

  g_return_if_fail (lm != NULL && out != NULL);
  m = (const float (*)[3]) lm->mesh;
  /* Eye centres: the middle of the eye corners. The iris centre moves with the gaze and is lost
   * when the eye closes; on LFW the corners align better (BENCHMARKS.md, "Alignment"). */
  out[0] = (EkycPoint) { (m[MESH_RIGHT_EYE_OUTER][0] + m[MESH_RIGHT_EYE_INNER][0]) / 2,
                         (m[MESH_RIGHT_EYE_OUTER][1] + m[MESH_RIGHT_EYE_INNER][1]) / 2 };
  out[1] = (EkycPoint) { (m[MESH_LEFT_EYE_OUTER][0] + m[MESH_LEFT_EYE_INNER][0]) / 2,
                         (m[MESH_LEFT_EYE_OUTER][1] + m[MESH_LEFT_EYE_INNER][1]) / 2 };
  out[2] = (EkycPoint) { m[MESH_NOSE_TIP][0], m[MESH_NOSE_TIP][1] };
  out[3] = (EkycPoint) { m[MESH_MOUTH_RIGHT][0], m[MESH_MOUTH_RIGHT][1] };
  out[4] = (EkycPoint) { m[MESH_MOUTH_LEFT][0], m[MESH_MOUTH_LEFT][1] };
}
