/* ekyc-cv-qr.cpp — a QR code's region sampled large and sharp for zbar
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * On a small or blurred card the QR's modules are under 2 px and soft; zbar's own binariser
 * then merges them. Sampling the region straight from the photo (one interpolation, bicubic) at
 * about 6 px per module and boosting the contrast of fine detail with an unsharp mask gives it
 * cleaner edges to threshold (BENCHMARKS.md, "the QR on the card"). Where the region is a plain
 * scaling of a whole-pixel crop (the photo's own regions), cv::resize samples it, a fifth of
 * the warp's time. zbar costs several times the sampling, so the caller first asks whether the
 * close-up shows a QR code's three finder patterns at all (a 2021 back's corners do not).
 */
#include "config.h"

#include <glib.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "ekyc-cv.h"
#include "ekyc-cv-private.hpp"

namespace {

/* BT.601 luma of a patch in the view's channel order. */
cv::Mat
to_grey (const cv::Mat &patch, EkycCvOrder order)
{
  cv::Mat grey;
  switch (order)
    {
    case EKYC_CV_ORDER_GRAY: grey = patch; break;
    case EKYC_CV_ORDER_RGB: cv::cvtColor (patch, grey, cv::COLOR_RGB2GRAY); break;
    case EKYC_CV_ORDER_BGR: cv::cvtColor (patch, grey, cv::COLOR_BGR2GRAY); break;
    case EKYC_CV_ORDER_RGBA: cv::cvtColor (patch, grey, cv::COLOR_RGBA2GRAY); break;
    case EKYC_CV_ORDER_BGRA: cv::cvtColor (patch, grey, cv::COLOR_BGRA2GRAY); break;
    case EKYC_CV_ORDER_ARGB:
    case EKYC_CV_ORDER_ABGR:
      {
        /* drop the leading alpha byte, then treat as RGB / BGR */
        cv::Mat three (patch.rows, patch.cols, CV_8UC3);
        int from_to[] = { 1, 0, 2, 1, 3, 2 };
        cv::mixChannels (&patch, 1, &three, 1, from_to, 3);
        cv::cvtColor (three, grey, order == EKYC_CV_ORDER_ARGB ? cv::COLOR_RGB2GRAY
                                                               : cv::COLOR_BGR2GRAY);
      }
      break;
    }
  return grey;
}

/* Whether the homography @m (output pixel indices → source pixel indices) is a plain scaling
 * of a whole-pixel crop of the source, the same one cv::resize () samples: no rotation, shear or
 * perspective, and the output's edges on the crop's pixel edges (within a hundredth of a
 * pixel). */
bool
axis_aligned_crop (const cv::Mat &m, int width, int height, cv::Size source, cv::Rect *crop)
{
  const double eps = 1e-6, px = 0.01;
  double w = m.at<double> (2, 2);

  if (std::fabs (m.at<double> (0, 1)) > eps || std::fabs (m.at<double> (1, 0)) > eps
      || std::fabs (m.at<double> (2, 0)) > eps || std::fabs (m.at<double> (2, 1)) > eps
      || std::fabs (w) < eps)
    return false;
  /* source edge = scale · output edge + offset, with the output's edge 0 at the pixel centre
   * -0.5 */
  double sx = m.at<double> (0, 0) / w, sy = m.at<double> (1, 1) / w;
  double x0 = m.at<double> (0, 2) / w + 0.5 - 0.5 * sx, y0 = m.at<double> (1, 2) / w + 0.5 - 0.5 * sy;
  double x1 = x0 + sx * width, y1 = y0 + sy * height;
  int ix0 = (int) std::lround (x0), iy0 = (int) std::lround (y0);
  int ix1 = (int) std::lround (x1), iy1 = (int) std::lround (y1);

  if (sx <= 0 || sy <= 0 || std::fabs (x0 - ix0) > px || std::fabs (y0 - iy0) > px
      || std::fabs (x1 - ix1) > px || std::fabs (y1 - iy1) > px || ix0 < 0 || iy0 < 0
      || ix1 > source.width || iy1 > source.height || ix1 <= ix0 || iy1 <= iy0)
    return false;
  *crop = cv::Rect (ix0, iy0, ix1 - ix0, iy1 - iy0);
  return true;
}

/* The runs of one line of a binary image (0 light, 1 dark), alternating from @first. */
struct Runs {
  std::vector<int> length;   /* px */
  std::vector<int> start;
  int first_dark;            /* whether runs[0] is dark */
};

void
line_runs (const uint8_t *line, int n, ptrdiff_t step, Runs *runs)
{
  runs->length.clear ();
  runs->start.clear ();
  if (n == 0)
    return;
  runs->first_dark = line[0] != 0;
  int start = 0;
  for (int i = 1; i <= n; i++)
    if (i == n || (line[i * step] != 0) != (line[(i - 1) * step] != 0))
      {
        runs->start.push_back (start);
        runs->length.push_back (i - start);
        start = i;
      }
}

/* Do five runs (dark, light, dark, light, dark) hold a finder pattern's 1:1:3:1:1? Returns the
 * module size, or 0. */
double
finder_ratio (const int *r)
{
  int total = r[0] + r[1] + r[2] + r[3] + r[4];
  if (total < 7)
    return 0;
  double u = total / 7.0;
  for (int k = 0; k < 5; k++)
    {
      double want = k == 2 ? 3.0 : 1.0;
      if (std::fabs (r[k] - want * u) > (k == 2 ? 1.5 : 0.7) * u)
        return 0;
    }
  return u;
}

/* The finder pattern's centre on the column (or row) through @at of @bin, crossing the line the
 * pattern was seen on: the vertical 1:1:3:1:1 around it. Returns its module size (0: none) and
 * the centre's position along the column in @centre. */
double
cross_check (const cv::Mat &bin, int x, int y, double unit, double *centre)
{
  const uint8_t *col = bin.ptr<uint8_t> (0) + x;
  ptrdiff_t step = bin.step;
  int h = bin.rows;
  int r[5] = { 0, 0, 0, 0, 0 };
  int i = y;

  if (!col[i * step])
    return 0;
  /* up: the centre's dark, then light, then dark */
  while (i >= 0 && col[i * step]) { r[2]++; i--; }
  while (i >= 0 && !col[i * step]) { r[1]++; i--; }
  while (i >= 0 && col[i * step]) { r[0]++; i--; }
  if (r[1] == 0 || r[0] == 0 || i < 0)
    return 0;
  int top = y - r[2] + 1;
  i = y + 1;
  while (i < h && col[i * step]) { r[2]++; i++; }
  while (i < h && !col[i * step]) { r[3]++; i++; }
  while (i < h && col[i * step]) { r[4]++; i++; }
  if (r[3] == 0 || r[4] == 0 || i >= h)
    return 0;
  double u = finder_ratio (r);
  if (u == 0 || u > 1.6 * unit || u < unit / 1.6)
    return 0;
  *centre = top + r[2] / 2.0;
  return u;
}

/* A finder pattern counts when seen on at least this many rows per module of its size (its
 * centre is three modules high; noise and print cross a finder-like ring on a row or two).
 * Measured on 250 factory cards (BENCHMARKS.md): 1.0–2.0 keep every read the close-ups make,
 * 1.0 lets a false triple through on a tenth of the photo's regions without a code, 1.2 on
 * 2 %, 1.5 on none. */
const double MIN_HITS_PER_MODULE = 1.2;

} /* namespace */

