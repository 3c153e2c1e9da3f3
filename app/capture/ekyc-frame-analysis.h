/* ekyc-frame-analysis.h — what the worker thread found in one frame: card, face, hint
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib-object.h>
#include <ekyc/ekyc.h>

#include "ekyc-capture-enums.h"

G_BEGIN_DECLS

#define EKYC_TYPE_FRAME_ANALYSIS (ekyc_frame_analysis_get_type ())

/**
 * EkycFrameAnalysis:
 * The analysis of one camera frame, immutable once delivered (read the fields, never write them),
 * reference counted. Coordinates are in the frame's pixels (@width × @height, not mirrored).
 * @frame_number: counts the frames the source delivered since it started.
 * @pts_us: the frame's stream time in microseconds (real time for cameras, position in a file).
 * @hint: the most important advice; @good is %TRUE when @hint is %EKYC_CAPTURE_HINT_GOOD.
 * @quality: 0..1, how suitable the frame is as a still (the best recent frame is chosen by it).
 * @motion: how far the subject (card corners, face mesh) moved since the previous analysed frame,
 *   as a fraction of its size.
 * @has_card, @card: the card found (mode CARD).
 * @n_faces, @has_face, @landmarks, @face_quality: the tracked face (mode FACE).
 * @has_liveness, @liveness: the engine's passive liveness on this frame (mode FACE; not every
 *   frame is scored, see #EkycCapture:liveness-interval).
 * @ms_analysis: time the worker spent on the frame.
 */
typedef struct {
  /*< public, read-only >*/
  guint64            frame_number;
  gint64             pts_us;
  int                width, height;
  EkycCaptureMode    mode;
  EkycCaptureHint    hint;
  gboolean           good;
  float              quality;
  float              motion;

  gboolean           has_card;
  EkycCardDetection  card;

  guint              n_faces;
  gboolean           has_face;
  EkycFaceLandmarks  landmarks;
  EkycFaceQuality    face_quality;
  gboolean           has_liveness;
  EkycLivenessResult liveness;

  double             ms_analysis;
  /*< private >*/
  gatomicrefcount    ref_count;
} EkycFrameAnalysis;

GType               ekyc_frame_analysis_get_type (void) G_GNUC_CONST;
EkycFrameAnalysis  *ekyc_frame_analysis_new      (void);
EkycFrameAnalysis  *ekyc_frame_analysis_ref      (EkycFrameAnalysis *analysis);
void                ekyc_frame_analysis_unref    (EkycFrameAnalysis *analysis);
/* (transfer none): the translated advice of @analysis->hint. */
const char         *ekyc_frame_analysis_get_message (const EkycFrameAnalysis *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycFrameAnalysis, ekyc_frame_analysis_unref)

G_END_DECLS
