/* ekyc-capture-pipeline.c — building the capture pipeline and naming what went wrong in it
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-capture"
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "ekyc-capture-private.h"

static char *
quote_for_launch (const char *value)
{
  GString *out = g_string_new ("\"");

  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

GstElement *
_ekyc_capture_description_source (const char *description, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *full = NULL;
  GstElement *bin;

  /* A description may end with caps ("videotestsrc ! video/x-raw,width=640"), which only
   * parse between two elements; and decodebin's audio pads must find nothing to link to. Only
   * that last element's src pad is ghosted: ghosting every unlinked pad would also take the
   * sink of an element waiting for decodebin's pad. */
  full = g_strdup_printf ("%s ! videoconvert name=ekyc_source_out", description);
  bin = gst_parse_bin_from_description_full (full, FALSE, NULL,
                                             GST_PARSE_FLAG_FATAL_ERRORS, &local_error);
  if (bin != NULL && local_error == NULL)
    {
      g_autoptr(GstElement) out = gst_bin_get_by_name (GST_BIN (bin), "ekyc_source_out");
      g_autoptr(GstPad) pad = gst_element_get_static_pad (out, "src");

      gst_element_add_pad (bin, gst_ghost_pad_new ("src", pad));
      return bin;
    }
  gst_clear_object (&bin);
  if (g_error_matches (local_error, GST_PARSE_ERROR, GST_PARSE_ERROR_NO_SUCH_ELEMENT))
    g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_ELEMENT_NOT_FOUND,
                 _("The video source needs a GStreamer element that is not installed (%s)."),
                 local_error->message);
  else
    g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_INVALID_SOURCE,
                 _("The video source “%s” is not valid: %s"), description,
                 local_error ? local_error->message : "");
  return NULL;
}

typedef enum { KIND_UNKNOWN, KIND_IMAGE, KIND_VIDEO, KIND_NOT_MEDIA } MediaKind;

/* From the first bytes, not the name or a MIME database (which a sandbox may lack). */
static MediaKind
sniff (const guint8 *b, gsize n)
{
  gsize printable = 0;

  if (n == 0)
    return KIND_NOT_MEDIA;
  if ((n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
      || (n >= 8 && memcmp (b, "\x89PNG\r\n\x1a\n", 8) == 0)
      || (n >= 12 && memcmp (b, "RIFF", 4) == 0 && memcmp (b + 8, "WEBP", 4) == 0)
      || (n >= 4 && (memcmp (b, "II*\0", 4) == 0 || memcmp (b, "MM\0*", 4) == 0))
      || (n >= 6 && memcmp (b, "GIF8", 4) == 0)
      || (n >= 2 && memcmp (b, "BM", 2) == 0))
    return KIND_IMAGE;
  if ((n >= 4 && memcmp (b, "\x1a\x45\xdf\xa3", 4) == 0)          /* Matroska, WebM */
      || (n >= 8 && memcmp (b + 4, "ftyp", 4) == 0)                  /* MP4, QuickTime */
      || (n >= 12 && memcmp (b, "RIFF", 4) == 0 && memcmp (b + 8, "AVI ", 4) == 0)
      || (n >= 4 && memcmp (b, "OggS", 4) == 0))
    return KIND_VIDEO;
  for (gsize i = 0; i < n; i++)
    printable += g_ascii_isprint (b[i]) || g_ascii_isspace (b[i]);
  return printable == n ? KIND_NOT_MEDIA : KIND_UNKNOWN;
}

/* Formats the engine does not decode (TIFF from a scanner, BMP, GIF): through gdk-pixbuf. */
static EkycImage *
decode_with_pixbuf (const char *path)
{
  g_autoptr(GdkPixbuf) loaded = gdk_pixbuf_new_from_file (path, NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  if (loaded == NULL)
    return NULL;
  pixbuf = gdk_pixbuf_apply_embedded_orientation (loaded);
  return ekyc_image_new_from_memory_copy (gdk_pixbuf_read_pixels (pixbuf),
                                          gdk_pixbuf_get_width (pixbuf),
                                          gdk_pixbuf_get_height (pixbuf),
                                          gdk_pixbuf_get_rowstride (pixbuf),
                                          gdk_pixbuf_get_has_alpha (pixbuf)
                                          ? EKYC_PIXEL_FORMAT_RGBA : EKYC_PIXEL_FORMAT_RGB,
                                          NULL);
}

EkycImage *
_ekyc_capture_decode_image (const char *path, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  EkycImage *image;

  image = ekyc_image_new_from_file (path, &local_error);
  if (image == NULL && g_error_matches (local_error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE))
    image = decode_with_pixbuf (path);
  if (image != NULL)
    return image;
  if (g_error_matches (local_error, EKYC_ERROR, EKYC_ERROR_FILE_NOT_FOUND))
    g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_FILE_NOT_FOUND,
                 _("The file “%s” cannot be opened: check that it exists."), display);
  else if (g_error_matches (local_error, EKYC_ERROR, EKYC_ERROR_FILE_EMPTY))
    g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_NOT_MEDIA,
                 _("The file “%s” is empty (0 bytes): scan the document again or choose "
                   "another file."), display);
  else if (g_error_matches (local_error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE))
    g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_NOT_MEDIA,
                 _("The file “%s” is not an image."), display);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* An image decoded as the engine decodes it (EXIF orientation applied, which GStreamer's JPEG
 * decoder ignores), pushed once into appsrc and frozen into a 15 fps stream: the same pipeline
 * and analysis as a camera. */
