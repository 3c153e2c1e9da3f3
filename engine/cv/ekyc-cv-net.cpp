/* ekyc-cv-net.cpp — ONNX models through OpenCV DNN: load once, forward NCHW float blobs
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string>
#include <vector>
#include <glib.h>
#include <opencv2/dnn.hpp>

#include "ekyc-cv.h"
#include "ekyc-cv-private.hpp"

struct _EkycCvNet
{
  cv::dnn::Net             net;
  std::vector<std::string> output_names;
};

extern "C" EkycCvNet *
_ekyc_cv_net_load (const char *onnx_path, int n_outputs, const char *const *output_names,
                   char **error_message)
{
  EKYC_CV_TRY
    {
      EkycCvNet *self = new EkycCvNet;
      try
        {
          self->net = cv::dnn::readNetFromONNX (onnx_path);
          self->net.setPreferableBackend (cv::dnn::DNN_BACKEND_OPENCV);
          self->net.setPreferableTarget (cv::dnn::DNN_TARGET_CPU);
          if (n_outputs > 0)
            {
              for (int i = 0; i < n_outputs; i++)
                self->output_names.emplace_back (output_names[i]);
            }
          else
            {
              self->output_names = self->net.getUnconnectedOutLayersNames ();
            }
        }
      catch (...)
        {
          delete self;
          throw;
        }
      return self;
    }
  EKYC_CV_CATCH (error_message, nullptr)
}

extern "C" void
_ekyc_cv_net_free (EkycCvNet *self)
{
  delete self;
}

extern "C" int
_ekyc_cv_net_forward (EkycCvNet *self, const float *input, int c, int h, int w,
                      float *const *outputs, const size_t *output_sizes, char **error_message)
{
  EKYC_CV_TRY
    {
      int shape[] = { 1, c, h, w };
      cv::Mat blob (4, shape, CV_32F, const_cast<float *> (input));
      std::vector<cv::Mat> outs;
      self->net.setInput (blob);
      self->net.forward (outs, self->output_names);
      for (size_t i = 0; i < self->output_names.size (); i++)
        {
          cv::Mat out = outs[i].isContinuous () ? outs[i] : outs[i].clone ();
          if (out.total () != output_sizes[i] || out.depth () != CV_32F)
            {
              if (error_message)
                *error_message = g_strdup_printf ("output %s has %zu values, expected %zu",
                                                  self->output_names[i].c_str (),
                                                  (size_t) out.total (), output_sizes[i]);
              return 0;
            }
          memcpy (outputs[i], out.ptr<float> (), output_sizes[i] * sizeof (float));
        }
      return 1;
    }
  EKYC_CV_CATCH (error_message, 0)
}
