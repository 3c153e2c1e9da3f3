/* ekyc-card-ocr-private.h — Tesseract (C API) over a rectified card: text lines with their words
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc/ekyc-image.h"

typedef struct _EkycOcr EkycOcr;

typedef struct {
  char  *text;       /* UTF-8, NFC */
  int    x0, y0, x1, y1;
  float  confidence; /* 0..100 */
} EkycOcrWord;

typedef struct {
  char   *text;      /* the words joined by single spaces, NFC */
  int     x0, y0, x1, y1;
  float   confidence;
  GArray *words;     /* of EkycOcrWord */
} EkycOcrLine;

/* Loads Tesseract with @languages ("vie", "eng"…) from @tessdata_dir (nullable: Tesseract's
 * default). Not thread-safe: one EkycOcr per thread. */
EkycOcr   *_ekyc_ocr_new  (const char *tessdata_dir, const char *languages, GError **error);
void       _ekyc_ocr_free (EkycOcr *ocr);

/* A gray copy of @image scaled by @scale (1 = as is), owned by the caller (g_free). */
guint8    *_ekyc_ocr_gray (const EkycImage *image, double scale, int *width_out, int *height_out);

/* Recognises @gray (width × height, 1 byte a pixel) in page segmentation mode @psm (Tesseract's
 * numbers: 6 block, 7 line, 11 sparse text); @whitelist nullable. Returns the lines (EkycOcrLine,
 * free with _ekyc_ocr_lines_free), boxes in @gray's pixels divided by @scale. */
GPtrArray *_ekyc_ocr_lines (EkycOcr *ocr, const guint8 *gray, int width, int height, int psm,
                            const char *whitelist, double scale);
/* The text of one line crop (PSM 7), NFC, with its mean word confidence; NULL if nothing read. */
char      *_ekyc_ocr_line_text (EkycOcr *ocr, const guint8 *gray, int width, int height,
                                const char *whitelist, float *confidence_out);

void       _ekyc_ocr_line_free (EkycOcrLine *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycOcr, _ekyc_ocr_free)
