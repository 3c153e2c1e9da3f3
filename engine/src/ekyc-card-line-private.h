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
