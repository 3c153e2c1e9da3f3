/* ekyc-qr-decode.c — QR codes in a photo: zbar in binary mode on a grey copy, then 2× regions
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Debian's OpenCV is built without quirc (it finds QR codes but cannot decode them), so zbar
 * decodes. On a card that fills a 1280-px photo the QR's modules are 3–4 px and zbar reads them
 * from the full image; on a small or blurred card they fall under 2 px and a 2× bilinear
 * upscale of the corner where the code sits gives zbar's binariser enough pixels per module.
 */
#define G_LOG_DOMAIN "ekyc-qr"
#include "config.h"

#include <string.h>
#include <zbar.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-qr-decode.h"
#include "ekyc-i18n-private.h"

/* The share of each side the corner regions cover (more than half, so they overlap). */
#define REGION_FRACTION 0.6

typedef struct {
  guint8 *pixels;
  int     width, height;
} Grey;

static const char *const pass_names[] = {
  [EKYC_QR_PASS_FULL] = "full",
  [EKYC_QR_PASS_TOP_RIGHT] = "top-right",
  [EKYC_QR_PASS_BOTTOM_RIGHT] = "bottom-right",
};

const char *
ekyc_qr_pass_name (EkycQrPass pass)
{
  if ((guint) pass < G_N_ELEMENTS (pass_names))
    return pass_names[pass];
  return "unknown";
}

void
ekyc_qr_code_free (EkycQrCode *code)
{
  if (code == NULL)
    return;
  g_free (code->data);
  g_free (code);
}

/* BT.601 luma in 8.8 fixed point, from any of the engine's pixel formats. */
static void
to_grey (const EkycImage *image, Grey *out)
{
  const guint8 *pixels = ekyc_image_get_pixels (image);
  gsize stride = ekyc_image_get_stride (image);
  int r = 0, g = 1, b = 2, bpp = 3;

  switch (ekyc_image_get_format (image))
    {
    case EKYC_PIXEL_FORMAT_GRAY8: bpp = 1; break;
    case EKYC_PIXEL_FORMAT_RGB:   break;
    case EKYC_PIXEL_FORMAT_BGR:   r = 2; b = 0; break;
    case EKYC_PIXEL_FORMAT_RGBA:  bpp = 4; break;
    case EKYC_PIXEL_FORMAT_BGRA:  bpp = 4; r = 2; b = 0; break;
    case EKYC_PIXEL_FORMAT_ARGB:  bpp = 4; r = 1; g = 2; b = 3; break;
    case EKYC_PIXEL_FORMAT_ABGR:  bpp = 4; r = 3; g = 2; b = 1; break;
    default: g_assert_not_reached ();
    }

  out->width = ekyc_image_get_width (image);
  out->height = ekyc_image_get_height (image);
  out->pixels = g_malloc ((gsize) out->width * out->height);
  for (int y = 0; y < out->height; y++)
    {
      const guint8 *row = pixels + y * stride;
      guint8 *dst = out->pixels + (gsize) y * out->width;

      if (bpp == 1)
        {
          memcpy (dst, row, out->width);
          continue;
        }
      for (int x = 0; x < out->width; x++, row += bpp)
        dst[x] = (guint8) ((row[r] * 77 + row[g] * 150 + row[b] * 29 + 128) >> 8);
    }
}

/* The region [x0, x0 + w) × [y0, y0 + h) of @src, upscaled 2× with bilinear interpolation
 * (pixel centres aligned, edges replicated). */
