/* ekyc-engine-private.h — the engine's models and the helpers its feature files share
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc/ekyc.h"
#include "../cv/ekyc-cv.h"

G_BEGIN_DECLS

#define EKYC_MODEL_MAX_OUTPUTS 4

/* How one ONNX model is fed and what it returns. */
typedef struct {
  const char    *file;                 /* installed file name */
  EkycCvBlobSpec input;
  int            n_outputs;
  const char    *outputs[EKYC_MODEL_MAX_OUTPUTS];
  size_t         output_sizes[EKYC_MODEL_MAX_OUTPUTS];
} EkycModelSpec;

typedef struct {
  const EkycModelSpec *spec;
  EkycCvNet           *net;
  GMutex               lock;
} EkycModel;

/* Face embedders the engine knows; one is loaded. */
typedef struct {
  const char   *name;
  EkycModelSpec model;
  int           dim;
  /* Where the five points (eye centres, nose tip, mouth corners; subject's right first) sit in
   * the model's input, as fractions of its width and height. */
  double        template[5][2];
  /* Similarity thresholds at FMR 1e-2, 1e-3, 1e-4, 1e-5 (BENCHMARKS.md, "Calibration"). */
  float         thresholds[4];
} EkycEmbedderSpec;

struct _EkycEngine
{
  char                   *model_dir;
  EkycModel               detector;
  EkycModel               detector_far;
  EkycModel               mesh;
  EkycModel               iris;          /* the subject's right eye */
  EkycModel               iris_left;     /* a second copy, so both eyes run at once */
  GThreadPool            *helper;        /* one thread for work that runs beside the caller's */
  EkycModel               embedder;
  EkycModel               liveness;
  const EkycEmbedderSpec *embedder_spec;
  float                   liveness_threshold;
};

/* Runs @model on @blob (its input spec's size) into @outputs (its output sizes). Thread-safe. */
gboolean _ekyc_model_run (EkycModel *model, const float *blob, float *const *outputs,
                          GError **error);

/* Samples @image through @dst_to_src into a new blob for @model (g_free it). */
float *_ekyc_model_make_blob (EkycModel *model, const EkycImage *image, const double dst_to_src[6],
                              GError **error);

extern const EkycModelSpec ekyc_detector_spec;
extern const EkycModelSpec ekyc_detector_far_spec;
extern const EkycModelSpec ekyc_mesh_spec;
extern const EkycModelSpec ekyc_iris_spec;
extern const EkycModelSpec ekyc_liveness_spec;

const EkycEmbedderSpec *_ekyc_embedder_find (const char *name);
const EkycEmbedderSpec *const *_ekyc_embedder_list (void);

/* Runs @func (@data) on the engine's helper thread; wait for it with _ekyc_engine_join(). */
typedef struct _EkycHelperTask EkycHelperTask;
EkycHelperTask *_ekyc_engine_spawn (EkycEngine *engine, gboolean (*func) (gpointer data,
                                                                          GError **error),
                                    gpointer data);
gboolean        _ekyc_engine_join  (EkycHelperTask *task, GError **error);

/* Affine helpers (2×3 row-major: x' = a[0] x + a[1] y + a[2]; y' = a[3] x + a[4] y + a[5]). */
void _ekyc_affine_from_square (double cx, double cy, double side, double angle, int out_size,
                               gboolean flip_x, double dst_to_src[6]);
void _ekyc_affine_apply (const double a[6], double x, double y, double *ox, double *oy);

G_END_DECLS
