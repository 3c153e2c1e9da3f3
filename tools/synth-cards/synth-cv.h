/* synth-cv.h — the card factory's door into OpenCV: image I/O, perspective compositing, blur
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Plain C declarations of synth-cv.cpp. Pixels are Cairo's: 4 bytes per pixel, B G R A in memory
 * (ARGB32 premultiplied, or RGB24 with the 4th byte ignored). Every function catches every C++
 * exception and returns FALSE with a g_malloc'd message in *error_message (may be NULL).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decodes a JPEG/PNG file into opaque BGRA pixels (stride width × 4), g_malloc'd. */
gboolean synth_cv_load_bgra (const char *path, guint8 **pixels, int *width, int *height,
                             char **error_message);

/* Warps the premultiplied card (cw × ch) so that its corners land on quad (x0 y0 … x3 y3,
 * clockwise from top-left, in pixel-edge coordinates: pixel i spans [i, i + 1]), casting a soft
 * shadow (offset, blur sigma and opacity 0–1) and blending it over the opaque frame. */
gboolean synth_cv_composite (const guint8 *card, int cw, int ch, gsize card_stride,
                             guint8 *frame, int fw, int fh, gsize frame_stride,
                             const double quad[8], double shadow_dx, double shadow_dy,
                             double shadow_sigma, double shadow_opacity, char **error_message);

/* Gaussian blur in place (sigma in pixels; sigma ≤ 0 does nothing). */
gboolean synth_cv_blur (guint8 *pixels, int width, int height, gsize stride, double sigma,
                        char **error_message);

/* Writes the first three channels (B G R) as a baseline JPEG of the given quality (1–100). */
gboolean synth_cv_write_jpeg (const guint8 *pixels, int width, int height, gsize stride,
                              int quality, const char *path, char **error_message);

G_END_DECLS