static GstElement *
image_source (const char *path, GError **error)
{
  g_autoptr(EkycImage) image = _ekyc_capture_decode_image (path, error);
  g_autoptr(GstElement) appsrc = NULL;
  g_autoptr(GstElement) out = NULL;
  g_autoptr(GstPad) pad = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstVideoFormat format;
  GstVideoInfo info;
  GstMapInfo map;
  GstBuffer *buffer;
  GstElement *bin;
  int width, height;

  if (image == NULL)
    return NULL;
  switch (ekyc_image_get_format (image))
    {
    case EKYC_PIXEL_FORMAT_GRAY8: format = GST_VIDEO_FORMAT_GRAY8; break;
    case EKYC_PIXEL_FORMAT_RGB: format = GST_VIDEO_FORMAT_RGB; break;
    case EKYC_PIXEL_FORMAT_BGR: format = GST_VIDEO_FORMAT_BGR; break;
    case EKYC_PIXEL_FORMAT_RGBA: format = GST_VIDEO_FORMAT_RGBA; break;
    case EKYC_PIXEL_FORMAT_BGRA: format = GST_VIDEO_FORMAT_BGRA; break;
    case EKYC_PIXEL_FORMAT_ARGB: format = GST_VIDEO_FORMAT_ARGB; break;
    case EKYC_PIXEL_FORMAT_ABGR: format = GST_VIDEO_FORMAT_ABGR; break;
    default: g_assert_not_reached ();
    }
  width = ekyc_image_get_width (image);
  height = ekyc_image_get_height (image);
  gst_video_info_set_format (&info, format, width, height);
  GST_VIDEO_INFO_FPS_N (&info) = 0;
  GST_VIDEO_INFO_FPS_D (&info) = 1;
  buffer = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (int y = 0; y < height; y++)
    memcpy (map.data + (gsize) y * GST_VIDEO_INFO_PLANE_STRIDE (&info, 0),
            ekyc_image_get_pixels (image) + (gsize) y * ekyc_image_get_stride (image),
            (gsize) width * GST_VIDEO_INFO_COMP_PSTRIDE (&info, 0));
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = 0;

  bin = gst_parse_bin_from_description ("appsrc name=ekyc_image format=time ! imagefreeze ! "
                                        "video/x-raw,framerate=15/1 ! "
                                        "videoconvert name=ekyc_source_out", FALSE, NULL);
  if (bin == NULL)
    {
      gst_buffer_unref (buffer);
      g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_ELEMENT_NOT_FOUND,
                   _("GStreamer's base plugins are missing (appsrc, imagefreeze)."));
      return NULL;
    }
  appsrc = gst_bin_get_by_name (GST_BIN (bin), "ekyc_image");
  caps = gst_video_info_to_caps (&info);
  gst_app_src_set_caps (GST_APP_SRC (appsrc), caps);
  gst_app_src_push_buffer (GST_APP_SRC (appsrc), buffer);
  gst_app_src_end_of_stream (GST_APP_SRC (appsrc));
  out = gst_bin_get_by_name (GST_BIN (bin), "ekyc_source_out");
  pad = gst_element_get_static_pad (out, "src");
  gst_element_add_pad (bin, gst_ghost_pad_new ("src", pad));
  return bin;
}

