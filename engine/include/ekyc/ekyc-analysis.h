/* ekyc-analysis.h — one call that takes an image to a comparable face: pick, mesh, embed, judge
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-face.h"
#include "ekyc-liveness.h"

EKYC_BEGIN_DECLS

typedef enum {
  EKYC_FACE_SOURCE_DOCUMENT, /* an ID card or its scan: the largest face is the holder's */
  EKYC_FACE_SOURCE_SELFIE,   /* a live capture: exactly one face, liveness scored */
} EkycFaceSource;

/* Faces whose inter-ocular distance is below this many pixels fail with
 * EKYC_ERROR_FACE_TOO_SMALL: the embedder's canonical crop has 36 px between the eyes. */
#define EKYC_MIN_INTEROCULAR 18.0f

typedef struct {
  gsize              n_faces;        /* faces the detector found */
  EkycFaceDetection  detection;      /* the face that was chosen */
  EkycFaceLandmarks  landmarks;
  EkycEmbedding      embedding;
  EkycFaceQuality    quality;
  gboolean           has_liveness;   /* TRUE for a selfie */
  EkycLivenessResult liveness;
  double ms_detect, ms_landmarks, ms_embed, ms_quality, ms_liveness;
} EkycFaceAnalysis;

/**
 * ekyc_engine_analyze_face:
 * Detects faces and picks the subject: for %EKYC_FACE_SOURCE_SELFIE exactly one face is allowed
 * (another face at least half as large fails with %EKYC_ERROR_MULTIPLE_FACES; far smaller faces in
 * the background are ignored); for a document the largest face is taken (the card's small ghost
 * portrait is ignored) unless another face nearly as large is nearer the centre. Fails with %EKYC_ERROR_NO_FACE or %EKYC_ERROR_FACE_TOO_SMALL. Then
 * landmarks, embedding, quality and (selfie) passive liveness.
 * @out: (out caller-allocates): about 10 kB; allocate it on the heap in threads with small stacks.
 */
EKYC_API gboolean ekyc_engine_analyze_face (EkycEngine *engine, const EkycImage *image,
                                            EkycFaceSource source, EkycFaceAnalysis *out,
                                            GError **error);

EKYC_END_DECLS
