/* ekyc-face-detect-private.h — detection tuned for stills or for camera frames
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-engine-private.h"

G_BEGIN_DECLS

/* @stills: try the full-range model first (ID photos, selfies taken as stills), else the
 * fast short-range one (preview frames); either way the other when the first finds nothing. */
gboolean _ekyc_detect_faces_raw (EkycEngine *engine, const EkycImage *image, gboolean stills,
                                 EkycFaceDetection **faces_out, gsize *n_faces_out,
                                 GError **error);

G_END_DECLS
