/* ekyc-cv-qr.cpp — a QR code's region sampled large and sharp for zbar
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * On a small or blurred card the QR's modules are under 2 px and soft; zbar's own binariser
 * then merges them. Sampling the region straight from the photo (one interpolation, bicubic) at
 * about 6 px per module and boosting the contrast of fine detail with an unsharp mask gives it
 * cleaner edges to threshold (BENCHMARKS.md, "the QR on the card").
 */
#include "config.h"

#include <glib.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
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

} /* namespace */

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
