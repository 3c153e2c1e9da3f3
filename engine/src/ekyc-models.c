/* ekyc-models.c — which model files the engine loads and how each is fed
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Sources and licences: README.md, "Models". Conversion: tools/tfjs2onnx.py (data/meson.build).
 */
#define G_LOG_DOMAIN "ekyc-engine"
#include "config.h"

#include "ekyc-engine-private.h"

/* ArcFace's five points in its 112 × 112 crop (insightface), as fractions. */
#define ARCFACE_TEMPLATE { { 38.2946 / 112, 51.6963 / 112 }, { 73.5318 / 112, 51.5014 / 112 },  \
                           { 56.0252 / 112, 71.7366 / 112 }, { 41.5493 / 112, 92.3655 / 112 },  \
                           { 70.7299 / 112, 92.2041 / 112 } }
/* The same with a 15 % border on every side (what human's faceres was trained on). */
#define M(v) (0.15 + (v) * 0.7)
#define ARCFACE_TEMPLATE_MARGIN_15                                                          \
  { { M (38.2946 / 112), M (51.6963 / 112) }, { M (73.5318 / 112), M (51.5014 / 112) },       \
    { M (56.0252 / 112), M (71.7366 / 112) }, { M (41.5493 / 112), M (92.3655 / 112) },       \
    { M (70.7299 / 112), M (92.2041 / 112) } }

/* BlazeFace "front" (short range, faces from about 1/8 of the frame), 128×128 RGB in [-1, 1];
 * 896 anchors, box + keypoint regressors and score logits split by anchor grid (512 + 384). */
const EkycModelSpec ekyc_detector_spec = {
  .file = "face-detector.onnx",
  .input = { .width = 128, .height = 128, .rgb = 1, .mean = 127.5f, .scale = 1.0f / 127.5f },
  .n_outputs = 4,
  .outputs = { "Identity_2", "Identity_3", "Identity", "Identity_1" },
  .output_sizes = { 512 * 16, 384 * 16, 512, 384 },
};

/* BlazeFace "back" (full range, smaller faces: document portraits, a customer far from the
 * camera), 256×256, same layout; run only when the short-range model finds nothing. */
const EkycModelSpec ekyc_detector_far_spec = {
  .file = "face-detector-far.onnx",
  .input = { .width = 256, .height = 256, .rgb = 1, .mean = 127.5f, .scale = 1.0f / 127.5f },
  .n_outputs = 4,
  .outputs = { "Identity_2", "Identity_3", "Identity", "Identity_1" },
  .output_sizes = { 512 * 16, 384 * 16, 512, 384 },
};

/* FaceMesh, 192×192 RGB in [0, 1]: 468 × (x, y, z) in input pixels, face flag. */
const EkycModelSpec ekyc_mesh_spec = {
  .file = "face-mesh.onnx",
  .input = { .width = 192, .height = 192, .rgb = 1, .mean = 0.0f, .scale = 1.0f / 255.0f,
             .border_replicate = 1 },
  .n_outputs = 2,
  .outputs = { "output_mesh", "output_faceflag" },
  .output_sizes = { 468 * 3, 1 },
};

/* Iris, 64×64 RGB in [0, 1] (a right eye; left eyes are mirrored): 71 eye contour points then 5
 * iris points, (x, y, z) in input pixels. */
const EkycModelSpec ekyc_iris_spec = {
  .file = "iris.onnx",
  .input = { .width = 64, .height = 64, .rgb = 1, .mean = 0.0f, .scale = 1.0f / 255.0f,
             .border_replicate = 1 },
  .n_outputs = 1,
  .outputs = { "Identity" },
  .output_sizes = { 76 * 3 },
};

/* Passive liveness (faceplugin fr_liveness), 128×128 BGR 0..255, 3 logits, class 0 = live. */
const EkycModelSpec ekyc_liveness_spec = {
  .file = "face-liveness.onnx",
  .input = { .width = 128, .height = 128, .rgb = 0, .mean = 0.0f, .scale = 1.0f,
             .border_replicate = 1 },
  .n_outputs = 1,
  .outputs = { "output" },
  .output_sizes = { 3 },
};

static const EkycEmbedderSpec embedder_faceplugin = {
  .name = "faceplugin",
  .model = {
    .file = "face-embedder-faceplugin.onnx",
    .input = { .width = 112, .height = 112, .rgb = 0, .mean = 127.0f, .scale = 1.0f / 128.0f },
    .n_outputs = 1, .outputs = { "output" }, .output_sizes = { 512 },
  },
  .dim = 512,
  .template = ARCFACE_TEMPLATE,
  /* The stricter of two impostor populations at each FMR (BENCHMARKS.md, "Calibration"):
   * 2,222,886 cross-identity pairs (one photo of each of 2,109 people of LFW, Faces94 and
   * dlib-johns) and Faces94's 40,256 same-studio impostor pairs, which score higher. */
  .thresholds = { 0.356f, 0.414f, 0.473f, 0.493f },
};

