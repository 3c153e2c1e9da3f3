/* synth-cv.cpp — the card factory's OpenCV shim: image I/O, perspective compositing, blur
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "synth-cards"

#include "config.h"

#include <cstring>
#include <exception>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "synth-cv.h"

namespace {

gboolean
fail (char **error_message, const char *what, const char *detail)
{
  if (error_message != nullptr)
    *error_message = g_strdup_printf ("%s: %s", what, detail);
  return FALSE;
}

template <typename F>
gboolean
guarded (char **error_message, const char *what, F &&body)
{
  try
    {
      return body ();
    }
  catch (const cv::Exception &e)
    {
      return fail (error_message, what, e.what ());
    }
  catch (const std::exception &e)
    {
      return fail (error_message, what, e.what ());
    }
  catch (...)
    {
      return fail (error_message, what, "unknown C++ exception");
    }
}

} // namespace

extern "C" gboolean
synth_cv_load_bgra (const char *path, guint8 **pixels, int *width, int *height,
                    char **error_message)
{
  g_return_val_if_fail (path != nullptr && pixels != nullptr, FALSE);
  g_return_val_if_fail (width != nullptr && height != nullptr, FALSE);
  return guarded (error_message, path, [&] () -> gboolean {
    cv::Mat bgr = cv::imread (path, cv::IMREAD_COLOR);
    if (bgr.empty ())
      return fail (error_message, path, "cannot decode the image");
    cv::Mat bgra;
    cv::cvtColor (bgr, bgra, cv::COLOR_BGR2BGRA);
    gsize size = (gsize) bgra.cols * 4 * (gsize) bgra.rows;
    guint8 *out = (guint8 *) g_malloc (size);
    for (int y = 0; y < bgra.rows; y++)
      std::memcpy (out + (gsize) y * bgra.cols * 4, bgra.ptr (y), (gsize) bgra.cols * 4);
    *pixels = out;
    *width = bgra.cols;
    *height = bgra.rows;
    return TRUE;
  });
}

extern "C" gboolean
synth_cv_composite (const guint8 *card, int cw, int ch, gsize card_stride,
                    guint8 *frame, int fw, int fh, gsize frame_stride,
                    const double quad[8], double shadow_dx, double shadow_dy,
                    double shadow_sigma, double shadow_opacity, char **error_message)
{
  g_return_val_if_fail (card != nullptr && frame != nullptr && quad != nullptr, FALSE);
  g_return_val_if_fail (cw > 0 && ch > 0 && fw > 0 && fh > 0, FALSE);
  return guarded (error_message, "composite", [&] () -> gboolean {
    cv::Mat src (ch, cw, CV_8UC4, (void *) card, card_stride);
    cv::Mat dst (fh, fw, CV_8UC4, frame, frame_stride);
    /* pixel-centre coordinates: a pixel-edge coordinate X is the centre coordinate X − 0.5 */
    cv::Point2f from[4] = { { -0.5f, -0.5f }, { cw - 0.5f, -0.5f },
                            { cw - 0.5f, ch - 0.5f }, { -0.5f, ch - 0.5f } };
    cv::Point2f to[4];
    for (int i = 0; i < 4; i++)
      to[i] = cv::Point2f ((float) (quad[2 * i] - 0.5), (float) (quad[2 * i + 1] - 0.5));
    cv::Mat h = cv::getPerspectiveTransform (from, to);
    cv::Mat warped;
    cv::warpPerspective (src, warped, h, dst.size (), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                         cv::Scalar::all (0));

    std::vector<cv::Mat> planes;
    cv::split (warped, planes);
    cv::Mat alpha;
    planes[3].convertTo (alpha, CV_32F, 1.0 / 255.0);

    cv::Mat shadow;
    if (shadow_opacity > 0)
      {
        cv::Mat shift = (cv::Mat_<double> (2, 3) << 1, 0, shadow_dx, 0, 1, shadow_dy);
        cv::warpAffine (alpha, shadow, shift, alpha.size (), cv::INTER_LINEAR,
                        cv::BORDER_CONSTANT, cv::Scalar::all (0));
        if (shadow_sigma > 0)
          cv::GaussianBlur (shadow, shadow, cv::Size (0, 0), shadow_sigma);
        shadow *= shadow_opacity;
      }

    for (int y = 0; y < fh; y++)
      {
        guint8 *d = dst.ptr<guint8> (y);
        const guint8 *w = warped.ptr<guint8> (y);
        const float *a = alpha.ptr<float> (y);
        const float *s = shadow.empty () ? nullptr : shadow.ptr<float> (y);
        for (int x = 0; x < fw; x++)
          {
            float keep = (1.0f - a[x]) * (s ? 1.0f - s[x] : 1.0f);
            for (int c = 0; c < 3; c++)
              {
                float v = w[4 * x + c] + d[4 * x + c] * keep;
                d[4 * x + c] = (guint8) (v > 255.0f ? 255 : v + 0.5f);
              }
            d[4 * x + 3] = 255;
          }
      }
    return TRUE;
  });
}

extern "C" gboolean
synth_cv_blur (guint8 *pixels, int width, int height, gsize stride, double sigma,
               char **error_message)
{
  g_return_val_if_fail (pixels != nullptr && width > 0 && height > 0, FALSE);
  if (sigma <= 0)
    return TRUE;
  return guarded (error_message, "blur", [&] () -> gboolean {
    cv::Mat m (height, width, CV_8UC4, pixels, stride);
    cv::GaussianBlur (m, m, cv::Size (0, 0), sigma);
    return TRUE;
  });
}

extern "C" gboolean
synth_cv_write_jpeg (const guint8 *pixels, int width, int height, gsize stride, int quality,
                     const char *path, char **error_message)
{
  g_return_val_if_fail (pixels != nullptr && width > 0 && height > 0 && path != nullptr, FALSE);
  return guarded (error_message, path, [&] () -> gboolean {
    cv::Mat m (height, width, CV_8UC4, (void *) pixels, stride);
    cv::Mat bgr;
    cv::cvtColor (m, bgr, cv::COLOR_BGRA2BGR);
    std::vector<int> params = { cv::IMWRITE_JPEG_QUALITY, CLAMP (quality, 1, 100) };
    if (!cv::imwrite (path, bgr, params))
      return fail (error_message, path, "cannot write the JPEG file");
    return TRUE;
  });
}
