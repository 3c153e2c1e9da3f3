/* ekyc-qr-decode.c — QR codes in a photo: zbar in binary mode on a grey copy, then sharpened
 * close-ups of the places a card's QR code sits
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Debian's OpenCV is built without quirc (it finds QR codes but cannot decode them), so zbar
 * decodes. On a card that fills a 1280-px photo the QR's modules are 3–4 px and zbar reads them
 * from the full image (the only pass a clean card pays for). On a small or blurred card they
 * fall under 2 px: the place of the code is then sampled again straight from the photo, bicubic,
 * at about 6 px per module, and sharpened with an unsharp mask (ekyc-cv-qr.cpp). Where the card
 * was found that place is the card's top-right corner (both layouts: the 2021 CCCD's front, the
 * 2024 Căn cước's back), then the bottom-left one (a card upside down; first when the detector
 * saw it upside down); then, or where no card was found, the top-right and bottom-right regions
 * of the photo at 2×. zbar, the dearest step, runs on a close-up only when it shows a QR code's
 * three finder patterns (ekyc-cv-qr.cpp): a side without a code (a 2021 back, a 2024 front)
 * pays for the samples and that check alone.
 */
#define G_LOG_DOMAIN "ekyc-qr"
#include "config.h"

#include <string.h>
#include <zbar.h>
#include <glib/gi18n-lib.h>

#include "ekyc/ekyc-error.h"
#include "ekyc/ekyc-qr-decode.h"
#include "ekyc-i18n-private.h"
#include "ekyc-image-private.h"
#include "ekyc-qr-decode-private.h"

/* The share of each side the photo's corner regions cover (more than half, so they overlap). */
#define REGION_FRACTION 0.6

/* The card's top-right corner, as fractions of its width and height: the 2021 CCCD's QR lies at
 * 70–84.5 mm × 2.4–16.9 mm of the 85.6 × 54 mm front, the 2024 Căn cước's at 65.8–83.8 ×
 * 2.2–20.2 mm of the back; a few mm more on each side for an outline found a little off. */
static const double card_top_right[4] = { 0.70, 0.0, 1.0, 0.48 };
static const double card_bottom_left[4] = { 0.0, 0.52, 0.30, 1.0 };
/* The corner sampled at 512 px square: about 20 px per mm, 6 px per module of a 45-module code
 * of 14.5 mm. */
#define CARD_CORNER_SIZE 512
/* The unsharp mask at the corner's scale: Gaussian sigma about half a module, the detail
 * tripled (amount 2) — measured best of sigma 1–3 px, amount 1–2, at 14–26 px per mm. */
#define UNSHARP_SIGMA 3.0
#define UNSHARP_AMOUNT 2.0
/* ...and on the photo's regions sampled at 2×, where a module is 3–5 px */
#define REGION_SIGMA 2.0
/* The finder patterns are looked for against the mean of a square about two of them wide: 7
 * modules of 6 px in the card's corner, of 3–7 px in the photo's regions at 2× */
#define CARD_FINDER_BLOCK 81
#define REGION_FINDER_BLOCK 61

typedef struct {
  guint8 *pixels;
  int     width, height;
} Grey;

