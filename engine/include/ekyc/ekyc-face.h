/* ekyc-face.h — faces: detection, landmarks, head pose, alignment, embedding, matching, quality
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-engine.h"
#include "ekyc-image.h"

EKYC_BEGIN_DECLS

typedef struct { float x, y; } EkycPoint;
typedef struct { float x, y, width, height; } EkycRect;

/* Keypoints of a detection, named from the subject's point of view (the subject's right eye is
 * on the left of a non-mirrored photo). */
typedef enum {
  EKYC_KEYPOINT_RIGHT_EYE,
  EKYC_KEYPOINT_LEFT_EYE,
  EKYC_KEYPOINT_NOSE,
  EKYC_KEYPOINT_MOUTH,
  EKYC_KEYPOINT_RIGHT_EAR,
  EKYC_KEYPOINT_LEFT_EAR,
  EKYC_N_KEYPOINTS
} EkycKeypoint;

/**
 * EkycFaceDetection:
 * One face found by the detector, in image pixels.
 */
typedef struct {
  EkycRect  box;
  float     score;                        /* 0..1 */
  EkycPoint keypoints[EKYC_N_KEYPOINTS];
} EkycFaceDetection;

/**
 * ekyc_engine_detect_faces:
 * Finds every face with box, score and six keypoints, sorted by box area, largest first. A fast
 * short-range detector looks first (faces from about 1/8 of the image's longer side); only when
 * it finds nothing does a full-range one look for smaller faces (from about 1/20).
 * @faces_out: (out) (transfer full): g_free() it; %NULL when no face was found.
 * Returns: %FALSE only on error (no face is not an error here: *n_faces_out = 0).
 */
EKYC_API gboolean ekyc_engine_detect_faces (EkycEngine *engine, const EkycImage *image,
                                            EkycFaceDetection **faces_out, gsize *n_faces_out,
                                            GError **error);

#define EKYC_MESH_N_POINTS 468
#define EKYC_IRIS_N_POINTS 5

/**
 * EkycFaceLandmarks:
 * The face mesh (MediaPipe FaceMesh topology, 468 points; z in the same pixel scale as x, smaller is
 * nearer the camera), both irises (centre first, then four points on the rim), and what they give.
 * Angles in degrees. yaw > 0: the subject turned to their left (their face points to the right of a
 * non-mirrored photo); pitch > 0: the subject looks up; roll > 0: the head tilts clockwise in the
 * image. Openness is the lid gap (or lip gap) over the eye width (mouth width): about 0.25–0.35
 * for an open eye, below 0.12 for a closed one; mouth above 0.3 is wide open.
 */
typedef struct {
  float     mesh[EKYC_MESH_N_POINTS][3];
  EkycPoint right_iris[EKYC_IRIS_N_POINTS];
  EkycPoint left_iris[EKYC_IRIS_N_POINTS];
  float     confidence;            /* the mesh model's face-presence score, 0..1 */
  float     yaw, pitch, roll;
  float     right_eye_openness, left_eye_openness;
  float     mouth_openness;
  EkycRect  box;                   /* bounding box of the mesh */
} EkycFaceLandmarks;

/**
 * ekyc_engine_face_landmarks:
 * Runs FaceMesh on the face of @detection and Iris on each eye, and derives pose and openness.
 * @out: (out caller-allocates): filled on success.
 */
EKYC_API gboolean ekyc_engine_face_landmarks (EkycEngine *engine, const EkycImage *image,
                                              const EkycFaceDetection *detection,
                                              EkycFaceLandmarks *out, GError **error);

/**
 * ekyc_engine_track_face:
 * The per-frame path for video: the landmarks of the same face in the next frame, from the region
 * the @previous frame's mesh gives, without running the detector. Check @out->confidence: below
 * about 0.5 the face was lost and the caller should detect again.
 * @out: (out caller-allocates): must not be @previous.
 */
