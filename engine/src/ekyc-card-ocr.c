/* ekyc-card-ocr.c — Tesseract through its C API: lines and words with boxes and confidences
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tesseract's LSTM engine with the `vie` model reads Vietnamese with its diacritics. The card
 * reader runs it once over the whole rectified card (sparse text, to find the printed labels) and
 * then line by line on the value boxes the labels point to (see ekyc-card-fields.c).
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "ekyc/ekyc-error.h"
#include "ekyc-card-ocr-private.h"
#include "ekyc-i18n-private.h"

struct _EkycOcr {
  TessBaseAPI *api;
};

/* Debian's Tesseract runs its LSTM in OpenMP parallel regions of 4 threads. On a loaded machine
 * (and beside the reader's own thread per card side) they spin and wait: a card side took 4.7 s
 * of wall and 2.7 s of CPU with them, 1.3 s and 1.3 s without (OMP_THREAD_LIMIT=1). libgomp keeps
 * the active-levels limit per thread, so it is set to 0 (every parallel region runs on the
 * calling thread alone) on each thread before it recognises. Looked up at run time: a Tesseract
 * built without OpenMP has no libgomp loaded, and there is nothing to turn off. A limit the user
 * sets in OMP_THREAD_LIMIT is left to libgomp. */
static void
single_threaded_lstm (void)
{
  static void (*set_max_active_levels) (int) = NULL;
  static gsize looked_up = 0;

  if (g_once_init_enter (&looked_up))
    {
      if (g_getenv ("OMP_THREAD_LIMIT") == NULL)
        set_max_active_levels = (void (*) (int)) dlsym (RTLD_DEFAULT, "omp_set_max_active_levels");
      g_once_init_leave (&looked_up, 1);
    }
  if (set_max_active_levels != NULL)
    set_max_active_levels (0);
}

EkycOcr *
_ekyc_ocr_new (const char *tessdata_dir, const char *languages, GError **error)
{
  EkycOcr *ocr = g_new0 (EkycOcr, 1);

  _ekyc_i18n_init ();
  /* Leptonica reports clipped boxes on stderr; they are not errors of ours */
  setMsgSeverity (L_SEVERITY_NONE);
  ocr->api = TessBaseAPICreate ();
  if (TessBaseAPIInit2 (ocr->api, tessdata_dir, languages, OEM_LSTM_ONLY) != 0)
    {
      g_set_error (error, EKYC_ERROR, EKYC_ERROR_MODEL_MISSING,
                   _("The text recognition model “%s” is not installed (Debian package "
                     "tesseract-ocr-%s)."), languages, languages);
      _ekyc_ocr_free (ocr);
      return NULL;
    }
  TessBaseAPISetVariable (ocr->api, "debug_file", "/dev/null");
  /* A card is not a dictionary text: names and numbers must be read as printed. */
  TessBaseAPISetVariable (ocr->api, "load_system_dawg", "0");
  TessBaseAPISetVariable (ocr->api, "load_freq_dawg", "0");
  return ocr;
}

void
_ekyc_ocr_free (EkycOcr *ocr)
{
  if (ocr == NULL)
    return;
  if (ocr->api != NULL)
    {
      TessBaseAPIEnd (ocr->api);
      TessBaseAPIDelete (ocr->api);
    }
  g_free (ocr);
}

guint8 *
_ekyc_ocr_gray (const EkycImage *image, double scale, int *width_out, int *height_out)
{
  int w = ekyc_image_get_width (image), h = ekyc_image_get_height (image);
  int ow = MAX (1, (int) lround (w * scale)), oh = MAX (1, (int) lround (h * scale));
  const guint8 *px = ekyc_image_get_pixels (image);
  gsize stride = ekyc_image_get_stride (image);
  EkycPixelFormat format = ekyc_image_get_format (image);
  int bpp = format == EKYC_PIXEL_FORMAT_GRAY8 ? 1
          : format == EKYC_PIXEL_FORMAT_RGB || format == EKYC_PIXEL_FORMAT_BGR ? 3 : 4;
  int off = format == EKYC_PIXEL_FORMAT_ARGB || format == EKYC_PIXEL_FORMAT_ABGR ? 1 : 0;
  g_autofree guint8 *full = g_malloc ((gsize) w * h);
  guint8 *out;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = px + y * stride + (gsize) x * bpp + off;
        /* the darkest channel: coloured print and pale guilloche both turn light, ink stays dark */
        full[(gsize) y * w + x] = bpp == 1 ? p[0] : MIN (p[0], MIN (p[1], p[2]));
      }
  if (ow == w && oh == h)
    {
      *width_out = w;
      *height_out = h;
      return g_steal_pointer (&full);
    }
  out = g_malloc ((gsize) ow * oh);
  /* bilinear */
  for (int y = 0; y < oh; y++)
    {
      double sy = CLAMP ((y + 0.5) / scale - 0.5, 0, h - 1);
      int y0 = (int) sy, y1 = MIN (y0 + 1, h - 1);
      double fy = sy - y0;

      for (int x = 0; x < ow; x++)
        {
          double sx = CLAMP ((x + 0.5) / scale - 0.5, 0, w - 1);
          int x0 = (int) sx, x1 = MIN (x0 + 1, w - 1);
          double fx = sx - x0;
          double v = (1 - fy) * ((1 - fx) * full[(gsize) y0 * w + x0] + fx * full[(gsize) y0 * w + x1])
                     + fy * ((1 - fx) * full[(gsize) y1 * w + x0] + fx * full[(gsize) y1 * w + x1]);
          out[(gsize) y * ow + x] = (guint8) CLAMP (lround (v), 0, 255);
        }
    }
  *width_out = ow;
  *height_out = oh;
  return out;
}

