/* ekyc-image.c — images for the engine: decoded files or borrowed/copied camera frames
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-image"
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekyc/ekyc-error.h"
#include "ekyc-i18n-private.h"
#include "ekyc-image-private.h"
#include "ekyc-image-probe.h"

struct _EkycImage
{
  gatomicrefcount ref_count;
  const guint8   *pixels;
  int             width, height;
  gsize           stride;
  EkycPixelFormat format;
  GDestroyNotify  destroy;
  gpointer        destroy_data;
};

static int
bytes_per_pixel (EkycPixelFormat format)
{
  switch (format)
    {
    case EKYC_PIXEL_FORMAT_GRAY8: return 1;
    case EKYC_PIXEL_FORMAT_RGB:
    case EKYC_PIXEL_FORMAT_BGR: return 3;
    case EKYC_PIXEL_FORMAT_RGBA:
    case EKYC_PIXEL_FORMAT_BGRA:
    case EKYC_PIXEL_FORMAT_ARGB:
    case EKYC_PIXEL_FORMAT_ABGR: return 4;
    default: return 0;
    }
}

static gboolean
check_geometry (const guint8 *pixels, int width, int height, gsize stride, EkycPixelFormat format,
                GError **error)
{
  int bpp = bytes_per_pixel (format);

  _ekyc_i18n_init ();
  if (pixels == NULL || bpp == 0 || width <= 0 || height <= 0 ||
      stride < (gsize) width * (gsize) bpp)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT,
                   "invalid frame: %d×%d, stride %" G_GSIZE_FORMAT ", format %d, pixels %p",
                   width, height, stride, (int) format, pixels);
      return FALSE;
    }
  if ((guint) width > EKYC_IMAGE_MAX_SIDE || (guint) height > EKYC_IMAGE_MAX_SIDE ||
      (guint64) width * (guint64) height > EKYC_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_IMAGE_TOO_LARGE,
                   _("The image is too large (%d × %d pixels; at most %u megapixels)."),
                   width, height, EKYC_IMAGE_MAX_PIXELS / 1000000u);
      return FALSE;
    }
  return TRUE;
}

EkycImage *
ekyc_image_new_from_memory (const guint8 *pixels, int width, int height, gsize stride,
                            EkycPixelFormat format, GDestroyNotify destroy,
                            gpointer destroy_data, GError **error)
{
  EkycImage *self;

  if (!check_geometry (pixels, width, height, stride, format, error))
    return NULL;

  self = g_new0 (EkycImage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->pixels = pixels;
  self->width = width;
  self->height = height;
  self->stride = stride;
  self->format = format;
  self->destroy = destroy;
  self->destroy_data = destroy_data;
  return self;
}

EkycImage *
ekyc_image_new_from_memory_copy (const guint8 *pixels, int width, int height, gsize stride,
                                 EkycPixelFormat format, GError **error)
{
  gsize row;
  guint8 *copy;
  int y;

  if (!check_geometry (pixels, width, height, stride, format, error))
    return NULL;

  row = (gsize) width * bytes_per_pixel (format);
  copy = g_malloc (row * height);
  for (y = 0; y < height; y++)
    memcpy (copy + row * y, pixels + stride * y, row);
  return ekyc_image_new_from_memory (copy, width, height, row, format, g_free, copy, error);
}

EkycImage *
ekyc_image_new_from_encoded (const guint8 *data, gsize length, GError **error)
{
  EkycImageInfo info;
  g_autofree char *message = NULL;
  guint8 *bgr = NULL;
  int width = 0, height = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  _ekyc_i18n_init ();
  if (!_ekyc_image_probe (data, length, &info, error))
    return NULL;
  if (!_ekyc_cv_decode (data, length, &bgr, &width, &height, &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                   _("The picture could not be decoded (%s)."), message);
      return NULL;
    }
  return ekyc_image_new_from_memory (bgr, width, height, (gsize) width * 3,
                                     EKYC_PIXEL_FORMAT_BGR, g_free, bgr, error);
}

EkycImage *
ekyc_image_new_from_file (const char *path, GError **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  EkycImage *image;

  g_return_val_if_fail (path != NULL, NULL);

  _ekyc_i18n_init ();
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                   _("“%s” is a folder, not a picture."), path);
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_FILE_NOT_FOUND,
                   _("Cannot open “%s”: %s"), path, local_error->message);
      return NULL;
    }
  image = ekyc_image_new_from_encoded ((const guint8 *) g_mapped_file_get_contents (mapped),
                                       g_mapped_file_get_length (mapped), &local_error);
  if (image == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }
  return image;
}

EkycImage *
ekyc_image_ref (EkycImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ekyc_image_unref (EkycImage *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      if (self->destroy != NULL)
        self->destroy (self->destroy_data);
      g_free (self);
    }
}

int
ekyc_image_get_width (const EkycImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

int
ekyc_image_get_height (const EkycImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

gsize
ekyc_image_get_stride (const EkycImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stride;
}

EkycPixelFormat
ekyc_image_get_format (const EkycImage *self)
{
  g_return_val_if_fail (self != NULL, EKYC_PIXEL_FORMAT_BGR);
  return self->format;
}

const guint8 *
ekyc_image_get_pixels (const EkycImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pixels;
}

void
_ekyc_image_get_view (const EkycImage *self, EkycCvView *view)
{
  static const EkycCvOrder orders[] = {
    [EKYC_PIXEL_FORMAT_GRAY8] = EKYC_CV_ORDER_GRAY,
    [EKYC_PIXEL_FORMAT_RGB] = EKYC_CV_ORDER_RGB,
    [EKYC_PIXEL_FORMAT_BGR] = EKYC_CV_ORDER_BGR,
    [EKYC_PIXEL_FORMAT_RGBA] = EKYC_CV_ORDER_RGBA,
    [EKYC_PIXEL_FORMAT_BGRA] = EKYC_CV_ORDER_BGRA,
    [EKYC_PIXEL_FORMAT_ARGB] = EKYC_CV_ORDER_ARGB,
    [EKYC_PIXEL_FORMAT_ABGR] = EKYC_CV_ORDER_ABGR,
  };

  view->pixels = self->pixels;
  view->width = self->width;
  view->height = self->height;
  view->stride = self->stride;
  view->order = orders[self->format];
}

gboolean
ekyc_image_save_jpeg (const EkycImage *self, const char *path, int quality, GError **error)
{
  EkycCvView view;
  g_autofree char *message = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  _ekyc_image_get_view (self, &view);
  if (!_ekyc_cv_write_jpeg (&view, path, CLAMP (quality, 1, 100), &message))
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, _("Cannot save “%s”: %s"), path,
                   message);
      return FALSE;
    }
  return TRUE;
}

EkycImage *
ekyc_image_new_fitted (const EkycImage *self, int width, int height, GError **error)
{
  EkycCvView view;
  g_autofree char *message = NULL;
  double scale, to_src[6];
  guint8 *bgr;

  g_return_val_if_fail (self != NULL, NULL);
  if (width <= 0 || height <= 0 || (guint64) width * height > EKYC_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INVALID_ARGUMENT, "invalid size %d×%d",
                   width, height);
      return NULL;
    }
  scale = MIN ((double) width / self->width, (double) height / self->height);
  to_src[0] = 1 / scale, to_src[1] = 0, to_src[2] = -(width - self->width * scale) / 2 / scale;
  to_src[3] = 0, to_src[4] = 1 / scale, to_src[5] = -(height - self->height * scale) / 2 / scale;
  bgr = g_malloc ((gsize) width * height * 3);
  _ekyc_image_get_view (self, &view);
  if (!_ekyc_cv_warp_to_bgr (&view, to_src, width, height, FALSE, bgr, &message))
    {
      g_free (bgr);
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_INTERNAL, "%s", message);
      return NULL;
    }
  return ekyc_image_new_from_memory (bgr, width, height, (gsize) width * 3,
                                     EKYC_PIXEL_FORMAT_BGR, g_free, bgr, error);
}