static const EkycEmbedderSpec embedder_mobileface = {
  .name = "mobileface",
  .model = {
    .file = "face-embedder-mobileface.onnx",
    .input = { .width = 112, .height = 112, .rgb = 1, .mean = 0.0f, .scale = 1.0f },
    .n_outputs = 1, .outputs = { "batchnorm0/add_1" }, .output_sizes = { 256 },
  },
  .dim = 256,
  .template = ARCFACE_TEMPLATE,
  /* A candidate, not for production: FMR 1e-2 and 1e-3 from LFW's 1,500 impostor pairs
   * (BENCHMARKS.md); the stricter points are not calibrated. */
  .thresholds = { 0.251f, 0.369f, 0.42f, 0.47f },
};

static const EkycEmbedderSpec embedder_faceres = {
  .name = "faceres",
  .model = {
    .file = "face-embedder-faceres.onnx",
    .input = { .width = 224, .height = 224, .rgb = 1, .mean = 0.0f, .scale = 1.0f },
    .n_outputs = 1, .outputs = { "global_pooling/Mean" }, .output_sizes = { 1024 },
  },
  .dim = 1024,
  .template = ARCFACE_TEMPLATE_MARGIN_15,
  /* A candidate, not for production: FMR 1e-2 and 1e-3 from LFW's 1,500 impostor pairs
   * (BENCHMARKS.md); the stricter points are not calibrated. */
  .thresholds = { 0.562f, 0.592f, 0.64f, 0.69f },
};

/* dlib's chip, get_face_chip_details (shape68, 150, 0.25): a point of dlib's mean face shape
 * (mean_face_shape_x/y in dlib/image_transforms/interpolation.h, points 17-67 as fractions of
 * the face) sits at (0.25 + v) / 1.5 of the chip. Eye centres as the engine takes them, the
 * middle of the corners (36 + 39, 42 + 45); nose tip 30; mouth corners 48, 54. */
#define DLIB_CHIP(v) ((0.25 + (v)) / 1.5)
#define DLIB_CHIP_TEMPLATE                                                                        \
  { { DLIB_CHIP ((0.121737 + 0.334606) / 2), DLIB_CHIP ((0.216423 + 0.231733) / 2) },             \
    { DLIB_CHIP ((0.645647 + 0.858516) / 2), DLIB_CHIP ((0.231733 + 0.216423) / 2) },             \
    { DLIB_CHIP (0.490127), DLIB_CHIP (0.515625) },                                             \
    { DLIB_CHIP (0.254149), DLIB_CHIP (0.780233) },                                             \
    { DLIB_CHIP (0.726104), DLIB_CHIP (0.780233) } }

/* face-api's FaceRecognitionNet (dlib's face recognition ResNet; tools/faceapi2onnx.py), 150x150
 * RGB minus dlib's mean colour, divided by 256 as dlib does (face-api divides by 255). */
static const EkycEmbedderSpec embedder_faceapi = {
  .name = "faceapi",
  .model = {
    .file = "face-embedder-faceapi.onnx",
    .input = { .width = 150, .height = 150, .rgb = 1, .scale = 1.0f / 256.0f,
               .channel_mean = { 122.782f, 117.001f, 104.298f } },
    .n_outputs = 1, .outputs = { "embedding" }, .output_sizes = { 128 },
  },
  .dim = 128,
  .template = DLIB_CHIP_TEMPLATE,
  /* A candidate: FMR 1e-2 and 1e-3 from LFW's 1,500 impostor pairs; the stricter points are
   * not calibrated. */
  .thresholds = { 0.906f, 0.915f, 0.93f, 0.945f },
};

static const EkycEmbedderSpec *const embedders[] = {
  &embedder_faceplugin,
  &embedder_mobileface,
  &embedder_faceres,
  &embedder_faceapi,
  NULL,
};

const EkycEmbedderSpec *const *
_ekyc_embedder_list (void)
{
  return embedders;
}

const EkycEmbedderSpec *
_ekyc_embedder_find (const char *name)
{
  for (guint i = 0; embedders[i] != NULL; i++)
    if (g_strcmp0 (embedders[i]->name, name) == 0)
      return embedders[i];
  return NULL;
}

const char *const *
ekyc_engine_list_embedders (void)
{
  static const char *const names[] = { "faceplugin", "mobileface", "faceres", "faceapi", NULL };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (embedders));
  return names;
}