GstElement *
_ekyc_capture_file_source (const char *path, GError **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *description = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  guint8 head[512];
  gssize n;
  MediaKind kind;
  int fd;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0 || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (fd >= 0)
        close (fd);
      g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_FILE_NOT_FOUND,
                   _("The file “%s” cannot be opened: check that it exists."), display);
      return NULL;
    }
  n = read (fd, head, sizeof head);
  close (fd);
  kind = sniff (head, MAX (n, 0));
  GST_DEBUG ("file %s sniffed as %d", path, kind);
  quoted = quote_for_launch (path);
  switch (kind)
    {
    case KIND_IMAGE:
      return image_source (path, error);
    case KIND_VIDEO:
    case KIND_UNKNOWN:
      /* decodebin names anything it cannot play on the bus: NOT_MEDIA then. */
      description = g_strdup_printf ("filesrc location=%s ! decodebin", quoted);
      break;
    case KIND_NOT_MEDIA:
    default:
      g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_NOT_MEDIA,
                   _("The file “%s” is not an image or a video."), display);
      return NULL;
    }
  return _ekyc_capture_description_source (description, error);
}

GstElement *
_ekyc_capture_build_pipeline (GstElement *source, gboolean every_frame, guint analysis_rate,
                              GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *rate = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) head = NULL;

  rate = every_frame ? g_strdup ("")
                     : g_strdup_printf ("videorate max-rate=%u drop-only=true ! ", analysis_rate);
  /* BGRA: a format both GdkMemoryTexture (GTK 4.8) and the engine take without conversion.
   * The queues do not leak: a file source must be held back by the clock-synced sinks, not
   * race ahead of them; the appsinks keep one buffer and their callbacks never block (except
   * for analyze-every-frame, which is meant to hold the source back). */
  tail = g_strdup_printf (
    "videoconvert name=head ! video/x-raw,format=BGRA ! tee name=t "
    "t. ! queue max-size-buffers=2 ! appsink name=preview max-buffers=1 drop=true sync=%s "
    "t. ! queue max-size-buffers=2 ! %s "
    "appsink name=analysis max-buffers=1 drop=%s sync=%s",
    every_frame ? "false" : "true", rate,
    every_frame ? "false" : "true", every_frame ? "false" : "true");
  pipeline = gst_parse_launch_full (tail, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &local_error);
  if (pipeline == NULL || local_error != NULL)
    {
      g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_ELEMENT_NOT_FOUND,
                   _("GStreamer's base plugins are missing: %s"),
                   local_error ? local_error->message : "");
      return NULL;
    }
  head = gst_bin_get_by_name (GST_BIN (pipeline), "head");
  gst_bin_add (GST_BIN (pipeline), source);
  if (!gst_element_link (source, head))
    {
      g_set_error (error, EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_SOURCE_FAILED,
                   _("The video source cannot be connected: does it produce video?"));
      return NULL;
    }
  return g_steal_pointer (&pipeline);
}

GError *
_ekyc_capture_map_error (const GError *gst_error, const char *debug, gboolean is_file,
                         gboolean is_device, gboolean was_ready)
{
  GST_WARNING ("pipeline error: %s (%s)", gst_error->message, debug ? debug : "");

  if (gst_error->domain == GST_CORE_ERROR
      && gst_error->code == GST_CORE_ERROR_MISSING_PLUGIN)
    return g_error_new (EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_ELEMENT_NOT_FOUND,
                        _("A GStreamer plugin needed for this source is not installed."));
  if (is_file && gst_error->domain == GST_RESOURCE_ERROR
      && (gst_error->code == GST_RESOURCE_ERROR_NOT_FOUND
          || gst_error->code == GST_RESOURCE_ERROR_OPEN_READ))
    return g_error_new (EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_FILE_NOT_FOUND,
                        _("The file cannot be opened: check that it exists."));
  if (is_file && gst_error->domain == GST_STREAM_ERROR)
    return g_error_new (EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_NOT_MEDIA,
                        _("The file is not an image or a video that can be played."));
  if (is_device && was_ready)
    return g_error_new (EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_DEVICE_LOST,
                        _("The camera stopped sending pictures: check that it is still "
                          "connected, then try again. The pictures taken so far are kept."));
  return g_error_new (EKYC_CAPTURE_ERROR, EKYC_CAPTURE_ERROR_SOURCE_FAILED,
                      _("The video source failed: %s"), gst_error->message);
}