extern "C" int
_ekyc_cv_qr_has_finders (const uint8_t *grey, int width, int height, int block, char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat src (height, width, CV_8UC1, (void *) grey);
      cv::Mat bin;
      struct Finder { double x, y, unit; int hits; };
      std::vector<Finder> finders;
      Runs runs;

      block |= 1;
      block = std::max (3, std::min (block, (std::min (width, height) - 1) | 1));
      /* dark = 1: a pixel darker than its neighbourhood's mean by a few levels (flat paper's
       * noise stays light) */
      cv::adaptiveThreshold (src, bin, 1, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV,
                             block, 4);
      for (int y = 0; y < height; y++)
        {
          line_runs (bin.ptr<uint8_t> (y), width, 1, &runs);
          int n = (int) runs.length.size ();
          for (int k = runs.first_dark ? 0 : 1; k + 4 < n; k += 2)
            {
              double u = finder_ratio (&runs.length[k]);
              if (u == 0)
                continue;
              int x = runs.start[k + 2] + runs.length[k + 2] / 2;
              double cy;
              double v = cross_check (bin, x, y, u, &cy);
              if (v == 0)
                continue;
              double cx = runs.start[k + 2] + runs.length[k + 2] / 2.0;
              bool merged = false;
              for (Finder &f : finders)
                if (std::fabs (f.x - cx) < 2 * f.unit && std::fabs (f.y - cy) < 2 * f.unit)
                  {
                    f.hits++;
                    merged = true;
                    break;
                  }
              if (!merged)
                finders.push_back ({ cx, cy, (u + v) / 2, 1 });
            }
        }
      /* a finder's centre is three modules high: noise and print cross it on a row or two */
      std::vector<Finder> seen;
      for (const Finder &f : finders)
        if (f.hits >= std::max (2.0, std::round (MIN_HITS_PER_MODULE * f.unit)))
          seen.push_back (f);
      /* three of them at a QR code's corners: A with B and C about as far, about square to each
       * other (room for a tilt), 14–70 modules apart (versions 2–15 hold 25–77 modules), of one
       * module size */
      int n = (int) seen.size ();
      for (int a = 0; a < n; a++)
        for (int b = 0; b < n; b++)
          for (int c = b + 1; c < n; c++)
            {
              if (a == b || a == c)
                continue;
              const Finder &A = seen[a], &B = seen[b], &C = seen[c];
              double umin = std::min ({ A.unit, B.unit, C.unit });
              double umax = std::max ({ A.unit, B.unit, C.unit });
              if (umax > 1.5 * umin)
                continue;
              double u = (A.unit + B.unit + C.unit) / 3;
              double bx = B.x - A.x, by = B.y - A.y, cx = C.x - A.x, cy = C.y - A.y;
              double db = std::hypot (bx, by), dc = std::hypot (cx, cy);
              if (db < 14 * u || dc < 14 * u || db > 70 * u || dc > 70 * u
                  || std::fabs (db - dc) > 0.3 * std::max (db, dc)
                  || std::fabs (bx * cx + by * cy) > 0.4 * db * dc)
                continue;
              return 1;
            }
      return 0;
    }
  EKYC_CV_CATCH (error_message, -1)
}

