/* ekyc-cv-private.hpp — the try/catch wrapper every extern "C" entry of the shim uses, and the
 * caller's pixels seen as a cv::Mat
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <exception>
#include <glib.h>
#include <opencv2/core.hpp>

#include "ekyc-cv.h"

/* Bytes per pixel of a view's channel order. */
inline int
ekyc_cv_channels_of (EkycCvOrder order)
{
  switch (order)
    {
    case EKYC_CV_ORDER_GRAY: return 1;
    case EKYC_CV_ORDER_RGB:
    case EKYC_CV_ORDER_BGR: return 3;
    default: return 4;
    }
}

/* The caller's pixels as a cv::Mat header, no copy: valid while the view is. */
inline cv::Mat
ekyc_cv_wrap_view (const EkycCvView *view)
{
  return cv::Mat (view->height, view->width, CV_8UC (ekyc_cv_channels_of (view->order)),
                  const_cast<uint8_t *> (view->pixels), view->stride);
}

/* No exception may cross extern "C": each entry point wraps its body in these. */
#define EKYC_CV_TRY try
#define EKYC_CV_CATCH(error_message, failure)                                         \
  catch (const cv::Exception &e)                                                      \
    {                                                                                 \
      if (error_message)                                                              \
        *(error_message) = g_strdup_printf ("OpenCV: %s", e.what ());                 \
      return failure;                                                                 \
    }                                                                                 \
  catch (const std::exception &e)                                                     \
    {                                                                                 \
      if (error_message)                                                              \
        *(error_message) = g_strdup (e.what ());                                      \
      return failure;                                                                 \
    }                                                                                 \
  catch (...)                                                                         \
    {                                                                                 \
      if (error_message)                                                              \
        *(error_message) = g_strdup ("unknown C++ exception");                        \
      return failure;                                                                 \
    }