void
_ekyc_ocr_line_free (EkycOcrLine *line)
{
  if (line == NULL)
    return;
  g_free (line->text);
  for (guint i = 0; line->words != NULL && i < line->words->len; i++)
    g_free (g_array_index (line->words, EkycOcrWord, i).text);
  g_clear_pointer (&line->words, g_array_unref);
  g_free (line);
}

static char *
nfc_text (char *tess_text)
{
  char *text;

  if (tess_text == NULL)
    return NULL;
  text = g_utf8_normalize (tess_text, -1, G_NORMALIZE_NFC);
  TessDeleteText (tess_text);
  if (text != NULL)
    g_strstrip (text);
  return text;
}

static void
prepare (EkycOcr *ocr, const guint8 *gray, int width, int height, int psm, const char *whitelist)
{
  single_threaded_lstm ();
  TessBaseAPISetPageSegMode (ocr->api, (TessPageSegMode) psm);
  TessBaseAPISetVariable (ocr->api, "tessedit_char_whitelist", whitelist ? whitelist : "");
  TessBaseAPISetImage (ocr->api, gray, width, height, 1, width);
  TessBaseAPISetSourceResolution (ocr->api, 300);
}

GPtrArray *
_ekyc_ocr_lines (EkycOcr *ocr, const guint8 *gray, int width, int height, int psm,
                 const char *whitelist, double scale)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) _ekyc_ocr_line_free);
  TessResultIterator *it;
  EkycOcrLine *line = NULL;

  g_assert (ocr != NULL && gray != NULL && scale > 0);
  prepare (ocr, gray, width, height, psm, whitelist);
  if (TessBaseAPIRecognize (ocr->api, NULL) != 0)
    return lines;
  it = TessBaseAPIGetIterator (ocr->api);
  if (it == NULL)
    return lines;
  do
    {
      TessPageIterator *page = TessResultIteratorGetPageIterator (it);
      EkycOcrWord word = { 0 };
      int x0, y0, x1, y1;

      if (TessPageIteratorIsAtBeginningOf (page, RIL_TEXTLINE) || line == NULL)
        {
          line = g_new0 (EkycOcrLine, 1);
          line->words = g_array_new (FALSE, FALSE, sizeof (EkycOcrWord));
          line->x0 = line->y0 = G_MAXINT;
          line->x1 = line->y1 = G_MININT;
          g_ptr_array_add (lines, line);
        }
      word.text = nfc_text (TessResultIteratorGetUTF8Text (it, RIL_WORD));
      if (word.text == NULL || word.text[0] == '\0'
          || !TessPageIteratorBoundingBox (page, RIL_WORD, &x0, &y0, &x1, &y1))
        {
          g_free (word.text);
          continue;
        }
      word.x0 = (int) (x0 / scale);
      word.y0 = (int) (y0 / scale);
      word.x1 = (int) ceil (x1 / scale);
      word.y1 = (int) ceil (y1 / scale);
      word.confidence = TessResultIteratorConfidence (it, RIL_WORD);
      g_array_append_val (line->words, word);
      line->x0 = MIN (line->x0, word.x0);
      line->y0 = MIN (line->y0, word.y0);
      line->x1 = MAX (line->x1, word.x1);
      line->y1 = MAX (line->y1, word.y1);
    }
  while (TessResultIteratorNext (it, RIL_WORD));
  TessResultIteratorDelete (it);

  for (guint i = lines->len; i-- > 0;)
    {
      EkycOcrLine *l = g_ptr_array_index (lines, i);
      GString *text = g_string_new (NULL);
      double sum = 0;

      if (l->words->len == 0)
        {
          g_ptr_array_remove_index (lines, i);
          continue;
        }
      for (guint j = 0; j < l->words->len; j++)
        {
          EkycOcrWord *w = &g_array_index (l->words, EkycOcrWord, j);
          if (j > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, w->text);
          sum += w->confidence;
        }
      l->text = g_string_free (text, FALSE);
      l->confidence = (float) (sum / l->words->len);
    }
  return lines;
}

char *
_ekyc_ocr_line_text (EkycOcr *ocr, const guint8 *gray, int width, int height,
                     const char *whitelist, float *confidence_out)
{
  char *text;

  g_assert (ocr != NULL && gray != NULL);
  prepare (ocr, gray, width, height, 7, whitelist);
  if (TessBaseAPIRecognize (ocr->api, NULL) != 0)
    return NULL;
  text = nfc_text (TessBaseAPIGetUTF8Text (ocr->api));
  if (confidence_out != NULL)
    *confidence_out = (float) TessBaseAPIMeanTextConf (ocr->api);
  if (text != NULL)
    {
      /* one line: Tesseract may end it with a newline or split it */
      for (char *p = text; *p; p++)
        if (*p == '\n')
          *p = ' ';
      g_strstrip (text);
      if (text[0] == '\0')
        g_clear_pointer (&text, g_free);
    }
  return text;
}