extern "C" int
_ekyc_cv_qr_sample (const EkycCvView *view, const double corners[8], const double region[4],
                    int width, int height, double sigma, double amount, uint8_t *grey_out,
                    double to_image[9], char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat src = ekyc_cv_wrap_view (view);
      cv::Point2f from[4], to[4];
      /* the whole quad's corners land where the region [x0, x1] × [y0, y1] of the unit square
       * maps onto [0, width] × [0, height] */
      double sx = width / (region[2] - region[0]), sy = height / (region[3] - region[1]);
      double unit[4][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };

      for (int i = 0; i < 4; i++)
        {
          from[i] = cv::Point2f ((float) corners[2 * i], (float) corners[2 * i + 1]);
          to[i] = cv::Point2f ((float) ((unit[i][0] - region[0]) * sx),
                               (float) ((unit[i][1] - region[1]) * sy));
        }
      /* both sets are pixel-edge coordinates; warpPerspective works on pixel centres */
      cv::Mat m = cv::getPerspectiveTransform (from, to);
      cv::Mat back = m.inv ();
      for (int i = 0; i < 9; i++)
        to_image[i] = back.at<double> (i / 3, i % 3);

      /* only the photo's pixels under the region go grey: its bounding box, a few px more for
       * the bicubic kernel */
      std::vector<cv::Point2f> box = { { 0, 0 }, { (float) width, 0 },
                                       { (float) width, (float) height }, { 0, (float) height } };
      std::vector<cv::Point2f> under;
      cv::perspectiveTransform (box, under, back);
      cv::Rect roi = cv::boundingRect (under);
      roi.x -= 3;
      roi.y -= 3;
      roi.width += 6;
      roi.height += 6;
      roi &= cv::Rect (0, 0, src.cols, src.rows);
      if (roi.empty ())
        roi = cv::Rect (0, 0, src.cols, src.rows);
      cv::Mat grey_src = to_grey (src (roi), view->order);

      /* both sets are pixel-edge coordinates; warpPerspective works on pixel centres */
      cv::Mat shift_in = (cv::Mat_<double> (3, 3) << 1, 0, 0.5 + roi.x, 0, 1, 0.5 + roi.y,
                          0, 0, 1);
      cv::Mat shift_out = (cv::Mat_<double> (3, 3) << 1, 0, -0.5, 0, 1, -0.5, 0, 0, 1);
      m = shift_out * m * shift_in;

      cv::Mat grey;
      cv::Rect crop;
      if (axis_aligned_crop (m.inv (), width, height, grey_src.size (), &crop))
        /* a plain scaling of a whole-pixel crop (the photo's own regions): separable and about
         * a fifth of the warp's time */
        cv::resize (grey_src (crop), grey, cv::Size (width, height), 0, 0, cv::INTER_CUBIC);
      else
        cv::warpPerspective (grey_src, grey, m, cv::Size (width, height), cv::INTER_CUBIC,
                             cv::BORDER_REPLICATE);
      cv::Mat out (height, width, CV_8UC1, grey_out);

      if (amount > 0 && sigma > 0)
        {
          cv::Mat blurred;
          cv::GaussianBlur (grey, blurred, cv::Size (), sigma, sigma, cv::BORDER_REPLICATE);
          /* saturating: (1 + amount) · grey − amount · blurred */
          cv::addWeighted (grey, 1.0 + amount, blurred, -amount, 0.0, out);
        }
      else
        grey.copyTo (out);
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}
