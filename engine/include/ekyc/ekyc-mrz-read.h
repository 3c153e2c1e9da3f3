/* ekyc-mrz-read.h — reading the machine readable zone from a photo (ID card back, passport page)
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include "ekyc-version.h"
#include "ekyc-card-detect.h"
#include "ekyc-image.h"
#include "ekyc-mrz.h"

EKYC_BEGIN_DECLS

/* Where the MRZ was read. */
typedef enum {
  EKYC_MRZ_SOURCE_CARD,  /* on the card found by ekyc_card_detect(), rectified */
  EKYC_MRZ_SOURCE_IMAGE, /* on the whole image (no card outline, or a passport page) */
} EkycMrzSource;

/**
 * EkycMrzReading:
 * An MRZ read from a photo. Read-only for the caller; free with ekyc_mrz_reading_free().
 *
 * @mrz is what ekyc_mrz_parse() makes of the lines read, after the reader's own repairs: it is
 * never %NULL, but it may fail its check digits (#EkycMrz.valid is %FALSE; call
 * ekyc_mrz_validate() for the named %EKYC_ERROR_MRZ_CHECK_FAILED error).
 */
typedef struct {
  EkycMrz          *mrz;
  EkycMrzSource     source;
  /* The text block, clockwise from its top-left: in the image's pixels when @source is IMAGE,
   * in the rectified card's (EKYC_CARD_RECTIFIED_WIDTH wide) when it is CARD. */
  EkycPoint         corners[4];
  /* The card detection that was tried first (found or not). */
  EkycCardDetection card;
  /* The mean, over all characters, of the classifier's probability for the character kept. */
  float             confidence;
  /* Characters the reader replaced by its second (or later) choice because the check digits
   * proved it; counted apart from the parser's own repairs (#EkycMrz.repairs). */
  guint             n_alternative_repairs;
  /* Characters whose best and second choice were close (probability ratio < 4). */
  guint             n_uncertain;
} EkycMrzReading;

/**
 * ekyc_mrz_read:
 * Finds the MRZ in @image (a camera frame or a scan of an ID card's back or of a passport's data
 * page) and reads it: on the card rectified when ekyc_card_detect() finds one, otherwise on the
 * whole image, also upside down when the upright reading fails its checks. Characters are
 * recognised by a classifier trained at build time on the OCR-B font; where a check digit fails,
 * the reader tries the classifier's next choices and keeps a change only when it makes the
 * checks pass and no other change of the same likelihood does.
 *
 * No engine or model file is needed. Thread-safe (one @image may be read from several threads).
 * @today: (nullable): resolves two-digit years (see #EkycMrz); %NULL: the local date.
 *
 * Errors:
 * - %EKYC_ERROR_MRZ_NOT_FOUND: no block of 2 or 3 long, even text lines in the picture;
 * - %EKYC_ERROR_MRZ_UNREADABLE: such a block was found but its characters do not form an MRZ
 *   (blur, glare, a cut-off line, the wrong side of the card);
 * - %EKYC_ERROR_INTERNAL: OpenCV failed.
 * A reading that fails its check digits is NOT an error here (see #EkycMrzReading).
 * Returns: (transfer full) (nullable): the reading, or %NULL with @error set.
 */
EKYC_API EkycMrzReading *ekyc_mrz_read (const EkycImage *image, const GDate *today,
                                        GError **error);

/**
 * ekyc_mrz_reading_free:
 * Frees @reading and its MRZ. %NULL is ignored.
 */
EKYC_API void ekyc_mrz_reading_free (EkycMrzReading *reading);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkycMrzReading, ekyc_mrz_reading_free)

EKYC_END_DECLS
