/* ekyc-cv-image.cpp — pixel work in OpenCV: decode, warp into model blobs, region statistics
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <glib.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ekyc-cv.h"
#include "ekyc-cv-private.hpp"

namespace {

/* Converts a small warped patch (same channel layout as the view) to BGR. */
cv::Mat
to_bgr (const cv::Mat &patch, EkycCvOrder order)
{
  cv::Mat bgr;
  switch (order)
    {
    case EKYC_CV_ORDER_GRAY: cv::cvtColor (patch, bgr, cv::COLOR_GRAY2BGR); break;
    case EKYC_CV_ORDER_RGB: cv::cvtColor (patch, bgr, cv::COLOR_RGB2BGR); break;
    case EKYC_CV_ORDER_BGR: bgr = patch; break;
    case EKYC_CV_ORDER_RGBA: cv::cvtColor (patch, bgr, cv::COLOR_RGBA2BGR); break;
    case EKYC_CV_ORDER_BGRA: cv::cvtColor (patch, bgr, cv::COLOR_BGRA2BGR); break;
    case EKYC_CV_ORDER_ARGB:
    case EKYC_CV_ORDER_ABGR:
      {
        /* Drop the leading alpha byte, then treat as RGB / BGR. */
        cv::Mat three (patch.rows, patch.cols, CV_8UC3);
        int from_to[] = { 1, 0, 2, 1, 3, 2 };
        cv::mixChannels (&patch, 1, &three, 1, from_to, 3);
        if (order == EKYC_CV_ORDER_ARGB)
          cv::cvtColor (three, bgr, cv::COLOR_RGB2BGR);
        else
          bgr = three;
      }
      break;
    }
  return bgr;
}

cv::Mat
warp (const EkycCvView *view, const double dst_to_src[6], int width, int height, bool replicate)
{
  cv::Mat src = ekyc_cv_wrap_view (view);
  cv::Mat m (2, 3, CV_64F, const_cast<double *> (dst_to_src));
  cv::Mat patch;
  cv::warpAffine (src, patch, m, cv::Size (width, height),
                  cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                  replicate ? cv::BORDER_REPLICATE : cv::BORDER_CONSTANT, cv::Scalar::all (0));
  return to_bgr (patch, view->order);
}

} /* namespace */

extern "C" int
_ekyc_cv_warp_to_blob (const EkycCvView *view, const double dst_to_src[6],
                       const EkycCvBlobSpec *spec, float *blob, char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat bgr = warp (view, dst_to_src, spec->width, spec->height, spec->border_replicate);
      size_t plane = (size_t) spec->width * spec->height;
      const float *cm = spec->channel_mean;
      bool per_channel = cm[0] != 0.0f || cm[1] != 0.0f || cm[2] != 0.0f;
      float m0 = per_channel ? cm[0] : spec->mean, m1 = per_channel ? cm[1] : spec->mean,
            m2 = per_channel ? cm[2] : spec->mean;
      for (int y = 0; y < spec->height; y++)
        {
          const uint8_t *row = bgr.ptr<uint8_t> (y);
          for (int x = 0; x < spec->width; x++)
            {
              size_t i = (size_t) y * spec->width + x;
              float b = row[3 * x], g = row[3 * x + 1], r = row[3 * x + 2];
              blob[i] = ((spec->rgb ? r : b) - m0) * spec->scale;
              blob[plane + i] = (g - m1) * spec->scale;
              blob[2 * plane + i] = ((spec->rgb ? b : r) - m2) * spec->scale;
            }
        }
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}

extern "C" int
_ekyc_cv_warp_to_bgr (const EkycCvView *view, const double dst_to_src[6], int width, int height,
                      int border_replicate, uint8_t *bgr_out, char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat bgr = warp (view, dst_to_src, width, height, border_replicate);
      cv::Mat out (height, width, CV_8UC3, bgr_out);
      bgr.copyTo (out);
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}

extern "C" int
_ekyc_cv_decode (const uint8_t *data, size_t length, uint8_t **bgr_out, int *width_out,
                 int *height_out, char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat buf (1, (int) length, CV_8UC1, const_cast<uint8_t *> (data));
      cv::Mat img = cv::imdecode (buf, cv::IMREAD_COLOR);
      if (img.empty ())
        {
          if (error_message)
            *error_message = g_strdup ("OpenCV could not decode the image");
          return 0;
        }
      size_t row = (size_t) img.cols * 3;
      uint8_t *pixels = (uint8_t *) g_malloc (row * img.rows);
      for (int y = 0; y < img.rows; y++)
        memcpy (pixels + row * y, img.ptr<uint8_t> (y), row);
      *bgr_out = pixels;
      *width_out = img.cols;
      *height_out = img.rows;
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}

extern "C" int
_ekyc_cv_write_jpeg (const EkycCvView *view, const char *path, int quality, char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat bgr = to_bgr (ekyc_cv_wrap_view (view), view->order);
      std::vector<int> params = { cv::IMWRITE_JPEG_QUALITY, quality };
      if (!cv::imwrite (path, bgr, params))
        {
          if (error_message)
            *error_message = g_strdup_printf ("could not write %s", path);
          return 0;
        }
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}

extern "C" int
_ekyc_cv_region_stats (const EkycCvView *view, const double dst_to_src[6], int size,
                       double *mean_luma, double *laplacian_variance, double *overexposed,
                       char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat bgr = warp (view, dst_to_src, size, size, true);
      cv::Mat grey, lap;
      cv::cvtColor (bgr, grey, cv::COLOR_BGR2GRAY);
      *mean_luma = cv::mean (grey)[0];
      cv::Laplacian (grey, lap, CV_64F);
      cv::Scalar mu, sigma;
      cv::meanStdDev (lap, mu, sigma);
      *laplacian_variance = sigma[0] * sigma[0];
      *overexposed = (double) cv::countNonZero (grey >= 250) / (double) (size * size);
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}

extern "C" void
_ekyc_cv_set_num_threads (int n)
{
  try
    {
      /* OpenCV's "1" is a one-slot TBB arena that callers from different threads queue for;
       * "0" runs every call sequentially in the calling thread, which is what one thread means
       * here (and lets the engine's own threads run in parallel). */
      cv::setNumThreads (n == 1 ? 0 : n > 1 ? n : -1);
    }
  catch (...)
    {
    }
}
