/* ekyc-cv-card.cpp — finding an ID-1 card's four straight edges in a photo, and warping it flat
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Coarse: Canny on the colour gradient of a ~640 px wide copy at two thresholds, contours →
 * convex hull → approxPolyDP quads whose sides are refitted to the contour's straight middles
 * (a Huber line by reweighted least squares), scored by edge support along each side, aspect and
 * area. Fine: on the full-resolution image,
 * each side's edge (largest colour difference across 2 px) is located along its normal at sample
 * points that avoid the rounded corners, a line is fitted (Huber) and the corners are the line
 * intersections. When the card's own outline did not close into a contour (a pale card on white
 * paper, wood grain), the best quad is often an inner feature (the portrait, the fingerprint
 * boxes): every inner quad shaped like a known feature of the 2021 / 2024 layouts predicts the
 * card's outline, each side is moved to the strongest parallel edge nearby, and the prediction is
 * taken when its four sides are found at full resolution. Each feature is also tried as that of a
 * card held upside down, and a back's machine-readable zone (three long lines of print at an even
 * pitch) predicts the card the same way when no inner quad did.
 */
#include "config.h"

#include <algorithm>
#include <cmath>
#include <cfloat>
#include <cstring>
#include <vector>

#include <glib.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "ekyc-cv.h"
#include "ekyc-cv-private.hpp"