EKYC_API gboolean ekyc_engine_track_face (EkycEngine *engine, const EkycImage *image,
                                          const EkycFaceLandmarks *previous,
                                          EkycFaceLandmarks *out, GError **error);

/* The five points of the embedder's alignment, from the landmarks: eye centres (the middle of
 * each eye's corners), nose tip, mouth corners (image pixels; subject's right first). */
EKYC_API void ekyc_face_landmarks_get_five_points (const EkycFaceLandmarks *landmarks,
                                                   EkycPoint out[5]);

#define EKYC_EMBEDDING_MAX_DIM 1024

/**
 * EkycEmbedding:
 * A face template: an L2-normalised vector. Compare only embeddings from the same @model.
 */
typedef struct {
  char  model[32];
  int   dim;
  float values[EKYC_EMBEDDING_MAX_DIM];
} EkycEmbedding;

/**
 * ekyc_engine_embed_face:
 * Aligns the face to the embedder's canonical crop with a similarity transform on the five points,
 * and computes its embedding.
 */
EKYC_API gboolean ekyc_engine_embed_face (EkycEngine *engine, const EkycImage *image,
                                          const EkycFaceLandmarks *landmarks,
                                          EkycEmbedding *out, GError **error);

/**
 * ekyc_engine_align_face:
 * The crop the embedder sees, as an image (for evidence and debugging).
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycImage *ekyc_engine_align_face (EkycEngine *engine, const EkycImage *image,
                                            const EkycFaceLandmarks *landmarks, GError **error);

/* Cosine similarity in -1..1; -2 when the embeddings come from different models. */
EKYC_API float ekyc_embedding_similarity (const EkycEmbedding *a, const EkycEmbedding *b);

/**
 * ekyc_engine_match_threshold:
 * The similarity threshold at which the embedder's false match rate is @fmr (1e-2, 1e-3, 1e-4 or
 * 1e-5; others are interpolated), calibrated on LFW impostor pairs and recorded in BENCHMARKS.md.
 */
EKYC_API float ekyc_engine_match_threshold (const EkycEngine *engine, double fmr);

/* The default operating point: false match rate 1e-3. */
#define EKYC_DEFAULT_FMR 1e-3

/* Face quality problems, as bit flags. */
typedef enum {
  EKYC_QUALITY_OK           = 0,
  EKYC_QUALITY_TOO_SMALL    = 1 << 0,
  EKYC_QUALITY_OFF_CENTRE   = 1 << 1,
  EKYC_QUALITY_TURNED       = 1 << 2,
  EKYC_QUALITY_BLURRED      = 1 << 3,
  EKYC_QUALITY_TOO_DARK     = 1 << 4,
  EKYC_QUALITY_TOO_BRIGHT   = 1 << 5,
  EKYC_QUALITY_EYES_CLOSED  = 1 << 6,
} EkycQualityFlags;

typedef struct {
  EkycQualityFlags problems;
  float face_size;      /* inter-ocular distance in pixels */
  float centre_offset;  /* distance of the face centre from the image centre / image diagonal */
  float sharpness;      /* variance of the Laplacian over the face, grey levels² */
  float brightness;     /* mean luma over the face, 0..255 */
  float overexposed;    /* fraction of face pixels at ≥ 250 */
  float score;          /* 0..1, 1 = ideal */
} EkycFaceQuality;

/**
 * ekyc_engine_face_quality:
 * Judges whether the face is good enough to compare, with a reason per problem.
 */
EKYC_API gboolean ekyc_engine_face_quality (EkycEngine *engine, const EkycImage *image,
                                            const EkycFaceLandmarks *landmarks,
                                            EkycFaceQuality *out, GError **error);

/* (transfer none): an untranslated machine name ("too-small") or translated sentence for a flag. */
EKYC_API const char *ekyc_quality_flag_name   (EkycQualityFlags flag);
EKYC_API const char *ekyc_quality_flag_advice (EkycQualityFlags flag);

EKYC_END_DECLS
