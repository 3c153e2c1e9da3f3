/* ekyc-card-line-private.h — one value line cut out of a rectified card, its marks whole
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc/ekyc-image.h"
#include "ekyc-card-fields-private.h"

/* The line whose letters lie in @box on @card (BGR, from ekyc_card_rectify) as gray pixels
 * scaled by @scale, with the marks above and below its letters and none of the next lines'
 * (painted white); NULL when @card is not BGR. (transfer full, g_free) */
guint8 *_ekyc_card_line_gray (const EkycImage *card, const EkycCardValueBox *box, double scale,
                              int *width_out, int *height_out);

/* @gray (@width × @height) stretched @factor times wider, for text printed condensed ("Việt Nam"
 * squeezed into a third of its width reads as strokes). (transfer full, g_free) */
guint8 *_ekyc_card_gray_stretch (const guint8 *gray, int width, int height, double factor,
                                 int *width_out);

/* The width of @gray (@width × @height) that holds a one-line value from its left edge: up to
 * the first blank run of half of @line_height (pixels) between rows @row0 and @row1, after at
 * least a line height and a half of ink; @width when there is none. A value the page OCR ran
 * into the next column's text ("Không thời hạn" then "Phường Phú Cường") ends there. */
int _ekyc_card_gray_value_width (const guint8 *gray, int width, int height, int row0, int row1,
                                 int line_height);

/* The paper's gray level of @gray (@n pixels): the median of the lighter of the two classes
 * Otsu's threshold splits it into (ink, however much of it, is the darker). */
guint8 _ekyc_card_gray_paper (const guint8 *gray, gsize n);
