/* ekyc-image-probe.h — read an encoded image's kind and size from its header, before decoding
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  EKYC_IMAGE_KIND_JPEG = 1,
  EKYC_IMAGE_KIND_PNG,
  EKYC_IMAGE_KIND_WEBP,
  EKYC_IMAGE_KIND_JPEG2000,  /* a JP2 file or a raw codestream (a chip's DG2) */
} EkycImageKind;

typedef struct {
  EkycImageKind kind;
  guint32       width, height;
} EkycImageInfo;

/* Checks the bytes are a complete JPEG, PNG, WebP or JPEG 2000 of acceptable size, without decoding pixels.
 * Errors: EKYC_ERROR_FILE_EMPTY, _NOT_AN_IMAGE, _IMAGE_TRUNCATED, _IMAGE_TOO_LARGE. */
gboolean _ekyc_image_probe (const guint8 *data, gsize length, EkycImageInfo *info, GError **error);

G_END_DECLS
