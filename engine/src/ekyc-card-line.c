/* ekyc-card-line.c — one value line cut out of a rectified card for a closer reading, its marks whole
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The page OCR's box of a line holds its letters, not always the marks above them: the acute of
 * Ế or the tilde of Ĩ sit above the capitals, and a crop at the box cut them in half (TIẾN read
 * TIỀN, NGHĨA read NGHIA). A crop with more room takes in the next lines' marks instead. So the
 * line is cut with room, and its own extent found from the ink: from the rows of its box up and
 * down, until a run of blank rows wider than the gap between a mark and its letter. What lies
 * beyond (the label above, the next line) is painted white.
 */
#define G_LOG_DOMAIN "ekyc-card"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ekyc-card-line-private.h"
#include "ekyc-card-ocr-private.h"

/* Room looked at above and below the box, in box heights */
#define ROOM_ABOVE 0.8
#define ROOM_BELOW 0.6
/* A blank run this tall (in box heights) ends the line: a mark sits closer to its letter */
#define GAP 0.2
/* Marks stand at most this high (in box heights) above the box of a line's letters */
#define MARKS_ABOVE 0.4
/* Pixels left and right of the box */
#define PAD_X 8

/* Otsu's threshold of @gray's histogram: ink is darker. */
static int
otsu (const guint8 *gray, gsize n)
{
  guint64 hist[256] = { 0 };
  double sum = 0, sum_b = 0, best = -1;
  guint64 w_b = 0;
  int t = 128;

  for (gsize i = 0; i < n; i++)
    hist[gray[i]]++;
  for (int i = 0; i < 256; i++)
    sum += (double) i * hist[i];
  for (int i = 0; i < 256; i++)
    {
      guint64 w_f;
      double m_b, m_f, between;

      w_b += hist[i];
      if (w_b == 0)
        continue;
      w_f = n - w_b;
      if (w_f == 0)
        break;
      sum_b += (double) i * hist[i];
      m_b = sum_b / w_b;
      m_f = (sum - sum_b) / w_f;
      between = (double) w_b * w_f * (m_b - m_f) * (m_b - m_f);
      if (between > best)
        {
          best = between;
          t = i;
        }
    }
  return t;
}

guint8
_ekyc_card_gray_paper (const guint8 *gray, gsize n)
{
  guint64 hist[256] = { 0 }, paper = 0, seen = 0;
  int t;

  g_return_val_if_fail (gray != NULL || n == 0, 255);
  if (n == 0)
    return 255;
  t = otsu (gray, n);
  for (gsize i = 0; i < n; i++)
    hist[gray[i]]++;
  /* the median of the lighter of Otsu's two classes: ink, however much, is the darker */
  for (int v = t + 1; v < 256; v++)
    paper += hist[v];
  for (int v = t + 1; v < 256; v++)
    if ((seen += hist[v]) * 2 >= paper)
      return (guint8) v;
  return 255;
}

/* From row @from, walks by @step while the rows hold ink or the blank run is shorter than @gap;
 * returns the last row with ink (or @from) within [0, @h). */
static int
line_edge (const int *ink, int h, int from, int step, int gap, int limit)
{
  int last = from, blank = 0;

  for (int y = from + step; y >= 0 && y < h && (step < 0 ? y >= limit : y <= limit); y += step)
    {
      if (ink[y] > 0)
        {
          last = y;
          blank = 0;
        }
      else if (++blank >= gap)
        return last;
    }
  /* no gap before the limit: the next line touches this one; keep the old, tight room */
  return -1;
}

