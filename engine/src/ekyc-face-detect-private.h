/* ekyc-face-detect-private.h — detection with a caller-chosen score floor
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-engine-private.h"

G_BEGIN_DECLS

gboolean _ekyc_detect_faces_raw (EkycEngine *engine, const EkycImage *image, float min_score,
                                 EkycFaceDetection **faces_out, gsize *n_faces_out,
                                 GError **error);

G_END_DECLS
