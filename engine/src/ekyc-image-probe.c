/* ekyc-image-probe.c — read an encoded image's kind and size from its header, before decoding
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Decoders accept truncated files (libjpeg pads the missing rows with grey) and will try to
 * allocate whatever a header claims. Both are wrong for evidence: this pure-C reader looks at the
 * container first, so a cut-off upload or a decompression bomb gets a clear error.
 */
#define G_LOG_DOMAIN "ekyc-image"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-image.h"
#include "ekyc-image-probe.h"

static guint32
be16 (const guint8 *p)
{
  return ((guint32) p[0] << 8) | p[1];
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
le16 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8);
}

static guint32
le24 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

static guint32
le32 (const guint8 *p)
{
  return le24 (p) | ((guint32) p[3] << 24);
}

static gboolean
truncated (GError **error)
{
  g_set_error (error, EKYC_ERROR, EKYC_ERROR_IMAGE_TRUNCATED,
               _("The image file is incomplete (it was cut off while copying or uploading). "
                 "Take or copy the picture again."));
  return FALSE;
}

static gboolean
is_sof_marker (guint8 m)
{
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static gboolean
probe_jpeg (const guint8 *d, gsize len, EkycImageInfo *info, GError **error)
{
  gsize pos = 2;
  gboolean have_size = FALSE;

  while (pos + 4 <= len)
    {
      guint8 marker;
      guint32 seglen;

      if (d[pos] != 0xFF)
        {
          g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                       _("The JPEG file is damaged (bad marker at byte %lu)."),
                       (unsigned long) pos);
          return FALSE;
        }
      marker = d[pos + 1];
      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01)
        {
          pos += 2;
          continue;
        }
      if (marker == 0xD9)
        break;
      seglen = be16 (d + pos + 2);
      if (seglen < 2 || pos + 2 + seglen > len)
        return truncated (error);
      if (is_sof_marker (marker))
        {
          if (seglen < 7)
            return truncated (error);
          info->height = be16 (d + pos + 5);
          info->width = be16 (d + pos + 7);
          have_size = TRUE;
        }
      if (marker == 0xDA)
        {
          /* Entropy-coded data: 0xFF is stuffed as FF 00 and restart markers are FF D0..D7,
           * so the first FF D9 after the scan header is the end of the image. */
          gsize i;
          if (!have_size)
            break;
          for (i = len - 1; i > pos + 2 + seglen; i--)
            if (d[i] == 0xD9 && d[i - 1] == 0xFF)
              return TRUE;
          return truncated (error);
        }
      pos += 2 + seglen;
    }
  if (!have_size)
    {
      if (pos + 4 > len)
        return truncated (error);
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                   _("The JPEG file has no image frame."));
      return FALSE;
    }
  return truncated (error);
}

static gboolean
probe_png (const guint8 *d, gsize len, EkycImageInfo *info, GError **error)
{
  static const guint8 iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82 };
  gsize i;

  if (len < 33 || memcmp (d + 12, "IHDR", 4) != 0)
    return truncated (error);
  info->width = be32 (d + 16);
  info->height = be32 (d + 20);
  /* IEND closes the file; tolerate trailing bytes after it. */
  for (i = len - sizeof iend + 1; i-- > 33;)
    if (memcmp (d + i, iend, sizeof iend) == 0)
      return TRUE;
  return truncated (error);
}

static gboolean
probe_webp (const guint8 *d, gsize len, EkycImageInfo *info, GError **error)
{
  guint32 riff_size = le32 (d + 4);

  if ((gsize) riff_size + 8 > len || len < 30)
    return truncated (error);
  if (memcmp (d + 12, "VP8 ", 4) == 0)
    {
      /* Two 16-bit fields, 14 bits of size and 2 of scale; bytes 26..29, inside len >= 30. */
      info->width = le16 (d + 26) & 0x3FFF;
      info->height = le16 (d + 28) & 0x3FFF;
    }
  else if (memcmp (d + 12, "VP8L", 4) == 0)
    {
      guint32 bits = le32 (d + 21);
      info->width = (bits & 0x3FFF) + 1;
      info->height = ((bits >> 14) & 0x3FFF) + 1;
    }
  else if (memcmp (d + 12, "VP8X", 4) == 0)
    {
      info->width = le24 (d + 24) + 1;
      info->height = le24 (d + 27) + 1;
    }
  else
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                   _("The WebP file uses an unknown encoding."));
      return FALSE;
    }
  return TRUE;
}