static void
upscale_2x (const Grey *src, int x0, int y0, int w, int h, Grey *out)
{
  out->width = 2 * w;
  out->height = 2 * h;
  out->pixels = g_malloc ((gsize) out->width * out->height);
  for (int y = 0; y < out->height; y++)
    {
      double sy = CLAMP ((y + 0.5) / 2.0 - 0.5, 0.0, h - 1.0);
      int iy = MIN ((int) sy, h - 2 < 0 ? 0 : h - 2);
      double fy = sy - iy;
      const guint8 *r0 = src->pixels + (gsize) (y0 + iy) * src->width + x0;
      const guint8 *r1 = h > 1 ? r0 + src->width : r0;
      guint8 *dst = out->pixels + (gsize) y * out->width;

      for (int x = 0; x < out->width; x++)
        {
          double sx = CLAMP ((x + 0.5) / 2.0 - 0.5, 0.0, w - 1.0);
          int ix = MIN ((int) sx, w - 2 < 0 ? 0 : w - 2);
          double fx = sx - ix;
          int ix1 = w > 1 ? ix + 1 : ix;
          double top = r0[ix] + (r0[ix1] - r0[ix]) * fx;
          double bottom = r1[ix] + (r1[ix1] - r1[ix]) * fx;

          dst[x] = (guint8) (top + (bottom - top) * fy + 0.5);
        }
    }
}

/* Runs zbar on @grey; appends what it decodes to @codes with corners mapped back through
 * (x / @scale + @x0, y / @scale + @y0). Returns FALSE when zbar fails. */
static gboolean
scan (const Grey *grey, int x0, int y0, double scale, EkycQrPass pass, GPtrArray *codes)
{
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();
  zbar_image_t *image = zbar_image_create ();
  int n;

  if (scanner == NULL || image == NULL)
    {
      if (scanner != NULL)
        zbar_image_scanner_destroy (scanner);
      if (image != NULL)
        zbar_image_destroy (image);
      return FALSE;
    }
  zbar_image_scanner_set_config (scanner, 0, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) grey->width, (unsigned) grey->height);
  /* Borrowed: no cleanup handler, the pixels outlive the zbar image. */
  zbar_image_set_data (image, grey->pixels, (unsigned long) grey->width * grey->height, NULL);

  n = zbar_scan_image (scanner, image);
  if (n > 0)
    for (const zbar_symbol_t *s = zbar_image_first_symbol (image); s != NULL;
         s = zbar_symbol_next (s))
      {
        EkycQrCode *code;
        unsigned length = zbar_symbol_get_data_length (s);
        unsigned n_loc = zbar_symbol_get_loc_size (s);

        if (zbar_symbol_get_type (s) != ZBAR_QRCODE)
          continue;
        code = g_new0 (EkycQrCode, 1);
        code->data = g_malloc (length + 1);
        memcpy (code->data, zbar_symbol_get_data (s), length);
        code->data[length] = '\0';
        code->length = length;
        code->pass = pass;
        for (unsigned i = 0; i < 4 && n_loc > 0; i++)
          {
            unsigned k = MIN (i, n_loc - 1);
            code->corners[i].x = (float) (zbar_symbol_get_loc_x (s, k) / scale + x0);
            code->corners[i].y = (float) (zbar_symbol_get_loc_y (s, k) / scale + y0);
          }
        g_ptr_array_add (codes, code);
      }
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return n >= 0;
}

GPtrArray *
ekyc_qr_decode (const EkycImage *image, GError **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  Grey grey;
  int rw, rh;
  gboolean ok;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _ekyc_i18n_init ();
  codes = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_qr_code_free);
  to_grey (image, &grey);
  ok = scan (&grey, 0, 0, 1.0, EKYC_QR_PASS_FULL, codes);

  rw = MAX (1, (int) (grey.width * REGION_FRACTION));
  rh = MAX (1, (int) (grey.height * REGION_FRACTION));
  for (EkycQrPass pass = EKYC_QR_PASS_TOP_RIGHT;
       ok && codes->len == 0 && pass <= EKYC_QR_PASS_BOTTOM_RIGHT; pass++)
    {
      int x0 = grey.width - rw;
      int y0 = pass == EKYC_QR_PASS_TOP_RIGHT ? 0 : grey.height - rh;
      Grey region;

      upscale_2x (&grey, x0, y0, rw, rh, &region);
      ok = scan (&region, x0, y0, 2.0, pass, codes);
      g_free (region.pixels);
    }
  g_free (grey.pixels);

  if (!ok)
    {
      g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_INTERNAL,
                           _("The QR code reader (zbar) could not run. The computer may be out "
                             "of memory."));
      return NULL;
    }
  return g_steal_pointer (&codes);
}