guint8 *
_ekyc_card_line_gray (const EkycImage *card, const EkycCardValueBox *box, double scale,
                      int *width_out, int *height_out)
{
  int cw = ekyc_image_get_width (card), ch = ekyc_image_get_height (card);
  int bh = MAX (4, box->y1 - box->y0);
  int x0 = CLAMP (box->x0 - PAD_X, 0, cw - 1), x1 = CLAMP (box->x1 + PAD_X, x0 + 1, cw);
  int y0 = CLAMP (box->y0 - (int) lround (bh * ROOM_ABOVE), 0, ch - 1);
  int y1 = CLAMP (box->y1 + (int) lround (bh * ROOM_BELOW), y0 + 1, ch);
  int w = x1 - x0, h = y1 - y0, gap = MAX (2, (int) lround (bh * GAP));
  int tight = bh / 5 + 2, top, bottom, t;
  int by0 = CLAMP (box->y0 - y0, 0, h - 1), by1 = CLAMP (box->y1 - 1 - y0, by0, h - 1);
  g_autofree guint8 *gray = NULL;
  g_autofree int *ink = g_new0 (int, h);
  g_autoptr(EkycImage) region = NULL;
  const guint8 *px = ekyc_image_get_pixels (card);
  gsize stride = ekyc_image_get_stride (card);
  int gw, gh;

  (void) gw, (void) gh;
  g_return_val_if_fail (ekyc_image_get_format (card) == EKYC_PIXEL_FORMAT_BGR, NULL);
  region = ekyc_image_new_from_memory (px + (gsize) y0 * stride + (gsize) x0 * 3, w, h, stride,
                                       EKYC_PIXEL_FORMAT_BGR, NULL, NULL, NULL);
  if (region == NULL)
    return NULL;
  gray = _ekyc_ocr_gray (region, 1.0, &gw, &gh);
  t = otsu (gray, (gsize) w * h);
  for (int y = 0; y < h; y++)
    {
      int n = 0;

      for (int x = 0; x < w; x++)
        n += gray[(gsize) y * w + x] < t;
      /* a speck or two of noise is no ink */
      ink[y] = n > 1 ? n : 0;
    }
  top = line_edge (ink, h, by0, -1, gap, 0);
  bottom = line_edge (ink, h, by1, 1, gap, h - 1);
  /* ink further up than marks reach is the line above, close enough that no gap parted them
   * (the label's last letters a few pixels above a name's stacked marks) */
  if (top < 0 || by0 - top > (int) lround (bh * MARKS_ABOVE))
    top = MAX (0, by0 - tight);
  if (bottom < 0)
    bottom = MIN (h - 1, by1 + tight);
  /* a little of the background beyond the line's own ink stays; the rest is painted white */
  top = MAX (0, top - 2);
  bottom = MIN (h - 1, bottom + 2);
  for (int y = 0; y < h; y++)
    if (y < top || y > bottom)
      memset (gray + (gsize) y * w, 255, (gsize) w);
  /* white room around the line, as on a page, but no more */
  {
    int margin = MAX (4, bh / 4), from = MAX (0, top - margin), to = MIN (h, bottom + 1 + margin);
    g_autoptr(EkycImage) cleaned = ekyc_image_new_from_memory (gray + (gsize) from * w, w,
                                                               to - from, (gsize) w,
                                                               EKYC_PIXEL_FORMAT_GRAY8, NULL,
                                                               NULL, NULL);
    if (cleaned == NULL)
      return NULL;
    return _ekyc_ocr_gray (cleaned, scale, width_out, height_out);
  }
}

guint8 *
_ekyc_card_gray_stretch (const guint8 *gray, int width, int height, double factor,
                         int *width_out)
{
  int ow = MAX (1, (int) lround (width * factor));
  guint8 *out = g_malloc ((gsize) ow * height);

  for (int x = 0; x < ow; x++)
    {
      /* linear between the two source columns around this one's centre */
      double sx = CLAMP ((x + 0.5) / factor - 0.5, 0, width - 1);
      int a = (int) sx, b = MIN (a + 1, width - 1);
      double t = sx - a;

      for (int y = 0; y < height; y++)
        {
          const guint8 *row = gray + (gsize) y * width;

          out[(gsize) y * ow + x] = (guint8) lround (row[a] * (1 - t) + row[b] * t);
        }
    }
  *width_out = ow;
  return out;
}

int
_ekyc_card_gray_value_width (const guint8 *gray, int width, int height, int row0, int row1,
                             int line_height)
{
  g_autofree gboolean *ink = g_new0 (gboolean, width);
  int t = otsu (gray, (gsize) width * height);
  int first = -1, blank = 0, gap = MAX (2, line_height / 2);

  row0 = CLAMP (row0, 0, height - 1);
  row1 = CLAMP (row1, row0 + 1, height);
  for (int x = 0; x < width; x++)
    {
      int n = 0;

      for (int y = row0; y < row1; y++)
        n += gray[(gsize) y * width + x] < t;
      ink[x] = n > 1;
    }
  for (int x = 0; x < width; x++)
    {
      if (ink[x])
        {
          if (first < 0)
            first = x;
          blank = 0;
          continue;
        }
      /* a gap half a line high, past a line and a half of ink (not the colon's gap before the
       * value): the value ended, what follows is another column's text */
      if (first >= 0 && ++blank >= gap && x - blank - first >= line_height * 3 / 2)
        return MIN (width, x - blank + 1 + gap);
    }
  return width;
}