/* JPEG 2000 (ISO/IEC 15444-1), as a chip's DG2 may hold the portrait: a raw codestream
 * (SOC FF4F then SIZ FF51: Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz) or a JP2 file, boxes of
 * (length, type) whose jp2h box holds ihdr (height, width). Either ends with EOC FFD9. */
static gboolean
probe_j2k_codestream (const guint8 *d, gsize len, EkycImageInfo *info, GError **error)
{
  guint32 x, y, x0, y0;

  if (len < 4 + 2 + 2 + 16 + 2)
    return truncated (error);
  x = be32 (d + 8);
  y = be32 (d + 12);
  x0 = be32 (d + 16);
  y0 = be32 (d + 20);
  if (x <= x0 || y <= y0)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                   _("The image header gives a size of zero pixels."));
      return FALSE;
    }
  info->width = x - x0;
  info->height = y - y0;
  if (d[len - 2] != 0xFF || d[len - 1] != 0xD9)
    return truncated (error);
  return TRUE;
}

static gboolean
probe_jp2 (const guint8 *d, gsize len, EkycImageInfo *info, GError **error)
{
  gboolean have_header = FALSE;
  gsize i = 0;

  while (i + 8 <= len)
    {
      guint64 box = be32 (d + i);
      gsize header = 8;

      if (box == 1)
        {
          if (i + 16 > len)
            return truncated (error);
          box = ((guint64) be32 (d + i + 8) << 32) | be32 (d + i + 12);
          header = 16;
        }
      else if (box == 0)
        box = len - i;
      if (box < header || box > len - i)
        return truncated (error);
      if (memcmp (d + i + 4, "jp2h", 4) == 0 && box >= header + 8 + 8
          && memcmp (d + i + header + 4, "ihdr", 4) == 0)
        {
          info->height = be32 (d + i + header + 8);
          info->width = be32 (d + i + header + 12);
          have_header = TRUE;
        }
      else if (memcmp (d + i + 4, "jp2c", 4) == 0)
        {
          if (!have_header)
            break;
          return probe_j2k_codestream (d + i + header, box - header, &(EkycImageInfo) { 0 },
                                       error);
        }
      i += box;
    }
  if (!have_header)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                   _("The image header gives a size of zero pixels."));
      return FALSE;
    }
  return truncated (error);
}

gboolean
_ekyc_image_probe (const guint8 *data, gsize length, EkycImageInfo *info, GError **error)
{
  static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  static const guint8 jp2_signature[] = { 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87,
                                          0x0A };
  static const guint8 j2k_signature[] = { 0xFF, 0x4F, 0xFF, 0x51 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (length == 0)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_FILE_EMPTY,
                   _("The image file is empty (0 bytes)."));
      return FALSE;
    }
  if (length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    {
      info->kind = EKYC_IMAGE_KIND_JPEG;
      ok = probe_jpeg (data, length, info, error);
    }
  else if (length >= 8 && memcmp (data, png_signature, 8) == 0)
    {
      info->kind = EKYC_IMAGE_KIND_PNG;
      ok = probe_png (data, length, info, error);
    }
  else if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    {
      info->kind = EKYC_IMAGE_KIND_WEBP;
      ok = probe_webp (data, length, info, error);
    }
  else if (length >= 12 && memcmp (data, jp2_signature, 12) == 0)
    {
      info->kind = EKYC_IMAGE_KIND_JPEG2000;
      ok = probe_jp2 (data, length, info, error);
    }
  else if (length >= 4 && memcmp (data, j2k_signature, 4) == 0)
    {
      info->kind = EKYC_IMAGE_KIND_JPEG2000;
      ok = probe_j2k_codestream (data, length, info, error);
    }
  else
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                   _("This file is not a picture the engine can read: use JPEG, PNG or WebP."));
      return FALSE;
    }
  if (!ok)
    return FALSE;
  if (info->width == 0 || info->height == 0)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_NOT_AN_IMAGE,
                   _("The image header gives a size of zero pixels."));
      return FALSE;
    }
  if (info->width > EKYC_IMAGE_MAX_SIDE || info->height > EKYC_IMAGE_MAX_SIDE ||
      (guint64) info->width * info->height > EKYC_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_IMAGE_TOO_LARGE,
                   _("The image is too large (%u × %u pixels; at most %u megapixels). "
                     "Scan or photograph it at a lower resolution."),
                   info->width, info->height, EKYC_IMAGE_MAX_PIXELS / 1000000u);
      return FALSE;
    }
  return TRUE;
}
