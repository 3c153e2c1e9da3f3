/* ekyc-image.h — images for the engine: decoded files or borrowed/copied camera frames
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"

EKYC_BEGIN_DECLS

/* The largest image the engine decodes: 40 megapixels (a 300 dpi A4 scan is 8.7). Larger files
 * fail with EKYC_ERROR_IMAGE_TOO_LARGE before any pixel memory is allocated. */
#define EKYC_IMAGE_MAX_PIXELS (40u * 1000u * 1000u)
#define EKYC_IMAGE_MAX_SIDE   20000u
/* The smallest side the engine accepts (smaller fails with EKYC_ERROR_IMAGE_TOO_SMALL). */
#define EKYC_IMAGE_MIN_SIDE   32u

typedef enum {
  EKYC_PIXEL_FORMAT_GRAY8,
  EKYC_PIXEL_FORMAT_RGB,
  EKYC_PIXEL_FORMAT_BGR,
  EKYC_PIXEL_FORMAT_RGBA, /* also RGBx: the 4th byte is ignored */
  EKYC_PIXEL_FORMAT_BGRA, /* also BGRx */
  EKYC_PIXEL_FORMAT_ARGB, /* also xRGB */
  EKYC_PIXEL_FORMAT_ABGR, /* also xBGR */
} EkycPixelFormat;

/**
 * EkycImage:
 * An immutable 8-bit image, reference counted. Thread-safe to read from several threads at once
 * (the engine never writes into an image).
 */
typedef struct _EkycImage EkycImage;

/**
 * ekyc_image_new_from_file:
 * Decodes a JPEG, PNG or WebP file. The header is checked before decoding: an empty file, a file
 * that is not an image, a truncated image and one larger than %EKYC_IMAGE_MAX_PIXELS each fail
 * with their own %EKYC_ERROR code. EXIF orientation is applied.
 * Returns: (transfer full) (nullable): the image, or %NULL with @error set.
 */
EKYC_API EkycImage *ekyc_image_new_from_file (const char *path, GError **error);

/**
 * ekyc_image_new_from_encoded:
 * Same as ekyc_image_new_from_file() for bytes already in memory; @data is not kept.
 */
EKYC_API EkycImage *ekyc_image_new_from_encoded (const guint8 *data, gsize length, GError **error);

/**
 * ekyc_image_new_from_memory:
 * Wraps raw pixels WITHOUT copying them: @pixels is borrowed and must stay valid and unchanged
 * until the image's last reference is dropped; then @destroy (nullable) is called with
 * @destroy_data. Rows are @stride bytes apart (stride >= width × bytes per pixel).
 * Returns: (transfer full) (nullable): the image, or %NULL with @error set on a bad size/stride.
 */
EKYC_API EkycImage *ekyc_image_new_from_memory (const guint8 *pixels, int width, int height,
                                                gsize stride, EkycPixelFormat format,
                                                GDestroyNotify destroy, gpointer destroy_data,
                                                GError **error);

/**
 * ekyc_image_new_from_memory_copy:
 * Like ekyc_image_new_from_memory() but copies the pixels; the caller keeps @pixels.
 */
EKYC_API EkycImage *ekyc_image_new_from_memory_copy (const guint8 *pixels, int width, int height,
                                                     gsize stride, EkycPixelFormat format,
                                                     GError **error);

/**
 * ekyc_image_new_fitted:
 * A new BGR image of exactly @width × @height holding @image scaled to fit and centred, with
 * black bars where the aspect ratios differ (as a camera frame of that size would show it).
 * Returns: (transfer full) (nullable)
 */
EKYC_API EkycImage *ekyc_image_new_fitted (const EkycImage *image, int width, int height,
                                           GError **error);

EKYC_API EkycImage      *ekyc_image_ref        (EkycImage *image);
EKYC_API void            ekyc_image_unref      (EkycImage *image);
EKYC_API int             ekyc_image_get_width  (const EkycImage *image);
EKYC_API int             ekyc_image_get_height (const EkycImage *image);
EKYC_API gsize           ekyc_image_get_stride (const EkycImage *image);
EKYC_API EkycPixelFormat ekyc_image_get_format (const EkycImage *image);
/* (transfer none): the first row of pixels, valid as long as @image is. */
EKYC_API const guint8   *ekyc_image_get_pixels (const EkycImage *image);

/**
 * ekyc_image_save_jpeg:
 * Writes the image as a JPEG file at @quality 1..100; for evidence
 * thumbnails and debugging.
 */
EKYC_API gboolean ekyc_image_save_jpeg (const EkycImage *image, const char *path, int quality,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycImage, ekyc_image_unref)

EKYC_END_DECLS
