/* ekyc-image-texture.c — engine images to GDK textures and back, for previews and evidence
 *
 * Copyright 2026 the ekyc authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-ui"
#include "config.h"

#include "ekyc-image-texture.h"

static GdkTexture *
texture_from_grey (EkycImage *image)
{
  int width = ekyc_image_get_width (image), height = ekyc_image_get_height (image);
  gsize stride = ekyc_image_get_stride (image);
  const guint8 *src = ekyc_image_get_pixels (image);
  guint8 *rgb = g_malloc ((gsize) width * height * 3);
  g_autoptr(GBytes) bytes = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memset (rgb + ((gsize) y * width + x) * 3, src[y * stride + x], 3);
  bytes = g_bytes_new_take (rgb, (gsize) width * height * 3);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, bytes, (gsize) width * 3);
}

GdkTexture *
ekyc_texture_new_for_image (EkycImage *image)
{
  GdkMemoryFormat format;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (image != NULL, NULL);

  switch (ekyc_image_get_format (image))
    {
    case EKYC_PIXEL_FORMAT_GRAY8: return texture_from_grey (image);
    case EKYC_PIXEL_FORMAT_RGB: format = GDK_MEMORY_R8G8B8; break;
    case EKYC_PIXEL_FORMAT_BGR: format = GDK_MEMORY_B8G8R8; break;
    case EKYC_PIXEL_FORMAT_RGBA: format = GDK_MEMORY_R8G8B8A8; break;
    case EKYC_PIXEL_FORMAT_BGRA: format = GDK_MEMORY_B8G8R8A8; break;
    case EKYC_PIXEL_FORMAT_ARGB: format = GDK_MEMORY_A8R8G8B8; break;
    case EKYC_PIXEL_FORMAT_ABGR: format = GDK_MEMORY_A8B8G8R8; break;
    default: g_assert_not_reached ();
    }
  bytes = g_bytes_new_with_free_func (ekyc_image_get_pixels (image),
                                      ekyc_image_get_stride (image)
                                        * (gsize) ekyc_image_get_height (image),
                                      (GDestroyNotify) ekyc_image_unref,
                                      ekyc_image_ref (image));
  return gdk_memory_texture_new (ekyc_image_get_width (image), ekyc_image_get_height (image),
                                 format, bytes, ekyc_image_get_stride (image));
}

EkycImage *
ekyc_image_new_for_texture (GdkTexture *texture, GError **error)
{
  int width, height;
  gsize stride;
  g_autofree guint8 *pixels = NULL;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  /* GDK_MEMORY_DEFAULT: B8G8R8A8 premultiplied; camera frames are opaque, so it is plain BGRA. */
  gdk_texture_download (texture, pixels, stride);
  return ekyc_image_new_from_memory_copy (pixels, width, height, stride, EKYC_PIXEL_FORMAT_BGRA,
                                          error);
}
