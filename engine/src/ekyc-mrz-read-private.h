/* ekyc-mrz-read-private.h — the MRZ reader on a card already found (the card reader's back side)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc/ekyc-mrz-read.h"

/* One look for an MRZ: in @image (the whole photo, the rectified card or a part of it starting
 * @y_offset rows down the card), upside down when @flip. */
typedef struct {
  const EkycImage *image;
  gboolean         flip;
  EkycMrzSource    source;
  int              y_offset;
} EkycMrzPass;

/* ekyc_mrz_read() with the card detection done: tries @passes in order until one gives an MRZ
 * whose every check digit passes (or none is left) and keeps the best reading. Errors as
 * ekyc_mrz_read(). */
EkycMrzReading *_ekyc_mrz_read_passes (const EkycMrzPass *passes, int n_passes,
                                       const EkycCardDetection *detection, const GDate *today,
                                       GError **error);
