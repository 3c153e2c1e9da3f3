/* ekyc-still.c — one captured frame or imported scan, shared by the engine and the UI
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include "ekyc-still.h"

struct _EkycStill
{
  GObject            parent_instance;
  EkycImage         *image;
  GdkTexture        *texture;
  EkycFrameAnalysis *analysis;
  char              *source_name;
  gboolean           automatic;
};

G_DEFINE_FINAL_TYPE (EkycStill, ekyc_still, G_TYPE_OBJECT)

enum { PROP_0, PROP_TEXTURE, PROP_ANALYSIS, PROP_AUTOMATIC, PROP_SOURCE_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
unref_image (gpointer data)
{
  ekyc_image_unref (data);
}

static GdkTexture *
texture_from_image (EkycImage *image)
{
  int width = ekyc_image_get_width (image);
  int height = ekyc_image_get_height (image);
  gsize stride = ekyc_image_get_stride (image);
  const guint8 *pixels = ekyc_image_get_pixels (image);
  g_autoptr(GBytes) bytes = NULL;
  GdkMemoryFormat format;

  switch (ekyc_image_get_format (image))
    {
    case EKYC_PIXEL_FORMAT_RGB: format = GDK_MEMORY_R8G8B8; break;
    case EKYC_PIXEL_FORMAT_BGR: format = GDK_MEMORY_B8G8R8; break;
    case EKYC_PIXEL_FORMAT_RGBA: format = GDK_MEMORY_R8G8B8A8; break;
    case EKYC_PIXEL_FORMAT_BGRA: format = GDK_MEMORY_B8G8R8A8; break;
    case EKYC_PIXEL_FORMAT_ARGB: format = GDK_MEMORY_A8R8G8B8; break;
    case EKYC_PIXEL_FORMAT_ABGR: format = GDK_MEMORY_A8B8G8R8; break;
    case EKYC_PIXEL_FORMAT_GRAY8:
    default:
      {
        guint8 *rgb = g_malloc ((gsize) width * height * 3);

        for (int y = 0; y < height; y++)
          for (int x = 0; x < width; x++)
            memset (rgb + ((gsize) y * width + x) * 3, pixels[y * stride + x], 3);
        bytes = g_bytes_new_take (rgb, (gsize) width * height * 3);
        return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, bytes, (gsize) width * 3);
      }
    }
  /* The texture borrows the image's pixels and keeps the image alive. */
  bytes = g_bytes_new_with_free_func (pixels, stride * (height - 1)
                                      + (gsize) width * (format == GDK_MEMORY_R8G8B8
                                                         || format == GDK_MEMORY_B8G8R8 ? 3 : 4),
                                      unref_image, ekyc_image_ref (image));
  return gdk_memory_texture_new (width, height, format, bytes, stride);
}

EkycStill *
ekyc_still_new_from_image (EkycImage *image, EkycFrameAnalysis *analysis, gboolean automatic,
                           const char *source_name)
{
  EkycStill *self;

  g_return_val_if_fail (image != NULL, NULL);

  self = g_object_new (EKYC_TYPE_STILL, NULL);
  self->image = ekyc_image_ref (image);
  self->texture = texture_from_image (image);
  self->analysis = analysis ? ekyc_frame_analysis_ref (analysis) : NULL;
  self->automatic = automatic;
  self->source_name = g_strdup (source_name);
  return self;
}

EkycImage *
ekyc_still_get_image (EkycStill *self)
{
  g_return_val_if_fail (EKYC_IS_STILL (self), NULL);
  return self->image;
}

GdkTexture *
ekyc_still_get_texture (EkycStill *self)
{
  g_return_val_if_fail (EKYC_IS_STILL (self), NULL);
  return self->texture;
}

EkycFrameAnalysis *
ekyc_still_get_analysis (EkycStill *self)
{
  g_return_val_if_fail (EKYC_IS_STILL (self), NULL);
  return self->analysis;
}

gboolean
ekyc_still_get_automatic (EkycStill *self)
{
  g_return_val_if_fail (EKYC_IS_STILL (self), FALSE);
  return self->automatic;
}

const char *
ekyc_still_get_source_name (EkycStill *self)
{
  g_return_val_if_fail (EKYC_IS_STILL (self), NULL);
  return self->source_name;
}

GBytes *
ekyc_still_to_jpeg (EkycStill *self, int quality, GError **error)
{
  int width, height;
  g_autofree guint8 *bgra = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *quality_str = NULL;
  char *buffer = NULL;
  gsize size = 0;
  guint8 *rgb;

  g_return_val_if_fail (EKYC_IS_STILL (self), NULL);
  g_return_val_if_fail (quality >= 1 && quality <= 100, NULL);

  /* In memory: evidence is personal data and never touches a temporary file. */
  width = gdk_texture_get_width (self->texture);
  height = gdk_texture_get_height (self->texture);
  bgra = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (self->texture, bgra, (gsize) width * 4);
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  rgb = gdk_pixbuf_get_pixels (pixbuf);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *s = bgra + ((gsize) y * width + x) * 4;
        guint8 *d = rgb + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf) + (gsize) x * 3;

        d[0] = s[2];
        d[1] = s[1];
        d[2] = s[0];
      }
  quality_str = g_strdup_printf ("%d", quality);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error,
                                  "quality", quality_str, NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

static void
ekyc_still_finalize (GObject *object)
{
  EkycStill *self = EKYC_STILL (object);

  g_clear_pointer (&self->image, ekyc_image_unref);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->analysis, ekyc_frame_analysis_unref);
  g_clear_pointer (&self->source_name, g_free);
  G_OBJECT_CLASS (ekyc_still_parent_class)->finalize (object);
}

static void
ekyc_still_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EkycStill *self = EKYC_STILL (object);

  switch (prop_id)
    {
    case PROP_TEXTURE: g_value_set_object (value, self->texture); break;
    case PROP_ANALYSIS: g_value_set_boxed (value, self->analysis); break;
    case PROP_AUTOMATIC: g_value_set_boolean (value, self->automatic); break;
    case PROP_SOURCE_NAME: g_value_set_string (value, self->source_name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekyc_still_class_init (EkycStillClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ekyc_still_finalize;
  object_class->get_property = ekyc_still_get_property;

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL, EKYC_TYPE_FRAME_ANALYSIS,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOMATIC] =
    g_param_spec_boolean ("automatic", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_NAME] =
    g_param_spec_string ("source-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekyc_still_init (EkycStill *self)
{
}