static const char *const pass_names[] = {
  [EKYC_QR_PASS_FULL] = "full",
  [EKYC_QR_PASS_TOP_RIGHT] = "top-right",
  [EKYC_QR_PASS_BOTTOM_RIGHT] = "bottom-right",
  [EKYC_QR_PASS_CARD_TOP_RIGHT] = "card-top-right",
  [EKYC_QR_PASS_CARD_BOTTOM_LEFT] = "card-bottom-left",
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

/* The part @region of the quad @corners of @image, sampled into a new @width × @height grey
 * buffer and sharpened; @to_image (3×3, row-major) receives the homography from the buffer's
 * pixel-edge coordinates back to the image's. FALSE when OpenCV fails. */
static gboolean
sample (const EkycImage *image, const double corners[8], const double region[4], int width,
        int height, double sigma, Grey *out, double to_image[9])
{
  g_autofree char *message = NULL;
  EkycCvView view;

  _ekyc_image_get_view (image, &view);
  out->width = width;
  out->height = height;
  out->pixels = g_malloc ((gsize) width * height);
  if (!_ekyc_cv_qr_sample (&view, corners, region, width, height, sigma, UNSHARP_AMOUNT,
                           out->pixels, to_image, &message))
    {
      g_warning ("QR close-up: %s", message);
      g_clear_pointer (&out->pixels, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Runs zbar on @grey; appends what it decodes to @codes with corners mapped back to the image
 * through the homography @to_image (NULL: the identity). Returns FALSE when zbar fails. */
static gboolean
scan (const Grey *grey, const double *to_image, EkycQrPass pass, GPtrArray *codes)
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
            double x = zbar_symbol_get_loc_x (s, k), y = zbar_symbol_get_loc_y (s, k);

            if (to_image != NULL)
              {
                /* zbar's points are pixel indices: their centres are at +0.5 */
                const double *m = to_image;
                double u = x + 0.5, v = y + 0.5, w = m[6] * u + m[7] * v + m[8];

                x = (m[0] * u + m[1] * v + m[2]) / w - 0.5;
                y = (m[3] * u + m[4] * v + m[5]) / w - 0.5;
              }
            code->corners[i].x = (float) x;
            code->corners[i].y = (float) y;
          }
        g_ptr_array_add (codes, code);
      }
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return n >= 0;
}

/* Samples the close-up of @pass (not EKYC_QR_PASS_FULL) into @out: the card's corner of @card,
 * found, or the photo's region. FALSE when OpenCV fails. */
static gboolean
close_up (const EkycImage *image, const EkycCardDetection *card, EkycQrPass pass, Grey *out,
          double to_image[9])
{
  int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
  const double top_right[4] = { 1.0 - REGION_FRACTION, 0.0, 1.0, REGION_FRACTION };
  const double bottom_right[4] = { 1.0 - REGION_FRACTION, 1.0 - REGION_FRACTION, 1.0, 1.0 };
  double corners[8] = { 0, 0, w, 0, w, h, 0, h };

  switch (pass)
    {
    case EKYC_QR_PASS_CARD_TOP_RIGHT:
    case EKYC_QR_PASS_CARD_BOTTOM_LEFT:
      g_assert (card != NULL && card->found);
      for (int i = 0; i < 4; i++)
        {
          corners[2 * i] = card->corners[i].x;
          corners[2 * i + 1] = card->corners[i].y;
        }
      return sample (image, corners,
                     pass == EKYC_QR_PASS_CARD_TOP_RIGHT ? card_top_right : card_bottom_left,
                     CARD_CORNER_SIZE, CARD_CORNER_SIZE, UNSHARP_SIGMA, out, to_image);
    case EKYC_QR_PASS_TOP_RIGHT:
    case EKYC_QR_PASS_BOTTOM_RIGHT:
      return sample (image, corners, pass == EKYC_QR_PASS_TOP_RIGHT ? top_right : bottom_right,
                     MAX (1, (int) (2 * w * REGION_FRACTION)),
                     MAX (1, (int) (2 * h * REGION_FRACTION)), REGION_SIGMA, out, to_image);
    case EKYC_QR_PASS_FULL:
    default:
      g_assert_not_reached ();
    }
}

/* Whether the sampled close-up of @pass shows a QR code's three finder patterns (-1: OpenCV
 * failed). */
static int
shows_finders (const Grey *grey, EkycQrPass pass)
{
  gboolean card = pass == EKYC_QR_PASS_CARD_TOP_RIGHT || pass == EKYC_QR_PASS_CARD_BOTTOM_LEFT;

  return _ekyc_cv_qr_has_finders (grey->pixels, grey->width, grey->height,
                                  card ? CARD_FINDER_BLOCK : REGION_FINDER_BLOCK, NULL);
}

int
_ekyc_qr_close_up_shows_finders (const EkycImage *image, const EkycCardDetection *card,
                                 EkycQrPass pass)
{
  Grey grey;
  double to_image[9];
  int finders;

  g_return_val_if_fail (image != NULL && pass != EKYC_QR_PASS_FULL, -1);
  if (!close_up (image, card, pass, &grey, to_image))
    return -1;
  finders = shows_finders (&grey, pass);
  g_free (grey.pixels);
  return finders;
}

/* One close-up pass: sampled, sharpened, scanned by zbar when it shows a QR code's finder
 * patterns. FALSE when zbar fails. */
static gboolean
scan_close_up (const EkycImage *image, const EkycCardDetection *card, EkycQrPass pass,
               GPtrArray *codes)
{
  Grey grey;
  double to_image[9];
  gboolean ok;
  int finders;
  gint64 t0 = g_get_monotonic_time (), t1, t2;

  if (!close_up (image, card, pass, &grey, to_image))
    return TRUE;   /* OpenCV failing on one region is not zbar failing: the next may work */
  t1 = g_get_monotonic_time ();
  /* zbar takes 3–10 times longer than the sampling and the finder check: run it only where a
   * code shows its three finder patterns (a 2021 back's corners, a 2024 front's, show none) */
  finders = shows_finders (&grey, pass);
  t2 = g_get_monotonic_time ();
  ok = finders == 0 || scan (&grey, to_image, pass, codes);
  g_free (grey.pixels);
  if (g_strcmp0 (g_getenv ("EKYC_CARD_DEBUG"), "time") == 0)
    g_printerr ("qr %-16s sample %5.1f ms, finders %5.1f ms (%s), zbar %5.1f ms\n",
                ekyc_qr_pass_name (pass), (t1 - t0) / 1e3, (t2 - t1) / 1e3,
                finders == 0 ? "none" : "seen", (g_get_monotonic_time () - t2) / 1e3);
  return ok;
}

GPtrArray *
ekyc_qr_decode_card (const EkycImage *image, const EkycCardDetection *card, GError **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  Grey grey;
  gboolean ok;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _ekyc_i18n_init ();
  codes = g_ptr_array_new_with_free_func ((GDestroyNotify) ekyc_qr_code_free);
  to_grey (image, &grey);
  ok = scan (&grey, NULL, EKYC_QR_PASS_FULL, codes);
  g_free (grey.pixels);

  if (ok && codes->len == 0 && card != NULL && card->found)
    {
      /* the corner the card's top-right is seen at first: the bottom-left of a card the
       * detector saw upside down */
      EkycQrPass first = card->upside_down ? EKYC_QR_PASS_CARD_BOTTOM_LEFT
                                           : EKYC_QR_PASS_CARD_TOP_RIGHT;
      EkycQrPass second = card->upside_down ? EKYC_QR_PASS_CARD_TOP_RIGHT
                                            : EKYC_QR_PASS_CARD_BOTTOM_LEFT;

      ok = scan_close_up (image, card, first, codes);
      if (ok && codes->len == 0)
        ok = scan_close_up (image, card, second, codes);
    }
  /* no card, or one whose corners held no code (an outline found around something else: the
   * portrait) */
  if (ok && codes->len == 0)
    ok = scan_close_up (image, NULL, EKYC_QR_PASS_TOP_RIGHT, codes);
  if (ok && codes->len == 0)
    ok = scan_close_up (image, NULL, EKYC_QR_PASS_BOTTOM_RIGHT, codes);

  if (!ok)
    {
      g_set_error_literal (error, EKYC_ERROR, EKYC_ERROR_INTERNAL,
                           _("The QR code reader (zbar) could not run. The computer may be out "
                             "of memory."));
      return NULL;
    }
  return g_steal_pointer (&codes);
}

GPtrArray *
ekyc_qr_decode (const EkycImage *image, GError **error)
{
  return ekyc_qr_decode_card (image, NULL, error);
}
