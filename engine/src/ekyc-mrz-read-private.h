/* ekyc-mrz-read-private.h — the MRZ reader on a card already found (the card reader's back side)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc/ekyc-mrz-read.h"
#include "../cv/ekyc-cv.h"

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

/* Fills @lines (NUL-terminated) and @chosen (the index of each character among @text's
 * alternatives) with the likeliest reading that the MRZ layout allows position by position:
 * letters in codes, nationality and name, digits in dates and check digits (and in a
 * Vietnamese card's numbers), M/F/X/< for the sex. A cell whose alternatives hold no allowed
 * character keeps its first, for the parser's look-alike repairs. */
void _ekyc_mrz_choose_by_layout (const EkycCvMrzText *text, char lines[3][45],
                                 guint chosen[3][44]);
