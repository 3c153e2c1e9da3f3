/* ekyc-cv-mrz-line.hpp — one MRZ text line cut into its fixed-pitch character cells
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by the engine's MRZ reader and the build-time tool that trains the glyph classifier
 * (tools/mrz-glyphs), so that the classifier learns from cells cut exactly the way the reader
 * cuts them.
 */
#pragma once

#include <vector>
#include <opencv2/core.hpp>

#include "ekyc-cv-mrz-model.h"

/* The reader scales the MRZ so that a line's capital letters are about this many pixels high. */
#define EKYC_MRZ_LINE_HEIGHT 24

extern const char ekyc_mrz_alphabet[EKYC_MRZ_N_CLASSES + 1];

/* The ink of a grey image (dark print on a lighter ground) as floats in [0, 1], independent of
 * the local illumination: (background − grey) / background, the background being a grey
 * closing larger than the strokes. @scale is the expected capital height in pixels. */
cv::Mat ekyc_mrz_ink_map (const cv::Mat &gray, double cap_height);

/* Cuts the line centred near @y_guess (rows of @ink, a float ink map from ekyc_mrz_ink_map)
 * into @n_chars cells of a regular pitch and writes one feature vector per cell
 * (n_chars × EKYC_MRZ_FEATURE_DIM floats) into @features. Returns false when the line does
 * not hold a plausible row of @n_chars characters. @pitch_out and @height_out (nullable)
 * receive the measured pitch and capital height. */
bool ekyc_mrz_line_features (const cv::Mat &ink, double y_guess, double cap_height, int n_chars,
                             std::vector<float> &features, double *pitch_out = nullptr,
                             double *height_out = nullptr);

/* Estimates how many fixed-pitch characters the line near @y_guess holds (0: no line). */
int ekyc_mrz_line_count_chars (const cv::Mat &ink, double y_guess, double cap_height);