namespace {

constexpr double kAspect = 85.6 / 54.0;
constexpr double kSureSide = 0.85;   /* edge support of a side found all along */
constexpr double kFaintSide = 0.3;   /* ...and of the one faint side three sure ones carry */
constexpr int kWorkWidth = 640;
constexpr double kBorderTol = 2.5;     /* work px: a side this close to a frame edge lies on it */
constexpr int kStatsWidth = 500;       /* rectified size for the quality statistics */
constexpr double kHuberC = 1.345;      /* px: the Huber loss's knee (cv::fitLine's DIST_HUBER) */
constexpr double kGlareMin = 245;      /* luma: glare is saturated… */
constexpr double kGlareMax = 254;
constexpr double kGlareAboveMedian = 25; /* …and this far above the card's median */

/* Images kept from one call to the next on the same thread. A buffer of a megabyte or more
 * allocated afresh for each frame is mapped anew by malloc and pays a page fault per 4 KiB on
 * first touch, which cost more than the filters that fill it (the colour gradient's Sobel: 15 of
 * a detection's 35 ms CPU on a loaded machine, 1.5 ms once its buffers were reused). */
struct Scratch
{
  cv::Mat bgr;                                  /* a frame of another channel order, as BGR */
  cv::Mat small, blurred, dx, dy, mdx, mdy;     /* the work image and its colour gradient */
  cv::Mat edges, closed;                        /* one Canny pass; with the frame's edge drawn */
  cv::Mat grey, local, darker, ink;             /* the search for a back's MRZ */
  cv::Mat warped, card, card_grey, lap, sat, turned; /* the quality statistics */
  /* the coarse sides' line fits of this frame, by their points */
  std::vector<std::pair<std::vector<cv::Point2f>, cv::Vec4f>> fits, exact_fits;
  /* of each Canny pass, with and without the frame's edge drawn */
  std::vector<std::vector<cv::Point>> contours[4];
};

Scratch &
scratch ()
{
  thread_local Scratch s;
  return s;
}

/* @src (pixels of channel order @order) as BGR: @src itself when it is BGR already, else
 * converted into @into. */
cv::Mat
to_bgr (const cv::Mat &src, EkycCvOrder order, cv::Mat &into)
{
  switch (order)
    {
    case EKYC_CV_ORDER_GRAY: cv::cvtColor (src, into, cv::COLOR_GRAY2BGR); break;
    case EKYC_CV_ORDER_RGB: cv::cvtColor (src, into, cv::COLOR_RGB2BGR); break;
    case EKYC_CV_ORDER_BGR: return src;
    case EKYC_CV_ORDER_RGBA: cv::cvtColor (src, into, cv::COLOR_RGBA2BGR); break;
    case EKYC_CV_ORDER_BGRA: cv::cvtColor (src, into, cv::COLOR_BGRA2BGR); break;
    case EKYC_CV_ORDER_ARGB:
    case EKYC_CV_ORDER_ABGR:
      {
        /* B, G, R from bytes 3, 2, 1 (A R G B) or 1, 2, 3 (A B G R) */
        int argb[] = { 3, 0, 2, 1, 1, 2 }, abgr[] = { 1, 0, 2, 1, 3, 2 };
        into.create (src.rows, src.cols, CV_8UC3);
        cv::mixChannels (&src, 1, &into, 1, order == EKYC_CV_ORDER_ARGB ? argb : abgr, 3);
      }
      break;
    }
  return into;
}

cv::Mat
to_bgr (const EkycCvView *view)
{
  return to_bgr (ekyc_cv_wrap_view (view), view->order, scratch ().bgr);
}

/* Canny on the colour gradient: at each pixel the channel with the strongest Sobel response, so
 * a pale card on white paper (different tint, similar luma) still has edges. */
void
colour_gradient (const cv::Mat &bgr, cv::Mat &mdx, cv::Mat &mdy)
{
  cv::Mat &dx = scratch ().dx, &dy = scratch ().dy;
  cv::Sobel (bgr, dx, CV_16S, 1, 0);
  cv::Sobel (bgr, dy, CV_16S, 0, 1);
  mdx.create (bgr.size (), CV_16SC1);
  mdy.create (bgr.size (), CV_16SC1);
  for (int y = 0; y < bgr.rows; y++)
    {
      const cv::Vec3s *px = dx.ptr<cv::Vec3s> (y), *py = dy.ptr<cv::Vec3s> (y);
      short *ox = mdx.ptr<short> (y), *oy = mdy.ptr<short> (y);
      for (int x = 0; x < bgr.cols; x++)
        {
          int best = 0, best_m = -1;
          for (int k = 0; k < 3; k++)
            {
              int m = std::abs (px[x][k]) + std::abs (py[x][k]);
              if (m > best_m)
                best_m = m, best = k;
            }
          ox[x] = px[x][best];
          oy[x] = py[x][best];
        }
    }
}

double
median_u8 (const cv::Mat &grey)
{
  int hist[256] = { 0 };
  for (int y = 0; y < grey.rows; y++)
    {
      const uint8_t *row = grey.ptr<uint8_t> (y);
      for (int x = 0; x < grey.cols; x++)
        hist[row[x]]++;
    }
  size_t half = grey.total () / 2, seen = 0;
  for (int v = 0; v < 256; v++)
    if ((seen += hist[v]) > half)
      return v;
  return 255;
}

double
dist (const cv::Point2d &a, const cv::Point2d &b)
{
  return std::hypot (a.x - b.x, a.y - b.y);
}

/* Puts four points clockwise (in image coordinates, y down) starting at the card's top-left:
 * the first side is a long one, the upper of the two (a card is assumed not upside down). */
void
order_corners (std::vector<cv::Point2d> &q)
{
  cv::Point2d c (0, 0);
  for (auto &p : q)
    c += p * 0.25;
  std::sort (q.begin (), q.end (), [&] (const cv::Point2d &a, const cv::Point2d &b) {
    return std::atan2 (a.y - c.y, a.x - c.x) < std::atan2 (b.y - c.y, b.x - c.x);
  });
  /* atan2 ascending with y down is clockwise on screen; pick the start. */
  int best = 0;
  double best_y = 1e300;
  for (int i = 0; i < 4; i++)
    {
      const cv::Point2d &a = q[i], &b = q[(i + 1) % 4];
      const cv::Point2d &d = q[(i + 3) % 4];
      double side = dist (a, b), other = dist (a, d);
      /* candidate start: its outgoing side is a long side, and that side is the upper one */
      if (side < other * 0.999)
        continue;
      double mid_y = (a.y + b.y) / 2;
      if (mid_y < best_y)
        best_y = mid_y, best = i;
    }
  std::rotate (q.begin (), q.begin () + best, q.end ());
}

struct Candidate
{
  std::vector<cv::Point2d> q;  /* work coordinates (pixel centres) */
  double score = 0;
  double area = 0;             /* fraction of the frame */
  int border = 0;              /* bit i: side i lies on the frame edge */
  /* an anchor's contour, its approximated quad and the fit's tolerance, for the exact fit */
  const std::vector<cv::Point> *contour = nullptr;   /* in the frame's scratch */
  std::vector<cv::Point2d> approx;
  double tol = 0;
};

int
side_on_border (const cv::Point2d &a, const cv::Point2d &b, int w, int h)
{
  auto near = [] (double v, double edge) { return std::fabs (v - edge) <= kBorderTol; };
  return (near (a.x, 0) && near (b.x, 0)) || (near (a.y, 0) && near (b.y, 0)) ||
         (near (a.x, w - 1) && near (b.x, w - 1)) || (near (a.y, h - 1) && near (b.y, h - 1));
}

/* Fraction of points along a - b (inner 80 %) that fall on an edge pixel. */
double
edge_support (const cv::Mat &edges, const cv::Point2d &a, const cv::Point2d &b)
{
  const int n = 40;
  int hit = 0;
  for (int i = 0; i < n; i++)
    {
      double t = 0.1 + 0.8 * (i + 0.5) / n;
      int x = (int) std::lround (a.x + t * (b.x - a.x)), y = (int) std::lround (a.y + t * (b.y - a.y));
      if (x >= 0 && y >= 0 && x < edges.cols && y < edges.rows && edges.at<uint8_t> (y, x))
        hit++;
    }
  return (double) hit / n;
}

bool
score_quad (const cv::Mat &edges, Candidate &c)
{
  int w = edges.cols, h = edges.rows;
  order_corners (c.q);
  std::vector<cv::Point2f> f;
  for (auto &p : c.q)
    f.emplace_back ((float) p.x, (float) p.y);
  if (!cv::isContourConvex (f))
    return false;
  double area = std::fabs (cv::contourArea (f)) / ((double) w * h);
  c.area = area;
  double top = dist (c.q[0], c.q[1]), bottom = dist (c.q[3], c.q[2]);
  double left = dist (c.q[0], c.q[3]), right = dist (c.q[1], c.q[2]);
  double ratio = (top + bottom) / std::max (1.0, left + right);
  int n_border = 0;
  for (int i = 0; i < 4; i++)
    n_border += side_on_border (c.q[i], c.q[(i + 1) % 4], w, h);
  /* a card cut by the frame edge has lost its aspect: only its shape is checked */
  if (n_border == 0 && (ratio < 1.2 || ratio > 2.15))
    return false;
  if (n_border > 0 && (ratio < 0.4 || ratio > 2.15 || area < 0.08))
    return false;
  /* opposite sides of a card under moderate perspective stay within a factor of ~1.6 */
  if (std::max (top, bottom) > 1.6 * std::min (top, bottom) ||
      std::max (left, right) > 1.6 * std::min (left, right))
    return false;
  c.border = 0;
  double sum = 0, lowest = 1;
  int n_unsure = 0;
  n_border = 0;
  for (int i = 0; i < 4; i++)
    {
      const cv::Point2d &a = c.q[i], &b = c.q[(i + 1) % 4];
      if (side_on_border (a, b, w, h))
        {
          c.border |= 1 << i;
          n_border++;
          continue;
        }
      double s = edge_support (edges, a, b);
      sum += s;
      lowest = std::min (lowest, s);
      n_unsure += s < kSureSide;
    }
  if (n_border > 2)
    return false;
  double support = sum / (4 - n_border);
  /* one side faint (a pale card's edge on a pale background) is let through when the other
   * three are found all along and the shape is a card's: the portrait inside it, its white
   * shirt on the card's white, would otherwise be the best quad */
  bool faint_side = n_border == 0 && lowest >= kFaintSide && n_unsure == 1 &&
                    std::fabs (ratio - kAspect) < 0.15 * kAspect;
  if (lowest < 0.45 && !faint_side)
    return false;
  double aspect = n_border ? 0.5 : std::exp (-std::pow ((ratio - kAspect) / 0.25, 2));
  c.score = support * (0.6 + 0.4 * lowest) * (0.7 + 0.3 * aspect) * (0.8 + 0.2 * std::sqrt (area))
            * (n_border ? 0.9 : 1.0);
  return true;
}

/* Replaces each side of the approximated quad @q by a line fitted to the contour points along its
 * middle (approxPolyDP's vertices sit anywhere on the rounded corners). */
bool
fit_sides (const std::vector<cv::Point> &contour, double tol, std::vector<cv::Point2d> &q,
           bool exact = false);

bool anchor_quad (const cv::Mat &edges, Candidate &c);

void
collect_candidates (const cv::Mat &edges, bool frame, double min_area, double min_anchor_area,
                    std::vector<std::vector<cv::Point>> &contours, std::vector<Candidate> &out,
                    std::vector<Candidate> &anchors)
{
  /* With @frame, the frame's edge counts as an edge, so a card cut off by it still closes a
   * contour; without, a card whose corner nearly touches the frame's edge is not joined to it
   * (the card and the frame one contour, its hull the frame's). */
  cv::Mat &closed = scratch ().closed;
  edges.copyTo (closed);
  if (frame)
    cv::rectangle (closed, cv::Rect (0, 0, closed.cols, closed.rows), cv::Scalar (255), 1);
  cv::findContours (closed, contours, cv::RETR_LIST, cv::CHAIN_APPROX_NONE);
  for (auto &contour : contours)
    {
      double contour_area = std::fabs (cv::contourArea (contour));
      if (contour_area < min_anchor_area)
        continue;
      std::vector<cv::Point> hull;
      cv::convexHull (contour, hull);
      double perimeter = cv::arcLength (hull, true);
      for (double eps : { 0.02, 0.035, 0.05 })
        {
          std::vector<cv::Point> approx;
          cv::approxPolyDP (hull, approx, eps * perimeter, true);
          if (approx.size () < 4)
            break;
          if (approx.size () != 4)
            continue;
          Candidate c;
          for (auto &p : approx)
            c.q.emplace_back (p.x, p.y);
          std::vector<cv::Point2d> approx_q = c.q;
          if (!fit_sides (contour, eps * perimeter + 2, c.q))
            break;
          Candidate a = c;
          if (contour_area >= min_area && score_quad (edges, c))
            out.push_back (c);
          if (anchor_quad (edges, a))
            {
              a.contour = &contour;
              a.approx = approx_q;
              a.tol = eps * perimeter + 2;
              anchors.push_back (std::move (a));
            }
          break;
        }
    }
}

/* Bilinear sample of the three channels at (x, y) (pixel centres); false outside. */
bool
sample3 (const cv::Mat &bgr, double x, double y, double v[3])
{
  int x0 = (int) std::floor (x), y0 = (int) std::floor (y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= bgr.cols || y0 + 1 >= bgr.rows)
    return false;
  double fx = x - x0, fy = y - y0;
  const uint8_t *r0 = bgr.ptr<uint8_t> (y0) + 3 * x0, *r1 = bgr.ptr<uint8_t> (y0 + 1) + 3 * x0;
  for (int k = 0; k < 3; k++)
    v[k] = (1 - fy) * ((1 - fx) * r0[k] + fx * r0[3 + k]) + fy * ((1 - fx) * r1[k] + fx * r1[3 + k]);
  return true;
}

/* A line a x + b y = c with (a, b) a unit normal. */
struct Line
{
  double a, b, c;
};

Line
line_through (const cv::Point2d &p, const cv::Point2d &q)
{
  double dx = q.x - p.x, dy = q.y - p.y, n = std::hypot (dx, dy);
  Line l { -dy / n, dx / n, 0 };
  l.c = l.a * p.x + l.b * p.y;
  return l;
}

bool
intersect (const Line &l, const Line &m, cv::Point2d &p)
{
  double det = l.a * m.b - l.b * m.a;
  if (std::fabs (det) < 1e-9)
    return false;
  p.x = (l.c * m.b - l.b * m.c) / det;
  p.y = (l.a * m.c - l.c * m.a) / det;
  return true;
}

/* Weighted least-squares line of @pts (weights @w): a point on it and its unit direction. */
void
wls_line (const std::vector<cv::Point2f> &pts, const std::vector<double> &w, cv::Vec4d &l)
{
  double sw = 0, mx = 0, my = 0;
  for (size_t i = 0; i < pts.size (); i++)
    sw += w[i], mx += w[i] * pts[i].x, my += w[i] * pts[i].y;
  mx /= sw, my /= sw;
  double sxx = 0, syy = 0, sxy = 0;
  for (size_t i = 0; i < pts.size (); i++)
    {
      double dx = pts[i].x - mx, dy = pts[i].y - my;
      sxx += w[i] * dx * dx, syy += w[i] * dy * dy, sxy += w[i] * dx * dy;
    }
  double t = 0.5 * std::atan2 (2 * sxy, sxx - syy);
  l = cv::Vec4d (std::cos (t), std::sin (t), mx, my);
}

/* Huber loss of @pts about line @l; the residuals into @r. */
double
huber_loss (const std::vector<cv::Point2f> &pts, const cv::Vec4d &l, std::vector<double> &r)
{
  const double c = kHuberC;
  double loss = 0;
  for (size_t i = 0; i < pts.size (); i++)
    {
      r[i] = std::fabs (l[1] * (pts[i].x - l[2]) - l[0] * (pts[i].y - l[3]));
      loss += r[i] < c ? 0.5 * r[i] * r[i] : c * (r[i] - 0.5 * c);
    }
  return loss;
}

/* The line through @pts that minimises the Huber loss (C = 1.345 px, as cv::fitLine's
 * DIST_HUBER), by iteratively reweighted least squares from two starts: the least-squares line of
 * all the points and the side @a - @b they were gathered along; the start that ends lower wins.
 * (cv::fitLine restarts 20 times from 10 random points each: it was half of a detection's time.
 * Ranking the quads does not need it; an anchor the card is predicted from, 4 to 6 times its own
 * size away, is fitted again with it: from this fit one held-out back's outline went to the
 * chip's edge.) */
cv::Vec4f
fit_line_huber (const std::vector<cv::Point2f> &pts, const cv::Point2d &a, const cv::Point2d &b)
{
  const double c = kHuberC;
  size_t n = pts.size ();
  std::vector<double> w (n, 1.0), r (n);
  cv::Vec4d starts[2], best;
  double best_loss = DBL_MAX;
  wls_line (pts, w, starts[0]);
  double len = std::hypot (b.x - a.x, b.y - a.y);
  starts[1] = cv::Vec4d ((b.x - a.x) / len, (b.y - a.y) / len, a.x, a.y);
  for (auto l : starts)
    {
      double loss = huber_loss (pts, l, r);
      for (int it = 0; it < 30; it++)
        {
          for (size_t i = 0; i < n; i++)
            w[i] = r[i] < c ? 1.0 : c / r[i];
          cv::Vec4d next;
          wls_line (pts, w, next);
          double next_loss = huber_loss (pts, next, r);
          bool done = next_loss > loss - 1e-6 * (1 + loss);
          if (next_loss < loss)
            l = next, loss = next_loss;
          if (done)
            break;
        }
      if (loss < best_loss)
        best_loss = loss, best = l;
    }
  return cv::Vec4f ((float) best[0], (float) best[1], (float) best[2], (float) best[3]);
}

/* fit_line_huber () of @pts, or (@exact) cv::fitLine's Huber fit with its 20 restarts, or the same
 * fit of the same points earlier in this frame: both Canny passes find most contours again. */
cv::Vec4f
fit_line_once (const std::vector<cv::Point2f> &pts, const cv::Point2d &a, const cv::Point2d &b,
               bool exact)
{
  auto &fits = exact ? scratch ().exact_fits : scratch ().fits;
  for (auto &f : fits)
    if (f.first.size () == pts.size () &&
        std::memcmp (f.first.data (), pts.data (), pts.size () * sizeof pts[0]) == 0)
      return f.second;
  cv::Vec4f fl;
  if (exact)
    cv::fitLine (pts, fl, cv::DIST_HUBER, 0, 0.01, 0.01);
  else
    fl = fit_line_huber (pts, a, b);
  fits.emplace_back (pts, fl);
  return fl;
}

bool
fit_sides (const std::vector<cv::Point> &contour, double tol, std::vector<cv::Point2d> &q,
           bool exact)
{
  Line lines[4];
  for (int i = 0; i < 4; i++)
    {
      const cv::Point2d &a = q[i], &b = q[(i + 1) % 4];
      cv::Point2d d = b - a;
      double len2 = d.dot (d);
      Line l = line_through (a, b);
      std::vector<cv::Point2f> pts;
      for (auto &p : contour)
        {
          double t = ((p.x - a.x) * d.x + (p.y - a.y) * d.y) / len2;
          if (t > 0.15 && t < 0.85 && std::fabs (l.a * p.x + l.b * p.y - l.c) < tol)
            pts.emplace_back ((float) p.x, (float) p.y);
        }
      if (pts.size () < 10)
        {
          lines[i] = l;
          continue;
        }
      cv::Vec4f fl = fit_line_once (pts, a, b, exact);
      lines[i] = line_through (cv::Point2d (fl[2], fl[3]),
                               cv::Point2d (fl[2] + fl[0], fl[3] + fl[1]));
    }
  std::vector<cv::Point2d> nq (4);
  for (int i = 0; i < 4; i++)
    if (!intersect (lines[(i + 3) % 4], lines[i], nq[i]))
      return false;
  q = nq;
  return true;
}

/* Finds side a - b's edge along its normal within ±@range px and fits a line to it. Returns the
 * fraction of samples with a clear edge near the fitted line. */
double
refine_side (const cv::Mat &g, const cv::Point2d &a, const cv::Point2d &b, double range,
             Line &out)
{
  const int n = 64;
  const double step = 0.5;
  cv::Point2d d = b - a;
  double len = std::hypot (d.x, d.y);
  cv::Point2d u = d / len, nrm (-u.y, u.x);
  std::vector<cv::Point2f> pts;
  std::vector<double> strength;
  int steps = (int) std::ceil (range / step);
  std::vector<cv::Vec3d> prof (2 * steps + 5);
  std::vector<double> grad (2 * steps + 1);

  for (int i = 0; i < n; i++)
    {
      /* stay clear of the rounded corners (radius 3.18 mm: 3.7 % of the long side) */
      double t = 0.08 + 0.84 * (i + 0.5) / n;
      cv::Point2d p = a + d * t;
      bool ok = true;
      for (int k = -steps - 2; k <= steps + 2 && ok; k++)
        ok = sample3 (g, p.x + nrm.x * k * step, p.y + nrm.y * k * step,
                      prof[k + steps + 2].val);
      if (!ok)
        continue;
      /* colour difference across 2 px (4 half-pixel steps) centred on each position */
      int best = 0;
      double best_d = 0;
      for (int k = -steps; k <= steps; k++)
        {
          cv::Vec3d dv = prof[k + steps + 4] - prof[k + steps];
          grad[k + steps] = std::sqrt (dv.dot (dv));
          if (grad[k + steps] > best_d)
            best_d = grad[k + steps], best = k;
        }
      if (best_d < 8 || best == -steps || best == steps)
        continue;
      double dm = grad[best + steps - 1], dp = grad[best + steps + 1];
      double den = dm - 2 * best_d + dp, off = den < 0 ? 0.5 * (dm - dp) / den : 0;
      off = std::clamp (off, -0.5, 0.5);
      cv::Point2d e = p + nrm * ((best + off) * step);
      pts.emplace_back ((float) e.x, (float) e.y);
      strength.push_back (best_d);
    }
  if (pts.size () < 8)
    {
      out = line_through (a, b);
      return 0;
    }
  cv::Vec4f fl;
  cv::fitLine (pts, fl, cv::DIST_HUBER, 0, 0.01, 0.01);
  cv::Point2d p0 (fl[2], fl[3]), p1 (fl[2] + fl[0], fl[3] + fl[1]);
  out = line_through (p0, p1);
  int close = 0;
  for (auto &p : pts)
    if (std::fabs (out.a * p.x + out.b * p.y - out.c) < 1.5)
      close++;
  return (double) close / n;
}

Line
border_line (int side_mask_bit, const std::vector<cv::Point2d> &q, int i, int w, int h)
{
  (void) side_mask_bit;
  const cv::Point2d &a = q[i], &b = q[(i + 1) % 4];
  /* pixel-centre coordinates of the frame's outer edge */
  double mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
  double dl = mx, dr = w - 1 - mx, dt = my, db = h - 1 - my;
  double m = std::min ({ dl, dr, dt, db });
  if (m == dl)
    return Line { 1, 0, -0.5 };
  if (m == dr)
    return Line { 1, 0, w - 0.5 };
  if (m == dt)
    return Line { 0, 1, -0.5 };
  return Line { 0, 1, h - 0.5 };
}


/* Refines quad @q (full-resolution pixel centres) on @bgr: each side's edge within ±@range px,
 * then again within ±3 px. Sides in @border lie on the frame's edge; sides in @keep stay where
 * they are (support 0). Fills @support (per side); returns false when the lines do not meet. A
 * refinement that moves a corner far is a wrong edge: the quad is left as it was. */
bool
refine_quad (const cv::Mat &bgr, std::vector<cv::Point2d> &q, int border, double range,
             double support[4], int keep = 0)
{
  Line lines[4];
  for (int pass = 0; pass < 2; pass++)
    {
      for (int i = 0; i < 4; i++)
        {
          if (border & (1 << i))
            {
              lines[i] = border_line (0, q, i, bgr.cols, bgr.rows);
              support[i] = 1;
              continue;
            }
          if (keep & (1 << i))
            {
              lines[i] = line_through (q[i], q[(i + 1) % 4]);
              support[i] = 0;
              continue;
            }
          support[i] = refine_side (bgr, q[i], q[(i + 1) % 4], range, lines[i]);
        }
      std::vector<cv::Point2d> nq (4);
      for (int i = 0; i < 4; i++)
        if (!intersect (lines[(i + 3) % 4], lines[i], nq[i]))
          return pass > 0;
      double moved = 0;
      for (int i = 0; i < 4; i++)
        moved = std::max (moved, dist (nq[i], q[i]));
      if (moved > 4 * range)
        return pass > 0;
      q = nq;
      range = 3;
    }
  return true;
}

/* Rectangles of the card layouts in mm from the card's top-left (ID-1, 85.6 × 54 mm) that
 * show as quads of their own: when the card's faint outline did not close into a contour (a
 * pale card on white paper, wood grain), such an inner quad predicts where the outline is. */
struct LayoutFeature
{
  double x, y, w, h;
};

const LayoutFeature kFeatures[] = {
  { 3.5, 16.2, 20.0, 30.0 },  /* 2021 CCCD front: portrait */
  { 3.5, 19.5, 20.0, 30.0 },  /* 2024 Căn cước front: portrait */
  { 53.5, 2.8, 30.6, 19.5 },  /* 2021 back: the two fingerprint boxes */
  { 53.5, 2.8, 14.8, 19.5 },  /* 2021 back: left index finger */
  { 69.3, 2.8, 14.8, 19.5 },  /* 2021 back: right index finger */
  { 70.0, 2.4, 14.5, 14.5 },  /* 2021 front: the QR code's white square */
  { 65.8, 2.2, 18.0, 18.0 },  /* 2024 back: the QR code's white square */
};
constexpr int kPortrait2021 = 0, kQrSquare2021 = 5;   /* in kFeatures */
constexpr double kCardW = 85.6, kCardH = 54.0;
constexpr double kSearchCap = 100; /* Sobel of a ~25-level step after the 5 × 5 blur */

/* The three lines of a TD1 machine-readable zone, the same on both backs: ink from 5.2 to 80.5 mm
 * across, capitals 2.7 mm high centred 41.6, 45.8 and 50.1 mm down. The feature is the rectangle
 * through the centre lines of the first and the last line. */
const LayoutFeature kMrzLines = { 5.2, 41.6, 75.3, 8.5 };

struct TextLine
{
  cv::Point2d centre, u;  /* u: along the line, pointing right as seen */
  double length, height;
};

/* Blocks of three long lines of dark print of the same length, one above the other at an even
 * pitch, as a machine-readable zone's lines show on @grey (work size): each as the quad through
 * the centre lines of the top and the bottom line, clockwise from the top-left as seen. */
std::vector<std::vector<cv::Point2d>>
find_mrz_blocks (const cv::Mat &grey)
{
  cv::Mat &local = scratch ().local, &darker = scratch ().darker, &ink = scratch ().ink;
  cv::blur (grey, local, cv::Size (15, 15));
  cv::subtract (local, grey, darker);
  cv::compare (darker, 20, ink, cv::CMP_GT);
  /* the characters of a line joined into one blob, lines kept apart (their gap is over half
   * a character's height) */
  cv::morphologyEx (ink, ink, cv::MORPH_CLOSE,
                    cv::getStructuringElement (cv::MORPH_RECT, cv::Size (9, 1)));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours (ink, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<TextLine> lines;
  for (auto &c : contours)
    {
      cv::Rect bb = cv::boundingRect (c);
      if (std::max (bb.width, bb.height) < grey.cols / 8)
        continue;
      cv::RotatedRect r = cv::minAreaRect (c);
      cv::Point2f p[4];
      r.points (p);
      cv::Point2d e0 = p[1] - p[0], e1 = p[2] - p[1];
      double l0 = std::hypot (e0.x, e0.y), l1 = std::hypot (e1.x, e1.y);
      TextLine t;
      t.centre = r.center;
      t.length = std::max (l0, l1);
      t.height = std::min (l0, l1);
      t.u = (l0 >= l1 ? e0 : e1) / t.length;
      if (t.u.x < 0)
        t.u = -t.u;
      /* capitals 2.7 mm high on a 75.3 mm line, more or less blurred; turned under 40° */
      if (t.height < 0.02 * t.length || t.height > 0.07 * t.length || std::fabs (t.u.y) > 0.64)
        continue;
      /* print fills its box; a curve or a corner of something else does not */
      if (std::fabs (cv::contourArea (c)) < 0.4 * t.length * t.height)
        continue;
      lines.push_back (t);
    }
  std::vector<std::vector<cv::Point2d>> blocks;
  /* @b follows @a one line down: parallel, as long, level at both ends, one pitch (4.2 mm on a
   * 75.3 mm line) further along the normal */
  auto next = [] (const TextLine &a, const TextLine &b, double &pitch) {
    cv::Point2d nrm (-a.u.y, a.u.x), d = b.centre - a.centre;
    if (std::fabs (a.u.x * b.u.y - a.u.y * b.u.x) > 0.05 || b.length < 0.85 * a.length ||
        b.length > 1.18 * a.length || std::fabs (d.dot (a.u)) > 0.06 * a.length)
      return false;
    pitch = d.dot (nrm);
    return pitch > 0.04 * a.length && pitch < 0.075 * a.length;
  };
  for (auto &a : lines)
    for (auto &b : lines)
      {
        double p1, p2;
        if (!next (a, b, p1))
          continue;
        for (auto &c : lines)
          {
            if (!next (b, c, p2) || p2 < 0.8 * p1 || p2 > 1.25 * p1)
              continue;
            cv::Point2d u = a.u + b.u + c.u;
            u /= std::hypot (u.x, u.y);
            cv::Point2d nrm (-u.y, u.x);
            double len = (a.length + b.length + c.length) / 3;
            double along = (a.centre.dot (u) + b.centre.dot (u) + c.centre.dot (u)) / 3;
            double top = a.centre.dot (nrm), bottom = c.centre.dot (nrm);
            auto at = [&] (double x, double y) { return u * x + nrm * y; };
            blocks.push_back ({ at (along - len / 2, top), at (along + len / 2, top),
                                at (along + len / 2, bottom), at (along - len / 2, bottom) });
          }
      }
  return blocks;
}

/* Puts four points clockwise from the top-left one, for a quad turned less than 45°. */
void
order_upright (std::vector<cv::Point2d> &q)
{
  cv::Point2d c (0, 0);
  for (auto &p : q)
    c += p * 0.25;
  auto angle = [&] (const cv::Point2d &p) { return std::atan2 (p.y - c.y, p.x - c.x); };
  std::sort (q.begin (), q.end (),
             [&] (const cv::Point2d &a, const cv::Point2d &b) { return angle (a) < angle (b); });
  int start = 0;
  double best = 1e9;
  for (int i = 0; i < 4; i++)
    {
      double d = std::fabs (std::remainder (angle (q[i]) + 0.75 * M_PI, 2 * M_PI));
      if (d < best)
        best = d, start = i;
    }
  std::rotate (q.begin (), q.begin () + start, q.end ());
}

/* A quad that could be an inner feature: convex, clear of the frame, every side on edges. */
bool
anchor_quad (const cv::Mat &edges, Candidate &c)
{
  std::vector<cv::Point2f> f;
  for (auto &p : c.q)
    f.emplace_back ((float) p.x, (float) p.y);
  if (!cv::isContourConvex (f))
    return false;
  order_upright (c.q);
  double top = dist (c.q[0], c.q[1]), bottom = dist (c.q[3], c.q[2]);
  double left = dist (c.q[0], c.q[3]), right = dist (c.q[1], c.q[2]);
  if (std::max (top, bottom) > 1.3 * std::min (top, bottom) ||
      std::max (left, right) > 1.3 * std::min (left, right))
    return false;
  double ratio = (top + bottom) / std::max (1.0, left + right);
  if (ratio < 0.5 || ratio > 2.0)
    return false;
  double sum = 0;
  for (int i = 0; i < 4; i++)
    {
      if (side_on_border (c.q[i], c.q[(i + 1) % 4], edges.cols, edges.rows))
        return false;
      double e = edge_support (edges, c.q[i], c.q[(i + 1) % 4]);
      if (e < 0.45)
        return false;
      sum += e;
    }
  c.score = sum / 4;
  c.area = std::fabs (cv::contourArea (f)) / ((double) edges.cols * edges.rows);
  return true;
}

/* Moves side @i of @q (work coordinates) to the strongest straight edge nearly parallel to it
 * within ±@range px and ±@max_deg (in steps of 0.6°): the colour gradient across the line, summed
 * along it. */
Line
search_side (const cv::Mat &mdx, const cv::Mat &mdy, const std::vector<cv::Point2d> &q, int i,
             double range, double max_deg = 0.6)
{
  const cv::Point2d &a = q[i], &b = q[(i + 1) % 4];
  cv::Point2d mid = (a + b) * 0.5, d = b - a;
  double len = std::hypot (d.x, d.y);
  const int n = 48;
  double best = -1;
  Line out = line_through (a, b);
  int n_deg = (int) std::lround (max_deg / 0.6);
  for (int step = -n_deg; step <= n_deg; step++)
    {
      double th = step * 0.6 * M_PI / 180, ct = std::cos (th), st = std::sin (th);
      cv::Point2d u ((d.x * ct - d.y * st) / len, (d.x * st + d.y * ct) / len), nrm (-u.y, u.x);
      for (int o = (int) -std::ceil (range); o <= (int) std::ceil (range); o++)
        {
          double sum = 0;
          for (int k = 0; k < n; k++)
            {
              double t = (0.08 + 0.84 * (k + 0.5) / n - 0.5) * len;
              int x = (int) std::lround (mid.x + u.x * t + nrm.x * o);
              int y = (int) std::lround (mid.y + u.y * t + nrm.y * o);
              if (x < 0 || y < 0 || x >= mdx.cols || y >= mdx.rows)
                continue;
              /* capped: a faint edge all along the line beats a strong print over part of it */
              sum += std::min (kSearchCap, std::fabs (mdx.at<short> (y, x) * nrm.x
                                                      + mdy.at<short> (y, x) * nrm.y));
            }
          if (sum > best)
            {
              best = sum;
              cv::Point2d p = mid + nrm * (double) o;
              out = line_through (p, p + u);
            }
        }
    }
  return out;
}

/* @q (clockwise from the top-left as seen) from the top-left of the card it belongs to when that
 * card is held upside down (@turned): the corner seen at the bottom right first. */
std::vector<cv::Point2d>
half_turn (const std::vector<cv::Point2d> &q, bool turned)
{
  if (!turned)
    return q;
  return { q[2], q[3], q[0], q[1] };
}

/* Moves side @i of @q (work coordinates) to the strongest straight edge whose ends lie within
 * ±@range px of its corners along the neighbouring sides: the side farthest from an anchor, whose
 * direction the anchor predicts least well (perspective). */
Line
search_far_side (const cv::Mat &mdx, const cv::Mat &mdy, const std::vector<cv::Point2d> &q, int i,
                 double range)
{
  const cv::Point2d &a = q[i], &b = q[(i + 1) % 4];
  cv::Point2d da = a - q[(i + 3) % 4], db = b - q[(i + 2) % 4];
  da /= std::hypot (da.x, da.y);
  db /= std::hypot (db.x, db.y);
  const int n = 48;
  int r = (int) std::ceil (range);
  double best = -1;
  Line out = line_through (a, b);
  for (int oa = -r; oa <= r; oa++)
    for (int ob = -r; ob <= r; ob++)
      {
        cv::Point2d pa = a + da * (double) oa, pb = b + db * (double) ob, d = pb - pa;
        double len = std::hypot (d.x, d.y);
        cv::Point2d nrm (-d.y / len, d.x / len);
        double sum = 0;
        for (int k = 0; k < n; k++)
          {
            cv::Point2d p = pa + d * (0.08 + 0.84 * (k + 0.5) / n);
            int x = (int) std::lround (p.x), y = (int) std::lround (p.y);
            if (x < 0 || y < 0 || x >= mdx.cols || y >= mdx.rows)
              continue;
            sum += std::min (kSearchCap, std::fabs (mdx.at<short> (y, x) * nrm.x
                                                    + mdy.at<short> (y, x) * nrm.y));
          }
        if (sum > best)
          best = sum, out = line_through (pa, pb);
      }
  return out;
}

/* Where the card is when @anchor (work coordinates, upright) is layout feature @f; false when
 * that leaves the frame. */
bool
predict_corners (const std::vector<cv::Point2d> &anchor, const LayoutFeature &f, int w, int h,
                 double margin, std::vector<cv::Point2d> &card)
{
  cv::Point2f from[4] = { { (float) f.x, (float) f.y }, { (float) (f.x + f.w), (float) f.y },
                          { (float) (f.x + f.w), (float) (f.y + f.h) },
                          { (float) f.x, (float) (f.y + f.h) } };
  cv::Point2f to[4];
  for (int i = 0; i < 4; i++)
    to[i] = cv::Point2f ((float) anchor[i].x, (float) anchor[i].y);
  cv::Mat m = cv::getPerspectiveTransform (from, to);
  std::vector<cv::Point2d> corners = { { 0, 0 }, { kCardW, 0 }, { kCardW, kCardH }, { 0, kCardH } };
  cv::perspectiveTransform (corners, card, m);
  for (auto &p : card)
    if (p.x < -margin || p.y < -margin || p.x > w - 1 + margin || p.y > h - 1 + margin)
      return false;
  return true;
}

/* The homography (least squares, h33 = 1) taking the card's millimetres @mm to the points
 * @seen; false when they do not fit one within @tol px (two features that are not of one card). */
bool
fit_homography (const std::vector<cv::Point2d> &mm, const std::vector<cv::Point2d> &seen,
                double tol, cv::Mat &h)
{
  int n = (int) mm.size ();
  cv::Mat a (2 * n, 8, CV_64F, cv::Scalar (0)), b (2 * n, 1, CV_64F), x;
  for (int i = 0; i < n; i++)
    {
      double u = mm[i].x, v = mm[i].y, X = seen[i].x, Y = seen[i].y;
      double *r0 = a.ptr<double> (2 * i), *r1 = a.ptr<double> (2 * i + 1);
      r0[0] = u, r0[1] = v, r0[2] = 1, r0[6] = -u * X, r0[7] = -v * X;
      r1[3] = u, r1[4] = v, r1[5] = 1, r1[6] = -u * Y, r1[7] = -v * Y;
      b.at<double> (2 * i) = X;
      b.at<double> (2 * i + 1) = Y;
    }
  if (!cv::solve (a, b, x, cv::DECOMP_SVD))
    return false;
  h = cv::Mat (3, 3, CV_64F);
  for (int i = 0; i < 8; i++)
    h.at<double> (i / 3, i % 3) = x.at<double> (i);
  h.at<double> (2, 2) = 1;
  std::vector<cv::Point2d> back;
  cv::perspectiveTransform (mm, back, h);
  for (int i = 0; i < n; i++)
    if (dist (back[i], seen[i]) > tol)
      return false;
  return true;
}

/* Moves each side of the predicted @card to the strongest parallel edge nearby: less than half
 * way to the anchor's side (the print near the card's edge stays out of reach) and at most
 * @reach_mm, turned at most @max_deg. */
bool
snap_card (const cv::Mat &mdx, const cv::Mat &mdy, const std::vector<cv::Point2d> &anchor,
           const LayoutFeature &f, std::vector<cv::Point2d> &card, double reach_mm = 0.9,
           double max_deg = 0.6, double far_mm = 0)
{
  double px_per_mm = (dist (anchor[0], anchor[1]) + dist (anchor[3], anchor[2])) / (2 * f.w);
  double gap_mm[4] = { f.y, kCardW - f.x - f.w, kCardH - f.y - f.h, f.x };
  Line lines[4];
  for (int i = 0; i < 4; i++)
    {
      double range = std::clamp (0.45 * gap_mm[i] * px_per_mm, 2.0, reach_mm * px_per_mm);
      lines[i] = search_side (mdx, mdy, card, i, range, max_deg);
    }
  std::vector<cv::Point2d> nq (4);
  for (int i = 0; i < 4; i++)
    if (!intersect (lines[(i + 3) % 4], lines[i], nq[i]))
      return false;
  if (far_mm > 0)
    {
      int far = (int) (std::max_element (gap_mm, gap_mm + 4) - gap_mm);
      lines[far] = search_far_side (mdx, mdy, nq, far, far_mm * px_per_mm);
      for (int i = 0; i < 4; i++)
        if (!intersect (lines[(i + 3) % 4], lines[i], nq[i]))
          return false;
    }
  card = nq;
  return true;
}

/* How periodic the ink is across the band where a back's machine-readable zone lies (ID-1 TD1:
 * three lines of 30 OCR-B characters at 10 per inch, from 39.5 to 53.5 mm, 4.5 to 81.5 mm across,
 * in both the 2021 and the 2024 layout): the autocorrelation of the band's column ink profile at
 * one character pitch (2.54 mm) less that at half a pitch (a profile that merely varies slowly,
 * such as large print or boxes, correlates at both). Fixed-pitch lines stacked on the same grid
 * give 0.89 or more on the factory's backs; the proportional print of a front, and a back's upper
 * part seen upside down, 0.2 at most. @grey is the card at kStatsWidth. */
double
mrz_pitch_score (const cv::Mat &grey)
{
  double px_per_mm = grey.cols / 85.6;
  cv::Rect band ((int) (4.5 * px_per_mm), (int) (39.5 * px_per_mm),
                 (int) (77.0 * px_per_mm), (int) (14.0 * px_per_mm));
  band &= cv::Rect (0, 0, grey.cols, grey.rows);
  cv::Mat g = grey (band), local;
  cv::blur (g, local, cv::Size (17, 17));
  std::vector<double> col (g.cols, 0.0);
  for (int y = 0; y < g.rows; y++)
    {
      const uint8_t *row = g.ptr<uint8_t> (y), *bg = local.ptr<uint8_t> (y);
      for (int x = 0; x < g.cols; x++)
        if (row[x] + 20 < bg[x])
          col[x] += 1;
    }
  double mean = 0;
  for (double v : col)
    mean += v / col.size ();
  double energy = 0;
  for (double &v : col)
    {
      v -= mean;
      energy += v * v;
    }
  if (energy <= 0)
    return 0;
  auto autocorr = [&] (int lag) {
    double sum = 0;
    for (size_t x = 0; x + lag < col.size (); x++)
      sum += col[x] * col[x + lag];
    return sum / energy;
  };
  auto at = [&] (double lag) {
    int l0 = (int) std::floor (lag);
    double f = lag - l0;
    return (1 - f) * autocorr (l0) + f * autocorr (l0 + 1);
  };
  double pitch = 2.54 * px_per_mm;
  return at (pitch) - at (pitch / 2);
}

/* Mean redness (R − max (G, B)) of the box where the red national emblem lies on both fronts
 * (a 12 mm disc centred at 10–10.5 mm, 8.8–9 mm from the top left), or where it lies on the card
 * turned half a turn (@turned: the bottom right). @bgr is the card at kStatsWidth. */
double
emblem_redness (const cv::Mat &bgr, bool turned)
{
  double px_per_mm = bgr.cols / kCardW;
  double x = turned ? kCardW - 16.0 : 5.0, y = turned ? kCardH - 14.5 : 3.5;
  cv::Rect box ((int) (x * px_per_mm), (int) (y * px_per_mm), (int) (11.0 * px_per_mm),
                (int) (11.0 * px_per_mm));
  box &= cv::Rect (0, 0, bgr.cols, bgr.rows);
  double sum = 0;
  for (int r = box.y; r < box.y + box.height; r++)
    {
      const cv::Vec3b *row = bgr.ptr<cv::Vec3b> (r);
      for (int c = box.x; c < box.x + box.width; c++)
        sum += std::max (0, (int) row[c][2] - std::max ((int) row[c][0], (int) row[c][1]));
    }
  return box.area () > 0 ? sum / box.area () : 0;
}

} /* namespace */

extern "C" int
_ekyc_cv_card_find (const EkycCvView *view, EkycCvCardQuad *out, char **error_message)
{
  EKYC_CV_TRY
    {
      *out = EkycCvCardQuad {};
      cv::Mat bgr = to_bgr (view);
      double s = view->width > kWorkWidth ? (double) kWorkWidth / view->width : 1.0;
      Scratch &ws = scratch ();
      cv::Mat small, &blurred = ws.blurred, &mdx = ws.mdx, &mdy = ws.mdy;
      if (s < 1.0)
        {
          cv::resize (bgr, ws.small, cv::Size (), s, s, cv::INTER_AREA);
          small = ws.small;
        }
      else
        small = bgr;
      cv::GaussianBlur (small, blurred, cv::Size (5, 5), 0);
      colour_gradient (blurred, mdx, mdy);

      std::vector<Candidate> cands, anchors;
      ws.fits.clear ();
      ws.exact_fits.clear ();
      double min_area = 0.03 * small.cols * small.rows;
      cv::Mat kernel = cv::getStructuringElement (cv::MORPH_RECT, cv::Size (3, 3));
      const std::pair<int, int> thresholds[2] = { { 50, 150 }, { 20, 60 } };
      for (int pass = 0; pass < 2; pass++)
        {
          cv::Mat &edges = ws.edges;
          cv::Canny (mdx, mdy, edges, thresholds[pass].first, thresholds[pass].second);
          cv::dilate (edges, edges, kernel);
          collect_candidates (edges, true, min_area, min_area, ws.contours[pass], cands, anchors);
        }
      /* Inner rectangles (portrait, fingerprint boxes) can score as well as the card: while a
       * candidate at least 1.5 times larger scores nearly as well, move to the best such one.
       * (Near-duplicates, such as a shadow's outline around the card, are left to the score.) */
      const Candidate *best = nullptr;
      double top_score = 0;
      for (auto &c : cands)
        top_score = std::max (top_score, c.score);
      for (auto &c : cands)
        if (best == nullptr || c.score > best->score)
          best = &c;
      for (; best != nullptr;)
        {
          const Candidate *larger = nullptr;
          for (auto &c : cands)
            if (c.area > 1.5 * best->area && c.score >= 0.75 * top_score &&
                (larger == nullptr || c.score > larger->score))
              larger = &c;
          if (larger == nullptr)
            break;
          best = larger;
        }

      /* Refine on the full-resolution image. */
      auto to_full = [s] (const std::vector<cv::Point2d> &w) {
        std::vector<cv::Point2d> f;
        for (auto &p : w)
          f.emplace_back ((p.x + 0.5) / s - 0.5, (p.y + 0.5) / s - 0.5);
        return f;
      };
      std::vector<cv::Point2d> q;
      double support[4] = { 0, 0, 0, 0 };
      int border = 0;
      double coarse_score = 0;
      if (best != nullptr)
        {
          q = to_full (best->q);
          border = best->border;
          coarse_score = best->score;
          refine_quad (bgr, q, border, std::max (4.0, 2.5 / s), support);
        }

      /* The card predicted from inner features of its layout, verified by its edges at full
       * resolution: taken over a quad it contains (the portrait, the fingerprint boxes) or one
       * with a side on the frame's edge, or when nothing else was found. */
      std::sort (anchors.begin (), anchors.end (),
                 [] (const Candidate &a, const Candidate &b) { return a.score > b.score; });
      double best_area = best != nullptr ? std::fabs (cv::contourArea (
                           std::vector<cv::Point2f> (q.begin (), q.end ()))) : 0;
      double chosen_support = -1;
      double best_support = (support[0] + support[1] + support[2] + support[3]) / 4;
      /* @as_seen (work coordinates) is layout feature @f of the card as seen: the card it predicts,
       * its sides snapped to the edges nearby and found again at full resolution, replaces the
       * choice so far when it is verified better */
      auto verify_prediction = [&] (const std::vector<cv::Point2d> &as_seen,
                                    const LayoutFeature &f, double reach_mm = 0.9,
                                    double max_deg = 0.6, double far_mm = 0,
                                    bool replaces_alike = false) {
        std::vector<cv::Point2d> card;
        if (!predict_corners (as_seen, f, small.cols, small.rows, 0.02 * small.cols, card) ||
            !snap_card (mdx, mdy, as_seen, f, card, reach_mm, max_deg, far_mm))
          return;
        std::vector<cv::Point2d> pq = to_full (card);
        order_corners (pq);
        double sup[4];
        std::vector<cv::Point2d> snapped = pq;
        if (!refine_quad (bgr, pq, 0, 1.5 + 2.5 / s, sup))
          return;
        /* one side not found (a faint edge on a pale background, a side at the frame's edge)
         * while the other three are found well: it stays where the layout and the snap put it */
        int weak = 0, n_weak = 0;
        for (int i = 0; i < 4; i++)
          if (sup[i] < 0.5)
            weak |= 1 << i, n_weak++;
        if (n_weak == 1)
          {
            bool strong = true;
            double others = 0;
            for (int i = 0; i < 4; i++)
              if (!(weak & (1 << i)))
                {
                  strong = strong && sup[i] >= 0.6;
                  others += sup[i] / 3;
                }
            strong = strong && others >= 0.75;
            pq = snapped;
            if (!strong || !refine_quad (bgr, pq, 0, 1.5 + 2.5 / s, sup, weak))
              return;
            for (int i = 0; i < 4; i++)
              if (weak & (1 << i))
                sup[i] = 0.5;
          }
        double mean = (sup[0] + sup[1] + sup[2] + sup[3]) / 4;
        double lowest = std::min ({ sup[0], sup[1], sup[2], sup[3] });
        double area = std::fabs (cv::contourArea (std::vector<cv::Point2f> (pq.begin (), pq.end ())));
        if (lowest < 0.5 || mean < 0.7 || mean <= chosen_support)
          return;
        /* a prediction about as large as the quad found replaces it only when that quad's
         * sides were found poorly and the prediction's better */
        if (best != nullptr && border == 0 && area < 1.3 * best_area &&
            !(replaces_alike && area > 0.8 * best_area && best_support < 0.7 &&
              mean > best_support + 0.1))
          return;
        chosen_support = mean;
        q = pq;
        border = 0;
        std::copy (sup, sup + 4, support);
        coarse_score = std::max (coarse_score, mean);
      };
      int tried = 0;
      std::vector<const Candidate *> seen;
      for (auto &a : anchors)
        {
          if (tried >= 6)
            break;
          /* the two Canny passes find the same quads */
          bool again = false;
          for (auto *o : seen)
            {
              double d = 0;
              for (int i = 0; i < 4; i++)
                d = std::max (d, dist (o->q[i], a.q[i]));
              again = again || d < 3;
            }
          if (again)
            continue;
          seen.push_back (&a);
          double ratio = (dist (a.q[0], a.q[1]) + dist (a.q[3], a.q[2]))
                         / (dist (a.q[0], a.q[3]) + dist (a.q[1], a.q[2]));
          bool refined = false;
          std::vector<cv::Point2d> anchor;
          for (int k = 0; k < 2 * (int) G_N_ELEMENTS (kFeatures); k++)
            {
              /* each feature also as the same feature of a card held upside down */
              const LayoutFeature &f = kFeatures[k / 2];
              bool turn = k % 2;
              if (std::fabs (std::log (ratio * f.h / f.w)) > 0.2)
                continue;
              std::vector<cv::Point2d> card;
              /* the coarse anchor's corners are rough and the card extends it 4 to 6 times:
               * only a prediction far outside is given up before the anchor is refined */
              if (!predict_corners (half_turn (a.q, turn), f, small.cols, small.rows,
                                    0.15 * small.cols, card))
                continue;
              /* worth a look only if it would be chosen */
              std::vector<cv::Point2f> cf;
              for (auto &p : card)
                cf.emplace_back ((float) ((p.x + 0.5) / s - 0.5), (float) ((p.y + 0.5) / s - 0.5));
              double area = std::fabs (cv::contourArea (cf));
              if (best != nullptr && border == 0 && area < 1.3 * best_area)
                continue;
              tried += !refined;
              if (!refined)
                {
                  /* the card is predicted 4 to 6 times the anchor's size away: its sides
                   * fitted as surely as the contour allows (cv::fitLine's 20 restarts, which
                   * ranking the quads did not need), then refined at full resolution and
                   * brought back to work coordinates */
                  std::vector<cv::Point2d> aq = a.approx;
                  if (fit_sides (*a.contour, a.tol, aq, true))
                    order_upright (aq);
                  else
                    aq = a.q;
                  std::vector<cv::Point2d> full = to_full (aq);
                  double asup[4];
                  refine_quad (bgr, full, 0, std::max (4.0, 2.5 / s), asup);
                  for (auto &p : full)
                    anchor.emplace_back ((p.x + 0.5) * s - 0.5, (p.y + 0.5) * s - 0.5);
                  refined = true;
                }
              verify_prediction (half_turn (anchor, turn), f);
            }
        }
      /* Two features of one layout far apart (the 2021 front's portrait and QR square), when
       * neither alone predicted a card its edges confirm: under strong perspective one small
       * feature extrapolated four times its size misses the far side, two across the card do
       * not. The card predicted through both, as the rectangle that spans them, is snapped
       * as a single feature's. */
      if (chosen_support < 0)
        {
          const LayoutFeature &fp = kFeatures[kPortrait2021], &fq = kFeatures[kQrSquare2021];
          const LayoutFeature span = { fp.x, fq.y, fq.x + fq.w - fp.x, fp.y + fp.h - fq.y };
          auto rect = [] (const LayoutFeature &f) {
            return std::vector<cv::Point2d> { { f.x, f.y }, { f.x + f.w, f.y },
                                              { f.x + f.w, f.y + f.h }, { f.x, f.y + f.h } };
          };
          auto shaped = [] (const Candidate &c, const LayoutFeature &f) {
            double ratio = (dist (c.q[0], c.q[1]) + dist (c.q[3], c.q[2]))
                           / (dist (c.q[0], c.q[3]) + dist (c.q[1], c.q[2]));
            return std::fabs (std::log (ratio * f.h / f.w)) <= 0.2;
          };
          std::vector<cv::Point2d> mm = rect (fp), pq = rect (fq);
          mm.insert (mm.end (), pq.begin (), pq.end ());
          int pairs = 0;
          for (size_t i = 0; i < anchors.size () && pairs < 4; i++)
            for (size_t j = 0; j < anchors.size () && pairs < 4; j++)
              {
                if (i == j || !shaped (anchors[i], fp) || !shaped (anchors[j], fq))
                  continue;
                for (bool turn : { false, true })
                  {
                    std::vector<cv::Point2d> both = half_turn (anchors[i].q, turn);
                    std::vector<cv::Point2d> sq = half_turn (anchors[j].q, turn);
                    both.insert (both.end (), sq.begin (), sq.end ());
                    double size = dist (both[0], both[1]);
                    cv::Mat h;
                    if (!fit_homography (mm, both, 0.15 * size, h))
                      continue;
                    pairs++;
                    /* worth a look only if it would be chosen */
                    std::vector<cv::Point2d> card, as_seen;
                    cv::perspectiveTransform (
                      std::vector<cv::Point2d> { { 0, 0 }, { kCardW, 0 }, { kCardW, kCardH },
                                                 { 0, kCardH } }, card, h);
                    std::vector<cv::Point2f> cf;
                    for (auto &p : card)
                      cf.emplace_back ((float) ((p.x + 0.5) / s - 0.5),
                                       (float) ((p.y + 0.5) / s - 0.5));
                    if (best != nullptr && border == 0 &&
                        std::fabs (cv::contourArea (cf)) < 1.3 * best_area)
                      continue;
                    cv::perspectiveTransform (rect (span), as_seen, h);
                    verify_prediction (as_seen, span);
                  }
              }
        }
      /* A back's machine-readable zone (three lines of print nearly as long as the card is
       * wide), when no inner feature predicted the card: on a page of printed lines the 2024
       * back's QR square is often too small a contour, and no other quad closes */
      if (chosen_support < 0)
        {
          cv::Mat &grey = ws.grey;
          cv::cvtColor (blurred, grey, cv::COLOR_BGR2GRAY);
          std::vector<std::vector<cv::Point2d>> blocks = find_mrz_blocks (grey);
          for (size_t b = 0; b < blocks.size () && b < 4; b++)
            for (bool turn : { false, true })
              {
                std::vector<cv::Point2d> card, as_seen = half_turn (blocks[b], turn);
                if (!predict_corners (as_seen, kMrzLines, small.cols, small.rows,
                                      0.02 * small.cols, card))
                  continue;
                std::vector<cv::Point2f> cf;
                for (auto &p : card)
                  cf.emplace_back ((float) ((p.x + 0.5) / s - 0.5), (float) ((p.y + 0.5) / s - 0.5));
                /* worth a look only if it could be chosen: larger than the quad found, or about
                 * as large when that quad's sides were found poorly (the snaps move a side by
                 * 3.5 mm at most: the area by less than the margin here) */
                double area = std::fabs (cv::contourArea (cf));
                if (best != nullptr && border == 0 &&
                    (area < 0.8 * best_area || (best_support >= 0.7 && area < 1.1 * best_area)))
                  continue;
                /* the card extends the block 5 times upwards, where perspective moves it most:
                 * each side snapped as usual, then snapped farther and turned more, then the far
                 * side searched by its two ends along the sides next to it; the best verified */
                verify_prediction (as_seen, kMrzLines, 0.9, 0.6, 0, true);
                verify_prediction (as_seen, kMrzLines, 1.5, 4.2, 0, true);
                verify_prediction (as_seen, kMrzLines, 0.9, 4.2, 3.5, true);
              }
        }
      /* Still the quad with a side on the frame's edge: a card whose corner nearly touches the
       * frame's edge may have been joined to it, the hull of the two the frame's. The contours
       * drawn without the frame's edge keep them apart; the best of their quads clear of the
       * edge is taken when it scores better. (Only then: without the frame's edge, contours
       * join other things the edge kept apart, a grid behind the card, and the layout's
       * predictions above are surer.) */
      if (chosen_support < 0 && best != nullptr && border != 0)
        {
          std::vector<Candidate> loose, loose_anchors;
          for (int pass = 0; pass < 2; pass++)
            {
              cv::Mat &edges = ws.edges;
              cv::Canny (mdx, mdy, edges, thresholds[pass].first, thresholds[pass].second);
              cv::dilate (edges, edges, kernel);
              collect_candidates (edges, false, min_area, min_area, ws.contours[2 + pass], loose,
                                  loose_anchors);
            }
          const Candidate *clear = nullptr;
          for (auto &c : loose)
            if (c.border == 0 && c.score > best->score
                && (clear == nullptr || c.score > clear->score))
              clear = &c;
          if (clear != nullptr)
            {
              q = to_full (clear->q);
              border = 0;
              coarse_score = clear->score;
              /* farther than a quad of the frame's contours: the hull may take in the ends
               * of the background's print that touch the card (a page of lines), 10–25 px
               * out at the far end of a side */
              refine_quad (bgr, q, 0, std::max (8.0, 8.0 / s), support);
            }
        }
      if (q.empty ())
        return 1;

      double mean_support = 0;
      for (double v : support)
        mean_support += v / 4;
      out->found = 1;
      out->border_sides = border;
      for (int i = 0; i < 4; i++)
        {
          /* pixel-centre → pixel-edge coordinates */
          out->corners[2 * i] = q[i].x + 0.5;
          out->corners[2 * i + 1] = q[i].y + 0.5;
        }
      out->coarse_score = coarse_score;
      out->edge_support = mean_support;
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}

extern "C" int
_ekyc_cv_card_warp (const EkycCvView *view, const double corners[8], int width, int height,
                    uint8_t *bgr_out, char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Point2f from[4], to[4] = { { 0, 0 }, { (float) width, 0 },
                                     { (float) width, (float) height }, { 0, (float) height } };
      for (int i = 0; i < 4; i++)
        from[i] = cv::Point2f ((float) corners[2 * i], (float) corners[2 * i + 1]);
      /* both sets are pixel-edge coordinates; warpPerspective works on pixel centres */
      cv::Mat m = cv::getPerspectiveTransform (from, to);
      cv::Mat shift_in = (cv::Mat_<double> (3, 3) << 1, 0, 0.5, 0, 1, 0.5, 0, 0, 1);
      cv::Mat shift_out = (cv::Mat_<double> (3, 3) << 1, 0, -0.5, 0, 1, -0.5, 0, 0, 1);
      m = shift_out * m * shift_in;
      cv::Mat out (height, width, CV_8UC3, bgr_out);
      /* the frame's pixels warped as they are, the (smaller) card converted to BGR after */
      cv::Mat &warped = view->order == EKYC_CV_ORDER_BGR ? out : scratch ().warped;
      cv::warpPerspective (ekyc_cv_wrap_view (view), warped, m, cv::Size (width, height),
                           cv::INTER_LINEAR, cv::BORDER_REPLICATE);
      if (view->order != EKYC_CV_ORDER_BGR)
        {
          cv::Mat bgr = to_bgr (warped, view->order, out);
          g_assert (bgr.data == out.data);
        }
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}

extern "C" int
_ekyc_cv_card_stats (const EkycCvView *view, const double corners[8], EkycCvCardStats *out,
                     char **error_message)
{
  EKYC_CV_TRY
    {
      int w = kStatsWidth, h = (int) std::lround (kStatsWidth / kAspect);
      Scratch &ws = scratch ();
      cv::Mat &bgr = ws.card, &grey = ws.card_grey, &lap = ws.lap, &turned = ws.turned;
      bgr.create (h, w, CV_8UC3);
      if (!_ekyc_cv_card_warp (view, corners, w, h, bgr.data, error_message))
        return 0;
      cv::cvtColor (bgr, grey, cv::COLOR_BGR2GRAY);
      /* leave out a margin: the rounded corners and a possibly imprecise edge show background */
      cv::Rect inner (w / 25, h / 25, w - 2 * (w / 25), h - 2 * (h / 25));
      cv::Mat g = grey (inner);
      out->brightness = cv::mean (g)[0];
      cv::Laplacian (g, lap, CV_32F);
      cv::Scalar mu, sigma;
      cv::meanStdDev (lap, mu, sigma);
      out->sharpness = sigma[0] * sigma[0];
      /* Glare: light brighter than the card's own print, in blobs (thin white print is opened
       * away). A printed white area (the back's fingerprint boxes and MRZ band, the QR's quiet
       * zone, a portrait's white backdrop) is as white as the card's paper allows, about 20
       * levels above its median; a reflection adds light on top of that (up to pure white on a
       * pale card). A card whose median is itself saturated is over-exposed, its print still
       * dark: no blob of it is told apart as glare. */
      double median = median_u8 (g);
      double threshold = std::clamp (median + kGlareAboveMedian, kGlareMin, kGlareMax);
      cv::Mat &sat = ws.sat;
      cv::compare (g, median >= kGlareMin ? 256.0 : threshold, sat, cv::CMP_GE);
      cv::morphologyEx (sat, sat, cv::MORPH_OPEN,
                        cv::getStructuringElement (cv::MORPH_ELLIPSE, cv::Size (7, 7)));
      out->glare = (double) cv::countNonZero (sat) / (double) g.total ();
      /* the side and which way up: the MRZ at the bottom, or at the top of a card upside down;
       * the emblem at the top left, or at the bottom right */
      out->mrz_pitch = mrz_pitch_score (grey);
      cv::rotate (grey, turned, cv::ROTATE_180);
      out->mrz_pitch_turned = mrz_pitch_score (turned);
      out->emblem_red = emblem_redness (bgr, false);
      out->emblem_red_turned = emblem_redness (bgr, true);
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}
