/* ekyc-image-private.h — what the engine's own files may see of an EkycImage
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc/ekyc-image.h"
#include "../cv/ekyc-cv.h"

G_BEGIN_DECLS

/* A view of the image's pixels for the OpenCV shim (borrowed from @image). */
void _ekyc_image_get_view (const EkycImage *image, EkycCvView *view);

G_END_DECLS
