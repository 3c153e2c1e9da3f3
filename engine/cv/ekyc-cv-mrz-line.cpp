/* ekyc-cv-mrz-line.cpp — one MRZ text line cut into its fixed-pitch character cells
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * MRZ print is monospaced (OCR-B at 10 characters per inch) and every position of a line is
 * printed (`<` fills the gaps), so a line is a row of n equally spaced glyphs. The line's
 * connected components give the first and last glyph and the pitch; each glyph gets its cell
 * index by counting the gaps in the local pitch (a card in perspective prints a pitch that grows
 * along the line); a least-squares fit of the glyph centres to the integer grid makes the pitch
 * robust to touching or broken glyphs; each cell is then re-centred on its ink and resampled to
 * a small grid.
 */
#include "ekyc-cv-mrz-line.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

const char ekyc_mrz_alphabet[EKYC_MRZ_N_CLASSES + 1] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";

namespace {

struct Glyph {
  double cx, cy, top, bottom;
  int    x, w, h;
};

double
percentile (std::vector<double> v, double q)
{
  if (v.empty ())
    return 0;
  size_t k = (size_t) std::lround (q * (double) (v.size () - 1));
  std::nth_element (v.begin (), v.begin () + (long) k, v.end ());
  return v[k];
}

/* The glyph-like components of the band around @y_guess, in band coordinates shifted back to
 * @ink's rows, sorted left to right. */
std::vector<Glyph>
band_glyphs (const cv::Mat &ink, double y_guess, double cap_height, int *band_top_out,
             cv::Mat &binary_out)
{
  int top = std::max (0, (int) std::floor (y_guess - 1.1 * cap_height));
  int bottom = std::min (ink.rows, (int) std::ceil (y_guess + 1.1 * cap_height));
  std::vector<Glyph> glyphs;

  *band_top_out = top;
  if (bottom - top < 4)
    return glyphs;
  cv::Mat band = ink.rowRange (top, bottom), band8, labels, stats, centroids;
  band.convertTo (band8, CV_8U, 255.0);
  double otsu = cv::threshold (band8, binary_out, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  double thr = std::clamp (otsu, 0.10 * 255, 0.45 * 255);
  cv::threshold (band8, binary_out, thr, 255, cv::THRESH_BINARY);

  int n = cv::connectedComponentsWithStats (binary_out, labels, stats, centroids, 8, CV_32S);
  double yc_band = y_guess - top;
  for (int i = 1; i < n; i++)
    {
      int x = stats.at<int> (i, cv::CC_STAT_LEFT), y = stats.at<int> (i, cv::CC_STAT_TOP);
      int w = stats.at<int> (i, cv::CC_STAT_WIDTH), h = stats.at<int> (i, cv::CC_STAT_HEIGHT);
      int area = stats.at<int> (i, cv::CC_STAT_AREA);
      double cy = y + h / 2.0;

      if (h < 0.3 * cap_height || h > 1.8 * cap_height || w > 4.0 * cap_height ||
          area < 0.03 * cap_height * cap_height || std::fabs (cy - yc_band) > 0.75 * cap_height)
        continue;
      glyphs.push_back ({ x + w / 2.0, cy + top, (double) y + top, (double) y + h + top, x, w, h });
    }
  std::sort (glyphs.begin (), glyphs.end (),
             [] (const Glyph &a, const Glyph &b) { return a.cx < b.cx; });
  return glyphs;
}

/* The longest run of glyphs without a gap wider than a few pitches. */
std::vector<Glyph>
main_run (const std::vector<Glyph> &glyphs, double *spacing_out)
{
  std::vector<double> gaps;
  for (size_t i = 1; i < glyphs.size (); i++)
    gaps.push_back (glyphs[i].cx - glyphs[i - 1].cx);
  double spacing = percentile (gaps, 0.5);
  *spacing_out = spacing;
  if (glyphs.empty ())
    return {};

  size_t best_start = 0, best_len = 1, start = 0;
  for (size_t i = 1; i <= glyphs.size (); i++)
    if (i == glyphs.size () || glyphs[i].cx - glyphs[i - 1].cx > 3.5 * spacing)
      {
        if (i - start > best_len)
          best_start = start, best_len = i - start;
        start = i;
      }
  return std::vector<Glyph> (glyphs.begin () + (long) best_start,
                             glyphs.begin () + (long) (best_start + best_len));
}

/* The grid index of each glyph of @run (-1: not a single glyph), found by walking the line and
 * counting each gap in the local pitch (the median gap between single glyphs nearby), so that a
 * card in strong perspective, whose pitch grows by a quarter or more along the line, is indexed
 * right where one pitch for the whole line slips by a cell in the middle. Wide components (two
 * touching glyphs) and halves of a broken glyph get no index. False unless the walk starts on the
 * first cell and ends on cell @n_chars - 1. */
bool
walk_grid (const std::vector<Glyph> &run, double spacing, int n_chars, std::vector<int> &index)
{
  size_t n = run.size ();
  std::vector<double> gaps (n, 0.0);   /* gaps[i]: single glyph i - 1 to single glyph i, or 0 */

  index.assign (n, -1);
  if (n < 2 || spacing <= 0)
    return false;
  auto single = [&] (size_t i) { return run[i].w <= 1.15 * spacing; };
  for (size_t i = 1; i < n; i++)
    {
      double gap = run[i].cx - run[i - 1].cx;
      if (single (i) && single (i - 1) && gap > 0.6 * spacing && gap < 1.4 * spacing)
        gaps[i] = gap;
    }
  auto local_pitch = [&] (size_t i) {
    std::vector<double> near;
    for (size_t j = i > 4 ? i - 4 : 1; j < n && j <= i + 4; j++)
      if (gaps[j] > 0)
        near.push_back (gaps[j]);
    return near.size () >= 3 ? percentile (near, 0.5) : spacing;
  };

  double last_cx = 0;
  int last_k = -1;
  for (size_t i = 0; i < n; i++)
    {
      if (!single (i))
        continue;
      double pitch = local_pitch (i);
      if (last_k < 0)
        {
          /* the cells left of the first single glyph, from the run's left edge */
          last_k = (int) std::lround ((run[i].cx - run[0].x) / pitch - 0.5);
          last_cx = run[i].cx;
          index[i] = last_k;
          continue;
        }
      double delta = (run[i].cx - last_cx) / pitch;
      if (delta < 0.6)
        continue;
      last_k += (int) std::lround (delta);
      last_cx = run[i].cx;
      index[i] = last_k;
    }
  if (last_k < 0)
    return false;
  int end = last_k + (int) std::lround ((run[n - 1].x + run[n - 1].w - last_cx)
                                        / local_pitch (n - 1) - 0.5);
  return end == n_chars - 1;
}

} // namespace

cv::Mat
ekyc_mrz_ink_map (const cv::Mat &gray, double cap_height)
{
  int k = std::max (3, (int) std::lround (0.9 * cap_height)) | 1;
  cv::Mat background, g, bg, ink;

  CV_Assert (gray.type () == CV_8UC1);
  cv::morphologyEx (gray, background, cv::MORPH_CLOSE,
                    cv::getStructuringElement (cv::MORPH_RECT, cv::Size (k, k)));
  cv::blur (background, background, cv::Size (k, k));
  background = cv::max (background, gray);
  background.convertTo (bg, CV_32F);
  gray.convertTo (g, CV_32F);
  ink = (bg - g) / cv::max (bg, 40.0f);
  return ink;
}

int
ekyc_mrz_line_count_chars (const cv::Mat &ink, double y_guess, double cap_height)
{
  cv::Mat binary;
  int top;
  double spacing;
  std::vector<Glyph> run = main_run (band_glyphs (ink, y_guess, cap_height, &top, binary),
                                     &spacing);

  if (run.size () < 8 || spacing <= 0)
    return 0;
  return (int) std::lround ((run.back ().cx - run.front ().cx) / spacing) + 1;
}

bool
ekyc_mrz_line_features (const cv::Mat &ink, double y_guess, double cap_height, int n_chars,
                        std::vector<float> &features, double *pitch_out, double *height_out)
{
  cv::Mat binary;
  int band_top;
  double spacing;
  std::vector<Glyph> run = main_run (band_glyphs (ink, y_guess, cap_height, &band_top, binary),
                                     &spacing);

  features.clear ();
  if ((int) run.size () < n_chars / 3 || run.size () < 4)
    return false;

  /* Capital height and the line's vertical centre, from the tall glyphs (not `<`). */
  std::vector<double> heights, centres;
  for (const Glyph &g : run)
    heights.push_back (g.h);
  double height = std::clamp (percentile (heights, 0.8), 0.5 * cap_height, 1.6 * cap_height);
  for (const Glyph &g : run)
    if (g.h >= 0.75 * height)
      centres.push_back ((g.top + g.bottom) / 2);
  double yc = centres.empty () ? y_guess : percentile (centres, 0.5);

  /* Pitch from the end glyphs, then a least-squares fit of the single glyphs to the grid:
   * x = a + b k + c k² (c absorbs the perspective of a tilted card), and the centre line
   * y = p + q x from the tall glyphs. */
  double a = run.front ().cx, b = (run.back ().cx - run.front ().cx) / (n_chars - 1), c2 = 0;
  if (b <= 0 || b < 0.35 * height || b > 1.6 * height)
    return false;
  auto grid_x = [&] (double k) { return a + b * k + c2 * k * k; };
  auto local_pitch = [&] (double k) { return b + 2 * c2 * k; };
  /* Where the walk indexes the line, the grid starts from its fit. */
  {
    std::vector<int> index;
    if (walk_grid (run, spacing, n_chars, index))
      {
        cv::Matx33d ata = cv::Matx33d::zeros ();
        cv::Vec3d atx (0, 0, 0), sol;
        int m = 0;
        for (size_t i = 0; i < run.size (); i++)
          if (index[i] >= 0)
            {
              cv::Vec3d row (1, index[i], (double) index[i] * index[i]);
              ata += row * row.t ();
              atx += row * run[i].cx;
              m++;
            }
        if (m >= 10 && cv::solve (ata, atx, sol, cv::DECOMP_CHOLESKY) && sol[1] > 0 &&
            sol[1] + 2 * sol[2] * (n_chars - 1) > 0)
          a = sol[0], b = sol[1], c2 = sol[2];
      }
  }
  for (int iter = 0; iter < 3; iter++)
    {
      cv::Matx33d ata = cv::Matx33d::zeros ();
      cv::Vec3d atx (0, 0, 0);
      int m = 0;
      double k_min = 1e9, k_max = -1e9;
      for (const Glyph &g : run)
        {
          if (g.w > 1.15 * b)
            continue;
          /* the nearest grid index (the grid is monotonic over the line) */
          double k = std::round ((g.cx - a) / b);
          for (int step = 0; step < 2; step++)
            k = std::round (k + (g.cx - grid_x (k)) / local_pitch (k));
          if (k < 0 || k > n_chars - 1 || std::fabs (g.cx - grid_x (k)) > 0.3 * local_pitch (k))
            continue;
          cv::Vec3d row (1, k, k * k);
          ata += row * row.t ();
          atx += row * g.cx;
          k_min = std::min (k_min, k), k_max = std::max (k_max, k);
          m++;
        }
      if (m < 4)
        break;
      if (m >= 10 && k_max - k_min > 0.6 * n_chars)
        {
          cv::Vec3d sol;
          if (!cv::solve (ata, atx, sol, cv::DECOMP_CHOLESKY))
            break;
          a = sol[0], b = sol[1], c2 = sol[2];
        }
      else
        {
          double det = ata (0, 0) * ata (1, 1) - ata (0, 1) * ata (0, 1);
          if (det <= 0)
            break;
          b = (ata (0, 0) * atx[1] - ata (0, 1) * atx[0]) / det;
          a = (atx[0] - b * ata (0, 1)) / ata (0, 0);
          c2 = 0;
        }
    }
  double b_min = std::min (local_pitch (0), local_pitch (n_chars - 1));
  double b_max = std::max (local_pitch (0), local_pitch (n_chars - 1));
  /* A card whose near edge is 1.2 × its far edge, as a hand-held phone sees it, prints the MRZ
   * at a pitch that grows 1.5-fold along the line (the scale along a receding plane goes with
   * the square of the depth). */
  if (b_min < 0.35 * height || b_max > 1.6 * height || b_max > 2.0 * b_min)
    return false;
  /* The run must be about as long as n_chars cells, or this is not such a line. */
  double span_cells = (run.back ().cx - run.front ().cx) / ((b_min + b_max) / 2) + 1;
  if (std::fabs (span_cells - n_chars) > 0.1 * n_chars + 1)
    return false;
  if (spacing > 0 && (spacing < 0.7 * b_min || spacing > 1.45 * b_max))
    return false;

  double p = yc, q = 0;
  {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int m = 0;
    for (const Glyph &g : run)
      if (g.h >= 0.75 * height && std::fabs ((g.top + g.bottom) / 2 - yc) < 0.3 * height)
        {
          double y = (g.top + g.bottom) / 2;
          sx += g.cx, sy += y, sxx += g.cx * g.cx, sxy += g.cx * y, m++;
        }
    double det = m * sxx - sx * sx;
    if (m >= 6 && det > 0)
      {
        q = (m * sxy - sx * sy) / det;
        p = (sy - q * sx) / m;
        if (std::fabs (q) > 0.05)
          p = yc, q = 0;
      }
  }

  features.resize ((size_t) n_chars * EKYC_MRZ_FEATURE_DIM);
  double mean_pitch = (local_pitch (0) + local_pitch (n_chars - 1)) / 2;
  for (int k = 0; k < n_chars; k++)
    {
      double cx = grid_x (k), pitch = local_pitch (k), cy = p + q * cx;
      double cell_height = height * pitch / mean_pitch;
      int row0 = std::max (0, (int) (cy - 0.7 * cell_height));
      int row1 = std::min (ink.rows, (int) (cy + 0.7 * cell_height) + 1);
      /* Re-centre on the ink bounding box inside the cell. */
      int c0 = std::max (0, (int) std::floor (cx - 0.45 * pitch));
      int c1 = std::min (ink.cols - 1, (int) std::ceil (cx + 0.45 * pitch));
      int first = -1, last = -1;
      for (int c = c0; c <= c1; c++)
        {
          bool any = false;
          for (int r = row0; r < row1 && !any; r++)
            {
              int br = r - band_top;
              any = br >= 0 && br < binary.rows && binary.at<uint8_t> (br, c) != 0;
            }
          if (any)
            {
              if (first < 0)
                first = c;
              last = c;
            }
        }
      if (first >= 0)
        {
          double centre = (first + last + 1) / 2.0;
          if (std::fabs (centre - cx) < 0.3 * pitch)
            cx = centre;
        }

      cv::Mat cell, small;
      cv::getRectSubPix (ink, cv::Size ((int) std::lround (pitch),
                                        (int) std::lround (1.5 * cell_height)),
                         cv::Point2f ((float) cx, (float) cy), cell, CV_32F);
      cv::resize (cell, small, cv::Size (EKYC_MRZ_CELL_W, EKYC_MRZ_CELL_H), 0, 0,
                  cell.cols > EKYC_MRZ_CELL_W ? cv::INTER_AREA : cv::INTER_LINEAR);
      double max_value;
      cv::minMaxLoc (small, nullptr, &max_value);
      if (max_value > 0.05)
        small /= max_value;
      cv::Scalar mean = cv::mean (small);
      small -= mean[0];
      double norm = cv::norm (small);
      if (norm > 1e-6)
        small /= norm;
      float *out = features.data () + (size_t) k * EKYC_MRZ_FEATURE_DIM;
      for (int r = 0; r < EKYC_MRZ_CELL_H; r++)
        for (int c = 0; c < EKYC_MRZ_CELL_W; c++)
          out[r * EKYC_MRZ_CELL_W + c] = small.at<float> (r, c);
    }
  if (pitch_out)
    *pitch_out = mean_pitch;
  if (height_out)
    *height_out = height;
  return true;
}
