/* ekyc-liveness.h — passive liveness: is this selfie a live person or a presented artefact?
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-face.h"

EKYC_BEGIN_DECLS

/**
 * EkycLivenessResult:
 * @score: 0..1, the probability that the face is a live person (bona fide).
 * @threshold: the operating threshold the engine used (see BENCHMARKS.md for its APCER/BPCER).
 * @live: @score >= @threshold.
 */
typedef struct {
  float    score;
  float    threshold;
  gboolean live;
} EkycLivenessResult;

/**
 * ekyc_engine_passive_liveness:
 * Scores one still frame. The model looks at the face with its surroundings (paper edges,
 * fingers, screen bezels), so pass the whole frame, not a face crop. One frame cannot prove
 * liveness against every attack: combine it with an active challenge.
 */
EKYC_API gboolean ekyc_engine_passive_liveness (EkycEngine *engine, const EkycImage *image,
                                                const EkycFaceDetection *detection,
                                                EkycLivenessResult *out, GError **error);

/* The default operating threshold of ekyc_engine_passive_liveness(). */
EKYC_API float ekyc_engine_liveness_threshold (const EkycEngine *engine);

EKYC_END_DECLS
