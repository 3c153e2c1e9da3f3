/* ekyc-mrz-read-private.h — the MRZ reader on a card already found (the card reader's back side)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc/ekyc-mrz-read.h"

/* ekyc_mrz_read() with the card detection done: reads @card (nullable: the card @detection
 * found in @image, rectified) and, when @card is NULL or @whole_image is set and the card gave
 * no valid reading, the whole @image; each also upside down. Errors as ekyc_mrz_read(). */
EkycMrzReading *_ekyc_mrz_read_card (const EkycImage *image, const EkycCardDetection *detection,
                                     const EkycImage *card, gboolean whole_image,
                                     const GDate *today, GError **error);
