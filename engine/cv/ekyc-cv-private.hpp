/* ekyc-cv-private.hpp — the try/catch wrapper every extern "C" entry of the shim uses
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <exception>
#include <glib.h>
#include <opencv2/core.hpp>

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
