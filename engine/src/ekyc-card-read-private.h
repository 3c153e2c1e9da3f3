/* ekyc-card-read-private.h — the card reader's steps, shared by one-side and two-side reading
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc/ekyc-card-read.h"
#include "ekyc-card-ocr-private.h"

struct _EkycCardReader {
  EkycOcr *ocr;
  EkycOcr *second_ocr;   /* (nullable) made when two sides are read at once, on its thread */
  char    *tessdata_dir;
};

/* The steps without OCR of the print: card outline, rectification, QR, MRZ; side and layout
 * as far as the codes tell, the portrait when the side is known to be a front. Thread-safe. */
EkycCardSideReading *_ekyc_card_scan_side (const EkycImage *image, GError **error);
/* _ekyc_card_scan_side() in two steps: the codes with the MRZ looked for upright only, then
 * (when @look_upside_down) the MRZ upside down, and side and layout from the codes. A card read
 * from two photos looks upside down only when neither photo has a valid MRZ upright. */
EkycCardSideReading *_ekyc_card_scan_side_upright (const EkycImage *image, GError **error);
/* _ekyc_card_scan_side_upright() in two steps: outline and QR, then the MRZ upright (a card read
 * from two photos may skip the MRZ look on a photo its QR tells is a front). */
EkycCardSideReading *_ekyc_card_scan_side_codes (const EkycImage *image, GError **error);
void _ekyc_card_scan_side_mrz_upright (EkycCardSideReading *side, const EkycImage *image);
void _ekyc_card_scan_side_finish (EkycCardSideReading *side, const EkycImage *image,
                                  gboolean look_upside_down);

/* Every field, for _ekyc_card_read_printed()'s @needed. */
#define EKYC_CARD_ALL_FIELDS ((1u << EKYC_CARD_READ_N_FIELDS) - 1)

/* The printed fields of a scanned @side with @ocr (one thread at a time); side and layout from
 * the labels; the errors of ekyc_card_reader_read_side() when @side shows no readable card.
 * @needed (1 << EkycCardReadField bits) says which fields the codes left to the print: the
 * others may be left unread or read less carefully (no closer second reading). With the place
 * of origin alone, on a side whose codes told side and layout, only the band of the card where
 * that layout prints it is read (the whole side when it is not found there). */
gboolean _ekyc_card_read_printed (EkycOcr *ocr, EkycCardSideReading *side,
                                  const EkycImage *image, guint needed, GError **error);

/* Crops the portrait of a front (the left of the rectified card), once. */
void _ekyc_card_side_crop_portrait (EkycCardSideReading *side);
