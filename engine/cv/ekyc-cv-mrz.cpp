/* ekyc-cv-mrz.cpp — finding the machine readable zone in a picture and reading its characters
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * 1. Locate: at a working size of about 1000 px, the ink map (dark print against its local
 *    background) is thresholded and closed horizontally, so each text line becomes a bar; an MRZ
 *    is 2 or 3 long bars, parallel, of equal length, evenly spaced.
 * 2. Deskew: the block is warped from the full-resolution picture onto a horizontal strip where
 *    capitals are EKYC_MRZ_LINE_HEIGHT pixels high.
 * 3. Cut: each line into its fixed-pitch cells (ekyc-cv-mrz-line.cpp).
 * 4. Classify: nearest prototypes learnt at build time from degraded OCR-B renders
 *    (tools/mrz-glyphs) score the 37 MRZ characters; the best few are kept per cell, so the
 *    caller can use the check digits to choose between real alternatives.
 */
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ekyc-cv.h"
#include "ekyc-cv-mrz-line.hpp"
#include "ekyc-cv-mrz-model.h"
#include "ekyc-cv-private.hpp"

namespace {

constexpr double kWorkSize = 1000.0;   /* longer side of the locating image */
constexpr double kWorkCap = 32.0;      /* expected capital height at that size (for kernels) */

struct Bar {
  cv::Point2d centre;
  double      length, thickness, angle; /* angle of the long side, radians, (-π/2, π/2] */
};

struct Block {
  std::vector<Bar> lines; /* top to bottom */
  double           score;
};

cv::Mat
to_gray (const EkycCvView *view)
{
  cv::Mat src = ekyc_cv_wrap_view (view), gray;
  switch (view->order)
    {
    case EKYC_CV_ORDER_GRAY: gray = src.clone (); break;
    case EKYC_CV_ORDER_RGB: cv::cvtColor (src, gray, cv::COLOR_RGB2GRAY); break;
    case EKYC_CV_ORDER_BGR: cv::cvtColor (src, gray, cv::COLOR_BGR2GRAY); break;
    case EKYC_CV_ORDER_RGBA: cv::cvtColor (src, gray, cv::COLOR_RGBA2GRAY); break;
    case EKYC_CV_ORDER_BGRA: cv::cvtColor (src, gray, cv::COLOR_BGRA2GRAY); break;
    case EKYC_CV_ORDER_ARGB:
    case EKYC_CV_ORDER_ABGR:
      {
        cv::Mat three (src.rows, src.cols, CV_8UC3);
        int from_to[] = { 1, 0, 2, 1, 3, 2 };
        cv::mixChannels (&src, 1, &three, 1, from_to, 3);
        cv::cvtColor (three, gray, view->order == EKYC_CV_ORDER_ARGB ? cv::COLOR_RGB2GRAY
                                                                      : cv::COLOR_BGR2GRAY);
      }
      break;
    }
  return gray;
}

/* Text lines of the working image as bars. */
std::vector<Bar>
find_bars (const cv::Mat &work)
{
  cv::Mat ink = ekyc_mrz_ink_map (work, kWorkCap), ink8, binary, labels, stats, centroids;
  std::vector<Bar> bars;

  ink.convertTo (ink8, CV_8U, 255.0);
  double otsu = cv::threshold (ink8, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::threshold (ink8, binary, std::max (otsu, 0.12 * 255), 255, cv::THRESH_BINARY);
  cv::morphologyEx (binary, binary, cv::MORPH_CLOSE,
                    cv::getStructuringElement (cv::MORPH_RECT, cv::Size (25, 1)));
  cv::morphologyEx (binary, binary, cv::MORPH_OPEN,
                    cv::getStructuringElement (cv::MORPH_RECT, cv::Size (1, 3)));

  int n = cv::connectedComponentsWithStats (binary, labels, stats, centroids, 8, CV_32S);
  for (int i = 1; i < n; i++)
    {
      int w = stats.at<int> (i, cv::CC_STAT_WIDTH), h = stats.at<int> (i, cv::CC_STAT_HEIGHT);
      if (std::max (w, h) < 120 || stats.at<int> (i, cv::CC_STAT_AREA) < 400)
        continue;
      cv::Rect box (stats.at<int> (i, cv::CC_STAT_LEFT), stats.at<int> (i, cv::CC_STAT_TOP), w, h);
      std::vector<cv::Point> points;
      cv::Mat mask = labels (box) == i;
      cv::findNonZero (mask, points);
      for (cv::Point &p : points)
        p += box.tl ();
      cv::RotatedRect r = cv::minAreaRect (points);
      cv::Point2f corners[4];
      r.points (corners);
      cv::Point2d e1 = corners[1] - corners[0], e2 = corners[2] - corners[1];
      cv::Point2d along = cv::norm (e1) >= cv::norm (e2) ? e1 : e2;
      double length = std::max (cv::norm (e1), cv::norm (e2));
      double thickness = std::min (cv::norm (e1), cv::norm (e2));
      double angle = std::atan2 (along.y, along.x);
      if (angle > CV_PI / 2)
        angle -= CV_PI;
      if (angle <= -CV_PI / 2)
        angle += CV_PI;
      /* Long thin bars, not steeper than a card held at 40°. */
      if (thickness < 5 || thickness > 70 || length < 9 * thickness ||
          std::fabs (angle) > 40 * CV_PI / 180)
        continue;
      /* A text line's bar is mostly ink-covered; a frame line or a long rule is thin. */
      double fill = stats.at<int> (i, cv::CC_STAT_AREA) / (length * thickness);
      if (fill < 0.45)
        continue;
      bars.push_back ({ cv::Point2d (r.center.x, r.center.y), length, thickness, angle });
    }
  return bars;
}

/* Sets of 2 or 3 bars that look like an MRZ: parallel, equally long, evenly spaced, aligned. */
std::vector<Block>
find_blocks (const std::vector<Bar> &bars)
{
  std::vector<Block> blocks;

  for (size_t i = 0; i < bars.size (); i++)
    {
      const Bar &a = bars[i];
      cv::Point2d u (std::cos (a.angle), std::sin (a.angle)), nrm (-u.y, u.x);
      /* Compatible bars below @a, by their distance along the normal. */
      std::vector<std::pair<double, size_t>> below;
      for (size_t j = 0; j < bars.size (); j++)
        {
          const Bar &b = bars[j];
          if (j == i)
            continue;
          double d = (b.centre - a.centre).dot (nrm), along = (b.centre - a.centre).dot (u);
          double da = std::fabs (b.angle - a.angle);
          double h = std::max (a.thickness, b.thickness);
          if (d <= 0 || da > 4 * CV_PI / 180 || b.length < 0.82 * a.length ||
              b.length > 1.22 * a.length || std::fabs (along) > 0.12 * a.length ||
              d < 1.05 * std::min (a.thickness, b.thickness) || d > 3.5 * h)
            continue;
          below.push_back ({ d, j });
        }
      std::sort (below.begin (), below.end ());
      for (size_t k = 0; k < below.size () && k < 2; k++)
        {
          const Bar &b = bars[below[k].second];
          Block two{ { a, b }, 0 };
          two.score = (a.length + b.length) / 2;
          blocks.push_back (two);
          /* A third line as far below b as b is below a. */
          double d1 = below[k].first;
          for (size_t m = k + 1; m < below.size (); m++)
            {
              double d2 = below[m].first - d1;
              const Bar &c = bars[below[m].second];
              if (std::fabs (d2 - d1) > 0.25 * d1 || c.length < 0.85 * b.length ||
                  c.length > 1.18 * b.length)
                continue;
              Block three{ { a, b, c }, 0 };
              three.score = 1.2 * (a.length + b.length + c.length) / 3;
              blocks.push_back (three);
              break;
            }
        }
    }
  std::sort (blocks.begin (), blocks.end (),
             [] (const Block &x, const Block &y) { return x.score > y.score; });
  return blocks;
}

/* The strip of @block warped from @gray (full resolution; @s: work px per image px). */
struct Strip {
  cv::Mat            gray;
  std::vector<double> line_y;
  double             corners[8];
};

Strip
cut_strip (const cv::Mat &gray, double s, const Block &block, bool flip)
{
  Strip strip;
  double angle = 0, thickness = 0, length = 0;
  cv::Point2d centre (0, 0);

  for (const Bar &b : block.lines)
    {
      angle += b.angle, thickness += b.thickness, centre += b.centre;
      length = std::max (length, b.length);
    }
  angle /= block.lines.size (), thickness /= block.lines.size ();
  centre *= 1.0 / block.lines.size ();
  cv::Point2d u (std::cos (angle), std::sin (angle)), nrm (-u.y, u.x);
  if (flip)
    u = -u, nrm = -nrm;
  std::vector<double> t;
  for (const Bar &b : block.lines)
    t.push_back ((b.centre - centre).dot (nrm));
  double t_min = *std::min_element (t.begin (), t.end ());
  double t_max = *std::max_element (t.begin (), t.end ());

  /* strip px per work px: capitals about EKYC_MRZ_LINE_HEIGHT high (a bar is a little thicker
   * than the capitals). */
  double k = EKYC_MRZ_LINE_HEIGHT / (0.85 * thickness);
  int width = (int) std::lround ((length + 3 * thickness) * k);
  /* Two lines may be two of a TD1's three: leave room for the third on either side. */
  double extra = block.lines.size () == 2 ? t_max - t_min : 0;
  int height = (int) std::lround ((t_max - t_min + 2 * extra + 3 * thickness) * k);
  double mid = (t_min + t_max) / 2;
  /* strip (x, y) → work: centre + u (x − W/2)/k + nrm ((y − H/2)/k + mid) → image: / s */
  cv::Point2d ox = u * (1.0 / (k * s)), oy = nrm * (1.0 / (k * s));
  cv::Point2d o = (centre + nrm * mid) * (1.0 / s) - ox * (width / 2.0) - oy * (height / 2.0);
  cv::Matx23d m (ox.x, oy.x, o.x, ox.y, oy.y, o.y);
  cv::warpAffine (gray, strip.gray, m, cv::Size (width, height),
                  cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
  for (double ti : t)
    strip.line_y.push_back (height / 2.0 + (ti - mid) * k);
  std::sort (strip.line_y.begin (), strip.line_y.end ());
  const double xs[4] = { 0, (double) width, (double) width, 0 };
  const double ys[4] = { 0, 0, (double) height, (double) height };
  for (int i = 0; i < 4; i++)
    {
      strip.corners[2 * i] = o.x + ox.x * xs[i] + oy.x * ys[i];
      strip.corners[2 * i + 1] = o.y + ox.y * xs[i] + oy.y * ys[i];
    }
  return strip;
}

/* The squared distance from cell features @f, in the principal subspace, to each class's
 * nearest prototype of each group. */
void
nearest_per_class (const float *f, float nearest[EKYC_MRZ_N_GROUPS][EKYC_MRZ_N_CLASSES])
{
  float z[EKYC_MRZ_PCA_DIM];

  for (int k = 0; k < EKYC_MRZ_PCA_DIM; k++)
    {
      const float *component = _ekyc_mrz_model_components[k];
      float acc = 0;
      for (int i = 0; i < EKYC_MRZ_FEATURE_DIM; i++)
        acc += component[i] * (f[i] - _ekyc_mrz_model_mean[0][i]);
      z[k] = acc;
    }
  for (int g = 0; g < EKYC_MRZ_N_GROUPS; g++)
    for (int c = 0; c < EKYC_MRZ_N_CLASSES; c++)
      {
        float best = 1e30f;
        for (int p = 0; p < EKYC_MRZ_PROTOTYPES; p++)
          {
            const float *proto =
              _ekyc_mrz_model_prototypes[(g * EKYC_MRZ_N_CLASSES + c) * EKYC_MRZ_PROTOTYPES + p];
            float d = 0;
            for (int k = 0; k < EKYC_MRZ_PCA_DIM; k++)
              d += (z[k] - proto[k]) * (z[k] - proto[k]);
            best = std::min (best, d);
          }
        nearest[g][c] = best;
      }
}

/* A cell's likeliest characters among the prototypes of @faces, probabilities from the
 * distances; returns the nearest distance. */
double
classify (const float nearest[EKYC_MRZ_N_GROUPS][EKYC_MRZ_N_CLASSES], EkycMrzFaces faces,
          char alt[EKYC_CV_MRZ_NBEST], float prob[EKYC_CV_MRZ_NBEST])
{
  double dist[EKYC_MRZ_N_CLASSES], best = 1e300, sum = 0;
  double scale = _ekyc_mrz_model_distance_scale[faces - 1];
  int order[EKYC_MRZ_N_CLASSES];

  for (int c = 0; c < EKYC_MRZ_N_CLASSES; c++)
    {
      float d = nearest[0][c];
      for (int g = 1; g < (int) faces; g++)
        d = std::min (d, nearest[g][c]);
      dist[c] = d / scale;
      best = std::min (best, dist[c]);
      order[c] = c;
    }
  for (int c = 0; c < EKYC_MRZ_N_CLASSES; c++)
    sum += std::exp (-(dist[c] - best));
  std::partial_sort (order, order + EKYC_CV_MRZ_NBEST, order + EKYC_MRZ_N_CLASSES,
                     [&] (int x, int y) { return dist[x] < dist[y]; });
  for (int i = 0; i < EKYC_CV_MRZ_NBEST; i++)
    {
      alt[i] = ekyc_mrz_alphabet[order[i]];
      prob[i] = (float) (std::exp (-(dist[order[i]] - best)) / sum);
    }
  return best * scale;
}

/* Reads @n_lines lines of @n_chars at @ys of the strip's ink map, once with OCR-B's prototypes
 * into @out[0], then, when @n_out is 2, with every face's into @out[1]. When every face's
 * prototypes fit the cells clearly closer (the MRZ is in another face), that reading comes
 * first: a valid reading by OCR-B's glyphs may still be wrong in the name, which no check
 * digit covers. (Over OCR-B's own print the two fit within a few per cent; another face's fits
 * 0.05–0.6 times as far.) */
bool
read_lines (const cv::Mat &ink, const std::vector<double> &ys, int n_chars, EkycCvMrzText *out,
            int n_out)
{
  std::vector<float> features;
  double fit[2] = { 0, 0 };

  for (int r = 0; r < n_out; r++)
    {
      std::memset (&out[r], 0, sizeof out[r]);
      out[r].n_lines = (int) ys.size ();
      out[r].n_chars = n_chars;
    }
  for (size_t l = 0; l < ys.size (); l++)
    {
      if (!ekyc_mrz_line_features (ink, ys[l], EKYC_MRZ_LINE_HEIGHT, n_chars, features))
        return false;
      for (int c = 0; c < n_chars; c++)
        {
          float nearest[EKYC_MRZ_N_GROUPS][EKYC_MRZ_N_CLASSES];

          nearest_per_class (features.data () + (size_t) c * EKYC_MRZ_FEATURE_DIM, nearest);
          for (int r = 0; r < n_out; r++)
            fit[r] += classify (nearest, r == 0 ? EKYC_MRZ_FACES_OCR_B : EKYC_MRZ_FACES_ANY,
                                out[r].alt[l][c], out[r].prob[l][c]);
        }
    }
  if (n_out == 2 && fit[1] < 0.85 * fit[0])
    std::swap (out[0], out[1]);
  return true;
}

} // namespace

extern "C" int
_ekyc_cv_mrz_read (const EkycCvView *view, int flip, EkycCvMrzText *out, int max,
                   int *n_blocks, int *n_read, char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat gray = to_gray (view), work;
      double s = std::min (2.5, kWorkSize / std::max (gray.cols, gray.rows));

      *n_blocks = *n_read = 0;
      cv::resize (gray, work, cv::Size (), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
      std::vector<Block> blocks = find_blocks (find_bars (work));
      *n_blocks = (int) blocks.size ();

      for (size_t b = 0; b < blocks.size () && b < 8 && *n_read < max; b++)
        {
          Strip strip = cut_strip (gray, s, blocks[b], flip != 0);
          cv::Mat ink = ekyc_mrz_ink_map (strip.gray, EKYC_MRZ_LINE_HEIGHT);
          std::vector<std::vector<double>> line_sets;
          std::vector<int> lengths;

          if (strip.line_y.size () == 3)
            line_sets.push_back (strip.line_y), lengths.push_back (30);
          else
            {
              int count = ekyc_mrz_line_count_chars (ink, strip.line_y[0], EKYC_MRZ_LINE_HEIGHT);
              double gap = strip.line_y[1] - strip.line_y[0];
              if (count == 0)
                continue;
              if (count <= 33)
                {
                  /* Two lines of a TD1 whose third line was not found as a bar. */
                  std::vector<double> lower = strip.line_y, upper = strip.line_y;
                  lower.push_back (strip.line_y[1] + gap);
                  upper.insert (upper.begin (), strip.line_y[0] - gap);
                  line_sets.push_back (lower), lengths.push_back (30);
                  line_sets.push_back (upper), lengths.push_back (30);
                }
              else
                {
                  line_sets.push_back (strip.line_y);
                  lengths.push_back (count >= 40 ? 44 : 36);
                  line_sets.push_back (strip.line_y);
                  lengths.push_back (count >= 40 ? 36 : 44);
                }
            }
          for (size_t i = 0; i < line_sets.size () && *n_read < max; i++)
            {
              bool inside = true;
              for (double y : line_sets[i])
                inside &= y > 0.5 * EKYC_MRZ_LINE_HEIGHT && y < ink.rows - 0.5 * EKYC_MRZ_LINE_HEIGHT;
              int n_out = std::min (2, max - *n_read);
              if (!inside || !read_lines (ink, line_sets[i], lengths[i], &out[*n_read], n_out))
                continue;
              for (int r = 0; r < n_out; r++)
                std::memcpy (out[*n_read + r].corners, strip.corners, sizeof strip.corners);
              *n_read += n_out;
            }
        }
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}
