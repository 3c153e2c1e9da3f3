/* ekyc-cv-frame.cpp — a part of a frame cut out, scaled, padded and turned by quarter turns
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The card reader brings any picture (a 640 × 480 webcam frame, a 4032 × 3024 phone photo, a
 * phone held upright, an A4 scan, a scan cut to the card) to the terms its detection and reading
 * were made for: this is the pixel work of it, the choices are in ekyc-card-frame.c.
 */
#include "config.h"

#include <cstring>

#include <glib.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "ekyc-cv.h"
#include "ekyc-cv-private.hpp"

extern "C" int
_ekyc_cv_frame_transform (const EkycCvView *view, const int crop[4], int width, int height,
                          int pad, int quarter_turns, uint8_t **bgr_out, int *width_out,
                          int *height_out, char **error_message)
{
  EKYC_CV_TRY
    {
      cv::Mat src = ekyc_cv_wrap_view (view), part, bgr, scaled, padded, turned;
      cv::Rect rect (crop[0], crop[1], crop[2], crop[3]);

      rect &= cv::Rect (0, 0, src.cols, src.rows);
      if (rect.width <= 0 || rect.height <= 0 || width <= 0 || height <= 0)
        {
          if (error_message)
            *error_message = g_strdup ("empty part of the frame");
          return 0;
        }
      part = src (rect);
      switch (view->order)
        {
        case EKYC_CV_ORDER_GRAY: cv::cvtColor (part, bgr, cv::COLOR_GRAY2BGR); break;
        case EKYC_CV_ORDER_RGB: cv::cvtColor (part, bgr, cv::COLOR_RGB2BGR); break;
        case EKYC_CV_ORDER_BGR: bgr = part; break;
        case EKYC_CV_ORDER_RGBA: cv::cvtColor (part, bgr, cv::COLOR_RGBA2BGR); break;
        case EKYC_CV_ORDER_BGRA: cv::cvtColor (part, bgr, cv::COLOR_BGRA2BGR); break;
        case EKYC_CV_ORDER_ARGB:
        case EKYC_CV_ORDER_ABGR:
          {
            cv::Mat three (part.rows, part.cols, CV_8UC3);
            int from_to[] = { 1, 0, 2, 1, 3, 2 };
            cv::mixChannels (&part, 1, &three, 1, from_to, 3);
            if (view->order == EKYC_CV_ORDER_ARGB)
              cv::cvtColor (three, bgr, cv::COLOR_RGB2BGR);
            else
              bgr = three;
          }
          break;
        }
      if (width == bgr.cols && height == bgr.rows)
        scaled = bgr;
      else
        cv::resize (bgr, scaled, cv::Size (width, height), 0, 0,
                    width < bgr.cols ? cv::INTER_AREA : cv::INTER_LINEAR);
      /* a border: the picture's own edge pixels drawn out (a card cut out with a margin keeps
       * its outline, and gets no other), or mid-grey (a card cut out to its very edge gets an
       * outline to be found by) */
      if (pad > 0)
        cv::copyMakeBorder (scaled, padded, pad, pad, pad, pad, cv::BORDER_REPLICATE);
      else if (pad < 0)
        cv::copyMakeBorder (scaled, padded, -pad, -pad, -pad, -pad, cv::BORDER_CONSTANT,
                            cv::Scalar::all (96));
      else
        padded = scaled;
      switch (((quarter_turns % 4) + 4) % 4)
        {
        case 1: cv::rotate (padded, turned, cv::ROTATE_90_CLOCKWISE); break;
        case 2: cv::rotate (padded, turned, cv::ROTATE_180); break;
        case 3: cv::rotate (padded, turned, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        default: turned = padded; break;
        }
      size_t row = (size_t) turned.cols * 3;
      uint8_t *out = (uint8_t *) g_malloc (row * turned.rows);
      for (int y = 0; y < turned.rows; y++)
        memcpy (out + row * y, turned.ptr<uint8_t> (y), row);
      *bgr_out = out;
      *width_out = turned.cols;
      *height_out = turned.rows;
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}
