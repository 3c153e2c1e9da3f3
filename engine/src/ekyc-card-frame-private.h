/* ekyc-card-frame-private.h — any picture of a card brought to the detector's and reader's terms
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc/ekyc-card-detect.h"

G_BEGIN_DECLS

/* The affine that takes a point of a picture made from a frame (cut, scaled, padded, turned)
 * back to the frame: x = m[0] u + m[1] v + m[2], y = m[3] u + m[4] v + m[5] (pixel edges). */
typedef struct {
  double m[6];
} EkycCardFrameMap;

/* ekyc_card_detect() on @image as it is (ekyc-card-detect.c): no scaling, no turns. */
gboolean _ekyc_card_detect_as_seen (const EkycImage *image, EkycCardDetection *out,
                                    GError **error);

/* The picture the card reader reads for @frame: the card found cut out with a margin, turned
 * so that its long sides run across, and scaled down so that it is at most about 1200 px long;
 * when no card is found, a frame over 1600 px scaled down, and a frame shaped like a card seen a
 * quarter turned (a scan cut to the card) turned. @frame itself (a new reference) when it needs
 * none of that (a 1280 × 720 photo of a card lying across). @map receives the way back.
 * Returns: (transfer full) (nullable): %NULL with %EKYC_ERROR_INTERNAL. */
EkycImage *_ekyc_card_frame_for_reading (const EkycImage *frame, EkycCardFrameMap *map,
                                         GError **error);

/* Moves @det, found on a picture made of a frame @frame_width × @frame_height by @map, into the
 * frame: its corners, and the size and cut-off judged against the frame. */
void _ekyc_card_frame_map_detection (const EkycCardFrameMap *map, int frame_width,
                                     int frame_height, EkycCardDetection *det);

/* The quadrilateral @corners (x, y four times, clockwise from the top-left) of @image warped to
 * a @width × @height BGR picture (ekyc-card-detect.c). (transfer full) (nullable): %NULL with
 * %EKYC_ERROR_INTERNAL. */
EkycImage *_ekyc_card_warp (const EkycImage *image, const double corners[8], int width,
                            int height, GError **error);

/* The corner of @det (clockwise) that is the top-left of it set upright (rolled less than 45°):
 * the one whose next edge runs most to the right. */
int _ekyc_card_upright_top_left (const EkycCardDetection *det);

G_END_DECLS
